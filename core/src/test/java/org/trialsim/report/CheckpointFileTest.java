package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.power.Checkpoint;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ProgressListener;
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
        Checkpoint saved = file.load();
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
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("counts.0: (\\d+) (\\d)").matcher(text);
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
}
