package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trialsim batch}: many commands in one process (issue #19, point 4), each writing the bytes it writes on its
 * own, with every command's exit code reported and the first failure deciding the batch's.
 */
class BatchCommandTest {

    @TempDir
    Path dir;

    private Path batch(String... lines) throws IOException {
        return Files.writeString(dir.resolve("runs.txt"), String.join("\n", lines) + "\n");
    }

    /**
     * The decisive property: two studies run in one batch process write the same bytes (CSV and JSON) as each run
     * in a process of its own, and the batch's standard output is theirs, concatenated.
     */
    @Test
    void aBatchWritesTheBytesOfSeparateProcesses() throws Exception {
        Path scenario = Cli.scenario(dir, "binary.yaml");
        List<String> a = List.of("power", scenario.toString(), "--n", "40,80", "--reps", "2000", "-q");
        List<String> b = List.of("power", scenario.toString(), "--n", "60", "--reps", "1000", "--seed", "7", "-q",
                "--format", "json");
        Cli.Result alone1 = Cli.runProcess(List.of(), withOut(a, "alone-a.csv").toArray(String[]::new));
        Cli.Result alone2 = Cli.runProcess(List.of(), withOut(b, "alone-b.json").toArray(String[]::new));
        assertEquals(0, alone1.exit(), alone1.toString());
        assertEquals(0, alone2.exit(), alone2.toString());
        Path runs = batch("# two studies", String.join(" ", withOut(a, "batch-a.csv")), "",
                "trialsim " + String.join(" ", withOut(b, "batch-b.json")));
        Cli.Result batched = Cli.runProcess(List.of(), "batch", runs.toString());
        assertEquals(0, batched.exit(), batched.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("alone-a.csv")), Files.readAllBytes(dir.resolve("batch-a.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("alone-b.json")),
                Files.readAllBytes(dir.resolve("batch-b.json")));
        assertTrue(batched.out().contains("batch: line 2: exit 0"), batched.out());
        assertTrue(batched.out().contains("batch: line 4: exit 0"), batched.out());
        // and on standard output: the two tables, as two processes print them
        Cli.Result toStdout = Cli.runProcess(List.of(), "batch", batch(String.join(" ", a), String.join(" ", a))
                .toString());
        String once = Cli.runProcess(List.of(), a.toArray(String[]::new)).out();
        assertEquals(once + "batch: line 1: exit 0\n" + once + "batch: line 2: exit 0\n", toStdout.out());
    }

    private List<String> withOut(List<String> args, String file) {
        List<String> all = new java.util.ArrayList<>(args);
        all.add("--out");
        all.add(dir.resolve(file).toString());
        return all;
    }

    @Test
    void theFirstFailureStopsTheBatchAndGivesItsExitCode() throws IOException {
        Path scenario = Cli.scenario(dir, "binary.yaml");
        Path runs = batch("check " + scenario, "power " + scenario + " --reps 0", "check " + scenario);
        Cli.Result r = Cli.run("batch", runs.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("batch: line 1: exit 0"), r.toString());
        assertTrue(r.err().contains("batch: line 2: exit 2"), r.toString());
        assertFalse(r.err().contains("batch: line 3"), r.toString());
    }

    @Test
    void keepGoingRunsEveryCommandAndStillFails() throws IOException {
        Path scenario = Cli.scenario(dir, "binary.yaml");
        Path runs = batch("power " + scenario + " --reps 0", "check '" + scenario + "'");
        Cli.Result r = Cli.run("batch", runs.toString(), "--keep-going");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("batch: line 2: exit 0"), r.toString());
    }

    @Test
    void anUnclosedQuoteIsRefusedWithItsLine() throws IOException {
        Path runs = batch("scenarios", "check \"my trial.yaml");
        Cli.Result r = Cli.run("batch", runs.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(runs + ":2: the quote \" is not closed"), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    @Test
    void aBatchCannotRunABatchNorAMissingFile() throws IOException {
        Cli.Result nested = Cli.run("batch", batch("batch other.txt").toString());
        assertEquals(2, nested.exit(), nested.toString());
        assertTrue(nested.err().contains(":1: a batch cannot run another batch"), nested.toString());
        Cli.Result missing = Cli.run("batch", dir.resolve("none.txt").toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("none.txt: no such file"), missing.toString());
    }

    @Test
    void quotesGroupWordsAsAShellDoes() {
        BatchCommand b = new BatchCommand();
        b.file = "runs.txt";
        assertEquals(List.of("power", "my trial.yaml", "--set", "a.b=1", "say \"hi\"", ""),
                b.words("trialsim power 'my trial.yaml' --set a.b=1 \"say \\\"hi\\\"\" ''", 1));
        assertEquals(List.of(), b.words("   # a comment", 1));
    }
}
