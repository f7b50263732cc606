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
 * {@code --shard I/K} and {@code trialsim merge}: the shards of a run, merged in any order, give the bytes the
 * run without {@code --shard} gives, in every format {@code power} writes and for {@code size}'s lines, for one
 * study and for a sweep whose shards cut through cells; and merge refuses what cannot be one run (exit 2, the
 * files named): another seed, a shard twice, shards missing, truncated or altered files, another version.
 */
class ShardMergeTest {

    @TempDir
    static Path dir;
    static Path tiny;

    @BeforeAll
    static void scenario() throws IOException {
        tiny = Cli.scenario(dir, "tiny.yaml");
    }

    private static List<String> power(String... more) {
        List<String> a = new ArrayList<>(List.of("power", tiny.toString(), "--reps", "700", "--seed", "11", "-q"));
        a.addAll(List.of(more));
        return a;
    }

    private static List<String> shards(List<String> run, int k, String prefix) {
        return Cli.shards(dir, run, k, prefix);
    }

    private static Cli.Result merge(List<String> files, String... more) {
        return Cli.merge(files, more);
    }

    @Test
    void mergedShardsWriteTheBytesOfTheWholeRunInEveryFormat() throws IOException {
        List<String> files = shards(power(), 3, "one");
        for (String ext : List.of("csv", "json", "txt")) {
            Path whole = dir.resolve("whole." + ext);
            Path merged = dir.resolve("merged." + ext);
            List<String> run = power("--out", whole.toString());
            assertEquals(0, Cli.run(run.toArray(String[]::new)).exit());
            Cli.Result m = merge(files, "--out", merged.toString(), "-q");
            assertEquals(0, m.exit(), m.toString());
            assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(merged), ext);
        }
        // standard output: the table by default, and each format asked for
        for (String format : List.of("table", "csv", "json")) {
            Cli.Result whole = Cli.run(power("--format", format).toArray(String[]::new));
            Cli.Result m = merge(files, "--format", format);
            assertEquals(0, m.exit(), m.toString());
            assertEquals(whole.out(), m.out(), format);
        }
        assertEquals(Cli.run(power().toArray(String[]::new)).out(), merge(files).out());
    }

    @Test
    void shardsOfASweepCutThroughCellsAndMergeToItsBytes() {
        // 3 cells x 700 replicates cut 4 ways: shard 2 ends inside cell 1, shard 3 starts there
        List<String> sweep = power("--n", "40", "--sweep", "arms.ketamine.response.probability=0.3:0.5:0.1",
                "--format", "csv");
        Cli.Result whole = Cli.run(sweep.toArray(String[]::new));
        assertEquals(0, whole.exit(), whole.toString());
        List<String> files = shards(power("--n", "40", "--sweep", "arms.ketamine.response.probability=0.3:0.5:0.1"),
                4, "sweep");
        Cli.Result m = merge(files, "--format", "csv");
        assertEquals(0, m.exit(), m.toString());
        assertEquals(whole.out(), m.out());
    }

    @Test
    void shardsOfASizeSearchMergeToItsLines() {
        List<String> size = List.of("size", tiny.toString(), "--target", "0.8", "--n", "40:120:8", "--reps", "600",
                "--seed", "3", "-q");
        Cli.Result whole = Cli.run(size.toArray(String[]::new));
        assertEquals(0, whole.exit(), whole.toString());
        List<String> files = shards(size, 2, "size");
        Cli.Result m = merge(files);
        assertEquals(0, m.exit(), m.toString());
        assertEquals(whole.out(), m.out());
        assertTrue(m.out().contains("n_total"), m.out());
        // the search's JSON file, by --out's extension, has the bytes of the unsharded search's
        Path wholeJson = dir.resolve("size-whole.json");
        List<String> toFile = new ArrayList<>(size);
        toFile.addAll(List.of("--out", wholeJson.toString()));
        assertEquals(0, Cli.run(toFile.toArray(String[]::new)).exit());
        Path mergedJson = dir.resolve("size-merged.json");
        List<String> mergeToFile = new ArrayList<>(List.of("-q", "merge"));
        mergeToFile.addAll(files);
        mergeToFile.addAll(List.of("--out", mergedJson.toString()));
        Cli.Result j = Cli.run(mergeToFile.toArray(String[]::new));
        assertEquals(0, j.exit(), j.toString());
        try {
            assertArrayEquals(java.nio.file.Files.readAllBytes(wholeJson), java.nio.file.Files.readAllBytes(mergedJson));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An --out that is a shard being merged is refused (exit 2), even with --force, and the shard is kept. */
    @Test
    void aShardIsNeverTheOutput() throws IOException {
        List<String> files = shards(power(), 2, "own");
        byte[] before = java.nio.file.Files.readAllBytes(Path.of(files.get(1)));
        for (String force : List.of("--quiet", "--force")) {
            List<String> a = new ArrayList<>(List.of(force, "merge"));
            a.addAll(files);
            a.addAll(List.of("--format", "csv", "--out", files.get(1)));
            Cli.Result r = Cli.run(a.toArray(String[]::new));
            assertRefused(r, "is the shard file", "being merged");
            assertArrayEquals(before, java.nio.file.Files.readAllBytes(Path.of(files.get(1))));
        }
    }

    @Test
    void aPartialMergeOfTheFirstShardsIsMarkedPartialAndAGapIsRefused() {
        List<String> files = shards(power(), 4, "part"); // files: 4, 3, 2, 1
        Cli.Result refused = merge(List.of(files.get(3), files.get(2)), "--format", "csv");
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("shards missing: 3/4, 4/4 of 4") && refused.err().contains("--partial"),
                refused.err());
        Cli.Result partial = merge(List.of(files.get(2), files.get(3)), "--format", "csv", "--partial");
        assertEquals(0, partial.exit(), partial.toString());
        // shards 1 and 2 of 4 hold replicates [0, 350): the result of a run cancelled there
        assertTrue(partial.out().contains("# replicates: 350\n# null_replicates: 350\n# partial: true\n"), partial.out());
        Cli.Result gap = merge(List.of(files.get(3), files.get(1)), "--partial");
        assertEquals(2, gap.exit(), gap.toString());
        assertTrue(gap.err().contains("shard 2/4 is missing while later ones are given"), gap.err());
    }

    @Test
    void shardsOfAnotherRunADuplicateOrDamagedFilesAreRefused() throws IOException {
        List<String> files = shards(power(), 2, "ref");
        String first = files.get(1);
        String second = files.get(0);
        // another seed
        List<String> otherSeed = new ArrayList<>(List.of("power", tiny.toString(), "--reps", "700", "--seed", "12",
                "-q"));
        String other = shards(otherSeed, 2, "seed12").get(0);
        assertRefused(merge(List.of(first, other)), "the shards are of different runs", "seed is 11 in " + first
                + " but 12 in " + other);
        // another grid
        String grid = shards(power("--n", "40"), 2, "grid").get(0);
        assertRefused(merge(List.of(first, grid)), "sample_sizes is [40, 80] in " + first + " but [40] in " + grid);
        // the same shard twice
        assertRefused(merge(List.of(first, first, second)), "shard 1/2 is given twice");
        // truncated
        Path cut = dir.resolve("cut.counts");
        byte[] bytes = Files.readAllBytes(Path.of(second));
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(merge(List.of(first, cut.toString())), cut + " is damaged (it is truncated");
        // one count altered
        Path altered = dir.resolve("altered.counts");
        Files.writeString(altered, Files.readString(Path.of(second)).replaceFirst("alternative: 350 ",
                "alternative: 351 "));
        assertRefused(merge(List.of(first, altered.toString())), altered + " is damaged (its checksum does not match");
        // another trialsim version, with a valid checksum: refused by the merge, naming both versions
        for (String f : List.of(first, second)) {
            String text = Files.readString(Path.of(f)).replaceFirst("\ntrialsim: [^\n]+\n", "\ntrialsim: 0.0.1\n");
            Files.writeString(Path.of(f + ".old"), withChecksum(text));
        }
        assertRefused(merge(List.of(first + ".old", second + ".old")), "trialsim is 0.0.1 in the shards but");
        // not a counts file at all
        assertRefused(merge(List.of(tiny.toString())), "is not a trialsim counts file");
    }

    @Test
    void badShardOptionsAreRefused() {
        assertRefused(Cli.run(power("--shard", "0/3", "--out", dir.resolve("x.counts").toString())
                .toArray(String[]::new)), "I must be between 1 and K (3)");
        assertRefused(Cli.run(power("--shard", "4/3", "--out", dir.resolve("x.counts").toString())
                .toArray(String[]::new)), "I must be between 1 and K (3)");
        assertRefused(Cli.run(power("--shard", "a/3", "--out", dir.resolve("x.counts").toString())
                .toArray(String[]::new)), "--shard must be I/K");
        assertRefused(Cli.run(power("--shard", "1/701", "--out", dir.resolve("x.counts").toString())
                .toArray(String[]::new)), "K (701) is larger than the replicates to split (700)");
        assertRefused(Cli.run(power("--shard", "-1/3", "--out", dir.resolve("x.counts").toString())
                .toArray(String[]::new)), "I must be between 1 and K (3)");
        assertRefused(Cli.run(power("--shard", "1/0", "--out", dir.resolve("x.counts").toString())
                .toArray(String[]::new)), "I must be between 1 and K (0)");
        // K against every replicate of the run: a sweep's cells x replicates, and a size search's one study
        assertRefused(Cli.run(power("--sweep", "arms.ketamine.response.probability=0.4,0.5", "--shard", "1/1401",
                "--out", dir.resolve("x.counts").toString()).toArray(String[]::new)),
                "K (1401) is larger than the replicates to split (2 cells x 700 = 1400)", "use at most 1400 shards");
        assertRefused(Cli.run("size", tiny.toString(), "--target", "0.8", "--n", "40:120:8", "--reps", "600",
                "--shard", "2/601", "--out", dir.resolve("x.counts").toString()),
                "K (601) is larger than the replicates to split (600)");
        assertRefused(Cli.run("size", tiny.toString(), "--target", "0.8", "--n", "40:120:8", "--reps", "600",
                "--shard", "3/2", "--out", dir.resolve("x.counts").toString()), "I must be between 1 and K (2)");
        assertRefused(Cli.run(power("--shard", "1/3").toArray(String[]::new)), "give it with --out FILE");
        assertRefused(Cli.run(List.of("power", tiny.toString(), "--target-mcse", "0.01", "--shard", "1/3", "--out",
                dir.resolve("x.counts").toString()).toArray(String[]::new)), "--shard needs a fixed number of "
                + "replicates");
        assertFalse(Files.exists(dir.resolve("x.counts")));
    }

    /**
     * A shard's counts file is checked and claimed like every output, for power (with or without a sweep) and
     * size alike: it may not be the scenario, a file another run is writing is refused, and a folder that takes
     * no files is named before anything runs. Each refusal comes before the shard announces its work.
     */
    @Test
    void aShardsCountsFileIsCheckedAndClaimedLikeEveryOutput() throws IOException {
        List<List<String>> runs = List.of(power(),
                power("--sweep", "arms.ketamine.response.probability=0.4,0.5"),
                List.of("size", tiny.toString(), "--target", "0.8", "--n", "40:120:8", "--reps", "600", "-q"));
        byte[] scenario = Files.readAllBytes(tiny);
        Path held = dir.resolve("held.counts");
        for (List<String> run : runs) {
            Cli.Result itself = Cli.run(with(run, "--shard", "1/2", "--out", tiny.toString(), "--force"));
            assertRefused(itself, "--out " + tiny + " is the scenario file being read");
            assertArrayEquals(scenario, Files.readAllBytes(tiny));
            try (org.trialsim.io.OutputLock claim = org.trialsim.io.OutputLock.acquire(held)) {
                Cli.Result busy = Cli.run(with(loud(run), "--shard", "1/2", "--out", held.toString()));
                assertRefused(busy, held + " is being written by another trialsim run");
                assertFalse(busy.err().contains("shard 1/2:"), "refused before the shard ran: " + busy.err());
            }
            assertFalse(Files.exists(held));
            if (Files.isDirectory(Path.of("/sys"))) {
                // a folder that exists but takes no files (even for root): named, exit 1 as any write that fails
                Path sys = Path.of("/sys/trialsim-test.counts");
                Cli.Result r = Cli.run(with(loud(run), "--shard", "1/2", "--out", sys.toString()));
                assertEquals(1, r.exit(), r.toString());
                assertTrue(r.err().contains("trialsim: cannot write " + sys + ": cannot create a file in /sys ("),
                        r.toString());
                assertFalse(r.err().contains("shard 1/2:") || r.err().contains("\tat "), r.toString());
            }
        }
    }

    /** The run without -q, so that a shard that starts says so. */
    private static List<String> loud(List<String> run) {
        return run.stream().filter(a -> !a.equals("-q")).toList();
    }

    private static String[] with(List<String> run, String... more) {
        List<String> a = new ArrayList<>(run);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** The command line's own jar has no cluster runner: --spark says where it is, exit 2, nothing run. */
    @Test
    void sparkWithoutTheSparkModuleSaysHowToGetIt() {
        Cli.Result r = Cli.run(power("--spark", "local[2]", "--format", "csv").toArray(String[]::new));
        assertRefused(r, "--spark needs the spark module", "mvn -B -DskipTests -pl spark -am package");
        assertEquals("", r.out());
        assertRefused(Cli.run(power("--spark", "local[2]", "--shard", "1/2", "--out", dir.resolve("y.counts")
                .toString()).toArray(String[]::new)), "--shard and --spark do not go together");
    }

    private static void assertRefused(Cli.Result r, String... messages) {
        assertEquals(2, r.exit(), r.toString());
        for (String m : messages) {
            assertTrue(r.err().contains(m), "expected '" + m + "' in\n" + r.err());
        }
        assertFalse(r.err().contains("Exception"), r.err());
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
