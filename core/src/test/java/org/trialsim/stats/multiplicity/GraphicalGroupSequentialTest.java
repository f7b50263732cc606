package org.trialsim.stats.multiplicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * The graphical group-sequential design (Maurer and Bretz 2013) against independent references, all computed
 * with R 4 and rpact 3.3.4 / mvtnorm on 2026-12-06 by the script
 * {@code src/test/resources/org/trialsim/stats/multiplicity/graphical-group-sequential.R} (its output beside it):
 * <ul>
 * <li>the bounds for each propagated level are rpact's {@code getDesignGroupSequential(...)$criticalValues} at
 * that level (rpact solves its spending equations to about 1e-8 in alpha, so bounds agree to 1e-5);</li>
 * <li>the probability of rejecting each hypothesis of two independent z processes (weights 1/2, 1/2, all weight
 * passed on) is exact in R: the sum over the look T at which the other hypothesis first crosses its bound at
 * alpha/2 of P(T) times the multivariate-normal probability that this one crosses its alpha/2 bounds before T or
 * its alpha bounds from T on ({@code mvtnorm::pmvnorm}, Miwa). The procedure run on simulated z processes must
 * agree within 4 Monte Carlo standard errors, sqrt(p(1-p)/R) with R = 200,000 (0.004 at p = 0.6);</li>
 * <li>the familywise error under the global null of two independent hypotheses is exactly
 * {@code 1 - (1 - alpha/2)^2 = alpha - alpha^2/4}: nothing is rejected only if neither crosses its alpha/2 bounds.</li>
 * </ul>
 */
class GraphicalGroupSequentialTest {

    private static final double Z_TOL = 1e-5;
    private static final double ALPHA = 0.025;
    private static final TestingGraph SWAP = TestingGraph.of(new double[] {0.5, 0.5},
            new double[][] {{0, 1}, {1, 0}});
    private static final SpendingFunction OF = SpendingFunction.obrienFleming();
    private static final SpendingFunction P = SpendingFunction.pocock();

    @Test
    void boundsAreRpactsAtEachPropagatedLevel() {
        double[] t = {0.5, 1};
        GraphicalGroupSequential d = GraphicalGroupSequential.of(SWAP, new SpendingFunction[] {OF, P}, t, ALPHA);
        // H1 (OBF) at 0.0125, then at 0.025 once H2 is rejected (bit 1 set)
        assertBounds(d, 0, 0, new double[] {3.34461863033, 2.24574462324});
        assertBounds(d, 0b10, 0, new double[] {2.96258804273, 1.96859564632});
        // H2 (Pocock) likewise
        assertBounds(d, 0, 1, new double[] {2.42041360516, 2.48091868311});
        assertBounds(d, 0b01, 1, new double[] {2.15699921834, 2.20097697526});
        assertEquals(0.0125, d.level(0, 0), 1e-15);
        assertEquals(0.025, d.level(0b10, 0), 1e-15);
        assertEquals(0, d.level(0b01, 0));
        assertEquals(Double.POSITIVE_INFINITY, d.bound(0b01, 0, 1), "a rejected hypothesis is not tested again");
        assertEquals(1.96859564632, d.fullAlphaBound(0, 1), Z_TOL);

        double[] t3 = {0.4, 0.7, 1};
        GraphicalGroupSequential d3 = GraphicalGroupSequential.of(SWAP,
                new SpendingFunction[] {OF, SpendingFunction.hwangShihDeCani(-4)}, t3, ALPHA);
        assertBounds(d3, 0, 0, new double[] {3.78002420451, 2.76969409734, 2.26982966810});
        assertBounds(d3, 0b10, 0, new double[] {3.35686935609, 2.44454228133, 2.00053907186});
        assertBounds(d3, 0, 1, new double[] {3.11429845651, 2.74317429215, 2.28880042583});
        assertBounds(d3, 0b01, 1, new double[] {2.90371323820, 2.50150198489, 2.00378827006});
    }

    @Test
    void holmOfThreePassesAThirdThenHalf() {
        // Holm with three equal weights: 1/3 each, then 1/2 after one rejection, then all of alpha
        GraphicalGroupSequential d = GraphicalGroupSequential.of(TestingGraph.holm(3),
                new SpendingFunction[] {OF, OF, OF}, new double[] {0.5, 1}, ALPHA);
        assertBounds(d, 0, 2, new double[] {3.55266292139, 2.39688784629});
        assertEquals(ALPHA / 2, d.level(0b001, 2), 1e-15);
        assertEquals(ALPHA, d.level(0b011, 2), 1e-15);
        // rpact at 2/3 of alpha: a fallback that passes H1's third to H3 after H1 and H2's share
        GraphicalGroupSequential f = GraphicalGroupSequential.of(TestingGraph.of(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                new double[][] {{0, 0, 1}, {0, 0, 1}, {0.5, 0.5, 0}}), new SpendingFunction[] {OF, OF, OF},
                new double[] {0.5, 1}, ALPHA);
        assertBounds(f, 0b001, 2, new double[] {3.19046035955, 2.13381769508});
    }

    @Test
    void rejectionAtALookPropagatesWithinTheLook() {
        GraphicalGroupSequential d = GraphicalGroupSequential.of(SWAP, new SpendingFunction[] {OF, P}, new double[] {0.5, 1},
                ALPHA);
        // H2 crosses its 0.0125 Pocock bound at look 1 (2.42); H1 at 3.0 is below its 0.0125 bound (3.34) but above
        // its 0.025 bound (2.96): rejected at the same look once H2's level is passed on
        assertEquals(0b11, d.test(0, new double[] {3.0, 2.5}, 0));
        assertEquals(0b10, d.test(0, new double[] {2.9, 2.5}, 0));
        assertEquals(0, d.test(0, new double[] {Double.NaN, 2.4}, 0));
        assertEquals(0b01, d.test(1, new double[] {2.0, 0}, 0b01), "a hypothesis already rejected stays rejected");
    }

    @Test
    void powerOfEachHypothesisAgreesWithTheExactProbability() {
        double[] t = {0.5, 1};
        GraphicalGroupSequential d = GraphicalGroupSequential.of(SWAP, new SpendingFunction[] {OF, P}, t, ALPHA);
        double[] rejected = simulate(d, t, 2.5, 2.5, 200_000, 17);
        assertWithinMcse(0.6561251383, rejected[0], 200_000, "P(reject H1), drifts 2.5/2.5, OBF/Pocock");
        assertWithinMcse(0.5969939474, rejected[1], 200_000, "P(reject H2), drifts 2.5/2.5, OBF/Pocock");

        double[] t3 = {0.4, 0.7, 1};
        GraphicalGroupSequential d3 = GraphicalGroupSequential.of(SWAP, new SpendingFunction[] {OF, OF}, t3, ALPHA);
        double[] r3 = simulate(d3, t3, 2.8, 1.5, 200_000, 18);
        assertWithinMcse(0.7256007828, r3[0], 200_000, "P(reject H1), drifts 2.8/1.5, three looks");
        assertWithinMcse(0.2880183133, r3[1], 200_000, "P(reject H2), drifts 2.8/1.5, three looks");
    }

    @Test
    void familywiseErrorUnderTheGlobalNullIsExactAndBelowAlpha() {
        double[] t = {0.4, 0.7, 1};
        GraphicalGroupSequential d = GraphicalGroupSequential.of(SWAP, new SpendingFunction[] {OF, P}, t, ALPHA);
        int reps = 400_000;
        double fwer = simulate(d, t, 0, 0, reps, 19)[2];
        double exact = ALPHA - ALPHA * ALPHA / 4;
        assertWithinMcse(exact, fwer, reps, "familywise error, global null");
        double mcse = Math.sqrt(ALPHA * (1 - ALPHA) / reps);
        assertTrue(fwer <= ALPHA + 3 * mcse, "FWER " + fwer + " above alpha by more than 3 MCSE");
    }

    /**
     * Runs the design on {@code reps} pairs of independent Brownian z processes with final drifts th1, th2; returns
     * the proportions rejecting H1, H2 and either.
     */
    private static double[] simulate(GraphicalGroupSequential d, double[] t, double th1, double th2, int reps, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] drift = {th1, th2};
        double[] z = new double[2];
        double[] s = new double[2];
        long r1 = 0;
        long r2 = 0;
        long any = 0;
        for (int r = 0; r < reps; r++) {
            s[0] = 0;
            s[1] = 0;
            int set = 0;
            double previous = 0;
            for (int k = 0; k < t.length && set != 0b11; k++) {
                double dt = t[k] - previous;
                previous = t[k];
                for (int i = 0; i < 2; i++) {
                    // B-value: S(t) = W(t) + drift t; Z = S / sqrt(t)
                    s[i] += Math.sqrt(dt) * normal.sample() + drift[i] * dt;
                    z[i] = s[i] / Math.sqrt(t[k]);
                }
                set = d.test(k, z, set);
            }
            r1 += set & 1;
            r2 += (set >> 1) & 1;
            any += set != 0 ? 1 : 0;
        }
        return new double[] {r1 / (double) reps, r2 / (double) reps, any / (double) reps};
    }

    private static void assertWithinMcse(double expected, double estimate, int reps, String what) {
        double mcse = Math.sqrt(expected * (1 - expected) / reps);
        assertEquals(expected, estimate, 4 * mcse, what + " (4 MCSE = " + 4 * mcse + ")");
    }

    private static void assertBounds(GraphicalGroupSequential d, int rejected, int i, double[] expected) {
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], d.bound(rejected, i, k), Z_TOL, "H" + (i + 1) + " look " + (k + 1)
                    + " with rejected set " + Integer.toBinaryString(rejected));
        }
    }
}
