package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/** Allocation to arms: exact at every grid size with blocks, bounded with stratified blocks, random otherwise. */
class AllocationSequenceTest {

    private static final PatientModel MODEL = new PatientModel(new ResponseModel.Probability(0.5, 0.2), null, null);

    private static Scenario twoToOne(Randomization.Method method, int blockSize, boolean stratified) {
        return new ScenarioFixture().stratum("s1", 0.5, false).stratum("s2", 0.3, false).stratum("s3", 0.2, false)
                .arm("ketamine", 2, false, MODEL).arm("control", 1, true, MODEL)
                .sampleSizes(24, 48, 96, 240, 480).randomization(method, blockSize, stratified)
                .enrollment(new Enrollment.Uniform(52)).build();
    }

    /** Permuted blocks of 6 (and 12), ratio 2:1: exactly 2k : k at every multiple of the block, every replicate. */
    @Test
    void blocksAreExactAtEveryBlockBoundaryAndGridSize() {
        for (int block : new int[] {6, 12}) {
            Scenario s = twoToOne(Randomization.Method.BLOCKS, block, false);
            CohortSampler sampler = SamplingPlan.compile(s).newSampler();
            Cohort c = new Cohort(480);
            for (int r = 0; r < 200; r++) {
                sampler.sample(c, 480, 4, r);
                int treated = 0;
                for (int i = 0; i < 480; i++) {
                    treated += c.arm[i] == 0 ? 1 : 0;
                    if ((i + 1) % block == 0) {
                        assertEquals(2 * (i + 1) / 3, treated, "prefix " + (i + 1));
                    }
                }
                for (int n : s.design().sampleSizes()) {
                    int t = 0;
                    for (int i = 0; i < n; i++) {
                        t += c.arm[i] == 0 ? 1 : 0;
                    }
                    assertEquals(2 * n / 3, t, "grid size " + n);
                }
            }
        }
    }

    /**
     * Stratified blocks: within each stratum the split is exact at each multiple of the block size of that
     * stratum's count, and at any prefix a stratum's ketamine count is within k (1 - k / B) = 4/3 of 2/3 of
     * its size (k = 4 slots of 6); over 3 strata the total is within 4 of the planned split.
     */
    @Test
    void stratifiedBlocksBalanceWithinStrata() {
        Scenario s = twoToOne(Randomization.Method.BLOCKS, 6, true);
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        Cohort c = new Cohort(480);
        boolean sawInexactTotal = false;
        for (int r = 0; r < 200; r++) {
            sampler.sample(c, 480, 5, r);
            int[] count = new int[3];
            int[] treated = new int[3];
            for (int i = 0; i < 480; i++) {
                int st = c.stratum[i];
                count[st]++;
                treated[st] += c.arm[i] == 0 ? 1 : 0;
                if (count[st] % 6 == 0) {
                    assertEquals(2 * count[st] / 3, treated[st]);
                }
                int total = 0;
                for (int k = 0; k < 3; k++) {
                    assertTrue(Math.abs(treated[k] - 2.0 * count[k] / 3) <= 4.0 / 3 + 1e-12);
                    total += treated[k];
                }
                assertTrue(Math.abs(total - 2.0 * (i + 1) / 3) <= 4 + 1e-12);
                if ((i + 1) % 24 == 0 && total != 2 * (i + 1) / 3) {
                    sawInexactTotal = true;
                }
            }
        }
        // Documented limitation: stratified blocks are not exact overall at grid sizes.
        assertTrue(sawInexactTotal);
    }

    /**
     * Every arrangement of a 2:1 block of 6 (C(6, 2) = 15 of them) is equally likely: chi-square over the first
     * blocks of 6000 replicates, 14 degrees of freedom, at the 0.1% level (a single test with a fixed seed).
     */
    @Test
    void blockArrangementsAreUniform() {
        Scenario s = twoToOne(Randomization.Method.BLOCKS, 6, false);
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        Cohort c = new Cohort(6);
        int replicates = 6000;
        int[] counts = new int[64];
        for (int r = 0; r < replicates; r++) {
            sampler.sample(c, 6, 6, r);
            int mask = 0;
            for (int i = 0; i < 6; i++) {
                mask |= c.arm[i] << i;
            }
            assertEquals(2, Integer.bitCount(mask));
            counts[mask]++;
        }
        double expected = replicates / 15.0;
        double chi2 = 0;
        for (int mask = 0; mask < 64; mask++) {
            if (Integer.bitCount(mask) == 2) {
                chi2 += (counts[mask] - expected) * (counts[mask] - expected) / expected;
            }
        }
        assertTrue(chi2 < ChiSquaredDistribution.of(14).inverseSurvivalProbability(0.001), "chi2 " + chi2);
    }

    /** Simple randomization 2:1: P(ketamine) = 2/3, MCSE sqrt(2/9 / N); tolerance 4 MCSE. */
    @Test
    void simpleRandomizationHasAllocationProbabilities() {
        Scenario s = twoToOne(Randomization.Method.SIMPLE, 0, false);
        int n = 90_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 7, 0);
        int treated = 0;
        int[] strata = new int[3];
        for (int i = 0; i < n; i++) {
            treated += c.arm[i] == 0 ? 1 : 0;
            strata[c.stratum[i]]++;
        }
        assertEquals(2.0 / 3, treated / (double) n, 4 * Math.sqrt(2.0 / 9 / n));
        // Stratum prevalences 0.5, 0.3, 0.2, each within 4 binomial MCSE.
        double[] prevalence = {0.5, 0.3, 0.2};
        for (int k = 0; k < 3; k++) {
            double p = prevalence[k];
            assertEquals(p, strata[k] / (double) n, 4 * Math.sqrt(p * (1 - p) / n));
        }
    }

    @Test
    void blockSizeMustBeMultipleOfRatioSum() {
        Scenario s = twoToOne(Randomization.Method.BLOCKS, 4, false);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SamplingPlan.compile(s));
        assertTrue(e.getMessage().contains("multiple"));
    }
}
