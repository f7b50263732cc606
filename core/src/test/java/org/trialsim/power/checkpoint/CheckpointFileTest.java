package org.trialsim.power.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ProgressListener;
import org.trialsim.power.ReplicateRanges;
import org.trialsim.power.StudyCounts;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;

/** Checkpoints on disk: resume to the same bits, refuse another study or a damaged file, never a half-written file. */
class CheckpointFileTest {

    private static PowerStudy study() {
        Scenario s = ScenarioLibrary.load("ketamine-vs-midazolam");
        return PowerStudy.of(s).sampleSizes(40, 80).replicates(2000).fixedReplicates().batchSize(100).threads(2);
    }

    @Test
    void aCancelledStudyResumesToTheSameBits(@TempDir Path dir) throws IOException {
        PowerStudy study = study();
        StudyResult whole = study.run();
        Path path = dir.resolve("study.checkpoint");
        CheckpointFile file = CheckpointFile.of(path, study).everyMillis(0);
        AtomicBoolean cancel = new AtomicBoolean();
        StudyResult partial = study.run((done, total) -> cancel.set(done >= 700), cancel::get, null, file);
        file.flush();
        assertTrue(partial.provenance().partial());
        StudyCounts saved = file.load();
        assertEquals(partial.provenance().replicates(), saved.replicates());
        // resumed on another thread count, in two more interrupted legs
        cancel.set(false);
        StudyResult second = study.threads(1).run((done, total) -> cancel.set(done >= 1300), cancel::get,
                saved, file);
        file.flush();
        assertTrue(second.provenance().partial());
        StudyResult resumed = study.threads(3).run(ProgressListener.NONE, () -> false, file.load(), file);
        assertEquals(whole, resumed);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "temporary files left behind");
        }
    }

    @Test
    void anotherSeedScenarioOrGridIsRefusedNamingTheDifference(@TempDir Path dir) {
        PowerStudy study = study();
        Path path = dir.resolve("c");
        CheckpointFile file = CheckpointFile.of(path, study).everyMillis(0);
        AtomicBoolean cancel = new AtomicBoolean();
        study.run((done, total) -> cancel.set(true), cancel::get, null, file);
        var e = assertThrows(CheckpointFile.CheckpointException.class,
                () -> CheckpointFile.of(path, study.seed(8)).load());
        assertTrue(e.getMessage().contains("seed is " + study.seed() + " in the checkpoint but 8 in this run"),
                e.getMessage());
        Scenario other = ScenarioLibrary.load("ketamine-taper-vs-taper");
        e = assertThrows(CheckpointFile.CheckpointException.class, () -> CheckpointFile.of(path,
                PowerStudy.of(other).sampleSizes(40, 80).replicates(2000).fixedReplicates().batchSize(100)).load());
        assertTrue(e.getMessage().contains("scenario_sha256 is ") && e.getMessage().contains("different study"),
                e.getMessage());
        e = assertThrows(CheckpointFile.CheckpointException.class,
                () -> CheckpointFile.of(path, study.sampleSizes(40, 100)).load());
        assertTrue(e.getMessage().contains("sample_sizes is [40, 80] in the checkpoint but [40, 100]"), e.getMessage());
        e = assertThrows(CheckpointFile.CheckpointException.class,
                () -> CheckpointFile.of(dir.resolve("none"), study).load());
        assertTrue(e.getMessage().startsWith("no checkpoint to resume from"), e.getMessage());
    }

    @Test
    void aDamagedCheckpointIsRefused(@TempDir Path dir) throws IOException {
        PowerStudy study = study();
        Path path = dir.resolve("c");
        CheckpointFile file = CheckpointFile.of(path, study).everyMillis(0);
        AtomicBoolean cancel = new AtomicBoolean();
        study.run((done, total) -> cancel.set(done >= 300), cancel::get, null, file);
        String text = Files.readString(path);
        // one counter changed: the checksum catches it
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("counts.alternative: (\\d+) (\\d)").matcher(text);
        assertTrue(m.find(), text);
        char changed = (char) ('0' + (m.group(2).charAt(0) - '0' + 1) % 10);
        String damaged = text.substring(0, m.start(2)) + changed + text.substring(m.end(2));
        Files.writeString(path, damaged, StandardCharsets.UTF_8);
        var e = assertThrows(CheckpointFile.CheckpointException.class, file::load);
        assertTrue(e.getMessage().contains("is damaged (its checksum"), e.getMessage());
        // cut short, as a non-atomic write killed midway would leave it
        Files.writeString(path, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        e = assertThrows(CheckpointFile.CheckpointException.class, file::load);
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }

    /**
     * A checkpoint holds any set of replicate ranges, for example shards run apart and merged: resuming runs
     * only the replicates missing and ends with the bits of one run.
     */
    @Test
    void shardsSavedAsOneCheckpointResumeToTheMissingReplicates(@TempDir Path dir) {
        PowerStudy study = study();
        Path path = dir.resolve("shards");
        CheckpointFile file = CheckpointFile.of(path, study);
        StudyCounts shards = study.counts(300, 700).merge(study.counts(1200, 1250)).merge(study.counts(1900, 2000));
        file.save(shards);
        StudyCounts loaded = file.load();
        assertEquals(shards, loaded);
        assertEquals(ReplicateRanges.parse("[300, 700) [1200, 1250) [1900, 2000)"), loaded.ranges());
        List<Long> progress = new ArrayList<>();
        StudyResult resumed = study.run((done, total) -> progress.add(done), () -> false, loaded,
                org.trialsim.power.CheckpointListener.NONE);
        assertEquals(study.run(), resumed);
        // 2000 replicates less the 550 held: the batches of 100 that miss some replicates run only those
        assertEquals(2000L, progress.get(progress.size() - 1));
        assertEquals(550 + 100, progress.get(0), "the first batch runs [0, 100) only: " + progress);
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointFile.of(path, study.seed(9))
                .save(shards));
        assertTrue(e.getMessage().contains("another study"), e.getMessage());
    }

    /** A checkpoint of layout 1 (counters of the first whole batches) written before ranges still resumes. */
    @Test
    void aCheckpointOfTheFirstLayoutIsRead(@TempDir Path dir) throws IOException {
        PowerStudy study = study();
        StudyCounts first = study.counts(0, 700);
        StringBuilder sb = new StringBuilder("# trialsim checkpoint: counters of the first whole batches of a power "
                + "study.\n# Resume with the same command and --resume; do not edit.\nformat: 1\n");
        study.fingerprint().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append("completed: 700\nstudies: 2\n");
        long[][] counts = {first.alternative(), first.nullHypothesis()};
        for (int i = 0; i < 2; i++) {
            sb.append("counts.").append(i).append(':');
            for (long v : counts[i]) {
                sb.append(' ').append(v);
            }
            sb.append('\n');
        }
        Path path = dir.resolve("v1");
        Files.writeString(path, withCrc(sb.toString()), StandardCharsets.UTF_8);
        StudyCounts loaded = CheckpointFile.of(path, study).load();
        assertEquals(first, loaded);
        assertEquals(study.run(), study.run(ProgressListener.NONE, () -> false, loaded,
                org.trialsim.power.CheckpointListener.NONE));
        // an unknown layout is refused by name
        Files.writeString(path, withCrc(sb.toString().replace("format: 1", "format: 9")), StandardCharsets.UTF_8);
        var e = assertThrows(CheckpointFile.CheckpointException.class, () -> CheckpointFile.of(path, study).load());
        assertTrue(e.getMessage().contains("has layout 9, which this trialsim does not read (it reads 1 and 2)"),
                e.getMessage());
    }

    /**
     * A checkpoint edited with its checksum recomputed passes the checksum but not the study: a counter line
     * of another length, ranges beyond the study's replicates or a negative count is an unusable (exit 2)
     * checkpoint, refused when it is read, never an internal error when the run starts; bytes that are not
     * UTF-8 are damage, and a device is refused unread (issue #20, point 4).
     */
    @Test
    void aCheckpointEditedWithItsChecksumIsRefusedAsUnusable(@TempDir Path dir) throws IOException {
        PowerStudy study = study();
        Path path = dir.resolve("c");
        CheckpointFile file = CheckpointFile.of(path, study).everyMillis(0);
        AtomicBoolean cancel = new AtomicBoolean();
        study.run((done, total) -> cancel.set(done >= 300), cancel::get, null, file);
        String text = Files.readString(path);
        String body = text.substring(0, text.lastIndexOf("crc32: "));
        java.util.function.UnaryOperator<String> shorter = b -> b.replaceFirst("(counts.alternative:( \\d+)*) \\d+\n",
                "$1\n");
        java.util.function.UnaryOperator<String> beyond = b -> b.replaceFirst("ranges: .*\n", "ranges: [1900, 2200)\n");
        java.util.function.UnaryOperator<String> negative = b -> b.replaceFirst("(counts.alternative: )\\d+",
                "$1-4");
        for (var edit : List.of(shorter, beyond, negative)) {
            String edited = edit.apply(body);
            assertTrue(!edited.equals(body), edited);
            Files.writeString(path, withCrc(edited), StandardCharsets.UTF_8);
            var e = assertThrows(CheckpointFile.CheckpointException.class, file::load);
            assertTrue(e.getMessage().contains("unusable checkpoint " + path) || e.getMessage().contains(path
                    + " is damaged"), e.getMessage());
        }
        Files.writeString(path, withCrc(shorter.apply(body)), StandardCharsets.UTF_8);
        var e = assertThrows(CheckpointFile.CheckpointException.class, file::load);
        assertTrue(e.getMessage().contains("unusable checkpoint " + path + ": the counts do not fit this study's "
                + "trials"), e.getMessage());
        Files.writeString(path, withCrc(beyond.apply(body)), StandardCharsets.UTF_8);
        e = assertThrows(CheckpointFile.CheckpointException.class, file::load);
        assertTrue(e.getMessage().contains("beyond the 2000 this study runs"), e.getMessage());

        byte[] latin1 = withCrc(body.replace("# Resume", "# R\u00e9sum\u00e9")).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(path, latin1);
        e = assertThrows(CheckpointFile.CheckpointException.class, file::load);
        assertEquals("the checkpoint " + path + " is damaged (it is not UTF-8 text); delete it to start afresh",
                e.getMessage());

        if (Files.exists(Path.of("/dev/zero"))) {
            Path zero = Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));
            e = assertThrows(CheckpointFile.CheckpointException.class, () -> CheckpointFile.of(zero, study).load());
            assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
        }
    }

    private static String withCrc(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return body + String.format(java.util.Locale.ROOT, "crc32: %08x", crc.getValue()) + "\n";
    }
}
