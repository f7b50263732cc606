package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;

/** The memory a study needs is estimated from above, and a study that cannot fit is refused before any work. */
class MemoryBudgetTest {

    private static final String EVERY_BUFFER = """
            name: every-buffer
            design: {sample_sizes: [NMAX], alpha: 0.05, randomization: {method: simple}}
            strata:
              users: {prevalence: 0.5, benzodiazepine_user: true}
              others: {prevalence: 0.5}
            arms:
              ketamine:
                response: {madrs: {baseline_mean: 32, baseline_sd: 6, change_mean: -14, change_sd: 9}}
                relapse: {hazard: {exponential: {median: 8}}}
                benzodiazepine: {discontinuation: 0.9, relapse_hazard: {exponential: {rate: 0.01}}}
              midazolam:
                control: true
                response: {madrs: {baseline_mean: 32, baseline_sd: 6, change_mean: -8, change_sd: 9}}
                relapse: {hazard: {exponential: {median: 6}}}
                benzodiazepine: {discontinuation: 0.6, relapse_hazard: {exponential: {rate: 0.02}}}
            enrollment: {uniform: {weeks: 52}}
            dropout: {induction: 0.1, per_week: 0.005}
            schedule: {induction_weeks: 4, visits: [2, 4, 8, 12, 26], observation: next_visit, cutoff: {calendar_week: 80}}
            endpoints:
              response: {kind: response, test: cmh}
              madrs: {kind: madrs_change, test: ancova}
              relapse: {kind: time_to_relapse, test: stratified_log_rank}
              benzo: {kind: time_to_benzodiazepine_relapse, test: log_rank, strata: [users]}
              free: {kind: benzodiazepine_free, at_week: 26, strata: [users], test: fisher}
            interim: {endpoint: relapse, information_fractions: [0.5, 1]}
            """;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * What one worker allocates (a new trial, then replicates until its buffers have grown to their largest)
     * is at most the estimate, and the estimate is at most 3 times it: safe without refusing feasible studies.
     */
    @Test
    void theEstimateBoundsWhatATrialAllocates() {
        for (int n : new int[] {20_000, 60_000}) {
            Scenario s = ScenarioParser.parse(EVERY_BUFFER.replace("NMAX", Integer.toString(n)), "every.yaml");
            VirtualTrial.Factory factory = ScenarioTrials.MODEL.compile(s, 1);
            ReplicateOutcome out = new ReplicateOutcome(factory.layout());
            long before = allocated();
            VirtualTrial trial = factory.create();
            for (long r = 0; r < 5; r++) {
                out.clear();
                trial.run(r, out);
            }
            long measured = allocated() - before;
            long estimate = MemoryBudget.bytesPerTrial(s);
            assertTrue(measured <= estimate && estimate <= 3 * measured, "n=" + n + ": allocated " + measured
                    + " bytes, estimated " + estimate);
        }
    }

    @Test
    void aStudyThatCannotFitIsRefusedAtOnceWithTheFigures() {
        Scenario s = ScenarioParser.parse(EVERY_BUFFER.replace("NMAX", "1000000"), "every.yaml");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> MemoryBudget.check(s, 2, 16, 2L << 30));
        String m = e.getMessage();
        // 2 x (64 KiB + (64 + 16 + 80 + 112 + 112 + 16) bytes x 1,000,000) = 763.1 MiB; 0.75 x 2 GiB fits 2 threads
        assertTrue(m.contains("every-buffer: design.sample_sizes: a study of up to 1,000,000 patients needs about "
                + "763.1 MiB per worker thread (2 trials side by side) x 16 threads = 11.92 GiB, more than 75% of the "
                + "2.00 GiB the Java heap may grow to (Runtime.maxMemory); use --threads 2 or fewer"), m);
        // the same through a study, before any replicate is simulated
        long max = Runtime.getRuntime().maxMemory();
        int threads = (int) Math.min(10_000, 1 + max / (2 * MemoryBudget.bytesPerTrial(s)));
        ScenarioException viaStudy = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                ScenarioException.class, () -> PowerStudy.of(s).replicates(10).threads(threads).run()));
        assertTrue(viaStudy.getMessage().contains("per worker thread"), viaStudy.getMessage());
        // and a study that fits is not refused
        MemoryBudget.check(s, 2, 1, 8L << 30);
    }
}
