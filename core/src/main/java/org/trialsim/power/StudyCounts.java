package org.trialsim.power;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The raw counts of a study over a set of replicate ranges, before they are turned into estimates: one shard
 * of a Monte Carlo run ({@link PowerStudy#counts(long, long)}), several shards merged ({@link #merge}), or a
 * whole run. Every counter is an integer ({@link OperatingCounts#toArray()}), so merging is exact: associative
 * and commutative, and the counts of {@code [0, R)} merged from any partition into ranges, in any order, are
 * the bits one run of {@code R} replicates gives ({@code StudyCountsMergeTest}). The counts record which
 * replicates they cover, and merging refuses to count a replicate twice.
 *
 * <p>A value that serializes: plain {@code long}s and strings (also {@link Serializable}, for runners that ship
 * values between machines). The study's {@link PowerStudy#replicateFingerprint() replicate fingerprint} travels
 * with the counts, so counts of another scenario, seed, model or grid are refused by {@link #merge} and
 * {@link PowerStudy#result(StudyCounts)}, naming the difference.
 *
 * @param study the replicate fingerprint of the study that counted them
 * @param ranges the replicates counted
 * @param alternative counters under the scenario as given ({@link OperatingCounts#toArray()})
 * @param nullHypothesis counters under its {@link NullScenario} on the null seed stream, over the same
 *     replicate indices, followed, if the study runs partial nulls ({@link PowerStudy#partialNulls}), by theirs
 *     (one count per configuration and size, first the replicates: {@code PartialNullCounts}), so that every
 *     carrier of the counts (checkpoints, shard files, Spark) merges them as it merges the rest; {@code null} if
 *     the study runs no null scenario
 */
public record StudyCounts(Map<String, String> study, ReplicateRanges ranges, long[] alternative,
        long[] nullHypothesis) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies every part and checks that each counter array counts exactly the replicates of {@code ranges}
     * (its first counter is the number of replicates recorded).
     */
    public StudyCounts {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(ranges, "ranges");
        Objects.requireNonNull(alternative, "alternative");
        // Map.copyOf returns an immutable map as it is: counts of one study share one map, not a copy per batch
        study = Map.copyOf(study);
        alternative = alternative.clone();
        nullHypothesis = nullHypothesis == null ? null : nullHypothesis.clone();
        check("alternative", alternative, ranges, ranges.count());
        if (nullHypothesis != null) {
            check("null hypothesis", nullHypothesis, ranges, ranges.countBelow(nullLimit(study)));
        }
    }

    /** How a study's fingerprint says that its null scenario runs on the first K replicates: this, then K. */
    static final String NULL_PREFIX = "replicates 0-";

    /** The null scenario runs on replicates {@code [0, limit)} of the study with this fingerprint. */
    static long nullLimit(Map<String, String> study) {
        String v = study.get("null_hypothesis");
        return v != null && v.startsWith(NULL_PREFIX) ? Long.parseLong(v.substring(NULL_PREFIX.length()))
                : Long.MAX_VALUE;
    }

    private static void check(String which, long[] counters, ReplicateRanges ranges, long expected) {
        if (counters.length == 0 || counters[0] != expected) {
            throw new IllegalArgumentException("the " + which + " counters count " + (counters.length == 0 ? "nothing"
                    : counters[0] + " replicates") + " but the ranges " + ranges + " hold " + expected);
        }
    }

    /** No replicates yet, with the counters of the given lengths (the null's 0 if the study runs no null). */
    static StudyCounts none(Map<String, String> study, int alternativeLength, int nullLength) {
        return new StudyCounts(study, ReplicateRanges.NONE, new long[alternativeLength],
                nullLength == 0 ? null : new long[nullLength]);
    }

    @Override
    public long[] alternative() {
        return alternative.clone();
    }

    @Override
    public long[] nullHypothesis() {
        return nullHypothesis == null ? null : nullHypothesis.clone();
    }

    /** Replicates counted. */
    public long replicates() {
        return ranges.count();
    }

    /** Whether the null scenario's counts are held. */
    public boolean hasNullHypothesis() {
        return nullHypothesis != null;
    }

    /**
     * The counts of both: every counter summed, the ranges joined.
     *
     * @throws IllegalArgumentException if the counts are of different studies (naming the differences), of a
     *     different shape, or share a replicate
     */
    public StudyCounts merge(StudyCounts other) {
        if (!study.equals(other.study)) {
            throw new IllegalArgumentException("cannot merge counts of different studies: "
                    + String.join("; ", differences(study, other.study)));
        }
        if (alternative.length != other.alternative.length
                || (nullHypothesis == null) != (other.nullHypothesis == null)
                || (nullHypothesis != null && nullHypothesis.length != other.nullHypothesis.length)) {
            throw new IllegalArgumentException("cannot merge counts of different shapes (" + shape() + " and "
                    + other.shape() + ")");
        }
        ReplicateRanges union = ranges.union(other.ranges);
        return new StudyCounts(study, union, sum(alternative, other.alternative),
                nullHypothesis == null ? null : sum(nullHypothesis, other.nullHypothesis));
    }

    private String shape() {
        return alternative.length + (nullHypothesis == null ? " counters, no null run" : " and " + nullHypothesis.length
                + " counters");
    }

    private static long[] sum(long[] a, long[] b) {
        long[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    /**
     * The entries of {@code mine} and {@code theirs} that differ, as {@code key is X in one and Y in the other},
     * in the order of the keys.
     */
    static List<String> differences(Map<String, String> mine, Map<String, String> theirs) {
        Set<String> keys = new TreeSet<>(mine.keySet());
        keys.addAll(theirs.keySet());
        List<String> d = new ArrayList<>();
        for (String k : keys) {
            String a = mine.get(k);
            String b = theirs.get(k);
            if (!Objects.equals(a, b)) {
                d.add(k + " is " + (a == null ? "missing" : a) + " in one and " + (b == null ? "missing" : b)
                        + " in the other");
            }
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StudyCounts other && study.equals(other.study) && ranges.equals(other.ranges)
                && Arrays.equals(alternative, other.alternative) && Arrays.equals(nullHypothesis, other.nullHypothesis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(study, ranges, Arrays.hashCode(alternative), Arrays.hashCode(nullHypothesis));
    }

    @Override
    public String toString() {
        return "StudyCounts[" + study.get("scenario") + ", seed " + study.get("seed") + ", replicates " + ranges + "]";
    }
}
