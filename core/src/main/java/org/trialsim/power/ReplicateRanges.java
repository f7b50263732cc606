package org.trialsim.power;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of replicate indices, held as disjoint half-open ranges {@code [from, to)} in increasing order, ranges
 * that touch joined into one: the replicates a {@link StudyCounts} counts. Immutable.
 *
 * <p>The text form ({@link #toString()}, read back by {@link #parse(String)}) lists the ranges in interval
 * notation separated by spaces, for example {@code [0, 500) [1000, 1500)}; the empty set is {@code none}.
 */
public final class ReplicateRanges implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The empty set. */
    public static final ReplicateRanges NONE = new ReplicateRanges(new long[0]);

    /** One range {@code [from, to)} of replicate indices. */
    public record Range(long from, long to) implements Serializable {
        /** Checks {@code 0 <= from < to}. */
        public Range {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("need 0 <= from < to for a range of replicates: [" + from + ", "
                        + to + ")");
            }
        }

        /** Replicates in the range. */
        public long count() {
            return to - from;
        }

        @Override
        public String toString() {
            return "[" + from + ", " + to + ")";
        }
    }

    /** {@code from0, to0, from1, to1, ...} with {@code from_i < to_i < from_(i+1)}. */
    private final long[] bounds;

    private ReplicateRanges(long[] bounds) {
        this.bounds = bounds;
    }

    /**
     * Replicates {@code from, from + 1, ..., to - 1}; empty if {@code from == to}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to}
     */
    public static ReplicateRanges of(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("need 0 <= from <= to for a range of replicates: [" + from + ", " + to
                    + ")");
        }
        return from == to ? NONE : new ReplicateRanges(new long[] {from, to});
    }

    /** The first {@code k} replicates, {@code [0, k)}. */
    public static ReplicateRanges prefix(long k) {
        return of(0, k);
    }

    /**
     * Reads the text form of {@link #toString()}.
     *
     * @throws IllegalArgumentException if the text is not a list of disjoint increasing ranges
     */
    public static ReplicateRanges parse(String text) {
        String t = text.strip();
        if (t.equals("none")) {
            return NONE;
        }
        ReplicateRanges r = NONE;
        int at = 0;
        while (at < t.length()) {
            int open = t.indexOf('[', at);
            int close = t.indexOf(')', at);
            if (open != at || close < 0) {
                throw new IllegalArgumentException("'" + text + "' is not a list of ranges such as [0, 500) [1000, "
                        + "1500)");
            }
            String[] ends = t.substring(open + 1, close).split(",");
            if (ends.length != 2) {
                throw new IllegalArgumentException("'" + t.substring(open, close + 1) + "' is not a range [from, to)");
            }
            Range range;
            try {
                range = new Range(Long.parseLong(ends[0].strip()), Long.parseLong(ends[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t.substring(open, close + 1) + "' is not a range of whole "
                        + "numbers [from, to)");
            }
            if (!r.isEmpty() && range.from() <= r.end()) {
                throw new IllegalArgumentException("ranges '" + text + "' are not disjoint, apart and increasing");
            }
            r = r.union(of(range.from(), range.to()));
            at = close + 1;
            while (at < t.length() && t.charAt(at) == ' ') {
                at++;
            }
        }
        return r;
    }

    /** Number of replicates in the set. */
    public long count() {
        long n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            n += bounds[i + 1] - bounds[i];
        }
        return n;
    }

    /** Number of replicates in the set below {@code limit}. */
    public long countBelow(long limit) {
        long n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            n += Math.max(0, Math.min(bounds[i + 1], limit) - bounds[i]);
        }
        return n;
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /** Whether the set is {@code [0, k)} for some {@code k >= 0} (the empty set is the prefix of length 0). */
    public boolean isPrefix() {
        return bounds.length == 0 || (bounds.length == 2 && bounds[0] == 0);
    }

    /** One past the largest replicate in the set; 0 if it is empty. */
    public long end() {
        return bounds.length == 0 ? 0 : bounds[bounds.length - 1];
    }

    /** The smallest replicate index not in the set. */
    public long firstMissing() {
        return bounds.length == 0 || bounds[0] > 0 ? 0 : bounds[1];
    }

    /** The ranges, in increasing order. */
    public List<Range> ranges() {
        List<Range> l = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            l.add(new Range(bounds[i], bounds[i + 1]));
        }
        return List.copyOf(l);
    }

    /** Whether the two sets share a replicate. */
    public boolean overlaps(ReplicateRanges other) {
        return !intersection(other).isEmpty();
    }

    /** The replicates in both sets. */
    public ReplicateRanges intersection(ReplicateRanges other) {
        long[] out = new long[bounds.length + other.bounds.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < bounds.length && j < other.bounds.length) {
            long from = Math.max(bounds[i], other.bounds[j]);
            long to = Math.min(bounds[i + 1], other.bounds[j + 1]);
            if (from < to) {
                out[n++] = from;
                out[n++] = to;
            }
            if (bounds[i + 1] < other.bounds[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return new ReplicateRanges(Arrays.copyOf(out, n));
    }

    /**
     * The replicates in either set, which must be disjoint: counting a replicate twice would bias every figure.
     *
     * @throws IllegalArgumentException naming the replicates in both sets
     */
    public ReplicateRanges union(ReplicateRanges other) {
        ReplicateRanges both = intersection(other);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("replicates " + both + " are counted twice: the ranges " + this
                    + " and " + other + " overlap");
        }
        long[] merged = new long[bounds.length + other.bounds.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < bounds.length || j < other.bounds.length) {
            long from;
            long to;
            if (j >= other.bounds.length || (i < bounds.length && bounds[i] < other.bounds[j])) {
                from = bounds[i];
                to = bounds[i + 1];
                i += 2;
            } else {
                from = other.bounds[j];
                to = other.bounds[j + 1];
                j += 2;
            }
            if (n > 0 && merged[n - 1] == from) {
                merged[n - 1] = to; // touching ranges join
            } else {
                merged[n++] = from;
                merged[n++] = to;
            }
        }
        return new ReplicateRanges(Arrays.copyOf(merged, n));
    }

    /** The replicates of {@code [from, to)} that are not in this set, for example what a resumed run has left. */
    public ReplicateRanges missing(long from, long to) {
        ReplicateRanges wanted = of(from, to);
        long[] out = new long[bounds.length + 2];
        int n = 0;
        long at = from;
        for (int i = 0; i < bounds.length && at < to; i += 2) {
            if (bounds[i + 1] <= at) {
                continue;
            }
            if (bounds[i] > at) {
                out[n++] = at;
                out[n++] = Math.min(bounds[i], to);
            }
            at = Math.max(at, bounds[i + 1]);
        }
        if (at < to) {
            out[n++] = at;
            out[n++] = to;
        }
        return wanted.isEmpty() ? NONE : new ReplicateRanges(Arrays.copyOf(out, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicateRanges other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    /** The ranges in interval notation separated by spaces, for example {@code [0, 500) [1000, 1500)}. */
    @Override
    public String toString() {
        if (bounds.length == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append('[').append(bounds[i]).append(", ").append(bounds[i + 1]).append(')');
        }
        return sb.toString();
    }

    /** Checks the invariant on deserialization: the bounds cannot be set through the public API otherwise. */
    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        boolean valid = bounds != null && bounds.length % 2 == 0;
        for (int i = 0; valid && i < bounds.length; i++) {
            valid = bounds[i] >= 0 && (i == 0 || bounds[i] > bounds[i - 1]);
        }
        if (!valid) {
            throw new java.io.InvalidObjectException("not disjoint increasing ranges of replicates");
        }
    }
}
