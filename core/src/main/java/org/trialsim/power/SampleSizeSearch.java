package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Finds the smallest total sample size at which a measure (normally a power) reaches a target, from one
 * nested-cohort study over a fine grid of sizes: one cohort per replicate serves every size, so the whole
 * power curve costs little more than its largest point.
 *
 * <p>Method. The estimated curve {@code p_g} at the grid sizes {@code n_g} is made non-decreasing by isotonic
 * regression (pool-adjacent-violators, {@link IsotonicRegression}); the target is located between the last
 * size below and the first size at or above it by linear interpolation of {@code probit(p)} in
 * {@code sqrt(n)}, because for tests with an asymptotically normal statistic
 * {@code probit(power) = delta sqrt(n) - z_alpha} is exactly linear there; the crossing is rounded up to
 * the next allowed size (a multiple of the step). Uncertainty: the same fit applied to the upper and the
 * lower 95% Wilson bounds of the curve gives the range of sizes where the interval crosses the target. We
 * prefer this to a bootstrap over replicates because the study keeps counts, not replicates (memory does
 * not grow with R), and because the nested-cohort curve estimates are strongly positively correlated, so
 * pointwise intervals already describe how far the crossing can move.
 */
public final class SampleSizeSearch {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private final PowerStudy study;
    private final String measure;
    private final double target;
    private final int from;
    private final int to;
    private final int step;

    private SampleSizeSearch(PowerStudy study, String measure, double target, int from, int to, int step) {
        this.study = study;
        this.measure = measure;
        this.target = target;
        this.from = from;
        this.to = to;
        this.step = step;
    }

    /**
     * A search over the study's own sample-size grid for {@code power:any} at 80%.
     */
    public static SampleSizeSearch of(PowerStudy study) {
        return new SampleSizeSearch(study.nullHypothesis(false), "power:any", 0.8, -1, -1, 1);
    }

    /** The measure to search: {@code power:<endpoint>}, {@code power_unadjusted:<endpoint>}, any or all. */
    public SampleSizeSearch measure(String m) {
        return new SampleSizeSearch(study, m, target, from, to, step);
    }

    /** The target value, in (0, 1). */
    public SampleSizeSearch target(double t) {
        if (!(t > 0 && t < 1)) {
            throw new IllegalArgumentException("target must be in (0, 1): " + t);
        }
        return new SampleSizeSearch(study, measure, t, from, to, step);
    }

    /**
     * Searches the total sizes {@code from, from + step, ..., <= to}; {@code step} should be the smallest size
     * increment the allocation allows (the randomization block).
     */
    public SampleSizeSearch sampleSizes(int lowest, int highest, int increment) {
        if (lowest < 1 || highest < lowest || increment < 1) {
            throw new IllegalArgumentException("need 1 <= from <= to and step >= 1: " + lowest + ", " + highest
                    + ", " + increment);
        }
        return new SampleSizeSearch(study, measure, target, lowest, highest, increment);
    }

    /**
     * Runs the nested-cohort study over the grid and locates the target; the result carries the study's
     * provenance, the same a {@link PowerStudy#run} result over that grid records.
     */
    public SampleSize run(ProgressListener progress, BooleanSupplier cancelled) {
        return result(study().counts(progress, cancelled));
    }

    /**
     * The nested-cohort study the search runs: the study given, without its null scenario, over the search's
     * grid of sizes. A runner of its own counts replicate ranges of it ({@link PowerStudy#counts(long, long)})
     * and hands the merged counts to {@link #result(StudyCounts)}.
     */
    public PowerStudy study() {
        if (from <= 0) {
            return study;
        }
        List<Integer> grid = new ArrayList<>();
        for (int n = from; n <= to; n += step) {
            grid.add(n);
        }
        return study.sampleSizes(grid.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The size located from the counts of {@link #study()} over replicates {@code [0, k)}: the bits {@link #run}
     * gives (flagged partial if {@code k} is short of the study's replicates).
     *
     * @throws IllegalArgumentException if the counts are of another study or not a prefix of its replicates
     */
    public SampleSize result(StudyCounts counts) {
        PowerStudy s = study();
        Provenance provenance = s.provenance(counts);
        if (!counts.ranges().isPrefix()) {
            throw new IllegalArgumentException("the counts cover replicates " + counts.ranges() + ", not one run from "
                    + "replicate 0");
        }
        OperatingCounts c = s.alternative(counts);
        TrialLayout layout = c.layout();
        long[] events = new long[layout.sizeCount()];
        for (int g = 0; g < events.length; g++) {
            events[g] = count(c, g);
        }
        int increment = from <= 0 ? 1 : step;
        SampleSize found = locate(measure, target, layout.sampleSizes(), events, c.replicates(), increment);
        return new SampleSize(found.measure(), found.target(), found.reached(), found.nTotal(), found.nExact(),
                found.nLower(), found.nUpper(), found.replicates(), provenance.partial(), provenance,
                found.largestSize(), found.largestPower());
    }

    private long count(OperatingCounts c, int g) {
        List<String> endpoints = c.layout().endpoints();
        if (measure.equals("power:any")) {
            return c.beneficialAny(g);
        }
        if (measure.equals("power:all")) {
            return c.beneficialAll(g);
        }
        for (int e = 0; e < endpoints.size(); e++) {
            if (measure.equals("power:" + endpoints.get(e))) {
                return c.beneficial(g, e);
            }
            if (measure.equals("power_unadjusted:" + endpoints.get(e))) {
                return c.beneficialUnadjusted(g, e);
            }
        }
        throw new IllegalArgumentException("unknown measure '" + measure + "'; allowed: power:any, power:all, "
                + "power:<endpoint>, power_unadjusted:<endpoint> with endpoints " + endpoints);
    }

    /**
     * Locates the target on a curve of {@code events[g]} successes out of {@code replicates} at sizes
     * {@code n[g]} (increasing), rounding up to a multiple of {@code step}. The counts alone say nothing of
     * how they were drawn, so the result has no provenance; {@link #run} attaches its study's.
     */
    public static SampleSize locate(String measure, double target, int[] n, long[] events, long replicates,
            int step) {
        int k = n.length;
        double[] p = new double[k];
        double[] lower = new double[k];
        double[] upper = new double[k];
        for (int g = 0; g < k; g++) {
            Estimate e = MonteCarloError.proportion(events[g], replicates);
            p[g] = e.estimate();
            lower[g] = e.ciLower();
            upper[g] = e.ciUpper();
        }
        double half = 0.5 / replicates;
        double exact = crossing(n, IsotonicRegression.fit(p), target, half);
        double nLower = crossing(n, IsotonicRegression.fit(upper), target, half);
        double nUpper = crossing(n, IsotonicRegression.fit(lower), target, half);
        boolean reached = !Double.isNaN(exact);
        int total = reached ? (int) (Math.ceil(exact / step - 1e-9) * step) : -1;
        return new SampleSize(measure, target, reached, total, reached ? exact : Double.NaN,
                Double.isNaN(nLower) ? -1 : nLower, Double.isNaN(nUpper) ? -1 : nUpper, replicates, false, null,
                n[k - 1], MonteCarloError.proportion(events[k - 1], replicates));
    }

    /** Where a non-decreasing curve first reaches the target; NaN if it never does. */
    private static double crossing(int[] n, double[] fitted, double target, double clamp) {
        for (int g = 0; g < n.length; g++) {
            if (fitted[g] >= target) {
                if (g == 0) {
                    return n[0];
                }
                double z0 = probit(fitted[g - 1], clamp);
                double z1 = probit(fitted[g], clamp);
                double zt = probit(target, clamp);
                double s0 = Math.sqrt(n[g - 1]);
                double s1 = Math.sqrt(n[g]);
                double s = z1 > z0 ? s0 + (zt - z0) / (z1 - z0) * (s1 - s0) : s1;
                return Math.min(n[g], Math.max(n[g - 1], s * s));
            }
        }
        return Double.NaN;
    }

    private static double probit(double p, double clamp) {
        double q = Math.min(1 - clamp, Math.max(clamp, p));
        return STANDARD_NORMAL.inverseCumulativeProbability(q);
    }
}
