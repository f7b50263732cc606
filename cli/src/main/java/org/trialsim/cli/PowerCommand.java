package org.trialsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.power.Sweep;
import org.trialsim.report.Reporter;
import org.trialsim.report.ResultFormat;
import org.trialsim.io.StagedOutput;
import org.trialsim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim power}: the operating characteristics of a scenario at chosen sample sizes, optionally over
 * a sweep of scenario parameters, as a table, CSV or JSON on standard output or in a file.
 */
@Command(name = "power", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Estimate power (and type I error, expected sample size, ...) with Monte Carlo errors.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim power ketamine-vs-midazolam --n 40:200:20 --reps 10000 --seed 7",
            "  trialsim power my-trial.yaml --n 60,90,120 --format csv --out power.csv",
            "  trialsim power my-trial.yaml --target-mcse 0.005 --format json",
            "  trialsim power my-trial.yaml --n 100 \\",
            "      --sweep arms.ketamine.response.probability=0.3:0.5:0.05",
            "",
            "  trialsim power my-trial.yaml --reps 100000 --shard 3/10 --out part-3.counts",
            "",
            "With --sweep every combination of the axes is a cell, each run with the same",
            "seed (common random numbers); rows carry the cell as key=value,key=value.",
            "Ctrl-C writes what is complete, marked partial (exit 130)."})
final class PowerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|NAME",
            description = "A scenario file (YAML or JSON) or a built-in scenario name.")
    String scenarioArgument;

    @CommandLine.Mixin
    StudyOptions study;

    @CommandLine.Mixin
    CheckpointOptions checkpoint;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatOption.Converter.class,
            completionCandidates = FormatOption.Candidates.class,
            description = "One of ${COMPLETION-CANDIDATES} (default: table, or what the --out file name ends in).")
    ResultFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH",
            description = "Write the result to this file instead of standard output (the table is still shown unless --quiet).")
    Path out;

    @Option(names = "--sweep", paramLabel = "KEY=FROM:TO:BY", converter = SweepAxis.Converter.class,
            description = "Vary a numeric scenario value over a range (or KEY=V1,V2,...); repeat for a grid.")
    List<SweepAxis> sweep;

    @Option(names = "--shard", paramLabel = "I/K", converter = Shard.Converter.class,
            description = "Run part I of K of the replicates (and sweep cells) and write their counts to --out FILE,"
                    + " for array jobs; 'trialsim merge' joins the K files into the bytes of the whole run.")
    Shard shard;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws IOException {
        TrialsimCommand root = (TrialsimCommand) spec.root().userObject();
        ScenarioSource source = ScenarioSource.resolve(scenarioArgument);
        StudyPlan plan = plan(source);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        // before any work: no output may be the scenario or another output; each is claimed for this run
        Outputs.reading(source).file("--out", out).files("--checkpoint", checkpoint.files(plan.sweep() == null ? 0
                : plan.sweep().cells().size())).refuseClashes().lock(out, checkpoint.file);
        if (shard != null) {
            if (format != null) {
                throw new UsageException("--shard writes a counts file, not a result: leave out --format and give it"
                        + " to 'trialsim merge'");
            }
            checkpoint.refuseWith("--shard");
            if (cluster.active()) {
                throw new UsageException("--shard and --spark do not go together: a shard runs on this machine; "
                        + "give the whole run to --spark");
            }
            return ShardRun.run(RunSpec.of(spec, source), plan, shard, out, study.threads, root, stderr);
        }
        ResultFormat chosen = format != null ? format : out != null
                ? ResultFormat.ofFileName(out.getFileName().toString(), ResultFormat.TABLE) : ResultFormat.TABLE;
        if (out != null) {
            ResultFolder.refuseOverwrite(List.of(out), root.force);
        }
        if (cluster.active()) {
            checkpoint.refuseWith("--spark");
            List<org.trialsim.power.StudyCounts> counts = cluster.count(RunSpec.of(spec, source), plan, out,
                    root.quiet, stderr);
            report(plan.result(counts), chosen, out, root.quiet, stdout, stderr);
            return 0;
        }
        try (Interruption stop = new Interruption()) {
            PowerStudy announced = plan.announced();
            Sweep cells = plan.sweep();
            StudyResult result = ProgressDisplay.simulate(announced, root.quiet, stderr,
                    progress -> cells != null ? checkpoint.run(cells, progress, stop::cancelled, root.force)
                            : checkpoint.run(announced, progress, stop::cancelled, root.force));
            if (Interruption.nothingCompleted(result)) {
                return Interruption.exitStatus(result, stderr);
            }
            report(result, chosen, out, root.quiet, stdout, stderr);
            checkpoint.finished(result);
            return Interruption.exitStatus(result, stderr);
        }
    }

    /**
     * The studies this command's options ask for on {@code source}: every sweep cell is validated before any is
     * simulated (a bad key or value is exit 2 at once) and the model is chosen on every cell, with the study's
     * sample sizes.
     */
    StudyPlan plan(ScenarioSource source) {
        PowerStudy powerStudy = study.applyExceptModel(PowerStudy.of(source.scenario()));
        List<Scenario> studied = new ArrayList<>(List.of(powerStudy.scenario()));
        if (sweep != null && !sweep.isEmpty()) {
            for (var cell : axes(Sweep.of(powerStudy, source::with)).cells()) {
                studied.add(study.applyExceptModel(PowerStudy.of(source.with(cell))).scenario());
            }
        }
        powerStudy = study.withModel(powerStudy, studied);
        Sweep grid = sweep != null && !sweep.isEmpty() ? axes(Sweep.of(powerStudy, source::with)) : null;
        return StudyPlan.power(powerStudy, grid);
    }

    /**
     * Prints or writes {@code result} as {@code power} does: in {@code format} on standard output, or to
     * {@code out} (atomically) with the table on standard output unless quiet. {@code trialsim merge} writes
     * through here, so a merged run has the bytes of the whole one.
     */
    static void report(StudyResult result, ResultFormat format, Path out, boolean quiet, PrintWriter stdout,
            PrintWriter stderr) throws IOException {
        if (out == null) {
            stdout.print(render(format, result));
        } else {
            Reporter reporter = format.reporter(StandardCharsets.UTF_8);
            StagedOutput.write(out, o -> reporter.write(result, o));
            if (!quiet) {
                stdout.print(render(ResultFormat.TABLE, result));
                stderr.println("wrote " + out);
            }
        }
        stdout.flush();
    }

    private Sweep axes(Sweep grid) {
        Sweep g = grid;
        for (SweepAxis axis : sweep) {
            g = g.axis(axis.key(), axis.values());
        }
        return g;
    }

    /** The result in {@code format} as text for standard output. */
    private static String render(ResultFormat format, StudyResult result) throws IOException {
        return format.text(result, Terminal.stdoutCharset());
    }
}
