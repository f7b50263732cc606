package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.trialsim.stats.Close.assertRelative;

import org.junit.jupiter.api.Test;

/**
 * The Wald test of the risk difference against statsmodels 0.13.5 (Debian bookworm's python3-statsmodels,
 * scipy 1.10.1): {@code test_proportions_2indep(xT, nT, xC, nC, method="wald", compare="diff",
 * alternative=...)}, printed with {@code repr} by {@code core/src/test/r/wald-risk-difference-statsmodels.py}.
 * Tolerance 1e-12 relative: z is a closed form in both programs and the tails are scipy's {@code ndtr} (Cephes)
 * against this package's Cody algorithm, which agree to about 1e-15 (TailProbabilityTest).
 */
class WaldRiskDifferenceTestTest {

    private static final double REL = 1e-12;

    /** {xT, nT, xC, nC, z, d, p two-sided, p larger (GREATER), p smaller (LESS)}. */
    private static final double[][] STATSMODELS = {
        {15, 30, 8, 30, 1.914637148775538, 0.23333333333333334, 0.05553879409762693, 0.027769397048813465, 0.9722306029511866},
        {3, 17, 10, 40, -0.6391144549889657, -0.07352941176470587, 0.5227484770165036, 0.7386257614917482, 0.2613742385082518},
        {12, 20, 9, 20, 0.9607689228305226, 0.14999999999999997, 0.33666836761003904, 0.16833418380501952, 0.8316658161949805},
        {0, 10, 3, 12, -2.0, -0.25, 0.04550026389635839, 0.9772498680518208, 0.022750131948179195},
        {40, 60, 25, 55, 2.340832859281753, 0.2121212121212121, 0.01924077862368177, 0.009620389311840885, 0.9903796106881592},
        {1, 5, 0, 4, 1.1180339887498947, 0.2, 0.2635524772829728, 0.1317762386414864, 0.8682237613585135},
        {200, 400, 160, 400, 2.8571428571428568, 0.09999999999999998, 0.0042747339601725675, 0.0021373669800862838, 0.9978626330199137},
        {7, 7, 3, 8, 3.6514837167011076, 0.625, 0.0002607296328553162, 0.0001303648164276581, 0.9998696351835723},
    };

    @Test
    void matchesStatsmodels() {
        final TestResult result = new TestResult();
        for (double[] c : STATSMODELS) {
            final int xT = (int) c[0];
            final int nT = (int) c[1];
            final int xC = (int) c[2];
            final int nC = (int) c[3];
            final String what = "test_proportions_2indep(" + xT + ", " + nT + ", " + xC + ", " + nC + ")";
            WaldRiskDifferenceTest.withDefaults().test(xT, nT, xC, nC, result);
            assertRelative(c[4], result.statistic(), REL, what + " z");
            assertRelative(c[5], result.estimate(), REL, what + " difference");
            assertRelative(c[6], result.pValue(), REL, what + " two-sided");
            assertRelative(c[7], WaldRiskDifferenceTest.withDefaults().with(Alternative.GREATER)
                .test(xT, nT, xC, nC, result).pValue(), REL, what + " larger");
            assertRelative(c[8], WaldRiskDifferenceTest.withDefaults().with(Alternative.LESS)
                .test(xT, nT, xC, nC, result).pValue(), REL, what + " smaller");
        }
    }

    /**
     * Where its statistic is defined, the test rejects at two-sided level alpha exactly when the Wald interval
     * excludes 0 (it inverts it); it is undefined exactly where the interval is degenerate (zero variance).
     */
    @Test
    void rejectsExactlyWhenTheWaldIntervalExcludesZero() {
        final WaldRiskDifferenceTest test = WaldRiskDifferenceTest.withDefaults();
        final TestResult result = new TestResult();
        int rejections = 0;
        for (int nT = 1; nT <= 25; nT += 3) {
            for (int nC = 1; nC <= 25; nC += 4) {
                for (int xT = 0; xT <= nT; xT++) {
                    for (int xC = 0; xC <= nC; xC++) {
                        final double lower = RiskDifference.waldLower(xT, nT, xC, nC, 0.05);
                        final double upper = RiskDifference.waldUpper(xT, nT, xC, nC, 0.05);
                        final double p = test.test(xT, nT, xC, nC, result).pValue();
                        if (!result.defined()) {
                            assertEquals(lower, upper, xT + "/" + nT + " vs " + xC + "/" + nC);
                            continue;
                        }
                        // away from the boundary (where |z| = 1.959964 up to rounding) the two must agree
                        if (Math.abs(Math.abs(result.statistic()) - 1.959963984540054) > 1e-9) {
                            assertEquals(lower > 0 || upper < 0, p <= 0.05,
                                xT + "/" + nT + " vs " + xC + "/" + nC + ": [" + lower + ", " + upper + "], p " + p);
                        }
                        rejections += p <= 0.05 ? 1 : 0;
                    }
                }
            }
        }
        // the check is not vacuous
        assertEquals(true, rejections > 100, rejections + " rejections");
    }

    @Test
    void zeroVarianceAndEmptyArmsAreUndefined() {
        final int[][] tables = {{0, 10, 0, 12}, {10, 10, 12, 12}, {10, 10, 0, 12}, {0, 10, 12, 12}, {3, 10, 0, 0},
            {0, 0, 4, 9}, {0, 0, 0, 0}};
        for (int[] t : tables) {
            for (Alternative a : Alternative.values()) {
                final TestResult r = WaldRiskDifferenceTest.withDefaults().with(a).test(t[0], t[1], t[2], t[3]);
                assertEquals(0, r.statistic());
                assertEquals(1, r.pValue());
                assertFalse(r.defined());
                assertEquals(RiskDifference.estimate(t[0], t[1], t[2], t[3]), r.estimate());
            }
        }
    }
}
