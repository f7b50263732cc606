package org.trialsim.power;

/**
 * Receives a running study's counts so far ({@link StudyCounts}: the integer counters and the replicate ranges
 * they cover) after every batch merged, on the thread that runs the study, so that the run can be saved and
 * resumed ({@link PowerStudy#run(ProgressListener, java.util.function.BooleanSupplier, StudyCounts,
 * CheckpointListener)}) to the same bits as an uninterrupted one. {@code CheckpointFile} (in
 * {@code org.trialsim.power.checkpoint}) keeps them on disk.
 */
@FunctionalInterface
public interface CheckpointListener {

    /** Ignores checkpoints. */
    CheckpointListener NONE = c -> { };

    /** Called with the counts of every replicate completed so far. */
    void onCheckpoint(StudyCounts completed);
}
