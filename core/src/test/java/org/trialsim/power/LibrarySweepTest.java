package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.ScenarioLibrary;

/** A sweep over a parsed scenario file, through the parser's overrides at key paths. */
class LibrarySweepTest {

    @Test
    void sweepsTheKetamineScenarioFileByResponseAndPrevalence(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ketamine.yaml");
        Files.writeString(file, ScenarioLibrary.text(ScenarioLibrary.DEFAULT));
        Scenario base = ScenarioLibrary.load(ScenarioLibrary.DEFAULT);
        PowerStudy template = PowerStudy.of(base).replicates(400).seed(17).sampleSizes(80, 160).batchSize(100)
                .scenarioHash(ScenarioHash.sha256(base));
        Sweep sweep = Sweep.of(template, file).range("arms.ketamine.response.probability", 0.40, 0.60, 0.20)
                .range("strata.benzo_users.prevalence", 0.30, 0.50, 0.20);
        StudyResult r = sweep.run(ProgressListener.NONE, () -> false);
        List<String> cells = r.rows().stream().map(MeasureRow::cell).distinct().toList();
        assertEquals(List.of("arms.ketamine.response.probability=0.4,strata.benzo_users.prevalence=0.3",
                "arms.ketamine.response.probability=0.4,strata.benzo_users.prevalence=0.5",
                "arms.ketamine.response.probability=0.6,strata.benzo_users.prevalence=0.3",
                "arms.ketamine.response.probability=0.6,strata.benzo_users.prevalence=0.5"), cells);
        assertEquals(ScenarioHash.sha256(base), r.provenance().scenarioHash());
        assertEquals(4 * 400, r.provenance().replicates());
        assertFalse(r.provenance().partial());
        assertEquals(ReplicateStreams.LAYOUT, r.provenance().streamLayout());
        String primary = "power:" + base.endpoints().get(0).name();
        double low = value(r, cells.get(0), primary);
        double high = value(r, cells.get(2), primary);
        assertTrue(high > low, low + " vs " + high);
        // Every cell also reports the type I error of its own null scenario.
        assertTrue(r.rows().stream().anyMatch(row -> row.cell().equals(cells.get(3))
                && row.measure().equals("type1:any")));
    }

    private static double value(StudyResult r, String cell, String measure) {
        return r.rows().stream().filter(row -> row.cell().equals(cell) && row.nTotal() == 160
                && row.measure().equals(measure)).findFirst().orElseThrow().estimate().estimate();
    }
}
