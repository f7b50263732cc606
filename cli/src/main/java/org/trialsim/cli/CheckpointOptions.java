package org.trialsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.trialsim.power.Checkpoint;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ProgressListener;
import org.trialsim.power.StudyResult;
import org.trialsim.report.CheckpointFile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --checkpoint FILE} and {@code --resume} of {@code run} and {@code power}: a long study saves its
 * completed batches (atomically, about once a second) and, after Ctrl-C, a kill or a crash, continues from
 * them to results bit-identical to an uninterrupted run. A checkpoint of another scenario, seed or setting
 * is refused, naming the difference; an existing checkpoint is not overwritten without {@code --resume} or
 * {@code --force}. The checkpoint is deleted once the complete results are written.
 */
final class CheckpointOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Save progress to FILE (atomically, about once a second) so that a run stopped by Ctrl-C, "
                    + "a kill or a crash can continue with --resume.")
    Path file;

    @Option(names = "--resume",
            description = "Continue the run saved in --checkpoint FILE, to the same results as an uninterrupted run"
                    + " (refused if the scenario, seed or options differ).")
    boolean resume;

    private CheckpointFile checkpoints;

    /** Runs the study, saving to and resuming from the checkpoint when asked. */
    StudyResult run(PowerStudy study, ProgressListener progress, BooleanSupplier cancelled, boolean force) {
        if (file == null) {
            if (resume) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--resume needs --checkpoint FILE");
            }
            return study.run(progress, cancelled);
        }
        checkpoints = CheckpointFile.of(file, study);
        Checkpoint from = null;
        if (resume) {
            try {
                from = checkpoints.load();
            } catch (CheckpointFile.CheckpointException e) {
                throw new UsageException(e.getMessage());
            }
        } else if (checkpoints.exists() && !force) {
            throw new UsageException("a checkpoint exists at " + file + ": add --resume to continue that run, or "
                    + "--force to start afresh and replace it");
        }
        StudyResult result = study.run(progress, cancelled, from, checkpoints);
        checkpoints.flush();
        return result;
    }

    /** Deletes the checkpoint once a complete result is safely written; keeps it after an interruption. */
    void finished(StudyResult result) throws IOException {
        if (checkpoints != null && !result.provenance().partial()) {
            checkpoints.delete();
        }
    }

    /** Checks the options before any work (a sweep is not checkpointed). */
    void refuseWithSweep(boolean sweep) {
        if (sweep && (file != null || resume)) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "--checkpoint and --resume are not available with --sweep");
        }
    }
}
