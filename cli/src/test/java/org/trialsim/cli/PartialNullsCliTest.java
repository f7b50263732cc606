package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --partial-nulls} (issue #15, point 5): the rows {@code fwer_partial:<null endpoints>} in every format, with
 * {@code hypothesis} {@code partial_null} in the CSV; shards of such a run merge to its bytes (the pattern of
 * {@link ShardMergeTest}); combinations that cannot give them are refused with exit 2. The figures themselves are
 * checked against closed forms in core's {@code PartialNullFwerTest}.
 */
class PartialNullsCliTest {

    @TempDir
    static Path dir;
    static Path two;

    @BeforeAll
    static void scenario() throws IOException {
        two = dir.resolve("two.yaml");
        Files.writeString(two, """
                name: two-normal-endpoints
                design: {sample_sizes: [60, 100], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    continuous_outcomes:
                      y1: {mean: 0.5, sd: 1}
                      y2: {mean: 0.5, sd: 1}
                  control:
                    control: true
                    continuous_outcomes:
                      y1: {mean: 0, sd: 1}
                      y2: {mean: 0, sd: 1}
                endpoints:
                  y1: {kind: continuous, test: t_test}
                  y2: {kind: continuous, test: t_test}
                multiplicity: {procedure: holm}
                """);
    }

    private static List<String> power(String... more) {
        List<String> a = new ArrayList<>(List.of("power", two.toString(), "--reps", "300", "--null-reps", "250",
                "--seed", "3", "--partial-nulls", "auto", "-q"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void theRowsAreInEveryFormatAndShardsMergeToTheirBytes() throws IOException {
        Cli.Result csv = Cli.run(power("--format", "csv").toArray(String[]::new));
        assertEquals(0, csv.exit(), csv.toString());
        assertTrue(csv.out().contains("\n\"\",60,fwer_partial:y1,") || csv.out().contains("\n,60,fwer_partial:y1,"),
                csv.out());
        List<String> lines = csv.out().lines().filter(l -> l.contains("fwer_partial:")).toList();
        assertEquals(4, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(line.endsWith(",250,fwer_partial," + (line.contains("y1") ? "y1" : "y2") + ",,partial_null"),
                    line);
        }
        Cli.Result table = Cli.run(power().toArray(String[]::new));
        assertTrue(table.out().contains("fwer_partial:y1") && table.out().contains("fwer_partial:y2"), table.out());

        List<String> files = new ArrayList<>();
        for (int i = 3; i >= 1; i--) {
            String file = dir.resolve("p-" + i + ".counts").toString();
            List<String> a = power("--shard", i + "/3", "--out", file);
            Cli.Result r = Cli.run(a.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            files.add(file);
        }
        for (String ext : List.of("csv", "json", "txt")) {
            Path whole = dir.resolve("whole." + ext);
            Path merged = dir.resolve("merged." + ext);
            assertEquals(0, Cli.run(power("--out", whole.toString()).toArray(String[]::new)).exit());
            List<String> m = new ArrayList<>(List.of("merge"));
            m.addAll(files);
            m.addAll(List.of("--out", merged.toString(), "-q"));
            Cli.Result r = Cli.run(m.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(merged), ext);
            assertTrue(Files.readString(merged).contains("fwer_partial:y2"), ext);
        }
    }

    @Test
    void combinationsWithoutPartialNullsAreRefused() throws IOException {
        Cli.Result none = Cli.run("power", two.toString(), "--reps", "50", "--null-reps", "none", "--partial-nulls",
                "auto", "-q");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("--partial-nulls auto needs the null replicates"), none.err());

        Cli.Result bad = Cli.run("power", two.toString(), "--reps", "50", "--partial-nulls", "some", "-q");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("'some' is not a choice of partial nulls; allowed: none, one, all, auto"),
                bad.err());

        Cli.Result size = Cli.run("size", two.toString(), "--target", "0.8", "--reps", "50", "--partial-nulls", "one",
                "-q");
        assertEquals(2, size.exit(), size.toString());
        assertTrue(size.err().contains("--partial-nulls: size searches on power and reports no type I error"),
                size.err());

        Path one = Cli.scenario(dir, "tiny.yaml");
        Cli.Result single = Cli.run("power", one.toString(), "--reps", "50", "--partial-nulls", "one", "-q");
        assertEquals(2, single.exit(), single.toString());
        assertTrue(single.err().contains("partial nulls need at least two endpoints"), single.err());
        assertFalse(single.err().contains("Exception"), single.err());
    }
}
