package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimand section in {@code run}'s folder and report.html: where an endpoint has a strategy, {@code run}
 * writes {@code estimands.csv} with the bytes {@code power --estimands-out} writes for the same study (seed,
 * replicates, sizes), prints the section after the table, and report.html shows a row per endpoint and size; a
 * rerun of a scenario without a strategy into the folder leaves no stale section; {@code trialsim report}
 * rewrites the same page.
 */
class EstimandOutputsTest {

    @TempDir
    Path dir;

    private static final String SCENARIO = """
            name: estimand-run
            design: {sample_sizes: [120, 200], alpha: 0.025, sides: 1}
            simulation: {seed: 77}
            arms:
              treatment:
                events:
                  pfs: {hazard: {exponential: {rate: 0.02}}, hazard_ratio: 0.6}
                intercurrent_events:
                  stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.005}}}
              control:
                control: true
                events:
                  pfs: {hazard: {exponential: {rate: 0.02}}}
                intercurrent_events:
                  stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.002}}}
            schedule: {cutoff: {follow_up_weeks: 52}}
            endpoints:
              free: {kind: event_free, at_week: 26, strategy: composite}
              pfs: {kind: time_to_event, test: log_rank}
            """;

    @Test
    void runWritesTheSectionAndTheReportShowsIt() throws Exception {
        Path scenario = dir.resolve("estimand.yaml");
        Files.writeString(scenario, SCENARIO);
        Path out = dir.resolve("results");
        Cli.Result run = Cli.run("run", scenario.toString(), "--reps", "300", "--out", out.toString(), "--threads",
                "2");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("Estimands (ICH E9(R1))"), run.out());
        Path csv = out.resolve(ResultFolder.ESTIMANDS);
        Path reference = dir.resolve("power-estimands.csv");
        Cli.Result power = Cli.run("power", scenario.toString(), "--reps", "300", "--threads", "1",
                "--estimands-out", reference.toString(), "-q");
        assertEquals(0, power.exit(), power.toString());
        String text = Files.readString(csv);
        assertEquals(Files.readString(reference), text, "the bytes of power --estimands-out, whatever the threads");
        assertEquals(3, text.lines().count(), "a header and one row per size of the one endpoint with a strategy");
        assertTrue(text.lines().skip(1).allMatch(l -> l.startsWith("free,composite,")), text);

        String html = Files.readString(out.resolve(ReportPage.FILE));
        assertTrue(html.contains("<section id=\"estimands\">") && html.contains("<a href=\"#estimands\">"), html);
        assertTrue(html.contains("<tr data-endpoint=\"free\" data-n=\"120\">")
                && html.contains("<tr data-endpoint=\"free\" data-n=\"200\">"), html);
        assertFalse(html.contains("data-endpoint=\"pfs\""), "only endpoints with a strategy");

        Path rewritten = dir.resolve("again.html");
        Cli.Result report = Cli.run("report", out.toString(), "--out", rewritten.toString(), "-q");
        assertEquals(0, report.exit(), report.toString());
        assertEquals(html, Files.readString(rewritten), "trialsim report draws the same page");

        Path plain = dir.resolve("plain.yaml");
        Files.writeString(plain, SCENARIO.replace(", strategy: composite", ""));
        Cli.Result again = Cli.run("run", plain.toString(), "--reps", "200", "--out", out.toString(), "--force",
                "-q");
        assertEquals(0, again.exit(), again.toString());
        assertFalse(Files.exists(csv), "a rerun without a strategy leaves no stale estimands.csv");
        assertFalse(Files.readString(out.resolve(ReportPage.FILE)).contains("id=\"estimands\""));
    }

    /**
     * A sweep has no estimand section (each cell would need its replicates run again): asked for, it is refused
     * before anything is simulated (exit 2, naming the option); not asked for, the sweep runs and says so.
     */
    @Test
    void aSweepSaysItHasNoSection() throws Exception {
        Path scenario = dir.resolve("estimand.yaml");
        Files.writeString(scenario, SCENARIO);
        Cli.Result refused = Cli.run("power", scenario.toString(), "--reps", "100", "--sweep",
                "arms.treatment.events.pfs.hazard_ratio=0.6,0.8", "--estimands-out", dir.resolve("e.csv").toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("cannot be combined with --sweep"), refused.err());
        assertEquals("", refused.out(), "nothing simulated");
        Cli.Result swept = Cli.run("power", scenario.toString(), "--reps", "100", "--sweep",
                "arms.treatment.events.pfs.hazard_ratio=0.6,0.8");
        assertEquals(0, swept.exit(), swept.toString());
        assertTrue(swept.err().contains("note: the estimand section is not computed for a sweep"), swept.err());
        assertFalse(swept.out().contains("Estimands (ICH E9(R1))"), swept.out());
    }

    /**
     * End to end, the new keys of a scenario file: an intercurrent event by score and a hypothetical binary endpoint
     * with its IPW estimator are checked and simulated (exit 0), and {@code check} lists the event's timing as by
     * score; the estimand section names the endpoint with its strategy.
     */
    @Test
    void anEventByScoreAndAHypotheticalBinaryEndpointRunEndToEnd() throws Exception {
        Path scenario = dir.resolve("by-score.yaml");
        Files.writeString(scenario, """
                name: by-score
                design: {sample_sizes: [100], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    score_trajectories:
                      madrs: {visits: [1, 2, 4], baseline: {mean: 32, sd: 6}, change: [-6, -10, -14], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -8, per_point: 0.2}}}
                  control:
                    control: true
                    score_trajectories:
                      madrs: {visits: [1, 2, 4], baseline: {mean: 32, sd: 6}, change: [-4, -6, -8], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -8, per_point: 0.2}}}
                endpoints:
                  response: {kind: score_response, at_week: 4, test: ipw_risk_difference, strategy: hypothetical}
                  change: {kind: score_change, at_week: 4, test: mmrm, strategy: hypothetical}
                """);
        Cli.Result check = Cli.run("check", scenario.toString());
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().contains("by score"), check.out());
        Cli.Result power = Cli.run("power", scenario.toString(), "--reps", "100", "--threads", "2");
        assertEquals(0, power.exit(), power.toString());
        assertTrue(power.out().lines().anyMatch(l -> l.startsWith("response") && l.contains("hypothetical")),
                power.out());
    }
}
