package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LogRankTest} (times sorted per stratum, arm and event status, then walked together) gives bit for
 * bit the statistic and every sum of the row-sorting walk it replaced ({@link SortedRowsLogRank}, its code
 * before 2026-11-22), on data built to stress the tie handling: times on a coarse grid (heavy ties between
 * events and censorings, within and across arms), {@code -0.0} mixed with {@code 0.0}, negative and
 * infinite times, rows already in ascending or descending order, one-arm and all-censored samples,
 * stratum labels that are a narrow range or spread over the whole int range, and nested extensions.
 */
class LogRankIdentityTest {

    private static final int TRIALS = 2000;

    @Test
    void givesTheRowSortingWalkBitForBit() {
        SplittableRandom random = new SplittableRandom(20261122L);
        LogRankTest.Result test = new LogRankTest.Result(); // reused across samples, as on the replicate path
        SortedRowsLogRank reference = new SortedRowsLogRank();
        for (int trial = 0; trial < TRIALS; trial++) {
            int n = random.nextInt(8) == 0 ? random.nextInt(4) : 1 + random.nextInt(600);
            Sample x = Sample.draw(random, n);
            String where = "trial " + trial + " (" + x.kind + ", n " + n + ")";
            LogRankTest.withDefaults().test(x.time, x.event, x.treatment, x.stratum, n, test);
            reference.compute(x.time, x.event, x.treatment, x.stratum, n);
            assertSame(reference, test, where);
        }
    }

    @Test
    void extensionsGiveTheRowSortingWalkBitForBit() {
        SplittableRandom random = new SplittableRandom(7L);
        LogRankTest.Result test = new LogRankTest.Result();
        SortedRowsLogRank reference = new SortedRowsLogRank();
        for (int trial = 0; trial < TRIALS / 4; trial++) {
            int n = 1 + random.nextInt(600);
            Sample x = Sample.draw(random, n);
            int size = random.nextInt(n + 1);
            LogRankTest.withDefaults().test(x.time, x.event, x.treatment, x.stratum, size, test);
            while (size < n) {
                int previous = size;
                size = Math.min(n, size + random.nextInt(80));
                LogRankTest.withDefaults().testExtended(x.time, x.event, x.treatment, x.stratum, previous, size, test);
                reference.compute(x.time, x.event, x.treatment, x.stratum, size);
                assertSame(reference, test, "trial " + trial + " (" + x.kind + "), rows " + previous + " -> " + size);
            }
        }
    }

    private static void assertSame(SortedRowsLogRank expected, LogRankTest.Result actual, String where) {
        assertEquals(bits(expected.z), bits(actual.statistic()), where + ": z");
        assertEquals(bits(expected.variance), bits(actual.variance()), where + ": variance");
        assertEquals(bits(expected.expectedTreatment), bits(actual.expectedTreatment()), where + ": E_T");
        assertEquals(bits(expected.observedTreatment), bits(actual.observedTreatment()), where + ": O_T");
        assertEquals(bits(expected.events), bits(actual.events()), where + ": events");
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /** One random sample of one of several shapes. */
    private record Sample(String kind, double[] time, boolean[] event, boolean[] treatment, int[] stratum) {

        static Sample draw(SplittableRandom random, int n) {
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            boolean[] treatment = new boolean[n];
            int[] stratum = new int[n];
            int shape = random.nextInt(6);
            double eventRate = random.nextDouble();
            double treatedRate = random.nextInt(10) == 0 ? random.nextInt(2) : 0.5; // sometimes one arm only
            int strata = 1 + random.nextInt(4);
            int labelShape = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                time[i] = switch (shape) {
                    case 0 -> random.nextDouble() * 50; // continuous: ties only by chance
                    case 1 -> random.nextInt(12); // visit grid: heavy ties
                    case 2 -> random.nextBoolean() ? 0.0 : random.nextBoolean() ? -0.0 : random.nextInt(3);
                    case 3 -> random.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(7) - 3.0;
                    case 4 -> 100.0 - 0.25 * i; // descending, as administrative censorings in entry order
                    default -> 0.5 * (i / 3); // ascending with ties
                };
                event[i] = random.nextDouble() < eventRate;
                treatment[i] = random.nextDouble() < treatedRate;
                int s = random.nextInt(strata);
                stratum[i] = switch (labelShape) {
                    case 0 -> s; // 0..k-1, as the extraction gives them
                    case 1 -> s - 5; // a narrow range of negative labels
                    default -> s == 0 ? Integer.MIN_VALUE : s == 1 ? Integer.MAX_VALUE : 1_000_003 * s; // wide
                };
            }
            boolean stratified = random.nextBoolean();
            return new Sample("shape " + shape + (stratified ? ", labels " + labelShape : ", unstratified"), time,
                    event, treatment, stratified ? stratum : null);
        }
    }
}
