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

    /**
     * The stage-wise p-value when the comparisons share a pooled variance estimate on {@code df} degrees of freedom
     * (t statistics {@code t_i}, one-sided p-values {@code p_i} from Student's t): Simes and Bonferroni as
     * {@link #pValue} on those p-values; Dunnett's from the multivariate t (Dunnett 1955; Genz and Bretz 2009,
     * ch. 1), {@code 1 - P(max T_i <= max t)} with {@code T_i = Z_i / V}, {@code V = sqrt(chi2_df / df)}
     * independent of the Z's, so {@code P(max T_i <= t) = E[P(max Z_i <= t V)]}: the normal one-factor integral at
     * each node of a Gauss-Hermite rule over {@code log V} ({@link #logChiNodes}).
     *
     * @param members the arms of S (bit i for arm i)
     * @param present the arms with data at this stage (bit set)
     * @param t the stage-wise t statistics, one per arm
     * @param p their one-sided p-values
     * @param lambda {@code sqrt(n_i / (n_i + n_0))} per arm at this stage (Dunnett only)
     * @param sorted scratch of at least the number of arms (Simes only)
     * @param scaled scratch of at least the number of arms (Dunnett only)
     * @param df the pooled variance's degrees of freedom, positive
     * @return the p-value, or NaN when no arm of S has data at this stage
     */
    public double pValueT(int members, int present, double[] t, double[] p, double[] lambda, double[] sorted,
            double[] scaled, int df) {
        int in = members & present;
        if (this != DUNNETT || in == 0) {
            return pValue(members, present, t, p, lambda, sorted);
        }
        if (Integer.bitCount(in) == 1) {
            return p[Integer.numberOfTrailingZeros(in)]; // one arm: its own t test
        }
        double[] nodes = logChiNodes(df);
        double below = 0;
        for (int k = 0; k < nodes.length; k += 2) {
            double v = nodes[k];
            for (int i = 0; i < t.length; i++) {
                scaled[i] = (in >>> i & 1) != 0 ? t[i] * v : 0;
            }
            below += nodes[k + 1] * (1 - dunnett(in, scaled, lambda));
        }
        return Math.min(1, Math.max(0, 1 - below));
    }

    /** Gauss-Hermite nodes of the rule over log V: 16 are within 4e-7 of pmvt at 10 df (DunnettTTest). */
    private static final int HERMITE_NODES = 16;
    private static final java.util.concurrent.ConcurrentHashMap<Integer, double[]> LOG_CHI = new java.util
            .concurrent.ConcurrentHashMap<>();

    /**
     * Nodes and weights {@code (v_k, w_k)}, interleaved, with {@code E[g(V)] ~ sum w_k g(v_k)} for
     * {@code V = sqrt(chi2_df / df)}: S = log V has density {@code 2 f_Y(2 s + log df)}, Y = log chi2_df with
     * {@code f_Y(y) = exp(df y / 2 - e^y / 2 - (df / 2) log 2 - lgamma(df / 2))}, mean
     * {@code (psi(df / 2) + log 2 - log df) / 2} and SD {@code sqrt(psi'(df / 2)) / 2}; the rule is Gauss-Hermite
     * (commons-math3) centred and scaled to them, each weight times the density over the Gaussian weight, so that
     * it is nearly exact for the near-normal log chi. Computed once per df (a pure function of df: the same bits
     * on every thread).
     */
    static double[] logChiNodes(int df) {
        return LOG_CHI.computeIfAbsent(df, d -> {
            org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator gh =
                    new GaussIntegratorFactory().hermite(HERMITE_NODES);
            double half = d / 2.0;
            double mean = (org.apache.commons.numbers.gamma.Digamma.value(half) + Math.log(2) - Math.log(d)) / 2;
            double sd = Math.sqrt(org.apache.commons.numbers.gamma.Trigamma.value(half)) / 2;
            double logNorm = half * Math.log(2) + org.apache.commons.numbers.gamma.LogGamma.value(half);
            double[] out = new double[2 * HERMITE_NODES];
            for (int k = 0; k < HERMITE_NODES; k++) {
                double x = gh.getPoint(k);
                double s = mean + Math.sqrt(2) * sd * x;
                double y = 2 * s + Math.log(d);
                double logDensity = Math.log(2) + half * y - Math.exp(y) / 2 - logNorm;
                out[2 * k] = Math.exp(s);
                out[2 * k + 1] = Math.exp(Math.log(gh.getWeight(k)) + x * x + Math.log(Math.sqrt(2) * sd)
                        + logDensity);
            }
            return out;
        });
    }

    /** {@code 1 - Phi(x)}. */
    static double upper(double x) {
        return 0.5 * Erfc.value(x / Math.sqrt(2));
    }
}
