package org.trialsim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Function;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ProgressListener;
import org.trialsim.power.StudyResult;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long work, shown only when stderr is an interactive terminal (the JVM has a
 * console) and {@code --quiet} is not given, so that logs, pipes and tests stay clean.
 */
final class ProgressDisplay implements AutoCloseable {

    private final String task;
    private final boolean enabled;
    private final PrintStream stream;
    private ProgressBar bar;

    /**
     * A display that draws only if enabled.
     *
     * @param task the label, for example {@code Simulating}
     * @param enabled whether to draw at all
     * @param stream where to draw (stderr)
     */
    ProgressDisplay(String task, boolean enabled, PrintStream stream) {
        this.task = task;
        this.enabled = enabled;
        this.stream = stream;
    }

    /** A display on stderr when it is a terminal and the user did not ask for quiet. */
    static ProgressDisplay forTerminal(String task, boolean quiet) {
        return new ProgressDisplay(task, !quiet && System.console() != null, System.err);
    }

    /**
     * Announces {@code study} on {@code stderr} (unless quiet) and runs {@code simulation} with a progress
     * display on the terminal: the shared way every simulating command starts its work.
     */
    static StudyResult simulate(PowerStudy study, boolean quiet, PrintWriter stderr,
            Function<ProgressListener, StudyResult> simulation) {
        if (!quiet) {
            stderr.println("simulating " + study.scenario().name() + " (seed " + study.seed()
                    + "); Ctrl-C stops and keeps what is complete");
            stderr.flush();
        }
        try (ProgressDisplay bar = forTerminal("Simulating", quiet)) {
            return simulation.apply(bar::onProgress);
        }
    }

    /** Reports that {@code completed} of at most {@code total} trials are done. */
    void onProgress(long completed, long total) {
        if (!enabled) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(stream)).setUnit(" trials", 1)
                    .setUpdateIntervalMillis(250).showSpeed()
                    // a resumed run starts at its checkpoint: time left is estimated from this run's own pace
                    .startsFrom(completed, java.time.Duration.ZERO).build();
        }
        bar.maxHint(total);
        bar.stepTo(completed);
    }

    /** Whether anything is drawn. */
    boolean enabled() {
        return enabled;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
