package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * Time to depressive relapse against the closed-form survival S(t) = pi + (1 - pi) exp(-HR H(t)) at several
 * times, by chi-square goodness of fit of the counts between those times, in the manner of commons-rng's
 * sampler tests: {@value #TESTS} independent tests (one replicate stream each) at the 1% level, failing only
 * if 3 or more reject. Under a correct sampler the number of rejections is Binomial(20, 0.01), and
 * P(X >= 3) = 1e-3, while a wrong distribution makes nearly every test reject.
 */
class RelapseSurvivalTest {

    private static final int TESTS = 20;
    private static final int PATIENTS = 2000;
    private static final double INDUCTION = 4;
    private static final double[] TIMES = {2, 4, 8, 12, 16, 26, 39, 52, 78, 104};
    private static final double[] WEIBULL_TIMES = {2, 4, 8, 12, 16, 20, 26, 32, 39, 52};

    @Test
    void exponentialWithHazardRatioFromResponse() {
        // Independent closed form typed here: S(t) = exp(-0.6 * 0.05 t).
        check(new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.05), 0, 0.6),
                t -> Math.exp(-0.6 * 0.05 * t), TIMES);
    }

    @Test
    void weibullWithHazardRatio() {
        // S(t) = exp(-0.7 (t / 20)^1.5).
        check(new Relapse(Relapse.Origin.RESPONSE, new Hazard.Weibull(1.5, 20), 0, 0.7),
                t -> Math.exp(-0.7 * Math.pow(t / 20, 1.5)), WEIBULL_TIMES);
    }

    @Test
    void piecewiseWithDurableFractionAndHazardRatio() {
        Hazard h = new Hazard.PiecewiseExponential(List.of(0.0, 8.0, 26.0), List.of(0.08, 0.04, 0.01));
        // H(t) = 0.08 min(t, 8) + 0.04 (min(t, 26) - 8)+ + 0.01 (t - 26)+, typed independently of Hazard.
        DoubleUnaryOperator cum = t -> 0.08 * Math.min(t, 8) + 0.04 * Math.max(0, Math.min(t, 26) - 8)
                + 0.01 * Math.max(0, t - 26);
        check(new Relapse(Relapse.Origin.RESPONSE, h, 0.3, 0.5),
                t -> 0.3 + 0.7 * Math.exp(-0.5 * cum.applyAsDouble(t)), TIMES);
    }

    @Test
    void fromRandomizationWithDurableFraction() {
        check(new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(0.03), 0.2, 1),
                t -> 0.2 + 0.8 * Math.exp(-0.03 * t), TIMES);
    }

    private static void check(Relapse relapse, DoubleUnaryOperator survival, double[] times) {
        // Everyone responds, so that every patient has a relapse time from the origin.
        Scenario s = new ScenarioFixture().induction(INDUCTION)
                .arm("a", 1, false, new PatientModel(new ResponseModel.Probability(1, 0), relapse, null)).build();
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        Cohort c = new Cohort(PATIENTS);
        double origin = relapse.origin() == Relapse.Origin.RESPONSE ? INDUCTION : 0;
        int bins = times.length + 1;
        double[] expected = new double[bins];
        double previous = 1;
        for (int b = 0; b < times.length; b++) {
            double st = survival.applyAsDouble(times[b]);
            expected[b] = PATIENTS * (previous - st);
            previous = st;
        }
        expected[times.length] = PATIENTS * previous;
        for (double e : expected) {
            assertTrue(e >= 5, "each bin needs an expected count of 5 for the chi-square approximation");
        }
        double critical = ChiSquaredDistribution.of(bins - 1).inverseSurvivalProbability(0.01);
        int rejections = 0;
        StringBuilder stats = new StringBuilder();
        for (int test = 0; test < TESTS; test++) {
            sampler.sample(c, PATIENTS, 2024, test);
            long[] observed = new long[bins];
            for (int i = 0; i < PATIENTS; i++) {
                double t = c.doubles(RelapseTime.TIME)[i] - origin;
                int b = 0;
                while (b < times.length && t >= times[b]) {
                    b++;
                }
                observed[b]++;
            }
            double chi2 = 0;
            for (int b = 0; b < bins; b++) {
                chi2 += (observed[b] - expected[b]) * (observed[b] - expected[b]) / expected[b];
            }
            stats.append(String.format(" %.1f", chi2));
            if (chi2 > critical) {
                rejections++;
            }
        }
        assertTrue(rejections < 3, rejections + " of " + TESTS + " chi-square tests rejected at 1% (critical "
                + critical + "):" + stats);
    }
}
