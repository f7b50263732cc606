package org.trialsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.trialsim.power.StudyResult;
import org.trialsim.charts.ChartImage;
import org.trialsim.report.JsonReport;
import org.trialsim.charts.PowerCurveChart;
import org.trialsim.report.Reporter;
import org.trialsim.report.ResultFormat;
import org.trialsim.io.OutputLock;
import org.trialsim.io.StagedOutput;

/**
 * The folder {@code trialsim run} writes: the result in every registered {@link ResultFormat} ({@code power.txt},
 * {@code power.csv}, {@code power.json}), the power curve and the charts of one simulated trial
 * ({@code relapse-km}, {@code benzodiazepine-km}, {@code occupancy}, and {@code km-<outcome>} for every other
 * time-to-event outcome the trial analyses, {@code km-pfs} for an event named {@code pfs}) in every
 * {@link ChartImage} ({@code .png}, {@code .svg}). Existing results are refused without {@code --force}; every file is staged in full and then
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
    /** The prefix of the Kaplan-Meier chart of each other time-to-event outcome, {@code km-<outcome>}. */
    static final String EVENT_PREFIX = "km-";
    static final String MEAN_SCORES = org.trialsim.charts.ScoreTrajectoryChart.FILE;
    /** The scenario the result was run from, resolved with its defaults. */
    static final String SCENARIO = "scenario.yaml";
    /** The estimand section, where the scenario names a strategy ({@code org.trialsim.report.EstimandReport}). */
    static final String ESTIMANDS = "estimands.csv";

    /** Every file name the folder can hold: the result in each format, each chart in each image format. */
    static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of(SCENARIO, ReportPage.FILE, ESTIMANDS));
        for (ResultFormat f : ResultFormat.values()) {
            names.add(file(RESULT, f.extension()));
        }
        for (String chart : List.of(POWER_CURVE, RELAPSE, BENZODIAZEPINE, OCCUPANCY, MEAN_SCORES)) {
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

    /**
     * The folder {@code run} writes to when not told: {@code parent/name}, or when that holds results the first
     * of {@code name-2}, {@code name-3}, ... that holds none, so that a rerun never needs {@code --force} and
     * never replaces an earlier result; with {@code last} (a run that replaces or resumes its own output) the
     * last of them that exists.
     */
    static Path numbered(Path parent, String name, boolean last) {
        return numbered(parent, name, last, folder -> false);
    }

    /**
     * {@link #numbered(Path, String, boolean)} passing over the free folders {@code taken} says another run has
     * claimed (a run that started in the same instant and has not written its results yet).
     */
    private static Path numbered(Path parent, String name, boolean last, java.util.function.Predicate<Path> taken) {
        Path previous = parent.resolve(name);
        for (int k = 2; ; k++) {
            Path candidate = k == 2 ? previous : parent.resolve(name + "-" + (k - 1));
            Path next = parent.resolve(name + "-" + k);
            if (last ? !Files.exists(next) : !holdsResults(candidate) && !taken.test(candidate)) {
                return candidate;
            }
            previous = candidate;
        }
    }

    /**
     * The numbered folder {@code run} writes to when not told ({@link #numbered(Path, String, boolean)}), claimed
     * for this run ({@link OutputLock}, kept until the command ends) before anything is written: {@code parent}
     * is created first, so that two runs starting in the same instant cannot both choose the same new folder;
     * the second passes over a folder the first has claimed to the next number, and says so on {@code log}.
     * With {@code last} (a run that replaces or resumes its own output) the folder is claimed as any output: a
     * run writing it already is a refusal.
     *
     * @throws UsageException if the folder cannot be claimed
     */
    static Path claimNumbered(Path parent, String name, boolean last, java.io.PrintWriter log) throws IOException {
        Files.createDirectories(parent);
        if (last) {
            return numbered(parent, name, true);
        }
        List<Path> passed = new ArrayList<>();
        Path chosen = numbered(parent, name, false, folder -> {
            try {
                Outputs.held(OutputLock.acquire(folder), folder, log);
                return false;
            } catch (OutputLock.Held e) {
                passed.add(folder);
                return true;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(new IOException("cannot write results in " + parent + ": "
                        + e.getMessage(), e));
            }
        });
        if (!passed.isEmpty()) {
            log.println("trialsim: " + String.join(", ", passed.stream().map(Path::toString).toList())
                    + (passed.size() == 1 ? " is" : " are") + " being written by another trialsim run; writing to "
                    + chosen);
            log.flush();
        }
        return chosen;
    }

    /** Whether a folder holds any file of a result. */
    private static boolean holdsResults(Path folder) {
        return NAMES.stream().anyMatch(n -> Files.exists(folder.resolve(n))) || !eventCharts(folder).isEmpty();
    }

    /** The targets of every name in the folder, and the outcome charts ({@code km-*}) an earlier run left there. */
    List<Path> targets() {
        List<Path> targets = new ArrayList<>(NAMES.stream().map(folder::resolve).toList());
        targets.addAll(eventCharts(folder));
        return targets;
    }

    /** The outcome charts ({@code km-<outcome>.png} and {@code .svg}) in a folder. */
    private static List<Path> eventCharts(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(EVENT_PREFIX) && java.util.Arrays.stream(ChartImage.values())
                        .anyMatch(i -> n.endsWith("." + i.extension()));
            }).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Stages the result in every format (text in UTF-8) and its power curve in every image format, the primary
     * measure's curve first.
     */
    void stageReports(StudyResult result, double targetPower, String primary) throws IOException {
        for (ResultFormat f : ResultFormat.values()) {
            Reporter reporter = f == ResultFormat.JSON && document != null ? new JsonReport(document)
                    : f.reporter(StandardCharsets.UTF_8);
            stage(file(RESULT, f.extension()), result, reporter);
        }
        for (ChartImage image : ChartImage.values()) {
            stage(file(POWER_CURVE, image.extension()), result, new PowerCurveChart(image, targetPower, primary));
        }
    }

    /**
     * Stages {@value #SCENARIO}: the scenario resolved with its defaults, headed by where it came from and its
     * SHA-256; and keeps the document for {@code power.json}, which carries it too.
     */
    void stageScenario(org.trialsim.scenario.ScenarioDocument document, String sha256) throws IOException {
        this.document = document;
        String head = "# The scenario of the result beside this file: " + document.source() + ", resolved with the\n"
                + "# scenario defaults and any values set at the command line (the defaults of each arm, stratum and\n"
                + "# endpoint apply when it is read). 'trialsim run scenario.yaml' with the seed and model of\n"
                + "# power.json reproduces the result. scenario_sha256: " + sha256 + "\n";
        staged.stage(folder.resolve(SCENARIO), out -> out.write((head + document.resolved())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private org.trialsim.scenario.ScenarioDocument document;

    /** Stages {@value #ESTIMANDS}: the estimand section as CSV (one row per endpoint and size). */
    void stageEstimands(List<org.trialsim.power.EstimandStudy.Row> rows) throws IOException {
        String text = org.trialsim.report.EstimandReport.csv(rows);
        staged.stage(folder.resolve(ESTIMANDS), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Stages {@code report.html}. */
    void stageReport(StudyResult result, Reporter page) throws IOException {
        stage(ReportPage.FILE, result, page);
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
