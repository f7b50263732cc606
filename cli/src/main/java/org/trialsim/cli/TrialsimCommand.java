package org.trialsim.cli;

import org.trialsim.TrialsimVersion;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code trialsim} command: Monte Carlo power and sample size for clinical trials. Subcommands are
 * listed in {@link #SUBCOMMANDS}, one per line so that each can be added without touching the others.
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
            "Documentation: docs/cli.md"})
// the subcommands are SUBCOMMANDS below, added when the command line is built (only the one asked for)
public final class TrialsimCommand implements Runnable {

    /**
     * The subcommands, in the order the usage lists them; one per line so that each can be added without
     * touching the others. Each is named by its own {@code @Command(name = ...)}.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            RunCommand.class,
            PowerCommand.class,
            SizeCommand.class,
            ReportCommand.class,
            ScenariosCommand.class,
            DesignCommand.class,
            SimulateCommand.class,
            MergeCommand.class,
            CheckCommand.class,
            BatchCommand.class);

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

    /** The command line with every subcommand, trialsim's error handling and exit codes. */
    public static CommandLine newCommandLine() {
        return newCommandLine(SUBCOMMANDS);
    }

    /**
     * The command line for these arguments: with only the subcommand they name when they name one, otherwise
     * with every subcommand (the usage, an unknown name and its suggestions, an {@code @file} of arguments).
     * Picocli builds a command's model by reflection over all its options, and that cost is paid per
     * subcommand: building one instead of all of them is about half of the start-up before the first
     * simulated trial (issue #19). What the arguments parse to, and every message, is the same either way.
     *
     * @param args the arguments the command line will be given
     * @return the command line
     */
    public static CommandLine newCommandLine(String[] args) {
        if (versionOnly(args)) {
            return newCommandLine(List.of());
        }
        Class<?> named = namedSubcommand(args);
        return newCommandLine(named == null ? SUBCOMMANDS : List.of(named));
    }

    /** Whether the arguments ask for the version and nothing that could print the usage (which lists the subcommands). */
    private static boolean versionOnly(String[] args) {
        boolean version = false;
        for (String arg : args) {
            switch (arg) {
                case "-V", "--version" -> version = true;
                case "-q", "--quiet", "--debug", "--force" -> { }
                default -> {
                    return false;
                }
            }
        }
        return version;
    }

    private static CommandLine newCommandLine(List<Class<?>> subcommands) {
        TrialsimCommand root = new TrialsimCommand();
        CommandLine cmd = new CommandLine(root);
        for (Class<?> subcommand : subcommands) {
            cmd.addSubcommand(subcommand);
        }
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
        CommandLine cmd = newCommandLine(args);
        ((TrialsimCommand) cmd.getCommand()).stdout = checked;
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        int status = Failures.standardOutput(code, checked.failure(), err);
        err.flush();
        return status;
    }

    /**
     * The subcommand the arguments name, or null when they name none or may name one only after expansion. The
     * root's own options ({@code -q}, {@code --debug}, {@code --force}, {@code -h}, {@code -V}) take no value, so
     * the first argument that is not an option is the subcommand's name. An {@code @file} (picocli expands it)
     * or a {@code --} gives null: the whole command line then decides, as it always did.
     */
    static Class<?> namedSubcommand(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("@") || arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-")) {
                for (Class<?> subcommand : SUBCOMMANDS) {
                    if (subcommand.getAnnotation(Command.class).name().equals(arg)) {
                        return subcommand;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** Reports the trialsim version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trialsim " + TrialsimVersion.version()};
        }
    }
}
