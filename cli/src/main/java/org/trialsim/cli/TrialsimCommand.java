package org.trialsim.cli;

import org.trialsim.TrialsimVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code trialsim} command: Monte Carlo power and sample size for clinical trials. Subcommands are
 * listed one per line so that each can be added without touching the others.
 *
 * <p>{@link #newCommandLine()} is the command line with trialsim's exit codes and error messages: 0 success,
 * 2 bad usage or an invalid scenario, 1 an internal error (with a hint to rerun with {@code --debug}), 3 a
 * {@code size} search whose target was not reached, 130 interrupted.
 */
@Command(name = "trialsim", mixinStandardHelpOptions = true, versionProvider = TrialsimCommand.Version.class,
        description = "Monte Carlo power and sample size for clinical trials.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim run                 the default scenario: table, CSV, JSON, charts",
            "  trialsim scenarios           list the built-in scenarios",
            "  trialsim power my-trial.yaml --n 40:200:20 --reps 10000 --out power.csv",
            "  trialsim size my-trial.yaml --target 0.8 --measure power:response",
            "  trialsim batch runs.txt      many commands in one process (start-up paid once)",
            "",
            "Exit codes: 0 success, 2 bad usage or invalid scenario, 1 internal error or",
            "a failed write, 3 no answer (size: target not reached within the sizes searched;",
            "design simon: no design within the limit),",
            "130 interrupted (Ctrl-C or SIGTERM: what was complete is written, marked partial).",
            "Documentation: docs/cli.md"},
        subcommands = {
            RunCommand.class,
            PowerCommand.class,
            SizeCommand.class,
            ReportCommand.class,
            ScenariosCommand.class,
            DesignCommand.class,
            SimulateCommand.class,
            MergeCommand.class,
            CheckCommand.class,
            BatchCommand.class,
        })
public final class TrialsimCommand implements Runnable {

    /**
     * Exit code of a question answered with "none" ({@code design simon}: no design meets the constraints
     * within the search limit): an answer, not a failure of trialsim, and not a usage error either.
     */
    public static final int EXIT_NO_ANSWER = 3;

    /** Exit code of an interrupted run (128 + SIGINT), after writing what was complete. */
    public static final int EXIT_INTERRUPTED = 130;

    /** Exit code of {@code size} when the target is not reached within the sizes searched (the power reached is printed). */
    public static final int EXIT_NOT_REACHED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress bar and no messages on stderr except errors.")
    boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of internal errors.")
    boolean debug;

    @Option(names = "--force", scope = ScopeType.INHERIT,
            description = "Overwrite existing result files (each is replaced atomically).")
    boolean force;

    /** The raw standard output the command line writes to (checked), for {@link BatchCommand}'s commands. */
    java.io.OutputStream stdout;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with trialsim's error handling and exit codes. */
    public static CommandLine newCommandLine() {
        TrialsimCommand root = new TrialsimCommand();
        CommandLine cmd = new CommandLine(root);
        Failures failures = new Failures(root);
        cmd.setExecutionExceptionHandler(failures);
        cmd.setParameterExceptionHandler(failures);
        // the outputs a command claimed (Outputs.lock) are released when it ends, however it ends
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cmd.setExecutionStrategy(parsed -> {
            try {
                return run.execute(parsed);
            } finally {
                Outputs.releaseAll();
            }
        });
        return cmd;
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // FileDescriptor.out directly, not System.out: a PrintStream would swallow a failed write
        System.exit(execute(args, new java.io.FileOutputStream(java.io.FileDescriptor.out),
                new java.io.PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with standard output on {@code stdout}, checked: if any write to it failed (a full
     * disk, a closed pipe), the command's exit code becomes 1 and the reason is printed on {@code stderr}, so
     * an incomplete output is never reported as success.
     *
     * @param args the arguments
     * @param stdout standard output
     * @param stderr standard error
     * @return the exit code
     */
    static int execute(String[] args, java.io.OutputStream stdout, java.io.PrintWriter stderr) {
        CheckedOutput checked = new CheckedOutput(stdout);
        // control characters escaped on both streams (PrintableWriter): no echoed text drives the terminal
        java.io.PrintWriter out = new java.io.PrintWriter(new PrintableWriter(new java.io.OutputStreamWriter(checked,
                Terminal.stdoutCharset())));
        java.io.PrintWriter err = new java.io.PrintWriter(new PrintableWriter(stderr), true);
        CommandLine cmd = newCommandLine();
        ((TrialsimCommand) cmd.getCommand()).stdout = checked;
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        int status = Failures.standardOutput(code, checked.failure(), err);
        err.flush();
        return status;
    }

    /** Reports the trialsim version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trialsim " + TrialsimVersion.version()};
        }
    }
}
