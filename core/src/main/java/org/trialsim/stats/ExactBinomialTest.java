package org.trialsim.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The exact one-sample binomial test of a response rate against {@code p0} (Clopper and Pearson 1934;
 * Agresti, <i>Categorical Data Analysis</i>, 3rd ed., 2013, section 1.4), for single-arm designs.
 * An instance is bound to one {@code (n, p0)} and is immutable and thread-safe; build it once per sample
 * size, outside the Monte Carlo loop (it holds a commons-statistics {@link BinomialDistribution}).
 *
 * <ul>
 * <li>{@code GREATER} (rate above {@code p0}): {@code P(X >= k)};</li>
 * <li>{@code LESS}: {@code P(X <= k)};</li>
 * <li>{@code TWO_SIDED}: exactly R's {@code binom.test}: with {@code d = P(X = k)} and {@code m = n p0}, 1
 *     if {@code k = m}; otherwise the tail at {@code k} plus the tail on the other side of the mean made of
 *     the outcomes with {@code P(X = i) <= d (1 + 1e-7)}. For {@code p0 = 0} (or 1) it is 1 when
 *     {@code k = 0} (or {@code k = n}) and 0 otherwise.</li>
 * </ul>
 *
 * <p>For simulation the one-sided test is best applied through {@link #criticalValue(double)}: reject when
 * {@code X >= c}, with {@code c} the smallest {@code k} such that {@code P(X >= k | p0) <= alpha}; this is
 * the same decision as {@code pValue(X, GREATER) <= alpha}.
 */
public final class ExactBinomialTest {

    private final int n;
    private final double p0;
    private final BinomialDistribution distribution;

    /**
     * @param n number of patients, {@code >= 0}
     * @param p0 the null response rate, in [0, 1]
     * @throws IllegalArgumentException if {@code n < 0} or {@code p0} is outside [0, 1]
     */
    public ExactBinomialTest(int n, double p0) {
        if (n < 0 || !(p0 >= 0 && p0 <= 1)) {
            throw new IllegalArgumentException("need n >= 0 and p0 in [0, 1], found n=" + n + ", p0=" + p0);
        }
        this.n = n;
        this.p0 = p0;
        this.distribution = BinomialDistribution.of(n, p0);
    }

    /** @return the number of patients */
    public int n() {
        return n;
    }

    /** @return the null response rate */
    public double p0() {
        return p0;
    }

    /**
     * The exact p-value of {@code k} responders.
     *
     * @param k responders, in [0, n]
     * @param alternative {@code GREATER}: rate above {@code p0}
     * @return the p-value in [0, 1]
     * @throws IllegalArgumentException if {@code k} is outside [0, n]
     */
    public double pValue(int k, Alternative alternative) {
        Counts.check(k, n, "single arm");
        switch (alternative) {
            case GREATER:
                return distribution.survivalProbability(k - 1);
            case LESS:
                return distribution.cumulativeProbability(k);
            default:
                return twoSided(k);
        }
    }

    /** R's {@code binom.test} two-sided p-value. */
    private double twoSided(int k) {
        if (p0 == 0) {
            return k == 0 ? 1 : 0;
        }
        if (p0 == 1) {
            return k == n ? 1 : 0;
        }
        final double threshold = distribution.probability(k) * FisherExactTest.RELATIVE_TOLERANCE;
        final double mean = n * p0;
        if (k == mean) {
            return 1;
        }
        final double p;
        if (k < mean) {
            int y = 0;
            for (int i = (int) Math.ceil(mean); i <= n; i++) {
                if (distribution.probability(i) <= threshold) {
                    y++;
                }
            }
            p = distribution.cumulativeProbability(k) + distribution.survivalProbability(n - y);
        } else {
            int y = 0;
            for (int i = 0; i <= (int) Math.floor(mean); i++) {
                if (distribution.probability(i) <= threshold) {
                    y++;
                }
            }
            p = distribution.cumulativeProbability(y - 1) + distribution.survivalProbability(k - 1);
        }
        return Math.min(1, p);
    }

    /**
     * The one-sided critical value: the smallest {@code c} with {@code P(X >= c | p0) <= alpha}, so that
     * the test rejects {@code H0: p <= p0} when {@code X >= c}; {@code n + 1} when no outcome is
     * significant (the test never rejects).
     *
     * @param alpha one-sided significance level in (0, 1)
     * @return the critical value in [0, n + 1]
     */
    public int criticalValue(double alpha) {
        Counts.checkAlpha(alpha);
        int c = n + 1;
        // P(X >= c - 1) = survivalProbability(c - 2), non-increasing in c
        while (c > 0 && distribution.survivalProbability(c - 2) <= alpha) {
            c--;
        }
        return c;
    }

    /**
     * The attained size {@code P(X >= c | p0)} of the test with critical value {@code c}.
     *
     * @param c critical value
     * @return the probability of rejecting under {@code p0} (0 when {@code c > n})
     */
    public double attainedSize(int c) {
        return distribution.survivalProbability(c - 1);
    }

    /**
     * Shorthand for {@code new ExactBinomialTest(n, p0).criticalValue(alpha)}.
     *
     * @param n number of patients
     * @param p0 null response rate
     * @param alpha one-sided significance level
     * @return the critical value in [0, n + 1]
     */
    public static int criticalValue(int n, double p0, double alpha) {
        return new ExactBinomialTest(n, p0).criticalValue(alpha);
    }
}
