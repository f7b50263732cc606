package org.trialsim.cli;

import java.util.List;
import java.util.Locale;
import org.trialsim.power.CountLevelTrials;
import org.trialsim.power.PartialNulls;
import org.trialsim.power.PowerStudy;
import org.trialsim.scenario.Limits;
import org.trialsim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The Monte Carlo options shared by {@code run}, {@code power} and {@code size}; each overrides the
 * scenario's own {@code simulation} settings when given.
 */
final class StudyOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a number at a scenario key path before running, for example "
                    + "--set arms.ketamine.response.probability=0.45 (repeatable), as check --set does.")
    java.util.List<String> set = new java.util.ArrayList<>();

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

    @Option(names = "--null-reps", paramLabel = "R", converter = NullReplicatesConverter.class,
            description = "Replicates of the null scenario, which give the type I errors: a number (the first R"
                    + " replicates), all (every replicate) or none (no type I errors, about half the work) (default:"
                    + " the first " + PowerStudy.DEFAULT_NULL_REPLICATES + ", a Monte Carlo error of at most 0.002 at"
                    + " alpha 0.05). Recorded in the results' provenance.")
    Integer nullReplicates;

    @Option(names = "--partial-nulls", paramLabel = "WHICH", converter = PartialNullsConverter.class,
            description = "Also estimate the familywise error under partial nulls (some endpoints null, the others at"
                    + " their alternative), for strong control: one (each endpoint null alone), all (every proper"
                    + " subset of endpoints null, up to " + PartialNulls.MAX_ENDPOINTS_ALL + " endpoints), auto (all"
                    + " for up to " + PartialNulls.AUTO_ALL_UP_TO + " endpoints, else one) or none (default). Rows"
                    + " fwer_partial:<null endpoints>, on the null replicates (--null-reps).")
    PartialNulls.Choice partialNulls;

    /** Accepts none, one, all, auto in any case. */
    static final class PartialNullsConverter implements CommandLine.ITypeConverter<PartialNulls.Choice> {
        @Override
        public PartialNulls.Choice convert(String value) {
            try {
                return PartialNulls.Choice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Accepts a count, {@code all} or {@code none}. */
    static final class NullReplicatesConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("all")) {
                return Integer.MAX_VALUE;
            }
            if (v.equals("none")) {
                return 0;
            }
            try {
                int k = Integer.parseInt(v);
                if (k >= 0 && Limits.replicatesAllowed(Math.max(1, k))) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number of null replicates;"
                    + " allowed: a whole number in [0, " + Limits.MAX_REPLICATES + "], all or none");
        }
    }

    /** The trial model asked for with {@code --model}. */
    enum ModelChoice {
        /** Count level where {@link CountLevelTrials#applies} holds, else patient level. */
        AUTO,
        /** The patient-level model, the engine's standard. */
        PATIENTS,
        /** The count-level model; refused where it does not apply. */
        COUNTS
    }

    @Option(names = "--model", paramLabel = "MODEL", converter = ModelConverter.class,
            description = "Trial model: auto (the default: counts where they apply, else patients), patients (every"
                    + " patient simulated) or counts (two-arm binary designs only: each arm's responder count drawn"
                    + " directly, 15-40x faster, same distribution but other random streams, so other figures for"
                    + " the same seed). The model is recorded in the results' provenance.")
    ModelChoice model = ModelChoice.AUTO;

    /** Accepts auto, patients, counts in any case. */
    static final class ModelConverter implements CommandLine.ITypeConverter<ModelChoice> {
        @Override
        public ModelChoice convert(String value) {
            try {
                return ModelChoice.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a model; allowed: auto, patients, counts");
            }
        }
    }

    /**
     * {@code study} run by the model {@code --model} asks for, decided on {@code studied} (the scenarios with
     * every sample size the study will simulate, since the count-level model needs whole randomization blocks
     * at each; every cell of a sweep): {@code counts} where the count-level model does not apply to one of
     * them is a usage error (exit 2); {@code auto} takes counts only where they apply to all, so that one
     * study runs one model.
     */
    PowerStudy withModel(PowerStudy study, List<Scenario> studied) {
        Scenario refused = studied.stream().filter(s -> !CountLevelTrials.applies(s)).findFirst().orElse(null);
        if (model == ModelChoice.COUNTS && refused != null) {
            throw new UsageException("--model counts does not apply to " + refused.name() + ": the count-level model"
                    + " needs two arms with response probabilities, one stratum, no induction dropout, permuted"
                    + " blocks dividing every sample size " + refused.design().sampleSizes() + ", one comparative"
                    + " response or remission endpoint tested by chi-square or Fisher, and no interim looks;"
                    + " use --model patients (or auto)");
        }
        return model == ModelChoice.PATIENTS || refused != null ? study : study.model(new CountLevelTrials());
    }

    /**
     * Whether {@link #withModel} might choose another model were more scenarios added to {@code studied}: with
     * {@code --model auto} while each of them runs at count level, since one that does not makes the whole run
     * patient level. A shard reads the cells of other shards only then ({@link PowerCommand#shardPlan}).
     */
    boolean modelNeedsOtherCells(List<Scenario> studied) {
        return model == ModelChoice.AUTO && studied.stream().allMatch(CountLevelTrials::applies);
    }

    /**
     * {@code study} run by the trial model named {@code modelName}, as {@link #withModel} decided it elsewhere
     * (on a cluster's driver, over every cell): patient level or count level.
     *
     * @throws IllegalArgumentException if the name is neither
     */
    static PowerStudy withModelNamed(PowerStudy study, String modelName) {
        PowerStudy s = CountLevelTrials.NAME.equals(modelName) ? study.model(new CountLevelTrials()) : study;
        if (!s.modelName().equals(modelName)) {
            throw new IllegalArgumentException("no trial model named '" + modelName + "'");
        }
        return s;
    }

    /** Checks the values: a parameter error (exit 2, with usage) names the option. */
    void validate() {
        // the limits of the scenario's simulation block (Limits), so that an option accepts what a file accepts
        if (replicates != null && !Limits.replicatesAllowed(replicates)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--reps must be "
                    + Limits.replicatesRange() + " (as simulation.replicates) but was " + replicates);
        }
        if (threads != null && (threads < 1 || threads > Limits.MAX_THREADS)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--threads must be in [1, "
                    + Limits.MAX_THREADS + "] but was " + threads);
        }
        if (maxReplicates != null && !Limits.replicateCapAllowed(maxReplicates)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--max-reps must be "
                    + Limits.replicateCapRange() + " (as simulation.max_replicates) but was " + maxReplicates);
        }
        if (targetMcse != null && !Limits.targetMcseAllowed(targetMcse)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--target-mcse must be above 0 and below "
                    + Limits.MAX_TARGET_MCSE + ", for example 0.005, but was " + targetMcse);
        }
        if (maxReplicates != null && targetMcse == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--max-reps needs --target-mcse");
        }
    }

    /** The study with the options that were given applied. */
    PowerStudy apply(PowerStudy study) {
        PowerStudy s = applyExceptModel(study);
        return withModel(s, List.of(s.scenario()));
    }

    /** The study with every option given but {@code --model} applied (a sweep chooses it on every cell). */
    PowerStudy applyExceptModel(PowerStudy study) {
        return applyExceptSizes(sizes != null ? study.sampleSizes(sizes.sizes()) : study);
    }

    /**
     * The study with every option given but {@code --n} and {@code --model} applied (a search places its own
     * grid, and the model is chosen on it with {@link #withModel}).
     */
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
        if (nullReplicates != null) {
            s = s.nullReplicates(nullReplicates);
        }
        if (partialNulls != null) {
            if (partialNulls != PartialNulls.Choice.NONE && "size".equals(mixee.name())) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--partial-nulls: size searches on"
                        + " power and reports no type I error; run power --partial-nulls at the size it finds");
            }
            if (nullReplicates != null && nullReplicates == 0 && partialNulls != PartialNulls.Choice.NONE) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--partial-nulls "
                        + partialNulls.label() + " needs the null replicates that --null-reps none turns off");
            }
            s = s.partialNulls(partialNulls);
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
