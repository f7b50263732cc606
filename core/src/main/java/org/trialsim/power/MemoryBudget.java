package org.trialsim.power;

import java.util.List;
import java.util.Locale;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;

/**
 * The heap a study's worker threads need, checked before any work so that a cohort and grid that cannot fit
 * is refused at once with the figures, rather than failing with an OutOfMemoryError hours into a run (or
 * thrashing the garbage collector). Each worker holds, per trial run side by side (the scenario and its null
 * version), one cohort of the largest sample size (six doubles, four flags and two bytes per patient) and the
 * endpoint buffers of every analysis (which grow by doubling, so up to twice the patients). The per-patient
 * figures below are upper bounds of what {@code ScenarioTrial} allocates, checked against the JVM's own
 * allocation counter in the tests.
 */
final class MemoryBudget {

    /** Cohort arrays and sampler scratch, per patient. */
    static final long COHORT_BYTES = 64;
    /** Censored times, flags, groups, strata and the log-rank's ordering scratch (doubled capacity), per patient. */
    static final long TIME_TO_EVENT_BYTES = 112;
    /** Scores, baselines, groups and strata (doubled capacity), per patient. */
    static final long CONTINUOUS_BYTES = 80;
    /** Information-time scratch of a binary endpoint, per patient. */
    static final long BINARY_BYTES = 16;
    /** Share of the maximum heap a study may plan to use (the rest: results, JIT, the CLI, other threads). */
    static final double SHARE = 0.75;

    private MemoryBudget() {
    }

    /** Bytes one trial of {@code scenario} holds in one worker thread. */
    static long bytesPerTrial(Scenario scenario) {
        long perPatient = COHORT_BYTES;
        for (Endpoint e : scenario.endpoints()) {
            perPatient += switch (e.kind().type()) {
                case TIME_TO_EVENT -> TIME_TO_EVENT_BYTES;
                case CONTINUOUS -> CONTINUOUS_BYTES;
                case BINARY -> BINARY_BYTES;
            };
        }
        return 64 * 1024 + perPatient * (long) cohortSize(scenario);
    }

    /** The patients drawn per trial: the largest size, times the factor of a sample-size re-estimation. */
    private static long cohortSize(Scenario scenario) {
        org.trialsim.scenario.GroupSequential gs = scenario.groupSequential();
        double factor = gs == null || gs.reestimation() == null ? 1 : gs.reestimation().maximumFactor();
        return (long) Math.ceil(factor * scenario.maxSampleSize());
    }

    /**
     * Refuses a study whose workers would need more than {@link #SHARE} of {@code maxMemory}.
     *
     * @param scenario the scenario studied (with the study's grid)
     * @param trials trials run side by side per replicate (2 with the null scenario)
     * @param threads worker threads
     * @param maxMemory {@link Runtime#maxMemory()}
     * @throws ScenarioException naming the bytes needed per thread, the threads and the heap available
     */
    static void check(Scenario scenario, int trials, int threads, long maxMemory) {
        long perThread = trials * bytesPerTrial(scenario);
        long needed = perThread * threads;
        if (maxMemory == Long.MAX_VALUE || needed <= SHARE * maxMemory) {
            return;
        }
        int fitting = (int) Math.max(0, Math.min(threads, (long) (SHARE * maxMemory / perThread)));
        String advice = fitting >= 1 ? "use --threads " + fitting + " or fewer, " : "";
        throw new ScenarioException(List.of(new Problem(scenario.name(), 0, 0, "design.sample_sizes", String.format(
                Locale.ROOT, "a study of up to %,d patients needs about %s per worker thread (%d trial%s side by side)"
                        + " x %d threads = %s, more than %.0f%% of the %s the Java heap may grow to (Runtime.maxMemory);"
                        + " %ssimulate fewer patients, or give Java more memory (TRIALSIM_JAVA_OPTS=-Xmx8g)",
                cohortSize(scenario), bytes(perThread), trials, trials == 1 ? "" : "s", threads, bytes(needed),
                100 * SHARE, bytes(maxMemory), advice))));
    }

    /** Bytes in binary units, for messages. */
    static String bytes(long b) {
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / (1024.0 * 1024 * 1024));
    }
}
