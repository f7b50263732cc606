package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * The sampler against an independent implementation of the same model: {@link PlanningFigures} (written
 * separately for the scenario summary) computes the benzodiazepine-free fraction with coupling by
 * Gauss-Legendre quadrature of the relapse density, while the sampler inverts the kinked cumulative hazard
 * patient by patient. The cases exercise what the exponential closed form of {@link BenzodiazepineCourseTest}
 * does not: relapse timed from randomization (so a depressive relapse can precede the benzodiazepine clock
 * and the raised hazard then holds from its start), a Weibull relapse with decreasing hazard, piecewise
 * hazards with kinks, and a MADRS response model. N = 200000 users per case; 4 binomial MCSE each.
 */
class PlanningFiguresAgreementTest {

    private static final int N = 200_000;
    private static final double INDUCTION = 4;

    @Test
    void relapseFromRandomizationWithPiecewiseBenzodiazepineHazard() {
        PatientModel m = new PatientModel(new ResponseModel.Probability(0.5, 0.2),
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Weibull(0.8, 20), 0.1, 0.8),
                new Benzodiazepine(0.85, 0.55, new Hazard.PiecewiseExponential(List.of(0.0, 12.0, 26.0),
                        List.of(0.03, 0.015, 0.005)), 2.5));
        check(m, 52, 31);
    }

    @Test
    void relapseFromResponseWithWeibullBenzodiazepineHazardAndMadrs() {
        PatientModel m = new PatientModel(new ResponseModel.Madrs(32, 5, -14, 8, 0.5, 10),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.PiecewiseExponential(List.of(0.0, 8.0),
                        List.of(0.1, 0.02)), 0.2, 0.6),
                new Benzodiazepine(0.9, 0.5, new Hazard.Weibull(1.4, 50), 4));
        check(m, 40, 32);
    }

    private static void check(PatientModel model, double week, long seed) {
        Scenario s = new ScenarioFixture().stratum("users", 1, true).induction(INDUCTION)
                .arm("a", 1, false, model).build();
        Cohort c = new Cohort(N);
        SamplingPlan.compile(s).newSampler().sample(c, N, seed, 0);
        int free = 0;
        for (int i = 0; i < N; i++) {
            if (c.booleans(BenzodiazepineCourse.DISCONTINUED)[i] && c.doubles(BenzodiazepineCourse.RELAPSE)[i] > week) {
                free++;
            }
        }
        // For the MADRS case PlanningFigures ignores the clamping of scores, which matters with probability
        // Phi(-(32 - 0) / 5) ~ 1e-10 for the baseline and not at all for response (see InductionResponseTest).
        double expected = PlanningFigures.benzodiazepineFree(model, INDUCTION, week);
        double mcse = Math.sqrt(expected * (1 - expected) / N);
        assertEquals(expected, free / (double) N, 4 * mcse, "expected " + expected);
    }
}
