package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialsim.stats.Close.assertRelative;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Log-rank test and Kaplan-Meier milestone estimate against R's survival package (3.5.3, R 4.2.2;
 * script {@code core/src/test/r/stats-part-a-references.R}), against a naive quadratic implementation
 * on random data with many ties, and on edge cases. R's survdiff and survfit are closed-form sums over the
 * same event times, so the tolerance is 1e-10 relative (observed about 1e-15).
 */
class TimeToEventTest {

    private static final double REL = 1e-10;

    // Data 1: 40 patients, whole-week times (many ties), three strata. From R:
    // set.seed(20261122); trt <- rep(c(1,0), 20); strat <- rep(c(0,0,1,1,2), 8)
    // t_ev <- ceiling(rexp(40, ifelse(trt==1, 0.05, 0.09))); t_c <- ceiling(runif(40, 5, 30))
    // time <- pmin(t_ev, t_c); status <- as.integer(t_ev <= t_c)
    private static final double[] TIME1 = {20, 27, 7, 24, 9, 8, 7, 3, 11, 1, 28, 10, 1, 5, 14, 2, 6, 7, 5, 24, 2, 6,
        5, 9, 5, 7, 25, 2, 9, 12, 9, 13, 29, 12, 6, 7, 23, 1, 11, 1};
    private static final int[] STATUS1 = {0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1};
    private static final int[] STRATUM1 = repeat(new int[] {0, 0, 1, 1, 2}, 8);
    private static final boolean[] TREATMENT1 = alternating(40);

    // Data 2: 20 patients, times 1..5 with heavy ties; treatment first 10; strata alternate 0, 1.
    private static final double[] TIME2 = {1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 1, 2, 2, 2, 3, 4, 4, 4, 5, 5};
    private static final int[] STATUS2 = {1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1};
    private static final int[] STRATUM2 = repeat(new int[] {0, 1}, 10);
    private static final boolean[] TREATMENT2 = firstHalf(20);

    private static int[] repeat(int[] pattern, int times) {
        final int[] r = new int[pattern.length * times];
        for (int i = 0; i < r.length; i++) {
            r[i] = pattern[i % pattern.length];
        }
        return r;
    }

    private static boolean[] alternating(int n) {
        final boolean[] r = new boolean[n];
        for (int i = 0; i < n; i += 2) {
            r[i] = true;
        }
        return r;
    }

    private static boolean[] firstHalf(int n) {
        final boolean[] r = new boolean[n];
        for (int i = 0; i < n / 2; i++) {
            r[i] = true;
        }
        return r;
    }

    private static boolean[] events(int[] status) {
        final boolean[] r = new boolean[status.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = status[i] == 1;
        }
        return r;
    }

    /** Asserts {O_T, E_T, O_C, E_C, V, chisq} as printed by survdiff (group 2 = treatment). */
    private static void assertSurvdiff(double[] expected, double[] time, boolean[] event, boolean[] treatment,
            int[] stratum, int n, String what) {
        final LogRankTest.Result test = LogRankTest.withDefaults().test(time, event, treatment, stratum, n);
        assertRelative(expected[0], test.observedTreatment(), REL, what + " O_T");
        assertRelative(expected[1], test.expectedTreatment(), REL, what + " E_T");
        assertRelative(expected[2], test.observedControl(), REL, what + " O_C");
        assertRelative(expected[3], test.expectedControl(), REL, what + " E_C");
        assertRelative(expected[4], test.variance(), REL, what + " V");
        assertRelative(expected[5], test.chiSquare(), REL, what + " chisq");
        // sign: positive when the treatment arm has fewer events than expected
        assertEquals(Math.signum(expected[1] - expected[0]), Math.signum(test.statistic()), what + " sign");
        assertRelative(TailProbability.normal(test.statistic(), Alternative.GREATER),
            LogRankTest.withDefaults().with(Alternative.GREATER).test(time, event, treatment, stratum, n).pValue(), 0, what);
        // survdiff's p-value: pchisq(chisq, 1, lower.tail = FALSE)
        assertRelative(org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(1)
            .survivalProbability(expected[5]), test.pValue(), 1e-12, what + " p");
    }

    /**
     * {@code s <- survdiff(Surv(time, status) ~ trt [+ strata(strat)]); c(obs[2], exp[2], obs[1], exp[1],
     * var[2,2], chisq)} with per-stratum rows summed ({@code rowSums}) in the stratified case.
     */
    @Test
    void logRankMatchesSurvdiff() {
        assertSurvdiff(new double[] {12, 15.1084871269081802, 16, 12.8915128730918198, 6.3976642097177177,
            1.5103468862083678}, TIME1, events(STATUS1), TREATMENT1, null, 40, "data 1");
        assertSurvdiff(new double[] {12, 14.26941391941391934, 16, 13.73058608058608066, 6.04870922084292140,
            0.85146092324668443}, TIME1, events(STATUS1), TREATMENT1, STRATUM1, 40, "data 1 stratified");
        assertSurvdiff(new double[] {8, 5.0681818181818183, 7, 9.9318181818181817, 2.2053990865593733,
            3.8975067613043834}, TIME2, events(STATUS2), TREATMENT2, null, 20, "data 2");
        assertSurvdiff(new double[] {8, 5.0460317460317459, 7, 9.9539682539682541, 2.3502620307382207,
            3.7127470602549915}, TIME2, events(STATUS2), TREATMENT2, STRATUM2, 20, "data 2 stratified");
    }

    /**
     * A stratum holding only treated patients adds their events to O_T and E_T but no information:
     * {@code d3 <- rbind(d1, data.frame(time = c(4, 6, 8), status = c(1, 1, 0), trt = 1, strat = 3))}.
     */
    @Test
    void oneArmStratumContributesNoInformation() {
        final double[] time = new double[43];
        final boolean[] event = new boolean[43];
        final boolean[] treatment = new boolean[43];
        final int[] stratum = new int[43];
        System.arraycopy(TIME1, 0, time, 0, 40);
        System.arraycopy(events(STATUS1), 0, event, 0, 40);
        System.arraycopy(TREATMENT1, 0, treatment, 0, 40);
        System.arraycopy(STRATUM1, 0, stratum, 0, 40);
        final double[] extraTime = {4, 6, 8};
        for (int i = 0; i < 3; i++) {
            time[40 + i] = extraTime[i];
            event[40 + i] = i < 2;
            treatment[40 + i] = true;
            stratum[40 + i] = 3;
        }
        assertSurvdiff(new double[] {14, 16.26941391941392112, 16, 13.73058608058608066, 6.04870922084292140,
            0.85146092324668576}, time, event, treatment, stratum, 43, "one-arm stratum");
    }

    /**
     * Without ties the one-step score estimate is the first Newton step of the Cox partial likelihood:
     * {@code exp(coef(coxph(Surv(tt, ss) ~ gg, ties = "breslow", iter.max = 1)))} = 1.3053759055188832
     * (R warns that it did not converge, which is the point). Data: {@code set.seed(99);
     * tt <- round(rexp(30, 0.1), 3); ss <- rbinom(30, 1, 0.8); gg <- rep(c(1, 0), 15)}.
     */
    @Test
    void scoreHazardRatioIsOneCoxNewtonStep() {
        final double[] time = {1.694, 25.537, 0.7, 2.042, 11.266, 17.888, 0.976, 0.109, 19.37, 2.738, 3.756, 2.804,
            11.247, 27.208, 26.441, 18.494, 14.421, 1.822, 5.468, 10.935, 54.037, 6.29, 64.459, 19.918, 0.002, 9.872,
            10.803, 0.91, 30.683, 11.721};
        final int[] status = {1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0};
        final LogRankTest.Result test = new LogRankTest.Result();
        LogRankTest.withDefaults().test(time, events(status), alternating(30), null, 30, test);
        assertRelative(12, test.observedTreatment(), REL, "O_T");
        assertRelative(10.83540450766086671, test.expectedTreatment(), REL, "E_T");
        assertRelative(4.37011109571809442, test.variance(), REL, "V");
        assertRelative(0.31035427499898938, test.chiSquare(), REL, "chisq");
        assertRelative(1.3053759055188832, test.hazardRatioScore(), REL, "coxph one step");
        // Pike from the same O and E (closed form; 19 events in all)
        assertRelative((12 / 10.83540450766086671) / (7 / (19 - 10.83540450766086671)), test.hazardRatioPike(), REL, "Pike");
    }

    @Test
    void logRankAgreesWithNaiveImplementationOnRandomTiedData() {
        final Random random = new Random(12345);
        final LogRankTest.Result test = new LogRankTest.Result();
        for (int rep = 0; rep < 300; rep++) {
            final int n = random.nextInt(120);
            final double[] time = new double[n + 5];
            final boolean[] event = new boolean[n + 5];
            final boolean[] treatment = new boolean[n + 5];
            final int[] stratum = new int[n + 5];
            final int levels = 1 + random.nextInt(12);
            for (int i = 0; i < n + 5; i++) {
                // coarse times force ties; trailing rows beyond n must be ignored
                time[i] = random.nextInt(levels) * 0.5;
                event[i] = random.nextDouble() < 0.7;
                treatment[i] = random.nextBoolean();
                stratum[i] = random.nextInt(4) - 1;
            }
            for (int[] strata : new int[][] {null, stratum}) {
                LogRankTest.withDefaults().test(time, event, treatment, strata, n, test);
                final double[] naive = naive(time, event, treatment, strata, n);
                final String what = "rep " + rep;
                assertRelative(naive[0], test.observedTreatment(), 1e-12, what + " O");
                assertRelative(naive[1], test.expectedTreatment(), 1e-12, what + " E");
                assertRelative(naive[2], test.variance(), 1e-12, what + " V");
                assertRelative(naive[3], test.events(), 1e-12, what + " events");
            }
        }
    }

    /** O(n^2) log-rank: for every distinct (stratum, event time), count at risk by scanning all patients. */
    private static double[] naive(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int n) {
        double o = 0;
        double e = 0;
        double v = 0;
        double d = 0;
        for (int i = 0; i < n; i++) {
            if (!event[i] || firstEventAt(time, event, stratum, i) != i) {
                continue;
            }
            double atRisk = 0;
            double atRiskT = 0;
            double deaths = 0;
            double deathsT = 0;
            for (int j = 0; j < n; j++) {
                if (stratum != null && stratum[j] != stratum[i]) {
                    continue;
                }
                if (time[j] >= time[i]) {
                    atRisk++;
                    atRiskT += treatment[j] ? 1 : 0;
                }
                if (time[j] == time[i] && event[j]) {
                    deaths++;
                    deathsT += treatment[j] ? 1 : 0;
                }
            }
            o += deathsT;
            e += deaths * atRiskT / atRisk;
            d += deaths;
            if (atRisk > 1) {
                v += deaths * (atRiskT / atRisk) * (1 - atRiskT / atRisk) * (atRisk - deaths) / (atRisk - 1);
            }
        }
        return new double[] {o, e, v, d};
    }

    private static int firstEventAt(double[] time, boolean[] event, int[] stratum, int i) {
        for (int j = 0; j <= i; j++) {
            if (event[j] && time[j] == time[i] && (stratum == null || stratum[j] == stratum[i])) {
                return j;
            }
        }
        return -1;
    }

    @Test
    void resultDoesNotDependOnRowOrder() {
        final Random random = new Random(7);
        final LogRankTest.Result test = new LogRankTest.Result();
        final boolean[] event = events(STATUS1);
        final double z = LogRankTest.withDefaults().test(TIME1, event, TREATMENT1, STRATUM1, 40, test).statistic();
        for (int rep = 0; rep < 50; rep++) {
            final int[] perm = permutation(40, random);
            final double[] t = new double[40];
            final boolean[] ev = new boolean[40];
            final boolean[] tr = new boolean[40];
            final int[] st = new int[40];
            for (int i = 0; i < 40; i++) {
                t[i] = TIME1[perm[i]];
                ev[i] = event[perm[i]];
                tr[i] = TREATMENT1[perm[i]];
                st[i] = STRATUM1[perm[i]];
            }
            // integer counts per tie group are summed in time order: bit-identical
            assertEquals(z, LogRankTest.withDefaults().test(t, ev, tr, st, 40, test).statistic());
        }
    }

    private static int[] permutation(int n, Random random) {
        final int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return p;
    }

    @Test
    void largeAllTiedSampleSortsQuickly() {
        // 200,000 identical times: Hoare partitioning splits ties evenly, so this is O(n log n), not O(n^2).
        final int n = 200_000;
        final double[] time = new double[n];
        final boolean[] event = new boolean[n];
        final boolean[] treatment = new boolean[n];
        java.util.Arrays.fill(time, 12.0);
        for (int i = 0; i < n; i++) {
            event[i] = i % 3 == 0;
            treatment[i] = i % 2 == 0;
        }
        final LogRankTest.Result test = new LogRankTest.Result();
        LogRankTest.withDefaults().test(time, event, treatment, null, n, test);
        // one tie group: d = 66,667 events among n at risk, half treated
        final double d = (n + 2) / 3;
        assertRelative(d / 2, test.expectedTreatment(), 1e-12, "E");
        assertRelative(d * 0.25 * (n - d) / (n - 1), test.variance(), 1e-12, "V");
    }

    @Test
    void undefinedLogRankIsZeroWithPValueOne() {
        final LogRankTest.Result test = new LogRankTest.Result();
        final double[] time = {3, 5, 7, 9};
        // no events at all
        assertUndefined(test, time, new boolean[4], new boolean[] {true, false, true, false}, 4);
        // every patient in one arm
        assertUndefined(test, time, new boolean[] {true, true, false, true}, new boolean[4], 4);
        // empty sample
        assertUndefined(test, time, new boolean[4], new boolean[4], 0);
        // events only where a single patient remains at risk (the last, a control): V = 0
        assertUndefined(test, time, new boolean[] {false, false, false, true}, new boolean[] {true, false, true, false}, 4);
        // one patient per arm, both events: defined, E_T = 1/2 at the first time, V = 1/4
        LogRankTest.withDefaults().test(new double[] {2, 4}, new boolean[] {true, true}, new boolean[] {true, false}, null, 2, test);
        assertRelative(0.5, test.expectedTreatment(), REL, "one per arm E");
        assertRelative(0.25, test.variance(), REL, "one per arm V");
        assertRelative(-1, test.statistic(), REL, "one per arm z");
    }

    private static void assertUndefined(LogRankTest.Result test, double[] time, boolean[] event, boolean[] treatment,
            int n) {
        for (Alternative a : Alternative.values()) {
            LogRankTest.withDefaults().with(a).test(time, event, treatment, null, n, test);
            assertEquals(0, test.statistic());
            assertEquals(1, test.pValue());
            assertEquals(false, test.defined());
        }
        assertEquals(1, test.hazardRatioPike());
        assertEquals(1, test.hazardRatioScore());
    }

    /**
     * {@code summary(survfit(Surv(tt, ss) ~ 1), times = t, extend = TRUE)}: surv then std.err for
     * the treatment and control arms of data 1 at t = 0.5, 5, 9, 12, 30 and of data 2.
     */
    @Test
    void kaplanMeierMatchesSurvfit() {
        final KaplanMeier km = new KaplanMeier();
        final boolean[] event1 = events(STATUS1);
        assertKm(km, TIME1, event1, TREATMENT1, true, new double[] {0.5, 5, 9, 12, 30},
            new double[] {1, 0.75, 0.484615384615384670, 0.424038461538461586, 0.353365384615384692},
            new double[] {0, 0.096824583655185412, 0.114287685300644509, 0.114940041277490371, 0.115484587869627078});
        assertKm(km, TIME1, event1, TREATMENT1, false, new double[] {0.5, 5, 9, 12, 30},
            new double[] {1, 0.650000000000000022, 0.350000000000000033, 0.25, 0.166666666666666657},
            new double[] {0, 0.106653645038507716, 0.106653645038507716, 0.096824583655185426, 0.093788572311856291});
        final boolean[] event2 = events(STATUS2);
        assertKm(km, TIME2, event2, TREATMENT2, true, new double[] {1, 2, 3, 3.5},
            new double[] {0.8, 0.57142857142857151, 0.22857142857142862, 0.22857142857142862},
            new double[] {0.12649110640673519, 0.16377471549174599, 0.14129760994885754, 0.14129760994885754});
        assertKm(km, TIME2, event2, TREATMENT2, false, new double[] {1, 2, 4, 4.5},
            new double[] {1, 0.77777777777777779, 0.38888888888888890, 0.38888888888888890},
            new double[] {0, 0.13857990321384969, 0.17322487901731209, 0.17322487901731209});
    }

    private static void assertKm(KaplanMeier km, double[] time, boolean[] event, boolean[] group, boolean arm,
            double[] at, double[] surv, double[] se) {
        for (int i = 0; i < at.length; i++) {
            final String what = "arm " + arm + " t=" + at[i];
            assertRelative(surv[i], km.compute(time, event, group, arm, time.length, at[i]), REL, what);
            assertRelative(surv[i], km.survival(), REL, what);
            assertRelative(se[i], km.standardError(), REL, what + " se");
        }
    }

    @Test
    void kaplanMeierEdgeCases() {
        final KaplanMeier km = new KaplanMeier();
        // treatment arm of data 2: its last patient (time 4) has the event, so S(4) = 0; variance defined as 0
        assertEquals(0, km.compute(TIME2, events(STATUS2), TREATMENT2, true, 20, 4.5));
        assertEquals(0, km.variance());
        // empty sample
        assertEquals(1, km.compute(TIME2, events(STATUS2), 0, 10));
        assertEquals(0, km.variance());
        // whole sample without a group
        km.compute(new double[] {1, 2, 2, 3}, new boolean[] {true, true, false, false}, 4, 2);
        // S(2) = (3/4)(2/3) = 1/2; Greenwood: 1/4 * (1/(4*3) + 1/(3*2)) = 1/16
        assertRelative(0.5, km.survival(), REL, "S");
        assertRelative(1.0 / 16, km.variance(), REL, "Greenwood");
        assertEquals(1, km.atRisk());
    }
}
