package org.trialsim.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.TrialReplay;
import org.trialsim.report.PatientTable;
import org.trialsim.io.StagedOutput;
import org.trialsim.scenario.Limits;
import org.trialsim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim simulate FILE --n N --replicate K [--seed S] [--columns VIEWS] [--out patients.csv]}: writes
 * the patient listing of one simulated trial ({@link PatientTable}): replicate K of the study at N patients,
 * replayed by the power engine ({@link PowerStudy#replay}) from (seed, replicate) alone, so the same K gives the
 * same rows whatever else was run. A file is written to a temporary name and renamed into place
 * ({@link StagedOutput}), so a failure never leaves half a file. Failures follow {@link Failures}: an invalid
 * scenario or bad option is exit code 2 with a message, never a stack trace.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write the patients of one simulated trial (replicate K) as CSV, with provenance.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim simulate my-trial.yaml --n 120 --replicate 17 --out patients.csv",
            "  trialsim simulate ketamine-vs-midazolam --n 200 --replicate 0 --columns observed,latent"})
public final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    TrialsimCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|NAME",
            description = "A scenario file (YAML or JSON) or a built-in scenario name, as for run and power.")
    String scenarioArgument;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of patients (total).")
    int n;

    @Option(names = "--replicate", required = true, paramLabel = "K",
            description = "Replicate index (0-based) of the study.")
    long replicate;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: the scenario's seed).")
    Long seed;

    @Option(names = "--columns", split = ",", paramLabel = "VIEW", converter = ViewConverter.class,
            description = "Which values to list, comma-separated: observed (as the trial sees them, the default),"
                    + " analysed (the time-to-event rows the analysis takes), latent (the true trajectory).")
    List<PatientColumn.View> columns;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a number at a scenario key path, for example "
                    + "--set arms.ketamine.response.probability=0.45 (repeatable).")
    java.util.List<String> set = new java.util.ArrayList<>();

    @Option(names = "--out", paramLabel = "CSV",
            description = "Output file (default: standard output); an existing file needs --force.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!Limits.sampleSizeAllowed(n)) {
            throw new UsageException("--n must be " + Limits.sampleSizeRange() + ", found " + n);
        }
        if (replicate < 0) {
            throw new UsageException("--replicate must be >= 0, found " + replicate);
        }
        ScenarioSource source = ScenarioSource.resolve(scenarioArgument);
        Outputs.reading(source, spec.commandLine().getErr()).file("--out", out).refuseClashes().lock(out);
        if (out != null && Files.exists(out) && (root == null || !root.force)) {
            throw new UsageException(out + " exists; add --force to replace it");
        }
        Scenario scenario = source.set(set).scenario();
        MultiArmRun.refuseCommand(scenario, "simulate", "power or run, which report its operating characteristics");
        PowerStudy study = PowerStudy.of(scenario);
        TrialReplay replay;
        try {
            replay = study.seed(seed != null ? seed : study.seed()).replay(replicate, n);
        } catch (IllegalArgumentException e) {
            throw new UsageException(scenarioArgument + ": " + e.getMessage());
        }
        Set<PatientColumn.View> views = columns == null || columns.isEmpty()
                ? EnumSet.of(PatientColumn.View.OBSERVED) : EnumSet.copyOf(columns);
        if (out == null) {
            // the command line's standard output, which is checked (CheckedOutput), as every command's
            Writer w = spec.commandLine().getOut();
            PatientTable.write(replay, views, w);
            w.flush();
            return 0;
        }
        StagedOutput.write(out, stream -> PatientTable.write(replay, views,
                new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))));
        return 0;
    }

    /** Reads a view by its lower-case name. */
    static final class ViewConverter implements CommandLine.ITypeConverter<PatientColumn.View> {
        @Override
        public PatientColumn.View convert(String value) {
            try {
                return PatientColumn.View.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a view; allowed: observed, analysed, latent");
            }
        }
    }
}
