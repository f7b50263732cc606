package org.trialsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.trialsim.power.Checkpoint;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ProgressListener;
import org.trialsim.power.StudyResult;
import org.trialsim.power.Sweep;
import org.trialsim.report.CheckpointFile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --checkpoint FILE} and {@code --resume} of {@code run} and {@code power}: a long study saves its
 * completed batches (atomically, about once a second) and, after Ctrl-C, a kill or a crash, continues from
 * them to results bit-identical to an uninterrupted run. A checkpoint of another scenario, seed or setting
 * is refused, naming the difference; an existing checkpoint is not overwritten without {@code --resume} or
 * {@code --force}. The checkpoint is deleted once the complete results are written.
 *
 * <p>A sweep ({@code power --sweep}) keeps one checkpoint per cell, at {@code FILE.cell0}, {@code FILE.cell1}
 * and so on (each cell is a study of its own, with its own scenario), all kept until the whole sweep's
 * results are written: resumed, completed cells are read back without simulating again, the interrupted cell
 * continues, and the rest run.
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
    /** A sweep's checkpoint files, one per cell. */
    private List<Path> cellFiles;

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

    /** Runs the sweep, each cell saving to and resuming from its own checkpoint file when asked. */
    StudyResult run(Sweep sweep, ProgressListener progress, BooleanSupplier cancelled, boolean force) {
        if (file == null) {
            if (resume) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--resume needs --checkpoint FILE");
            }
            return sweep.run(progress, cancelled);
        }
        int cells = sweep.cells().size();
        cellFiles = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            cellFiles.add(cellFile(i));
        }
        List<Path> existing = cellFiles.stream().filter(Files::exists).toList();
        if (resume && existing.isEmpty()) {
            throw new UsageException("no checkpoint to resume from at " + cellFile(0) + " (a sweep keeps one per "
                    + "cell, " + file.getFileName() + ".cell0 to .cell" + (cells - 1) + "); run without --resume to "
                    + "start afresh");
        }
        if (!resume && !existing.isEmpty()) {
            if (!force) {
                throw new UsageException("checkpoints of a sweep exist at " + existing.get(0) + " and beside it: "
                        + "add --resume to continue that run, or --force to start afresh and replace them");
            }
            for (Path p : existing) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UsageException("cannot replace the checkpoint " + p + " (--force): " + e.getMessage());
                }
            }
        }
        CellFiles store = new CellFiles();
        return sweep.run(progress, cancelled, store);
    }

    /** The checkpoint file of cell {@code index} of a sweep: FILE.cell{index}, beside FILE. */
    private Path cellFile(int index) {
        return file.resolveSibling(file.getFileName() + ".cell" + index);
    }

    /** The cells' checkpoint files, one per cell, opened as the sweep reaches the cell. */
    private final class CellFiles implements Sweep.CellCheckpoints {
        private final CheckpointFile[] files = new CheckpointFile[cellFiles.size()];

        private CheckpointFile file(int index, PowerStudy cell) {
            if (files[index] == null) {
                files[index] = CheckpointFile.of(cellFiles.get(index), cell);
            }
            return files[index];
        }

        @Override
        public Checkpoint resume(int index, PowerStudy cell) {
            CheckpointFile f = file(index, cell);
            if (!resume || !f.exists()) {
                return null;
            }
            try {
                return f.load();
            } catch (CheckpointFile.CheckpointException e) {
                throw new UsageException(e.getMessage());
            }
        }

        @Override
        public Checkpoint.Listener listener(int index, PowerStudy cell) {
            return file(index, cell);
        }

        @Override
        public void stopped(int index) {
            if (files[index] != null) {
                files[index].flush();
            }
        }
    }

    /** Deletes the checkpoints once a complete result is safely written; keeps them after an interruption. */
    void finished(StudyResult result) throws IOException {
        if (result.provenance().partial()) {
            return;
        }
        if (checkpoints != null) {
            checkpoints.delete();
        }
        if (cellFiles != null) {
            for (Path p : cellFiles) {
                Files.deleteIfExists(p);
            }
        }
    }
}
