package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs at once (issue #20, point 3): while one run writes an output or a checkpoint, a second run naming
 * the same output (even with --force), the same checkpoint or the same results folder is refused at its
 * start with exit 2, naming the file and the first run's process, instead of silently replacing its result or
 * overwriting its progress. No timing is assumed: the first run is a real process held by the pause hook
 * ({@link CheckpointOptions#PAUSE_PROPERTY}) at a batch boundary, and the second runs only once it says so.
 * Once the first is stopped (SIGTERM, so its claims end with the process, their lock files left behind), the
 * outputs are free again.
 */
class ConcurrentRunsTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunOnTheSameOutputsIsRefusedWhileTheFirstWrites() throws Exception {
        Path scenario = Cli.scenario(dir, "heavy.yaml");
        Path result = dir.resolve("result.csv");
        Path checkpoint = dir.resolve("run.checkpoint");
        Path folder = dir.resolve("folder");
        List<String> first = List.of("power", scenario.toString(), "--reps", "5000", "--seed", "7", "-q", "--threads",
                "1", "--checkpoint", checkpoint.toString(), "--out", result.toString());
        Process p = Cli.process(List.of("-D" + CheckpointOptions.PAUSE_PROPERTY + "=1000"), first).start();
        StringBuilder log = new StringBuilder();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean paused = false;
            while (!paused && (line = out.readLine()) != null) {
                log.append(line).append('\n');
                paused = line.startsWith(CheckpointOptions.PAUSED);
            }
            assertTrue(paused, log.toString());
            String owner = "(process " + p.pid() + ")";

            Cli.Result sameOut = Cli.run("power", scenario.toString(), "--reps", "100", "-q", "--force", "--out",
                    result.toString());
            assertEquals(2, sameOut.exit(), sameOut.toString());
            assertTrue(sameOut.err().contains(result + " is being written by another trialsim run " + owner),
                    sameOut.toString());
            Cli.Result sameCheckpoint = Cli.run("power",
                    scenario.toString(), "--reps", "5000", "--seed", "7", "-q", "--checkpoint", checkpoint.toString(),
                    "--resume", "--out", dir.resolve("other.csv").toString());
            assertEquals(2, sameCheckpoint.exit(), sameCheckpoint.toString());
            assertTrue(sameCheckpoint.err().contains(checkpoint + " is being written by another trialsim run "
                    + owner), sameCheckpoint.toString());
            assertFalse(Files.exists(dir.resolve("other.csv")));

            // a results folder is claimed as a whole: held here by a second process, free afterwards
            Process q = Cli.process(List.of("-D" + CheckpointOptions.PAUSE_PROPERTY + "=500"), List.of("run",
                    scenario.toString(), "--reps", "5000", "-q", "--threads", "1", "--out", folder.toString())).start();
            BufferedReader qout = new BufferedReader(new InputStreamReader(q.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder qlog = new StringBuilder();
            boolean qpaused = false;
            while (!qpaused && (line = qout.readLine()) != null) {
                qlog.append(line).append('\n');
                qpaused = line.startsWith(CheckpointOptions.PAUSED);
            }
            assertTrue(qpaused, qlog.toString());
            Cli.Result sameFolder = Cli.run("run", scenario.toString(), "--reps", "100", "-q", "--force", "--out",
                    folder.toString());
            assertEquals(2, sameFolder.exit(), sameFolder.toString());
            assertTrue(sameFolder.err().contains(folder + " is being written by another trialsim run (process "
                    + q.pid() + ")"), sameFolder.toString());
            q.toHandle().destroy();
            q.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertEquals(130, q.waitFor());

            p.toHandle().destroy(); // SIGTERM: the first run writes its partial result and ends
            out.transferTo(java.io.Writer.nullWriter());
            assertEquals(130, p.waitFor(), log.toString());
        } finally {
            p.destroyForcibly();
        }
        // free again: the same outputs are taken over from the stale lock files, which are then removed
        Cli.Result resumed = Cli.run("power", scenario.toString(), "--reps", "5000", "--seed", "7", "-q", "--threads",
                "2", "--checkpoint", checkpoint.toString(), "--resume", "--force", "--out", result.toString());
        assertEquals(0, resumed.exit(), resumed.toString());
        Cli.Result again = Cli.run("run", scenario.toString(), "--reps", "100", "-q", "--force", "--out",
                folder.toString());
        assertEquals(0, again.exit(), again.toString());
        try (Stream<Path> left = Files.list(dir)) {
            List<String> locks = new ArrayList<>(left.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".lock")).toList());
            assertEquals(List.of(), locks, "lock files left after the runs ended");
        }
    }

    /** Starts {@code args} in a JVM of its own held by the pause hook at replicate 1000; returns once it says so. */
    private static Process paused(List<String> args) throws Exception {
        Process p = Cli.process(List.of("-D" + CheckpointOptions.PAUSE_PROPERTY + "=1000"), args).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            log.append(line).append('\n');
            if (line.startsWith(CheckpointOptions.PAUSED)) {
                return p;
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the run ended before pausing:\n" + log);
    }

    /**
     * kill -9 ends a run without releasing its claims: its lock files stay, naming its process. The next run
     * takes them over (the system released the locks with the process) and says whose they were.
     */
    @Test
    void aClaimLeftByARunKilledWithSigkillIsTakenOverWithAMessage() throws Exception {
        Path scenario = Cli.scenario(dir, "heavy.yaml");
        Path result = dir.resolve("result.csv");
        Process p = paused(List.of("power", scenario.toString(), "--reps", "5000", "-q", "--threads", "1", "--out",
                result.toString()));
        try {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no release
            assertEquals(137, p.waitFor());
        } finally {
            p.destroyForcibly();
        }
        Path lock = dir.resolve(".result.csv.lock");
        assertEquals(Long.toString(p.pid()), Files.readString(lock).strip(), "the killed run's claim is left");
        Cli.Result next = Cli.run("power", scenario.toString(), "--reps", "100", "-q", "--out", result.toString());
        assertEquals(0, next.exit(), next.toString());
        assertTrue(next.err().contains("trialsim: took over " + result + " from trialsim process " + p.pid()
                + ", which is no longer running"), next.toString());
        assertTrue(Files.exists(result));
        assertFalse(Files.exists(lock), "released at the end of the run that took it over");
        Cli.Result quiet = Cli.run("power", scenario.toString(), "--reps", "100", "-q", "--force", "--out",
                result.toString());
        assertEquals("", quiet.err(), "a claim released normally leaves nothing to take over");
    }

    /**
     * Two runs without --out starting in the same instant must not both choose the same new numbered folder: the
     * folder is claimed before anything is written, and a run that finds the free folder claimed moves on to the
     * next number. The first run is stood in for by a claim this test holds (the system's lock, held by this
     * JVM, is what a second process sees), the second is a real process in the same working folder.
     */
    @Test
    void aRunWithoutOutPassesOverANewFolderAnotherRunHasClaimed() throws Exception {
        Path scenario = Cli.scenario(dir, "tiny.yaml");
        Path results = Files.createDirectories(dir.resolve("trialsim-results"));
        Path first = results.resolve("tiny");
        try (org.trialsim.io.OutputLock claim = org.trialsim.io.OutputLock.acquire(first)) {
            Process p = Cli.process(List.of(), List.of("run", scenario.toString(), "--reps", "40", "-q"))
                    .directory(dir.toFile()).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), log);
            assertTrue(log.contains("trialsim-results/tiny is being written by another trialsim run; writing to "
                    + "trialsim-results/tiny-2"), log);
            assertTrue(Files.exists(results.resolve("tiny-2").resolve(ResultFolder.TABLE)), log);
            assertFalse(Files.exists(first), "the claimed folder is left to its run");
        }
        // once free, the first free folder is taken again
        Process p = Cli.process(List.of(), List.of("run", scenario.toString(), "--reps", "40", "-q"))
                .directory(dir.toFile()).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        assertTrue(Files.exists(first.resolve(ResultFolder.TABLE)), log);
    }
}
