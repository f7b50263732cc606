package org.trialsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import org.trialsim.power.TrialReplay;
import org.trialsim.charts.PowerCurveChart;
import org.trialsim.report.PowerTable;
import org.trialsim.charts.TrialCharts;
import org.trialsim.report.TrialCurves;
import org.trialsim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim run}: the whole study a scenario describes, with every output: the power table on the
 * terminal, the results as CSV and JSON, the power curve and the charts of one simulated trial.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the study a scenario describes: print the power table and write the results"
                + " (CSV, JSON) and charts (PNG, SVG) to a folder."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim run                              the built-in default scenario",
            "  trialsim run my-trial.yaml --reps 20000   a scenario file, more trials",
            "  trialsim run maintenance-withdrawal --out results/mw --force",
            "",
            "Files: report.html (the whole study on one page, self-contained),",
            "scenario.yaml (the scenario resolved with its defaults), power.txt,",
            "power.csv, power.json, power-curve.png/.svg, estimands.csv where an endpoint",
            "has a strategy (also in report.html), and for one simulated trial",
            "relapse-km, benzodiazepine-km and occupancy (.png/.svg) where the scenario has",
            "them. Without --out, a rerun writes the next free folder (<name>-2, <name>-3,",
            "...); an --out folder with results is kept unless --force. Ctrl-C writes what",
            "is complete, marked partial (exit 130), and prints the command that resumes it."})
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|NAME",
            description = "A scenario file (YAML or JSON) or a built-in scenario name (default: "
                    + ScenarioSource.DEFAULT + ").")
    String scenarioArgument;

    @CommandLine.Mixin
    StudyOptions study;

    @CommandLine.Mixin
    CheckpointOptions checkpoint;

    @Option(names = {"-o", "--out"}, paramLabel = "FOLDER",
            description = "Where to write the results (default: ./trialsim-results/<scenario-name>/, or the next "
                    + "free <scenario-name>-2, -3, ... when it holds results).")
    Path out;

    /** The checkpoint {@code run} keeps in its folder when none is given, so that Ctrl-C can be resumed. */
    static final String CHECKPOINT = "run.checkpoint";

    @Option(names = "--target-power", paramLabel = "P", defaultValue = "0.8",
            description = "Target power drawn on the power curve (default: ${DEFAULT-VALUE}).")
    double targetPower;

    @Override
    public Integer call() throws IOException {
        TrialsimCommand root = (TrialsimCommand) spec.root().userObject();
        if (!(targetPower > 0 && targetPower < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--target-power must be between 0 and 1, for example 0.8, but was " + targetPower);
        }
        ScenarioSource source = ScenarioSource.resolve(scenarioArgument).set(study.set);
        Scenario scenario = source.scenario();
        if (MultiArmRun.applies(scenario)) {
            return multiArm(source, root);
        }
        PowerStudy powerStudy = study.apply(PowerStudy.of(scenario));
        PrintWriter stderr = spec.commandLine().getErr();
        Path folder = out != null ? out
                : ResultFolder.claimNumbered(Path.of("trialsim-results"), scenario.name(), root.force
                        || checkpoint.resume, stderr);
        ResultFolder files = new ResultFolder(folder);
        Outputs.reading(source, stderr).folder("--out", folder, files.targets()).files("--checkpoint", checkpoint.files(0))
                .refuseClashes().lock(folder, checkpoint.file);
        // --resume replaces the partial result of the run it continues
        ResultFolder.refuseOverwrite(files.targets(), root.force || checkpoint.resume);
        if (checkpoint.file == null) {
            checkpoint.file = folder.resolve(CHECKPOINT);
            java.nio.file.Files.createDirectories(folder);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (Interruption stop = new Interruption()) {
            StudyResult result = ProgressDisplay.simulate(powerStudy, root.quiet, stderr,
                    progress -> checkpoint.run(powerStudy, progress, stop::cancelled, root.force));
            String resume = checkpoint.resumeCommand("--out", folder.toString());
            if (Interruption.nothingCompleted(result)) {
                return Interruption.exitStatus(result, stderr, resume);
            }
            stdout.print(new PowerTable(Terminal.stdoutCharset()).render(result));
            stdout.flush();
            try {
                org.trialsim.scenario.ScenarioDocument document = source.document(powerStudy.scenario());
                files.stageScenario(document, result.provenance().scenarioHash());
                org.trialsim.charts.HtmlReport.Context page = ReportPage.context(powerStudy, result, document,
                        targetPower);
                files.stageReport(result, new org.trialsim.charts.HtmlReport(page));
                stdout.print(ReportPage.planning(page));
                if (!page.estimands().isEmpty()) {
                    files.stageEstimands(page.estimands());
                    stdout.print(org.trialsim.report.EstimandReport.table(page.estimands()));
                }
                stdout.flush();
                files.stageReports(result, targetPower, scenario.primaryMeasure());
                stageTrialCharts(files, powerStudy, result.provenance());
                stageScoreChart(files, page.curves(), result.provenance(), scenario.name());
                List<Path> written = files.commit();
                if (!root.quiet) {
                    stderr.println("wrote " + written.size() + " files to " + folder);
                }
            } finally {
                files.discard();
            }
            checkpoint.finished(result);
            return Interruption.exitStatus(result, stderr, resume);
        }
    }

    /**
     * A scenario with a multi-arm design ({@link MultiArmRun}): the folder holds the resolved scenario, the result
     * as text, CSV and JSON, and the power curve of {@code power:any}; no report page or trial charts, which are
     * of the patient-level engine.
     */
    private int multiArm(ScenarioSource source, TrialsimCommand root) throws IOException {
        MultiArmRun.refuse(checkpoint.file != null || checkpoint.resume, "--checkpoint/--resume");
        PrintWriter stderr = spec.commandLine().getErr();
        Scenario scenario = source.scenario();
        Path folder = out != null ? out
                : ResultFolder.claimNumbered(Path.of("trialsim-results"), scenario.name(), root.force, stderr);
        ResultFolder files = new ResultFolder(folder);
        Outputs.reading(source, stderr).folder("--out", folder, files.targets()).refuseClashes().lock(folder);
        ResultFolder.refuseOverwrite(files.targets(), root.force);
        StudyResult result = MultiArmRun.simulate(scenario, study);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(new PowerTable(Terminal.stdoutCharset()).render(result));
        stdout.flush();
        try {
            files.stageScenario(source.document(scenario), result.provenance().scenarioHash());
            files.stageReports(result, targetPower, "power:any");
            List<Path> written = files.commit();
            if (!root.quiet) {
                stderr.println("wrote " + written.size() + " files to " + folder);
            }
        } finally {
            files.discard();
        }
        return 0;
    }

    /**
     * The mean observed scores by arm and visit of the first score trajectory the trials analyse, with the band
     * across the report's replicated trials (the curves report.html draws for every trajectory); none without
     * one.
     */
    static void stageScoreChart(ResultFolder files, org.trialsim.report.ExpectedCurves curves, Provenance provenance,
            String scenario) throws IOException {
        if (curves == null || curves.scores().isEmpty()) {
            return;
        }
        String hash = provenance.scenarioHash();
        String subtitle = String.format(Locale.ROOT, "%s: %d replicated trials of %d patients (replicates 0 to %d);"
                + " trialsim %s; scenario sha256 %s", scenario, curves.replicates(), curves.patients(),
                curves.replicates() - 1, provenance.trialsimVersion(),
                hash.substring(0, Math.min(hash.length(), PowerCurveChart.HASH_DIGITS)));
        files.stageChart(ResultFolder.MEAN_SCORES, org.trialsim.charts.ScoreTrajectoryChart.chart(
                curves.scores().get(0), curves.replicates(), subtitle));
    }

    /**
     * Charts of one simulated trial at the largest sample size: replicate 0 of the study, replayed by the
     * patient-level engine ({@link PowerStudy#replay}), so the trial is one of those the study simulated and
     * {@code trialsim simulate} lists the same patients.
     */
    static void stageTrialCharts(ResultFolder files, PowerStudy study, Provenance provenance) throws IOException {
        Scenario scenario = study.scenario();
        int n = scenario.maxSampleSize();
        TrialReplay replay = study.replay(0, n);
        TrialCurves curves = TrialCurves.of(replay);
        // Traceable like the power curve's subtitle: the version, the patient-level model that drew this trial
        // (whatever model ran the study), and the first hex digits of the run's scenario hash (the full one is in
        // the run's CSV and JSON).
        String hash = provenance.scenarioHash();
        String subtitle = String.format(Locale.ROOT, "%s: one simulated trial of %d patients (seed %d, replicate 0);"
                + " patient-level model; trialsim %s; scenario sha256 %s", scenario.name(), n, replay.seed(),
                provenance.trialsimVersion(), hash.substring(0, Math.min(hash.length(), PowerCurveChart.HASH_DIGITS)));
        double induction = scenario.schedule().inductionWeeks();
        double horizon = curves.horizon() - induction;
        if (curves.hasRelapse()) {
            boolean fromRandomization = curves.relapseFromRandomization();
            // depressive relapse among responders; a relapse timed from randomization is the textbook event, titled
            // by its name like any other event
            files.stageChart(ResultFolder.RELAPSE, TrialCharts.kaplanMeier(fromRandomization
                    ? TrialCharts.eventTitle("relapse") : TrialCharts.RELAPSE_TITLE,
                    fromRandomization ? "Weeks since randomization" : "Weeks since the end of induction (responders)",
                    curves.relapse(), fromRandomization ? curves.horizon() : horizon, subtitle));
        }
        if (curves.hasBenzodiazepineUsers()) {
            files.stageChart(ResultFolder.BENZODIAZEPINE, TrialCharts.kaplanMeier(TrialCharts.BENZODIAZEPINE_TITLE,
                    "Weeks since the end of induction (discontinuers)", curves.benzodiazepineRelapse(), horizon,
                    subtitle));
        }
        for (var outcome : curves.otherEvents().entrySet()) {
            // titled from the outcome's own name, never as depressive relapse; from its origin to the end of follow-up
            files.stageChart(ResultFolder.EVENT_PREFIX + outcome.getKey(), TrialCharts.kaplanMeier(
                    TrialCharts.eventTitle(outcome.getKey()), "Weeks from the origin of " + outcome.getKey(),
                    outcome.getValue(), curves.horizon(), subtitle));
        }
        if (curves.hasResponse()) { // responding and relapsed states: only where patients can respond
            files.stageChart(ResultFolder.OCCUPANCY, TrialCharts.occupancy(curves.occupancy(), subtitle));
        }
    }
}
