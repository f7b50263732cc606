package org.trialsim.cli;

import java.io.Serializable;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;

/**
 * A {@code power} or {@code size} run as a value that travels: the command, the options that decide its
 * results (sample sizes, replicates, seed, precision, model, sweep axes, search target and measure; not the
 * thread count, output or display options) as the user typed them, and the scenario's text. A shard file
 * records it and a cluster ships it to executors; each rebuilds the same {@link StudyPlan} with {@link #plan()},
 * through the command's own option parsing, so there is one way from options to studies.
 *
 * @param command {@code power} or {@code size}
 * @param options the result-deciding options, as tokens ({@code --n}, {@code 40:200:20}, ...)
 * @param scenarioLabel the scenario file as given, or the built-in name
 * @param builtin whether the scenario is built in
 * @param scenario the scenario's text
 */
public record RunSpec(String command, List<String> options, String scenarioLabel, boolean builtin, byte[] scenario)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The options that decide a run's results, by their longest name. */
    static final Set<String> RESULT_OPTIONS = Set.of("--n", "--reps", "--seed", "--target-mcse", "--max-reps", "--null-reps",
            "--partial-nulls",
            "--model", "--sweep", "--target", "--measure", "--set");

    /** Copies the parts. */
    public RunSpec {
        Objects.requireNonNull(command, "command");
        options = List.copyOf(options);
        Objects.requireNonNull(scenarioLabel, "scenarioLabel");
        scenario = scenario.clone();
    }

    @Override
    public byte[] scenario() {
        return scenario.clone();
    }

    /**
     * The spec of the command {@code spec} as parsed, on the scenario {@code source}. An option given several
     * times ({@code --sweep}, {@code --set}) is listed by the parse once per occurrence, each time with all its
     * values: it is taken once, its values in the order given.
     */
    static RunSpec of(CommandLine.Model.CommandSpec spec, ScenarioSource source) {
        List<String> tokens = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : new java.util.LinkedHashSet<>(
                spec.commandLine().getParseResult().matchedOptions())) {
            if (RESULT_OPTIONS.contains(o.longestName())) {
                for (String value : o.originalStringValues()) {
                    tokens.add(o.longestName());
                    tokens.add(value);
                }
            }
        }
        return new RunSpec(spec.name(), tokens, source.label(), source.builtin(), source.bytes());
    }

    /** The scenario as the command read it, with the values its {@code --set} options gave. */
    ScenarioSource source() {
        ScenarioSource raw = new ScenarioSource(scenarioLabel, builtin, scenario, java.util.Map.of());
        Object command = parsed();
        if (command instanceof PowerCommand power) {
            return raw.set(power.study.set);
        }
        if (command instanceof SizeCommand size) {
            return raw.set(size.study.set);
        }
        return raw;
    }

    /** The command object with these options parsed (they parsed when recorded). */
    private Object parsed() {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.add(scenarioLabel);
        args.addAll(options);
        String[] argv = args.toArray(String[]::new);
        CommandLine.ParseResult parsed = TrialsimCommand.newCommandLine(argv).parseArgs(argv);
        return parsed.subcommand().commandSpec().userObject();
    }

    /**
     * The plan the command builds from these options and scenario.
     *
     * @throws CommandLine.ParameterException if the options do not parse (they did when recorded)
     */
    public StudyPlan plan() {
        Object command = parsed();
        if (command instanceof PowerCommand power) {
            return power.plan(source());
        }
        if (command instanceof SizeCommand size) {
            return size.plan(source());
        }
        throw new IllegalArgumentException("'" + this.command + "' does not simulate a study");
    }

    /**
     * The plan as a cluster's worker builds it ({@link StudyPlan#study(int)} for the cells of its tasks): the
     * trial model the driver's {@link #plan()} chose ({@link StudyPlan#modelName()}), and a sweep's cells built
     * one by one when asked for, not all validated first as the driver did. The studies are those of
     * {@link #plan()}.
     */
    public StudyPlan workerPlan(String modelName) {
        Object command = parsed();
        if (command instanceof PowerCommand power) {
            return power.workerPlan(source(), modelName);
        }
        if (command instanceof SizeCommand size) {
            return size.plan(source()); // one study: nothing to build lazily
        }
        throw new IllegalArgumentException("'" + this.command + "' does not simulate a study");
    }

    /** The options as one line: each token URL-encoded, separated by spaces. */
    String optionsLine() {
        return String.join(" ", options.stream().map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8)).toList());
    }

    /** Reads {@link #optionsLine()}. */
    static List<String> parseOptions(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        return Arrays.stream(line.strip().split(" ")).map(t -> URLDecoder.decode(t, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec r && command.equals(r.command) && options.equals(r.options)
                && scenarioLabel.equals(r.scenarioLabel) && builtin == r.builtin && Arrays.equals(scenario, r.scenario);
    }

    @Override
    public int hashCode() {
        return Objects.hash(command, options, scenarioLabel, builtin, Arrays.hashCode(scenario));
    }
}
