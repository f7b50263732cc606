package org.trialsim.cli;

import org.trialsim.TrialsimVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code trialsim} command: Monte Carlo power and sample size for clinical trials.
 */
@Command(name = "trialsim", mixinStandardHelpOptions = true, versionProvider = TrialsimCommand.Version.class,
        subcommands = {CheckCommand.class},
        description = "Monte Carlo power and sample size for clinical trials.")
public final class TrialsimCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrialsimCommand()).execute(args));
    }

    /** Reports the trialsim version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trialsim " + TrialsimVersion.version()};
        }
    }
}
