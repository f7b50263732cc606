package org.trialsim.cohort;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
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
 * <p>How it draws. Each increment of at most {@value #TABLE_LIMIT} patients is one draw of commons-rng's
 * {@link MarsagliaTsangWangDiscreteSampler.Binomial} (Marsaglia G, Tsang WW, Wang J. Fast generation of discrete
 * random variables. J Stat Softw 2004;11(3)): one 32-bit {@code nextInt()} and a few table look-ups, with the
 * binomial probabilities rounded to multiples of 2<sup>-30</sup>, so that the total variation distance to the
 * exact binomial is below (n + 1) 2<sup>-31</sup> (5e-7 at the limit): the error it can put into a power estimate
 * is two orders of magnitude below the Monte Carlo standard error of 10<sup>7</sup> replicates. Larger increments
 * (where that table cannot be built: the probability of 0 underflows) are one {@code nextDouble()} inverted
 * through the tabulated cumulative distribution with a guide table (Chen HC, Asau Y. On generating random
 * variates from an empirical distribution. AIIE Transactions 1974;6:163-166; Devroye L. Non-Uniform Random
 * Variate Generation. Springer 1986, section III.2.4), exact up to the rounding of the tabulated distribution.
 * Which of the two an increment uses depends on its size alone, and probabilities 0 and 1 still consume their
 * draw, so the random numbers consumed depend only on the grid, never on the probabilities: scenarios that
 * differ in response probabilities use common random numbers. The tables are built once per distinct
 * (increment, probability) and shared; this object is immutable and serves every thread, each drawing
 * through its own {@link #sampler(UniformRandomProvider) bound sampler}, which allocates nothing per draw.
 */
public final class NestedResponseCounts {

    /** Largest increment drawn by the Marsaglia-Tsang-Wang table (its probability of 0 is then >= 2^-1000). */
    static final int TABLE_LIMIT = 1000;

    /** Stands in for the generator of the shared prototypes, which never draw themselves. */
    private static final UniformRandomProvider UNBOUND = () -> {
        throw new IllegalStateException("a shared binomial table was used without binding a generator");
    };

    private final int arms;
    private final int points;
    /** Sampler prototype of arm a, step k at index a * points + k (bound to a generator per thread). */
    private final SharedStateDiscreteSampler[] steps;

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
        steps = new SharedStateDiscreteSampler[arms * points];
        Map<String, SharedStateDiscreteSampler> shared = new HashMap<>();
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
                    key -> increment(step, p));
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

    /** The sampler of one increment of {@code n} patients; see the class comment for the choice. */
    private static SharedStateDiscreteSampler increment(int n, double p) {
        if (n > TABLE_LIMIT) {
            return new BinomialInversion(n, p, UNBOUND);
        }
        if (n == 0 || p == 0 || p == 1) {
            return new Certain(p == 1 ? n : 0, UNBOUND);
        }
        return MarsagliaTsangWangDiscreteSampler.Binomial.of(UNBOUND, n, p);
    }

    /**
     * A sampler of this design drawing from {@code rng}: one per thread. Not thread-safe; it allocates nothing
     * per draw.
     */
    public Sampler sampler(UniformRandomProvider rng) {
        DiscreteSampler[] bound = new DiscreteSampler[steps.length];
        for (int i = 0; i < steps.length; i++) {
            bound[i] = steps[i].withUniformRandomProvider(rng);
        }
        return new Sampler(bound, points);
    }

    /** The design's increments bound to one generator. */
    public static final class Sampler {
        private final DiscreteSampler[] steps;
        private final int points;

        private Sampler(DiscreteSampler[] steps, int points) {
            this.steps = steps;
            this.points = points;
        }

        /**
         * Draws one replicate: {@code cumulative[a * points() + k]} receives the number of responders in arm
         * {@code a} among its patients at grid point {@code k}. Draws the increments grid point by grid point,
         * arm by arm within a point, each one {@code nextInt()} (or one {@code nextDouble()} for increments
         * above {@value NestedResponseCounts#TABLE_LIMIT} patients).
         */
        public void sample(int[] cumulative) {
            int arms = steps.length / points;
            for (int k = 0; k < points; k++) {
                for (int a = 0; a < arms; a++) {
                    int i = a * points + k;
                    int before = k == 0 ? 0 : cumulative[i - 1];
                    cumulative[i] = before + steps[i].sample();
                }
            }
        }
    }

    /**
     * A count known in advance (probability 0 or 1, or no patients) that still consumes its {@code nextInt()},
     * so that the stream does not depend on the probabilities.
     */
    private static final class Certain implements SharedStateDiscreteSampler {
        private final int value;
        private final UniformRandomProvider rng;

        Certain(int value, UniformRandomProvider rng) {
            this.value = value;
            this.rng = rng;
        }

        @Override
        public int sample() {
            rng.nextInt();
            return value;
        }

        @Override
        public SharedStateDiscreteSampler withUniformRandomProvider(UniformRandomProvider other) {
            return new Certain(value, other);
        }
    }

    /** Binomial(n, p) by inversion of its tabulated distribution function with a guide table. */
    static final class BinomialInversion implements SharedStateDiscreteSampler {
        /** cdf[i] = P(X &lt;= i); the last entry is exactly 1 so that every u in [0, 1) finds its value. */
        private final double[] cdf;
        /** guide[j] = the smallest i with cdf[i] > j / guide.length: where the search for u starts. */
        private final int[] guide;
        private final UniformRandomProvider rng;

        private BinomialInversion(double[] cdf, int[] guide, UniformRandomProvider rng) {
            this.cdf = cdf;
            this.guide = guide;
            this.rng = rng;
        }

        BinomialInversion(int n, double p, UniformRandomProvider rng) {
            this.rng = rng;
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

        @Override
        public SharedStateDiscreteSampler withUniformRandomProvider(UniformRandomProvider other) {
            return new BinomialInversion(cdf, guide, other);
        }

        @Override
        public int sample() {
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
