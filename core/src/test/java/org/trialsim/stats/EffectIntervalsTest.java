package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialsim.stats.Close.assertRelative;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;
import org.junit.jupiter.api.Test;

/**
 * Risk difference, odds ratio and single-proportion intervals against published tables (Newcombe 1998;
 * Agresti 2013), against R closed forms, and against commons-statistics-interval.
 */
class EffectIntervalsTest {

    private static final double REL = 1e-10;

    /**
     * Newcombe, Stat Med 1998;17:873-890, Table II, 95% limits of method 10 (hybrid score) printed to 4
     * decimals, and the same limits in full precision from R ({@code nw()} in the reference script: Wilson
     * limits from {@code prop.test(x, n, correct = FALSE)$conf.int} combined by Newcombe's formula).
     * Columns: {xT, nT, xC, nC, lower (paper), upper (paper), lower (R), upper (R)}.
     */
    private static final double[][] NEWCOMBE = {
        {56, 70, 48, 80, 0.0524, 0.3339, 0.052431472402364926, 0.333872654036905858},
        {9, 10, 3, 10, 0.1705, 0.8090, 0.17052272393450307, 0.80901797353548799},
        {6, 7, 2, 7, 0.0582, 0.8062, 0.058227927482312314, 0.806249637524227736},
        {5, 56, 0, 29, -0.0381, 0.1926, -0.038137147903536853, 0.192560013855111567},
        {0, 10, 0, 20, -0.1611, 0.2775, -0.16112515805281930, 0.27753279986288915},
        {10, 10, 0, 20, 0.6791, 1.0000, 0.67908603714191484, 1},
        {10, 10, 0, 10, 0.6075, 1.0000, 0.60750935043052434, 1},
    };

    @Test
    void newcombeHybridScoreMatchesPublishedTable() {
        for (double[] c : NEWCOMBE) {
            final int xT = (int) c[0];
            final int nT = (int) c[1];
            final int xC = (int) c[2];
            final int nC = (int) c[3];
            final double lo = RiskDifference.newcombeLower(xT, nT, xC, nC, 0.05);
            final double hi = RiskDifference.newcombeUpper(xT, nT, xC, nC, 0.05);
            // the paper rounds to 4 decimals
            assertEquals(c[4], lo, 5e-5, "paper lower " + xT + "/" + nT + " - " + xC + "/" + nC);
            assertEquals(c[5], hi, 5e-5, "paper upper");
            assertRelative(c[6], lo, REL, "R lower");
            assertRelative(c[7], hi, REL, "R upper");
        }
    }

    /**
     * Wald limits (Newcombe's method 1; Table II prints 0.0575, 0.3425 for 56/70 - 48/80) and R:
     * {@code d -/+ qnorm(0.975) sqrt(p1 (1 - p1)/n1 + p2 (1 - p2)/n2)}.
     */
    @Test
    void waldRiskDifference() {
        assertRelative(0.2, RiskDifference.estimate(56, 70, 48, 80), 1e-15, "estimate");
        assertEquals(0.0575, RiskDifference.waldLower(56, 70, 48, 80, 0.05), 5e-5);
        assertEquals(0.3425, RiskDifference.waldUpper(56, 70, 48, 80, 0.05), 5e-5);
        assertRelative(0.057504899149037170, RiskDifference.waldLower(56, 70, 48, 80, 0.05), REL, "R lower");
        assertRelative(0.342495100850962964, RiskDifference.waldUpper(56, 70, 48, 80, 0.05), REL, "R upper");
        assertRelative(0.26052427977714870, RiskDifference.waldLower(9, 10, 3, 10, 0.05), REL, "R lower");
        // zero variance in both arms: degenerate at the estimate
        assertEquals(1, RiskDifference.waldLower(10, 10, 0, 10, 0.05));
        assertEquals(1, RiskDifference.waldUpper(10, 10, 0, 10, 0.05));
    }

    /**
     * Agresti, Categorical Data Analysis, 3rd ed., 2013, section 3.1 (Physicians' Health Study: myocardial
     * infarction in 189 of 11,034 on placebo and 104 of 11,037 on aspirin): odds ratio 1.832, Woolf 95%
     * interval (1.44, 2.33). And R closed forms ({@code wo()} in the reference script):
     * {xT, nT, xC, nC, OR, lower, upper, se(log OR)}.
     */
    private static final double[][] WOOLF = {
        {15, 30, 8, 30, 2.75, 0.93363326639500110, 8.10007555664845214, 0.55116955538915502},
        {0, 10, 3, 12, 0.1292517006802721136, 0.0058787365112556843, 2.8417674608747338638, 1.5767737754183754895},
        {40, 60, 25, 55, 2.39999999999999991, 1.12818133841769530, 5.10556220339414057, 0.38514066694304477},
        {10, 10, 0, 10, 441, 7.9794595707569238, 24372.7032232524870778, 2.0470652628766359},
    };

    @Test
    void woolfOddsRatio() {
        assertEquals(1.832, OddsRatio.estimate(189, 11034, 104, 11037), 5e-4);
        assertEquals(1.44, OddsRatio.woolfLower(189, 11034, 104, 11037, 0.05), 5e-3);
        assertEquals(2.33, OddsRatio.woolfUpper(189, 11034, 104, 11037, 0.05), 5e-3);
        for (double[] c : WOOLF) {
            final int xT = (int) c[0];
            final int nT = (int) c[1];
            final int xC = (int) c[2];
            final int nC = (int) c[3];
            final String what = xT + "/" + nT + " vs " + xC + "/" + nC;
            assertRelative(c[4], OddsRatio.estimate(xT, nT, xC, nC), REL, what + " OR");
            assertRelative(c[5], OddsRatio.woolfLower(xT, nT, xC, nC, 0.05), REL, what + " lower");
            assertRelative(c[6], OddsRatio.woolfUpper(xT, nT, xC, nC, 0.05), REL, what + " upper");
            assertRelative(c[7], OddsRatio.logStandardError(xT, nT, xC, nC), REL, what + " se");
        }
        // an empty arm: not estimable
        assertEquals(1, OddsRatio.estimate(0, 0, 3, 10));
        assertEquals(0, OddsRatio.woolfLower(3, 10, 0, 0, 0.05));
        assertEquals(Double.POSITIVE_INFINITY, OddsRatio.woolfUpper(3, 10, 0, 0, 0.05));
    }

    @Test
    void wilsonAndClopperPearsonMatchCommonsStatisticsInterval() {
        for (int n = 1; n <= 60; n += 7) {
            for (int x = 0; x <= n; x++) {
                for (double alpha : new double[] {0.01, 0.05, 0.2}) {
                    final Interval w = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(n, x, alpha);
                    final String what = x + "/" + n + " alpha " + alpha;
                    assertRelative(w.getLowerBound(), BinomialInterval.wilsonLower(x, n, alpha), 1e-12, what);
                    assertRelative(w.getUpperBound(), BinomialInterval.wilsonUpper(x, n, alpha), 1e-12, what);
                    final double lo = BinomialInterval.clopperPearsonLower(x, n, alpha);
                    final double hi = BinomialInterval.clopperPearsonUpper(x, n, alpha);
                    // Clopper-Pearson limits solve P(X >= x | lo) = alpha/2 and P(X <= x | hi) = alpha/2
                    // (the root finder's accuracy, not rounding, bounds the agreement)
                    if (x > 0) {
                        assertRelative(alpha / 2, BinomialDistribution.of(n, lo).survivalProbability(x - 1), 1e-8, what + " CP lower");
                    } else {
                        assertEquals(0, lo);
                    }
                    if (x < n) {
                        assertRelative(alpha / 2, BinomialDistribution.of(n, hi).cumulativeProbability(x), 1e-8, what + " CP upper");
                    } else {
                        assertEquals(1, hi);
                    }
                }
            }
        }
        assertEquals(0, BinomialInterval.wilsonLower(0, 0, 0.05));
        assertEquals(1, BinomialInterval.wilsonUpper(0, 0, 0.05));
        assertEquals(0, BinomialInterval.clopperPearsonLower(0, 0, 0.05));
        assertEquals(1, BinomialInterval.clopperPearsonUpper(0, 0, 0.05));
    }
}
