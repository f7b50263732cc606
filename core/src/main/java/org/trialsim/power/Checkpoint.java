package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of a study after a whole number of batches: every counter of every study run side by side (the
 * scenario, then its null version), so that a run can be saved and resumed to give the same bits as an
 * uninterrupted one. Resuming needs the same scenario, seed, batch size and thread-independent settings;
 * the counters are plain {@code long}s, trivially serialized.
 *
 * @param batchSize replicates per batch of the run
 * @param replicates replicates completed (whole batches)
 * @param counts each study's counters ({@link OperatingCounts#toArray()})
 */
public record Checkpoint(int batchSize, long replicates, List<long[]> counts) {

    public Checkpoint {
        List<long[]> copy = new ArrayList<>(counts.size());
        for (long[] c : counts) {
            copy.add(c.clone());
        }
        counts = List.copyOf(copy);
    }

    Checkpoint(int batchSize, long replicates, Iterable<OperatingCounts> studies) {
        this(batchSize, replicates, arrays(studies));
    }

    private static List<long[]> arrays(Iterable<OperatingCounts> studies) {
        List<long[]> l = new ArrayList<>();
        for (OperatingCounts c : studies) {
            l.add(c.toArray());
        }
        return l;
    }

    @Override
    public List<long[]> counts() {
        List<long[]> copy = new ArrayList<>(counts.size());
        for (long[] c : counts) {
            copy.add(c.clone());
        }
        return copy;
    }

    /** Receives a checkpoint after every completed batch, on the thread that runs the study. */
    @FunctionalInterface
    public interface Listener {
        /** Ignores checkpoints. */
        Listener NONE = c -> { };

        /** Called with the state after the latest batch. */
        void onCheckpoint(Checkpoint checkpoint);
    }
}
