package org.trialsim.cli;

import java.util.List;
import java.util.Locale;
import org.trialsim.multiarm.MultiArmStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Scenario;

/**
 * {@code power} and {@code run} on a scenario with a multi-arm design ({@code multi_arm} or
 * {@code response_adaptive}): simulated whole on this machine by {@link MultiArmStudy}, with the study options
 * that apply to it (sizes, replicates, seed, threads); every option that needs the patient-level engine's counts
 * (shards, checkpoints, sweeps, a precision target, Spark, per-trial rows, estimands) is refused with the reason.
 */
final class MultiArmRun {

    private MultiArmRun() {
    }

    /** Refuses an option the multi-arm simulation does not support; {@code given} says whether it was given. */
    static void refuse(boolean given, String option) {
        if (given) {
            throw new UsageException(option + " is not available for a multi-arm design (multi_arm or "
                    + "response_adaptive): it runs whole on one machine, a fixed number of replicates, from the "
                    + "scenario as given; leave out " + option);
        }
    }

    /** Refuses the study options that do not apply (precision target, null replicates, a model, partial nulls). */
    static void refuseStudyOptions(StudyOptions study) {
        refuse(study.targetMcse != null, "--target-mcse");
        refuse(study.maxReplicates != null, "--max-reps");
        refuse(study.nullReplicates != null, "--null-reps (every configuration, the nulls too, runs every replicate)");
        refuse(study.model != StudyOptions.ModelChoice.AUTO, "--model");
        refuse(study.partialNulls != null,
                "--partial-nulls (a multi-arm design reports the familywise error under every partial null itself)");
    }

    /** Simulates the scenario's multi-arm design with the study options given. */
    static StudyResult simulate(Scenario scenario, StudyOptions study) {
        refuseStudyOptions(study);
        int replicates = study.replicates != null ? study.replicates : scenario.simulation().replicates();
        if (replicates < 1 || replicates > org.trialsim.scenario.Limits.MAX_REPLICATES) {
            throw new UsageException("--reps " + replicates + ": allowed " + org.trialsim.scenario.Limits
                    .replicatesRange());
        }
        long seed = study.seed != null ? study.seed : scenario.simulation().seed();
        int threads = study.threads != null ? study.threads : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UsageException("--threads " + threads + ": allowed a positive number");
        }
        int[] sizes = study.sizes != null ? study.sizes.sizes()
                : scenario.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray();
        checkSizes(scenario, sizes);
        try {
            return MultiArmStudy.run(scenario, sizes, replicates, seed, threads);
        } catch (IllegalArgumentException e) {
            // a size given with --n whose stages are empty; the scenario's own sizes are checked when it is read
            throw new UsageException("--n " + join(sizes) + ": " + e.getMessage() + "; allowed sizes large enough that"
                    + " every stage has patients on every arm");
        }
    }

    private static void checkSizes(Scenario scenario, int[] sizes) {
        int sum = scenario.arms().stream().mapToInt(Arm::allocation).sum();
        for (int n : sizes) {
            if (n % sum != 0) {
                throw new UsageException(String.format(Locale.ROOT, "--n %s: found %d, which does not split into "
                        + "the allocation ratios (sum %d) of the multi-arm design; allowed multiples of %d",
                        join(sizes), n, sum, sum));
            }
        }
    }

    private static String join(int[] sizes) {
        return String.join(",", java.util.Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }

    /** Refuses a command of the patient-level engine on a scenario with a multi-arm design. */
    static void refuseCommand(Scenario scenario, String command, String instead) {
        if (applies(scenario)) {
            throw new UsageException("'" + command + "' is not available for the multi-arm design of scenario "
                    + scenario.name() + " (multi_arm or response_adaptive), which is simulated at the level of "
                    + "responder counts, not patients; use " + instead);
        }
    }

    /** Whether a scenario is simulated here rather than by the patient-level engine. */
    static boolean applies(Scenario scenario) {
        return scenario.multiArm() != null;
    }

    /** The options of {@code power} that cannot be combined with a multi-arm design. */
    static void refusePowerOptions(List<Object> sweep, Shard shard, java.nio.file.Path perTrial, boolean estimands,
            java.nio.file.Path estimandsOut, CheckpointOptions checkpoint, ClusterOptions cluster) {
        refuse(shard != null, "--shard (shards of a multi-arm design are not merged; run it whole)");
        refuse(sweep != null && !sweep.isEmpty(), "--sweep");
        refuse(perTrial != null, "--per-trial");
        refuse(estimands || estimandsOut != null, "--estimands");
        refuse(checkpoint.file != null || checkpoint.resume, "--checkpoint/--resume");
        refuse(cluster.active(), "--spark");
    }
}
