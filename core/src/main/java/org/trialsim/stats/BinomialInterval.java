package org.trialsim.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

/**
 * Two-sided confidence limits for a single proportion {@code x / n}.
 *
 * <ul>
 * <li>Wilson score interval (Wilson 1927; Newcombe 1998a, method 3): the closed form of R's
 *     {@code prop.test(x, n, correct = FALSE)$conf.int}, with the lower limit exactly 0 when {@code x = 0}
 *     and the upper exactly 1 when {@code x = n}. Allocation-free.</li>
 * <li>Clopper-Pearson exact interval (Clopper and Pearson 1934): beta quantiles, R's
 *     {@code binom.test(x, n)$conf.int}; delegated to commons-statistics'
 *     {@link BinomialConfidenceInterval#CLOPPER_PEARSON}, which allocates a small object per call (for
 *     decisions inside a simulation prefer {@link ExactBinomialTest}, whose critical value gives the same
 *     one-sided decision).</li>
 * </ul>
 *
 * <p>{@code alpha} is the two-sided error rate (0.05 for a 95% interval). With {@code n = 0} there is no
 * information and both intervals are [0, 1].
 */
public final class BinomialInterval {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private BinomialInterval() {
    }

    /**
     * The normal quantile {@code z_{1 - alpha/2}}.
     *
     * @param alpha two-sided error rate in (0, 1)
     * @return the quantile
     */
    static double twoSidedQuantile(double alpha) {
        Counts.checkAlpha(alpha);
        return STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2);
    }

    /**
     * Lower Wilson score limit.
     *
     * @param x responders
     * @param n patients
     * @param alpha two-sided error rate
     * @return the lower limit in [0, 1]
     */
    public static double wilsonLower(int x, int n, double alpha) {
        return wilson(x, n, twoSidedQuantile(alpha), -1);
    }

    /**
     * Upper Wilson score limit.
     *
     * @param x responders
     * @param n patients
     * @param alpha two-sided error rate
     * @return the upper limit in [0, 1]
     */
    public static double wilsonUpper(int x, int n, double alpha) {
        return wilson(x, n, twoSidedQuantile(alpha), 1);
    }

    /**
     * A Wilson limit for a given normal quantile (R's {@code prop.test} algebra).
     *
     * @param sign -1 for the lower limit, +1 for the upper
     */
    static double wilson(int x, int n, double z, int sign) {
        Counts.check(x, n, "proportion");
        if (n == 0) {
            return sign < 0 ? 0 : 1;
        }
        if (sign < 0 && x == 0) {
            return 0;
        }
        if (sign > 0 && x == n) {
            return 1;
        }
        final double p = (double) x / n;
        final double z22n = z * z / (2.0 * n);
        final double limit = (p + z22n + sign * z * Math.sqrt(p * (1 - p) / n + z22n / (2.0 * n))) / (1 + 2 * z22n);
        return Math.max(0, Math.min(1, limit));
    }

    /**
     * Lower Clopper-Pearson limit, the {@code alpha/2} quantile of Beta(x, n - x + 1) (0 when {@code x = 0}).
     *
     * @param x responders
     * @param n patients
     * @param alpha two-sided error rate
     * @return the lower limit in [0, 1]
     */
    public static double clopperPearsonLower(int x, int n, double alpha) {
        Counts.check(x, n, "proportion");
        Counts.checkAlpha(alpha);
        return n == 0 ? 0 : BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(n, x, alpha).getLowerBound();
    }

    /**
     * Upper Clopper-Pearson limit, the {@code 1 - alpha/2} quantile of Beta(x + 1, n - x) (1 when {@code x = n}).
     *
     * @param x responders
     * @param n patients
     * @param alpha two-sided error rate
     * @return the upper limit in [0, 1]
     */
    public static double clopperPearsonUpper(int x, int n, double alpha) {
        Counts.check(x, n, "proportion");
        Counts.checkAlpha(alpha);
        return n == 0 ? 1 : BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(n, x, alpha).getUpperBound();
    }
}
