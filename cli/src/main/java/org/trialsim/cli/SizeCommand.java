package org.trialsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.SampleSize;
import org.trialsim.power.SampleSizeSearch;
import org.trialsim.report.ResultFormat;
import org.trialsim.report.SampleSizeReport;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim size}: the smallest total sample size at which a measure reaches a target power, from one
 * nested-cohort study over a fine grid of sizes, with the range of sizes the Monte Carlo error allows.
 */
@Command(name = "size", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Find the smallest total sample size that reaches a target power.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim size ketamine-vs-midazolam --target 0.8",
            "  trialsim size my-trial.yaml --target 0.9 --measure power:response \\",
            "      --n 40:400:4 --reps 20000",
            "",
            "  trialsim size my-trial.yaml --target 0.8 --out size.json",
            "  trialsim size my-trial.yaml --target 0.8 --format csv",
            "",
            "  trialsim size my-trial.yaml --target 0.8 --reps 100000 --shard 2/8 --out part-2.counts",
            "",
            "Measures: power:<endpoint> (default: the primary endpoint, the first listed),",
            "power:any, power:all, power_unadjusted:<endpoint>. Without --n the search runs",
            "from the smallest to the largest size of the scenario's design in steps of the",
            "randomization block.",
            "",
            "Exit 3 when the target is not reached within the sizes searched; the power",
            "reached at the largest size is printed."})
final class SizeCommand implements Callable<Integer> {

    /** Most grid points searched by default; beyond it the step grows by whole blocks. */
    static final int DEFAULT_POINTS = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|NAME",
            description = "A scenario file (YAML or JSON) or a built-in scenario name.")
    String scenarioArgument;

    @Option(names = "--target", required = true, paramLabel = "P",
            description = "Target power, between 0 and 1, for example 0.8.")
    double target;

    @Option(names = {"-m", "--measure"}, paramLabel = "MEASURE",
            description = "The measure that must reach the target (default: the power of the primary endpoint, "
                    + "power:<first endpoint>).")
    String measure;

    @CommandLine.Mixin
    StudyOptions study;

    @Option(names = "--shard", paramLabel = "I/K", converter = Shard.Converter.class,
            description = "Run part I of K of the search's replicates and write their counts to --out FILE, for"
                    + " array jobs; 'trialsim merge' joins the K files into the output of the whole search.")
    Shard shard;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatOption.Converter.class,
            completionCandidates = FormatOption.Candidates.class,
            description = "One of ${COMPLETION-CANDIDATES} (default: table, or what the --out file name ends in).")
    ResultFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the result to this file (the table is still shown unless --quiet); with --shard, "
                    + "the counts file to write.")
    java.nio.file.Path out;

    @Override
    public Integer call() throws java.io.IOException {
        TrialsimCommand root = (TrialsimCommand) spec.root().userObject();
        ScenarioSource source = ScenarioSource.resolve(scenarioArgument).set(study.set);
        MultiArmRun.refuseCommand(source.scenario(), "size", "power with --n over a range of sizes");
        StudyPlan plan = plan(source);
        if (shard != null && cluster.active()) {
            throw new UsageException("--shard and --spark do not go together: a shard runs on this machine; give the "
                    + "whole search to --spark");
        }
        if (shard != null) {
            if (format != null) {
                throw new UsageException("--shard writes a counts file, not a result: leave out --format and give it"
                        + " to 'trialsim merge'");
            }
            // before any work, as power's outputs: the counts file may be neither the scenario nor another run's
            Outputs.reading(source, spec.commandLine().getErr()).file("--out", out).refuseClashes().lock(out);
            return ShardRun.run(RunSpec.of(spec, source), plan, shard, out, study.threads, root,
                    spec.commandLine().getErr());
        }
        ResultFormat chosen = FormatOption.chosen(format, out);
        if (out != null) {
            // before any work: not the scenario, not an existing file unless --force; claimed for this run
            ResultFolder.refuseOverwrite(List.of(out), root.force);
            Outputs.reading(source, spec.commandLine().getErr()).file("--out", out).refuseClashes().lock(out);
        }
        SampleSize size;
        if (cluster.active()) {
            List<org.trialsim.power.StudyCounts> counts = cluster.count(RunSpec.of(spec, source), plan, null,
                    root.quiet, spec.commandLine().getErr());
            size = plan.size(counts.get(0));
        } else {
            try (Interruption stop = new Interruption();
                    ProgressDisplay bar = ProgressDisplay.forTerminal("Searching", root.quiet)) {
                size = plan.size(plan.announced().counts(bar::onProgress, stop::cancelled));
                if (stop.cancelled()) {
                    spec.commandLine().getErr().println("trialsim: interrupted; the search is incomplete and nothing "
                            + "is reported");
                    return TrialsimCommand.EXIT_INTERRUPTED;
                }
            }
        }
        emit(plan.sizeScenario(), size, chosen, out, root.quiet, spec.commandLine().getOut(),
                spec.commandLine().getErr());
        return size.reached() ? 0 : TrialsimCommand.EXIT_NOT_REACHED;
    }

    /**
     * Prints or writes what the search found in {@code format} ({@link SampleSizeReport}); {@code trialsim merge}
     * writes through here, so a merged search has the bytes of the whole one.
     */
    static void emit(Scenario scenario, SampleSize s, ResultFormat format, java.nio.file.Path out, boolean quiet,
            PrintWriter stdout, PrintWriter stderr) throws java.io.IOException {
        FormatOption.emit(format, f -> SampleSizeReport.bytes(f, scenario, s, f == ResultFormat.TABLE && out != null
                ? java.nio.charset.StandardCharsets.UTF_8 : Terminal.stdoutCharset()), out, quiet, stdout, stderr);
    }

    /** The search this command's options ask for on {@code source}, checked before anything is simulated. */
    StudyPlan plan(ScenarioSource source) {
        if (!(target > 0 && target < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--target must be between 0 and 1, for example 0.8, but was " + target);
        }
        Scenario scenario = source.scenario();
        List<String> measures = measures(scenario);
        String measure = this.measure != null ? this.measure : scenario.primaryMeasure();
        if (!measures.contains(measure)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--measure " + measure
                    + " is not a measure of " + scenario.name() + "; allowed: " + String.join(", ", measures));
        }
        SampleSizeGrid grid = study.sizes;
        PowerStudy base = study.applyExceptSizes(PowerStudy.of(scenario));
        SampleSizeSearch search;
        if (grid != null && grid.step() == 0) {
            // a list of sizes: search exactly those
            int[] searched = grid.sizes();
            base = study.withModel(base, List.of(base.sampleSizes(searched).scenario()));
            search = SampleSizeSearch.of(base.sampleSizes(searched));
        } else {
            int[] n = grid != null ? grid.sizes() : null;
            int from = n != null ? n[0] : defaultFrom(scenario);
            int to = n != null ? n[n.length - 1] : defaultTo(scenario);
            int step = n != null ? grid.step() : defaultStep(scenario);
            // the model is chosen on the sizes the search will simulate (SampleSizeSearch's grid)
            int[] searched = IntStream.iterate(from, k -> k <= to, k -> k + step).toArray();
            base = study.withModel(base, List.of(base.sampleSizes(searched).scenario()));
            search = SampleSizeSearch.of(base).sampleSizes(from, to, step);
        }
        return StudyPlan.size(scenario, search.measure(measure).target(target));
    }

    /**
     * Prints the search's provenance as the {@code run} and {@code power} table heads it (the same formatter,
     * so a size can be reproduced from its output alone), then the size found.
     */
    static void print(Scenario scenario, SampleSize s, PrintWriter out) {
        out.print(SampleSizeReport.text(scenario, s));
        out.flush();
    }

    /** The measures a search can target for this scenario. */
    static List<String> measures(Scenario scenario) {
        List<String> m = new ArrayList<>(List.of("power:any", "power:all"));
        for (Endpoint e : scenario.endpoints()) {
            m.add("power:" + e.name());
        }
        for (Endpoint e : scenario.endpoints()) {
            m.add("power_unadjusted:" + e.name());
        }
        return m;
    }

    static int defaultStep(Scenario scenario) {
        int block = Math.max(1, scenario.design().randomization().blockSize());
        int span = defaultTo(scenario) - defaultFrom(scenario);
        int blocks = Math.max(1, (int) Math.ceil((double) span / block / DEFAULT_POINTS));
        return block * blocks;
    }

    static int defaultFrom(Scenario scenario) {
        return scenario.design().sampleSizes().get(0);
    }

    static int defaultTo(Scenario scenario) {
        return scenario.maxSampleSize();
    }
}
