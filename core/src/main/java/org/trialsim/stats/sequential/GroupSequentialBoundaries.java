package org.trialsim.stats.sequential;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * One-sided group-sequential boundaries on the z scale for K looks at given information fractions: efficacy
 * bounds from a Lan-DeMets alpha spending function and, optionally, non-binding futility bounds. Computed once
 * per design; the per-trial {@link #decide(int, double)} is a pair of comparisons and allocates nothing.
 *
 * <p>Efficacy bounds b_k solve {@code P_0(Z_j < b_j for j < k, Z_k >= b_k) = f(t_k) - f(t_{k-1})} under the
 * null (drift 0) ignoring any futility bound, as a non-binding design requires; b_1 is the normal quantile
 * and later bounds are found by recursive numerical integration of the canonical joint distribution
 * ({@link CanonicalJointDistribution}; Jennison C, Turnbull BW. Group Sequential Methods with Applications to
 * Clinical Trials. Chapman and Hall/CRC 2000, chapters 7 and 19). This is rpact's
 * {@code getDesignGroupSequential(typeOfDesign = "asOF" | "asP" | "asHSD", sided = 1)} and gsDesign's
 * {@code gsDesign(test.type = 1 or 4)} upper bound.
 *
 * <p>Futility bounds a_k (continue only while {@code a_k < Z_k < b_k}) are either
 * <ul>
 * <li>beta spending: {@code P_theta(a_j < Z_j < b_j for j < k, Z_k <= a_k) = g(t_k) - g(t_{k-1})} under the
 * drift theta at which the design has power 1 - beta with these bounds, theta being solved so that the last
 * futility bound meets the last efficacy bound (gsDesign {@code test.type = 4}; rpact
 * {@code typeBetaSpending}, {@code bindingFutility = FALSE}); or</li>
 * <li>a conditional-power threshold: stop at an interim look when the conditional power under the current
 * trend, {@code P(reject at a later look | Z_k = z, drift = z / sqrt(t_k))}, is below a threshold (Lan KKG,
 * Wittes J. The B-value: a tool for monitoring data. Biometrics 1988;44:579-585). Conditional power increases
 * with z, so the rule is precomputed as a z bound; later looks' efficacy bounds are all counted, and at the
 * last interim look it reduces to Lan and Wittes' closed form
 * {@code Phi((z / sqrt(t_k) - b_K) / sqrt(1 - t_k))}.</li>
 * </ul>
 */
public final class GroupSequentialBoundaries {

    /** How futility is assessed. */
    public enum FutilityRule {
        /** No futility stopping. */
        NONE,
        /** Non-binding futility bounds from a beta spending function. */
        BETA_SPENDING,
        /** Non-binding futility when conditional power under the current trend is below a threshold. */
        CONDITIONAL_POWER
    }

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final double SOLVER_TOLERANCE = 1e-11;
    /** Bounds are searched within [-LIMIT, LIMIT]; beyond, tail probabilities are below 1e-100. */
    private static final double LIMIT = 25;

    private final double[] fractions;
    private final double alpha;
    private final SpendingFunction alphaSpending;
    private final double[] efficacy;
    private final double[] futility;
    private final FutilityRule futilityRule;
    private final SpendingFunction betaSpending;
    private final double beta;
    private final double conditionalPowerThreshold;
    private final double designDrift;

    private GroupSequentialBoundaries(double[] fractions, double alpha, SpendingFunction alphaSpending,
            double[] efficacy, double[] futility, FutilityRule futilityRule, SpendingFunction betaSpending,
            double beta, double conditionalPowerThreshold, double designDrift) {
        this.fractions = fractions;
        this.alpha = alpha;
        this.alphaSpending = alphaSpending;
        this.efficacy = efficacy;
        this.futility = futility;
        this.futilityRule = futilityRule;
        this.betaSpending = betaSpending;
        this.beta = beta;
        this.conditionalPowerThreshold = conditionalPowerThreshold;
        this.designDrift = designDrift;
    }

    /**
     * Efficacy bounds only.
     *
     * @param fractions information fractions of the looks, strictly increasing, the last equal to 1
     * @param alphaSpending the alpha spending function
     * @param alpha the one-sided type I error, in (0, 0.5)
     * @return the boundaries
     */
    public static GroupSequentialBoundaries efficacyOnly(double[] fractions, SpendingFunction alphaSpending,
            double alpha) {
        final double[] t = checkDesignFractions(fractions);
        checkError("alpha", alpha, 0.5);
        final double[] b = efficacyBounds(t, alphaSpending, alpha);
        final double[] a = new double[t.length];
        Arrays.fill(a, Double.NEGATIVE_INFINITY);
        a[t.length - 1] = b[t.length - 1];
        return new GroupSequentialBoundaries(t, alpha, alphaSpending, b, a, FutilityRule.NONE, null, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /**
     * Efficacy bounds with non-binding futility bounds from beta spending at the design power 1 - beta.
     *
     * @param fractions information fractions of the looks, strictly increasing, the last equal to 1
     * @param alphaSpending the alpha spending function
     * @param alpha the one-sided type I error, in (0, 0.5)
     * @param betaSpending the beta spending function
     * @param beta the type II error at the design alternative, in (0, 0.5)
     * @return the boundaries; {@link #designDrift()} is the drift giving power 1 - beta
     */
    public static GroupSequentialBoundaries withBetaSpending(double[] fractions, SpendingFunction alphaSpending,
            double alpha, SpendingFunction betaSpending, double beta) {
        final double[] t = checkDesignFractions(fractions);
        checkError("alpha", alpha, 0.5);
        checkError("beta", beta, 0.5);
        final double[] b = efficacyBounds(t, alphaSpending, alpha);
        final double[] a = new double[t.length];
        final CanonicalJointDistribution dist = new CanonicalJointDistribution(t);
        // the last lower exit probability falls as the drift grows: it equals the beta left at theta*
        final DoubleUnaryOperator excess = theta -> futilityBounds(dist, t, b, betaSpending, beta, theta, a);
        final double fixed = STANDARD_NORMAL.inverseSurvivalProbability(alpha)
                + STANDARD_NORMAL.inverseSurvivalProbability(beta);
        final double theta = solveDecreasing(excess, 0, 3 * fixed + 5);
        futilityBounds(dist, t, b, betaSpending, beta, theta, a);
        a[t.length - 1] = b[t.length - 1];
        return new GroupSequentialBoundaries(t, alpha, alphaSpending, b, a, FutilityRule.BETA_SPENDING,
                betaSpending, beta, Double.NaN, theta);
    }

    /**
     * Efficacy bounds with non-binding futility when conditional power under the current trend falls below a
     * threshold at an interim look.
     *
     * @param fractions information fractions of the looks, strictly increasing, the last equal to 1
     * @param alphaSpending the alpha spending function
     * @param alpha the one-sided type I error, in (0, 0.5)
     * @param threshold stop for futility when conditional power is below this, in (0, 1)
     * @return the boundaries
     */
    public static GroupSequentialBoundaries withConditionalPowerFutility(double[] fractions,
            SpendingFunction alphaSpending, double alpha, double threshold) {
        final double[] t = checkDesignFractions(fractions);
        checkError("alpha", alpha, 0.5);
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("conditional power threshold must be in (0, 1), found " + threshold);
        }
        final double[] b = efficacyBounds(t, alphaSpending, alpha);
        final int kMax = t.length;
        final double[] a = new double[kMax];
        for (int k = 0; k < kMax - 1; k++) {
            final int look = k;
            final DoubleUnaryOperator cp = z -> conditionalPower(t, b, look, z, z / Math.sqrt(t[look]));
            if (cp.applyAsDouble(b[k]) < threshold) {
                a[k] = b[k]; // even at the efficacy bound the trend is too weak: the trial always stops here
            } else if (cp.applyAsDouble(-LIMIT) >= threshold) {
                a[k] = Double.NEGATIVE_INFINITY;
            } else {
                a[k] = solveIncreasing(z -> cp.applyAsDouble(z) - threshold, -LIMIT, b[k]);
            }
        }
        a[kMax - 1] = b[kMax - 1];
        return new GroupSequentialBoundaries(t, alpha, alphaSpending, b, a, FutilityRule.CONDITIONAL_POWER, null,
                Double.NaN, threshold, Double.NaN);
    }

    /**
     * The decision at one look. Allocation-free.
     *
     * @param look the look index, 0-based
     * @param z the standardized test statistic at that look (large values favour the alternative)
     * @return {@link Decision#REJECT} if {@code z >= b_k}; {@link Decision#FUTILITY} if {@code z <= a_k} at an
     *         interim look or {@code z < b_K} at the last; else {@link Decision#CONTINUE} (also for NaN z at
     *         an interim look)
     */
    public Decision decide(int look, double z) {
        if (z >= efficacy[look]) {
            return Decision.REJECT;
        }
        if (look == efficacy.length - 1 || z <= futility[look]) {
            return Decision.FUTILITY;
        }
        return Decision.CONTINUE;
    }

    /**
     * Exit probabilities and expected information under a drift.
     *
     * @param drift the expected final z statistic, {@code E[Z_K]} (0 under the null)
     * @param applyFutility whether trials stop at the futility bounds (true for the operating characteristics
     *        of the rule as followed; false for the type I error of a non-binding design)
     * @return per-look exit probabilities
     */
    public ExitProbabilities exitProbabilities(double drift, boolean applyFutility) {
        final int kMax = fractions.length;
        final double[] lower = new double[kMax];
        for (int k = 0; k < kMax - 1; k++) {
            lower[k] = applyFutility ? futility[k] : Double.NEGATIVE_INFINITY;
        }
        lower[kMax - 1] = efficacy[kMax - 1];
        final double[] up = new double[kMax];
        final double[] low = new double[kMax];
        new CanonicalJointDistribution(fractions).exitProbabilities(lower, efficacy, drift, up, low);
        double expected = 0;
        for (int k = 0; k < kMax; k++) {
            expected += fractions[k] * (up[k] + low[k]);
        }
        return new ExitProbabilities(drift, up, low, expected);
    }

    /**
     * Conditional power at look k given {@code Z_k = z}: the probability of crossing some later efficacy
     * bound (futility ignored, as it is non-binding) when the drift is {@code drift}.
     *
     * @param look the look index, 0-based, before the last
     * @param z the observed statistic at that look
     * @param drift the assumed drift {@code E[Z_K]}; {@code z / sqrt(t_k)} is the current trend
     * @return the conditional power
     */
    public double conditionalPower(int look, double z, double drift) {
        if (look < 0 || look >= fractions.length - 1) {
            throw new IllegalArgumentException("conditional power needs an interim look in [0, "
                    + (fractions.length - 2) + "], found " + look);
        }
        return conditionalPower(fractions, efficacy, look, z, drift);
    }

    /**
     * Conditional power under the current trend, {@code drift = z / sqrt(t_k)}.
     *
     * @param look the look index, 0-based, before the last
     * @param z the observed statistic at that look
     * @return the conditional power
     */
    public double conditionalPowerUnderTrend(int look, double z) {
        final double t = look >= 0 && look < fractions.length ? fractions[look] : Double.NaN;
        return conditionalPower(look, z, z / Math.sqrt(t));
    }

    /** @return the number of looks K */
    public int looks() {
        return fractions.length;
    }

    /** @return a copy of the information fractions */
    public double[] fractions() {
        return fractions.clone();
    }

    /**
     * @param look the look index, 0-based
     * @return the efficacy bound b_k on the z scale
     */
    public double efficacyBound(int look) {
        return efficacy[look];
    }

    /**
     * @param look the look index, 0-based
     * @return the futility bound a_k on the z scale ({@code -Infinity} for none; b_K at the last look)
     */
    public double futilityBound(int look) {
        return futility[look];
    }

    /** @return a copy of the efficacy bounds */
    public double[] efficacyBounds() {
        return efficacy.clone();
    }

    /** @return a copy of the futility bounds */
    public double[] futilityBounds() {
        return futility.clone();
    }

    /**
     * @param look the look index, 0-based
     * @return the nominal one-sided p-value threshold {@code 1 - Phi(b_k)} of the efficacy bound
     */
    public double nominalAlpha(int look) {
        return STANDARD_NORMAL.survivalProbability(efficacy[look]);
    }

    /**
     * @param look the look index, 0-based
     * @return the cumulative alpha spent by that look, {@code f(t_k)} (exactly alpha at the last look)
     */
    public double cumulativeAlphaSpent(int look) {
        return look == fractions.length - 1 ? alpha : alphaSpending.spent(alpha, fractions[look]);
    }

    /**
     * @param look the look index, 0-based
     * @return the cumulative beta spent by that look (beta spending only, else NaN)
     */
    public double cumulativeBetaSpent(int look) {
        if (futilityRule != FutilityRule.BETA_SPENDING) {
            return Double.NaN;
        }
        return look == fractions.length - 1 ? beta : betaSpending.spent(beta, fractions[look]);
    }

    /** @return the one-sided type I error */
    public double alpha() {
        return alpha;
    }

    /** @return the alpha spending function */
    public SpendingFunction alphaSpending() {
        return alphaSpending;
    }

    /** @return the futility rule */
    public FutilityRule futilityRule() {
        return futilityRule;
    }

    /** @return the beta spending function, or null without beta spending */
    public SpendingFunction betaSpending() {
        return betaSpending;
    }

    /** @return the total beta of beta spending, or NaN */
    public double beta() {
        return beta;
    }

    /** @return the conditional-power threshold, or NaN */
    public double conditionalPowerThreshold() {
        return conditionalPowerThreshold;
    }

    /**
     * The drift at which the design has power 1 - beta (beta spending designs only). Divided by the drift of
     * the fixed design, {@code z_alpha + z_beta}, and squared it is the inflation factor of the maximum
     * sample size.
     *
     * @return the design drift, or NaN
     */
    public double designDrift() {
        return designDrift;
    }

    // ---------------------------------------------------------------------------------------------------

    private static double[] checkDesignFractions(double[] fractions) {
        final double[] t = CanonicalJointDistribution.checkFractions(fractions);
        if (t[t.length - 1] != 1) {
            throw new IllegalArgumentException("the last information fraction must be 1, found "
                    + Arrays.toString(fractions));
        }
        return t;
    }

    private static void checkError(String name, double value, double max) {
        if (!(value > 0 && value < max)) {
            throw new IllegalArgumentException(name + " must be in (0, " + max + "), found " + value);
        }
    }

    /** Efficacy bounds under the null, ignoring futility. */
    private static double[] efficacyBounds(double[] t, SpendingFunction spending, double alpha) {
        final int kMax = t.length;
        final double[] b = new double[kMax];
        final CanonicalJointDistribution dist = new CanonicalJointDistribution(t);
        dist.start(0);
        double previous = 0;
        for (int k = 0; k < kMax; k++) {
            final double cumulative = k == kMax - 1 ? alpha : spending.spent(alpha, t[k]);
            final double target = cumulative - previous;
            previous = cumulative;
            if (!(target > 0)) {
                b[k] = Double.POSITIVE_INFINITY;
            } else if (k == 0) {
                b[k] = STANDARD_NORMAL.inverseSurvivalProbability(target);
            } else {
                final int look = k;
                b[k] = solveDecreasing(x -> dist.upperExit(look, x) - target, -LIMIT, LIMIT);
            }
            if (k + 1 < kMax) {
                dist.advance(k, Double.NEGATIVE_INFINITY, b[k]);
            }
        }
        return b;
    }

    /**
     * Beta-spending futility bounds under drift theta, written into a; returns the final look's lower exit
     * probability at b_K minus the beta left to spend there (decreasing in theta, zero at the design drift).
     */
    private static double futilityBounds(CanonicalJointDistribution dist, double[] t, double[] b,
            SpendingFunction spending, double beta, double theta, double[] a) {
        final int kMax = t.length;
        dist.start(theta);
        double previous = 0;
        for (int k = 0; k < kMax - 1; k++) {
            final double cumulative = spending.spent(beta, t[k]);
            final double target = cumulative - previous;
            previous = cumulative;
            final int look = k;
            if (!(target > 0)) {
                a[k] = Double.NEGATIVE_INFINITY;
            } else if (dist.lowerExit(k, b[k]) <= target) {
                a[k] = b[k];
            } else {
                a[k] = solveIncreasing(x -> dist.lowerExit(look, x) - target, -LIMIT, b[k]);
            }
            dist.advance(k, a[k], b[k]);
        }
        return dist.lowerExit(kMax - 1, b[kMax - 1]) - (beta - previous);
    }

    /**
     * Conditional power from look k at Z_k = z under drift theta: the later looks form a canonical problem
     * with fractions {@code (t_j - t_k) / (1 - t_k)}, bounds {@code (b_j sqrt(t_j) - z sqrt(t_k)) /
     * sqrt(t_j - t_k)} and drift {@code theta sqrt(1 - t_k)}.
     */
    private static double conditionalPower(double[] t, double[] b, int k, double z, double theta) {
        final int rest = t.length - k - 1;
        final double[] s = new double[rest];
        final double[] upper = new double[rest];
        final double[] lower = new double[rest];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        final double span = 1 - t[k];
        final double bk = z * Math.sqrt(t[k]);
        for (int j = 0; j < rest; j++) {
            final double tj = t[k + 1 + j];
            s[j] = j == rest - 1 ? 1 : (tj - t[k]) / span;
            upper[j] = (b[k + 1 + j] * Math.sqrt(tj) - bk) / Math.sqrt(tj - t[k]);
        }
        final double[] up = new double[rest];
        final double[] low = new double[rest];
        new CanonicalJointDistribution(s).exitProbabilities(lower, upper, theta * Math.sqrt(span), up, low);
        double sum = 0;
        for (double p : up) {
            sum += p;
        }
        return sum;
    }

    /** Root of a decreasing function on [lo, hi] by bisection to SOLVER_TOLERANCE. */
    private static double solveDecreasing(DoubleUnaryOperator f, double lo, double hi) {
        return solveIncreasing(x -> -f.applyAsDouble(x), lo, hi);
    }

    /**
     * Root of an increasing function on [lo, hi]: bisection (robust, about 45 evaluations), the end point
     * when the sign does not change.
     */
    private static double solveIncreasing(DoubleUnaryOperator f, double lo, double hi) {
        if (f.applyAsDouble(lo) >= 0) {
            return lo;
        }
        if (f.applyAsDouble(hi) <= 0) {
            return hi;
        }
        double a = lo;
        double c = hi;
        while (c - a > SOLVER_TOLERANCE) {
            final double mid = 0.5 * (a + c);
            if (f.applyAsDouble(mid) < 0) {
                a = mid;
            } else {
                c = mid;
            }
        }
        return 0.5 * (a + c);
    }
}
