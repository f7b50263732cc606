package org.trialsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.trialsim.power.StudyResult;

/**
 * Ctrl-C during a study: a JVM shutdown hook that asks the study to stop at its next batch boundary and then
 * waits until the command has written what was complete (marked partial), so the files on disk are whole.
 * The JVM then exits with 130 (128 + SIGINT) for SIGINT and SIGTERM alike, as documented (the hook halts the
 * JVM with it; by itself the JVM would end a SIGTERM with 143).
 *
 * <p>Use one per study, in try-with-resources around running it and writing its result; closing releases
 * the hook.
 */
final class Interruption implements AutoCloseable {

    /** How long the hook waits for the partial result to be written before the JVM goes down anyway. */
    static final long GRACE_SECONDS = 60;

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    Interruption() {
        hook = new Thread(this::onShutdown, "trialsim-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void onShutdown() {
        cancelled.set(true);
        try {
            written.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The JVM would exit with 128 + the signal's number (143 for SIGTERM); the documented status of an
        // interrupted run is 130 whatever stopped it. What was complete is written by now.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(TrialsimCommand.EXIT_INTERRUPTED);
    }

    /** Whether the study should stop: polled by the engine at batch boundaries. */
    boolean cancelled() {
        return cancelled.get();
    }

    /** Asks the study to stop, as Ctrl-C does. */
    void cancel() {
        cancelled.set(true);
    }

    /**
     * Whether {@code result} was cancelled before any simulated trial completed: every figure would be
     * undefined, so the command writes nothing and says so ({@link #exitStatus}).
     */
    static boolean nothingCompleted(StudyResult result) {
        return result.provenance().partial() && result.provenance().replicates() == 0;
    }

    /**
     * The exit status of a study command that ran {@code result}: 0, or {@link TrialsimCommand#EXIT_INTERRUPTED}
     * with a line on {@code stderr} saying what the (partial or empty) result holds.
     */
    static int exitStatus(StudyResult result, PrintWriter stderr) {
        return exitStatus(result, stderr, null);
    }

    /**
     * As {@link #exitStatus(StudyResult, PrintWriter)}, and after an interruption says how to continue: the
     * exact command ({@code resume}), or, for a run that kept no checkpoint, that {@code --checkpoint FILE}
     * makes a run resumable.
     */
    static int exitStatus(StudyResult result, PrintWriter stderr, String resume) {
        if (!result.provenance().partial()) {
            return 0;
        }
        stderr.println(nothingCompleted(result)
                ? "trialsim: interrupted before any simulated trial completed; nothing written"
                : String.format(Locale.ROOT,
                        "trialsim: interrupted; the results hold the %d simulated trials completed, marked partial",
                        result.provenance().replicates()));
        if (nothingCompleted(result)) {
            return TrialsimCommand.EXIT_INTERRUPTED;
        }
        stderr.println(resume != null ? "trialsim: to continue to the full result: " + resume
                : "trialsim: this run cannot be continued: give --checkpoint FILE to make a run resumable");
        stderr.flush();
        return TrialsimCommand.EXIT_INTERRUPTED;
    }

    /** Releases the shutdown hook, or lets a running one finish because the result is now written. */
    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and now returns
        }
    }
}
