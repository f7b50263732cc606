package org.trialsim.multiarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.trialsim.TrialsimVersion;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyCounts;
import org.trialsim.power.StudyResult;
import org.trialsim.power.Sweep;
import org.trialsim.power.SweepGrid;
import org.trialsim.scenario.ScenarioHash;

/**
 * A sweep of a multi-arm design over numeric scenario values ({@link SweepGrid}): each cell the template's
 * {@link MultiArmStudy} (sizes, replicates, seed: common random numbers across cells) on the cell's scenario,
 * its rows labelled with the cell, as the patient-level engine's {@link Sweep}. Each cell is a study of its own
 * ({@link #cellStudy(int)}, a {@link org.trialsim.power.MonteCarloStudy}), so shards and cluster runners count
 * replicate ranges of cells and hand the merged counts to {@link #result(List)}: the bits of {@link #run(int)}.
 */
public final class MultiArmSweep {

    private final MultiArmStudy template;
    private final Sweep.ScenarioVariation variation;
    private final SweepGrid grid;

    private MultiArmSweep(MultiArmStudy template, Sweep.ScenarioVariation variation, SweepGrid grid) {
        this.template = Objects.requireNonNull(template, "template");
        this.variation = Objects.requireNonNull(variation, "variation");
        this.grid = Objects.requireNonNull(grid, "grid");
    }

    /**
     * The sweep of {@code template} over {@code grid}, each cell's scenario from {@code variation} (normally the
     * scenario file re-parsed with the cell's values, so each cell is validated as the file is).
     */
    public static MultiArmSweep of(MultiArmStudy template, Sweep.ScenarioVariation variation, SweepGrid grid) {
        return new MultiArmSweep(template, variation, grid);
    }

    /** The template study. */
    public MultiArmStudy template() {
        return template;
    }

    /** The grid. */
    public SweepGrid grid() {
        return grid;
    }

    /** The number of cells. */
    public int cellCount() {
        return grid.cellCount();
    }

    /**
     * The study of cell {@code index} in run order, built alone.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, cellCount())}
     * @throws IllegalArgumentException if the cell's scenario has sizes that make no design
     */
    public MultiArmStudy cellStudy(int index) {
        Map<String, Double> cell = grid.cell(index);
        return template.cell(variation.at(cell), Sweep.label(cell));
    }

    /** Every cell's study, in run order (each scenario parsed and its designs built). */
    public List<MultiArmStudy> cellStudies() {
        List<MultiArmStudy> studies = new ArrayList<>();
        for (int i = 0; i < cellCount(); i++) {
            studies.add(cellStudy(i));
        }
        return List.copyOf(studies);
    }

    /** Runs every cell whole on {@code threads} threads, in run order. */
    public StudyResult run(int threads) {
        List<StudyResult> results = new ArrayList<>();
        for (int i = 0; i < cellCount(); i++) {
            results.add(cellStudy(i).run(threads));
        }
        return combine(results, false);
    }

    /**
     * The sweep's result from the counts of its first cells, in run order, each over replicates {@code [0, k)}
     * of the cell's study: the bits of {@link #run(int)} if every cell's counts are complete, else the partial
     * result of a sweep stopped there.
     *
     * @throws IllegalArgumentException if more counts than cells are given, or a cell's counts are of another
     *     study or not a prefix ({@link MultiArmStudy#result(StudyCounts)})
     */
    public StudyResult result(List<StudyCounts> counts) {
        if (counts.size() > cellCount()) {
            throw new IllegalArgumentException(counts.size() + " cells of counts for a sweep of " + cellCount());
        }
        List<StudyResult> results = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            StudyResult r = cellStudy(i).result(counts.get(i));
            results.add(r);
            if (r.provenance().partial()) {
                break;
            }
        }
        return combine(results, counts.size() < cellCount());
    }

    private StudyResult combine(List<StudyResult> results, boolean missing) {
        Provenance p = new Provenance(TrialsimVersion.version(), "", TrialsimVersion.commonsRngVersion(),
                template.seed(), ScenarioHash.sha256(template.scenario()), 0, false, template.modelName(),
                template.streamLayout(), 0);
        return grid.combine(results, missing, p, template.scenario().name());
    }
}
