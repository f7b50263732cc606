package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} and {@code power} on a {@code multi_arm} design with a continuous endpoint
 * ({@code examples/ketamine-doses-madrs.yaml}, the MADRS change): the analysed means and SDs printed, the rows
 * the same bytes for any thread count, and a bad input of the new keys reported with file, line and key, exit 2
 * and no stack trace.
 */
class MultiArmMeansCommandTest {

    private static final String EXAMPLE = Path.of("..", "examples", "ketamine-doses-madrs.yaml").toString();

    @TempDir
    Path dir;

    @Test
    void checkPrintsEachArmsAnalysedMeanAndSd() {
        Cli.Result r = Cli.run("check", EXAMPLE);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("mean (SD) of completers as analysed, share analysed: ketamine_0_5 -16.8314 "
                + "(10.2025), 0.9060"), r.out());
        assertTrue(r.out().contains("smaller values favour the treatment"), r.out());
    }

    @Test
    void powerIsTheSameBytesForAnyThreadCount() throws IOException {
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        Cli.Result a = Cli.run("power", EXAMPLE, "--reps", "300", "--n", "80", "-t", "1", "--out", one.toString(),
                "--quiet");
        Cli.Result b = Cli.run("power", EXAMPLE, "--reps", "300", "--n", "80", "-t", "2", "--out", two.toString(),
                "--quiet");
        assertEquals(0, a.exit(), a.toString());
        assertEquals(0, b.exit(), b.toString());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        String csv = Files.readString(one);
        for (String measure : new String[] {"power:ketamine_0_5", "selected:ketamine_0_1", "type1:any",
            "fwer:ketamine_0_5+ketamine_0_2"}) {
            assertTrue(csv.contains("," + measure + ","), measure + " in\n" + csv);
        }
    }

    @Test
    void aBadTieRuleIsReportedWithFileLineAndKey() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(EXAMPLE)).replace("    futility_stop: true",
                "    futility_stop: true\n    ties: smallest_dose"));
        Cli.Result r = Cli.run("check", bad.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("bad.yaml:") && r.err().contains("multi_arm.selection.ties: found 'smallest_dose'")
                && r.err().contains("random, first_listed"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
