package org.trialsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.trialsim.scenario.ScenarioException;
import picocli.CommandLine;

/**
 * Turns every failure into a message and an exit code, never a stack trace unless {@code --debug}: a
 * parameter error prints its message and the short usage (exit 2); a request that cannot be carried out as
 * given ({@link UsageException}) or an invalid scenario prints its message, for a scenario every problem
 * with file, line and key (exit 2); an I/O failure names what could not be read or written (exit 1); any
 * other exception is an internal error, reported in one line with a hint to rerun with {@code --debug}
 * (exit 1).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Exit code of bad usage and of an invalid scenario. */
    static final int USAGE = 2;
    /** Exit code of an internal error or an I/O failure. */
    static final int SOFTWARE = 1;

    private final TrialsimCommand root;

    Failures(TrialsimCommand root) {
        this.root = root;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("trialsim: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getHelp().fullSynopsis());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = report(ex, err, root.debug);
        err.flush();
        return code;
    }

    /** Prints the failure and returns its exit code. */
    static int report(Throwable ex, PrintWriter err, boolean debug) {
        if (ex instanceof UsageException) {
            err.println("trialsim: " + ex.getMessage());
            return USAGE;
        }
        if (ex instanceof ScenarioException) {
            err.println("trialsim: " + ex.getMessage());
            return USAGE;
        }
        if (ex instanceof org.trialsim.power.checkpoint.CheckpointFile.CheckpointException) {
            err.println("trialsim: " + ex.getMessage()); // an unusable checkpoint is the user's file, not a bug
            return USAGE;
        }
        if (ex instanceof CommandLine.ParameterException) {
            err.println("trialsim: " + ex.getMessage());
            return USAGE;
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            Throwable io = ex instanceof UncheckedIOException ? ex.getCause() : ex;
            err.println("trialsim: " + describe(io));
            return SOFTWARE;
        }
        err.println("trialsim: internal error: " + ex);
        if (!debug) {
            err.println("Rerun with --debug to see the stack trace, and please report it.");
        }
        return SOFTWARE;
    }

    /**
     * The exit code of a command whose standard output failed with {@code failure} (null if it did not): an
     * output that did not reach its destination is an I/O failure (exit 1, the reason on stderr), whatever the
     * command returned; a command that failed already keeps its code.
     */
    static int standardOutput(int code, IOException failure, PrintWriter err) {
        if (failure == null) {
            return code;
        }
        err.println("trialsim: cannot write to standard output (" + (failure.getMessage() != null
                ? failure.getMessage() : failure.getClass().getSimpleName()) + "); the output is incomplete");
        err.flush();
        return code == 0 || code == TrialsimCommand.EXIT_INTERRUPTED ? SOFTWARE : code;
    }

    /** A readable line for an I/O failure: the JDK's messages are often just a path. */
    static String describe(Throwable io) {
        if (io instanceof java.nio.file.NoSuchFileException e) {
            return "no such file or folder: " + e.getFile();
        }
        if (io instanceof java.nio.file.AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (io instanceof java.nio.file.FileAlreadyExistsException e) {
            return "a file is in the way: " + e.getFile();
        }
        String message = io.getMessage();
        // our own messages already say what could not be written; the JDK's bare ones need the prefix
        return message != null && message.startsWith("cannot ") ? message : "input/output error: " + message;
    }
}
