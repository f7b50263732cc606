package org.trialsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.trialsim.io.StagedOutput;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.report.JsonReport;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioDocument;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.ScenarioParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim report}: {@code report.html} from any result that carries its scenario (a {@code run} folder or
 * a {@code power --format json} file): the result is read, not simulated again; the scenario it carries is
 * checked against the result's SHA-256, and the page's boundaries and expected curves are drawn from it with the
 * result's seed, as {@code run} draws them.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write report.html, the whole study on one self-contained page, from a result.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim report trialsim-results/ketamine-vs-midazolam",
            "  trialsim report power.json --out protocol-figures.html",
            "",
            "RESULT is a folder written by 'trialsim run' (its power.json is read) or a JSON",
            "result of 'trialsim power --format json'. The page is written beside it as",
            "report.html (replaced: it is derived from the result) unless --out says where."})
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULT",
            description = "A results folder (with power.json) or a power.json file.")
    Path resultPath;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to write the page (default: report.html beside the result).")
    Path out;

    @Option(names = "--target-power", paramLabel = "P", defaultValue = "0.8",
            description = "Target power drawn on the power curve (default: ${DEFAULT-VALUE}).")
    double targetPower;

    @Override
    public Integer call() throws IOException {
        TrialsimCommand root = (TrialsimCommand) spec.root().userObject();
        Path json = Files.isDirectory(resultPath) ? resultPath.resolve(ResultFolder.JSON) : resultPath;
        if (!Files.isRegularFile(json)) {
            throw new UsageException(json + " does not exist; give a folder written by 'trialsim run' or a JSON result"
                    + " of 'trialsim power --format json'");
        }
        JsonReport.Read read;
        try (InputStream in = Files.newInputStream(json)) {
            read = JsonReport.read(in, json.toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (read.resolved() == null) {
            throw new UsageException(json + " carries no scenario (scenario_file): it was written by an earlier "
                    + "trialsim; run the study again to get a result that can be reported");
        }
        StudyResult result = read.result();
        Scenario scenario = ScenarioParser.parse(read.resolved(), json + ": scenario_file.resolved.yaml");
        // report.html replays trials of the patient-level engine, which a multi-arm design does not use
        MultiArmRun.refuseCommand(scenario, "report", "the power.txt, power.csv and power.json that power and run "
                + "write");
        TreeSet<Integer> sizes = new TreeSet<>();
        for (MeasureRow r : result.rows()) {
            sizes.add(r.nTotal());
        }
        PowerStudy study = PowerStudy.of(scenario).seed(result.provenance().seed())
                .sampleSizes(sizes.stream().mapToInt(Integer::intValue).toArray());
        String hash = ScenarioHash.sha256(study.scenario());
        if (!hash.equals(result.provenance().scenarioHash()) && result.rows().stream().allMatch(r -> r.cell().isEmpty())) {
            throw new UsageException(json + ": the scenario it carries has SHA-256 " + hash + " but the result was run"
                    + " from " + result.provenance().scenarioHash() + "; the file was edited");
        }
        ScenarioDocument document = ScenarioDocument.of(read.text().getBytes(StandardCharsets.UTF_8), read.source(),
                Map.of(), scenario.name(), study.scenario().design().sampleSizes());
        Path target = out != null ? out : json.resolveSibling(ReportPage.FILE);
        StagedOutput.write(target, o -> ReportPage.of(study, result, document, targetPower).write(result, o));
        if (!root.quiet) {
            spec.commandLine().getErr().println("wrote " + target);
        }
        return 0;
    }
}
