package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * The benzodiazepine-free fraction at week 52 against its closed form with coupling to depressive relapse.
 *
 * <p>Derivation. Let s = 52 - 4 = 48 weeks after induction, p the response probability, d_R and d_N the
 * discontinuation probabilities of responders and non-responders, H_b the benzodiazepine relapse cumulative
 * hazard (exponential and Weibull cases), theta its ratio after a depressive relapse, and R the time from the end of
 * induction to depressive relapse of a responder, with P(R > r) = pi + (1 - pi) exp(-lambda r) and density
 * f(r) = (1 - pi) lambda exp(-lambda r) on (0, inf). Non-responders never relapse (origin RESPONSE), so
 * their benzodiazepine survival is exp(-H_b(s)). Given R = r < s, the effective cumulative hazard at s is
 * H_b(r) + theta (H_b(s) - H_b(r)); given R >= s it is H_b(s). Hence
 * <pre>
 * P(free at 52) = p d_R [ P(R >= s) e^{-H_b(s)} + int_0^s f(r) e^{-H_b(r) - theta (H_b(s) - H_b(r))} dr ]
 *               + (1 - p) d_N e^{-H_b(s)}.
 * </pre>
 * The integral is computed here by Simpson's rule with 2000 panels (error below 1e-12 for these smooth
 * integrands). With N patients the estimate has MCSE sqrt(P (1 - P) / N); tolerance 4 MCSE.
 */
class BenzodiazepineCourseTest {

    private static final int N = 200_000;

    @Test
    void benzodiazepineFreeAt52WeeksMatchesCoupledClosedForm() {
        // Exponential benzodiazepine hazard 0.015 per week: H_b(u) = 0.015 u.
        check(new Hazard.Exponential(0.015), u -> 0.015 * u, 99);
    }

    /** The same with a Weibull benzodiazepine hazard, H_b(u) = (u / 60)^1.3, exercising a curved H_b at the kink. */
    @Test
    void benzodiazepineFreeWithWeibullHazard() {
        check(new Hazard.Weibull(1.3, 60), u -> Math.pow(u / 60, 1.3), 7);
    }

    private static void check(Hazard benzodiazepineHazard, java.util.function.DoubleUnaryOperator hb, long seed) {
        double p = 0.6;
        double dR = 0.9;
        double dN = 0.6;
        double pi = 0.25;
        double lambda = 0.04;
        double theta = 3;
        Scenario scenario = new ScenarioFixture().stratum("users", 1, true).induction(4)
                .arm("ketamine", 1, false, new PatientModel(new ResponseModel.Probability(p, 0.3),
                        new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(lambda), pi, 1),
                        new Benzodiazepine(dR, dN, benzodiazepineHazard, theta)))
                .cutoff(new org.trialsim.scenario.Cutoff.FollowUp(60))
                .endpoint("benzo-free", Endpoint.Kind.BENZODIAZEPINE_FREE, 52, "ketamine", null)
                .build();
        Cohort c = new Cohort(N);
        SamplingPlan.compile(scenario).newSampler().sample(c, N, seed, 3);

        double s = 48;
        double hs = hb.applyAsDouble(s);
        int panels = 2000;
        double width = s / panels;
        double integral = 0;
        for (int k = 0; k <= panels; k++) {
            double r = k * width;
            double f = (1 - pi) * lambda * Math.exp(-lambda * r)
                    * Math.exp(-hb.applyAsDouble(r) - theta * (hs - hb.applyAsDouble(r)));
            integral += f * (k == 0 || k == panels ? 1 : k % 2 == 1 ? 4 : 2);
        }
        integral *= width / 3;
        double responderFree = (pi + (1 - pi) * Math.exp(-lambda * s)) * Math.exp(-hs) + integral;
        double expected = p * dR * responderFree + (1 - p) * dN * Math.exp(-hs);

        int free = 0;
        for (int i = 0; i < N; i++) {
            assertTrue(c.booleans(BenzodiazepineCourse.USER)[i]);
            if (c.booleans(BenzodiazepineCourse.DISCONTINUED)[i] && c.doubles(BenzodiazepineCourse.RELAPSE)[i] > 52) {
                free++;
            }
        }
        double mcse = Math.sqrt(expected * (1 - expected) / N);
        assertEquals(expected, (double) free / N, 4 * mcse);

        // The endpoint extractor (no dropout, follow-up 60 >= 52) must count exactly the same patients.
        BinaryOutcomes out = new BinaryOutcomes();
        EndpointExtractor.compile(scenario, scenario.endpoints().get(0)).extract(c, N, Double.POSITIVE_INFINITY, out);
        assertEquals(N, out.total(1));
        assertEquals(free, out.events(1));

        // Without coupling (theta = 1) the fraction would be p d_R e^{-H_b(s)} + (1 - p) d_N e^{-H_b(s)}: the
        // test can tell the difference (it is many MCSE away).
        double uncoupled = (p * dR + (1 - p) * dN) * Math.exp(-hs);
        assertTrue(Math.abs(uncoupled - expected) > 20 * mcse);
    }

    @Test
    void nonUsersHaveNoBenzodiazepineCourse() {
        Scenario scenario = new ScenarioFixture().stratum("users", 0.4, true).stratum("others", 0.6, false)
                .arm("ketamine", 1, false, new PatientModel(new ResponseModel.Probability(0.5, 0.2), null,
                        new Benzodiazepine(1, 1, new Hazard.Exponential(0.01), 1)))
                .build();
        Cohort c = new Cohort(20_000);
        SamplingPlan.compile(scenario).newSampler().sample(c, 20_000, 5, 0);
        int users = 0;
        for (int i = 0; i < c.size; i++) {
            assertEquals(c.stratum[i] == 0, c.booleans(BenzodiazepineCourse.USER)[i]);
            assertEquals(c.booleans(BenzodiazepineCourse.USER)[i], c.booleans(BenzodiazepineCourse.DISCONTINUED)[i]);
            if (!c.booleans(BenzodiazepineCourse.USER)[i]) {
                assertEquals(Double.POSITIVE_INFINITY, c.doubles(BenzodiazepineCourse.RELAPSE)[i]);
            }
            users += c.booleans(BenzodiazepineCourse.USER)[i] ? 1 : 0;
        }
        // Prevalence 0.4: MCSE sqrt(0.24 / 20000) = 0.0035; 4 MCSE.
        assertEquals(0.4, users / 20_000.0, 4 * Math.sqrt(0.24 / 20_000));
    }
}
