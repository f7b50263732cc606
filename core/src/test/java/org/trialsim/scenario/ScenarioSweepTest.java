package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Re-parsing a scenario with numeric values set at key paths, for the power engine's sweeps. */
class ScenarioSweepTest {

    private static Scenario sweep(String name, Map<String, Double> overrides) {
        return ScenarioLibrary.load(name, overrides);
    }

    @Test
    void setsAValueAtAKeyPath() {
        Scenario s = sweep("ketamine-vs-midazolam", Map.of("arms.ketamine.response.probability", 0.45));
        for (PatientModel m : s.arms().get(0).modelByStratum().values()) {
            assertEquals(new ResponseModel.Probability(0.45, 0.35), m.response());
        }
        assertEquals(new ResponseModel.Probability(0.25, 0.15), s.arms().get(1).model("benzo_users").response());
    }

    @Test
    void setsValuesThatWereDefaulted() {
        Scenario s = sweep("maintenance-withdrawal", Map.of("dropout.induction", 0.05, "design.alpha", 0.025));
        assertEquals(0.05, s.dropout().inductionProbability());
        assertEquals(0.025, s.design().alpha());
    }

    @Test
    void twoStratumPrevalenceSweepSetsTheOtherToTheComplement() {
        Scenario s = sweep("ketamine-vs-midazolam", Map.of("strata.benzo_users.prevalence", 0.3));
        assertEquals(0.3, s.strata().get(0).prevalence());
        assertEquals(0.7, s.strata().get(1).prevalence(), 1e-15);
    }

    @Test
    void threeStratumPrevalenceSweepRescalesTheOthersInProportion() {
        String text = "design: {sample_sizes: [2]}\nstrata:\n  a: {prevalence: 0.2}\n  b: {prevalence: 0.2}\n"
                + "  c: {prevalence: 0.6}\narms: {x: {response: {probability: 0.5}}, y: {response: {probability: 0.3}}}\n"
                + "endpoints: {response: {}}\n";
        Scenario s = ScenarioParser.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "p.yaml",
                Map.of("strata.a.prevalence", 0.6));
        assertEquals(0.6, s.strata().get(0).prevalence());
        assertEquals(0.1, s.strata().get(1).prevalence(), 1e-15);
        assertEquals(0.3, s.strata().get(2).prevalence(), 1e-15);
        // overriding two of three leaves the third the remainder
        Map<String, Double> two = new LinkedHashMap<>();
        two.put("strata.a.prevalence", 0.5);
        two.put("strata.b.prevalence", 0.4);
        Scenario t = ScenarioParser.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "p.yaml", two);
        assertEquals(List.of(0.5, 0.4), List.of(t.strata().get(0).prevalence(), t.strata().get(1).prevalence()));
        assertEquals(0.1, t.strata().get(2).prevalence(), 1e-15);
    }

    @Test
    void invalidOverridesAreValidatedLikeTheFile() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> sweep("ketamine-vs-midazolam", Map.of("arms.ketamine.response.probability", 1.5)));
        Problem p = e.problems().get(0);
        assertEquals("arms.ketamine.response.probability", p.path());
        assertEquals("override arms.ketamine.response.probability=1.5", p.source());
        assertTrue(p.message().contains("found 1.5; allowed a probability in [0, 1]"), p.message());

        ScenarioException unknown = assertThrows(ScenarioException.class,
                () -> sweep("ketamine-vs-midazolam", Map.of("arms.ketamine.response.probabilty", 0.4)));
        assertTrue(unknown.getMessage().contains("did you mean 'probability'"), unknown.getMessage());

        ScenarioException throughList = assertThrows(ScenarioException.class,
                () -> sweep("ketamine-vs-midazolam", Map.of("schedule.visits.x", 1.0)));
        assertTrue(throughList.getMessage().contains("cannot set a value here"), throughList.getMessage());

        ScenarioException remission = assertThrows(ScenarioException.class,
                () -> sweep("ketamine-vs-midazolam", Map.of("arms.ketamine.response.probability", 0.3)));
        assertTrue(remission.getMessage().contains("remission <= response"), remission.getMessage());

        // A misspelt arm, stratum or endpoint is named as such, not turned into a new one (which the checks would
        // then report through its consequences: a second experimental arm, a stratum with no settings).
        ScenarioException arm = assertThrows(ScenarioException.class,
                () -> sweep("ketamine-vs-midazolam", Map.of("arms.ketamin.response.probability", 0.4)));
        assertEquals(1, arm.problems().size(), arm.getMessage());
        assertEquals("override arms.ketamin.response.probability=0.4", arm.problems().get(0).source());
        assertTrue(arm.getMessage().contains("found the arm 'ketamin', which the scenario does not have; did you mean "
                + "'ketamine'? Allowed arms: ketamine, midazolam"), arm.getMessage());
        ScenarioException stratum = assertThrows(ScenarioException.class,
                () -> sweep("ketamine-vs-midazolam", Map.of("strata.smokers.prevalence", 0.2)));
        assertTrue(stratum.getMessage().contains("found the stratum 'smokers', which the scenario does not have. "
                + "Allowed strata: benzo_users, non_users"), stratum.getMessage());
    }

    @Test
    void overrideArgumentsAreParsed() {
        assertEquals(Map.of("a.b", 0.5, "c", 2.0), ScenarioParser.overrides(List.of("a.b=0.5", " c = 2 ")));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.overrides(List.of("a.b", "c=x")));
        assertEquals(2, e.problems().size());
    }
}
