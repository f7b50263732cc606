package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * Dunnett's intersection test with a pooled variance ({@link IntersectionTest#pValueT}): the multivariate t
 * p-value {@code 1 - P(max T_i <= t)} against mvtnorm's {@code pmvt} (core/src/test/r/multiarm-means-dunnett-t.R,
 * output in core/src/test/resources/multiarm-means/dunnett-t.txt; Genz-Bretz absolute error 1e-8), to 1e-6 (the
 * Gauss-Hermite rule over log V and the Gauss-Legendre rule over the one factor); one arm is its own t test; Simes
 * and Bonferroni are those of the t p-values.
 */
class DunnettTTest {

    private static double dunnettT(int[] n, int n0, int df, double tmax) {
        int m = n.length;
        double[] t = new double[m];
        double[] p = new double[m];
        double[] lambda = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = tmax - 0.1 * i; // the largest is tmax; the others do not matter to Dunnett's test
            p[i] = TDistribution.of(df).survivalProbability(t[i]);
            lambda[i] = Math.sqrt((double) n[i] / (n[i] + n0));
        }
        int all = (1 << m) - 1;
        return IntersectionTest.DUNNETT.pValueT(all, all, t, p, lambda, new double[m], new double[m], df);
    }

    @Test
    void agreesWithPmvt() {
        assertEquals(0.03701310, dunnettT(new int[] {20, 20, 20}, 20, 28, 2.3), 1e-6);
        assertEquals(0.01722163, dunnettT(new int[] {20, 30}, 30, 10, 2.8), 1e-6);
        assertEquals(0.05890154, dunnettT(new int[] {40, 40, 40}, 40, 200, 2.0), 1e-6);
        assertEquals(0.02160384, dunnettT(new int[] {15, 15, 15, 15}, 30, 60, 2.6), 1e-6);
        assertEquals(0.58763832, dunnettT(new int[] {8, 8, 8}, 8, 28, 0.4), 1e-6);
    }

    @Test
    void oneArmIsItsOwnTTestAndSimesUsesTheTPValues() {
        double[] t = {2.1, 1.5};
        double[] p = {TDistribution.of(12).survivalProbability(2.1), TDistribution.of(12).survivalProbability(1.5)};
        double[] lambda = {Math.sqrt(0.5), Math.sqrt(0.5)};
        assertEquals(p[0], IntersectionTest.DUNNETT.pValueT(1, 3, t, p, lambda, new double[2], new double[2], 12));
        assertEquals(Math.min(2 * p[0], p[1]), IntersectionTest.SIMES.pValueT(3, 3, t, p, lambda, new double[2],
                new double[2], 12), 1e-15);
    }

    @Test
    void manyDegreesOfFreedomGiveTheKnownVarianceTest() {
        double[] t = {2.2, 1.9, 0.3};
        double[] lambda = {Math.sqrt(0.5), Math.sqrt(0.5), Math.sqrt(0.5)};
        double[] p = new double[3];
        double normal = IntersectionTest.DUNNETT.pValue(7, 7, t, p, lambda, new double[3]);
        double student = IntersectionTest.DUNNETT.pValueT(7, 7, t, p, lambda, new double[3], new double[3], 100_000);
        assertEquals(normal, student, 1e-5);
    }
}
