package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.power.CountLevelTrials;
import org.trialsim.power.MonteCarloStudy;

/**
 * {@link RunSpec#workerPlan(String)}, the plan a cluster's executor builds: it builds only the sweep cells its
 * tasks name (one parse each), and each is the study the driver's validated plan ({@link RunSpec#plan()}) has at
 * that index, with the driver's trial model: same fingerprint (scenario hash, cell, model, seed, replicates) and
 * same counts.
 */
class WorkerPlanTest {

    private static RunSpec spec(String scenario, boolean builtin, byte[] bytes, String... options) {
        return new RunSpec("power", List.of(options), scenario, builtin, bytes);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WorkerPlanTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aWorkerBuildsOnlyTheCellsItIsAskedForAndEachIsTheDriversStudy() {
        RunSpec run = spec(ScenarioSource.DEFAULT, true, ScenarioSource.resolve(ScenarioSource.DEFAULT).bytes(),
                "--n", "40,80", "--reps", "300", "--seed", "4",
                "--sweep", "arms.ketamine.response.probability=0.4,0.45,0.5",
                "--sweep", "arms.midazolam.response.probability=0.15,0.2");
        StudyPlan driver = run.plan();
        StudyPlan worker = run.workerPlan(driver.modelName());
        assertEquals(6, worker.cellCount());
        for (int cell : new int[] {4, 1}) {
            MonteCarloStudy mine = worker.study(cell);
            MonteCarloStudy theirs = driver.studies().get(cell);
            assertEquals(theirs.fingerprint(), mine.fingerprint(), "cell " + cell);
            assertEquals(theirs.counts(0, 40), mine.counts(0, 40), "cell " + cell);
        }
        assertEquals(2, worker.builtOneByOne(), "only the two cells asked for were built");
        assertEquals(worker.study(4), worker.study(4), "built once");
        assertEquals(2, worker.builtOneByOne());
        assertThrows(IndexOutOfBoundsException.class, () -> worker.study(6));
    }

    @Test
    void theDriversModelChoiceTravelsToTheWorker() throws IOException {
        // auto over every cell: the count level applies to all of them, so the driver chose it
        RunSpec run = spec("binary.yaml", false, resource("binary.yaml"), "--reps", "200",
                "--sweep", "arms.treatment.response.probability=0.4,0.5");
        StudyPlan driver = run.plan();
        assertEquals(CountLevelTrials.NAME, driver.modelName());
        StudyPlan worker = run.workerPlan(driver.modelName());
        assertEquals(driver.studies().get(1).fingerprint(), worker.study(1).fingerprint());
        assertEquals(CountLevelTrials.NAME, worker.study(1).modelName());
        assertEquals(1, worker.builtOneByOne());
        assertThrows(IllegalArgumentException.class, () -> run.workerPlan("no-such-model"));
    }
}
