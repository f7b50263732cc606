package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialsim.stats.Close.assertRelative;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * Fisher's exact test against exact rational arithmetic over every two-by-two table with arms of up to 16
 * patients (and some larger unequal arms), and against commons-statistics' {@code FisherExactTest}.
 */
class FisherExactTestTest {

    private static final int MAX = 60;
    private static final BigInteger[][] BINOMIAL = pascal(MAX);
    private static final BigInteger TEN_MILLION = BigInteger.valueOf(10_000_000L);

    private static BigInteger[][] pascal(int max) {
        final BigInteger[][] c = new BigInteger[max + 1][];
        for (int n = 0; n <= max; n++) {
            c[n] = new BigInteger[n + 1];
            c[n][0] = BigInteger.ONE;
            c[n][n] = BigInteger.ONE;
            for (int k = 1; k < n; k++) {
                c[n][k] = c[n - 1][k - 1].add(c[n - 1][k]);
            }
        }
        return c;
    }

    /**
     * Exact p-values of every x for one set of margins: {two-sided (R's rule, exactly), greater, less}.
     * {@code P(X = x) = C(m, x) C(N - m, n_T - x) / C(N, n_T)}; R's two-sided sum takes the x with
     * {@code P(x) <= P(obs) (1 + 1e-7)}, i.e. {@code 1e7 num(x) <= (1e7 + 1) num(obs)} in integers.
     */
    private static double[][] exact(int nT, int nC, int m) {
        final int n = nT + nC;
        final int lo = Math.max(0, m - nC);
        final int hi = Math.min(m, nT);
        final BigInteger[] num = new BigInteger[hi + 1];
        for (int x = lo; x <= hi; x++) {
            num[x] = BINOMIAL[m][x].multiply(BINOMIAL[n - m][nT - x]);
        }
        final BigDecimal total = new BigDecimal(BINOMIAL[n][nT]);
        final double[][] p = new double[hi + 1][];
        for (int obs = lo; obs <= hi; obs++) {
            BigInteger two = BigInteger.ZERO;
            BigInteger greater = BigInteger.ZERO;
            BigInteger less = BigInteger.ZERO;
            final BigInteger bound = num[obs].multiply(TEN_MILLION.add(BigInteger.ONE));
            for (int x = lo; x <= hi; x++) {
                if (num[x].multiply(TEN_MILLION).compareTo(bound) <= 0) {
                    two = two.add(num[x]);
                }
                if (x >= obs) {
                    greater = greater.add(num[x]);
                }
                if (x <= obs) {
                    less = less.add(num[x]);
                }
            }
            p[obs] = new double[] {ratio(two, total), ratio(greater, total), ratio(less, total)};
        }
        return p;
    }

    private static double ratio(BigInteger a, BigDecimal b) {
        return new BigDecimal(a).divide(b, MathContext.DECIMAL128).doubleValue();
    }

    private static void checkMargins(int nT, int nC) {
        for (int m = 0; m <= nT + nC; m++) {
            final double[][] p = exact(nT, nC, m);
            for (int xT = Math.max(0, m - nC); xT <= Math.min(m, nT); xT++) {
                final int xC = m - xT;
                final String what = xT + "/" + nT + " vs " + xC + "/" + nC;
                // Relative error of the recurrence grows with the support (about 1e-16 per step): 1e-12 is ample.
                assertRelative(p[xT][0], FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(xT, nT, xC, nC).pValue(), 1e-12, what);
                assertRelative(p[xT][1], FisherExactTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC).pValue(), 1e-12, what);
                assertRelative(p[xT][2], FisherExactTest.withDefaults().with(Alternative.LESS).test(xT, nT, xC, nC).pValue(), 1e-12, what);
            }
        }
    }

    @Test
    void everySmallTableMatchesExactRationalArithmetic() {
        for (int nT = 0; nT <= 16; nT++) {
            for (int nC = 0; nC <= 16; nC++) {
                checkMargins(nT, nC);
            }
        }
        checkMargins(30, 30);
        checkMargins(15, 45);
        checkMargins(40, 17);
    }

    @Test
    void oneSidedTailsMatchCommonsStatistics() {
        // Same definition in both (hypergeometric tails); commons computes them with its HypergeometricDistribution.
        for (int nT = 1; nT <= 25; nT += 3) {
            for (int nC = 1; nC <= 25; nC += 4) {
                for (int xT = 0; xT <= nT; xT++) {
                    for (int xC = 0; xC <= nC; xC++) {
                        final int[][] table = {{xT, nT - xT}, {xC, nC - xC}};
                        final String what = xT + "/" + nT + " vs " + xC + "/" + nC;
                        assertRelative(commons(table, org.apache.commons.statistics.inference.AlternativeHypothesis.GREATER_THAN),
                            FisherExactTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC).pValue(), 1e-12, what);
                        assertRelative(commons(table, org.apache.commons.statistics.inference.AlternativeHypothesis.LESS_THAN),
                            FisherExactTest.withDefaults().with(Alternative.LESS).test(xT, nT, xC, nC).pValue(), 1e-12, what);
                    }
                }
            }
        }
    }

    private static double commons(int[][] table, org.apache.commons.statistics.inference.AlternativeHypothesis h) {
        return org.apache.commons.statistics.inference.FisherExactTest.withDefaults().with(h).test(table).getPValue();
    }

    /**
     * Tables where commons-statistics 1.2 (which compares probabilities without R's tolerance and treats a
     * table at the mode specially) departs from R's fisher.test, and this class follows R:
     * {@code fisher.test(matrix(c(xT, xC, nT - xT, nC - xC), 2))$p.value} gives 1, 0.99999999999999989,
     * 0.51470588235294112, 0.51470588235294112, 1 (R 4.2.2); commons gives 0.5, 0.524, 0.272, 0.272, 0.533.
     */
    @Test
    void tiesFollowRNotCommons() {
        assertRelative(1, FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(1, 1, 10, 21).pValue(), 1e-12, "1/1 vs 10/21");
        assertRelative(0.99999999999999989, FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(0, 2, 2, 5).pValue(), 1e-12, "0/2 vs 2/5");
        assertRelative(0.51470588235294112, FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(1, 3, 10, 14).pValue(), 1e-12, "1/3 vs 10/14");
        assertRelative(0.51470588235294112, FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(2, 3, 4, 14).pValue(), 1e-12, "2/3 vs 4/14");
        assertRelative(1, FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(1, 3, 1, 7).pValue(), 1e-12, "1/3 vs 1/7");
    }

    @Test
    void degenerateTablesHavePValueOne() {
        for (Alternative a : Alternative.values()) {
            assertEquals(1, FisherExactTest.withDefaults().with(a).test(0, 10, 0, 12).pValue(), "no events");
            assertEquals(1, FisherExactTest.withDefaults().with(a).test(10, 10, 12, 12).pValue(), "all events");
            assertEquals(1, FisherExactTest.withDefaults().with(a).test(0, 0, 3, 12).pValue(), "empty treatment arm");
            assertEquals(1, FisherExactTest.withDefaults().with(a).test(4, 9, 0, 0).pValue(), "empty control arm");
            assertEquals(1, FisherExactTest.withDefaults().with(a).test(0, 0, 0, 0).pValue(), "no patients");
        }
    }

    @Test
    void largeTablesStayAccurate() {
        // R 4.2.2: fisher.test(matrix(c(230, 190, 270, 310), 2))$p.value = 0.012420150840766466 and
        // alternative = "greater": 0.006210075420383228 (treatment 230/500 vs control 190/500)
        assertRelative(0.012420150840766466, FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(230, 500, 190, 500).pValue(), 1e-10, "500/arm");
        assertRelative(0.006210075420383228, FisherExactTest.withDefaults().with(Alternative.GREATER).test(230, 500, 190, 500).pValue(), 1e-10, "500/arm");
    }
}
