package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.scenario.MultiArm;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * {@code multi_arm} on a continuous endpoint with one analysis, where the closed test's operating characteristics
 * have closed forms: arms with their own SDs (so Dunnett's correlations are {@code v_0 / sqrt((v_i + v_0)(v_j + v_0))},
 * not rpact's equal-SD {@code sqrt(n_i / (n_i + n_0))}) against mvtnorm's {@code pmvnorm} with the noncentral means,
 * and dropout (binomial completers) against an exact enumeration over both arms' completer counts; values from
 * core/src/test/r/multiarm-means-dunnett-pmvnorm.R (output in core/src/test/resources/multiarm-means/
 * dunnett-pmvnorm.txt; Genz-Bretz absolute error 1e-7, negligible here).
 *
 * <p>Tolerance: 4 Monte Carlo standard errors {@code sqrt(p (1 - p) / R)} of the exact p (a false alarm about 6e-5
 * per comparison).
 */
class MultiArmMeansClosedFormTest {

    private static final int REPLICATES = 40_000;

    private static MultiArmResult run(Scenario s) {
        MultiArmDesign d = new MultiArmStudy(s).design((MultiArm.ClosedTest) s.multiArm(),
                s.design().sampleSizes().get(0));
        return new MultiArmSimulation(d, 77L).run("closed form", REPLICATES, 2);
    }

    /** The largest |trialsim - exact| / SE seen (printed after the class, for the record). */
    private static double largestZ;

    @org.junit.jupiter.api.AfterAll
    static void printLargestZ() {
        System.out.printf(java.util.Locale.ROOT, "MultiArmMeansClosedFormTest: largest |z| %.2f%n", largestZ);
    }

    private static void near(double exact, Estimate ours, String what) {
        double se = Math.sqrt(exact * (1 - exact) / REPLICATES);
        largestZ = Math.max(largestZ, Math.abs(exact - ours.estimate()) / se);
        assertTrue(Math.abs(exact - ours.estimate()) <= 4 * se,
                what + ": exact " + exact + ", trialsim " + ours + ", 4 SE " + 4 * se);
    }

    /** D1: three arms with SDs 8, 10, 11 (50 each), the control SD 9 (75); one step-down Dunnett analysis. */
    private static Scenario d1(double[] mu) {
        return ScenarioParser.parse("""
                design: {sample_sizes: [225], alpha: 0.025, sides: 1}
                arms:
                  a: {allocation: 2, continuous_outcomes: {score: {mean: %s, sd: 8}}}
                  b: {allocation: 2, continuous_outcomes: {score: {mean: %s, sd: 10}}}
                  c: {allocation: 2, continuous_outcomes: {score: {mean: %s, sd: 11}}}
                  placebo: {control: true, allocation: 3, continuous_outcomes: {score: {mean: 0, sd: 9}}}
                endpoints:
                  score: {kind: continuous}
                multi_arm:
                  information_fractions: [1]
                """.formatted(mu[0], mu[1], mu[2]), "d1.yaml");
    }

    @Test
    void unequalSdsGiveDunnettsPowerWithTheirCorrelations() {
        Scenario s = d1(new double[] {2, 4, 5});
        MultiArmDesign d = new MultiArmStudy(s).design((MultiArm.ClosedTest) s.multiArm(), 225);
        assertArrayEquals(new double[] {8, 10, 11}, d.analysed().sd());
        assertEquals(9, d.analysed().controlSd());
        assertArrayEquals(new int[] {50}, d.perArm());
        assertArrayEquals(new int[] {75}, d.controlPerStage());
        near(0.755855, run(s).anyRejected(), "D1 power (reject at least one)");
    }

    @Test
    void unequalSdsKeepTheFamilywiseErrorUnderTheGlobalNull() {
        MultiArmResult r = run(d1(new double[] {0, 0, 0}));
        near(0.025, r.anyRejected(), "D1 familywise error");
        near(0.025, r.familywiseError(), "D1 familywise error (true nulls)");
    }

    @Test
    void twoArmsWithTheirOwnSdsGiveEachArmsStepDownPower() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [180], alpha: 0.025, sides: 1}
                arms:
                  a: {continuous_outcomes: {score: {mean: 3, sd: 8}}}
                  b: {continuous_outcomes: {score: {mean: 4, sd: 12}}}
                  placebo: {control: true, continuous_outcomes: {score: {mean: 0, sd: 10}}}
                endpoints:
                  score: {kind: continuous}
                multi_arm:
                  information_fractions: [1]
                """, "d2.yaml");
        MultiArmResult r = run(s);
        near(0.389670, r.rejected()[0], "D2 power a");
        near(0.443978, r.rejected()[1], "D2 power b");
        near(0.537330, r.anyRejected(), "D2 power any");
    }

    @Test
    void dropoutLeavesBinomialCompletersAnalysed() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [80], alpha: 0.025, sides: 1}
                dropout: {per_week: 0.02}
                arms:
                  treated: {continuous_outcomes: {score: {mean: 5, sd: 10}}}
                  placebo: {control: true, continuous_outcomes: {score: {mean: 0, sd: 10}}}
                endpoints:
                  score: {kind: continuous, at_week: 10}
                multi_arm:
                  information_fractions: [1]
                """, "d3.yaml");
        PlanningFigures.Moments m = PlanningFigures.analysedMoments(s, s.endpoints().get(0), s.arms().get(0));
        assertEquals(Math.exp(-0.2), m.analysed(), 1e-12);
        assertEquals(5, m.mean(), 1e-12);
        assertEquals(10, m.sd(), 1e-12);
        MultiArmResult r = run(s);
        near(0.523789, r.rejected()[0], "D3 power with binomial completers (0.608766 if everyone were analysed)");
        assertEquals(80, r.total().estimate(), 0, "every patient enrolled counts in the sample size");
    }
    /**
     * {@code variance: estimated}: one arm, one analysis, 8 patients each, SD 10, difference 12: the pooled t test
     * on 14 df has the noncentral t's power 0.60780577 (core/src/test/r/multiarm-means-dunnett-t.R), well below the
     * known-SD z test's 0.67004449 (25 of this test's SEs away).
     */
    @Test
    void anEstimatedVarianceGivesTheTTestsPower() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [16], alpha: 0.025, sides: 1}
                arms:
                  treated: {continuous_outcomes: {score: {mean: 12, sd: 10}}}
                  placebo: {control: true, continuous_outcomes: {score: {mean: 0, sd: 10}}}
                endpoints:
                  score: {kind: continuous}
                multi_arm:
                  information_fractions: [1]
                  variance: estimated
                """, "p1.yaml");
        MultiArmResult r = run(s);
        near(0.60780577, r.rejected()[0], "P1 pooled t power");
    }

    /**
     * {@code variance: estimated} under the global null: three arms of 8 and a control of 8 (28 df), one step-down
     * Dunnett analysis by the multivariate t, whose familywise error is exactly alpha = 0.025; 10,000 replicates
     * (the multivariate t costs 16 normal integrals per intersection), 4 SEs.
     */
    @Test
    void anEstimatedVarianceKeepsDunnettsFamilywiseError() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [32], alpha: 0.025, sides: 1}
                arms:
                  a: {continuous_outcomes: {score: {mean: 0, sd: 10}}}
                  b: {continuous_outcomes: {score: {mean: 0, sd: 10}}}
                  c: {continuous_outcomes: {score: {mean: 0, sd: 10}}}
                  placebo: {control: true, continuous_outcomes: {score: {mean: 0, sd: 10}}}
                endpoints:
                  score: {kind: continuous}
                multi_arm:
                  information_fractions: [1]
                  variance: estimated
                """, "t-null.yaml");
        MultiArmDesign d = new MultiArmStudy(s).design((MultiArm.ClosedTest) s.multiArm(), 32);
        MultiArmResult r = new MultiArmSimulation(d, 78L).run("t null", 10_000, 2);
        double se = Math.sqrt(0.025 * 0.975 / 10_000);
        largestZ = Math.max(largestZ, Math.abs(r.anyRejected().estimate() - 0.025) / se);
        assertEquals(0.025, r.anyRejected().estimate(), 4 * se, "familywise error " + r.anyRejected());
    }
}
