package org.trialsim.stats.multiplicity;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Dunnett's many-to-one comparisons (Dunnett CW. A multiple comparison procedure for comparing several
 * treatments with a control. J Am Stat Assoc 1955;50:1096-1121): the joint distribution of the k statistics
 * {@code T_i = (mean_i - mean_0) / (s sqrt(1/n_i + 1/n_0))}, with a pooled standard deviation s on
 * {@code df} degrees of freedom, its critical values and single-step adjusted p-values.
 *
 * <p>Method: the correlations {@code rho_ij = lambda_i lambda_j}, {@code lambda_i = sqrt(n_i / (n_i + n_0))},
 * have one factor (the control mean), so given the common normal variable W the numerators are independent
 * and (Dunnett 1955, section 2; Hothorn, Bretz and Westfall, Simultaneous Statistical Inference in R, 2011,
 * section 3.1)
 * <pre>
 *   P(max T_i &lt;= c)   = E_S integral phi(w) prod_i Phi((c S - lambda_i w) / sqrt(1 - lambda_i^2)) dw
 *   P(max |T_i| &lt;= c) = E_S integral phi(w) prod_i [Phi((c S - lambda_i w) / r_i) - Phi((-c S - lambda_i w) / r_i)] dw
 * </pre>
 * with {@code S ~ sqrt(chi2_df / df)} ({@code S = 1} for the normal case, {@code df} infinite): a
 * one-dimensional integral in w inside a one-dimensional integral in S, both by composite Gauss-Legendre
 * (w over [-9, 9] in 24 panels; S over its effective support in 24 panels; 16 nodes per panel), exact to
 * about 1e-10, deterministic (unlike the randomized quasi-Monte Carlo of Genz and Bretz that R's mvtnorm
 * uses; checked against it and multcomp in DunnettTest). Critical values by Brent's method.
 */
public final class Dunnett {

    private static final double[] NODES;
    private static final double[] WEIGHTS;
    private static final int PANELS = 24;
    private static final double W_RANGE = 9;

    static {
        GaussIntegrator g = new GaussIntegratorFactory().legendreHighPrecision(16, -1, 1);
        NODES = new double[g.getNumberOfPoints()];
        WEIGHTS = new double[NODES.length];
        for (int i = 0; i < NODES.length; i++) {
            NODES[i] = g.getPoint(i);
            WEIGHTS[i] = g.getWeight(i);
        }
    }

    private final double[] lambda;
    private final double[] residual;
    private final double df;
    /** Nodes and weights of the S integral (one node of weight 1 at S = 1 in the normal case). */
    private final double[] sNodes;
    private final double[] sWeights;

    /**
     * The distribution for a control of {@code n0} patients and treatment arms of {@code n[i]}.
     *
     * @param n0 the control's size, positive
     * @param n the treatment arms' sizes, positive, at least one arm
     * @param df the degrees of freedom of the pooled variance, positive; {@code +Infinity} for known variance
     */
    public Dunnett(double n0, double[] n, double df) {
        if (!(n0 > 0) || n.length == 0 || !(df > 0)) {
            throw new IllegalArgumentException("Dunnett needs n0 > 0, at least one arm and df > 0");
        }
        lambda = new double[n.length];
        residual = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            if (!(n[i] > 0)) {
                throw new IllegalArgumentException("arm sizes must be positive, found " + n[i]);
            }
            lambda[i] = Math.sqrt(n[i] / (n[i] + n0));
            residual[i] = Math.sqrt(n0 / (n[i] + n0));
        }
        this.df = df;
        if (df == Double.POSITIVE_INFINITY) {
            sNodes = new double[] {1};
            sWeights = new double[] {1};
        } else {
            double spread = 1 / Math.sqrt(2 * df);
            double lo = Math.max(0, 1 - 12 * spread);
            double hi = 1 + 16 * spread;
            double logNorm = Math.log(2) + df / 2 * Math.log(df / 2) - LogGamma.value(df / 2);
            sNodes = new double[PANELS * NODES.length];
            sWeights = new double[sNodes.length];
            double width = (hi - lo) / PANELS;
            for (int p = 0; p < PANELS; p++) {
                for (int i = 0; i < NODES.length; i++) {
                    double s = lo + width * (p + 0.5 + NODES[i] / 2);
                    int j = p * NODES.length + i;
                    sNodes[j] = s;
                    sWeights[j] = WEIGHTS[i] * width / 2
                            * Math.exp(logNorm + (df - 1) * Math.log(s) - df * s * s / 2);
                }
            }
        }
    }

    /**
     * For a one-way layout: a control and k treatment arms, df = total - (k + 1).
     *
     * @param n0 the control's size
     * @param n the arms' sizes
     * @return the distribution with the pooled-variance degrees of freedom
     */
    public static Dunnett oneWay(int n0, int[] n) {
        double[] sizes = new double[n.length];
        int total = n0;
        for (int i = 0; i < n.length; i++) {
            sizes[i] = n[i];
            total += n[i];
        }
        return new Dunnett(n0, sizes, total - (n.length + 1.0));
    }

    /**
     * {@code P(max_i T_i <= c)} (one-sided) or {@code P(max_i |T_i| <= c)} (two-sided).
     *
     * @param c the bound
     * @param twoSided whether the comparison is two-sided
     * @return the probability
     */
    public double cumulativeProbability(double c, boolean twoSided) {
        double total = 0;
        double width = 2 * W_RANGE / PANELS;
        for (int k = 0; k < sNodes.length; k++) {
            double cs = c * sNodes[k];
            double inner = 0;
            for (int p = 0; p < PANELS; p++) {
                for (int i = 0; i < NODES.length; i++) {
                    double w = -W_RANGE + width * (p + 0.5 + NODES[i] / 2);
                    double product = WEIGHTS[i] * width / 2 * Math.exp(-w * w / 2) / Math.sqrt(2 * Math.PI);
                    for (int a = 0; a < lambda.length && product > 0; a++) {
                        double upper = phi((cs - lambda[a] * w) / residual[a]);
                        product *= twoSided ? upper - phi((-cs - lambda[a] * w) / residual[a]) : upper;
                    }
                    inner += product;
                }
            }
            total += sWeights[k] * inner;
        }
        return Math.min(1, total);
    }

    /**
     * The critical value c with {@code P(max T_i > c) = alpha} (one-sided) or {@code P(max |T_i| > c) = alpha}.
     *
     * @param alpha the familywise level, in (0, 1)
     * @param twoSided whether two-sided
     * @return the critical value
     */
    public double criticalValue(double alpha, boolean twoSided) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), found " + alpha);
        }
        return new BrentSolver(1e-11, 1e-12).solve(200, c -> 1 - cumulativeProbability(c, twoSided) - alpha,
                twoSided ? 0 : -5, 40);
    }

    /**
     * The single-step adjusted p-value of a statistic t: {@code P(max T_i >= t)} (one-sided) or
     * {@code P(max |T_i| >= |t|)} (two-sided).
     *
     * @param t the statistic
     * @param twoSided whether two-sided
     * @return the adjusted p-value
     */
    public double adjustedPValue(double t, boolean twoSided) {
        return Math.max(0, 1 - cumulativeProbability(twoSided ? Math.abs(t) : t, twoSided));
    }

    /** The degrees of freedom ({@code +Infinity}: normal). */
    public double degreesOfFreedom() {
        return df;
    }

    /** The number of comparisons with the control. */
    public int comparisons() {
        return lambda.length;
    }

    private static double phi(double x) {
        return 0.5 * Erfc.value(-x / Math.sqrt(2));
    }

    /**
     * Dunnett's statistics of a one-way layout: {@code T_i} for each arm against the control (group 0), with
     * the pooled variance of all groups.
     *
     * @param values the observations
     * @param group the group of each observation, 0 the control, 1..k the arms
     * @param groups k + 1
     * @return the k statistics
     */
    public static double[] statistics(double[] values, int[] group, int groups) {
        double[] sum = new double[groups];
        int[] count = new int[groups];
        for (int i = 0; i < values.length; i++) {
            sum[group[i]] += values[i];
            count[group[i]]++;
        }
        double ss = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - sum[group[i]] / count[group[i]];
            ss += d * d;
        }
        double s = Math.sqrt(ss / (values.length - groups));
        double[] t = new double[groups - 1];
        for (int g = 1; g < groups; g++) {
            t[g - 1] = (sum[g] / count[g] - sum[0] / count[0]) / (s * Math.sqrt(1.0 / count[g] + 1.0 / count[0]));
        }
        return t;
    }
}
