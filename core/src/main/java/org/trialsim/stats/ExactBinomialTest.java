package org.trialsim.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The exact one-sample binomial test of a response rate against {@code p0} (Clopper and Pearson 1934;
 * Agresti, <i>Categorical Data Analysis</i>, 3rd ed., 2013, section 1.4), for single-arm designs:
 * {@code k} responders among {@code n} patients.
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
 * <p>Result: the statistic is the standardized {@code (k - n p0) / sqrt(n p0 (1 - p0))} (0 when {@code n = 0}
 * or {@code p0} is 0 or 1), which group-sequential looks compare; the estimate is {@code k / n} (0 when
 * {@code n = 0}); undefined when {@code n = 0}. The tail probabilities are commons-statistics'
 * {@link BinomialDistribution} (Loader's saddle-point pmf, as R), one per {@code n}: a {@link Result} keeps
 * those it has built, so a reused result is also the cache that makes repeated tests allocation-free.
 *
 * <p>For simulation the one-sided test is best applied through {@link #criticalValue(int, double)}: reject
 * when {@code X >= c}, with {@code c} the smallest {@code k} such that {@code P(X >= k | p0) <= alpha}; this
 * is the same decision as a {@code GREATER} p-value {@code <= alpha}.
 *
 * <p>Use: {@code ExactBinomialTest.withDefaults().withNullProportion(0.2).with(Alternative.GREATER)
 * .test(k, n)}, or, in a loop, {@code test(k, n, result)} with a reused {@link Result}. Instances are
 * immutable and thread-safe.
 */
public final class ExactBinomialTest {

    private static final ExactBinomialTest DEFAULT = new ExactBinomialTest(0.5, Alternative.TWO_SIDED);

    private final double p0;
    private final Alternative alternative;

    private ExactBinomialTest(double p0, Alternative alternative) {
        this.p0 = p0;
        this.alternative = alternative;
    }

    /** @return the two-sided test of {@code p0 = 0.5} (R's {@code binom.test} defaults) */
    public static ExactBinomialTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: rate above {@code p0}
     * @return this test with that alternative
     */
    public ExactBinomialTest with(Alternative v) {
        return new ExactBinomialTest(p0, v);
    }

    /**
     * @param v the null response rate {@code p0}, in [0, 1]
     * @return this test against that rate
     * @throws IllegalArgumentException if {@code v} is outside [0, 1]
     */
    public ExactBinomialTest withNullProportion(double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("need p0 in [0, 1], found " + v);
        }
        return new ExactBinomialTest(v, alternative);
    }

    /** @return the null response rate */
    public double nullProportion() {
        return p0;
    }

    /**
     * Tests {@code k} responders among {@code n} patients, into a new result.
     *
     * @param k responders, in [0, n]
     * @param n patients, {@code >= 0}
     * @return the result
     * @throws IllegalArgumentException if {@code k} is outside [0, n]
     */
    public Result test(int k, int n) {
        return test(k, n, new Result());
    }

    /**
     * Tests {@code k} responders among {@code n} patients into {@code into}; allocates nothing once
     * {@code into} has tested {@code n} patients against this {@code p0}.
     *
     * @param k responders, in [0, n]
     * @param n patients, {@code >= 0}
     * @param into the result to fill
     * @return {@code into}
     * @throws IllegalArgumentException if {@code k} is outside [0, n]
     */
    public Result test(int k, int n, Result into) {
        Counts.check(k, n, "single arm");
        final BinomialDistribution distribution = into.distribution(n, p0);
        final double p;
        switch (alternative) {
            case GREATER:
                p = distribution.survivalProbability(k - 1);
                break;
            case LESS:
                p = distribution.cumulativeProbability(k);
                break;
            default:
                p = twoSided(distribution, k, n);
        }
        final double z = n == 0 || p0 <= 0 || p0 >= 1 ? 0 : (k - n * p0) / Math.sqrt(n * p0 * (1 - p0));
        into.set(z, p, n == 0 ? 0 : (double) k / n, n > 0);
        return into;
    }

    /** R's {@code binom.test} two-sided p-value. */
    private double twoSided(BinomialDistribution distribution, int k, int n) {
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
     * significant (the test never rejects). Builds a distribution: call it outside the Monte Carlo loop.
     *
     * @param n patients, {@code >= 0}
     * @param alpha one-sided significance level in (0, 1)
     * @return the critical value in [0, n + 1]
     */
    public int criticalValue(int n, double alpha) {
        Counts.checkAlpha(alpha);
        final BinomialDistribution distribution = distribution(n);
        int c = n + 1;
        // P(X >= c - 1) = survivalProbability(c - 2), non-increasing in c
        while (c > 0 && distribution.survivalProbability(c - 2) <= alpha) {
            c--;
        }
        return c;
    }

    /**
     * The attained size {@code P(X >= c | p0)} of the test of {@code n} patients with critical value {@code c}.
     *
     * @param n patients, {@code >= 0}
     * @param c critical value
     * @return the probability of rejecting under {@code p0} (0 when {@code c > n})
     */
    public double attainedSize(int n, int c) {
        return distribution(n).survivalProbability(c - 1);
    }

    private BinomialDistribution distribution(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("need n >= 0, found n=" + n);
        }
        return BinomialDistribution.of(n, p0);
    }

    /**
     * The result of an exact binomial test, and the binomial distributions of {@code p0} it has needed, one
     * per number of patients, built on first use and kept (their tables are the cost of the test). Reuse one
     * per thread; it rebuilds them if it is handed a test of another {@code p0}.
     */
    public static final class Result extends TestResult {
        private BinomialDistribution[] byN = new BinomialDistribution[0];
        private double p0 = Double.NaN;

        /** An empty result. */
        public Result() {
            // filled by ExactBinomialTest
        }

        BinomialDistribution distribution(int n, double nullProportion) {
            if (Double.compare(nullProportion, p0) != 0) {
                Arrays.fill(byN, null);
                p0 = nullProportion;
            }
            if (byN.length <= n) {
                byN = Arrays.copyOf(byN, Math.max(n + 1, 2 * byN.length));
            }
            BinomialDistribution d = byN[n];
            if (d == null) {
                d = BinomialDistribution.of(n, nullProportion);
                byN[n] = d;
            }
            return d;
        }
    }
}
