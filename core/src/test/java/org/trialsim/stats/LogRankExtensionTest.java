package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LogRankTest#testExtended} (sort the new rows, merge them into the previous order) gives bit for
 * bit the statistic and every sum of {@code LogRankTest.test} on the same rows, over nested prefixes with
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
            LogRankTest.Result extended = new LogRankTest.Result();
            LogRankTest.Result full = new LogRankTest.Result();
            int size = random.nextInt(n + 1);
            LogRankTest.withDefaults().test(time, event, treatment, strata, size, extended);
            while (size < n) {
                int previous = size;
                size = Math.min(n, size + random.nextInt(60));
                LogRankTest.withDefaults().testExtended(time, event, treatment, strata, previous, size, extended);
                LogRankTest.withDefaults().test(time, event, treatment, strata, size, full);
                String where = "trial " + trial + ", rows " + previous + " -> " + size;
                assertEquals(Double.doubleToRawLongBits(full.statistic()), Double.doubleToRawLongBits(extended.statistic()), where);
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
        LogRankTest.Result extended = new LogRankTest.Result();
        LogRankTest.withDefaults().test(time, event, treatment, null, 4, extended);
        // the previous call covered 4 rows, not 2: the order cannot be reused
        double z = LogRankTest.withDefaults().testExtended(time, event, treatment, null, 2, 6, extended).statistic();
        assertEquals(LogRankTest.withDefaults().test(time, event, treatment, null, 6).statistic(), z, 0.0);
    }
}
