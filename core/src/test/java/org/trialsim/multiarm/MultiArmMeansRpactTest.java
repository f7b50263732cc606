package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.scenario.MultiArm;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * {@code multi_arm} on a continuous endpoint, from a scenario file to the operating characteristics, against rpact
 * 3.3.4's {@code getSimulationMultiArmMeans} run for this test
 * (core/src/test/resources/multiarm-means/rpact-means-references.R and its output .txt beside it; seed 4711, 10,000
 * iterations for the Dunnett designs C1 and C2, 20,000 for the Simes designs C3 and C4). Every arm has the same SD
 * and nobody drops out, rpact's model, so the scenario's figures are the design's: the control at 0 and each arm's
 * mean difference.
 *
 * <p>Tolerance: each proportion within 4 combined Monte Carlo standard errors
 * {@code sqrt(p (1 - p) / R_rpact + p (1 - p) / R_trialsim)} with p rpact's estimate (floored at 1/R_rpact so that
 * a figure rpact saw 0 times still has a scale), a false alarm about 6e-5 per comparison, under 0.5% over the 60 or
 * so here; the expected number of patients within 4 times trialsim's MCSE times sqrt(2) (rpact's is about as
 * large). Figures that are exact by design (a stage's selection of every arm) are compared exactly.
 */
class MultiArmMeansRpactTest {

    /** A scenario of three arms and a control on the continuous outcome {@code score}, all with SD {@code sd}. */
    static Scenario scenario(double[] mu, double sd, int controlAllocation, int n, String block) {
        String yaml = """
                design: {sample_sizes: [%d], alpha: 0.025, sides: 1}
                simulation: {seed: 1}
                arms:
                  low: {continuous_outcomes: {score: {mean: %s, sd: %s}}}
                  mid: {continuous_outcomes: {score: {mean: %s, sd: %s}}}
                  high: {continuous_outcomes: {score: {mean: %s, sd: %s}}}
                  placebo: {control: true, allocation: %d, continuous_outcomes: {score: {mean: 0, sd: %s}}}
                endpoints:
                  score: {kind: continuous}
                %s
                """.formatted(n, mu[0], sd, mu[1], sd, mu[2], sd, controlAllocation, sd, block.strip());
        return ScenarioParser.parse(yaml, "means.yaml");
    }

    static MultiArmResult run(Scenario s, int replicates) {
        MultiArmStudy study = new MultiArmStudy(s);
        MultiArmDesign d = study.design((MultiArm.ClosedTest) s.multiArm(), s.design().sampleSizes().get(0));
        return new MultiArmSimulation(d, 20261207L).run("test", replicates, 2);
    }

    /** The largest |trialsim - rpact| / combined SE seen (printed after the class, for the record). */
    private static double largestZ;

    @org.junit.jupiter.api.AfterAll
    static void printLargestZ() {
        System.out.printf(java.util.Locale.ROOT, "MultiArmMeansRpactTest: largest |z| %.2f%n", largestZ);
    }

    private static void agree(double rpact, int rpactReps, Estimate ours, long oursReps, String what) {
        double p = Math.max(rpact, 1.0 / rpactReps);
        double se = Math.sqrt(p * (1 - p) / rpactReps + p * (1 - p) / oursReps);
        largestZ = Math.max(largestZ, Math.abs(rpact - ours.estimate()) / se);
        assertTrue(Math.abs(rpact - ours.estimate()) <= 4 * se,
                what + ": rpact " + rpact + ", trialsim " + ours + ", 4 combined SE " + 4 * se);
    }

    /** rpact's figures of one design, stage by stage. */
    record Reference(int reps, double any, double fwer, double[][] selected, double[] rejected, double[] success,
            double[] futility, double expectedN) {
    }

    private static void check(MultiArmResult r, Reference ref) {
        long n = r.replicates();
        agree(ref.any(), ref.reps(), r.anyRejected(), n, "reject at least one");
        if (Double.isNaN(ref.fwer())) {
            assertTrue(Double.isNaN(r.familywiseError().estimate()), "no true null");
        } else {
            agree(ref.fwer(), ref.reps(), r.familywiseError(), n, "familywise error");
        }
        for (int s = 0; s < ref.selected().length; s++) {
            for (int i = 0; i < 3; i++) {
                agree(ref.selected()[s][i], ref.reps(), r.selected().get(s)[i], n, "selected at stage " + (s + 2)
                        + " arm " + i);
            }
        }
        for (int i = 0; i < 3; i++) {
            agree(ref.rejected()[i], ref.reps(), r.rejected()[i], n, "rejected arm " + i);
        }
        for (int s = 0; s < ref.success().length; s++) {
            agree(ref.success()[s], ref.reps(), r.successStop()[s], n, "success at stage " + (s + 1));
        }
        for (int s = 0; s < ref.futility().length; s++) {
            agree(ref.futility()[s], ref.reps(), r.futilityStop()[s], n, "futility at stage " + (s + 1));
        }
        assertEquals(ref.expectedN(), r.total().estimate(), 4 * Math.sqrt(2) * r.total().mcse() + 1e-9,
                "expected N");
    }

    @Test
    void c1DunnettBestUnderTheGlobalNullWithTheControlTwoToOne() {
        Scenario s = scenario(new double[] {0, 0, 0}, 10, 2, 300, """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best}
                  success: all
                """);
        MultiArmDesign d = new MultiArmStudy(s).design((MultiArm.ClosedTest) s.multiArm(), 300);
        assertArrayEquals(new int[] {30, 60}, d.perArm());
        assertArrayEquals(new int[] {60, 60}, d.controlPerStage());
        assertEquals(2.9625880427, d.critical()[0], 1e-6); // rpact's asOF bounds
        assertEquals(1.9685956463, d.critical()[1], 1e-6);
        check(run(s, 20_000), new Reference(10_000, 0.0236, 0.0236, new double[][] {{0.3403, 0.3306, 0.3291}},
                new double[] {0.0084, 0.0065, 0.0088}, new double[] {0, 0.0236}, new double[] {0}, 240.0));
    }

    @Test
    void c2DunnettEpsilonUnderAPartialNull() {
        Scenario s = scenario(new double[] {0, 3, 6}, 10, 1, 320, """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: epsilon, epsilon: 2}
                  success: all
                """);
        check(run(s, 20_000), new Reference(10_000, 0.9227, 0.0029, new double[][] {{0.0273, 0.3284, 0.9846}},
                new double[] {0.0029, 0.1833, 0.9110}, new double[] {0.0006, 0.8073}, new double[] {0}, 253.588));
    }

    @Test
    void c3SimesBestTwoAboveAThresholdWithPocockBounds() {
        Scenario s = scenario(new double[] {2, 4, 6}, 10, 1, 320, """
                multi_arm:
                  information_fractions: [0.5, 1]
                  intersection_test: simes
                  spending: pocock
                  selection: {rule: best_k, keep: 2, threshold: 1, futility_stop: true}
                  success: all
                """);
        MultiArmDesign d = new MultiArmStudy(s).design((MultiArm.ClosedTest) s.multiArm(), 320);
        assertEquals(2.1569992183, d.critical()[0], 1e-6); // rpact's asP bounds
        assertEquals(2.2009769753, d.critical()[1], 1e-6);
        check(run(s, 40_000), new Reference(20_000, 0.8992, Double.NaN, new double[][] {{0.1600, 0.7208, 0.9009}},
                new double[] {0.1156, 0.5165, 0.8791}, new double[] {0.0725, 0.5069}, new double[] {0.0052},
                268.162));
    }

    @Test
    void c4SimesBestAboveZeroOverThreeStagesWithHwangShihDeCaniBounds() {
        Scenario s = scenario(new double[] {0, 0, 5}, 8, 1, 240, """
                multi_arm:
                  information_fractions: [0.3333333333333333, 0.6666666666666666, 1]
                  intersection_test: simes
                  spending: hwang_shih_decani
                  gamma: -2
                  selection: {rule: best, threshold: 0, futility_stop: true}
                  success: all
                """);
        MultiArmDesign d = new MultiArmStudy(s).design((MultiArm.ClosedTest) s.multiArm(), 240);
        assertArrayEquals(new int[] {20, 40, 60}, d.perArm());
        assertArrayEquals(new double[] {2.6775239534, 2.3854179308, 2.0637404248}, d.critical(), 1e-6); // asHSD
        check(run(s, 40_000), new Reference(20_000, 0.7937, 0.0047, new double[][] {{0.0196, 0.0200, 0.9374},
            {0.0164, 0.0166, 0.4344}}, new double[] {0.0027, 0.0024, 0.7916}, new double[] {0.0003, 0.5035, 0.2899},
                new double[] {0.0228, 0.0061}, 137.772));
    }
}
