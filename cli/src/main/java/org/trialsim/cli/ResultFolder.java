package org.trialsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.trialsim.power.StudyResult;
import org.trialsim.report.ChartImage;
import org.trialsim.report.CsvReport;
import org.trialsim.report.JsonReport;
import org.trialsim.report.PowerCurveChart;
import org.trialsim.report.PowerTable;
import org.trialsim.report.Reporter;
import org.trialsim.report.StagedOutput;

/**
 * The folder {@code trialsim run} writes: the power table ({@code power.txt}), the results in long format
 * ({@code power.csv}, {@code power.json}), the power curve ({@code power-curve.png}, {@code .svg}) and the
 * charts of one simulated trial ({@code relapse-km}, {@code benzodiazepine-km}, {@code occupancy}, each PNG
 * and SVG). Existing results are refused without {@code --force}; every file is staged in full and then
 * renamed into place, so none is ever half-overwritten.
 */
final class ResultFolder {

    static final String TABLE = "power.txt";
    static final String CSV = "power.csv";
    static final String JSON = "power.json";
    static final String POWER_CURVE = "power-curve";
    static final String RELAPSE = "relapse-km";
    static final String BENZODIAZEPINE = "benzodiazepine-km";
    static final String OCCUPANCY = "occupancy";

    /** Every file name the folder can hold. */
    static final List<String> NAMES = List.of(TABLE, CSV, JSON, POWER_CURVE + ".png", POWER_CURVE + ".svg",
            RELAPSE + ".png", RELAPSE + ".svg", BENZODIAZEPINE + ".png", BENZODIAZEPINE + ".svg",
            OCCUPANCY + ".png", OCCUPANCY + ".svg");

    private final Path folder;
    private final StagedOutput staged = new StagedOutput();

    ResultFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Refuses to go on when results exist and {@code force} is not set, before any work is done.
     *
     * @throws UsageException naming the existing files
     */
    static void refuseOverwrite(List<Path> targets, boolean force) {
        if (force) {
            return;
        }
        List<String> existing = new ArrayList<>();
        for (Path p : targets) {
            if (Files.exists(p)) {
                existing.add(p.toString());
            }
        }
        if (!existing.isEmpty()) {
            throw new UsageException("results exist and are kept: " + String.join(", ", existing)
                    + "; add --force to replace them, or choose another place with --out");
        }
    }

    /** The targets of every name in the folder. */
    List<Path> targets() {
        return NAMES.stream().map(folder::resolve).toList();
    }

    void stageReports(StudyResult result, double targetPower) throws IOException {
        stage(TABLE, result, new PowerTable(StandardCharsets.UTF_8));
        stage(CSV, result, new CsvReport());
        stage(JSON, result, new JsonReport());
        stage(POWER_CURVE + ".png", result, new PowerCurveChart(ChartImage.PNG, targetPower));
        stage(POWER_CURVE + ".svg", result, new PowerCurveChart(ChartImage.SVG, targetPower));
    }

    private void stage(String name, StudyResult result, Reporter reporter) throws IOException {
        staged.stage(folder.resolve(name), out -> reporter.write(result, out));
    }

    void stageChart(String name, JFreeChart chart) throws IOException {
        for (ChartImage image : ChartImage.values()) {
            staged.stage(folder.resolve(name + "." + image.extension()),
                    out -> image.write(chart, ChartImage.WIDTH, ChartImage.HEIGHT, out));
        }
    }

    /**
     * Renames every staged file into place, then deletes the files of the set that this run did not write
     * (a chart the scenario no longer has), so that the folder holds one result, not a mix of two.
     */
    List<Path> commit() throws IOException {
        List<Path> written;
        try {
            written = staged.commit();
        } finally {
            staged.close();
        }
        List<Path> absolute = written.stream().map(Path::toAbsolutePath).toList();
        for (Path target : targets()) {
            if (!absolute.contains(target.toAbsolutePath())) {
                Files.deleteIfExists(target);
            }
        }
        return written;
    }

    /** Deletes anything staged and not committed. */
    void discard() throws IOException {
        staged.close();
    }

    /** A reporter's output as text (for standard output). */
    static String render(Reporter reporter, StudyResult result) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        reporter.write(result, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
