package org.trialsim.cli;

import org.trialsim.power.PowerStudy;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The Monte Carlo options shared by {@code run}, {@code power} and {@code size}; each overrides the
 * scenario's own {@code simulation} settings when given.
 */
final class StudyOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--n", paramLabel = "SIZES", converter = SampleSizeGrid.Converter.class,
            description = "Total sample sizes: a list 40,80,120 or a range FROM:TO:BY such as 40:200:20"
                    + " (default: the scenario's design.sample_sizes).")
    SampleSizeGrid sizes;

    @Option(names = {"-r", "--reps"}, paramLabel = "R",
            description = "Simulated trials (default: the scenario's simulation.replicates).")
    Integer replicates;

    @Option(names = {"-s", "--seed"}, paramLabel = "S",
            description = "Master seed; the same seed gives the same figures to the bit (default: the scenario's).")
    Long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Worker threads (default: all processors); results do not depend on it.")
    Integer threads;

    @Option(names = "--target-mcse", paramLabel = "X",
            description = "Run until every power has a Monte Carlo standard error of at most X (for example 0.005),"
                    + " in fixed batches, from --reps up to --max-reps.")
    Double targetMcse;

    @Option(names = "--max-reps", paramLabel = "R",
            description = "Cap on simulated trials with --target-mcse (default: the scenario's simulation.max_replicates).")
    Integer maxReplicates;

    /** Checks the values: a parameter error (exit 2, with usage) names the option. */
    void validate() {
        positive("--reps", replicates);
        positive("--threads", threads);
        positive("--max-reps", maxReplicates);
        if (targetMcse != null && !(targetMcse > 0 && targetMcse < 0.5)) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "--target-mcse must be above 0 and below 0.5, for example 0.005, but was " + targetMcse);
        }
        if (maxReplicates != null && targetMcse == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--max-reps needs --target-mcse");
        }
    }

    private void positive(String name, Integer value) {
        if (value != null && value < 1) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    name + " must be a positive whole number but was " + value);
        }
    }

    /** The study with the options that were given applied. */
    PowerStudy apply(PowerStudy study) {
        return applyExceptSizes(sizes != null ? study.sampleSizes(sizes.sizes()) : study);
    }

    /** The study with every option given but {@code --n} applied (a search places its own grid). */
    PowerStudy applyExceptSizes(PowerStudy study) {
        validate();
        PowerStudy s = study;
        if (replicates != null) {
            s = s.replicates(replicates);
        }
        if (seed != null) {
            s = s.seed(seed);
        }
        if (threads != null) {
            s = s.threads(threads);
        }
        if (targetMcse != null) {
            int scenarioCap = s.scenario().simulation().maxReplicates();
            int floor = replicates != null ? replicates : s.scenario().simulation().replicates();
            int cap = maxReplicates != null ? maxReplicates : Math.max(scenarioCap, floor);
            if (cap < floor) {
                throw new CommandLine.ParameterException(mixee.commandLine(),
                        "--max-reps (" + cap + ") is below the replicates to start from (" + floor + ")");
            }
            s = s.targetMcse(targetMcse, cap);
        } else if (replicates != null) {
            s = s.fixedReplicates();
        }
        return s;
    }
}
