package org.trialsim.power;

/**
 * Receives the progress of a study, for example to drive the command line's progress bar. Called from the
 * thread that runs the study, after each completed batch of replicates, never concurrently.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Listener that ignores progress. */
    ProgressListener NONE = (completed, total) -> { };

    /**
     * Reports that {@code completed} replicates of at most {@code total} are done (for a study run to a
     * precision target, {@code total} is the cap and the study may end earlier).
     */
    void onProgress(long completed, long total);
}
