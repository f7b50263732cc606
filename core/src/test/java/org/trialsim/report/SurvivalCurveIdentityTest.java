package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SurvivalCurve#kaplanMeier}, now built from {@code stats.KaplanMeier}'s step function, draws bit for
 * bit the curve of its former own product-limit walk ({@link IndexSortKaplanMeier}), on data built to stress
 * the tie handling: times on a visit grid (heavy ties between events and censorings), many times at 0 with
 * events and censorings there, infinite times, rows already ascending or descending, all-event and
 * all-censored samples, empty samples, and curves over the leading entries of longer arrays.
 */
class SurvivalCurveIdentityTest {

    private static final int TRIALS = 2000;

    @Test
    void drawsTheFormerCurveBitForBit() {
        SplittableRandom random = new SplittableRandom(20261122L);
        for (int trial = 0; trial < TRIALS; trial++) {
            int length = random.nextInt(8) == 0 ? random.nextInt(4) : 1 + random.nextInt(600);
            int shape = random.nextInt(7);
            double[] time = new double[length];
            boolean[] event = new boolean[length];
            double eventRate = switch (random.nextInt(5)) {
                case 0 -> 0; // all censored: no step
                case 1 -> 1; // all events: the curve reaches 0
                default -> random.nextDouble();
            };
            for (int i = 0; i < length; i++) {
                time[i] = switch (shape) {
                    case 0 -> random.nextDouble() * 50; // continuous: ties only by chance
                    case 1 -> random.nextInt(12); // visit grid: heavy ties, time 0 among them
                    case 2 -> random.nextBoolean() ? 0.0 : 1 + random.nextInt(3); // half at time 0
                    case 3 -> random.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(7);
                    case 4 -> 100.0 - 0.25 * i; // descending, as administrative censorings in entry order
                    case 5 -> 0.5 * (i / 3); // ascending with ties, from 0
                    default -> 4.0 * (1 + random.nextInt(13)) - random.nextInt(2) * random.nextDouble(); // mixed
                };
                event[i] = random.nextDouble() < eventRate;
            }
            int count = random.nextInt(4) == 0 ? random.nextInt(length + 1) : length;
            String where = "trial " + trial + " (shape " + shape + ", " + count + " of " + length + ")";
            assertSameCurve(IndexSortKaplanMeier.kaplanMeier("arm", time, event, count),
                    SurvivalCurve.kaplanMeier("arm", time, event, count), where);
        }
    }

    /** Events and censorings tied at 0 and at 1; the values by hand from the product-limit formula. */
    @Test
    void tiesAtTimeZero() {
        double[] time = {1, 0, 2, 0, 0, 1, 3};
        boolean[] event = {true, true, false, false, true, false, true};
        SurvivalCurve c = SurvivalCurve.kaplanMeier("x", time, event, time.length);
        assertSameCurve(IndexSortKaplanMeier.kaplanMeier("x", time, event, time.length), c, "hand case");
        // t=0: 7 at risk (the censored at 0 included), 2 events; t=1: 4 at risk, 1 event; t=3: 1 at risk, 1 event
        assertArrayEquals(new double[] {0, 1, 3}, c.times());
        assertArrayEquals(new int[] {7, 4, 1}, c.atRisk());
        assertArrayEquals(new double[] {5.0 / 7, 5.0 / 7 * 3 / 4, 0}, c.survival(), 1e-15);
    }

    /**
     * {@code -0.0} and {@code 0.0} were one time for the former walk too ({@code ==}); it reported the step at
     * whichever sorted first ({@code -0.0}), the curve reports {@code 0.0}. The charts never pass {@code -0.0}
     * (TrialCurves' times are {@code max(0, .)} or a difference of equal times, both {@code +0.0}).
     */
    @Test
    void negativeZeroIsTimeZero() {
        double[] time = {0.0, -0.0, 2, -0.0, 1};
        boolean[] event = {true, true, true, false, false};
        SurvivalCurve former = IndexSortKaplanMeier.kaplanMeier("x", time, event, time.length);
        SurvivalCurve c = SurvivalCurve.kaplanMeier("x", time, event, time.length);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(former.times()[0]));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(c.times()[0]));
        assertEquals(former.times().length, c.times().length);
        for (int k = 0; k < c.times().length; k++) {
            assertEquals(former.times()[k], c.times()[k], 0.0);
        }
        assertArrayEquals(former.survival(), c.survival());
        assertArrayEquals(former.atRisk(), c.atRisk());
    }

    @Test
    void refusesNaNTimes() {
        assertThrows(IllegalArgumentException.class, () -> SurvivalCurve.kaplanMeier("x", new double[] {1, Double.NaN},
                new boolean[] {true, true}, 2));
    }

    private static void assertSameCurve(SurvivalCurve expected, SurvivalCurve actual, String where) {
        assertEquals(expected.label(), actual.label(), where);
        assertEquals(expected.subjects(), actual.subjects(), where + ": subjects");
        assertEquals(expected.times().length, actual.times().length, where + ": steps");
        for (int k = 0; k < expected.times().length; k++) {
            assertEquals(bits(expected.times()[k]), bits(actual.times()[k]), where + ": time " + k);
            assertEquals(bits(expected.survival()[k]), bits(actual.survival()[k]), where + ": survival " + k);
        }
        assertArrayEquals(expected.atRisk(), actual.atRisk(), where + ": at risk");
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }
}
