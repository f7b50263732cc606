package org.trialsim.cohort;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The count-level fast path of a binary endpoint without covariates: the cumulative number of responders per
 * arm at every sample size of a nested grid, drawn directly as binomial counts instead of patient by patient.
 *
 * <p>Why it is exact. With allocation balanced at every grid point, arm {@code a} holds {@code size[a][k]}
 * patients at grid point {@code k}, each responding independently with probability {@code p[a]}. The number
 * of responders among patients {@code size[a][k-1]+1 .. size[a][k]} is then Binomial(size[a][k] -
 * size[a][k-1], p[a]), independent of every other arm and step; the cumulative sums therefore have exactly
 * the joint distribution of the responder counts of nested patient-level cohorts (the same prefixes of one
 * cohort). Only the counts are reproduced, not the identity of the patients, so this serves an analysis that
 * depends on the counts alone (chi-square, Fisher, exact binomial), never one with covariates or strata; the
 * trajectory model keeps the patient-level path.
 *
 * <p>How it draws. Each increment is one {@code nextDouble()} inverted through the precomputed binomial
 * cumulative distribution with a guide table (Chen HC, Asau Y. On generating random variates from an
 * empirical distribution. AIIE Transactions 1974;6:163-166; Devroye L. Non-Uniform Random Variate
 * Generation. Springer 1986, section III.2.4): a constant expected number of comparisons and exactly the
 * binomial probabilities up to the rounding of the tabulated cumulative distribution (relative 1e-15). The
 * tables are built once per distinct (increment, probability) and shared; sampling allocates nothing, and the
 * object is immutable, so one instance serves every thread (the generator is passed per call).
 */
public final class NestedResponseCounts {

    private final int arms;
    private final int points;
    /** Table of arm a, step k at index a * points + k. */
    private final BinomialInversion[] steps;

    /**
     * @param sizes {@code sizes[a][k]}: patients in arm {@code a} at grid point {@code k}, non-decreasing in
     *     {@code k}, every arm with the same number of grid points
     * @param responseProbabilities probability of response in each arm
     */
    public NestedResponseCounts(int[][] sizes, double[] responseProbabilities) {
        if (sizes.length == 0 || sizes.length != responseProbabilities.length) {
            throw new IllegalArgumentException("need one probability per arm and at least one arm: "
                    + sizes.length + " arms, " + responseProbabilities.length + " probabilities");
        }
        arms = sizes.length;
        points = sizes[0].length;
        steps = new BinomialInversion[arms * points];
        Map<String, BinomialInversion> shared = new HashMap<>();
        for (int a = 0; a < arms; a++) {
            double p = responseProbabilities[a];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("response probability of arm " + a + " not in [0, 1]: " + p);
            }
            if (sizes[a].length != points) {
                throw new IllegalArgumentException("arm " + a + " has " + sizes[a].length + " grid points, arm 0 "
                        + points);
            }
            int previous = 0;
            for (int k = 0; k < points; k++) {
                int step = sizes[a][k] - previous;
                if (step < 0) {
                    throw new IllegalArgumentException("sizes of arm " + a + " decrease at grid point " + k + ": "
                            + previous + " then " + sizes[a][k]);
                }
                previous = sizes[a][k];
                steps[a * points + k] = shared.computeIfAbsent(step + ":" + Double.doubleToLongBits(p),
                    key -> new BinomialInversion(step, p));
            }
        }
    }

    /** Number of arms. */
    public int arms() {
        return arms;
    }

    /** Number of grid points. */
    public int points() {
        return points;
    }

    /**
     * Draws one replicate: {@code cumulative[a * points() + k]} receives the number of responders in arm
     * {@code a} among its patients at grid point {@code k}. Consumes exactly {@code arms() * points()} values
     * of {@code rng.nextDouble()}, grid point by grid point, arm by arm within a point.
     */
    public void sample(UniformRandomProvider rng, int[] cumulative) {
        for (int k = 0; k < points; k++) {
            for (int a = 0; a < arms; a++) {
                int i = a * points + k;
                int before = k == 0 ? 0 : cumulative[i - 1];
                cumulative[i] = before + steps[i].sample(rng);
            }
        }
    }

    /** Binomial(n, p) by inversion of its tabulated distribution function with a guide table. */
    static final class BinomialInversion {
        /** cdf[i] = P(X <= i); the last entry is exactly 1 so that every u in [0, 1) finds its value. */
        private final double[] cdf;
        /** guide[j] = the smallest i with cdf[i] > j / guide.length: where the search for u starts. */
        private final int[] guide;

        BinomialInversion(int n, double p) {
            BinomialDistribution d = BinomialDistribution.of(n, p);
            int length = n + 1;
            double[] c = new double[length];
            for (int i = 0; i < length; i++) {
                c[i] = d.cumulativeProbability(i);
                if (c[i] >= 1) {
                    // The rest of the upper tail is below the resolution of nextDouble(): cut the table here.
                    length = i + 1;
                    break;
                }
            }
            c[length - 1] = 1;
            cdf = Arrays.copyOf(c, length);
            guide = new int[length];
            int i = 0;
            for (int j = 0; j < length; j++) {
                double threshold = (double) j / length;
                while (cdf[i] <= threshold) {
                    i++;
                }
                guide[j] = i;
            }
        }

        int sample(UniformRandomProvider rng) {
            double u = rng.nextDouble();
            // The answer is the smallest i with cdf[i] > u. u * length < length since u < 1; the product may
            // round up to the next cell when u lies within an ulp below a cell boundary, hence the step back.
            int i = guide[(int) (u * guide.length)];
            while (i > 0 && u < cdf[i - 1]) {
                i--;
            }
            while (u >= cdf[i]) {
                i++;
            }
            return i;
        }
    }
}
