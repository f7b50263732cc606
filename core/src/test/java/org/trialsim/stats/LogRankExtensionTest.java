package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LogRankTest#computeExtended} (sort the new rows, merge them into the previous order) gives bit for
 * bit the statistic and every sum of {@link LogRankTest#compute} on the same rows, over nested prefixes with
 * heavy ties (times on a coarse grid, as visit-scheduled data), censoring, strata, and zero-size steps.
 */
class LogRankExtensionTest {

    @Test
    void extendingGivesTheFullComputationBitForBit() {
        SplittableRandom random = new SplittableRandom(20261122L);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(400);
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            boolean[] treatment = new boolean[n];
            int[] stratum = new int[n];
            boolean coarse = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                time[i] = coarse ? random.nextInt(12) : random.nextDouble() * 50;
                event[i] = random.nextDouble() < 0.6;
                treatment[i] = random.nextBoolean();
                stratum[i] = random.nextInt(3);
            }
            int[] strata = random.nextBoolean() ? stratum : null;
            LogRankTest extended = new LogRankTest();
            LogRankTest full = new LogRankTest();
            int size = random.nextInt(n + 1);
            extended.compute(time, event, treatment, strata, size);
            while (size < n) {
                int previous = size;
                size = Math.min(n, size + random.nextInt(60));
                extended.computeExtended(time, event, treatment, strata, previous, size);
                full.compute(time, event, treatment, strata, size);
                String where = "trial " + trial + ", rows " + previous + " -> " + size;
                assertEquals(Double.doubleToRawLongBits(full.z()), Double.doubleToRawLongBits(extended.z()), where);
                assertEquals(full.variance(), extended.variance(), 0.0, where);
                assertEquals(full.expectedTreatment(), extended.expectedTreatment(), 0.0, where);
                assertEquals(full.observedTreatment(), extended.observedTreatment(), 0.0, where);
                assertEquals(full.events(), extended.events(), 0.0, where);
            }
        }
    }

    @Test
    void extendingFromAnotherSizeThanTheLastFallsBackToAFullComputation() {
        double[] time = {3, 1, 2, 2, 5, 4};
        boolean[] event = {true, true, false, true, true, false};
        boolean[] treatment = {true, false, true, false, true, false};
        LogRankTest extended = new LogRankTest();
        extended.compute(time, event, treatment, null, 4);
        // the previous call covered 4 rows, not 2: the order cannot be reused
        double z = extended.computeExtended(time, event, treatment, null, 2, 6);
        assertEquals(new LogRankTest().compute(time, event, treatment, null, 6), z, 0.0);
    }
}
