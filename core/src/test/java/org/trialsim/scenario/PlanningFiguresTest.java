package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The derived planning figures against closed forms and independent numerical routes. */
class PlanningFiguresTest {

    private static final NormalDistribution Z = NormalDistribution.of(0, 1);

    @Test
    void madrsResponseClosedFormAgainstIntegrationOverBaseline() {
        ResponseModel.Madrs m = new ResponseModel.Madrs(30, 7, -12, 10, 0.5, 10);
        // Independent route: P(C <= -r B) = integral of Phi((-r b - mc) / sc) phi_B(b) db.
        NormalDistribution baseline = NormalDistribution.of(30, 7);
        double integral = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-15).integrate(1_000_000,
                b -> Z.cumulativeProbability((-0.5 * b + 12) / 10) * baseline.density(b), 30 - 70, 30 + 70);
        assertEquals(integral, PlanningFigures.response(m), 1e-10);
        // Mean of C + r B is -12 + 15 = 3: below one half.
        assertTrue(PlanningFigures.response(m) < 0.5);
        // Exactly one half when the mean of C + r B is 0.
        assertEquals(0.5, PlanningFigures.response(new ResponseModel.Madrs(30, 7, -15, 10, 0.5, 10)), 1e-15);
        // Remission: end score B + C ~ N(30 - 20, 7^2 + 10^2) is <= 10 with probability 1/2.
        assertEquals(0.5, PlanningFigures.remission(new ResponseModel.Madrs(30, 7, -20, 10, 0.5, 10)), 1e-15);
        // and Phi((10 - 18) / sqrt(149)) for a change of -12
        assertEquals(Z.cumulativeProbability(-8 / Math.sqrt(149)), PlanningFigures.remission(m), 1e-15);
        assertEquals(0.3, PlanningFigures.response(new ResponseModel.Probability(0.3, 0.1)));
        assertEquals(0.1, PlanningFigures.remission(new ResponseModel.Probability(0.3, 0.1)));
        assertEquals(0, PlanningFigures.response(null));
    }

    @Test
    void relapseMedians() {
        double lambda = Math.log(2) / 2.571;
        Hazard exp = new Hazard.Exponential(lambda);
        assertEquals(2.571, PlanningFigures.relapseMedian(new Relapse(Relapse.Origin.RESPONSE, exp, 0, 1)), 1e-12);
        // durable fraction 1/4: (3/4) exp(-lambda t) = 1/4, t = ln 3 / lambda
        Relapse durable = new Relapse(Relapse.Origin.RESPONSE, exp, 0.25, 1);
        assertEquals(Math.log(3) / lambda, PlanningFigures.relapseMedian(durable), 1e-12);
        assertEquals(0.5, durable.survival(PlanningFigures.relapseMedian(durable)), 1e-14);
        // hazard ratio 1/2 doubles an exponential median
        assertEquals(2 * 2.571, PlanningFigures.relapseMedian(new Relapse(Relapse.Origin.RESPONSE, exp, 0, 0.5)), 1e-12);
        // Weibull: scale (ln 2)^(1/shape)
        Relapse weibull = new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Weibull(2, 5), 0, 1);
        assertEquals(5 * Math.sqrt(Math.log(2)), PlanningFigures.relapseMedian(weibull), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY,
                PlanningFigures.relapseMedian(new Relapse(Relapse.Origin.RESPONSE, exp, 0.5, 1)));
    }

    @Test
    void benzodiazepineFreeWithoutCoupling() {
        double mu = 0.006923;
        Benzodiazepine b = new Benzodiazepine(0.95, 0.87, new Hazard.Exponential(mu), 1);
        PatientModel m = new PatientModel(new ResponseModel.Probability(0.5, 0.35),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.27), 0.25, 1), b);
        double expected = (0.5 * 0.95 + 0.5 * 0.87) * Math.exp(-mu * 48);
        assertEquals(expected, PlanningFigures.benzodiazepineFree(m, 4, 52), 1e-14);
        assertTrue(Double.isNaN(PlanningFigures.benzodiazepineFree(new PatientModel(null, null, null), 4, 52)));
    }

    /**
     * Exponential depressive relapse (rate lambda, durable fraction d) timed from the end of induction and an
     * exponential benzodiazepine relapse (rate mu) multiplied by c after it:
     * G = d e^(-mu tau) + (1 - d) [e^(-(lambda + mu) tau) + lambda e^(-c mu tau) (1 - e^(-(lambda + mu - c mu) tau))
     * / (lambda + mu - c mu)].
     */
    static double coupledClosedForm(double lambda, double d, double mu, double c, double tau) {
        double k = lambda + mu - c * mu;
        return d * Math.exp(-mu * tau) + (1 - d) * (Math.exp(-(lambda + mu) * tau)
                + lambda * Math.exp(-c * mu * tau) * (-Math.expm1(-k * tau)) / k);
    }

    @Test
    void benzodiazepineFreeWithCouplingMatchesClosedForm() {
        double lambda = Math.log(2) / 2.571;
        double mu = 0.006923;
        for (double c : new double[] {0.5, 1.5, 3}) {
            for (double d : new double[] {0, 0.25}) {
                PatientModel m = new PatientModel(new ResponseModel.Probability(0.5, 0.35),
                        new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(lambda), d, 1),
                        new Benzodiazepine(0.95, 0.87, new Hazard.Exponential(mu), c));
                double g = coupledClosedForm(lambda, d, mu, c, 48);
                double expected = 0.5 * 0.95 * g + 0.5 * 0.87 * Math.exp(-mu * 48);
                assertEquals(expected, PlanningFigures.benzodiazepineFree(m, 4, 52), 1e-10,
                        String.format(Locale.ROOT, "c=%s d=%s", c, d));
            }
        }
    }

    @Test
    void couplingFromRandomizationMatchesClosedForm() {
        // Relapse timed from randomization with offset o = induction: T <= o multiplies from the start.
        // G = e^(-lambda (tau + o)) e^(-mu tau) + (1 - e^(-lambda o)) e^(-c mu tau)
        //     + e^(-lambda o) lambda e^(-c mu tau) (1 - e^(-(lambda + mu - c mu) tau)) / (lambda + mu - c mu)
        double lambda = 0.05;
        double mu = 0.01;
        double c = 2;
        double o = 4;
        double tau = 48;
        double k = lambda + mu - c * mu;
        double g = Math.exp(-lambda * (tau + o)) * Math.exp(-mu * tau) + (1 - Math.exp(-lambda * o)) * Math.exp(-c * mu * tau)
                + Math.exp(-lambda * o) * lambda * Math.exp(-c * mu * tau) * (-Math.expm1(-k * tau)) / k;
        PatientModel m = new PatientModel(null, new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(lambda),
                0, 1), new Benzodiazepine(0.8, 0.8, new Hazard.Exponential(mu), c));
        assertEquals(0.8 * g, PlanningFigures.benzodiazepineFree(m, o, o + tau), 1e-10);
    }

    @Test
    void couplingWithWeibullAndPiecewiseAgainstDirectQuadrature() {
        // Weibull shape 0.5 (infinite density at 0) and a piecewise benzodiazepine hazard. Independent route:
        // integrate over T directly with T = u^2 (dT = 2u du), composite Simpson with 200000 panels.
        Hazard relapseHazard = new Hazard.Weibull(0.5, 6);
        Hazard benzo = new Hazard.PiecewiseExponential(List.of(0.0, 8.0, 26.0), List.of(0.02, 0.01, 0.005));
        double c = 2.5;
        double d = 0.2;
        double hr = 0.7;
        double tau = 48;
        Relapse relapse = new Relapse(Relapse.Origin.RESPONSE, relapseHazard, d, hr);
        double hbTau = benzo.cumulativeHazard(tau);
        int n = 200_000;
        double uMax = Math.sqrt(tau);
        double h = uMax / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double u = i * h;
            double t = u * u;
            // density of T among the non-durable: hr h(t) exp(-hr H(t)), with h(t) = (k/s)(t/s)^(k-1)
            // f(t) 2u with h(t) = (0.5 / 6) sqrt(6) / u: the 1/u cancels, so write the product without it
            double f2u = hr * 0.5 / 6 * Math.sqrt(6) * 2 * Math.exp(-hr * relapseHazard.cumulativeHazard(t));
            double hv = benzo.cumulativeHazard(t);
            double integrand = (1 - d) * f2u * Math.exp(-(hv + c * (hbTau - hv)));
            sum += (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)) * integrand;
        }
        double direct = relapse.survival(tau) * Math.exp(-hbTau) + sum * h / 3;
        assertEquals(direct, PlanningFigures.stayFreeWithCoupling(benzo, c, relapse, 0, tau), 1e-10);
    }

    @Test
    void couplingOfOneIsNoCouplingThroughTheQuadrature() {
        Hazard benzo = new Hazard.Exponential(0.01);
        Relapse relapse = new Relapse(Relapse.Origin.RESPONSE, new Hazard.Weibull(1.5, 10), 0.1, 1);
        assertEquals(Math.exp(-0.48), PlanningFigures.stayFreeWithCoupling(benzo, 1, relapse, 0, 48), 1e-12);
    }

    @Test
    void dropoutByWeek() {
        Dropout d = new Dropout(0.10, 0.004662);
        assertEquals(0.05, PlanningFigures.dropout(d, 4, 2), 1e-15);
        assertEquals(0.10, PlanningFigures.dropout(d, 4, 4), 1e-15);
        assertEquals(1 - 0.9 * Math.exp(-0.004662 * 48), PlanningFigures.dropout(d, 4, 52), 1e-15);
        // 2% per month: monthly survival exp(-0.004662 * 52 / 12) = 0.98
        assertEquals(0.98, Math.exp(-0.004662 * 52 / 12), 1e-5);
    }

    @Test
    void summaryOfTheDefaultScenarioShowsTheDerivedFigures() {
        Scenario s = ScenarioLibrary.load(ScenarioLibrary.DEFAULT);
        String text = ScenarioSummary.of(s);
        double ketFree = 0.91 * Math.exp(-0.006923 * 48);
        double midFree = 0.62 * Math.exp(-0.010385 * 48);
        // relapse: the median of all ketamine responders (durable quarter included) ln 3 / 0.4273 = 2.571 weeks,
        // the 18 days of Murrough et al. 2013; midazolam's (no durable fraction) ln 2 / 0.4273
        for (double v : new double[] {ketFree, midFree, 0.5 * 0.9, 0.25 * 0.9, Math.log(3) / 0.4273,
            Math.log(2) / 0.4273}) {
            String f = String.format(Locale.ROOT, "%.3f", v);
            assertTrue(text.contains(f), f + " missing from\n" + text);
        }
        assertTrue(text.contains(String.format(Locale.ROOT, "%.1f%% by week 52",
                100 * (1 - 0.9 * Math.exp(-0.004662 * 48)))), text);
        assertTrue(text.contains(ScenarioHash.sha256(s)));
        // Published anchors the scenario is calibrated to: 64% (Garel 2023) and 36% (Oude Voshaar 2006) free.
        assertEquals(0.64, ketFree, 0.02);
        assertEquals(0.36, midFree, 0.02);
    }

    @Test
    void summaryAveragesBenzodiazepineFreeOverUserStrataByPrevalence() {
        Scenario s = ScenarioParser.parse("design: {sample_sizes: [2]}\nstrata:\n  light: {prevalence: 0.2, "
                + "benzodiazepine_user: true}\n  heavy: {prevalence: 0.2, benzodiazepine_user: true}\n  none: {prevalence: 0.6}\n"
                + "arms:\n  a:\n    benzodiazepine: {discontinuation: 0.9, relapse_hazard: {exponential: {rate: 0}}}\n"
                + "    strata: {heavy: {benzodiazepine: {discontinuation: 0.5}}}\n  b:\n    benzodiazepine: "
                + "{discontinuation: 0.4, relapse_hazard: {exponential: {rate: 0}}}\n"
                + "endpoints: {benzodiazepine_free: {}}\n", "s.yaml");
        String text = ScenarioSummary.of(s);
        // equal prevalences among users: (0.9 + 0.5) / 2 = 0.7 in arm a
        assertTrue(text.contains("all users") && text.contains("0.700"), text);
        assertTrue(text.contains("expected: a 0.700; b 0.400"), text);
    }

    @Test
    void summaryOfMadrsScenarioSaysWhichComputation() {
        Scenario s = ScenarioParser.parse("design: {sample_sizes: [128]}\narms:\n  t: {response: {madrs: {baseline_mean: 30, "
                + "baseline_sd: 7, change_mean: -15, change_sd: 10}}}\n  c: {response: {madrs: {baseline_mean: 30, "
                + "baseline_sd: 7, change_mean: -9, change_sd: 10}}}\nendpoints: {madrs_change: {}, response: {}}\n", "m.yaml");
        String text = ScenarioSummary.of(s);
        assertTrue(text.contains("normal closed form"), text);
        assertTrue(text.contains("0.500"), text);
        assertTrue(text.contains("mean change -15.000"), text);
        // d = 6 / 10
        assertTrue(text.contains("difference -6.000 MADRS points, SD 10.000: standardized difference d = 0.600"), text);
    }
}
