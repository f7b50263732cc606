package org.trialsim.stats;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * P-values of a signed test statistic under its reference distribution (standard normal or Student's t)
 * for a given {@link Alternative}: {@code GREATER} is the upper tail, {@code LESS} the lower tail and
 * {@code TWO_SIDED} twice the smaller tail (for the normal this equals the upper tail of the chi-square
 * with one degree of freedom at {@code z*z}, as in R's {@code pchisq(z^2, 1, lower.tail = FALSE)}).
 *
 * <p>Allocation-free: the normal tail is commons-statistics' {@link NormalDistribution} (computed with the
 * complementary error function, accurate in the far tails); the t tail is the regularized incomplete beta
 * function of commons-numbers, {@code P(T > t) = I_{v/(v+t^2)}(v/2, 1/2) / 2} for {@code t > 0}
 * (Abramowitz and Stegun 26.7.1), evaluated directly so that no distribution object is built per call
 * (Welch's degrees of freedom change from one simulated trial to the next).
 *
 * <p>A {@code NaN} statistic never reaches here from the tests of this package; if one is passed the
 * p-value is 1 (no evidence), the package's convention for undefined statistics.
 */
public final class TailProbability {

    /** The standard normal distribution (immutable, thread-safe). */
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private TailProbability() {
    }

    /**
     * P-value of a standard normal statistic.
     *
     * @param z the statistic (positive favours the treatment)
     * @param alternative the alternative hypothesis
     * @return the p-value in [0, 1]
     */
    public static double normal(double z, Alternative alternative) {
        if (Double.isNaN(z)) {
            return 1;
        }
        switch (alternative) {
            case GREATER:
                return STANDARD_NORMAL.survivalProbability(z);
            case LESS:
                return STANDARD_NORMAL.cumulativeProbability(z);
            default:
                return Math.min(1, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
        }
    }

    /**
     * P-value of a Student's t statistic.
     *
     * @param t the statistic (positive favours the treatment)
     * @param df degrees of freedom, {@code > 0} (may be fractional, as for Welch's test);
     *     if {@code df <= 0} or {@code NaN} the statistic is undefined and the p-value is 1
     * @param alternative the alternative hypothesis
     * @return the p-value in [0, 1]
     */
    public static double studentT(double t, double df, Alternative alternative) {
        if (Double.isNaN(t) || !(df > 0)) {
            return 1;
        }
        final double upper = studentUpperTail(t, df);
        switch (alternative) {
            case GREATER:
                return upper;
            case LESS:
                return studentUpperTail(-t, df);
            default:
                return Math.min(1, 2 * studentUpperTail(Math.abs(t), df));
        }
    }

    /**
     * {@code P(T > t)} for Student's t with {@code df} degrees of freedom.
     *
     * <p>Uses the same switch as commons-statistics' {@code TDistribution} (after Boost): when
     * {@code t^2} is small against {@code df} the complement form keeps full relative precision.
     */
    private static double studentUpperTail(double t, double df) {
        if (t == 0) {
            return 0.5;
        }
        if (df == Double.POSITIVE_INFINITY) {
            return STANDARD_NORMAL.survivalProbability(t);
        }
        final double t2 = t * t;
        final double tail;
        if (df < 2 * t2) {
            tail = RegularizedBeta.value(df / (df + t2), df / 2, 0.5) / 2;
        } else {
            tail = RegularizedBeta.complement(t2 / (df + t2), 0.5, df / 2) / 2;
        }
        return t > 0 ? tail : 1 - tail;
    }
}
