package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The margin keys of an endpoint: read into {@link Analysis#margin()}, hashed only where given (so every earlier
 * scenario's hash stands), and every misuse refused with the file, line, key and what is allowed.
 */
class MarginInputTest {

    private static String scenario(String sides, String endpoint) {
        return """
                design: {sample_sizes: [400], alpha: 0.025, sides: %s}
                arms:
                  ketamine:
                    binary_outcomes:
                      response: {probability: 0.55}
                    continuous_outcomes:
                      score: {mean: -12, sd: 10}
                    events:
                      relapse: {hazard: {exponential: {median: 26}}}
                  ect:
                    control: true
                    binary_outcomes:
                      response: {probability: 0.45}
                    continuous_outcomes:
                      score: {mean: -11, sd: 10}
                    events:
                      relapse: {hazard: {exponential: {median: 26}}}
                schedule: {cutoff: {follow_up_weeks: 52}}
                endpoints:
                  %s
                """.formatted(sides, endpoint);
    }

    private static Problem only(String sides, String endpoint) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(scenario(sides, endpoint), "ni.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals("ni.yaml", p.source());
        assertEquals(20, p.line(), p.toString());
        return p;
    }

    @Test
    void aMarginIsReadAndHashedOnlyWhereGiven() {
        Scenario s = ScenarioParser.parse(scenario("1",
                "response: {kind: binary, test: farrington_manning, margin: -0.1, hypothesis: non_inferiority}"), "ni.yaml");
        assertEquals(-0.1, s.endpoints().get(0).analysis().margin());
        assertTrue(ScenarioHash.canonicalForm(s).contains("\"margin\":-0.1"));
        Scenario plain = ScenarioParser.parse(scenario("1", "response: {kind: binary, test: chi_square}"), "ni.yaml");
        assertTrue(Double.isNaN(plain.endpoints().get(0).analysis().margin()));
        assertTrue(!ScenarioHash.canonicalForm(plain).contains("\"margin\""), ScenarioHash.canonicalForm(plain));
    }

    @Test
    void aMarginOnTheWrongSideOfItsHypothesisIsRefused() {
        Problem p = only("1", "response: {kind: binary, test: farrington_manning, margin: 0.1, hypothesis: non_inferiority}");
        assertEquals("endpoints.response.margin", p.path());
        assertTrue(p.message().contains("found margin 0.1 with hypothesis non_inferiority")
                && p.message().contains("allowed margin < 0, or hypothesis superiority"), p.message());
        p = only("1", "relapse: {kind: time_to_event, test: log_rank, margin: 0.8, hypothesis: non_inferiority}");
        assertTrue(p.message().contains("allowed margin > 1"), p.message());
        p = only("1", "score: {kind: continuous, test: t_test, margin: -2, hypothesis: superiority}");
        assertTrue(p.message().contains("allowed margin > 0, or hypothesis non_inferiority"), p.message());
        p = only("1", "response: {kind: binary, test: score_odds_ratio, margin: 0.8, hypothesis: superiority}");
        assertTrue(p.message().contains("allowed margin > 1"), p.message());
    }

    @Test
    void misplacedOrMissingMarginsAreRefused() {
        assertTrue(only("1", "response: {kind: binary, test: fisher, margin: -0.1, hypothesis: non_inferiority}")
                .message().contains("allowed margin only with tests farrington_manning"));
        assertTrue(only("2", "response: {kind: binary, test: farrington_manning, margin: -0.1, "
                + "hypothesis: non_inferiority}").message().contains("allowed a margin only with design.sides: 1"));
        assertTrue(only("1", "response: {kind: binary, test: farrington_manning_ratio, margin: 1, "
                + "hypothesis: non_inferiority}").message().contains("which is no effect on a risk ratio"));
        assertTrue(only("1", "response: {kind: binary, test: farrington_manning_ratio, margin: -0.5, "
                + "hypothesis: non_inferiority}").message().contains("allowed a risk ratio > 0"));
        assertTrue(only("1", "response: {kind: binary, test: farrington_manning}").message()
                .contains("missing required key 'margin'"));
        assertTrue(only("1", "response: {kind: binary, test: farrington_manning, margin: -0.1}").message()
                .contains("missing required key 'hypothesis'"));
        assertTrue(only("1", "response: {kind: binary, test: chi_square, hypothesis: superiority}").message()
                .contains("found hypothesis without a margin"));
    }

    /**
     * An MMRM of a MADRS change takes a margin on the difference at the endpoint's visit; lower is better, so a
     * non-inferiority margin is positive: a negative one is refused at its line, and with test ancova likewise.
     */
    @Test
    void anMmrmMarginOnALowerIsBetterScoreMustBePositiveForNonInferiority() {
        String scenario = """
                design: {sample_sizes: [200], alpha: 0.025, sides: 1}
                arms:
                  trt:
                    score_trajectories:
                      madrs: {visits: [2, 4], baseline: {mean: 30, sd: 6}, change: [-8, -12], sd: 9,
                              correlation: {structure: ar1, rho: 0.6}}
                  ctl:
                    control: true
                    score_trajectories:
                      madrs: {visits: [2, 4], baseline: {mean: 30, sd: 6}, change: [-6, -9], sd: 9,
                              correlation: {structure: ar1, rho: 0.6}}
                endpoints:
                  change: {kind: score_change, outcome: madrs, at_week: 4, test: %s, margin: %s,
                           hypothesis: non_inferiority}
                """;
        Scenario ok = ScenarioParser.parse(scenario.formatted("mmrm", "2"), "mmrm.yaml");
        assertEquals(2, ok.endpoints().get(0).analysis().margin());
        for (String test : new String[] {"mmrm", "mmrm_cs", "ancova"}) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> ScenarioParser.parse(scenario.formatted(test, "-2"), "mmrm.yaml"));
            Problem p = e.problems().get(0);
            assertEquals(1, e.problems().size(), e.getMessage());
            assertEquals("mmrm.yaml", p.source());
            assertEquals(13, p.line(), p.toString());
            assertEquals("endpoints.change.margin", p.path());
            assertTrue(p.message().contains("found margin -2 with hypothesis non_inferiority: on a mean difference of "
                    + "endpoint kind score_change (lower is better)") && p.message().contains("allowed margin > 0"),
                    p.message());
        }
    }
}
