package org.trialsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.trialsim.io.OutputLock;

/**
 * What a command will write, checked before any work: no output (a result file, a checkpoint, a file of a
 * results folder) may be the scenario file being read or another output of the same command, and a results
 * folder must be a folder. Otherwise a run could delete its own result as a finished checkpoint
 * ({@code --checkpoint same.csv --out same.csv}), replace its scenario ({@code --checkpoint s.yaml --force}),
 * or simulate for minutes and only then fail ({@code run s.yaml --out s.yaml}). Refused with exit 2, naming
 * both options.
 *
 * <p>Two paths are the same file if they name one existing file (links included) or, where they do not exist
 * yet, the same place once their existing folders are resolved. Built by the commands with one call per
 * output ({@link #file}, {@link #folder}), then {@link #refuseClashes()}.
 */
final class Outputs {

    /** One output: the option that names it and its path. */
    private record Named(String option, Path path) {
    }

    private final ScenarioSource input;
    private final java.io.PrintWriter log;
    private final List<Named> files = new ArrayList<>();

    private Outputs(ScenarioSource input, java.io.PrintWriter log) {
        this.input = input;
        this.log = log;
    }

    /**
     * The outputs of a command that reads {@code input}; {@code log} (standard error) hears of a claim taken over
     * from a run that ended without releasing it.
     */
    static Outputs reading(ScenarioSource input, java.io.PrintWriter log) {
        return new Outputs(input, log);
    }

    /**
     * Adds the file {@code path} written for {@code option} (nothing if {@code path} is null).
     *
     * @throws UsageException if {@code path} is an existing folder
     */
    Outputs file(String option, Path path) {
        if (path != null && Files.isDirectory(path)) {
            throw new UsageException(option + " " + path + " is a folder; give the name of a file");
        }
        if (path != null) {
            files.add(new Named(option, path));
        }
        return this;
    }

    /** Adds the files {@code paths} written for {@code option}. */
    Outputs files(String option, List<Path> paths) {
        paths.forEach(p -> file(option, p));
        return this;
    }

    /**
     * Adds a results folder: it must not be an existing file, and each of its {@code names} is an output.
     *
     * @throws UsageException if {@code folder} is an existing file
     */
    Outputs folder(String option, Path folder, List<Path> targets) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException(option + " " + folder + " is a file, not a folder"
                    + (isInput(folder) ? " (it is the scenario being read)" : "") + "; choose a folder for the results");
        }
        return files(option, targets);
    }

    /**
     * Refuses an output that is the scenario file or another output.
     *
     * @throws UsageException naming the options and the file
     */
    Outputs refuseClashes() {
        for (int i = 0; i < files.size(); i++) {
            Named a = files.get(i);
            if (isInput(a.path())) {
                throw new UsageException(a.option() + " " + a.path() + " is the scenario file being read; writing "
                        + "it would destroy the scenario: choose another name");
            }
            for (int j = 0; j < i; j++) {
                Named b = files.get(j);
                if (same(a.path(), b.path())) {
                    throw new UsageException((a.option().equals(b.option()) ? a.option() + " names " + a.path()
                            + " twice" : b.option() + " " + b.path() + " and " + a.option() + " " + a.path()
                            + " are the same file") + "; each output needs a file of its own");
                }
            }
        }
        return this;
    }

    /**
     * Claims every output for this run ({@link OutputLock}: one lock per output file, one for a results folder,
     * one for a checkpoint, which covers a sweep's cells) until the command ends ({@link #releaseAll}, called
     * by the command line after every command), so that a second run writing one of them is refused at its
     * start (exit 2), before it simulates, instead of replacing the first one's output.
     *
     * @throws UsageException naming the output and the process that holds it
     */
    Outputs lock(Path... claimed) {
        for (Path p : claimed) {
            if (p == null || !Files.isDirectory(p.toAbsolutePath().normalize().getParent()) || holds(p)) {
                // a folder that does not exist yet is left for the command to create or refuse (--spark refuses
                // it); run's own results folder is created and claimed first (claimNumbered)
                continue;
            }
            try {
                held(OutputLock.acquire(p), p, log);
            } catch (OutputLock.Held e) {
                throw new UsageException(e.getMessage());
            } catch (IOException e) {
                // named for the output, not for its lock file, which the user never asked for
                Path folder = p.toAbsolutePath().normalize().getParent();
                String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e instanceof java.nio.file.NoSuchFileException ? "it takes no new files"
                        : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                        : String.valueOf(e.getMessage());
                throw new java.io.UncheckedIOException(new IOException("cannot write " + p + ": cannot create a file in "
                        + folder + " (" + why + ")", e));
            }
        }
        return this;
    }

    /**
     * Keeps {@code lock}, the claim on {@code output}, until the command ends, and tells {@code log} if it was
     * taken over from a run that ended without releasing it (kill -9).
     */
    static void held(OutputLock lock, Path output, java.io.PrintWriter log) {
        HELD.get().add(lock);
        lock.takeOverNotice(output).ifPresent(notice -> {
            log.println("trialsim: " + notice);
            log.flush();
        });
    }

    /** Whether this command already holds the claim on {@code output}. */
    private static boolean holds(Path output) {
        Path file = OutputLock.lockFile(output);
        return HELD.get().stream().anyMatch(l -> l.lockFile().equals(file));
    }

    /** The claims of the command running on this thread. */
    private static final ThreadLocal<List<OutputLock>> HELD = ThreadLocal.withInitial(ArrayList::new);

    /** Releases the claims of the command that ran on this thread (its outputs are written or abandoned). */
    static void releaseAll() {
        List<OutputLock> held = HELD.get();
        for (OutputLock lock : held) {
            try {
                lock.close();
            } catch (IOException e) {
                // the system releases the lock when the process ends; a lock file left is free to take
            }
        }
        held.clear();
    }

    private boolean isInput(Path p) {
        return input != null && !input.builtin() && same(Path.of(input.label()), p);
    }

    /** Whether two paths name the same file, existing or not. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the resolved paths
        }
        return resolved(a).equals(resolved(b));
    }

    /** The path with its deepest existing ancestor resolved to its real path (links followed). */
    private static Path resolved(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
