package org.trialsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.trialsim.power.StudyResult;
import org.trialsim.report.ChartImage;
import org.trialsim.report.PowerCurveChart;
import org.trialsim.report.Reporter;
import org.trialsim.report.ResultFormat;
import org.trialsim.io.StagedOutput;

/**
 * The folder {@code trialsim run} writes: the result in every registered {@link ResultFormat} ({@code power.txt},
 * {@code power.csv}, {@code power.json}), the power curve and the charts of one simulated trial
 * ({@code relapse-km}, {@code benzodiazepine-km}, {@code occupancy}) in every {@link ChartImage} ({@code .png},
 * {@code .svg}). Existing results are refused without {@code --force}; every file is staged in full and then
 * renamed into place, so none is ever half-overwritten.
 */
final class ResultFolder {

    /** The base name of the result's files, one per {@link ResultFormat}. */
    static final String RESULT = "power";
    static final String TABLE = file(RESULT, ResultFormat.TABLE.extension());
    static final String CSV = file(RESULT, ResultFormat.CSV.extension());
    static final String JSON = file(RESULT, ResultFormat.JSON.extension());
    static final String POWER_CURVE = "power-curve";
    static final String RELAPSE = "relapse-km";
    static final String BENZODIAZEPINE = "benzodiazepine-km";
    static final String OCCUPANCY = "occupancy";

    /** Every file name the folder can hold: the result in each format, each chart in each image format. */
    static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ResultFormat f : ResultFormat.values()) {
            names.add(file(RESULT, f.extension()));
        }
        for (String chart : List.of(POWER_CURVE, RELAPSE, BENZODIAZEPINE, OCCUPANCY)) {
            for (ChartImage image : ChartImage.values()) {
                names.add(file(chart, image.extension()));
            }
        }
        return List.copyOf(names);
    }

    private static String file(String base, String extension) {
        return base + "." + extension;
    }

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

    /**
     * Stages the result in every format (text in UTF-8) and its power curve in every image format, the primary
     * measure's curve first.
     */
    void stageReports(StudyResult result, double targetPower, String primary) throws IOException {
        for (ResultFormat f : ResultFormat.values()) {
            stage(file(RESULT, f.extension()), result, f.reporter(StandardCharsets.UTF_8));
        }
        for (ChartImage image : ChartImage.values()) {
            stage(file(POWER_CURVE, image.extension()), result, new PowerCurveChart(image, targetPower, primary));
        }
    }

    private void stage(String name, StudyResult result, Reporter reporter) throws IOException {
        staged.stage(folder.resolve(name), out -> reporter.write(result, out));
    }

    void stageChart(String name, JFreeChart chart) throws IOException {
        for (ChartImage image : ChartImage.values()) {
            staged.stage(folder.resolve(file(name, image.extension())),
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
}
