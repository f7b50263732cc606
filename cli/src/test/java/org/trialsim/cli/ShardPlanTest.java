package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.power.CountLevelTrials;
import picocli.CommandLine;

/**
 * A shard of a sweep ({@code power --sweep ... --shard I/K}) reads and builds only the cells it counts, not the
 * whole grid: the cells whose scenarios it read are recorded ({@link CellScenarios#read()}) and the studies it
 * built counted ({@link StudyPlan#builtOneByOne()}). The one exception is the choice of the trial model under
 * {@code --model auto}, made on every cell of the run: a shard reads other cells for it only while every cell
 * read so far runs at count level, and stops at the first that does not. In each case the shard's model is the
 * whole run's, and the shards merge to the bytes of the run without {@code --shard}.
 */
class ShardPlanTest {

    @TempDir
    static Path dir;
    static Path tiny;
    static Path binary;

    @BeforeAll
    static void scenarios() throws IOException {
        tiny = Cli.scenario(dir, "tiny.yaml");
        binary = Cli.scenario(dir, "binary.yaml");
    }

    /** A power command line parsed as the command line parses it, ready to build its plans. */
    private record Parsed(TrialsimCommand root, PowerCommand power, CommandLine.Model.CommandSpec spec) {

        static Parsed of(List<String> args) {
            CommandLine cl = TrialsimCommand.newCommandLine();
            CommandLine.ParseResult r = cl.parseArgs(args.toArray(String[]::new));
            CommandLine.Model.CommandSpec spec = r.subcommand().commandSpec();
            return new Parsed((TrialsimCommand) cl.getCommand(), (PowerCommand) spec.userObject(), spec);
        }

        ScenarioSource source() {
            return ScenarioSource.resolve(power.scenarioArgument).set(power.study.set);
        }
    }

    private static List<String> run(Path scenario, String... more) {
        List<String> a = new ArrayList<>(List.of("power", scenario.toString(), "--reps", "100", "--seed", "7", "-q"));
        a.addAll(List.of(more));
        return a;
    }

    /** The indices in run order of the cells {@code read} holds, in the order they were read. */
    private static List<Integer> indices(StudyPlan whole, CellScenarios read) {
        List<Map<String, Double>> cells = whole.sweep().cells();
        return read.read().stream().map(cells::indexOf).toList();
    }

    @Test
    void aShardOfAPatientLevelGridReadsAndBuildsOnlyItsOwnCells() throws IOException {
        // 3 x 2 = 6 cells of 100 replicates, 600 units cut 4 ways: shard 2/4 is [150, 300), cells 1 and 2
        List<String> sweep = run(tiny, "--n", "40", "--sweep", "arms.ketamine.response.probability=0.3,0.4,0.5",
                "--sweep", "arms.midazolam.response.probability=0.1,0.2");
        Parsed p = Parsed.of(with(sweep, "--shard", "2/4"));
        CellScenarios read = new CellScenarios(p.source());
        StudyPlan shard = p.power().shardPlan(p.source(), new Shard(2, 4), read);
        StudyPlan whole = p.power().plan(p.source());
        assertEquals(List.of(1, 2), indices(whole, read), "the cells read: the shard's own, once each");
        assertEquals(whole.modelName(), shard.modelName());
        assertEquals(0, shard.builtOneByOne(), "nothing built before counting");

        Path mine = dir.resolve("own-2.counts");
        StringWriter err = new StringWriter();
        int exit = ShardRun.run(RunSpec.of(p.spec(), p.source()), shard, new Shard(2, 4), mine, 1, p.root(),
                new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        assertEquals(2, shard.builtOneByOne(), "the studies of cells 1 and 2 alone");
        assertEquals(List.of(1, 2), indices(whole, read), "no other cell read while counting or writing");

        // the counts file merges with the other shards, run from the command line, to the whole run's bytes
        List<String> files = new ArrayList<>(List.of(mine.toString()));
        for (int i : new int[] {1, 3, 4}) {
            String f = dir.resolve("own-" + i + ".counts").toString();
            Cli.Result r = cli(with(sweep, "--shard", i + "/4", "--out", f));
            assertEquals(0, r.exit(), r.toString());
            files.add(f);
        }
        assertMergesToTheWholeRun(sweep, files, "own");
    }

    /**
     * The run's spec as a shard records it (and a cluster ships it): each option once, however often it is
     * repeated. Until this was fixed, picocli's list of matched options, which names a repeated option once per
     * occurrence, put every axis of a two-axis sweep in twice, and the merge (or a Spark executor) rebuilding the
     * plan failed with "axis ... given twice".
     */
    @Test
    void theRecordedSpecListsARepeatedOptionOnceWithItsValuesInOrder() {
        Parsed p = Parsed.of(run(tiny, "--sweep", "arms.ketamine.response.probability=0.3,0.4", "--set",
                "arms.midazolam.response.probability=0.15", "--sweep", "dropout.per_week=0,0.01", "--set",
                "design.alpha=0.025"));
        RunSpec spec = RunSpec.of(p.spec(), p.source());
        assertEquals(List.of("--reps", "100", "--seed", "7", "--sweep", "arms.ketamine.response.probability=0.3,0.4",
                "--sweep", "dropout.per_week=0,0.01", "--set", "arms.midazolam.response.probability=0.15", "--set",
                "design.alpha=0.025"), spec.options());
        assertEquals(4, spec.plan().cellCount());
    }

    @Test
    void underAutoAShardReadsOtherCellsOnlyUntilOneRunsAtPatientLevel() throws IOException {
        // binary.yaml runs at count level; induction dropout does not (CountLevelTrials.applies), so cell 1 of
        // this grid makes the whole run patient level, which shard 1/2 (cell 0 alone) can only learn by reading it
        List<String> sweep = run(binary, "--sweep", "dropout.induction=0,0.1,0.2");
        Parsed first = Parsed.of(with(sweep, "--shard", "1/3"));
        StudyPlan whole = first.power().plan(first.source());
        assertTrue(!whole.modelName().equals(CountLevelTrials.NAME), whole.modelName());

        CellScenarios read = new CellScenarios(first.source());
        StudyPlan shard = first.power().shardPlan(first.source(), new Shard(1, 3), read);
        assertEquals(whole.modelName(), shard.modelName());
        assertEquals(List.of(0, 1), indices(whole, read), "its own cell, then the others up to the first at "
                + "patient level (cell 2 is not read)");

        Parsed last = Parsed.of(with(sweep, "--shard", "3/3"));
        CellScenarios lastRead = new CellScenarios(last.source());
        StudyPlan lastShard = last.power().shardPlan(last.source(), new Shard(3, 3), lastRead);
        assertEquals(whole.modelName(), lastShard.modelName());
        assertEquals(List.of(2), indices(whole, lastRead), "its own cell runs at patient level: nothing else read");

        List<String> files = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String f = dir.resolve("auto-" + i + ".counts").toString();
            Cli.Result r = cli(with(sweep, "--shard", i + "/3", "--out", f));
            assertEquals(0, r.exit(), r.toString());
            files.add(f);
        }
        assertMergesToTheWholeRun(sweep, files, "auto");
    }

    @Test
    void aCountLevelGridIsReadWholeUnderAutoAndNotUnderAnExplicitModel() {
        List<String> sweep = run(binary, "--sweep", "arms.treatment.response.probability=0.4,0.5,0.6");
        for (String model : List.of("auto", "counts", "patients")) {
            List<String> args = with(sweep, "--model", model, "--shard", "2/3");
            Parsed p = Parsed.of(args);
            StudyPlan whole = p.power().plan(p.source());
            CellScenarios read = new CellScenarios(p.source());
            StudyPlan shard = p.power().shardPlan(p.source(), new Shard(2, 3), read);
            assertEquals(whole.modelName(), shard.modelName(), model);
            assertEquals(model.equals("patients") ? "patient-level" : CountLevelTrials.NAME, shard.modelName());
            // auto: every cell runs at count level, and only all of them together decide it
            assertEquals(model.equals("auto") ? List.of(1, 0, 2) : List.of(1), indices(whole, read), model);
        }
    }

    private void assertMergesToTheWholeRun(List<String> sweep, List<String> files, String name) throws IOException {
        Path whole = dir.resolve(name + "-whole.csv");
        Path merged = dir.resolve(name + "-merged.csv");
        Cli.Result w = cli(with(sweep, "--out", whole.toString()));
        assertEquals(0, w.exit(), w.toString());
        List<String> m = new ArrayList<>(List.of("-q", "merge"));
        m.addAll(files);
        m.addAll(List.of("--out", merged.toString()));
        Cli.Result r = Cli.run(m.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(merged));
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(more));
        return a;
    }

    private static Cli.Result cli(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }
}
