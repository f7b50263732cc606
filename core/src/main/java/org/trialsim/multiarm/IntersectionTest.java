package org.trialsim.multiarm;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * The stage-wise test of an intersection hypothesis {@code H_S = cap_{i in S} H_i} in the closed system of
 * many-to-one comparisons, from the one-sided stage-wise statistics {@code z_i} of the arms of S still in the
 * trial, as rpact's multi-arm simulation computes it ({@code .performClosedCombinationTestForSimulationMultiArm},
 * rpact 3.3.4; Wassmer and Brannath, Group Sequential and Confirmatory Adaptive Designs in Clinical Trials,
 * Springer 2016, section 11.1):
 * <ul>
 * <li>{@link #DUNNETT}: {@code 1 - P(max_{i in S} Z_i <= max z)} for standard normals with correlations
 * {@code lambda_i lambda_j}, {@code lambda_i = sqrt(n_i / (n_i + n_0))} (known variance; Dunnett 1955), by the
 * one-factor integral of {@link org.trialsim.stats.multiplicity.Dunnett} (Gauss-Legendre, deterministic);</li>
 * <li>{@link #SIMES}: {@code min_j m p_(j) / j} (Simes 1986);</li>
 * <li>{@link #BONFERRONI}: {@code min(m p_(1), 1)}.</li>
 * </ul>
 * m is the number of arms of S with data at the stage (arms dropped earlier are left out, rpact's rule).
 * Allocation-free.
 */
public enum IntersectionTest {
    /** Dunnett's many-to-one test with known variance. */
    DUNNETT,
    /** Simes' test. */
    SIMES,
    /** Bonferroni's test. */
    BONFERRONI;

    private static final double[] W;
    private static final double[] WEIGHT;

    static {
        // w over [-9, 9]: 12 panels of 16 Gauss-Legendre nodes, phi(w) folded into the weights.
        GaussIntegrator g = new GaussIntegratorFactory().legendreHighPrecision(16, -1, 1);
        int panels = 12;
        double width = 18.0 / panels;
        W = new double[panels * g.getNumberOfPoints()];
        WEIGHT = new double[W.length];
        for (int p = 0; p < panels; p++) {
            for (int i = 0; i < g.getNumberOfPoints(); i++) {
                double w = -9 + width * (p + 0.5 + g.getPoint(i) / 2);
                int j = p * g.getNumberOfPoints() + i;
                W[j] = w;
                WEIGHT[j] = g.getWeight(i) * width / 2 * Math.exp(-w * w / 2) / Math.sqrt(2 * Math.PI);
            }
        }
    }

    /**
     * The stage-wise p-value of the intersection of the arms in {@code members} (a bit set over the arms).
     *
     * @param members the arms of S (bit i for arm i)
     * @param present the arms with data at this stage (bit set)
     * @param z the stage-wise statistics, one per arm (read only for arms of S present)
     * @param p the stage-wise one-sided p-values {@code 1 - Phi(z)}
     * @param lambda {@code sqrt(n_i / (n_i + n_0))} per arm at this stage (Dunnett only)
     * @param sorted scratch of at least the number of arms (Simes only)
     * @return the p-value, or NaN when no arm of S has data at this stage
     */
    public double pValue(int members, int present, double[] z, double[] p, double[] lambda, double[] sorted) {
        int in = members & present;
        int m = Integer.bitCount(in);
        if (m == 0) {
            return Double.NaN;
        }
        switch (this) {
            case BONFERRONI: {
                double min = 1;
                for (int i = 0; i < z.length; i++) {
                    if ((in >>> i & 1) != 0) {
                        min = Math.min(min, p[i]);
                    }
                }
                return Math.min(1, m * min);
            }
            case SIMES: {
                int k = 0;
                for (int i = 0; i < z.length; i++) {
                    if ((in >>> i & 1) != 0) {
                        sorted[k++] = p[i];
                    }
                }
                java.util.Arrays.sort(sorted, 0, m);
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    min = Math.min(min, m * sorted[j] / (j + 1));
                }
                return min;
            }
            default:
                return dunnett(in, z, lambda);
        }
    }

    private static double dunnett(int in, double[] z, double[] lambda) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < z.length; i++) {
            if ((in >>> i & 1) != 0) {
                max = Math.max(max, z[i]);
            }
        }
        if (Integer.bitCount(in) == 1) {
            return upper(max);
        }
        double below = 0;
        for (int k = 0; k < W.length; k++) {
            double product = WEIGHT[k];
            for (int i = 0; i < z.length && product > 0; i++) {
                if ((in >>> i & 1) != 0) {
                    double l = lambda[i];
                    product *= 1 - upper((max - l * W[k]) / Math.sqrt(1 - l * l));
                }
            }
            below += product;
        }
        return Math.min(1, Math.max(0, 1 - below));
    }

    /** {@code 1 - Phi(x)}. */
    static double upper(double x) {
        return 0.5 * Erfc.value(x / Math.sqrt(2));
    }
}
