package org.trialsim.cli;

import java.util.List;
import java.util.Locale;
import org.trialsim.multiarm.MultiArmStudy;
import org.trialsim.multiarm.MultiArmSweep;
import org.trialsim.power.Sweep;
import org.trialsim.power.SweepGrid;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Scenario;

/**
 * {@code power} and {@code run} on a scenario with a multi-arm design ({@code multi_arm} or
 * {@code response_adaptive}): simulated by {@link MultiArmStudy}, with the study options that apply to it
 * (sizes, replicates, seed, threads), on this machine, in shards ({@code --shard}, joined by {@code trialsim
 * merge}) or on Spark ({@code --spark}), all through the same {@link StudyPlan}; the options that need the
 * patient-level engine (checkpoints, sweeps, a precision target, per-trial rows, estimands) are refused with
 * the reason.
 */
final class MultiArmRun {

    private MultiArmRun() {
    }

    /** Refuses an option the multi-arm simulation does not support; {@code given} says whether it was given. */
    static void refuse(boolean given, String option) {
        if (given) {
            throw new UsageException(option + " is not available for a multi-arm design (multi_arm or "
                    + "response_adaptive): it runs a fixed number of replicates of the scenario as given, whole, in "
                    + "shards (--shard) or on Spark (--spark); leave out " + option);
        }
    }

    /** Refuses the study options that do not apply (null replicates, a model, partial nulls). */
    static void refuseStudyOptions(StudyOptions study) {
        refuse(study.nullReplicates != null, "--null-reps (every configuration, the nulls too, runs every replicate)");
        refuse(study.model != StudyOptions.ModelChoice.AUTO, "--model");
        refuse(study.partialNulls != null,
                "--partial-nulls (a multi-arm design reports the familywise error under every partial null itself)");
    }

    /** Simulates the scenario's multi-arm design with the study options given, on this machine. */
    static StudyResult simulate(Scenario scenario, StudyOptions study) {
        return run(StudyPlan.multiArm(study(scenario, study)), study);
    }

    /** Runs the plan's multi-arm study, or each cell of its sweep, whole on {@code --threads} threads. */
    static StudyResult run(StudyPlan plan, StudyOptions study) {
        int threads = study.threads != null ? study.threads : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UsageException("--threads " + threads + ": allowed a positive number");
        }
        return plan.multiArmSweep() != null ? plan.multiArmSweep().run(threads)
                : ((MultiArmStudy) plan.template()).run(threads);
    }

    /**
     * The plan of the scenario's multi-arm design with the study options given: one study of every configuration
     * and size, which shards, merges and cluster runners count as any other ({@link StudyPlan#multiArm}); with
     * {@code --sweep}, one such study per cell, each cell's scenario the file re-parsed with its values.
     *
     * @param validate whether to read and build every cell now (a whole run: a bad value is exit 2 before any
     *     work), or only when counted (a shard, a cluster's worker)
     */
    static StudyPlan plan(ScenarioSource source, StudyOptions study, List<SweepAxis> sweep, boolean validate) {
        MultiArmStudy template = study(source.scenario(), study);
        if (sweep == null || sweep.isEmpty()) {
            return StudyPlan.multiArm(template);
        }
        SweepGrid grid = SweepGrid.NONE;
        for (SweepAxis axis : sweep) {
            grid = grid.axis(axis.key(), axis.values());
        }
        MultiArmSweep cells = MultiArmSweep.of(template, source::with, grid);
        if (validate) {
            for (int i = 0; i < cells.cellCount(); i++) {
                cell(cells, i);
            }
        }
        return StudyPlan.multiArm(cells);
    }

    /** Cell {@code i}'s study; a cell whose values give a design without patients in a stage is bad usage. */
    static MultiArmStudy cell(MultiArmSweep cells, int i) {
        try {
            return cells.cellStudy(i);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sweep cell " + Sweep.label(cells.grid().cell(i)) + ": " + e.getMessage());
        }
    }

    /** The study of the scenario's multi-arm design with the study options given. */
    static MultiArmStudy study(Scenario scenario, StudyOptions study) {
        study.validate();
        refuseStudyOptions(study);
        int replicates = study.replicates != null ? study.replicates : scenario.simulation().replicates();
        if (replicates < 1 || replicates > org.trialsim.scenario.Limits.MAX_REPLICATES) {
            throw new UsageException("--reps " + replicates + ": allowed " + org.trialsim.scenario.Limits
                    .replicatesRange());
        }
        long seed = study.seed != null ? study.seed : scenario.simulation().seed();
        int[] sizes = study.sizes != null ? study.sizes.sizes()
                : scenario.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray();
        checkSizes(scenario, sizes);
        MultiArmStudy built;
        try {
            built = MultiArmStudy.of(scenario, sizes, replicates, seed);
        } catch (IllegalArgumentException e) {
            // a size given with --n whose stages are empty; the scenario's own sizes are checked when it is read
            throw new UsageException("--n " + join(sizes) + ": " + e.getMessage() + "; allowed sizes large enough that"
                    + " every stage has patients on every arm");
        }
        return precision(built, scenario, study, replicates);
    }

    /**
     * The study with its precision target, as the patient-level engine takes it: {@code --target-mcse}, else the
     * scenario's {@code simulation.target_mcse} unless {@code --reps} fixes the replicates; capped by
     * {@code --max-reps}, else the larger of the scenario's {@code simulation.max_replicates} and the replicates.
     */
    private static MultiArmStudy precision(MultiArmStudy built, Scenario scenario, StudyOptions study,
            int replicates) {
        double target = study.targetMcse != null ? study.targetMcse
                : study.replicates == null ? scenario.simulation().targetMcse() : 0;
        if (!(target > 0)) {
            return built;
        }
        int cap = study.maxReplicates != null ? study.maxReplicates
                : Math.max(scenario.simulation().maxReplicates(), replicates);
        if (cap < replicates) {
            throw new UsageException("--max-reps (" + cap + ") is below the replicates to start from (" + replicates
                    + ")");
        }
        return built.targetMcse(target, cap);
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
    static void refusePowerOptions(java.nio.file.Path perTrial, boolean estimands, java.nio.file.Path estimandsOut,
            CheckpointOptions checkpoint) {
        refuse(perTrial != null, "--per-trial");
        refuse(estimands || estimandsOut != null, "--estimands");
        refuse(checkpoint.file != null || checkpoint.resume, "--checkpoint/--resume");
    }
}
