package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialsim.stats.Close.assertRelative;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link KaplanMeier}'s step function (event times, survival after each, number at risk) against R's
 * {@code survfit}, and its agreement with the milestone estimate of the same walk.
 */
class KaplanMeierStepFunctionTest {

    /** survfit prints 17 significant digits; the product of at most 7 factors differs from it by a few ulps. */
    private static final double REL = 1e-14;

    /**
     * The Maintained group of R's {@code survival::aml} (Miller 1981): 9, 13, 13+, 18, 23, 28+, 31, 34, 45+,
     * 48, 161+. R 4.2.2, survival 3.5.3: {@code d <- aml[aml$x == "Maintained", ]; f <- survfit(Surv(time, status)
     * ~ 1, data = d); k <- f$n.event > 0; options(digits = 17); f$time[k]; f$surv[k]; f$n.risk[k]}.
     */
    @Test
    void wholeCurveMatchesSurvfitOnTheAmlData() {
        double[] time = {161, 13, 9, 13, 45, 18, 28, 23, 34, 31, 48};
        boolean[] event = {false, true, true, false, false, true, false, true, true, true, true};
        KaplanMeier km = new KaplanMeier();
        km.compute(time, event, time.length, Double.POSITIVE_INFINITY);
        assertSurvfit(km, new double[] {9, 13, 18, 23, 31, 34, 48},
            new double[] {0.90909090909090906, 0.81818181818181812, 0.71590909090909083, 0.61363636363636354,
                0.49090909090909085, 0.36818181818181817, 0.18409090909090908},
            new int[] {11, 10, 8, 7, 5, 4, 2});
    }

    /**
     * Events and censorings tied at 0 and at 1, the last patient an event: {@code tt <- c(0, 0, 0, 1, 1, 2, 3, 3,
     * 5); ss <- c(1, 0, 1, 1, 0, 0, 1, 0, 1); g <- survfit(Surv(tt, ss) ~ 1)}, the same printout; and
     * {@code summary(g, times = c(0, 1, 2.5), extend = TRUE)$surv} for the milestones.
     */
    @Test
    void tiesAtTimeZeroMatchSurvfit() {
        double[] time = {3, 0, 1, 5, 0, 2, 1, 0, 3};
        boolean[] event = {true, true, true, true, false, false, false, true, false};
        KaplanMeier km = new KaplanMeier();
        km.compute(time, event, time.length, Double.POSITIVE_INFINITY);
        assertSurvfit(km, new double[] {0, 1, 3, 5},
            new double[] {0.77777777777777779, 0.64814814814814814, 0.43209876543209874, 0},
            new int[] {9, 6, 3, 1});
        double[] at = {0, 1, 2.5};
        double[] surv = {0.77777777777777779, 0.64814814814814814, 0.64814814814814814};
        int[] steps = {1, 2, 2};
        for (int i = 0; i < at.length; i++) {
            assertRelative(surv[i], km.compute(time, event, time.length, at[i]), REL, "S(" + at[i] + ")");
            assertEquals(steps[i], km.steps(), "steps up to " + at[i]);
        }
    }

    /**
     * On random data with heavy ties, one instance reused across sizes (so stale buffers would show): the steps
     * up to {@code t} are the whole curve's steps at or before {@code t}, the milestone {@code S(t)} is the
     * survival of the last of them (1 before the first) bit for bit, and a group's curve is the curve of its
     * rows taken alone.
     */
    @Test
    void stepsUpToTAreThePrefixOfTheCurveEndingAtTheMilestone() {
        SplittableRandom random = new SplittableRandom(11L);
        KaplanMeier km = new KaplanMeier();
        KaplanMeier alone = new KaplanMeier();
        for (int trial = 0; trial < 500; trial++) {
            int n = random.nextInt(300);
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            boolean[] group = new boolean[n];
            double eventRate = random.nextDouble();
            boolean grid = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                time[i] = grid ? random.nextInt(12) : random.nextDouble() * 12;
                event[i] = random.nextDouble() < eventRate;
                group[i] = random.nextBoolean();
            }
            String where = "trial " + trial;
            km.compute(time, event, group, true, n, Double.POSITIVE_INFINITY);
            double[] times = km.eventTimes();
            double[] survival = km.survivalAtEventTimes();
            int[] atRisk = km.atRiskAtEventTimes();
            assertEquals(times.length, km.steps(), where);

            int m = 0;
            double[] groupTime = new double[n];
            boolean[] groupEvent = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (group[i]) {
                    groupTime[m] = time[i];
                    groupEvent[m++] = event[i];
                }
            }
            alone.compute(groupTime, groupEvent, m, Double.POSITIVE_INFINITY);
            assertArrayEquals(times, alone.eventTimes(), where + ": group alone");
            assertArrayEquals(survival, alone.survivalAtEventTimes(), where + ": group alone");
            assertArrayEquals(atRisk, alone.atRiskAtEventTimes(), where + ": group alone");

            double t = random.nextDouble() * 13 - 0.5;
            double s = km.compute(time, event, group, true, n, t);
            int k = 0;
            while (k < times.length && times[k] <= t) {
                k++;
            }
            assertEquals(k, km.steps(), where + ": steps up to " + t);
            assertArrayEquals(Arrays.copyOf(times, k), km.eventTimes(), where);
            assertArrayEquals(Arrays.copyOf(survival, k), km.survivalAtEventTimes(), where);
            assertArrayEquals(Arrays.copyOf(atRisk, k), km.atRiskAtEventTimes(), where);
            assertEquals(Double.doubleToRawLongBits(k == 0 ? 1 : survival[k - 1]), Double.doubleToRawLongBits(s),
                    where + ": S(" + t + ")");
        }
    }

    private static void assertSurvfit(KaplanMeier km, double[] time, double[] surv, int[] risk) {
        assertArrayEquals(time, km.eventTimes());
        assertArrayEquals(risk, km.atRiskAtEventTimes());
        double[] s = km.survivalAtEventTimes();
        assertEquals(surv.length, s.length);
        for (int k = 0; k < s.length; k++) {
            assertRelative(surv[k], s[k], REL, "S(" + time[k] + ")");
        }
    }
}
