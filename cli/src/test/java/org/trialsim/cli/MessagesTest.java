package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says (issue #20, point 7): a file of thousands of problems is reported by its first
 * 50 and a count, by {@code check} and by the other commands alike; an output into a folder that takes no
 * files names the output and the folder, never a temporary or lock file.
 */
class MessagesTest {

    @TempDir
    Path dir;

    @Test
    void thousandsOfProblemsPrintFiftyLinesAndACount() throws IOException {
        StringBuilder text = new StringBuilder("name: x\n");
        for (int i = 0; i < 5000; i++) {
            text.append("unknown_").append(i).append(": 1\n");
        }
        Path many = Files.writeString(dir.resolve("many.yaml"), text);
        for (String command : new String[] {"check", "power"}) {
            Cli.Result r = Cli.run(command, many.toString());
            assertEquals(2, r.exit(), r.toString());
            long lines = r.err().lines().count();
            assertTrue(lines <= 53 && r.err().length() < 20_000, lines + " lines, " + r.err().length() + " chars");
            assertTrue(r.err().contains("more problems not shown (fix the first ones and check again)"), r.err());
        }
    }

    @Test
    void anOutputInAFolderThatTakesNoFilesIsNamed() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/sys")), "no /sys");
        Path tiny = Cli.scenario(dir, "tiny.yaml");
        Path out = Path.of("/sys/trialsim-test-out.csv");
        for (String[] command : new String[][] {
                {"simulate", tiny.toString(), "--n", "8", "--replicate", "0", "--out", out.toString()},
                {"power", tiny.toString(), "--reps", "40", "-q", "--out", out.toString()}}) {
            Cli.Result r = Cli.run(command);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("trialsim: cannot write " + out + ": cannot create a file in /sys ("),
                    r.toString());
            assertFalse(r.err().contains(".tmp") || r.err().contains(".lock") || r.err().contains("\tat "),
                    r.toString());
        }
    }
}
