package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * Marginal response and remission rates against their closed forms. Each rate is estimated from N patients
 * of one cohort (i.i.d. given arm and stratum), so its Monte Carlo standard error is sqrt(p (1 - p) / N); the
 * tolerance is 4 MCSE (a correct implementation fails with probability 6e-5 per check).
 */
class InductionResponseTest {

    private static final int N = 200_000;

    private static Cohort sample(Scenario scenario, long seed) {
        Cohort c = new Cohort(N);
        SamplingPlan.compile(scenario).newSampler().sample(c, N, seed, 0);
        return c;
    }

    private static void assertRate(double expected, boolean[] flags, String what) {
        int k = 0;
        for (int i = 0; i < N; i++) {
            k += flags[i] ? 1 : 0;
        }
        double rate = (double) k / N;
        double mcse = Math.sqrt(expected * (1 - expected) / N);
        assertEquals(expected, rate, 4 * mcse, what + ": observed " + rate);
    }

    @Test
    void bernoulliResponseAndRemissionAsSubset() {
        Scenario s = new ScenarioFixture()
                .arm("ketamine", 1, false, new PatientModel(new ResponseModel.Probability(0.45, 0.25), null, null))
                .build();
        Cohort c = sample(s, 11);
        assertRate(0.45, c.booleans(InductionResponse.RESPONDED), "response");
        assertRate(0.25, c.booleans(InductionResponse.REMITTED), "remission");
        for (int i = 0; i < N; i++) {
            assertTrue(c.booleans(InductionResponse.RESPONDED)[i] || !c.booleans(InductionResponse.REMITTED)[i], "a remitter is a responder");
            assertTrue(Double.isNaN(c.doubles(InductionResponse.MADRS_BASELINE)[i]));
        }
    }

    /**
     * The MADRS change of completers through the endpoint extractor: baseline N(40, 4^2), change N(-10, 5^2),
     * so the end score is N(30, 6.4^2) and clamping at 0 or 60 has probability below 1e-5: the change is
     * N(-10, 25) to that accuracy. Mean within 4 MCSE (5 / sqrt(N)); variance within 4 of its standard error
     * sqrt(2 / (N - 1)) 25 (normal sample variance). Dropout 10% during induction removes non-completers.
     */
    @Test
    void madrsChangeOfCompletersIsNormal() {
        Scenario s = new ScenarioFixture().dropout(0.1, 0)
                .arm("t", 1, false, new PatientModel(new ResponseModel.Madrs(40, 4, -10, 5, 0.5, 10), null, null))
                .arm("c", 1, true, new PatientModel(new ResponseModel.Madrs(40, 4, -10, 5, 0.5, 10), null, null))
                .endpoint("madrs", org.trialsim.scenario.Endpoint.Kind.MADRS_CHANGE, Double.NaN, "t", "c").build();
        Cohort c = sample(s, 13);
        org.trialsim.endpoint.ContinuousOutcomes out = new org.trialsim.endpoint.ContinuousOutcomes();
        org.trialsim.endpoint.EndpointExtractor.compile(s, s.endpoints().get(0)).extract(c, N, Double.POSITIVE_INFINITY,
                out);
        int m = out.size();
        // Completers: Binomial(N, 0.9); 4 MCSE.
        assertEquals(0.9, m / (double) N, 4 * Math.sqrt(0.09 / N));
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += out.value()[i];
        }
        double mean = sum / m;
        double ss = 0;
        for (int i = 0; i < m; i++) {
            ss += (out.value()[i] - mean) * (out.value()[i] - mean);
        }
        assertEquals(-10, mean, 4 * 5 / Math.sqrt(m));
        assertEquals(25, ss / (m - 1), 4 * 25 * Math.sqrt(2.0 / (m - 1)));
    }

    /**
     * MADRS model: baseline B ~ N(32, 5^2), change C ~ N(-12, 10^2), response B - Y >= 0.5 B with Y = B + C,
     * remission Y <= 10. Response is C + 0.5 B <= 0, so P = Phi(-(mu_c + 0.5 mu_b) / sqrt(sd_c^2 + 0.25
     * sd_b^2)); remission is B + C <= 10, P = Phi((10 - mu_b - mu_c) / sqrt(sd_b^2 + sd_c^2)). Clamping Y to
     * [0, 60] changes neither event (Y clamps to 0 only when B + C < 0, which is both a response and a
     * remission anyway; to 60 only when B + C > 60, neither), and clamping B matters with probability
     * Phi(-5.6) = 1e-8: the closed forms are exact to that.
     */
    @Test
    void madrsRatesMatchNormalClosedForm() {
        double mb = 32;
        double sb = 5;
        double mc = -12;
        double sc = 10;
        Scenario s = new ScenarioFixture()
                .arm("ketamine", 1, false,
                        new PatientModel(new ResponseModel.Madrs(mb, sb, mc, sc, 0.5, 10), null, null))
                .build();
        Cohort c = sample(s, 12);
        NormalDistribution z = NormalDistribution.of(0, 1);
        double response = z.cumulativeProbability(-(mc + 0.5 * mb) / Math.sqrt(sc * sc + 0.25 * sb * sb));
        double remission = z.cumulativeProbability((10 - mb - mc) / Math.sqrt(sb * sb + sc * sc));
        assertRate(response, c.booleans(InductionResponse.RESPONDED), "MADRS response");
        assertRate(remission, c.booleans(InductionResponse.REMITTED), "MADRS remission");
        double sum = 0;
        for (int i = 0; i < N; i++) {
            assertTrue(c.doubles(InductionResponse.MADRS_BASELINE)[i] >= 0 && c.doubles(InductionResponse.MADRS_BASELINE)[i] <= 60);
            assertTrue(c.doubles(InductionResponse.MADRS_END)[i] >= 0 && c.doubles(InductionResponse.MADRS_END)[i] <= 60);
            sum += c.doubles(InductionResponse.MADRS_BASELINE)[i];
        }
        // Baseline mean: MCSE = 5 / sqrt(N) = 0.011; 4 MCSE.
        assertEquals(mb, sum / N, 4 * sb / Math.sqrt(N));
    }
}
