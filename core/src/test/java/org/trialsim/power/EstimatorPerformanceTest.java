package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link EstimatorPerformance} against a hand computation of the formulas of Morris, White and Crowther (Stat Med
 * 2019;38:2074-2102, Table 6) on five replicates (worked in the comments), and a sixth replicate without a true
 * value, which must be left out of every figure.
 */
class EstimatorPerformanceTest {

    @Test
    void matchesTheTableSixFormulasByHand() {
        double[] estimate = {1.0, 1.4, 0.8, 1.2, 1.1, 5.0};
        double[] lower = new double[6];
        double[] upper = new double[6];
        for (int i = 0; i < 5; i++) {
            lower[i] = estimate[i] - 0.3;
            upper[i] = estimate[i] + 0.3;
        }
        lower[5] = Double.NaN;
        upper[5] = Double.NaN;
        double[] truth = {1.0, 1.1, 0.9, 1.0, 1.0, Double.NaN}; // no true value: left out of every figure
        EstimatorPerformance p = EstimatorPerformance.of(estimate, lower, upper, truth, 6);
        assertEquals(5, p.replicates());
        // theta = mean(truth) = 1.0; sd(truth)^2 = 0.02 / 4, MCSE sqrt(0.005 / 5) = sqrt(0.001)
        assertEquals(1.0, p.trueValue(), 1e-12);
        assertEquals(Math.sqrt(0.001), p.trueValueMcse(), 1e-12);
        // theta-bar = 5.5 / 5 = 1.1; bias 0.1; sum of squared deviations 0.01 + 0.09 + 0.09 + 0.01 + 0 = 0.2
        assertEquals(1.1, p.mean(), 1e-12);
        assertEquals(0.1, p.bias(), 1e-12);
        assertEquals(Math.sqrt(0.2 / (5 * 4)), p.biasMcse(), 1e-12); // 0.1
        // empirical SE sqrt(0.2 / 4) = 0.2236068, MCSE empSE / sqrt(2 (R - 1)) = 0.0790569
        assertEquals(Math.sqrt(0.05), p.empiricalSe(), 1e-12);
        assertEquals(Math.sqrt(0.05) / Math.sqrt(8), p.empiricalSeMcse(), 1e-12);
        // squared errors about theta: 0, 0.16, 0.04, 0.04, 0.01; MSE 0.05; their deviations from it -0.05, 0.11,
        // -0.01, -0.01, -0.04, squares summing to 0.0164: MCSE(MSE) sqrt(0.0164 / 20) = 0.0286356, and by the
        // delta method MCSE(RMSE) = 0.0286356 / (2 sqrt(0.05)) = 0.0640312
        assertEquals(Math.sqrt(0.05), p.rmse(), 1e-12);
        assertEquals(Math.sqrt(0.0164 / 20) / (2 * Math.sqrt(0.05)), p.rmseMcse(), 1e-12);
        assertEquals(0.0640312, p.rmseMcse(), 1e-7);
        // intervals +- 0.3: [1.1, 1.7] misses 1.0, the other four cover it: 0.8, MCSE sqrt(0.8 x 0.2 / 5)
        assertEquals(0.8, p.coverage(), 1e-12);
        assertEquals(Math.sqrt(0.032), p.coverageMcse(), 1e-12);
    }

    /** An estimate without an interval (z = 0) counts in the mean and bias but not in the coverage. */
    @Test
    void anEstimateWithoutIntervalCountsButNotInTheCoverage() {
        EstimatorPerformance p = EstimatorPerformance.of(new double[] {0, 2, 1}, new double[] {Double.NaN, 1.5, 0.5},
                new double[] {Double.NaN, 2.5, 1.5}, new double[] {1, 1, 1}, 3);
        assertEquals(3, p.replicates());
        assertEquals(1.0, p.mean(), 1e-12);
        assertEquals(0.5, p.coverage(), 1e-12); // [1.5, 2.5] misses 1, [0.5, 1.5] covers it
        assertEquals(Math.sqrt(0.25 / 2), p.coverageMcse(), 1e-12);
    }

    @Test
    void fewerThanTwoReplicatesGiveNoFigures() {
        EstimatorPerformance p = EstimatorPerformance.of(new double[] {1}, new double[] {0}, new double[] {2},
                new double[] {1}, 1);
        assertEquals(1, p.replicates());
        assertTrue(Double.isNaN(p.bias()) && Double.isNaN(p.coverage()));
    }
}
