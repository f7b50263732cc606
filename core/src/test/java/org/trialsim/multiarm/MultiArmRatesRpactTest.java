package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * Binary multi-arm selection designs against rpact 3.3.4's {@code getSimulationMultiArmRates}, 20,000 iterations,
 * seed 4711, run for this test by {@code core/src/test/resources/multiarm-rates/rpact-rates-references.R} (its
 * output is {@code rpact-rates-references.txt} beside it): three arms against a control of 0.25, 30 then 30 more
 * patients per arm and stage (control 1:1), stage-wise pooled z statistics, inverse-normal combination at one-sided
 * 0.025 with Lan-DeMets O'Brien-Fleming bounds at information 0.5, 1, rpact's default futility bound -6, success
 * when every selected arm is rejected (rpact's default).
 *
 * <p>Designs: R1 a partial null (arm a at the control's rate), Dunnett, the best arm if its effect exceeds 0.01;
 * R2 the global null, Simes, the best two; R3 two equally good arms and a null one, Bonferroni, the best; R4 the
 * global null, Dunnett, the best.
 *
 * <p>The tie rule decides these comparisons: with 30 patients per arm equal responder counts are common, and rpact
 * breaks ties uniformly at random (it selects on the estimates plus {@code runif(gMax, -1e-5, 1e-5)}), which
 * {@link Selection.TieBreak#AT_RANDOM} does too; with {@link Selection.TieBreak#FIRST_LISTED} the first of tied
 * arms is kept, and under the global null it is selected far more often than the others
 * ({@link #firstListedIsNotRpactsRule}). rpact's jitter also keeps an arm whose estimate equals the threshold with
 * probability 1/2, so the threshold of R1 (0.01) is off the lattice of possible estimates (multiples of 1/30).
 *
 * <p>Tolerance: each figure within 3 combined Monte Carlo standard errors,
 * {@code sqrt(p_rpact (1 - p_rpact) / 20000 + MCSE_trialsim^2)} for proportions (trialsim runs 40,000 trials),
 * and the two MCSEs combined for the expected sample size (rpact's SD taken as trialsim's). Selection
 * probabilities are also checked against exact enumeration over the stage-1 responder counts (SciPy binomial
 * pmf; {@code exact-selection.py} and its output beside the R script): reaching stage 2 with arm i needs arm i
 * selected, so {@code exact_i - P(success at stage 1) - 3 MCSE <= selected_i <= exact_i + 3 MCSE}.
 */
class MultiArmRatesRpactTest {

    private static final int TRIALS = 40_000;
    private static final int RPACT = 20_000;
    private static final double[] CRITICAL = GroupSequentialBoundaries.efficacyOnly(new double[] {0.5, 1},
            SpendingFunction.obrienFleming(), 0.025).efficacyBounds();
    private static final double NONE = Double.NEGATIVE_INFINITY;

    static MultiArmResult run(double[] pi, IntersectionTest test, Selection selection) {
        MultiArmDesign d = new MultiArmDesign(MultiArmDesign.Outcome.RATES, new String[] {"a", "b", "c"}, pi, 0.25, 1,
                new int[] {30, 60}, new int[] {30, 30}, test, selection, CRITICAL, new double[] {-6}, true);
        return new MultiArmSimulation(d, 20261206L).run("rates", TRIALS, 2);
    }

    private static double zProportion(double rpact, Estimate ours) {
        double se = Math.sqrt(rpact * (1 - rpact) / RPACT + ours.mcse() * ours.mcse());
        return se == 0 ? 0 : Math.abs(rpact - ours.estimate()) / se;
    }

    private static void agree(double rpact, Estimate ours, String what) {
        double z = zProportion(rpact, ours);
        assertTrue(z <= 3, what + ": rpact " + rpact + ", trialsim " + ours + ", |z| " + z);
    }

    /** rpact's figures of one design, as printed by the script. */
    private record Rpact(double any, double fwer, double[] selected, double[] rejected, double success1,
            double futility, double expectedN) {
    }

    private static void check(MultiArmResult r, Rpact p, double[] exactSelection) {
        agree(p.any, r.anyRejected(), "reject at least one");
        agree(p.fwer, r.familywiseError(), "familywise error");
        for (int i = 0; i < 3; i++) {
            agree(p.selected[i], r.selected().get(0)[i], "selected " + i);
            agree(p.rejected[i], r.rejected()[i], "rejected " + i);
            if (exactSelection == null) {
                continue;
            }
            Estimate s = r.selected().get(0)[i];
            double success1 = r.successStop()[0].estimate();
            assertTrue(s.estimate() <= exactSelection[i] + 3 * s.mcse()
                    && s.estimate() >= exactSelection[i] - success1 - 3 * s.mcse(),
                    "selected " + i + ": exact " + exactSelection[i] + ", trialsim " + s);
        }
        agree(p.success1, r.successStop()[0], "success at stage 1");
        agree(p.futility, r.futilityStop()[0], "futility stop");
        Estimate n = r.total();
        assertEquals(p.expectedN, n.estimate(), 3 * n.mcse() * Math.sqrt(1 + (double) TRIALS / RPACT) + 1e-9,
                "expected N");
    }

    /** R1: a partial null (arm a at the control's rate), Dunnett, the best arm if its effect exceeds 0.01. */
    @Test
    void r1DunnettBestWithThresholdUnderAPartialNull() {
        check(run(new double[] {0.25, 0.40, 0.45}, IntersectionTest.DUNNETT,
                new Selection(Selection.Rule.BEST, 1, 0, 0.01)),
                new Rpact(0.5421, 0.0027, new double[] {0.0179, 0.3237, 0.6316}, new double[] {0.0027, 0.1556, 0.3913},
                        0.0004, 0.0265, 178.389),
                new double[] {0.01793129, 0.33006667, 0.62632083});
    }

    /** R2: the global null, Simes, the best two: each arm kept 2/3 of the time. */
    @Test
    void r2SimesBestTwoUnderTheGlobalNull() {
        check(run(new double[] {0.25, 0.25, 0.25}, IntersectionTest.SIMES,
                new Selection(Selection.Rule.BEST_K, 2, 0, NONE)),
                new Rpact(0.0192, 0.0192, new double[] {0.6680, 0.6648, 0.6671}, new double[] {0.0080, 0.0079, 0.0076},
                        0.0001, 0, 209.995),
                new double[] {2.0 / 3, 2.0 / 3, 2.0 / 3});
    }

    /**
     * R3: two equally good arms and a null one, Bonferroni, the best arm. The futility stops are those of the
     * Bonferroni intersection p-value capped at 1 (every z at most Phi^-1(2/3)): its inverse normal is -Infinity,
     * below the futility bound -6, in rpact and here. Exact selection is not checked (those stops come first).
     */
    @Test
    void r3BonferroniBestWithTwoEqualArms() {
        MultiArmResult r = run(new double[] {0.25, 0.38, 0.38}, IntersectionTest.BONFERRONI,
                new Selection(Selection.Rule.BEST, 1, 0, NONE));
        check(r, new Rpact(0.2784, 0.0023, new double[] {0.0384, 0.4266, 0.4254}, new double[] {0.0023, 0.1389, 0.1394},
                0.0002, 0.1095, 173.421), null);
    }

    /** R4: the global null, Dunnett, the best arm: each arm kept a third of the time. */
    @Test
    void r4DunnettBestUnderTheGlobalNull() {
        check(run(new double[] {0.25, 0.25, 0.25}, IntersectionTest.DUNNETT,
                new Selection(Selection.Rule.BEST, 1, 0, NONE)),
                new Rpact(0.0242, 0.0242, new double[] {0.3358, 0.3326, 0.3316}, new double[] {0.0075, 0.0094, 0.0075},
                        0, 0, 180.000),
                new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    }

    /**
     * The other tie rule is not rpact's: under R2's global null, giving ties to the arm listed first keeps arm a
     * about 0.72 of the time against rpact's 0.668 and the exact 2/3, more than 10 combined SE away.
     */
    @Test
    void firstListedIsNotRpactsRule() {
        MultiArmResult r = run(new double[] {0.25, 0.25, 0.25}, IntersectionTest.SIMES,
                new Selection(Selection.Rule.BEST_K, 2, 0, NONE, Selection.TieBreak.FIRST_LISTED));
        assertTrue(zProportion(0.6680, r.selected().get(0)[0]) > 10, "arm a " + r.selected().get(0)[0]);
        assertTrue(r.selected().get(0)[0].estimate() > r.selected().get(0)[2].estimate() + 0.05);
    }

    /**
     * Normal means never tie, so the two tie rules must give the same counts to the bit (the tie-breaking uniforms
     * come from their own stream and cannot shift the outcome draws).
     */
    @Test
    void withoutTiesBothRulesAgree() {
        for (Selection.TieBreak ties : Selection.TieBreak.values()) {
            MultiArmDesign d = new MultiArmDesign(MultiArmDesign.Outcome.MEANS, new String[] {"a", "b", "c"},
                    new double[] {0, 0.2, 0.3}, 0, 1, new int[] {20, 40}, new int[] {20, 20}, IntersectionTest.SIMES,
                    new Selection(Selection.Rule.BEST_K, 2, 0, NONE, ties), CRITICAL, new double[] {-6}, true);
            long[] c = new MultiArmSimulation(d, 5).counts(0, 2000);
            MultiArmDesign first = new MultiArmDesign(d.outcome(), d.names(), d.values(), 0, 1, d.perArm(),
                    d.controlPerStage(), d.test(), new Selection(Selection.Rule.BEST_K, 2, 0, NONE,
                    Selection.TieBreak.FIRST_LISTED), CRITICAL, new double[] {-6}, true);
            org.junit.jupiter.api.Assertions.assertArrayEquals(new MultiArmSimulation(first, 5).counts(0, 2000), c);
        }
    }
}
