package org.trialsim.multiarm;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.numbers.gamma.LogBeta;

/**
 * The posterior probability that each arm has the highest response rate, for independent beta posteriors
 * {@code p_i ~ Beta(a_i, b_i)}: {@code P(j best) = integral f_j(x) prod_{i != j} F_i(x) dx} (the quantity
 * Thall and Wathen's adaptive randomisation uses; Thall PF, Wathen JK. Practical Bayesian adaptive
 * randomisation in clinical trials. Eur J Cancer 2007;43:859-866), and {@code P(p_i > p_j)}, by deterministic
 * quadrature instead of posterior draws.
 *
 * <p>Method: one grid for all arms over the union of their effective supports (each mean plus or minus 12
 * posterior SDs, cut to [0, 1]), in panels no wider than 1.5 of the smallest posterior SD, each with 16
 * Gauss-Legendre nodes. Each arm's density is evaluated at the nodes (one exponential each; the logarithms of x
 * and 1 - x once per node for all arms), and its distribution function at the nodes by integrating the density:
 * the panels before, plus the integral from the panel's start to the node of the degree-15 interpolant through
 * the panel's nodes (a spectral integration matrix computed once; Greengard L. Spectral integration and
 * two-point boundary value problems. SIAM J Numer Anal 1991;28:1071-1080). So a look costs a few hundred
 * exponentials rather than a continued fraction per node and arm. Shapes at least 1 keep the densities
 * bounded; the result agrees with R's adaptive {@code integrate} to about 1e-10 (ProbabilityBestTest). Not
 * thread-safe (scratch); allocation-free.
 */
public final class ProbabilityBest {

    private static final int NODES_PER_PANEL = 16;
    private static final int MAX_PANELS = 400;
    private static final double[] NODES;
    private static final double[] WEIGHTS;
    /** {@code CUMULATIVE[k][j]}: the integral over [-1, t_k] of the j-th Lagrange polynomial of the nodes. */
    private static final double[][] CUMULATIVE;

    static {
        GaussIntegrator g = new GaussIntegratorFactory().legendreHighPrecision(NODES_PER_PANEL, -1, 1);
        NODES = new double[NODES_PER_PANEL];
        WEIGHTS = new double[NODES_PER_PANEL];
        for (int i = 0; i < NODES_PER_PANEL; i++) {
            NODES[i] = g.getPoint(i);
            WEIGHTS[i] = g.getWeight(i);
        }
        CUMULATIVE = new double[NODES_PER_PANEL][NODES_PER_PANEL];
        for (int k = 0; k < NODES_PER_PANEL; k++) {
            double half = (NODES[k] + 1) / 2;
            for (int j = 0; j < NODES_PER_PANEL; j++) {
                double sum = 0;
                for (int q = 0; q < NODES_PER_PANEL; q++) {
                    double t = -1 + half * (NODES[q] + 1);
                    double l = 1;
                    for (int r = 0; r < NODES_PER_PANEL; r++) {
                        if (r != j) {
                            l *= (t - NODES[r]) / (NODES[j] - NODES[r]);
                        }
                    }
                    sum += WEIGHTS[q] * l;
                }
                CUMULATIVE[k][j] = half * sum;
            }
        }
    }

    private final int arms;
    private final double[] x = new double[MAX_PANELS * NODES_PER_PANEL];
    private final double[] w = new double[x.length];
    private final double[] logX = new double[x.length];
    private final double[] log1mX = new double[x.length];
    private final double[][] density;
    private final double[][] distribution;
    private int points;
    private int mask;

    /**
     * Scratch for up to {@code arms} arms.
     *
     * @param arms the largest number of arms
     */
    public ProbabilityBest(int arms) {
        this.arms = arms;
        density = new double[arms][x.length];
        distribution = new double[arms][x.length];
    }

    /**
     * Tabulates the posteriors of the arms in {@code mask} and writes {@code P(j best)} among them for every j
     * in it (others 0); {@link #exceeds(int, int)} then reads the same tables.
     *
     * @param a the first shapes, at least 1
     * @param b the second shapes, at least 1
     * @param mask the arms compared (bit set)
     * @param out the probabilities
     */
    public void compute(double[] a, double[] b, int mask, double[] out) {
        tabulate(a, b, mask);
        for (int j = 0; j < arms; j++) {
            out[j] = 0;
        }
        if (Integer.bitCount(mask) == 1) {
            out[Integer.numberOfTrailingZeros(mask)] = 1;
            return;
        }
        for (int j = 0; j < arms; j++) {
            if ((mask >>> j & 1) == 0) {
                continue;
            }
            double total = 0;
            for (int k = 0; k < points; k++) {
                double f = w[k] * density[j][k];
                for (int i = 0; i < arms && f > 0; i++) {
                    if (i != j && (mask >>> i & 1) != 0) {
                        f *= distribution[i][k];
                    }
                }
                total += f;
            }
            out[j] = Math.min(1, total);
        }
    }

    /**
     * {@code P(p_first > p_second)} from the tables of the last {@link #compute} (both arms must have been in
     * its mask).
     *
     * @param first the arm of p_1
     * @param second the arm of p_2
     * @return the probability
     */
    public double exceeds(int first, int second) {
        if ((mask >>> first & 1) == 0 || (mask >>> second & 1) == 0) {
            throw new IllegalStateException("both arms must be tabulated");
        }
        double total = 0;
        for (int k = 0; k < points; k++) {
            total += w[k] * density[first][k] * distribution[second][k];
        }
        return Math.min(1, total);
    }

    private void tabulate(double[] a, double[] b, int mask) {
        this.mask = mask;
        double lo = 1;
        double hi = 0;
        double minSd = 1;
        for (int i = 0; i < arms; i++) {
            if ((mask >>> i & 1) != 0) {
                double s = a[i] + b[i];
                double mean = a[i] / s;
                double sd = Math.sqrt(a[i] * b[i] / (s * s * (s + 1)));
                lo = Math.min(lo, Math.max(0, mean - 12 * sd));
                hi = Math.max(hi, Math.min(1, mean + 12 * sd));
                minSd = Math.min(minSd, sd);
            }
        }
        int panels = (int) Math.min(MAX_PANELS, Math.max(1, Math.ceil((hi - lo) / (1.5 * minSd))));
        double width = (hi - lo) / panels;
        points = panels * NODES_PER_PANEL;
        for (int p = 0; p < panels; p++) {
            for (int k = 0; k < NODES_PER_PANEL; k++) {
                int n = p * NODES_PER_PANEL + k;
                x[n] = lo + width * (p + 0.5 + NODES[k] / 2);
                w[n] = WEIGHTS[k] * width / 2;
            }
        }
        // the arms share the grid, so log x and log(1 - x) are taken once per node, not once per node and arm
        for (int n = 0; n < points; n++) {
            logX[n] = Math.log(x[n]);
            log1mX[n] = Math.log1p(-x[n]);
        }
        for (int i = 0; i < arms; i++) {
            if ((mask >>> i & 1) == 0) {
                continue;
            }
            double logBeta = LogBeta.value(a[i], b[i]);
            double[] f = density[i];
            double[] cdf = distribution[i];
            for (int n = 0; n < points; n++) {
                f[n] = Math.exp((a[i] - 1) * logX[n] + (b[i] - 1) * log1mX[n] - logBeta);
            }
            double before = 0;
            for (int p = 0; p < panels; p++) {
                int base = p * NODES_PER_PANEL;
                double panel = 0;
                for (int k = 0; k < NODES_PER_PANEL; k++) {
                    double partial = 0;
                    double[] row = CUMULATIVE[k];
                    for (int j = 0; j < NODES_PER_PANEL; j++) {
                        partial += row[j] * f[base + j];
                    }
                    cdf[base + k] = Math.min(1, before + partial * width / 2);
                    panel += WEIGHTS[k] * f[base + k];
                }
                before += panel * width / 2;
            }
        }
    }
}
