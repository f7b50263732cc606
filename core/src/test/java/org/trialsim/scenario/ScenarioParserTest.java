package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What valid scenario files mean: keys, defaults, per-stratum overrides, single-arm designs, JSON. */
class ScenarioParserTest {

    private static final String TWO_ARMS = String.join("\n",
            "design:",
            "  sample_sizes: {from: 40, to: 100, by: 20}",
            "strata:",
            "  users: {prevalence: 0.44, benzodiazepine_user: true}",
            "  others: {prevalence: 0.56}",
            "arms:",
            "  ketamine:",
            "    response: {probability: 0.5, remission: 0.35}",
            "    relapse:",
            "      hazard: {exponential: {median: 2.571}}",
            "      durable_fraction: 0.25",
            "    benzodiazepine:",
            "      discontinuation: {responders: 0.95, non_responders: 0.87}",
            "      relapse_hazard: {exponential: {rate: 0.007}}",
            "    strata:",
            "      users:",
            "        response: {probability: 0.45}",
            "        relapse: {hazard: {weibull: {shape: 0.8, scale: 5}}}",
            "  midazolam:",
            "    response: {probability: 0.25}",
            "endpoints:",
            "  response: {}",
            "");

    @Test
    void defaultsFillEverythingOptional() {
        Scenario s = ScenarioParser.parse(TWO_ARMS, "two-arms.yaml");
        assertEquals("two-arms", s.name(), "name defaults to the file name");
        assertEquals("two-arms", s.title());
        assertEquals(List.of(40, 60, 80, 100), s.design().sampleSizes());
        assertEquals(0.05, s.design().alpha());
        assertEquals(Design.Sidedness.TWO_SIDED, s.design().sidedness());
        assertEquals(new Randomization(Randomization.Method.BLOCKS, 2, false), s.design().randomization(),
                "block size defaults to the allocation-ratio sum");
        assertEquals(new Enrollment.Uniform(0), s.enrollment());
        assertEquals(Dropout.NONE, s.dropout());
        assertEquals(new Schedule(4, List.of(), Schedule.Observation.EXACT, new Cutoff.FollowUp(52)), s.schedule());
        assertEquals(Multiplicity.NONE, s.multiplicity());
        assertNull(s.groupSequential());
        assertEquals(new Simulation(2000, 20261122L, 0, 100000), s.simulation());
    }

    @Test
    void lastArmIsTheControlWhenNoneIsFlagged() {
        Scenario s = ScenarioParser.parse(TWO_ARMS, "two-arms.yaml");
        assertFalse(s.arms().get(0).control());
        assertTrue(s.arms().get(1).control());
        assertEquals("midazolam", s.controlArm().name());
    }

    @Test
    void stratumOverridesAreDeepMerged() {
        Scenario s = ScenarioParser.parse(TWO_ARMS, "two-arms.yaml");
        Arm k = s.arms().get(0);
        PatientModel users = k.model("users");
        PatientModel others = k.model("others");
        // response.probability overridden, remission kept from the arm
        assertEquals(new ResponseModel.Probability(0.45, 0.35), users.response());
        assertEquals(new ResponseModel.Probability(0.5, 0.35), others.response());
        // relapse hazard replaced (another alternative), durable fraction and origin kept
        assertEquals(new Relapse(Relapse.Origin.RESPONSE, new Hazard.Weibull(0.8, 5), 0.25, 1), users.relapse());
        assertEquals(new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(Math.log(2) / 2.571), 0.25, 1),
                others.relapse());
        // benzodiazepine process only for users
        assertEquals(new Benzodiazepine(0.95, 0.87, new Hazard.Exponential(0.007), 1), users.benzodiazepine());
        assertNull(others.benzodiazepine());
        // an arm without a remission figure gets the not-modelled default 0
        assertEquals(new ResponseModel.Probability(0.25, 0), s.arms().get(1).model("users").response());
    }

    @Test
    void endpointKindAndTestDefaultFromTheName() {
        Scenario s = ScenarioParser.parse(TWO_ARMS, "two-arms.yaml");
        Endpoint e = s.endpoints().get(0);
        assertEquals(Endpoint.Kind.RESPONSE, e.kind());
        assertEquals(Analysis.Test.CHI_SQUARE, e.analysis().test());
        assertEquals("ketamine", e.treatment());
        assertEquals("midazolam", e.control());
        assertEquals(List.of(), e.strata());
        assertTrue(Double.isNaN(e.atWeek()));
        assertTrue(Double.isNaN(e.analysis().nullValue()));
    }

    /** any, all and null name other things in a result's measures (power:any, expected_n:null): refused, located. */
    @Test
    void endpointNamesTheResultsUseAreRefused() {
        for (String name : new String[] {"any", "all", "null"}) {
            String text = TWO_ARMS + "  " + name + ": {kind: response, control: midazolam}\n";
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "t.yaml"));
            assertEquals(1, e.problems().size(), e.getMessage());
            Problem p = e.problems().get(0);
            assertEquals(23, p.line(), e.getMessage());
            assertTrue(p.message().contains("found the endpoint name '" + name + "', which the results use for"),
                    p.message());
            assertTrue(p.message().contains("allowed any other name"), p.message());
        }
        ScenarioParser.parse(TWO_ARMS + "  any_response: {kind: response, control: midazolam}\n", "t.yaml");
    }

    @Test
    void remissionEndpointNeedsRemissionInEveryArm() {
        String text = TWO_ARMS + "  remission_rate: {kind: remission, test: fisher, control: midazolam}\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "two-arms.yaml"));
        // midazolam gives no remission probability: reported once per stratum of the population
        assertEquals(2, e.problems().size(), e.getMessage());
        for (Problem p : e.problems()) {
            assertEquals("endpoints.remission_rate.kind", p.path());
            assertEquals(23, p.line());
            assertTrue(p.message().contains("arms.midazolam.response.remission"), p.message());
        }
    }

    @Test
    void singleArmWithoutStrata() {
        Scenario s = ScenarioParser.parse("design: {sample_sizes: [20], sides: 1}\narms:\n  drug:\n    response: "
                + "{probability: 0.7}\nendpoints:\n  response: {test: binomial_exact, p0: 0.5}\n", "single.yaml");
        assertEquals(List.of(new Stratum("all", 1, false)), s.strata());
        assertEquals(1, s.arms().size());
        assertFalse(s.arms().get(0).control());
        Endpoint e = s.endpoints().get(0);
        assertNull(e.control());
        assertFalse(e.comparative());
        assertEquals(new Analysis(Analysis.Test.BINOMIAL_EXACT, 0.5, null), e.analysis());
        assertEquals(1, s.design().randomization().blockSize());
    }

    @Test
    void singleArmTestDefaultsForOneArm() {
        Scenario s = ScenarioParser.parse("design: {sample_sizes: [20], sides: 1}\narms: {drug: {response: "
                + "{probability: 0.7}}}\nendpoints: {response: {p0: 0.5}}\n", "x.yaml");
        assertEquals(Analysis.Test.BINOMIAL_EXACT, s.endpoints().get(0).analysis().test());
    }

    @Test
    void jsonWithTheSameKeysGivesTheSameScenario() {
        String yaml = "design: {sample_sizes: [20, 40], sides: 1}\narms:\n  drug:\n    response: {probability: 0.7}\n"
                + "endpoints:\n  response: {test: binomial_exact, p0: 0.5}\n";
        String json = "{\"design\": {\"sample_sizes\": [20, 40], \"sides\": 1},\n \"arms\": {\"drug\": {\"response\": "
                + "{\"probability\": 0.7}}},\n \"endpoints\": {\"response\": {\"test\": \"binomial_exact\", \"p0\": 0.5}}}";
        assertEquals(ScenarioParser.parse(yaml, "a.yaml"), ScenarioParser.parse(json, "a.json"));
    }

    @Test
    void madrsModelGroupSequentialAndGraph() {
        String text = String.join("\n",
                "name: full",
                "design: {sample_sizes: [60, 120], alpha: 0.025, sides: 1, randomization: {method: simple}}",
                "arms:",
                "  a:",
                "    allocation: 2",
                "    response:",
                "      madrs: {baseline_mean: 30, baseline_sd: 7, change_mean: -12, change_sd: 10}",
                "    relapse: {hazard: {piecewise: {starts: [0, 4], rates: [0.2, 0.05]}}}",
                "  b:",
                "    control: true",
                "    response:",
                "      madrs: {baseline_mean: 30, baseline_sd: 7, change_mean: -6, change_sd: 10}",
                "    relapse: {hazard: {exponential: {rate: 0.1}}}",
                "enrollment: {piecewise: {starts: [0, 8], rates: [2, 5]}}",
                "dropout: {induction: 0.1, per_week: 0.005}",
                "schedule: {induction_weeks: 4, visits: [2, 4, 8, 12], observation: next_visit,",
                "           cutoff: {events: 40}}",
                "endpoints:",
                "  madrs_change: {test: ancova}",
                "  response: {}",
                "  relapse: {kind: time_to_relapse}",
                "multiplicity:",
                "  procedure: graph",
                "  weights: [1, 0, 0]",
                "  transitions: [[0, 0.5, 0.5], [0, 0, 1], [0, 1, 0]]",
                "interim:",
                "  information_fractions: [0.5, 1]",
                "  spending: hwang_shih_decani",
                "  gamma: -2",
                "  futility: {rule: beta_spending, beta: 0.2}",
                "");
        // Interim looks with a graph are a graphical group-sequential design, which has no futility rule: check
        // graph and interim separately, and the futility rule refused where both are given.
        String interim = text.substring(text.indexOf("interim:"));
        Scenario s = ScenarioParser.parse(text.replace(interim, ""), "full.yaml");
        Scenario gs = ScenarioParser.parse(text.substring(0, text.indexOf("multiplicity:")) + interim, "gs.yaml");
        assertEquals(Multiplicity.NONE, gs.multiplicity());
        ScenarioException both = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "full.yaml"));
        assertEquals("interim.futility", both.problems().get(0).path());
        assertTrue(both.problems().get(0).message().contains("graphical group-sequential"));
        assertEquals(new ResponseModel.Madrs(30, 7, -12, 10, 0.5, 10), s.arms().get(0).model("all").response());
        assertEquals(2, s.arms().get(0).allocation());
        assertEquals(new Randomization(Randomization.Method.SIMPLE, 3, false), s.design().randomization());
        assertEquals(new Hazard.PiecewiseExponential(List.of(0.0, 4.0), List.of(0.2, 0.05)),
                s.arms().get(0).model("all").relapse().hazard());
        assertEquals(new Enrollment.Piecewise(List.of(0.0, 8.0), List.of(2.0, 5.0)), s.enrollment());
        assertEquals(new Cutoff.Events(40, "relapse"), s.schedule().cutoff(), "defaults to the first time-to-event endpoint");
        assertEquals(Schedule.Observation.NEXT_VISIT, s.schedule().observation());
        assertEquals(new Multiplicity(Multiplicity.Procedure.GRAPH, List.of(1.0, 0.0, 0.0),
                List.of(List.of(0.0, 0.5, 0.5), List.of(0.0, 0.0, 1.0), List.of(0.0, 1.0, 0.0))), s.multiplicity());
        GroupSequential g = gs.groupSequential();
        assertEquals("madrs_change", g.endpoint());
        assertEquals(List.of(0.5, 1.0), g.informationFractions());
        assertEquals(GroupSequential.Spending.HWANG_SHIH_DECANI, g.spending());
        assertEquals(-2, g.gamma());
        assertEquals(new GroupSequential.Futility(GroupSequential.Futility.Rule.BETA_SPENDING,
                GroupSequential.Spending.OBRIEN_FLEMING, -4, 0.2, Double.NaN), g.futility());
    }

    @Test
    void descriptionAndTitleAreKept() {
        Scenario s = ScenarioParser.parse("name: n1\ntitle: A title\ndescription: >\n  two\n  lines\n"
                + "design: {sample_sizes: [2]}\narms: {a: {response: {probability: 0.5}}, b: {response: "
                + "{probability: 0.5}}}\nendpoints: {response: {}}\n", "x.yaml");
        assertEquals("n1", s.name());
        assertEquals("A title", s.title());
        assertEquals("two lines", s.description());
    }

    /**
     * Alternating allocation: any sample size (odd ones included, which blocks of 2 refuse), optionally per
     * stratum; the unknown-method message lists it; check's summary names it.
     */
    @Test
    void alternatingAllocationTakesAnySampleSize() {
        String arms = "arms: {t: {allocation: 2, response: {probability: 0.5}}, c: {control: true, response: "
                + "{probability: 0.3}}}\nendpoints: {response: {}}\n";
        Scenario s = ScenarioParser.parse("design: {sample_sizes: [7, 41], randomization: {method: alternating, "
                + "stratified: true}}\n" + arms, "alt.yaml");
        assertEquals(new Randomization(Randomization.Method.ALTERNATING, 3, true), s.design().randomization());
        assertTrue(ScenarioSummary.of(s).contains("randomization: alternating"), ScenarioSummary.of(s));
        ScenarioException blocks = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(
                "design: {sample_sizes: [7, 41]}\n" + arms, "blocks.yaml"));
        assertTrue(blocks.getMessage().contains("whole randomization blocks of 3"), blocks.getMessage());
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(
                "design: {sample_sizes: [7], randomization: {method: alternate}}\n" + arms, "typo.yaml"));
        assertTrue(unknown.getMessage().contains("typo.yaml:1:") && unknown.getMessage().contains("alternating"),
                unknown.getMessage());
    }
}
