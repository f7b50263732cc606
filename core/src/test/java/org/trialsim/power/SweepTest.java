package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Scenario;

class SweepTest {

    private static Scenario cell(Map<String, Double> values) {
        return TestScenarios.twoArmBinary(values.get("arms.trt.response.probability"),
                values.get("arms.ctrl.response.probability"), List.of(60, 100), 0.025, Design.Sidedness.ONE_SIDED,
                Analysis.Test.CHI_SQUARE);
    }

    @Test
    void gridCellsRunAsOneStudyWithARowPerCell() {
        Scenario base = cell(Map.of("arms.trt.response.probability", 0.5, "arms.ctrl.response.probability", 0.25));
        PowerStudy template = PowerStudy.of(base, new NormalApproximationModel()).replicates(2_000).seed(3);
        Sweep sweep = Sweep.of(template, SweepTest::cell).range("arms.trt.response.probability", 0.4, 0.6, 0.1)
                .axis("arms.ctrl.response.probability", 0.2, 0.3);
        assertEquals(6, sweep.cells().size());
        StudyResult r = sweep.run(ProgressListener.NONE, () -> false);
        List<String> cells = r.rows().stream().map(MeasureRow::cell).distinct().toList();
        assertEquals(List.of("arms.trt.response.probability=0.4,arms.ctrl.response.probability=0.2",
                "arms.trt.response.probability=0.4,arms.ctrl.response.probability=0.3",
                "arms.trt.response.probability=0.5,arms.ctrl.response.probability=0.2",
                "arms.trt.response.probability=0.5,arms.ctrl.response.probability=0.3",
                "arms.trt.response.probability=0.6,arms.ctrl.response.probability=0.2",
                "arms.trt.response.probability=0.6,arms.ctrl.response.probability=0.3"), cells);
        assertEquals(6 * 2_000, r.provenance().replicates());
        // Each cell equals the study of that scenario alone (same seed: common random numbers).
        StudyResult alone = template.withScenario(cell(sweep.cells().get(3))).cell(cells.get(3)).run();
        List<MeasureRow> rows3 = r.rows().stream().filter(row -> row.cell().equals(cells.get(3))).toList();
        assertEquals(alone.rows(), rows3);
        // Power grows with the treatment rate along the first axis (common random numbers make this exact).
        double p04 = power(r, cells.get(0));
        double p05 = power(r, cells.get(2));
        double p06 = power(r, cells.get(4));
        assertTrue(p04 <= p05 && p05 <= p06);
    }

    private static double power(StudyResult r, String cell) {
        return r.rows().stream().filter(row -> row.cell().equals(cell) && row.nTotal() == 100
                && row.measure().equals("power:response")).findFirst().orElseThrow().estimate().estimate();
    }

    /**
     * A sweep stopped in its second cell and resumed from the cells' checkpoints gives the rows of an
     * uninterrupted sweep, bit for bit; the completed first cell is read back without simulating a replicate.
     */
    @Test
    void aStoppedSweepResumesFromItsCellsCheckpoints() {
        Scenario base = cell(Map.of("arms.trt.response.probability", 0.5, "arms.ctrl.response.probability", 0.25));
        PowerStudy template = PowerStudy.of(base).replicates(3_000).seed(5).batchSize(100);
        Sweep sweep = Sweep.of(template, SweepTest::cell).axis("arms.trt.response.probability", 0.4, 0.5, 0.6)
                .axis("arms.ctrl.response.probability", 0.25);
        StudyResult whole = sweep.run(ProgressListener.NONE, () -> false);

        Map<Integer, StudyCounts> saved = new HashMap<>();
        Sweep.CellCheckpoints memory = new Sweep.CellCheckpoints() {
            @Override
            public StudyCounts resume(int index, PowerStudy cell) {
                return saved.get(index);
            }

            @Override
            public CheckpointListener listener(int index, PowerStudy cell) {
                return c -> saved.put(index, c);
            }
        };
        // Stop once the second cell has 1000 replicates (progress counts over all cells: 3000 per cell).
        StudyResult stopped = sweep.run((done, max) -> { }, () -> saved.containsKey(1)
                && saved.get(1).replicates() >= 1_000, memory);
        assertTrue(stopped.provenance().partial(), "not stopped: cells saved " + saved.keySet() + " at "
                + saved.values().stream().map(StudyCounts::replicates).toList());
        assertEquals(3_000, saved.get(0).replicates());
        assertTrue(saved.get(1).replicates() >= 1_000 && saved.get(1).replicates() < 3_000,
                "second cell at " + saved.get(1).replicates());
        assertEquals(null, saved.get(2));

        List<Long> progressOfFirstCell = new ArrayList<>();
        StudyResult resumed = sweep.run((done, max) -> {
            if (done <= 3_000) {
                progressOfFirstCell.add(done);
            }
        }, () -> false, memory);
        assertEquals(whole.rows(), resumed.rows());
        assertEquals(whole.warnings(), resumed.warnings());
        assertEquals(9_000, resumed.provenance().replicates());
        assertTrue(progressOfFirstCell.stream().allMatch(d -> d == 3_000), "the completed cell simulated again: "
                + progressOfFirstCell);
    }
}
