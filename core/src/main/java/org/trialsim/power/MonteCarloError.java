package org.trialsim.power;

import java.math.BigInteger;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * Turns Monte Carlo counts into estimates with their Monte Carlo standard error and a 95% interval.
 *
 * <p>A proportion {@code x / R} (power, type I error, probability of stopping) has standard error
 * {@code sqrt(p (1 - p) / R)} and Wilson's score interval (Wilson EB. J Am Stat Assoc 1927;22:209-212), which
 * unlike the Wald interval keeps its coverage near 0 and 1, where type I errors and stopping probabilities
 * live (Brown LD, Cai TT, DasGupta A. Stat Sci 2001;16:101-133). A mean of integers (the expected sample size)
 * is computed from the exact integer sum and sum of squares, with standard error {@code s / sqrt(R)} and the
 * normal interval {@code mean +- 1.96 s / sqrt(R)}.
 */
public final class MonteCarloError {

    /** Two-sided error rate of the reported intervals. */
    public static final double ALPHA = 0.05;
    private static final double Z = NormalDistribution.of(0, 1).inverseSurvivalProbability(ALPHA / 2);

    private MonteCarloError() {
    }

    /** The estimate of a probability from {@code events} out of {@code replicates}. */
    public static Estimate proportion(long events, long replicates) {
        if (events < 0 || events > replicates) {
            throw new IllegalArgumentException("need 0 <= events <= replicates: " + events + ", " + replicates);
        }
        if (replicates == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        if (replicates > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many replicates for an interval: " + replicates);
        }
        double p = (double) events / replicates;
        double se = Math.sqrt(p * (1 - p) / replicates);
        Interval ci = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate((int) replicates, (int) events, ALPHA);
        return new Estimate(p, se, ci.getLowerBound(), ci.getUpperBound(), replicates);
    }

    /** The estimate of a mean from the exact integer sum and sum of squares of {@code replicates} values. */
    public static Estimate mean(long sum, long sumOfSquares, long replicates) {
        if (replicates == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = (double) sum / replicates;
        double se;
        if (replicates == 1) {
            se = Double.NaN;
        } else {
            // R * sum(x^2) - (sum x)^2 exactly, then one rounding: no cancellation error.
            BigInteger r = BigInteger.valueOf(replicates);
            BigInteger s = BigInteger.valueOf(sum);
            double centred = r.multiply(BigInteger.valueOf(sumOfSquares)).subtract(s.multiply(s)).doubleValue();
            double variance = centred / ((double) replicates * (replicates - 1));
            se = Math.sqrt(Math.max(variance, 0) / replicates);
        }
        return new Estimate(mean, se, mean - Z * se, mean + Z * se, replicates);
    }
}
