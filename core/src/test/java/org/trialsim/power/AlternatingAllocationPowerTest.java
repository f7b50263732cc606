package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.TwoProportionZTest;

/**
 * A two-arm binary design with {@code randomization: {method: alternating}}: the trial rpact's
 * getSimulationRates simulates (its n1 = ceil(N / 2) patients on treatment and the rest on control, one
 * binomial count per arm; the pooled z-test that its normal approximation with thetaH0 = 0 is), here
 * simulated patient by patient, so the arm sizes at an odd N are 21:20 and the power is the exact power at
 * those sizes. Tolerances: 4 Monte Carlo standard errors, sqrt(p (1 - p) / R) at the exact p.
 */
class AlternatingAllocationPowerTest {

    private static final int REPLICATES = 20_000;

    private static Scenario binary(List<Integer> sizes, Randomization.Method method) {
        return TestScenarios.twoArmBinary(0.5, 0.2, sizes, 0.025, Design.Sidedness.ONE_SIDED,
                Analysis.Test.CHI_SQUARE).toBuilder()
                .randomization(new Randomization(method, 2, false)).build();
    }

    /** Exact power of the one-sided pooled z-test at nT on treatment (p 0.5) and nC on control (p 0.2). */
    static double exactPower(int nT, int nC) {
        BinomialDistribution bt = BinomialDistribution.of(nT, 0.5);
        BinomialDistribution bc = BinomialDistribution.of(nC, 0.2);
        double power = 0;
        for (int xT = 0; xT <= nT; xT++) {
            for (int xC = 0; xC <= nC; xC++) {
                if (TwoProportionZTest.pValue(xT, nT, xC, nC, false, Alternative.GREATER) <= 0.025) {
                    power += bt.probability(xT) * bc.probability(xC);
                }
            }
        }
        return power;
    }

    /** examples/two-arm-binary-alternating.yaml, at its N = 41 and at 81. */
    @Test
    void oddSizesSplitAsRpactAndPowerIsTheExactPowerAtThatSplit() {
        Scenario s = ScenarioParser.parse(Path.of("..", "examples", "two-arm-binary-alternating.yaml"));
        assertEquals(binary(List.of(41), Randomization.Method.ALTERNATING).design(), s.design());
        assertFalse(CountLevelTrials.applies(s), "odd sizes are not the planned split: patient level");
        // the figures the example's comment gives
        assertEquals(0.5236423207, exactPower(21, 20), 1e-10);
        assertEquals(0.5576998257, exactPower(20, 21), 1e-10);
        StudyResult r = PowerStudy.of(s).sampleSizes(41, 81).replicates(REPLICATES).seed(41).threads(2)
                .nullHypothesis(false).fixedReplicates().run();
        for (int[] split : new int[][] {{41, 21, 20}, {81, 41, 40}}) {
            double exact = exactPower(split[1], split[2]);
            double estimate = power(r, split[0]);
            double mcse = Math.sqrt(exact * (1 - exact) / REPLICATES);
            assertEquals(exact, estimate, 4 * mcse, "N = " + split[0]);
            // The other split tells apart: at N = 41, 21:20 has power 0.5236 and 20:21 0.5577 (the pooled z-test is
            // discrete), 0.034 apart, ten MCSEs (0.0035).
            if (split[0] == 41) {
                assertTrue(Math.abs(exact - exactPower(split[2], split[1])) > 4 * mcse);
            }
        }
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("not a multiple")), r.warnings().toString());
    }

    /**
     * At sizes that are multiples of the ratio sum the alternating split is the planned one, fixed, so the
     * count-level model applies and gives the same rows as with permuted blocks (it reads no allocation).
     */
    @Test
    void countLevelModelAppliesAtThePlannedSplit() {
        Scenario alternating = binary(List.of(40, 80), Randomization.Method.ALTERNATING);
        Scenario blocks = binary(List.of(40, 80), Randomization.Method.BLOCKS);
        assertTrue(CountLevelTrials.applies(alternating));
        StudyResult a = PowerStudy.of(alternating, new CountLevelTrials()).replicates(2000).seed(3).threads(1)
                .nullHypothesis(false).fixedReplicates().run();
        StudyResult b = PowerStudy.of(blocks, new CountLevelTrials()).replicates(2000).seed(3).threads(1)
                .nullHypothesis(false).fixedReplicates().run();
        assertEquals(b.rows(), a.rows());
    }

    private static double power(StudyResult r, int nTotal) {
        return r.rows().stream().filter(x -> x.nTotal() == nTotal && x.measure().equals("power:response"))
                .findFirst().orElseThrow().estimate().estimate();
    }
}
