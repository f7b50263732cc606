package org.trialsim.power;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs ranges of replicates of a compiled study on the calling thread into {@link StudyCounts}: the one path by
 * which replicates are run, for a shard ({@link PowerStudy#counts(long, long)}) and for every batch of the
 * parallel loop ({@link ReplicateLoop}) alike. Each replicate runs the scenario's trial and, if the study has
 * one, the null scenario's, on the same replicate index (each on its own seed stream). Holds one thread's
 * trials (cohort and analysis scratch), so it is not thread-safe: one per thread.
 */
final class RangeCounter {

    private final Map<String, String> study;
    private final TrialLayout[] layouts;
    private final VirtualTrial[] trials;
    private final ReplicateOutcome[] outcomes;
    private final List<List<Boolean>> partialNulls;
    private final long nullLimit;

    /**
     * A counter of the trials of {@code factories}: the scenario's, then optionally the null scenario's.
     *
     * @param study the replicate fingerprint the counts carry
     * @param nullLimit the null scenario's trial runs on replicates {@code [0, nullLimit)} only
     */
    RangeCounter(Map<String, String> study, List<VirtualTrial.Factory> factories, long nullLimit) {
        this(study, factories, List.of(), nullLimit);
    }

    /**
     * A counter of the trials of {@code factories}: the scenario's, then optionally the null scenario's, then one
     * per partial null configuration ({@link PartialNulls}), whose true nulls {@code partialNulls} gives (per
     * configuration, per endpoint); the partial nulls run beside the null scenario, on the same replicates.
     */
    RangeCounter(Map<String, String> study, List<VirtualTrial.Factory> factories, List<List<Boolean>> partialNulls,
            long nullLimit) {
        int expected = partialNulls.isEmpty() ? -1 : 2 + partialNulls.size();
        if (factories.isEmpty() || (expected < 0 ? factories.size() > 2 : factories.size() != expected)) {
            throw new IllegalArgumentException("need the scenario's trials, optionally the null's, and one per partial"
                    + " null after it: " + factories.size() + " for " + partialNulls.size() + " partial nulls");
        }
        this.study = study;
        this.nullLimit = nullLimit;
        this.partialNulls = List.copyOf(partialNulls);
        int k = factories.size();
        layouts = new TrialLayout[k];
        trials = new VirtualTrial[k];
        outcomes = new ReplicateOutcome[k];
        for (int i = 0; i < k; i++) {
            layouts[i] = factories.get(i).layout();
            trials[i] = factories.get(i).create();
            outcomes[i] = new ReplicateOutcome(layouts[i]);
        }
    }

    /** The counts of the replicates in {@code ranges}; {@code null} if {@code stop} turned true first. */
    StudyCounts count(ReplicateRanges ranges, AtomicBoolean stop) {
        int operating = Math.min(2, layouts.length);
        OperatingCounts[] counts = new OperatingCounts[operating];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new OperatingCounts(layouts[i]);
        }
        PartialNullCounts partial = partialNulls.isEmpty() ? null : new PartialNullCounts(layouts[1], partialNulls);
        for (ReplicateRanges.Range r : ranges.ranges()) {
            // the null's trials run on [0, nullLimit) only: split the range there
            long split = Math.max(r.from(), Math.min(r.to(), nullLimit));
            if (!run(r.from(), split, trials.length, trials, outcomes, counts, partial, stop)
                    || !run(split, r.to(), 1, trials, outcomes, counts, partial, stop)) {
                return null;
            }
        }
        long[] nullCounters = null;
        if (counts.length > 1) {
            nullCounters = counts[1].toArray();
            if (partial != null) {
                long[] p = partial.toArray();
                long[] both = java.util.Arrays.copyOf(nullCounters, nullCounters.length + p.length);
                System.arraycopy(p, 0, both, nullCounters.length, p.length);
                nullCounters = both;
            }
        }
        return new StudyCounts(study, ranges, counts[0].toArray(), nullCounters);
    }

    /**
     * Runs replicates {@code [from, to)} of the first {@code k} trials into {@code counts} (the scenario's and the
     * null's) and {@code partial} (the partial nulls', trials 2 on); false if stopped before the end. A method of
     * its own so that the JIT compiles the replicate loop as a whole method after a few batches, rather than only
     * through on-stack replacement of the long-lived worker loop.
     */
    private static boolean run(long from, long to, int k, VirtualTrial[] trials, ReplicateOutcome[] outcomes,
            OperatingCounts[] counts, PartialNullCounts partial, AtomicBoolean stop) {
        int operating = Math.min(k, counts.length);
        for (long r = from; r < to; r++) {
            if (stop.get()) {
                return false;
            }
            for (int i = 0; i < operating; i++) {
                outcomes[i].clear();
                trials[i].run(r, outcomes[i]);
                counts[i].record(outcomes[i]);
            }
            if (k > 2) {
                for (int i = 2; i < k; i++) {
                    outcomes[i].clear();
                    trials[i].run(r, outcomes[i]);
                    partial.record(i - 2, outcomes[i]);
                }
                partial.replicateDone();
            }
        }
        return true;
    }
}
