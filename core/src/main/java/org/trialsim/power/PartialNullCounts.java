package org.trialsim.power;

import java.util.List;

/**
 * The counts of a study's partial null configurations ({@link PartialNulls}): per configuration and sample size,
 * the replicates that rejected at least one true null hypothesis (after multiplicity control and the sequential
 * decision, in either direction, as {@code type1:any} counts under the global null). All counters are
 * {@code long}s in one array, the first the replicates counted, so that they merge exactly and travel in
 * {@link StudyCounts} after the global null's counters.
 */
final class PartialNullCounts {

    private final int sizes;
    private final int endpoints;
    private final boolean[][] trueNull;
    private final long[] c;

    /** Empty counts of the configurations {@code trueNull} (per configuration, per endpoint) of a layout. */
    PartialNullCounts(TrialLayout layout, List<List<Boolean>> trueNull) {
        this.sizes = layout.sizeCount();
        this.endpoints = layout.endpointCount();
        this.trueNull = new boolean[trueNull.size()][endpoints];
        for (int j = 0; j < trueNull.size(); j++) {
            if (trueNull.get(j).size() != endpoints) {
                throw new IllegalArgumentException("configuration " + j + " names " + trueNull.get(j).size()
                        + " endpoints, the layout " + endpoints);
            }
            for (int e = 0; e < endpoints; e++) {
                this.trueNull[j][e] = trueNull.get(j).get(e);
            }
        }
        c = new long[1 + trueNull.size() * sizes];
    }

    /** The length of the counter array of {@code configurations} configurations of a layout of {@code sizes}. */
    static int length(int configurations, int sizes) {
        return 1 + configurations * sizes;
    }

    /** Counts restored from {@link #toArray()}. */
    static PartialNullCounts fromArray(TrialLayout layout, List<List<Boolean>> trueNull, long[] counters, int from) {
        PartialNullCounts r = new PartialNullCounts(layout, trueNull);
        if (counters.length - from != r.c.length) {
            throw new IllegalArgumentException("expected " + r.c.length + " partial null counters, got "
                    + (counters.length - from));
        }
        System.arraycopy(counters, from, r.c, 0, r.c.length);
        return r;
    }

    /** A copy of every counter. */
    long[] toArray() {
        return c.clone();
    }

    /** Adds configuration {@code j}'s trial of one replicate. */
    void record(int j, ReplicateOutcome out) {
        boolean[] isNull = trueNull[j];
        for (int g = 0; g < sizes; g++) {
            for (int e = 0; e < endpoints; e++) {
                if (isNull[e] && out.rejected[g * endpoints + e]) {
                    c[1 + j * sizes + g]++;
                    break;
                }
            }
        }
    }

    /** Counts one replicate, after every configuration's trial of it was recorded. */
    void replicateDone() {
        c[0]++;
    }

    /** Replicates counted. */
    long replicates() {
        return c[0];
    }

    /** Replicates of configuration {@code j} that rejected a true null at sample size index {@code g}. */
    long rejectedTrueNull(int j, int g) {
        return c[1 + j * sizes + g];
    }
}
