package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code power --shard I/K} and {@code trialsim merge} on multi-arm designs (issue #17 for issue #16's designs): a
 * closed-test design with two interims, futility and selection, and a response-adaptive design, each split into
 * K = 1, 2 and 3 shards and unevenly (K = 4 over 1001 replicates, pieces not on batch boundaries, each shard on
 * its own thread count), merged in any order to the bytes of the run without {@code --shard} in every format
 * {@code power} writes; and merge refuses what cannot be one run (exit 2, the files named).
 */
class MultiArmShardMergeTest {

    @TempDir
    static Path dir;
    static Path closed;
    static Path adaptive;

    @BeforeAll
    static void scenarios() throws IOException {
        String arms = """
                design: {sample_sizes: [120, 240], alpha: 0.025, sides: 1}
                arms:
                  high: {binary_outcomes: {cure: {probability: 0.55}}}
                  low: {binary_outcomes: {cure: {probability: 0.45}}}
                  placebo: {control: true, binary_outcomes: {cure: {probability: 0.3}}}
                endpoints:
                  cure: {kind: binary}
                """;
        closed = dir.resolve("closed.yaml");
        Files.writeString(closed, arms + """
                multi_arm:
                  information_fractions: [0.25, 0.5, 1]
                  intersection_test: dunnett
                  selection: {rule: best}
                  futility_bound: 0
                """);
        adaptive = dir.resolve("adaptive.yaml");
        Files.writeString(adaptive, arms.replace("[120, 240]", "[120]") + """
                response_adaptive:
                  information_fractions: [0.25, 0.5, 1]
                  floor: 0.1
                  cap: 0.7
                  control_share: 0.3333
                  inferiority: 0.05
                  futility: 0.1
                  success: 0.95
                """);
    }

    private static List<String> power(Path scenario, int reps, String... more) {
        List<String> a = new ArrayList<>(List.of("power", scenario.toString(), "--reps", Integer.toString(reps),
                "--seed", "29", "-q"));
        a.addAll(List.of(more));
        return a;
    }

    private static List<String> shards(List<String> run, int k, String prefix) {
        return Cli.shards(dir, run, k, prefix);
    }

    private static Cli.Result merge(List<String> files, String... more) {
        return Cli.merge(files, more);
    }

    /** The bytes of the whole run and of the merge, in each file format and on standard output. */
    private static void assertMergesToTheWholeRun(Path scenario, int reps, int k, String prefix) throws IOException {
        List<String> files = shards(power(scenario, reps), k, prefix);
        for (String ext : List.of("csv", "json", "txt")) {
            Path whole = dir.resolve(prefix + "-whole." + ext);
            Path merged = dir.resolve(prefix + "-merged." + ext);
            Cli.Result w = Cli.run(power(scenario, reps, "--out", whole.toString()).toArray(String[]::new));
            assertEquals(0, w.exit(), w.toString());
            Cli.Result m = merge(files, "--out", merged.toString(), "-q");
            assertEquals(0, m.exit(), m.toString());
            assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(merged), prefix + " " + ext);
        }
        for (String format : List.of("table", "csv", "json")) {
            Cli.Result whole = Cli.run(power(scenario, reps, "--format", format).toArray(String[]::new));
            Cli.Result m = merge(files, "--format", format);
            assertEquals(0, m.exit(), m.toString());
            assertEquals(whole.out(), m.out(), prefix + " " + format);
        }
    }

    @Test
    void shardsOfAClosedTestWithInterimsMergeToTheBytesOfTheWholeRun() throws IOException {
        for (int k = 1; k <= 3; k++) {
            assertMergesToTheWholeRun(closed, 1100, k, "closed" + k);
        }
        assertMergesToTheWholeRun(closed, 1001, 4, "closed-uneven");
        String csv = Files.readString(dir.resolve("closed3-merged.csv"));
        for (String row : List.of(",power:high,", ",reject:look2,", ",futility:look2,", ",fwer:low,", ",type1:any,")) {
            assertTrue(csv.contains(row), row + " in\n" + csv);
        }
        assertTrue(csv.contains("# stream_layout: StreamIds multi_arm (every arm's outcomes) and multi_arm_ties "
                + "(uniforms breaking selection ties"), csv);
    }

    @Test
    void shardsOfAResponseAdaptiveDesignMergeToTheBytesOfTheWholeRun() throws IOException {
        for (int k = 1; k <= 3; k++) {
            assertMergesToTheWholeRun(adaptive, 600, k, "adaptive" + k);
        }
        assertMergesToTheWholeRun(adaptive, 601, 4, "adaptive-uneven");
        String csv = Files.readString(dir.resolve("adaptive3-merged.csv"));
        assertTrue(csv.contains(",dropped:low,") && csv.contains(",early_success,"), csv);
    }

    /** A closed test on a continuous endpoint (the MADRS change of examples/ketamine-doses-madrs.yaml). */
    @Test
    void shardsOfAContinuousClosedTestMergeToTheBytesOfTheWholeRun() throws IOException {
        assertMergesToTheWholeRun(Path.of("..", "examples", "ketamine-doses-madrs.yaml"), 700, 3, "means");
    }

    /** The counts file names the multi-arm simulation, its counter layout and its streams. */
    @Test
    void theCountsFileCarriesTheMultiArmProvenance() throws IOException {
        String text = Files.readString(Path.of(shards(power(closed, 700), 2, "prov").get(0)));
        assertTrue(text.contains("\nmodel: multi_arm_closed_test\n"), text);
        assertTrue(text.contains("\ncounters: multi-arm counts 1: replicates, then at each sample size the "
                + "configurations as assumed, global null, partial null high, partial null low, each as closed test 1:"),
                text);
        assertTrue(text.contains("\nstreams: StreamIds multi_arm (every arm's outcomes) and multi_arm_ties"), text);
        assertTrue(text.contains("\nsample_sizes: [120, 240]\nmodel"), text);
    }

    @Test
    void aPartialMergeOfTheFirstShardsIsMarkedPartial() {
        List<String> files = shards(power(closed, 900), 3, "part"); // 3, 2, 1
        Cli.Result partial = merge(List.of(files.get(2), files.get(1)), "--format", "csv", "--partial");
        assertEquals(0, partial.exit(), partial.toString());
        assertTrue(partial.out().contains("# replicates: 600\n") && partial.out().contains("# partial: true\n"),
                partial.out());
        assertTrue(partial.out().contains("cancelled: results rest on the 600 replicates completed"), partial.out());
        // the first 600 replicates of a run of 600: the same figures, complete
        Cli.Result whole = Cli.run(power(closed, 600, "--format", "csv").toArray(String[]::new));
        assertEquals(rows(whole.out()), rows(partial.out()));
    }

    private static List<String> rows(String csv) {
        return csv.lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void shardsOfAnotherRunADuplicateOrDamagedFilesAreRefused() throws IOException {
        List<String> files = shards(power(closed, 700), 2, "ref");
        String first = files.get(1);
        String second = files.get(0);
        String otherSeed = shards(List.of("power", closed.toString(), "--reps", "700", "--seed", "30", "-q"), 2,
                "seed30").get(0);
        assertRefused(merge(List.of(first, otherSeed)), "the shards are of different runs",
                "seed is 29 in " + first + " but 30 in " + otherSeed);
        String otherDesign = shards(power(adaptive, 700), 2, "other").get(0);
        assertRefused(merge(List.of(first, otherDesign)), "the shards are of different runs",
                "model is multi_arm_closed_test in " + first + " but response_adaptive in " + otherDesign);
        assertRefused(merge(List.of(first, first, second)), "shard 1/2 is given twice");
        assertRefused(merge(List.of(second)), "shards missing: 1/2 of 2");
        Path cut = dir.resolve("cut.counts");
        byte[] bytes = Files.readAllBytes(Path.of(second));
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(merge(List.of(first, cut.toString())), cut + " is damaged (it is truncated");
        Path altered = dir.resolve("altered.counts");
        Files.writeString(altered, Files.readString(Path.of(second)).replaceFirst("alternative: 350 ",
                "alternative: 351 "));
        assertRefused(merge(List.of(first, altered.toString())), altered + " is damaged (its checksum does not match");
        // files of another counter layout or version, with valid checksums: refused by the merge, naming the key
        for (String f : List.of(first, second)) {
            String text = Files.readString(Path.of(f));
            Files.writeString(Path.of(f + ".layout"), withChecksum(text.replaceFirst("\ncounters: multi-arm counts 1:",
                    "\ncounters: multi-arm counts 0:")));
            Files.writeString(Path.of(f + ".old"), withChecksum(text.replaceFirst("\ntrialsim: [^\n]+\n",
                    "\ntrialsim: 0.0.1\n")));
        }
        assertRefused(merge(List.of(first + ".layout", second + ".layout")),
                "counters is multi-arm counts 0: replicates", "in the shards but multi-arm counts 1: replicates");
        assertRefused(merge(List.of(first + ".old", second + ".old")), "trialsim is 0.0.1 in the shards but");
    }

    /**
     * A sweep of a multi-arm design: each cell a study of its own, printed and written as other sweeps (rows
     * labelled with the cell); its shards cut through cells (2 cells x 700 replicates in 3 parts) and merge to its
     * bytes; a cell whose scenario is refused names the key.
     */
    @Test
    void aSweepOfAMultiArmDesignAndItsShardsMergeToItsBytes() throws IOException {
        List<String> sweep = power(closed, 700, "--n", "120", "--sweep",
                "arms.low.binary_outcomes.cure.probability=0.3,0.45");
        Path whole = dir.resolve("sweep-whole.csv");
        Cli.Result w = Cli.run(with(sweep, "--out", whole.toString()));
        assertEquals(0, w.exit(), w.toString());
        String csv = Files.readString(whole);
        assertTrue(csv.contains("arms.low.binary_outcomes.cure.probability=0.3,120,power:high,"), csv);
        assertTrue(csv.contains("arms.low.binary_outcomes.cure.probability=0.45,120,fwer:low,"), csv);
        assertTrue(csv.contains("# replicates: 1400\n"), csv);
        List<String> files = shards(sweep, 3, "sweep");
        Path merged = dir.resolve("sweep-merged.csv");
        Cli.Result m = merge(files, "--out", merged.toString(), "-q");
        assertEquals(0, m.exit(), m.toString());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(merged));
        for (String format : List.of("table", "json")) {
            assertEquals(Cli.run(with(sweep, "--format", format)).out(), merge(files, "--format", format).out(),
                    format);
        }
        assertTrue(Files.readString(Path.of(files.get(0))).contains("\ngrid: arms.low.binary_outcomes.cure.probability"
                + "=0.3,0.45\ncells: 2\n"));
        Cli.Result bad = Cli.run(with(power(closed, 700, "--sweep", "arms.low.binary_outcomes.cure.probability=1.5")));
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("arms.low.binary_outcomes.cure.probability"), bad.toString());
        assertFalse(bad.err().contains("\tat "), bad.toString());
    }

    /**
     * {@code --target-mcse}: batches in order until every power's MCSE is at most the target, stopping where the
     * patient-level engine would (the same bytes for 1 and 2 threads, between the replicates and the cap); not
     * with {@code --shard}, whose stopping point would depend on every batch before it.
     */
    @Test
    void aPrecisionTargetRunsToItsStoppingPoint() throws IOException {
        List<String> run = power(closed, 500, "--n", "120", "--target-mcse", "0.015", "--max-reps", "20000");
        Path one = dir.resolve("target-1.csv");
        Path two = dir.resolve("target-2.csv");
        assertEquals(0, Cli.run(with(run, "--threads", "1", "--out", one.toString())).exit());
        assertEquals(0, Cli.run(with(run, "--threads", "2", "--out", two.toString())).exit());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        String csv = Files.readString(one);
        assertFalse(csv.contains("# replicates: 500\n") || csv.contains("# replicates: 20000\n"), csv);
        assertTrue(csv.contains("# partial: false\n"), csv);
        assertRefused(Cli.run(with(run, "--shard", "1/2", "--out", dir.resolve("t.counts").toString())),
                "--shard needs a fixed number of replicates");
        assertRefused(Cli.run(with(power(closed, 500, "--target-mcse", "0.015", "--max-reps", "400"))),
                "--max-reps (400) is below the replicates to start from (500)");
    }

    private static String[] with(List<String> run, String... more) {
        List<String> a = new ArrayList<>(run);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void badShardOptionsAreRefused() {
        Path x = dir.resolve("x.counts");
        assertRefused(Cli.run(power(closed, 700, "--shard", "1/701", "--out", x.toString()).toArray(String[]::new)),
                "K (701) is larger than the replicates to split (700)");
        assertRefused(Cli.run(power(closed, 700, "--shard", "4/3", "--out", x.toString()).toArray(String[]::new)),
                "I must be between 1 and K (3)");
        assertRefused(Cli.run(power(closed, 700, "--shard", "1/3").toArray(String[]::new)), "give it with --out FILE");
        assertRefused(Cli.run(power(closed, 700, "--shard", "1/3", "--format", "csv", "--out", x.toString())
                .toArray(String[]::new)), "--shard writes a counts file, not a result");
        assertRefused(Cli.run(power(closed, 700, "--shard", "1/3", "--checkpoint", dir.resolve("c").toString(),
                "--out", x.toString()).toArray(String[]::new)), "--checkpoint/--resume is not available");
        assertRefused(Cli.run(power(closed, 700, "--shard", "1/3", "--spark", "local[2]", "--out", x.toString())
                .toArray(String[]::new)), "--shard and --spark do not go together");
        // the command line's own jar has no cluster runner
        assertRefused(Cli.run(power(closed, 700, "--spark", "local[2]").toArray(String[]::new)),
                "--spark needs the spark module");
        assertFalse(Files.exists(x));
    }

    private static void assertRefused(Cli.Result r, String... messages) {
        assertEquals(2, r.exit(), r.toString());
        for (String m : messages) {
            assertTrue(r.err().contains(m), "expected '" + m + "' in\n" + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    /** The text with its checksum line recomputed, as a file written by another trialsim would have. */
    private static String withChecksum(String text) {
        int at = text.lastIndexOf("\ncrc32: ");
        String body = text.substring(0, at + 1);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return body + "crc32: " + String.format(Locale.ROOT, "%08x", crc.getValue()) + "\n";
    }
}
