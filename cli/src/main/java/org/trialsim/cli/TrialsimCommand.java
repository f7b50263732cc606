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
            "",
            "Exit codes: 0 success, 2 bad usage or invalid scenario, 1 internal error,",
            "3 size: target not reached within the sizes searched,",
            "130 interrupted (what was complete is written, marked partial).",
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
        })
public final class TrialsimCommand implements Runnable {

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
        return cmd;
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(newCommandLine().execute(args));
    }

    /** Reports the trialsim version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trialsim " + TrialsimVersion.version()};
        }
    }
}
