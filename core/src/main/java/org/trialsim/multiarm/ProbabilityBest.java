package org.trialsim.multiarm;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.numbers.gamma.LogBeta;
import org.trialsim.stats.bayes.IncompleteBeta;

/**
 * The posterior probability that each arm has the highest response rate, for independent beta posteriors
 * {@code p_i ~ Beta(a_i, b_i)}: {@code P(j best) = integral f_j(x) prod_{i != j} F_i(x) dx} (the quantity
 * Thall and Wathen's adaptive randomisation uses; Thall PF, Wathen JK. Practical Bayesian adaptive
 * randomisation in clinical trials. Eur J Cancer 2007;43:859-866), by deterministic quadrature instead of
 * posterior draws: composite Gauss-Legendre (4 panels of 16 nodes) over arm j's effective support, its mean
 * plus or minus 12 posterior SDs cut to [0, 1], with the distribution functions by {@link IncompleteBeta}.
 * Shapes at least 1 keep the densities bounded, where the rule is exact to about 1e-10 (checked against R's
 * adaptive {@code integrate} in ProbabilityBestTest). Not thread-safe (scratch); allocation-free.
 */
public final class ProbabilityBest {

    private static final int PANELS = 4;
    private static final double[] NODES;
    private static final double[] WEIGHTS;

    static {
        GaussIntegrator g = new GaussIntegratorFactory().legendreHighPrecision(16, -1, 1);
        NODES = new double[g.getNumberOfPoints()];
        WEIGHTS = new double[NODES.length];
        for (int i = 0; i < NODES.length; i++) {
            NODES[i] = g.getPoint(i);
            WEIGHTS[i] = g.getWeight(i);
        }
    }

    private final double[] logBeta;

    /**
     * Scratch for up to {@code arms} arms.
     *
     * @param arms the largest number of arms
     */
    public ProbabilityBest(int arms) {
        logBeta = new double[arms];
    }

    /**
     * {@code P(j best)} among the arms in {@code mask}, for every j in it (others set to 0).
     *
     * @param a the first shapes, at least 1
     * @param b the second shapes, at least 1
     * @param mask the arms compared (bit set)
     * @param out the probabilities
     */
    public void compute(double[] a, double[] b, int mask, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = 0;
            if ((mask >>> i & 1) != 0) {
                logBeta[i] = LogBeta.value(a[i], b[i]);
            }
        }
        if (Integer.bitCount(mask) == 1) {
            out[Integer.numberOfTrailingZeros(mask)] = 1;
            return;
        }
        for (int j = 0; j < a.length; j++) {
            if ((mask >>> j & 1) != 0) {
                out[j] = integral(a, b, mask, j);
            }
        }
    }

    /**
     * {@code P(p_1 > p_2)} for {@code p_1 ~ Beta(a1, b1)}, {@code p_2 ~ Beta(a2, b2)}.
     *
     * @param a the first shapes of the two arms
     * @param b the second shapes
     * @param first index of p_1
     * @param second index of p_2
     * @return the probability
     */
    public double exceeds(double[] a, double[] b, int first, int second) {
        logBeta[first] = LogBeta.value(a[first], b[first]);
        logBeta[second] = LogBeta.value(a[second], b[second]);
        return integral(a, b, 1 << first | 1 << second, first);
    }

    private double integral(double[] a, double[] b, int mask, int j) {
        double mean = a[j] / (a[j] + b[j]);
        double sd = Math.sqrt(a[j] * b[j] / ((a[j] + b[j]) * (a[j] + b[j]) * (a[j] + b[j] + 1)));
        double lo = Math.max(0, mean - 12 * sd);
        double hi = Math.min(1, mean + 12 * sd);
        double width = (hi - lo) / PANELS;
        double total = 0;
        for (int p = 0; p < PANELS; p++) {
            for (int k = 0; k < NODES.length; k++) {
                double x = lo + width * (p + 0.5 + NODES[k] / 2);
                double f = Math.exp((a[j] - 1) * Math.log(x) + (b[j] - 1) * Math.log1p(-x) - logBeta[j]);
                for (int i = 0; i < a.length && f > 0; i++) {
                    if (i != j && (mask >>> i & 1) != 0) {
                        f *= IncompleteBeta.regularized(x, a[i], b[i], logBeta[i]);
                    }
                }
                total += WEIGHTS[k] * width / 2 * f;
            }
        }
        return Math.min(1, total);
    }
}
