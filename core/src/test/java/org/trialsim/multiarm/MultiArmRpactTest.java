package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * The multi-arm selection design against rpact 3.3.4's {@code getSimulationMultiArmMeans}, run for this test
 * (core/src/test/r/multiarm-rpact-references.R, 10,000 iterations, seed 4711): 3 arms and a control, 40 then
 * 40 more patients per arm and stage (control 1:1), SD 1, inverse-normal combination at one-sided alpha 0.025
 * with Lan-DeMets O'Brien-Fleming bounds at information 0.5, 1 (rpact: 2.9625880427, 1.9685956463) and rpact's
 * default futility bound -6 at the interim. trialsim runs 20,000 replicates. Each figure must agree within 4
 * combined Monte Carlo standard errors {@code sqrt(p(1-p)/10000 + p(1-p)/20000)} (a false alarm about 6e-5 per
 * comparison, under 0.5% over the 70 comparisons here); the expected sample size within 4 of its MCSE times
 * sqrt(1.5).
 */
class MultiArmRpactTest {

    private static final double[] CRITICAL = GroupSequentialBoundaries.efficacyOnly(new double[] {0.5, 1},
            SpendingFunction.obrienFleming(), 0.025).efficacyBounds();

    private static MultiArmResult run(double[] mu, IntersectionTest test, Selection selection) {
        MultiArmDesign d = new MultiArmDesign(MultiArmDesign.Outcome.MEANS, new String[] {"a", "b", "c"}, mu, 0, 1,
                new int[] {40, 80}, new int[] {40, 40}, test, selection, CRITICAL, new double[] {-6}, true);
        return new MultiArmSimulation(d, 20261206L).run("test", 20_000, 2);
    }

    private static void agree(double rpact, Estimate ours, String what) {
        double se = Math.sqrt(rpact * (1 - rpact) / 10_000 + ours.mcse() * ours.mcse());
        assertTrue(Math.abs(rpact - ours.estimate()) <= 4 * se + 1e-12,
                what + ": rpact " + rpact + ", trialsim " + ours + ", 4 combined SE " + 4 * se);
    }

    private static void check(MultiArmResult r, double any, double fwer, double[] selected, double[] rejected,
            double success1, double futility, double expectedN) {
        agree(any, r.anyRejected(), "reject at least one");
        if (!Double.isNaN(fwer)) {
            agree(fwer, r.familywiseError(), "familywise error");
        }
        for (int i = 0; i < 3; i++) {
            agree(selected[i], r.selected().get(0)[i], "selected " + i);
            agree(rejected[i], r.rejected()[i], "rejected " + i);
        }
        agree(success1, r.successStop()[0], "success at stage 1");
        agree(futility, r.futilityStop()[0], "futility");
        assertEquals(expectedN, r.total().estimate(), 4 * Math.sqrt(1.5) * r.total().mcse() + 1e-9, "expected N");
    }

    @Test
    void criticalValuesAreRpacts() {
        assertEquals(2.9625880427, CRITICAL[0], 1e-6);
        assertEquals(1.9685956463, CRITICAL[1], 1e-6);
    }

    @Test
    void dunnettBestUnderTheGlobalNull() {
        check(run(new double[] {0, 0, 0}, IntersectionTest.DUNNETT, new Selection(Selection.Rule.BEST, 1, 0,
                Double.NEGATIVE_INFINITY)), 0.0242, 0.0242, new double[] {0.3403, 0.3306, 0.3291},
                new double[] {0.0084, 0.0071, 0.0088}, 0, 0, 240);
    }

    @Test
    void dunnettBestTwoWithThresholdUnderAPartialNull() {
        check(run(new double[] {0, 0, 0.4}, IntersectionTest.DUNNETT, new Selection(Selection.Rule.BEST_K, 2, 0, 0)),
                0.5451, 0.0251, new double[] {0.3281, 0.3466, 0.9582}, new double[] {0.0128, 0.0124, 0.5443}, 0,
                0.0301, 264.112);
    }

    @Test
    void simesBestWithThreshold() {
        check(run(new double[] {0.1, 0.25, 0.4}, IntersectionTest.SIMES, new Selection(Selection.Rule.BEST, 1, 0, 0)),
                0.5614, Double.NaN, new double[] {0.0477, 0.2338, 0.7015}, new double[] {0.0124, 0.0988, 0.4631},
                0.0021, 0.0149, 238.640);
    }

    @Test
    void simesBestTwoUnderTheGlobalNull() {
        check(run(new double[] {0, 0, 0}, IntersectionTest.SIMES, new Selection(Selection.Rule.BEST_K, 2, 0,
                Double.NEGATIVE_INFINITY)), 0.0203, 0.0203, new double[] {0.6715, 0.6602, 0.6683},
                new double[] {0.0077, 0.0092, 0.0071}, 0, 0, 280);
    }

    @Test
    void bonferroniAllUnderAPartialNull() {
        check(run(new double[] {0, 0.3, 0.3}, IntersectionTest.BONFERRONI, new Selection(Selection.Rule.ALL, 1, 0,
                Double.NEGATIVE_INFINITY)), 0.3477, 0.0198, new double[] {0.9282, 0.9282, 0.9282},
                new double[] {0.0198, 0.2453, 0.2513}, 0.0008, 0.0710, 308.512);
    }

    // Rates (getSimulationMultiArmRates) and the tie rule they need: MultiArmRatesRpactTest.

    /** Counts summed over any split of the replicates are the counts of one run: thread count cannot matter. */
    @Test
    void bitIdenticalForAnyThreadCount() {
        MultiArmDesign d = new MultiArmDesign(MultiArmDesign.Outcome.RATES, new String[] {"a", "b"},
                new double[] {0.3, 0.4}, 0.25, 1, new int[] {20, 40}, new int[] {20, 20}, IntersectionTest.DUNNETT,
                new Selection(Selection.Rule.BEST, 1, 0, 0), CRITICAL, new double[] {-6}, true);
        MultiArmSimulation s = new MultiArmSimulation(d, 1);
        long[] all = s.counts(0, 1500);
        long[] a = s.counts(0, 333);
        long[] b = s.counts(333, 1500);
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(all, a);
        assertEquals(s.result("x", all).rejected()[1], s.run("x", 1500, 3).rejected()[1]);
    }
}
