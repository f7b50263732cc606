package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.TrialsimVersion;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioParser;

/** Argument handling, help, the scenario library commands and exit codes: nothing here simulates. */
class UsageTest {

    @TempDir
    Path dir;

    private static void assertNoStackTrace(Cli.Result r) {
        assertFalse(r.err().contains("\tat "), r.toString());
        assertFalse(r.out().contains("\tat "), r.toString());
    }

    private static void assertUsageError(Cli.Result r, String message) {
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertNoStackTrace(r);
    }

    @Test
    void helpListsEveryCommandAndExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.exit());
        for (String command : new String[] {"run", "power", "size", "scenarios"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " in\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes: 0 success, 2 bad usage"), r.out());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        // every command and subcommand the command line registers, walked from its model: a new one without
        // examples fails here
        java.util.List<java.util.List<String>> commands = new java.util.ArrayList<>();
        java.util.ArrayDeque<java.util.Map.Entry<java.util.List<String>, picocli.CommandLine>> todo =
                new java.util.ArrayDeque<>();
        todo.add(java.util.Map.entry(java.util.List.of(), TrialsimCommand.newCommandLine()));
        while (!todo.isEmpty()) {
            var next = todo.poll();
            next.getValue().getSubcommands().forEach((name, sub) -> {
                java.util.List<String> path = new java.util.ArrayList<>(next.getKey());
                path.add(name);
                commands.add(path);
                todo.add(java.util.Map.entry(path, sub));
            });
        }
        assertTrue(commands.size() >= 12, commands.toString());
        for (java.util.List<String> command : commands) {
            java.util.List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("Example:") || r.out().contains("Examples:"), command + ": " + r);
            assertTrue(r.out().contains("trialsim " + String.join(" ", command)), command + ": " + r);
        }
    }

    @Test
    void versionIsTheBuildVersion() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exit());
        assertEquals("trialsim " + TrialsimVersion.version(), r.out().strip());
    }

    @Test
    void noCommandPrintsUsage() {
        Cli.Result r = Cli.run();
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: trialsim"), r.out());
    }

    @Test
    void unknownCommandIsAUsageErrorWithShortUsage() {
        Cli.Result r = Cli.run("frobnicate");
        assertUsageError(r, "Unmatched argument at index 0: 'frobnicate'");
        assertTrue(r.err().contains("Usage: trialsim"), r.toString());
        assertTrue(r.err().contains("Try 'trialsim --help'"), r.toString());
        assertFalse(r.err().contains("Commands:"), "the short usage, not the full help: " + r);
    }

    @Test
    void powerNeedsAScenario() {
        assertUsageError(Cli.run("power"), "Missing required parameter: 'FILE|NAME'");
    }

    @Test
    void sizeNeedsATarget() {
        assertUsageError(Cli.run("size", "ketamine-vs-midazolam"), "Missing required option: '--target=P'");
    }

    @Test
    void badSampleSizesNameTheOption() {
        assertUsageError(Cli.run("power", "x", "--n", "200:40:20"), "TO (40) is below FROM (200)");
        assertUsageError(Cli.run("power", "x", "--n", "40,0"), "'0' in '40,0' is not a positive whole number");
        assertUsageError(Cli.run("power", "x", "--n", "40:80"), "is not a range FROM:TO:BY");
    }

    @Test
    void badFormatAndSweepNameTheOption() {
        assertUsageError(Cli.run("power", "x", "--format", "xml"), "'xml' is not a format; use table, csv or json");
        assertUsageError(Cli.run("power", "x", "--sweep", "arms.a.response.probability"),
                "is not KEY=FROM:TO:BY or KEY=V1,V2");
        assertUsageError(Cli.run("power", "x", "--sweep", "k=0.5:0.3:0.1"), "BY must be positive and TO at least FROM");
    }

    @Test
    void unknownScenarioNameListsTheBuiltIns() {
        Cli.Result r = Cli.run("power", "no-such-scenario");
        assertUsageError(r, "'no-such-scenario' is neither a scenario file nor a built-in scenario");
        for (String name : ScenarioLibrary.names()) {
            assertTrue(r.err().contains(name), r.toString());
        }
    }

    @Test
    void aFolderIsNotAScenario() {
        assertUsageError(Cli.run("power", dir.toString()), "is a folder; expected a scenario file");
    }

    @Test
    void anInvalidScenarioPrintsEveryProblemWithFileLineAndKey() throws IOException {
        Path bad = Cli.scenario(dir, "tiny.yaml");
        String text = Files.readString(bad).replace("response: {probability: 0.5}", "response: {probability: 1.5}")
                .replace("induction_weeks: 4", "induction_wekes: 4");
        Files.writeString(bad, text);
        Cli.Result r = Cli.run("power", bad.toString());
        assertEquals(2, r.exit(), r.toString());
        assertNoStackTrace(r);
        assertTrue(r.err().contains("2 problems"), r.toString());
        assertTrue(r.err().contains(bad + ":22:29: arms.ketamine.response.probability: found 1.5"), r.toString());
        assertTrue(r.err().contains("arms.ketamine.response.probability"), r.toString());
        assertTrue(r.err().contains("induction_wekes"), r.toString());
    }

    @Test
    void scenariosListsTheLibraryWithTitles() {
        Cli.Result r = Cli.run("scenarios");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(ScenarioLibrary.list().size(), r.out().lines().count(), r.out());
        for (ScenarioLibrary.Entry e : ScenarioLibrary.list()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(e.name() + " ") && l.contains(e.title())), r.out());
        }
        assertTrue(r.out().contains("(default)"), r.out());
        assertEquals(r, Cli.run("scenarios", "list"));
    }

    @Test
    void scenariosShowPrintsYamlThatParsesToTheSameScenario() {
        for (String name : ScenarioLibrary.names()) {
            Cli.Result r = Cli.run("scenarios", "show", name);
            assertEquals(0, r.exit(), r.toString());
            Scenario shown = ScenarioParser.parse(r.out(), name + ".yaml");
            assertEquals(ScenarioLibrary.load(name), shown, name);
        }
    }

    @Test
    void scenariosShowOfAnUnknownNameListsTheBuiltIns() {
        assertUsageError(Cli.run("scenarios", "show", "nope"), "'nope' is not a built-in scenario; built-in scenarios: ");
    }

    @Test
    void anInternalErrorIsOneLineWithAHintAndNoStackTrace() {
        StringWriter err = new StringWriter();
        int code = Failures.report(new IllegalStateException("boom"), new PrintWriter(err, true), false);
        assertEquals(1, code);
        assertEquals(2, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("internal error: java.lang.IllegalStateException: boom"));
        assertTrue(err.toString().contains("Rerun with --debug"));
        assertFalse(err.toString().contains("\tat "));
    }

    @Test
    void debugPrintsTheStackTrace() {
        StringWriter err = new StringWriter();
        int code = Failures.report(new IllegalStateException("boom"), new PrintWriter(err, true), true);
        assertEquals(1, code);
        assertTrue(err.toString().contains("\tat org.trialsim.cli.UsageTest"), err.toString());
        assertFalse(err.toString().contains("Rerun with --debug"));
    }

    @Test
    void simulateRefusesToReplaceAPatientListingWithoutForce() throws IOException {
        Path tiny = Cli.scenario(dir, "tiny.yaml");
        Path out = dir.resolve("patients.csv");
        Cli.Result first = Cli.run("simulate", tiny.toString(), "--n", "40", "--replicate", "1", "--out", out.toString());
        assertEquals(0, first.exit(), first.toString());
        byte[] before = Files.readAllBytes(out);
        Cli.Result refused = Cli.run("simulate", tiny.toString(), "--n", "40", "--replicate", "2", "--out",
                out.toString());
        assertUsageError(refused, out.toString());
        assertTrue(refused.err().contains("--force"), refused.toString());
        assertEquals(new String(before, java.nio.charset.StandardCharsets.UTF_8), Files.readString(out));
        Cli.Result forced = Cli.run("simulate", tiny.toString(), "--n", "40", "--replicate", "2", "--out",
                out.toString(), "--force");
        assertEquals(0, forced.exit(), forced.toString());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(out)), "replicate 2 is another trial");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "the scenario and the listing, no temporary file");
        }
    }

    @Test
    void inheritedOptionsWorkBeforeAndAfterTheCommand() {
        assertUsageError(Cli.run("--debug", "power", "no-such-scenario"), "is neither a scenario file");
        assertUsageError(Cli.run("power", "no-such-scenario", "--quiet", "--force"), "is neither a scenario file");
    }
}
