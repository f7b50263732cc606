package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line built for the arguments ({@link TrialsimCommand#newCommandLine(String[])}: only the subcommand
 * they name, issue #19) behaves exactly as the whole tree: same exit code, same standard output, same standard
 * error, for help, versions, usage errors, unknown names and their suggestions, and argument files. Nothing here
 * simulates.
 */
class LazyCommandLineTest {

    @TempDir
    Path dir;

    /** Runs the arguments on the whole tree and on the command line built for them; both results. */
    private static List<Cli.Result> test(String... args) {
        return List.of(Cli.run(TrialsimCommand.newCommandLine(), args),
                Cli.run(TrialsimCommand.newCommandLine(args), args));
    }

    private static void assertSame(String... args) {
        List<Cli.Result> results = test(args);
        assertEquals(results.get(0).toString(), results.get(1).toString(), String.join(" ", args));
    }

    @Test
    void helpVersionAndUsageErrorsAreTheSame() {
        String[][] cases = {
            {}, {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"-q", "--version"}, {"--version", "--bogus"},
            {"--bogus"}, {"powr"}, {"power"}, {"power", "--help"}, {"-q", "power", "--help"},
            {"power", "no-such-file.yaml"}, {"power", "no-such-file.yaml", "--bogus"}, {"size", "--help"},
            {"design", "--help"}, {"design", "simon", "--help"}, {"design", "simn"}, {"check"}, {"merge"},
            {"batch", "--help"}, {"--", "power"}, {"scenarios", "extra-argument"},
        };
        for (String[] args : cases) {
            assertSame(args);
        }
    }

    @Test
    void everySubcommandsHelpIsTheSame() {
        for (Class<?> subcommand : TrialsimCommand.SUBCOMMANDS) {
            String name = subcommand.getAnnotation(CommandLine.Command.class).name();
            assertSame(name, "--help");
        }
    }

    @Test
    void anArgumentFileIsExpandedByTheWholeTree() throws Exception {
        Path file = dir.resolve("args.txt");
        Files.writeString(file, "power\n--help\n");
        assertSame("@" + file);
        assertNull(TrialsimCommand.namedSubcommand(new String[] {"@" + file}));
    }

    @Test
    void theSubcommandNamedIsTheOnlyOneBuilt() {
        CommandLine power = TrialsimCommand.newCommandLine(new String[] {"-q", "power", "x.yaml", "--n", "40"});
        assertEquals(List.of("power"), List.copyOf(power.getSubcommands().keySet()));
        assertTrue(TrialsimCommand.newCommandLine(new String[] {"--version"}).getSubcommands().isEmpty());
        // no name, or a name that is not a subcommand: the whole tree, whose messages list or suggest them
        assertEquals(TrialsimCommand.SUBCOMMANDS.size(),
                TrialsimCommand.newCommandLine(new String[] {"powr"}).getSubcommands().size());
        assertEquals(TrialsimCommand.SUBCOMMANDS.size(),
                TrialsimCommand.newCommandLine(new String[] {"--help"}).getSubcommands().size());
    }
}
