package org.trialsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.trialsim.power.CheckpointListener;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ProgressListener;
import org.trialsim.power.StudyCounts;
import org.trialsim.power.StudyResult;
import org.trialsim.power.Sweep;
import org.trialsim.power.checkpoint.CheckpointFile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --checkpoint FILE} and {@code --resume} of {@code run} and {@code power}: a long study saves the counts
 * of its completed batches ({@link CheckpointFile}: atomically, about once a second) and, after Ctrl-C, a kill or a crash, continues from
 * them to results bit-identical to an uninterrupted run. A checkpoint of another scenario, seed or setting
 * is refused, naming the difference; an existing checkpoint is not overwritten without {@code --resume} or
 * {@code --force}. The checkpoint is deleted once the complete results are written.
 *
 * <p>A sweep ({@code power --sweep}) keeps one checkpoint per cell, at {@code FILE.cell0}, {@code FILE.cell1}
 * and so on (each cell is a study of its own, with its own scenario), all kept until the whole sweep's
 * results are written: resumed, completed cells are read back without simulating again, the interrupted cell
 * continues, and the rest run.
 *
 * <p>A test hook, for tests that stop a run from outside at a known point (no test may depend on timing): with
 * the system property {@value #PAUSE_PROPERTY} set to {@code [CELL:]REPLICATES}, the run, on reaching a batch
 * boundary with at least that many replicates completed (in sweep cell {@code CELL}, by default 0; a sweep
 * only with {@code --checkpoint}), writes its checkpoint (if it keeps one), prints {@value #PAUSED} and the
 * replicates to stderr, and waits until it is cancelled (Ctrl-C, SIGTERM) or killed. Never set in normal use.
 */
final class CheckpointOptions {

    /** The system property of the pause test hook. */
    static final String PAUSE_PROPERTY = "trialsim.test.pauseAt";
    /** What the pause test hook prints to stderr when the run has paused, followed by the replicates. */
    static final String PAUSED = "trialsim: paused for a test after ";

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

    /**
     * Refuses {@code --checkpoint} and {@code --resume} with {@code option} ({@code --shard}: a shard is rerun
     * whole; {@code --spark}: the cluster retries its own tasks).
     */
    void refuseWith(String option) {
        if (file != null || resume) {
            throw new UsageException(option + " does not take --checkpoint or --resume: " + (option.equals("--shard")
                    ? "a shard is one unit of work of an array job; if it stops, run it again (or split the run into "
                    + "more shards)" : "the cluster retries failed tasks itself"));
        }
    }

    /** Runs the study, saving to and resuming from the checkpoint when asked. */
    StudyResult run(PowerStudy study, ProgressListener progress, BooleanSupplier cancelled, boolean force) {
        if (file == null) {
            if (resume) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--resume needs --checkpoint FILE");
            }
            return study.run(progress, cancelled, null, pause(0, CheckpointListener.NONE, () -> { }, cancelled));
        }
        checkpoints = CheckpointFile.of(file, study);
        StudyCounts from = null;
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
        StudyResult result = study.run(progress, cancelled, from, pause(0, checkpoints, checkpoints::flush,
                cancelled));
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
        CellFiles store = new CellFiles(cancelled);
        return sweep.run(progress, cancelled, store);
    }

    /** The files this checkpoint writes: none without --checkpoint, FILE, or for a sweep of {@code cells} its cells'. */
    List<Path> files(int cells) {
        if (file == null) {
            return List.of();
        }
        if (cells == 0) {
            return List.of(file);
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            paths.add(cellFile(i));
        }
        return paths;
    }

    /** The checkpoint file of cell {@code index} of a sweep: FILE.cell{index}, beside FILE. */
    private Path cellFile(int index) {
        return file.resolveSibling(file.getFileName() + ".cell" + index);
    }

    /** The cells' checkpoint files, one per cell, opened as the sweep reaches the cell. */
    private final class CellFiles implements Sweep.CellCheckpoints {
        private final CheckpointFile[] files = new CheckpointFile[cellFiles.size()];
        private final BooleanSupplier cancelled;

        CellFiles(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
        }

        private CheckpointFile file(int index, PowerStudy cell) {
            if (files[index] == null) {
                files[index] = CheckpointFile.of(cellFiles.get(index), cell);
            }
            return files[index];
        }

        @Override
        public StudyCounts resume(int index, PowerStudy cell) {
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
        public CheckpointListener listener(int index, PowerStudy cell) {
            CheckpointFile f = file(index, cell);
            return pause(index, f, f::flush, cancelled);
        }

        @Override
        public void stopped(int index) {
            if (files[index] != null) {
                files[index].flush();
            }
        }
    }

    /**
     * What continues this run after an interruption, for the interrupt message: the command line as given,
     * with {@code extra} options it lacks (the folder and checkpoint {@code run} chose itself) and
     * {@code --resume}, quoted for a POSIX shell; {@code null} when the run keeps no checkpoint and so cannot
     * be resumed.
     *
     * @param extra options to add when the command line does not name them, as name and value pairs
     */
    String resumeCommand(String... extra) {
        if (file == null) {
            return null;
        }
        List<String> args = new ArrayList<>(mixee.root().commandLine().getParseResult().originalArgs());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            if (!args.contains(extra[i])) {
                args.add(extra[i]);
                args.add(extra[i + 1]);
            }
        }
        if (!args.contains("--resume")) {
            args.add("--resume");
        }
        StringBuilder sb = new StringBuilder("trialsim");
        for (String a : args) {
            sb.append(' ').append(shellQuoted(a));
        }
        return sb.toString();
    }

    /** {@code a} as one word of a POSIX shell: as it is when it holds only safe characters, else in single quotes. */
    static String shellQuoted(String a) {
        if (!a.isEmpty() && a.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return a;
        }
        return "'" + a.replace("'", "'\\''") + "'";
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

    /**
     * {@code listener}, paused as the test hook {@value #PAUSE_PROPERTY} asks in cell {@code cell} (see the
     * class comment); {@code listener} itself when the property is not set or names another cell.
     */
    private CheckpointListener pause(int cell, CheckpointListener listener, Runnable flush, BooleanSupplier cancelled) {
        String at = System.getProperty(PAUSE_PROPERTY);
        if (at == null) {
            return listener;
        }
        int colon = at.indexOf(':');
        int pausedCell = colon < 0 ? 0 : Integer.parseInt(at.substring(0, colon));
        long replicates = Long.parseLong(at.substring(colon + 1));
        if (pausedCell != cell) {
            return listener;
        }
        boolean[] paused = new boolean[1];
        return counts -> {
            listener.onCheckpoint(counts);
            if (paused[0] || counts.replicates() < replicates) {
                return;
            }
            paused[0] = true;
            flush.run();
            java.io.PrintWriter err = mixee.commandLine().getErr();
            err.println(PAUSED + counts.replicates());
            err.flush();
            while (!cancelled.getAsBoolean()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
    }
}
