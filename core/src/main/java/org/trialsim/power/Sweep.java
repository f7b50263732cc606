package org.trialsim.power;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.trialsim.TrialsimVersion;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * A grid over numeric scenario parameters named by key paths (for example
 * {@code arms.ketamine.response.probability} by {@code strata.benzo_users.prevalence}), run as one study
 * with a row per cell ({@link MeasureRow#cell()}, labelled {@code key=value,key=value}). Every cell runs with
 * the same seed, so neighbouring cells share their random numbers (common random numbers) and the surface
 * is smooth; the first axis varies slowest.
 */
public final class Sweep {

    /**
     * The scenario with the given values set at their key paths, normally by re-parsing the scenario file
     * with the values substituted, so that every validation rule applies to every cell.
     */
    @FunctionalInterface
    public interface ScenarioVariation {
        /** The scenario of one cell. */
        Scenario at(Map<String, Double> values);
    }

    private final PowerStudy template;
    private final ScenarioVariation variation;
    private final SweepGrid grid;

    private Sweep(PowerStudy template, ScenarioVariation variation, SweepGrid grid) {
        this.template = template;
        this.variation = variation;
        this.grid = grid;
    }

    /**
     * A sweep that runs every cell with the settings of {@code template} (replicates, seed, threads, sample
     * sizes, precision) on the scenario {@code variation} gives for the cell.
     */
    public static Sweep of(PowerStudy template, ScenarioVariation variation) {
        return new Sweep(Objects.requireNonNull(template), Objects.requireNonNull(variation), SweepGrid.NONE);
    }

    /**
     * A sweep of a scenario file: every cell is the file re-parsed with the cell's values set at their key
     * paths ({@link ScenarioParser#parse(Path, Map)}), so each cell is validated like the file itself.
     * Provenance records the hash of the file's scenario without overrides.
     */
    public static Sweep of(PowerStudy template, Path scenarioFile) {
        Objects.requireNonNull(scenarioFile, "scenarioFile");
        return of(template, values -> ScenarioParser.parse(scenarioFile, values));
    }

    /** Adds an axis with the given values. */
    public Sweep axis(String keyPath, double... axisValues) {
        return new Sweep(template, variation, grid.axis(keyPath, axisValues));
    }

    /**
     * Adds an axis {@code from, from + step, ..., to} (inclusive up to rounding; values are rounded to 12
     * significant digits so that 0.1 steps give 0.3, not 0.30000000000000004). Named apart from
     * {@link #axis(String, double...)}: as an overload of it, three listed values would have been read as a range.
     */
    public Sweep range(String keyPath, double from, double to, double step) {
        return new Sweep(template, variation, grid.range(keyPath, from, to, step));
    }

    /** The cells in run order, each a map from key path to value. */
    public List<Map<String, Double>> cells() {
        return grid.cells();
    }

    /** The grid of cells. */
    public SweepGrid grid() {
        return grid;
    }

    /** The label of a cell, for example {@code arms.ketamine.response.probability=0.45}. */
    public static String label(Map<String, Double> cell) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : cell.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(BigDecimal.valueOf(e.getValue()).stripTrailingZeros()
                    .toPlainString());
        }
        return sb.toString();
    }

    /**
     * The axes of a cell label written by {@link #label}: key path to the value's text, in axis order; empty for
     * the empty label (a study outside a sweep). A part without {@code =} is kept whole as a key with an empty
     * value, so no label is lost.
     */
    public static Map<String, String> axes(String label) {
        Map<String, String> axes = new LinkedHashMap<>();
        if (label.isEmpty()) {
            return axes;
        }
        for (String part : label.split(",", -1)) {
            int eq = part.lastIndexOf('=');
            axes.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        return axes;
    }

    /**
     * Where a sweep keeps its progress: one checkpoint per cell, since each cell is a study of its own (its
     * {@link PowerStudy#fingerprint()} names the cell and the cell's scenario, so a checkpoint cannot be
     * resumed into another cell). A cell's checkpoint must be kept after the cell completes, until the whole
     * sweep's results are written: resuming then finds completed cells complete and runs no replicate for them.
     */
    public interface CellCheckpoints {
        /** No checkpoints: every cell runs from the start and saves nothing. */
        CellCheckpoints NONE = new CellCheckpoints() {
            @Override
            public StudyCounts resume(int index, PowerStudy cell) {
                return null;
            }

            @Override
            public CheckpointListener listener(int index, PowerStudy cell) {
                return CheckpointListener.NONE;
            }
        };

        /** The checkpoint to resume cell {@code index} (run as {@code cell}) from, or null to start it afresh. */
        StudyCounts resume(int index, PowerStudy cell);

        /** Receives cell {@code index}'s checkpoints while it runs. */
        CheckpointListener listener(int index, PowerStudy cell);

        /** Cell {@code index} has stopped, complete or interrupted: save whatever is still pending. */
        default void stopped(int index) {
        }
    }

    /**
     * Runs every cell. Progress counts replicates over all cells; on cancellation the cells completed so far
     * and the whole batches of the current cell are returned, flagged partial. The provenance records the
     * template's scenario hash and the total replicates over cells.
     */
    public StudyResult run(ProgressListener progress, BooleanSupplier cancelled) {
        return run(progress, cancelled, CellCheckpoints.NONE);
    }

    /**
     * Runs every cell as {@link #run(ProgressListener, BooleanSupplier)}, each resumed from and saving to
     * {@code checkpoints}: an interrupted sweep resumed this way gives the rows of an uninterrupted one, bit for
     * bit (each cell does, {@link PowerStudy#run(ProgressListener, BooleanSupplier, StudyCounts,
     * CheckpointListener)}).
     */
    public StudyResult run(ProgressListener progress, BooleanSupplier cancelled, CellCheckpoints checkpoints) {
        List<PowerStudy> studies = cellStudies();
        List<StudyResult> results = new ArrayList<>();
        for (int i = 0; i < studies.size(); i++) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                break;
            }
            final int index = i;
            final int cells = studies.size();
            PowerStudy study = studies.get(i);
            StudyResult r;
            try {
                r = study.run((done, max) -> progress.onProgress(index * max + done, cells * max), cancelled,
                        checkpoints.resume(i, study), checkpoints.listener(i, study));
            } finally {
                checkpoints.stopped(i);
            }
            results.add(r);
            if (r.provenance().partial()) {
                break;
            }
        }
        return combine(results);
    }

    /**
     * The study of every cell, in run order: the template's settings on the cell's scenario, its rows labelled
     * with the cell. A runner of its own (shards, a cluster) counts replicate ranges of each with {@link
     * PowerStudy#counts(long, long)} and hands the merged counts to {@link #result(List)}.
     */
    public List<PowerStudy> cellStudies() {
        List<PowerStudy> studies = new ArrayList<>();
        for (Map<String, Double> cell : cells()) {
            studies.add(template.withScenario(variation.at(cell)).cell(label(cell)));
        }
        return List.copyOf(studies);
    }

    /** The number of cells: the product of the axes' lengths (1 without axes). */
    public int cellCount() {
        return grid.cellCount();
    }

    /**
     * The study of cell {@code index} in run order, built alone (its scenario parsed, nothing else): the element
     * {@code index} of {@link #cellStudies()}, for a runner whose workers count a few cells of a large grid
     * (the first axis varies slowest, as in {@link #cells()}).
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, cellCount())}
     */
    public PowerStudy cellStudy(int index) {
        Map<String, Double> cell = grid.cell(index);
        return template.withScenario(variation.at(cell)).cell(label(cell));
    }

    /**
     * The sweep's result from the counts of its first cells, in run order (each of the {@link #cellStudies()
     * cell's study}, covering its replicates {@code [0, k)}): the bits {@link #run} gives, complete if every
     * cell's counts are complete, else the partial result of a sweep cancelled there (fewer counts than cells,
     * or a cell's counts short of its replicates; the cells after a partial one are not reported).
     *
     * @throws IllegalArgumentException if more counts than cells are given, or a cell's counts are of another
     *     study or not a prefix of its replicates ({@link PowerStudy#result(StudyCounts)})
     */
    public StudyResult result(List<StudyCounts> counts) {
        List<PowerStudy> studies = cellStudies();
        if (counts.size() > studies.size()) {
            throw new IllegalArgumentException(counts.size() + " cells of counts for a sweep of " + studies.size());
        }
        List<StudyResult> results = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            StudyResult r = studies.get(i).result(counts.get(i));
            results.add(r);
            if (r.provenance().partial()) {
                break;
            }
        }
        return combine(results, counts.size() < studies.size());
    }

    private StudyResult combine(List<StudyResult> results) {
        return combine(results, results.size() < cells().size());
    }

    /**
     * One result of the cells' results, in run order; partial if {@code missing} (cells not run) or a cell's
     * result is. The provenance records the template's scenario hash and the total replicates over cells.
     */
    private StudyResult combine(List<StudyResult> results, boolean missing) {
        Provenance p = new Provenance(TrialsimVersion.version(), "", TrialsimVersion.commonsRngVersion(),
                template.seed(), template.hash(), 0, false, template.modelName(), ReplicateStreams.LAYOUT, 0);
        return grid.combine(results, missing, p, template.scenario().name());
    }
}
