package org.trialsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
            "  trialsim power my-trial.yaml --reps 1000 --per-trial trials.csv",
            "",
            "  trialsim power my-trial.yaml --reps 100000 --shard 3/10 --out part-3.counts",
            "",
            "With --sweep every combination of the axes is a cell, each run with the same",
            "seed (common random numbers); rows carry the cell as key=value,key=value.",
            "Ctrl-C writes what is complete, marked partial (exit 130); with --checkpoint",
            "it prints the command that resumes the run (--resume replaces the partial",
            "result)."})
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

    @Option(names = "--per-trial", paramLabel = "FILE",
            description = "Also write every analysis of every simulated trial as CSV (replicate, size, endpoint, look: "
                    + "estimate, SE, CI, statistic, p-value, events, analysis week, decision), patient level.")
    Path perTrial;

    @Option(names = "--estimands",
            description = "Report the estimand section (true estimand, bias, empirical SE, RMSE, coverage with MCSE) "
                    + "for every endpoint, not only those with a strategy (it is reported for those by default).")
    boolean estimands;

    @Option(names = "--estimands-out", paramLabel = "FILE",
            description = "Write the estimand section to this file, CSV or JSON by its extension (.csv, .json).")
    Path estimandsOut;

    @Option(names = "--sweep", paramLabel = "KEY=FROM:TO:BY", converter = SweepAxis.Converter.class,
            description = "Vary a numeric scenario value over a range (or KEY=V1,V2,...); repeat for a grid.")
    List<SweepAxis> sweep;

    @Option(names = "--shard", paramLabel = "I/K", converter = Shard.Converter.class,
            description = "Run part I of K of the replicates (and sweep cells) and write their counts to --out FILE,"
                    + " for array jobs; 'trialsim merge' joins the K files into the bytes of the whole run.")
    Shard shard;

    @Option(names = "--calibrate-alpha", paramLabel = "ALPHA",
            description = "Also find, for every Bayesian endpoint (bayesian_* tests), the success threshold c whose type I"
                    + " error under the null scenario is at most ALPHA, in (0, 1): rows calibrated_c:<endpoint> (with"
                    + " its Monte Carlo interval) and type1_calibrated:<endpoint>, from the null replicates.")
    Double calibrateAlpha;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws IOException {
        TrialsimCommand root = (TrialsimCommand) spec.root().userObject();
        ScenarioSource source = ScenarioSource.resolve(scenarioArgument).set(study.set);
        refuseCalibration(source.scenario());
        if (MultiArmRun.applies(source.scenario())) {
            return multiArm(source, root);
        }
        // a shard builds the cells it counts, not the whole grid
        StudyPlan plan = shard != null ? shardPlan(source, shard, new CellScenarios(source)) : plan(source);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        // before any work: no output may be the scenario or another output; each is claimed for this run
        Outputs.reading(source, stderr).file("--out", out).file("--estimands-out", estimandsOut).files("--checkpoint",
                checkpoint.files(plan.sweep() == null ? 0 : plan.sweep().cells().size())).refuseClashes()
                .lock(out, checkpoint.file, estimandsOut);
        if (shard != null) {
            return shard(plan, source, root, stderr);
        }
        ResultFormat chosen = FormatOption.chosen(format, out);
        if (perTrial != null) {
            if (plan.sweep() != null) {
                throw new UsageException("--per-trial writes the trials of one study; it cannot be combined with "
                        + "--sweep");
            }
            ResultFolder.refuseOverwrite(List.of(perTrial), root.force);
        }
        if (estimandsOut != null) {
            String name = estimandsOut.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".csv") && !name.endsWith(".json")) {
                throw new UsageException("--estimands-out " + estimandsOut + ": allowed a file name ending in .csv or "
                        + ".json");
            }
            if (plan.sweep() != null) {
                refuseEstimands("--sweep");
            }
            ResultFolder.refuseOverwrite(List.of(estimandsOut), root.force);
        }
        if (out != null) {
            // --resume replaces the partial result of the run it continues
            ResultFolder.refuseOverwrite(List.of(out), root.force || checkpoint.resume);
        }
        if (cluster.active()) {
            checkpoint.refuseWith("--spark");
            refuseEstimands("--spark");
            if (perTrial != null) {
                throw new UsageException("--per-trial and --spark do not go together: the per-trial rows are written "
                        + "on this machine");
            }
            List<org.trialsim.power.StudyCounts> counts = cluster.count(RunSpec.of(spec, source), plan, out,
                    root.quiet, stderr);
            report(plan.result(counts), chosen, out, root.quiet, stdout, stderr, source, plan);
            return 0;
        }
        try (Interruption stop = new Interruption()) {
            PowerStudy announced = plan.announced();
            Sweep cells = plan.sweep();
            StudyResult result = ProgressDisplay.simulate(announced, root.quiet, stderr,
                    progress -> cells != null ? checkpoint.run(cells, progress, stop::cancelled, root.force)
                            : checkpoint.run(announced, progress, stop::cancelled, root.force));
            String resume = checkpoint.resumeCommand();
            if (Interruption.nothingCompleted(result)) {
                return Interruption.exitStatus(result, stderr, resume);
            }
            result = calibrated(announced, result, stderr);
            report(result, chosen, out, root.quiet, stdout, stderr, source, plan);
            if (perTrial != null) {
                writePerTrial(announced, result, stderr, root.quiet);
            }
            if (cells == null && !result.provenance().partial()
                    && (estimands || estimandsOut != null || org.trialsim.power.EstimandStudy.any(announced.scenario()))) {
                writeEstimands(announced, result, chosen, out, stdout, stderr, root.quiet);
            } else if (cells != null && !root.quiet && org.trialsim.power.EstimandStudy.any(announced.scenario())) {
                stderr.println("note: the estimand section is not computed for a sweep; run a cell alone (its values "
                        + "with --set) to get it");
                stderr.flush();
            }
            checkpoint.finished(result);
            return Interruption.exitStatus(result, stderr, resume);
        }
    }

    /**
     * {@code --calibrate-alpha}: refused (exit 2, naming the option and what is allowed) outside (0, 1), with a
     * multi-arm design, a sweep, a shard or Spark (the calibration runs the null trials once more on this machine,
     * after the study), with the null run turned off, or for a scenario without a Bayesian endpoint or whose interim
     * looks monitor another endpoint ({@link org.trialsim.power.ThresholdCalibration#refusal}).
     */
    private void refuseCalibration(Scenario scenario) {
        if (calibrateAlpha == null) {
            return;
        }
        String option = "--calibrate-alpha " + calibrateAlpha;
        if (!(calibrateAlpha > 0 && calibrateAlpha < 1)) {
            throw new UsageException(option + ": allowed a type I error in (0, 1), for example 0.025");
        }
        if (MultiArmRun.applies(scenario)) {
            throw new UsageException(option + ": the calibration is of two-arm Bayesian rules (bayesian_* tests); a "
                    + "multi-arm or response-adaptive design is not calibrated by it");
        }
        String with = sweep != null && !sweep.isEmpty() ? "--sweep" : shard != null ? "--shard"
                : cluster.active() ? "--spark" : null;
        if (with != null) {
            throw new UsageException(option + " cannot be combined with " + with + ": the calibration runs the null "
                    + "trials of one whole study on this machine, after the study");
        }
        if (study.nullReplicates != null && study.nullReplicates == 0) {
            throw new UsageException(option + " needs the null replicates that --null-reps none turns off");
        }
        String refused = org.trialsim.power.ThresholdCalibration.refusal(scenario);
        if (refused != null) {
            throw new UsageException(option + ": " + refused);
        }
    }

    /**
     * {@code result} with the calibration rows after its own ({@link org.trialsim.power.ThresholdCalibration}),
     * from as many null replicates as its type I errors rest on; {@code result} itself without {@code
     * --calibrate-alpha}, or with a note when the study was interrupted or ran no null trials.
     */
    private StudyResult calibrated(PowerStudy study, StudyResult result, PrintWriter stderr) {
        if (calibrateAlpha == null) {
            return result;
        }
        long replicates = result.provenance().nullReplicates();
        if (result.provenance().partial() || replicates == 0) {
            stderr.println("note: --calibrate-alpha: no calibration, the study " + (replicates == 0
                    ? "ran no null trials (--null-reps)" : "was interrupted"));
            stderr.flush();
            return result;
        }
        int threads = this.study.threads != null ? this.study.threads : Runtime.getRuntime().availableProcessors();
        List<org.trialsim.power.MeasureRow> rows = new java.util.ArrayList<>(result.rows());
        rows.addAll(org.trialsim.power.ThresholdCalibration.rows(
                org.trialsim.power.ThresholdCalibration.run(study, replicates, threads), calibrateAlpha, ""));
        return new StudyResult(result.scenarioName(), result.provenance(), rows, result.warnings());
    }

    /** {@code --shard I/K}: counts this part of the plan's replicates into the counts file {@code --out}. */
    private int shard(StudyPlan plan, ScenarioSource source, TrialsimCommand root, PrintWriter stderr)
            throws IOException {
        if (format != null) {
            throw new UsageException("--shard writes a counts file, not a result: leave out --format and give it"
                    + " to 'trialsim merge'");
        }
        if (perTrial != null) {
            throw new UsageException("--per-trial writes the trials of one whole study; it cannot be combined "
                    + "with --shard");
        }
        refuseEstimands("--shard");
        checkpoint.refuseWith("--shard");
        if (cluster.active()) {
            throw new UsageException("--shard and --spark do not go together: a shard runs on this machine; "
                    + "give the whole run to --spark");
        }
        return ShardRun.run(RunSpec.of(spec, source), plan, shard, out, study.threads, root, stderr);
    }

    /**
     * A scenario with a multi-arm design ({@link MultiArmRun}): simulated here, in shards or on Spark as one
     * study of every configuration and size ({@link StudyPlan#multiArm}), and printed or written as any result
     * (the table without planning figures, which are of the patient-level engine).
     */
    private int multiArm(ScenarioSource source, TrialsimCommand root) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        MultiArmRun.refusePowerOptions(perTrial, estimands, estimandsOut, checkpoint);
        StudyPlan plan = shard != null ? shardPlan(source, shard, null) : plan(source);
        Outputs.reading(source, stderr).file("--out", out).refuseClashes().lock(out);
        if (shard != null) {
            return shard(plan, source, root, stderr);
        }
        ResultFormat chosen = FormatOption.chosen(format, out);
        if (out != null) {
            ResultFolder.refuseOverwrite(List.of(out), root.force);
        }
        StudyResult result = cluster.active()
                ? plan.result(cluster.count(RunSpec.of(spec, source), plan, out, root.quiet, stderr))
                : MultiArmRun.run(plan, study);
        report(result, chosen, out, root.quiet, stdout, stderr, source, plan);
        return 0;
    }

    /**
     * The studies this command's options ask for on {@code source} (with its {@code --set} values): every sweep
     * cell is validated before any is simulated (a bad key or value is exit 2 at once) and the model is chosen on
     * every cell, with the study's sample sizes. Each cell's scenario is read once ({@link CellScenarios}): the
     * sweep's studies are built on the scenarios the validation read.
     */
    StudyPlan plan(ScenarioSource source) {
        if (MultiArmRun.applies(source.scenario())) {
            return MultiArmRun.plan(source, study, sweep, true);
        }
        PowerStudy powerStudy = study.applyExceptModel(PowerStudy.of(source.scenario()));
        List<Scenario> studied = new ArrayList<>(List.of(powerStudy.scenario()));
        CellScenarios cells = new CellScenarios(source);
        if (sweep != null && !sweep.isEmpty()) {
            for (var cell : axes(Sweep.of(powerStudy, cells)).cells()) {
                studied.add(study.applyExceptModel(PowerStudy.of(cells.at(cell))).scenario());
            }
        }
        powerStudy = study.withModel(powerStudy, studied);
        Sweep grid = sweep != null && !sweep.isEmpty() ? axes(Sweep.of(powerStudy, cells)) : null;
        return StudyPlan.power(powerStudy, grid);
    }

    /**
     * The plan of {@link #plan} as shard {@code shard} needs it: the cells its pieces fall in ({@link
     * Shard#pieces}) are read and checked as {@link #plan} checks every cell, and built one by one when counted
     * ({@link StudyPlan#study(int)}); no other cell is read unless the choice of the trial model needs it, that is
     * with {@code --model auto} while every cell read so far runs at count level (one that does not makes the
     * whole run patient level, as {@link #plan} decides on every cell): then the others are read for that choice
     * alone, up to the first that does not. The studies, the model and so the bytes are those of {@link #plan}; a
     * bad value in another shard's cell is reported by that shard and by {@code merge}, which builds every cell.
     *
     * @param cells where the cells' scenarios are read (and recorded)
     */
    StudyPlan shardPlan(ScenarioSource source, Shard shard, CellScenarios cells) {
        if (MultiArmRun.applies(source.scenario())) {
            // a sweep's cells are read when counted: this shard's alone (another's bad cell is its own to report)
            return MultiArmRun.plan(source, study, sweep, false);
        }
        PowerStudy template = study.applyExceptModel(PowerStudy.of(source.scenario()));
        List<Scenario> studied = new ArrayList<>(List.of(template.scenario()));
        if (sweep == null || sweep.isEmpty()) {
            return StudyPlan.power(study.withModel(template, studied), null);
        }
        Sweep grid = axes(Sweep.of(template, cells));
        long replicates = Long.parseLong(template.fingerprint().get("replicates"));
        Set<Integer> own = new TreeSet<>();
        for (Shard.Piece p : shard.pieces(grid.cellCount(), replicates)) {
            own.add(p.cell());
        }
        List<Map<String, Double>> values = grid.cells();
        for (int c : own) {
            studied.add(study.applyExceptModel(PowerStudy.of(cells.at(values.get(c)))).scenario());
        }
        for (int c = 0; c < values.size() && study.modelNeedsOtherCells(studied); c++) {
            if (!own.contains(c)) {
                studied.add(study.applyExceptModel(PowerStudy.of(cells.at(values.get(c)))).scenario());
            }
        }
        PowerStudy modelled = study.withModel(template, studied);
        return StudyPlan.power(modelled, axes(Sweep.of(modelled, cells)));
    }

    /**
     * The plan of {@link #plan} as a cluster's worker needs it: the trial model {@code modelName} the driver
     * chose on every cell, and the sweep's cells neither validated nor built up front (the driver validated
     * them): each is built when a task names it ({@link StudyPlan#study(int)}), so a worker builds only the
     * cells of its own tasks.
     */
    StudyPlan workerPlan(ScenarioSource source, String modelName) {
        if (MultiArmRun.applies(source.scenario())) {
            StudyPlan plan = MultiArmRun.plan(source, study, sweep, false);
            if (!plan.modelName().equals(modelName)) {
                throw new IllegalArgumentException("the driver ran " + modelName + ", this worker " + plan.modelName());
            }
            return plan;
        }
        PowerStudy powerStudy = StudyOptions.withModelNamed(study.applyExceptModel(PowerStudy.of(source.scenario())),
                modelName);
        Sweep grid = sweep != null && !sweep.isEmpty() ? axes(Sweep.of(powerStudy, source::with)) : null;
        return StudyPlan.power(powerStudy, grid);
    }

    /**
     * Prints or writes {@code result} as {@code power} does: in {@code format} on standard output, or to
     * {@code out} (atomically) with the table on standard output unless quiet; JSON carries the scenario it was
     * run from (resolved), and the table of a single study is followed by its planning figures. {@code trialsim
     * merge} writes through here, so a merged run has the bytes of the whole one.
     */
    static void report(StudyResult result, ResultFormat format, Path out, boolean quiet, PrintWriter stdout,
            PrintWriter stderr, ScenarioSource source, StudyPlan plan) throws IOException {
        // a single patient-level study's table is followed by its planning figures; a multi-arm design has none
        boolean single = !plan.isSweep() && !plan.isMultiArm();
        Reporter json = format == ResultFormat.JSON
                ? new org.trialsim.report.JsonReport(source.document(plan.template().scenario())) : null;
        if (out == null) {
            if (json != null) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                json.write(result, bytes);
                stdout.print(bytes.toString(StandardCharsets.UTF_8));
            } else {
                stdout.print(render(format, result));
                if (format == ResultFormat.TABLE && single) {
                    stdout.print(ReportPage.planning(plan.announced(), result));
                }
            }
        } else {
            Reporter reporter = json != null ? json : format.reporter(StandardCharsets.UTF_8);
            StagedOutput.write(out, o -> reporter.write(result, o));
            if (!quiet) {
                stdout.print(render(ResultFormat.TABLE, result));
                if (single) {
                    stdout.print(ReportPage.planning(plan.announced(), result));
                }
                stderr.println("wrote " + out);
            }
        }
        stdout.flush();
    }

    /** The estimand section needs the whole study on this machine. */
    private void refuseEstimands(String with) {
        if (estimands || estimandsOut != null) {
            throw new UsageException("--estimands and --estimands-out run the trials of one whole study on this "
                    + "machine; they cannot be combined with " + with);
        }
    }

    /**
     * The estimand section ({@link org.trialsim.power.EstimandStudy}): the study's replicates run again with each
     * endpoint's full-information data; printed after the table (on standard error when standard output holds
     * CSV or JSON), and written to {@code --estimands-out}. Nothing of the result's own output changes.
     */
    private void writeEstimands(PowerStudy study, StudyResult result, ResultFormat chosen, Path resultOut,
            PrintWriter stdout, PrintWriter stderr, boolean quiet) throws IOException {
        int threads = this.study.threads != null ? this.study.threads : Runtime.getRuntime().availableProcessors();
        List<org.trialsim.power.EstimandStudy.Row> rows = org.trialsim.power.EstimandStudy.run(study,
                (int) result.provenance().replicates(), threads, estimands);
        if (estimandsOut != null) {
            boolean json = estimandsOut.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
            String text = json ? org.trialsim.report.EstimandReport.json(rows)
                    : org.trialsim.report.EstimandReport.csv(rows);
            StagedOutput.write(estimandsOut, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (!quiet || resultOut == null && chosen == ResultFormat.TABLE) {
            PrintWriter to = resultOut == null && chosen != ResultFormat.TABLE ? stderr : stdout;
            to.print(org.trialsim.report.EstimandReport.table(rows));
            to.flush();
            if (estimandsOut != null && !quiet) {
                stderr.println("wrote " + estimandsOut);
            }
        }
    }

    /**
     * Writes the per-trial rows of the replicates the result holds, the study's trials run again at the patient
     * level with a recorder attached ({@link org.trialsim.power.PerTrial}).
     */
    private void writePerTrial(PowerStudy study, StudyResult result, PrintWriter stderr, boolean quiet)
            throws IOException {
        long replicates = result.provenance().replicates();
        long[] rows = new long[1];
        StagedOutput.write(perTrial, o -> {
            org.trialsim.report.PerTrialCsv csv = new org.trialsim.report.PerTrialCsv(result, o);
            org.trialsim.power.PerTrial.run(study, 0, replicates, row -> {
                csv.accept(row);
                rows[0]++;
            });
            csv.finish();
        });
        if (!quiet) {
            stderr.println("wrote " + rows[0] + " rows to " + perTrial);
        }
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
