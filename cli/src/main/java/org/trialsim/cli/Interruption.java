package org.trialsim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during a study: a JVM shutdown hook that asks the study to stop at its next batch boundary and then
 * waits until the command has written what was complete (marked partial), so the files on disk are whole.
 * The JVM then exits with 130 (128 + SIGINT), the status of the signal that started the shutdown.
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
    }

    /** Whether the study should stop: polled by the engine at batch boundaries. */
    boolean cancelled() {
        return cancelled.get();
    }

    /** Asks the study to stop, as Ctrl-C does. */
    void cancel() {
        cancelled.set(true);
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
