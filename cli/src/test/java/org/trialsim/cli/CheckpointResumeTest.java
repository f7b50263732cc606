package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checkpoint} and {@code --resume}: a real {@code trialsim power} process killed with SIGKILL in the
 * middle of a run, resumed, stopped again with SIGTERM (as Ctrl-C: a partial result is written) and resumed
 * to the end gives a result file byte-for-byte equal to an uninterrupted run's; checkpoints of
 * another study are refused; an existing checkpoint or result is never replaced without {@code --force}.
 *
 * <p>No timing is assumed: each stopped run is held by the test hook {@link CheckpointOptions#PAUSE_PROPERTY}
 * at a chosen batch boundary, its checkpoint written, and stopped only once it says so; so the replicates
 * each leg leaves behind are known exactly, however fast or slow the machine.
 */
class CheckpointResumeTest {

    private static final String REPS = "5000";

    private static List<String> args(Path scenario, String... more) {
        List<String> a = new ArrayList<>(List.of("power", scenario.toString(), "--reps", REPS, "--seed", "7", "-q"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void aKilledRunResumesToTheSameBytes(@TempDir Path dir) throws Exception {
        Path scenario = Cli.scenario(dir, "heavy.yaml");
        Path reference = dir.resolve("reference.csv");
        Cli.Result whole = Cli.run(args(scenario, "--threads", "2", "--out", reference.toString())
                .toArray(String[]::new));
        assertEquals(0, whole.exit(), whole.toString());

        Path checkpoint = dir.resolve("run.checkpoint");
        Path result = dir.resolve("result.csv");
        List<String> leg = args(scenario, "--threads", "1", "--checkpoint", checkpoint.toString(), "--out",
                result.toString());
        // leg 1: held after 1000 replicates, then SIGKILL (no shutdown hook, nothing written but the checkpoint)
        stopAt(dir, leg, "1000", true, "leg-1.log");
        assertFalse(Files.exists(result), "a killed run wrote a result");
        assertEquals(1000, completed(checkpoint));
        // leg 2: resumed, held after 3000, then SIGTERM (as Ctrl-C: the shutdown hook writes the partial result)
        List<String> resumed = new ArrayList<>(leg);
        resumed.addAll(List.of("--resume", "--force"));
        stopAt(dir, resumed, "3000", false, "leg-2.log");
        assertEquals(3000, completed(checkpoint));
        String partial = Files.readString(result);
        assertTrue(partial.contains("# partial: true\n# warning: cancelled: results rest on the 3000 replicates"),
                partial);
        // a copy edited so that its checksum still matches, and one that is not UTF-8: unusable (exit 2), named,
        // before any work; never an internal error (issue #20, point 4)
        String saved = Files.readString(checkpoint);
        String body = saved.substring(0, saved.lastIndexOf("crc32: "));
        Path edited = dir.resolve("edited.checkpoint");
        Files.writeString(edited, withCrc(body.replaceFirst("ranges: .*\n", "ranges: [4000, 7000)\n")));
        List<String> fromEdited = args(scenario, "--threads", "1", "--checkpoint", edited.toString(), "--resume",
                "--out", dir.resolve("never.csv").toString());
        Cli.Result unusable = Cli.run(fromEdited.toArray(String[]::new));
        assertEquals(2, unusable.exit(), unusable.toString());
        assertTrue(unusable.err().contains("unusable checkpoint " + edited + ": the counts cover replicates [4000, 7000),"
                + " beyond the 5000 this study runs"), unusable.toString());
        Files.write(edited, withCrc(body.replace("# Resume", "# R\u00e9sum\u00e9")).getBytes(
                StandardCharsets.ISO_8859_1));
        Cli.Result latin1 = Cli.run(fromEdited.toArray(String[]::new));
        assertEquals(2, latin1.exit(), latin1.toString());
        assertTrue(latin1.err().contains("the checkpoint " + edited + " is damaged (it is not UTF-8 text)"),
                latin1.toString());
        assertFalse(Files.exists(dir.resolve("never.csv")));
        // leg 3: resumed to the end on two threads, replacing the partial result
        Cli.Result end = Cli.run(args(scenario, "--threads", "2", "--checkpoint", checkpoint.toString(),
                "--resume", "--force", "--out", result.toString()).toArray(String[]::new));
        assertEquals(0, end.exit(), end.toString());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(result), Files.readString(result));
        assertFalse(Files.exists(checkpoint), "the checkpoint of a completed run is deleted");
    }

    /**
     * Runs trialsim with {@code cli} in its own JVM, held by the pause hook at {@code pauseAt}
     * ({@code [CELL:]REPLICATES}); once it reports that it has paused there (its checkpoint written), kills it
     * (SIGKILL) or terminates it (SIGTERM, as Ctrl-C) and waits for it to end.
     */
    private static void stopAt(Path dir, List<String> cli, String pauseAt, boolean kill, String logName)
            throws Exception {
        Process p = start(cli, pauseAt);
        StringBuilder log = new StringBuilder();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            boolean paused = false;
            String line;
            while (!paused && (line = out.readLine()) != null) {
                log.append(line).append('\n');
                paused = line.startsWith(CheckpointOptions.PAUSED);
            }
            assertTrue(paused, "the run ended without pausing at " + pauseAt + ": " + log);
            // the signal only, through the process handle: Process.destroy would also close the output we read
            if (kill) {
                p.toHandle().destroyForcibly();
            } else {
                p.toHandle().destroy();
            }
            while ((line = out.readLine()) != null) {
                log.append(line).append('\n');
            }
            p.waitFor();
        } finally {
            p.destroyForcibly(); // if an assertion failed above; a no-op once it has ended
            Files.writeString(dir.resolve(logName), log);
        }
        if (!kill) {
            // SIGTERM as Ctrl-C: the documented 130, not the JVM's 143 (issue #20, point 4)
            assertEquals(130, p.exitValue(), "exit " + p.exitValue() + ": " + log);
        }
    }

    /** Starts trialsim with {@code cli} in its own JVM, with the pause hook at {@code pauseAt}. */
    /**
     * Sends SIGINT to {@code p}, as Ctrl-C does. A process started with SIGINT ignored (every process that a
     * non-interactive shell starts in the background, and its children, inherit that) installs no handler and
     * would never end: the test would hang. So the child's ignored signals are read first (Linux's
     * /proc/PID/status) and such a run fails at once, saying why, instead of hanging.
     */
    static void interrupt(Process p) throws IOException, InterruptedException {
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        if (java.nio.file.Files.isReadable(status)) {
            for (String line : java.nio.file.Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:") && (Long.parseLong(line.substring(7).trim(), 16) & (1L << 1)) != 0) {
                    p.destroyForcibly();
                    throw new AssertionError("the child JVM ignores SIGINT (the tests were started in the background "
                            + "of a non-interactive shell, which ignores it for every child): Ctrl-C cannot be tested; "
                            + "run the tests in the foreground or with job control (set -m)");
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(0,
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    }

    static Process start(List<String> cli, String pauseAt) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.awt.headless=true", "-D" + CheckpointOptions.PAUSE_PROPERTY + "=" + pauseAt,
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                TrialsimCommand.class.getName()));
        command.addAll(cli);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * A sweep keeps one checkpoint per cell (FILE.cell0, FILE.cell1, ...): killed in its second cell and
     * resumed, it reads the first cell back, continues the second, and writes the bytes of an uninterrupted
     * sweep; the cells' checkpoints are deleted once the result is written, and are neither overwritten without
     * --resume or --force nor looked for in vain.
     */
    @Test
    void aKilledSweepResumesToTheSameBytes(@TempDir Path dir) throws Exception {
        Path scenario = Cli.scenario(dir, "heavy.yaml");
        List<String> sweep = List.of("power", scenario.toString(), "--reps", "3000", "--seed", "7", "-q",
                "--sweep", "arms.treatment.relapse.hazard_ratio=0.8,0.9");
        Path reference = dir.resolve("reference.csv");
        List<String> whole = new ArrayList<>(sweep);
        whole.addAll(List.of("--threads", "2", "--out", reference.toString()));
        Cli.Result uninterrupted = Cli.run(whole.toArray(String[]::new));
        assertEquals(0, uninterrupted.exit(), uninterrupted.toString());

        Path checkpoint = dir.resolve("sweep.checkpoint");
        Path cell0 = dir.resolve("sweep.checkpoint.cell0");
        Path cell1 = dir.resolve("sweep.checkpoint.cell1");
        Path result = dir.resolve("result.csv");
        List<String> leg = new ArrayList<>(sweep);
        leg.addAll(List.of("--threads", "1", "--checkpoint", checkpoint.toString(), "--out", result.toString()));
        stopAt(dir, leg, "1:1000", true, "sweep-leg.log");
        assertEquals(3000, completed(cell0), "the first cell's checkpoint is kept whole");
        assertEquals(1000, completed(cell1), "the second cell was stopped where it was held");
        assertFalse(Files.exists(result), "a killed sweep wrote a result");

        Cli.Result refused = Cli.run(leg.toArray(String[]::new));
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("checkpoints of a sweep exist at " + cell0), refused.err());

        List<String> resume = new ArrayList<>(leg);
        resume.add("--resume");
        Cli.Result resumed = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(result), Files.readString(result));
        assertFalse(Files.exists(cell0) || Files.exists(cell1), "the cells' checkpoints of a completed sweep are "
                + "deleted");

        resume.add("--force"); // the result exists now; --force does not make --resume start afresh
        Cli.Result nothing = Cli.run(resume.toArray(String[]::new));
        assertEquals(2, nothing.exit(), nothing.toString());
        assertTrue(nothing.err().contains("no checkpoint to resume from at " + cell0), nothing.err());
    }

    /** The replicates recorded in a checkpoint file, 0 if there is none yet. */
    private static long completed(Path checkpoint) throws IOException {
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        for (String line : Files.readAllLines(checkpoint)) {
            if (line.startsWith("completed: ")) {
                return Long.parseLong(line.substring(11).strip());
            }
        }
        throw new AssertionError("a checkpoint without its count (a half-written file?):\n" + Files.readString(checkpoint));
    }

    @Test
    void checkpointsAreNeverReusedForAnotherStudyOrOverwritten(@TempDir Path dir) throws IOException {
        Path scenario = Cli.scenario(dir, "tiny.yaml");
        Path checkpoint = dir.resolve("c");
        Cli.Result first = Cli.run("power", scenario.toString(), "--reps", "1000", "--seed", "7", "-q",
                "--checkpoint", checkpoint.toString(), "--out", dir.resolve("a.csv").toString());
        assertEquals(0, first.exit(), first.toString());
        assertFalse(Files.exists(checkpoint));
        Files.writeString(checkpoint, "stale");

        Cli.Result exists = Cli.run("power", scenario.toString(), "--reps", "1000", "-q", "--checkpoint",
                checkpoint.toString());
        assertEquals(2, exists.exit(), exists.toString());
        assertTrue(exists.err().contains("a checkpoint exists at " + checkpoint + ": add --resume"), exists.err());
        assertEquals("stale", Files.readString(checkpoint));

        Cli.Result damaged = Cli.run("power", scenario.toString(), "--reps", "1000", "-q", "--checkpoint",
                checkpoint.toString(), "--resume");
        assertEquals(2, damaged.exit(), damaged.toString());
        assertTrue(damaged.err().contains("is damaged"), damaged.err());

        Cli.Result noFile = Cli.run("power", scenario.toString(), "-q", "--resume");
        assertEquals(2, noFile.exit(), noFile.toString());
        assertTrue(noFile.err().contains("--resume needs --checkpoint FILE"), noFile.err());

        // a real checkpoint of seed 7, resumed with seed 8
        Files.delete(checkpoint);
        org.trialsim.power.PowerStudy seven = org.trialsim.power.PowerStudy.of(
                org.trialsim.scenario.ScenarioParser.parse(scenario)).replicates(20000).fixedReplicates().seed(7);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        seven.run((done, total) -> stop.set(true), stop::get, null,
                org.trialsim.power.checkpoint.CheckpointFile.of(checkpoint, seven).everyMillis(0));
        assertTrue(Files.exists(checkpoint));
        Cli.Result otherSeed = Cli.run("power", scenario.toString(), "--reps", "20000", "--seed", "8", "-q",
                "--checkpoint", checkpoint.toString(), "--resume");
        assertEquals(2, otherSeed.exit(), otherSeed.toString());
        assertTrue(otherSeed.err().contains("seed is 7 in the checkpoint but 8 in this run"), otherSeed.err());
        assertFalse(otherSeed.err().contains("\tat "), otherSeed.err());
    }

    @Test
    void anExistingResultIsKeptWithoutForceAndReplacedWholeWithIt(@TempDir Path dir) throws IOException {
        Path scenario = Cli.scenario(dir, "tiny.yaml");
        Path out = dir.resolve("power.csv");
        Files.writeString(out, "precious\n");
        Cli.Result refused = Cli.run("power", scenario.toString(), "--reps", "500", "-q", "--out", out.toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("results exist and are kept: " + out), refused.err());
        assertEquals("precious\n", Files.readString(out));
        Cli.Result forced = Cli.run("power", scenario.toString(), "--reps", "500", "-q", "--out", out.toString(),
                "--force");
        assertEquals(0, forced.exit(), forced.toString());
        assertTrue(Files.readString(out).startsWith("# scenario: tiny"), Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("power.csv", "tiny.yaml"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "temporary files left behind");
        }
    }

    @Test
    void runTakesTheSameOptions(@TempDir Path dir) throws IOException {
        Path scenario = Cli.scenario(dir, "tiny.yaml");
        Path checkpoint = dir.resolve("run.checkpoint");
        Files.writeString(checkpoint, "left over");
        Cli.Result refused = Cli.run("run", scenario.toString(), "--reps", "500", "-q", "--out",
                dir.resolve("results").toString(), "--checkpoint", checkpoint.toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("a checkpoint exists at"), refused.err());
        Cli.Result done = Cli.run("run", scenario.toString(), "--reps", "500", "-q", "--out",
                dir.resolve("results").toString(), "--checkpoint", checkpoint.toString(), "--force");
        assertEquals(0, done.exit(), done.toString());
        assertTrue(Files.exists(dir.resolve("results").resolve("power.csv")));
        assertFalse(Files.exists(checkpoint), "the checkpoint of a completed run is deleted");
    }

    private static String withCrc(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return body + String.format(java.util.Locale.ROOT, "crc32: %08x", crc.getValue()) + "\n";
    }
}
