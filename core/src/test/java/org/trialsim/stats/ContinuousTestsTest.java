package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialsim.stats.Close.assertRelative;

import java.util.Random;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.statistics.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * Two-sample t-tests and ANCOVA against R 4.2.2 ({@code t.test}, {@code lm}; script
 * {@code core/src/test/r/stats-part-a-references.R}), against commons-statistics' {@code TTest} and
 * commons-math3's OLS regression on random data, and on edge cases. Statistics and degrees of freedom are
 * closed forms (1e-10 relative); p-values go through the regularized incomplete beta function in both
 * programs (R's pt: TOMS 708; commons-numbers: a continued fraction), which agree to about 1e-14, so
 * 1e-10 is kept for them too.
 */
class ContinuousTestsTest {

    private static final double REL = 1e-10;

    // set.seed(7); base <- round(rnorm(24, 32, 5), 1); trt <- rep(c(1, 0), 12)
    // chg <- round(-8 - 4*trt + 0.4*(base - 32) + rnorm(24, 0, 6), 1)
    private static final double[] BASE = {43.4, 26, 28.5, 29.9, 27.1, 27.3, 35.7, 31.4, 32.8, 42.9, 33.8, 45.6, 43.4,
        33.6, 41.5, 34.3, 27.5, 30.5, 32, 36.9, 36.2, 35.5, 38.5, 25.1};
    private static final double[] CHANGE = {0.2, -9.3, -8.9, -5.3, -19.9, -11.5, -15.7, -3.9, -11, -4.1, -13.8, -5.9,
        -1.5, -14, -9.1, -5.2, -6.5, -12.8, -13.7, -13.9, -12.7, -9, -1.3, -7.2};
    private static final boolean[] TREATMENT = alternating(24);

    private static boolean[] alternating(int n) {
        final boolean[] r = new boolean[n];
        for (int i = 0; i < n; i += 2) {
            r[i] = true;
        }
        return r;
    }

    /**
     * {@code r <- t.test(chg[trt == 1], chg[trt == 0], var.equal = ve, alternative = alt);
     * c(r$statistic, r$parameter, r$p.value)}.
     */
    @Test
    void tTestsMatchRTTest() {
        final TwoSampleTTest pooled = TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC);
        final TwoSampleTTest.Result pooledResult = new TwoSampleTTest.Result();
        pooled.test(CHANGE, TREATMENT, 24, pooledResult);
        assertRelative(-0.46592332413476323, pooledResult.statistic(), REL, "pooled t");
        assertEquals(22, pooledResult.degreesOfFreedom());
        assertRelative(0.64585036915876737, pooledResult.pValue(), REL, "pooled two-sided");
        assertRelative(0.67707481542061632, pooled.with(Alternative.GREATER).test(CHANGE, TREATMENT, 24).pValue(), REL, "pooled greater");
        assertRelative(0.32292518457938368, pooled.with(Alternative.LESS).test(CHANGE, TREATMENT, 24).pValue(), REL, "pooled less");
        assertRelative(2.1105046311201967, pooledResult.standardError(), REL, "pooled stderr");

        final TwoSampleTTest welch = TwoSampleTTest.withDefaults();
        final TwoSampleTTest.Result welchResult = new TwoSampleTTest.Result();
        welch.test(CHANGE, TREATMENT, 24, welchResult);
        assertRelative(-0.46592332413476323, welchResult.statistic(), REL, "Welch t");
        assertRelative(18.11745490851424023, welchResult.degreesOfFreedom(), REL, "Welch df");
        assertRelative(0.64682296797394589, welchResult.pValue(), REL, "Welch two-sided");
        assertRelative(0.67658851601302705, welch.with(Alternative.GREATER).test(CHANGE, TREATMENT, 24).pValue(), REL, "Welch greater");
        assertRelative(0.32341148398697295, welch.with(Alternative.LESS).test(CHANGE, TREATMENT, 24).pValue(), REL, "Welch less");
    }

    /**
     * Unequal sizes and spreads: {@code y1 <- c(3.1, 4.7, 2.2, 6.0, 5.5, 4.1, 3.3); y0 <- c(1.0, 2.5, 0.4,
     * 3.9, 2.2, 8.8, -1.5, 0.7, 2.0, 4.4, 1.1); t.test(y1, y0, var.equal = ve)}; and one treated patient,
     * {@code t.test(4.2, c(1.0, 2.5, 0.4, 3.9), var.equal = TRUE)}.
     */
    @Test
    void unequalArmsAndOnePatientPerArm() {
        final double[] y = {3.1, 4.7, 2.2, 6.0, 5.5, 4.1, 3.3, 1.0, 2.5, 0.4, 3.9, 2.2, 8.8, -1.5, 0.7, 2.0, 4.4, 1.1};
        final boolean[] g = new boolean[18];
        for (int i = 0; i < 7; i++) {
            g[i] = true;
        }
        final TwoSampleTTest pooled = TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC);
        final TwoSampleTTest.Result pooledResult = new TwoSampleTTest.Result();
        pooled.test(y, g, 18, pooledResult);
        assertRelative(1.63155973821232125, pooledResult.statistic(), REL, "pooled t");
        assertEquals(16, pooledResult.degreesOfFreedom());
        assertRelative(0.12229562850621359, pooledResult.pValue(), REL, "pooled p");
        final TwoSampleTTest welch = TwoSampleTTest.withDefaults();
        final TwoSampleTTest.Result welchResult = new TwoSampleTTest.Result();
        welch.test(y, g, 18, welchResult);
        assertRelative(1.876714749597630183, welchResult.statistic(), REL, "Welch t");
        assertRelative(15.475865403716429824, welchResult.degreesOfFreedom(), REL, "Welch df");
        assertRelative(0.079542533125870896, welchResult.pValue(), REL, "Welch p");

        pooled.test(new double[] {4.2, 1.0, 2.5, 0.4, 3.9}, new boolean[] {true, false, false, false, false}, 5, pooledResult);
        assertRelative(1.28049838475506261, pooledResult.statistic(), REL, "n_T = 1 t");
        assertEquals(3, pooledResult.degreesOfFreedom());
        assertRelative(0.29039695147454819, pooledResult.pValue(), REL, "n_T = 1 p");
        // Welch needs two patients per arm (R: "not enough 'x' observations"): undefined
        welch.with(Alternative.GREATER).test(new double[] {4.2, 1.0, 2.5, 0.4, 3.9},
            new boolean[] {true, false, false, false, false}, 5, welchResult);
        assertEquals(0, welchResult.statistic());
        assertEquals(1, welchResult.pValue());
    }

    @Test
    void tTestsMatchCommonsStatisticsOnRandomData() {
        final Random random = new Random(2024);
        final TwoSampleTTest pooled = TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC);
        final TwoSampleTTest.Result pooledResult = new TwoSampleTTest.Result();
        final TwoSampleTTest welch = TwoSampleTTest.withDefaults();
        final TwoSampleTTest.Result welchResult = new TwoSampleTTest.Result();
        for (int rep = 0; rep < 200; rep++) {
            final int nT = 2 + random.nextInt(40);
            final int nC = 2 + random.nextInt(40);
            final double[] y = new double[nT + nC];
            final boolean[] g = new boolean[nT + nC];
            final double[] yt = new double[nT];
            final double[] yc = new double[nC];
            final double shift = random.nextGaussian();
            final double spread = 0.5 + 3 * random.nextDouble();
            for (int i = 0; i < nT + nC; i++) {
                g[i] = i < nT;
                y[i] = g[i] ? shift + spread * random.nextGaussian() : random.nextGaussian();
                if (g[i]) {
                    yt[i] = y[i];
                } else {
                    yc[i - nT] = y[i];
                }
            }
            for (Alternative a : Alternative.values()) {
                final org.apache.commons.statistics.inference.AlternativeHypothesis h = hypothesis(a);
                pooled.test(y, g, nT + nC, pooledResult);
                final TTest.Result p = TTest.withDefaults().with(h).with(org.apache.commons.statistics.inference.DataDispersion.HOMOSCEDASTIC).test(yt, yc);
                assertRelative(p.getStatistic(), pooledResult.statistic(), 1e-10, "pooled t rep " + rep);
                assertRelative(p.getDegreesOfFreedom(), pooledResult.degreesOfFreedom(), 1e-12, "pooled df");
                assertRelative(p.getPValue(), pooled.with(a).test(y, g, nT + nC).pValue(), 1e-10, "pooled p " + a);
                welch.test(y, g, nT + nC, welchResult);
                final TTest.Result w = TTest.withDefaults().with(h).test(yt, yc);
                assertRelative(w.getStatistic(), welchResult.statistic(), 1e-10, "Welch t rep " + rep);
                assertRelative(w.getDegreesOfFreedom(), welchResult.degreesOfFreedom(), 1e-10, "Welch df");
                assertRelative(w.getPValue(), welch.with(a).test(y, g, nT + nC).pValue(), 1e-9, "Welch p " + a);
            }
        }
    }

    private static org.apache.commons.statistics.inference.AlternativeHypothesis hypothesis(Alternative a) {
        switch (a) {
            case GREATER:
                return org.apache.commons.statistics.inference.AlternativeHypothesis.GREATER_THAN;
            case LESS:
                return org.apache.commons.statistics.inference.AlternativeHypothesis.LESS_THAN;
            default:
                return org.apache.commons.statistics.inference.AlternativeHypothesis.TWO_SIDED;
        }
    }

    @Test
    void zeroVarianceAndEmptyArmsAreUndefined() {
        final TwoSampleTTest pooled = TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC);
        final TwoSampleTTest welch = TwoSampleTTest.withDefaults();
        for (TwoSampleTTest t : new TwoSampleTTest[] {pooled, welch}) {
            // constant within arms (R: "data are essentially constant"), with and without a difference;
            // 0.1 is not exact in binary, so the arm means carry rounding: zero "up to rounding" still counts
            assertUndefined(t, new double[] {0.1, 0.1, 0.1, 0.7, 0.7, 0.7}, new boolean[] {true, true, true, false, false, false}, 6);
            assertUndefined(t, new double[] {5, 5, 5, 5}, new boolean[] {true, true, false, false}, 4);
            // an empty arm
            assertUndefined(t, new double[] {1, 2, 3}, new boolean[] {true, true, true}, 3);
            // no patients
            assertUndefined(t, new double[0], new boolean[0], 0);
            // one patient per arm: pooled df = 0, Welch undefined
            assertUndefined(t, new double[] {1, 2}, new boolean[] {true, false}, 2);
        }
    }

    private static void assertUndefined(TwoSampleTTest t, double[] y, boolean[] treatment, int n) {
        final TwoSampleTTest.Result result = new TwoSampleTTest.Result();
        for (Alternative a : Alternative.values()) {
            t.with(a).test(y, treatment, n, result);
            assertEquals(0, result.statistic());
            assertEquals(1, result.pValue());
            assertEquals(false, result.defined());
        }
    }

    /**
     * {@code m <- summary(lm(chg ~ trt + base))$coefficients; m["trt", ]; m["base", "Estimate"]};
     * one-sided: {@code pt(m["trt", "t value"], 21)} and {@code lower.tail = FALSE}.
     */
    @Test
    void ancovaMatchesLm() {
        final AncovaTest ancova = AncovaTest.withDefaults();
        final AncovaTest.Result ancovaResult = new AncovaTest.Result();
        ancova.test(CHANGE, BASE, TREATMENT, 24, ancovaResult);
        assertRelative(-1.66017463444406599, ancovaResult.estimate(), REL, "effect");
        assertRelative(1.95481348214304740, ancovaResult.standardError(), REL, "se");
        assertRelative(-0.84927521198801481, ancovaResult.statistic(), REL, "t");
        assertEquals(21, ancovaResult.degreesOfFreedom());
        assertRelative(0.40530622264475680, ancovaResult.pValue(), REL, "p");
        assertRelative(0.37953717819293509, ancovaResult.slope(), REL, "slope");
        assertRelative(0.2026531113223784, ancova.with(Alternative.LESS).test(CHANGE, BASE, TREATMENT, 24).pValue(), REL, "p less");
        assertRelative(0.7973468886776216, ancova.with(Alternative.GREATER).test(CHANGE, BASE, TREATMENT, 24).pValue(), REL, "p greater");

        // the final score instead of the change: same effect (lm(I(chg + base) ~ trt + base))
        final double[] post = new double[24];
        for (int i = 0; i < 24; i++) {
            post[i] = CHANGE[i] + BASE[i];
        }
        ancova.test(post, BASE, TREATMENT, 24, ancovaResult);
        assertRelative(-1.66017463444406532, ancovaResult.estimate(), REL, "effect on final score");
        assertRelative(0.40530622264475713, ancovaResult.pValue(), REL, "p on final score");
    }

    /**
     * A constant baseline, or one determined by the arm, is aliased with the intercept and arm; lm drops it
     * and tests the arm with n - 2 df: {@code lm(chg ~ trt + bc)} with {@code bc <- rep(30, 24)}, and with
     * {@code b2 <- ifelse(trt == 1, 30, 35)}: est -0.98333333333333062, se 2.1105046311201967,
     * t -0.46592332413476145, p 0.64585036915876859 (the pooled t-test).
     */
    @Test
    void aliasedBaselineFallsBackToTheTTest() {
        final AncovaTest ancova = AncovaTest.withDefaults();
        final AncovaTest.Result ancovaResult = new AncovaTest.Result();
        final double[] constant = new double[24];
        final double[] byArm = new double[24];
        for (int i = 0; i < 24; i++) {
            constant[i] = 30;
            byArm[i] = TREATMENT[i] ? 30 : 35;
        }
        for (double[] baseline : new double[][] {constant, byArm}) {
            ancova.test(CHANGE, baseline, TREATMENT, 24, ancovaResult);
            assertRelative(-0.98333333333333062, ancovaResult.estimate(), REL, "effect");
            assertRelative(2.1105046311201967, ancovaResult.standardError(), REL, "se");
            assertRelative(-0.46592332413476145, ancovaResult.statistic(), REL, "t");
            assertEquals(22, ancovaResult.degreesOfFreedom());
            assertRelative(0.64585036915876859, ancovaResult.pValue(), REL, "p");
        }
    }

    @Test
    void ancovaMatchesCommonsMathRegressionOnRandomData() {
        final Random random = new Random(99);
        final AncovaTest ancova = AncovaTest.withDefaults();
        final AncovaTest.Result ancovaResult = new AncovaTest.Result();
        for (int rep = 0; rep < 200; rep++) {
            final int n = 5 + random.nextInt(80);
            final double[] y = new double[n + 3];
            final double[] x = new double[n + 3];
            final boolean[] g = new boolean[n + 3];
            final double[][] design = new double[n][2];
            for (int i = 0; i < n + 3; i++) {
                g[i] = i % 2 == 0 || random.nextDouble() < 0.2;
                x[i] = 30 + 6 * random.nextGaussian();
                y[i] = -10 + (g[i] ? -3 : 0) - 0.3 * (x[i] - 30) + 5 * random.nextGaussian();
                if (i < n) {
                    design[i][0] = g[i] ? 1 : 0;
                    design[i][1] = x[i];
                }
            }
            final OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(java.util.Arrays.copyOf(y, n), design);
            final double[] beta = ols.estimateRegressionParameters();
            final double[] se = ols.estimateRegressionParametersStandardErrors();
            ancova.test(y, x, g, n, ancovaResult);
            assertRelative(beta[1], ancovaResult.estimate(), 1e-9, "effect rep " + rep);
            assertRelative(beta[2], ancovaResult.slope(), 1e-9, "slope rep " + rep);
            assertRelative(se[1], ancovaResult.standardError(), 1e-9, "se rep " + rep);
            assertEquals(n - 3, ancovaResult.degreesOfFreedom());
        }
    }

    @Test
    void ancovaEdgeCases() {
        // three patients: no residual df
        assertUndefined(new double[] {1, 2, 4}, new double[] {30, 31, 29}, new boolean[] {true, false, true}, 3);
        // an empty arm
        assertUndefined(new double[] {1, 2, 4, 5}, new double[] {30, 31, 29, 33}, new boolean[4], 4);
        // exact fit: y = 2 + 3 g + 0.5 x
        final double[] x = {20, 25, 30, 35, 40, 45};
        final boolean[] g = {true, false, true, false, true, false};
        final double[] y = new double[6];
        for (int i = 0; i < 6; i++) {
            y[i] = 2 + (g[i] ? 3 : 0) + 0.5 * x[i];
        }
        assertUndefined(y, x, g, 6);
        // empty sample
        assertUndefined(new double[0], new double[0], new boolean[0], 0);
    }

    private static void assertUndefined(double[] y, double[] baseline, boolean[] treatment, int n) {
        final AncovaTest.Result result = new AncovaTest.Result();
        for (Alternative alt : Alternative.values()) {
            AncovaTest.withDefaults().with(alt).test(y, baseline, treatment, n, result);
            assertEquals(0, result.statistic());
            assertEquals(1, result.pValue());
            assertEquals(false, result.defined());
        }
    }
}
