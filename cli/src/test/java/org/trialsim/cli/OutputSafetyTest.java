package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs lost or destroyed are failures, not success (issue #20, point 2): every command whose standard
 * output fails (a full disk, a closed pipe) exits 1 naming the reason; an output that is the scenario being
 * read, or another output of the same run, is refused with exit 2 before any work, and nothing is written.
 */
class OutputSafetyTest {

    @TempDir
    Path dir;

    /** Standard output on a disk that fills up after {@code room} bytes. */
    private static final class FullDisk extends OutputStream {
        private int room;

        FullDisk(int room) {
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            if (room-- <= 0) {
                throw new IOException("No space left on device");
            }
        }
    }

    private Cli.Result onFullDisk(String... args) {
        StringWriter err = new StringWriter();
        int code = TrialsimCommand.execute(args, new FullDisk(16), new PrintWriter(err, true));
        return new Cli.Result(code, "", err.toString());
    }

    @Test
    void everyCommandFailsWhenItsStandardOutputIsLost() throws IOException {
        String tiny = Cli.scenario(dir, "tiny.yaml").toString();
        List<String[]> commands = List.of(
                new String[] {"scenarios", "show", "ketamine-vs-midazolam"},
                new String[] {"scenarios"},
                new String[] {"check", tiny},
                new String[] {"design", "simon", "--p0", "0.2", "--p1", "0.4"},
                new String[] {"design", "boundaries", "--looks", "3"},
                new String[] {"power", tiny, "--reps", "40", "--format", "csv", "-q"},
                new String[] {"size", tiny, "--target", "0.5", "--reps", "40", "-q"},
                new String[] {"simulate", tiny, "--n", "8", "--replicate", "0"},
                new String[] {"--help"});
        for (String[] command : commands) {
            Cli.Result r = onFullDisk(command);
            assertEquals(1, r.exit(), String.join(" ", command) + ": " + r);
            assertTrue(r.err().contains("trialsim: cannot write to standard output (No space left on device); the "
                    + "output is incomplete"), String.join(" ", command) + ": " + r);
            assertFalse(r.err().contains("\tat "), r.toString());
        }
        // the same command with room for its output succeeds: the failure is the disk's
        StringWriter err = new StringWriter();
        assertEquals(0, TrialsimCommand.execute(new String[] {"check", tiny}, new FullDisk(1 << 20),
                new PrintWriter(err, true)), err.toString());
    }

    @Test
    void aRealFullDeviceAndAClosedStdoutExitOne() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full");
        Process p = Cli.process(List.of(), List.of("scenarios", "show", "ketamine-vs-midazolam"))
                .redirectErrorStream(false).redirectOutput(Path.of("/dev/full").toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(1, p.waitFor(), err);
        assertTrue(err.contains("cannot write to standard output (No space left on device)"), err);

        List<String> closed = new ArrayList<>(Cli.process(List.of(), List.of("scenarios")).command());
        String line = String.join(" ", closed.stream().map(a -> "'" + a + "'").toList());
        Process q = new ProcessBuilder("sh", "-c", "exec " + line + " >&-").start();
        String qerr = new String(q.getErrorStream().readAllBytes());
        assertEquals(1, q.waitFor(), qerr);
        assertTrue(qerr.contains("cannot write to standard output"), qerr);
    }

    private void assertRefusedBeforeWork(Cli.Result r, String message) {
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertFalse(r.err().contains("simulating"), "refused only after work began: " + r);
    }

    @Test
    void anOutputThatIsTheInputOrAnotherOutputIsRefusedBeforeAnyWork() throws IOException {
        Path scenario = Cli.scenario(dir, "tiny.yaml");
        byte[] original = Files.readAllBytes(scenario);
        Path same = dir.resolve("same.csv");
        assertRefusedBeforeWork(Cli.run("power", scenario.toString(), "--reps", "40", "--checkpoint", same.toString(),
                "--out", same.toString()), "--out " + same + " and --checkpoint " + same + " are the same file");
        assertFalse(Files.exists(same));
        assertRefusedBeforeWork(Cli.run("power", scenario.toString(), "--reps", "40", "--checkpoint",
                scenario.toString(), "--force"), "--checkpoint " + scenario + " is the scenario file being read");
        assertRefusedBeforeWork(Cli.run("power", scenario.toString(), "--reps", "40", "--out", scenario.toString(),
                "--force"), "--out " + scenario + " is the scenario file being read");
        assertRefusedBeforeWork(Cli.run("run", scenario.toString(), "--reps", "40", "--out", scenario.toString()),
                "--out " + scenario + " is a file, not a folder (it is the scenario being read)");
        assertRefusedBeforeWork(Cli.run("simulate", scenario.toString(), "--n", "8", "--replicate", "0", "--out",
                scenario.toString(), "--force"), "is the scenario file being read");
        // the same file by another name: a symbolic link, a path through ".."
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), scenario);
        assertRefusedBeforeWork(Cli.run("power", scenario.toString(), "--reps", "40", "--out", link.toString(),
                "--force"), "is the scenario file being read");
        Path roundabout = dir.resolve("sub").resolve("..").resolve("same.csv");
        Files.createDirectories(dir.resolve("sub"));
        assertRefusedBeforeWork(Cli.run("power", scenario.toString(), "--reps", "40", "--checkpoint",
                roundabout.toString(), "--out", same.toString()), "are the same file");
        // a results folder holding the checkpoint among its files
        Path folder = dir.resolve("results");
        assertRefusedBeforeWork(Cli.run("run", scenario.toString(), "--reps", "40", "--out", folder.toString(),
                "--checkpoint", folder.resolve("power.csv").toString()), "are the same file");
        assertRefusedBeforeWork(Cli.run("power", scenario.toString(), "--reps", "40", "--out", dir.toString()),
                "--out " + dir + " is a folder; give the name of a file");
        assertEquals(new String(original), Files.readString(scenario), "the scenario was changed");
        assertFalse(Files.exists(folder));
    }
}
