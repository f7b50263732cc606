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
    private final long nullLimit;

    /**
     * A counter of the trials of {@code factories}: the scenario's, then optionally the null scenario's.
     *
     * @param study the replicate fingerprint the counts carry
     * @param nullLimit the null scenario's trial runs on replicates {@code [0, nullLimit)} only
     */
    RangeCounter(Map<String, String> study, List<VirtualTrial.Factory> factories, long nullLimit) {
        if (factories.isEmpty() || factories.size() > 2) {
            throw new IllegalArgumentException("need the scenario's trials and optionally the null's: "
                    + factories.size());
        }
        this.study = study;
        this.nullLimit = nullLimit;
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
        OperatingCounts[] counts = new OperatingCounts[layouts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new OperatingCounts(layouts[i]);
        }
        for (ReplicateRanges.Range r : ranges.ranges()) {
            // the null's trial runs on [0, nullLimit) only: split the range there
            long split = Math.max(r.from(), Math.min(r.to(), nullLimit));
            if (!run(r.from(), split, trials, outcomes, counts, stop)
                    || !run(split, r.to(), 1, trials, outcomes, counts, stop)) {
                return null;
            }
        }
        return new StudyCounts(study, ranges, counts[0].toArray(), counts.length > 1 ? counts[1].toArray() : null);
    }

    /**
     * Runs replicates {@code [from, to)} into {@code counts}; false if stopped before the end. A method of its
     * own so that the JIT compiles the replicate loop as a whole method after a few batches, rather than only
     * through on-stack replacement of the long-lived worker loop.
     */
    private static boolean run(long from, long to, VirtualTrial[] trials, ReplicateOutcome[] outcomes,
            OperatingCounts[] counts, AtomicBoolean stop) {
        return run(from, to, trials.length, trials, outcomes, counts, stop);
    }

    /** Runs replicates {@code [from, to)} of the first {@code k} trials into {@code counts}. */
    private static boolean run(long from, long to, int k, VirtualTrial[] trials, ReplicateOutcome[] outcomes,
            OperatingCounts[] counts, AtomicBoolean stop) {
        for (long r = from; r < to; r++) {
            if (stop.get()) {
                return false;
            }
            for (int i = 0; i < k; i++) {
                outcomes[i].clear();
                trials[i].run(r, outcomes[i]);
                counts[i].record(outcomes[i]);
            }
        }
        return true;
    }
}
