package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code trialsim check}: exit codes and where the output goes. */
class CheckCommandTest {

    /** Result of one run. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TrialsimCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void builtInScenarioByName() {
        Run r = run("check", "ketamine-vs-midazolam");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Scenario ketamine-vs-midazolam"), r.out());
        assertTrue(r.out().contains("benzo_users"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void validFileAndExample() {
        Run r = run("check", "../examples/two-arm-binary-chisq.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("expected: treatment 0.500; control 0.200"), r.out());
    }

    @Test
    void invalidFileListsEveryProblemOnStderrWithExitTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "design: {sample_sizes: [20], sides: 3}\narms:\n  drug:\n    response: {probability: 1.2}\n"
                + "endpoints: {response: {p0: 0.5}}\n");
        Run r = run("check", f.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains(f + ":1:37: design.sides: found 3; allowed 1 or 2"), r.err());
        assertTrue(r.err().contains(f + ":4:29: arms.drug.response.probability: found 1.2"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    /** The gamma-Poisson rule's prior: a non-positive shape and a missing arm, each with file, line and key. */
    @Test
    void eventRatePriorProblemsWithExitTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rate.yaml");
        Files.writeString(f, """
                design: {sample_sizes: [200], sides: 1}
                arms:
                  treatment: {events: {death: {hazard: {exponential: {median: 26}}, hazard_ratio: 0.6}}}
                  control: {control: true, events: {death: {hazard: {exponential: {median: 26}}}}}
                enrollment: {uniform: {weeks: 52}}
                schedule: {cutoff: {calendar_week: 104}}
                endpoints:
                  death:
                    kind: time_to_event
                    test: bayesian_event_rate
                    bayesian:
                      success: 1.2
                      prior: {treatment: {a: 0, b: 30}}
                """);
        Run r = run("check", f.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains(f + ":12:16: endpoints.death.bayesian.success: found 1.2; allowed a posterior "
                + "probability threshold success in (0, 1)"), r.err());
        assertTrue(r.err().contains(f + ":13:30: endpoints.death.bayesian.prior.treatment.a: found 0; allowed a "
                + "positive gamma shape a (prior events)"), r.err());
        assertTrue(r.err().contains(f + ":13:14: endpoints.death.bayesian.prior.control: missing required key "
                + "'control'"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void missingFileAndUnknownName() {
        Run r = run("check", "no/such/file.yaml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'no/such/file.yaml' is neither a scenario file nor a built-in scenario"), r.err());
        Run n = run("check", "ketamine-vs-placebo");
        assertEquals(2, n.exit());
        assertTrue(n.err().contains("built-in scenarios: ketamine-vs-midazolam"), n.err());
        assertFalse(n.err().contains("Exception"), n.err());
    }

    @Test
    void overridesAreValidated() {
        Run ok = run("check", "ketamine-vs-midazolam", "--set", "strata.benzo_users.prevalence=0.3");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("benzo_users 0.3 (benzodiazepine users), non_users 0.7"), ok.out());
        Run bad = run("check", "ketamine-vs-midazolam", "--set", "arms.ketamine.response.probability=2");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("override arms.ketamine.response.probability=2: arms.ketamine.response.probability: "
                + "found 2.0; allowed a probability in [0, 1]"), bad.err());
    }

    @Test
    void missingArgumentIsAUsageError() {
        Run r = run("check");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required parameter"), r.err());
    }
}
