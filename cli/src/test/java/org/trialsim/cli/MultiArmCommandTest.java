package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code power} and {@code run} on scenarios with a multi-arm design: the same bytes for any thread count, the
 * result in every format, the options that need the patient-level engine refused (shards and merge:
 * {@code MultiArmShardMergeTest}), and each bad input of issue #16 reported with file, line and key, exit 2 and
 * no stack trace.
 */
class MultiArmCommandTest {

    @TempDir
    Path dir;

    private static void assertRefused(Cli.Result r, String message) {
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), r.toString());
    }

    @Test
    void csvAndJsonAreTheSameBytesForAnyThreadCount() throws IOException {
        for (String format : new String[] {"csv", "json"}) {
            Path one = dir.resolve("one." + format);
            Path two = dir.resolve("two." + format);
            Cli.Result a = Cli.run("power", "ketamine-schedules", "--reps", "400", "--n", "180", "-t", "1", "--out",
                    one.toString(), "--quiet");
            Cli.Result b = Cli.run("power", "ketamine-schedules", "--reps", "400", "--n", "180", "-t", "2", "--out",
                    two.toString(), "--quiet");
            assertEquals(0, a.exit(), a.toString());
            assertEquals(0, b.exit(), b.toString());
            assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), format);
        }
        String csv = Files.readString(dir.resolve("one.csv"));
        for (String measure : new String[] {"power:twice_weekly", "power:any", "selected:once_weekly",
            "allocation:midazolam", "type1:any", "fwer:twice_weekly", "fwer:once_weekly"}) {
            assertTrue(csv.contains("," + measure + ","), measure + " in\n" + csv);
        }
        String json = Files.readString(dir.resolve("one.json"));
        assertTrue(json.contains("\\nmulti_arm:\\n"), "the JSON carries the scenario it ran");
        // the resolved scenario lists the size studied (--n 180), not the file's [180, 240, 300]: a copy of a
        // multi-arm scenario once lost its multi_arm block, so the document fell back to the scenario as given
        assertTrue(json.contains("sample_sizes:\\n  - 180\\n"), "resolved sizes are those of --n");
        assertTrue(json.contains("fwer:once_weekly"));
    }

    @Test
    void theTableNamesTheModelAndTheMeasures() {
        Cli.Result r = Cli.run("power", "ketamine-schedules", "--reps", "200", "--n", "180", "-t", "1");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("multi_arm_closed_test"), r.out());
        assertTrue(r.out().contains("selected:twice_weekly") && r.out().contains("type1:any"), r.out());
    }

    @Test
    void runWritesTheResultFolder() {
        Path folder = dir.resolve("run");
        Cli.Result r = Cli.run("run", "ketamine-schedules", "--reps", "200", "--n", "180,240", "--out",
                folder.toString());
        assertEquals(0, r.exit(), r.toString());
        for (String f : new String[] {"power.csv", "power.json", "power.txt", "scenario.yaml", "power-curve.svg"}) {
            assertTrue(Files.exists(folder.resolve(f)), f + ": " + r);
        }
        assertFalse(Files.exists(folder.resolve("report.html")), "no report page: it replays patient-level trials");
        assertRefused(Cli.run("report", folder.toString()), "'report' is not available for the multi-arm design");
    }

    @Test
    void optionsThatNeedTheEnginesCountsAreRefused() {
        assertRefused(Cli.run("power", "ketamine-schedules", "--per-trial", dir.resolve("t.csv").toString()),
                "--per-trial is not available for a multi-arm design");
        assertRefused(Cli.run("power", "ketamine-schedules", "--checkpoint", dir.resolve("c").toString()),
                "--checkpoint/--resume is not available");
        assertRefused(Cli.run("power", "ketamine-schedules", "--null-reps", "100"), "--null-reps (every configuration");
        assertRefused(Cli.run("power", "ketamine-schedules", "--partial-nulls", "one"),
                "--partial-nulls (a multi-arm design reports");
        assertRefused(Cli.run("size", "ketamine-schedules", "--target", "0.8"), "'size' is not available for the "
                + "multi-arm design");
        assertRefused(Cli.run("simulate", "ketamine-schedules", "--n", "90", "--replicate", "0"),
                "'simulate' is not available for the multi-arm design");
        assertRefused(Cli.run("power", "ketamine-schedules", "--n", "200"), "found 200, which does not split into "
                + "the allocation ratios (sum 3)");
    }

    /** Each bad input of issue #16 in a file: exit 2, the file, line and key, what is allowed; no stack trace. */
    @Test
    void badInputsAreLocated() throws IOException {
        String head = """
                design: {sample_sizes: [150], alpha: 0.025, sides: 1}
                arms:
                  high: {binary_outcomes: {cure: {probability: 0.5}}}
                  low: {binary_outcomes: {cure: {probability: 0.4}}}
                  placebo: {control: true, binary_outcomes: {cure: {probability: 0.3}}}
                endpoints:
                  cure: {kind: binary}
                """;
        Map<String, String[]> cases = Map.of(
                "threshold.yaml", new String[] {"response_adaptive: {information_fractions: [0.5, 1], success: 1}",
                    ":8:", "response_adaptive.success: found 1; allowed a posterior probability threshold in (0, 1)"},
                "prior.yaml", new String[] {"response_adaptive: {information_fractions: [0.5, 1], success: 0.9, "
                    + "prior: {a: -1, b: 2}}", ":8:", "response_adaptive.prior.a: found -1; allowed a beta shape >= 1"},
                "cap.yaml", new String[] {"response_adaptive: {information_fractions: [0.5, 1], success: 0.9, "
                    + "floor: 0.2, cap: 0.1}", ":8:", "response_adaptive.cap: found cap 0.1 below floor 0.2"},
                "drop.yaml", new String[] {"multi_arm: {information_fractions: [0.5, 1], selection: {rule: all, "
                    + "threshold: 0}}", ":8:", "multi_arm.selection.threshold: found threshold 0, a selection rule "
                    + "that can drop every arm"},
                "fractions.yaml", new String[] {"multi_arm: {information_fractions: [0.6, 0.5, 1]}", ":8:",
                    "multi_arm.information_fractions[1]: found 0.5 after 0.6; information fractions must be strictly "
                    + "increasing"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path file = dir.resolve(c.getKey());
            Files.writeString(file, head + c.getValue()[0] + "\n");
            Cli.Result r = Cli.run("power", file.toString());
            assertRefused(r, file + c.getValue()[1]);
            assertTrue(r.err().contains(c.getValue()[2]), r.toString());
        }
    }
}
