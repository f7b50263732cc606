package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private static Path scenario() throws URISyntaxException {
        return Path.of(SimulateCommandTest.class.getResource("/small-ketamine.yaml").toURI());
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = TrialsimCommand.newCommandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesOneRowPerPatientWithProvenance() throws Exception {
        Path out = dir.resolve("patients.csv");
        StringWriter err = new StringWriter();
        int code = run(err, "simulate", scenario().toString(), "--n", "40", "--replicate", "3", "--out",
                out.toString());
        assertEquals(0, code, err.toString());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.contains("# scenario: small-ketamine"));
        assertTrue(lines.contains("# seed: 20240117"), "the scenario's seed is the default");
        assertTrue(lines.contains("# replicate: 3"));
        long rows = lines.stream().filter(l -> !l.startsWith("#")).count();
        assertEquals(1 + 40, rows);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("patient,arm,stratum,enrolled,")
                && l.endsWith(",madrs_baseline,madrs_end_induction")));
    }

    /** A built-in scenario is named as for run and power; an unknown name lists the built-in ones. */
    @Test
    void takesABuiltInScenarioByName() throws Exception {
        Path out = dir.resolve("builtin.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "ketamine-vs-midazolam", "--n", "40", "--replicate", "0", "--out",
                out.toString()), err.toString());
        assertTrue(Files.readAllLines(out).contains("# scenario: ketamine-vs-midazolam"));
        StringWriter unknown = new StringWriter();
        assertEquals(2, run(unknown, "simulate", "no-such-scenario", "--n", "40", "--replicate", "0"));
        assertTrue(unknown.toString().contains("built-in scenarios: "), unknown.toString());
    }

    /** The same replicate gives the same file whatever was run before, and another replicate differs. */
    @Test
    void sameReplicateSameFile() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path other = dir.resolve("other.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", scenario().toString(), "--n", "80", "--replicate", "5", "--seed", "1",
                "--out", a.toString()));
        assertEquals(0, run(err, "simulate", scenario().toString(), "--n", "80", "--replicate", "6", "--seed", "1",
                "--out", other.toString()));
        assertEquals(0, run(err, "simulate", scenario().toString(), "--n", "80", "--replicate", "5", "--seed", "1",
                "--out", b.toString()));
        assertEquals(Files.readString(a), Files.readString(b));
        assertTrue(!Files.readString(a).equals(Files.readString(other)));
    }

    @Test
    void badScenarioIsExitCodeTwoWithMessage() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\ndesign:\n  sample_sizes: [40]\nstrata: {a: {prevalence: 2}}\n");
        StringWriter err = new StringWriter();
        int code = run(err, "simulate", bad.toString(), "--n", "40", "--replicate", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("bad.yaml"), err.toString());
        assertTrue(!err.toString().contains("Exception"), err.toString());
    }

    @Test
    void existingOutputNeedsForce() throws Exception {
        Path out = dir.resolve("exists.csv");
        Files.writeString(out, "keep me");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "simulate", scenario().toString(), "--n", "8", "--replicate", "0", "--out",
                out.toString()));
        assertTrue(err.toString().contains("--force"), err.toString());
        assertEquals("keep me", Files.readString(out));
        assertEquals(0, run(err, "simulate", scenario().toString(), "--n", "8", "--replicate", "0", "--out",
                out.toString(), "--force"));
        assertTrue(Files.readString(out).startsWith("# scenario: "));
    }

    @Test
    void missingOptionIsExitCodeTwo() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "simulate", scenario().toString(), "--replicate", "0"));
        assertEquals(2, run(err, "simulate", scenario().toString(), "--n", "0", "--replicate", "0"));
    }

    /** The views asked for add their columns; an unknown view is exit code 2 naming the allowed ones. */
    @Test
    void columnsChooseTheViews() throws Exception {
        Path out = dir.resolve("views.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", scenario().toString(), "--n", "20", "--replicate", "1", "--columns",
                "observed,LATENT", "--out", out.toString()), err.toString());
        String header = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertTrue(header.startsWith("patient,arm,stratum,enrolled,"), header);
        assertTrue(header.contains(",latent_dropout,latent_responded,"), header);
        assertTrue(!header.contains("relapse_time"), header);
        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, "simulate", scenario().toString(), "--n", "20", "--replicate", "1", "--columns",
                "true"));
        assertTrue(bad.toString().contains("allowed: observed, analysed, latent"), bad.toString());
    }

    /** The file is staged under a temporary name and renamed: nothing else is left in the folder. */
    @Test
    void writesThroughAStagedFile() throws Exception {
        Path out = dir.resolve("staged.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", scenario().toString(), "--n", "12", "--replicate", "0", "--out",
                out.toString()), err.toString());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }
}
