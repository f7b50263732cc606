package org.trialsim.process.textbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * A design without induction has none: {@code schedule.induction_weeks} defaults to 4 weeks only when some
 * process runs on the induction clock, in a parsed file and in a built scenario alike, a given value always
 * wins, and dropout then runs from randomization.
 */
class InductionDefaultTest {

    private static Scenario parse(String arms, String extra) {
        return ScenarioParser.parse("design: {sample_sizes: [20]}\narms:\n" + arms + extra, "induction.yaml");
    }

    @Test
    void defaultFollowsTheProcesses() {
        String events = "  a: {events: {pfs: {hazard: {exponential: {median: 5}}}}}\n"
                + "  b: {events: {pfs: {hazard: {exponential: {median: 5}}}}}\n";
        String single = "endpoints:\n  pfs: {kind: time_to_event, test: log_rank}\n";
        assertEquals(0, parse(events, single + "schedule: {cutoff: {follow_up_weeks: 52}}\n").schedule()
                .inductionWeeks());
        assertEquals(2, parse(events, single + "schedule: {induction_weeks: 2}\n").schedule().inductionWeeks());
        assertEquals(4, parse("  a:\n    response: {probability: 0.5}\n    events: {pfs: {hazard: {exponential: {median: 5}}}}\n",
                "endpoints:\n  r: {kind: response, p0: 0.3}\n").schedule().inductionWeeks());
        String relapse = "  a: {relapse: {from: randomization, hazard: {exponential: {median: 5}}}}\n"
                + "  b: {relapse: {from: randomization, hazard: {exponential: {median: 5}}}}\n";
        assertEquals(0, parse(relapse, "endpoints:\n  t: {kind: time_to_relapse, test: log_rank}\nschedule: {cutoff: {events: 10}}\n")
                .schedule().inductionWeeks());
        String rescue = "  a: {rescue: {hazard: {exponential: {median: 5}}}}\n  b: {rescue: {hazard: {exponential: {median: 5}}}}\n";
        assertEquals(0, parse(rescue, "endpoints:\n  t: {kind: time_to_rescue, test: log_rank}\nschedule: {cutoff: {calendar_week: 30}}\n")
                .schedule().inductionWeeks());
        String text = ScenarioSummary.of(parse(events, single + "schedule: {induction_weeks: 2}\n"));
        assertTrue(text.contains("induction 2 weeks (given; no process uses it)"), text);
        text = ScenarioSummary.of(parse("  a:\n    response: {probability: 0.5}\n", "endpoints:\n  r: {kind: response, p0: 0.3}\n"));
        assertTrue(text.contains("induction 4 weeks (used by response)"), text);
    }

    /** Dropout during an induction the design does not have is refused, with its line and what to do instead. */
    @Test
    void dropoutDuringAMissingInductionIsRefused() {
        String arms = "  a: {binary_outcomes: {x: {probability: 0.5}}}\n  b: {binary_outcomes: {x: {probability: 0.3}}}\n";
        org.trialsim.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.trialsim.scenario.ScenarioException.class,
                () -> parse(arms, "dropout: {induction: 0.1}\nendpoints:\n  x: {kind: binary}\n"));
        assertTrue(e.problems().stream().anyMatch(p -> p.line() == 5 && p.path().equals("dropout.induction")
                && p.message().contains("the design has no induction (no process uses one)")), e.problems().toString());
        assertEquals(0.1, parse(arms, "dropout: {induction: 0.1}\nschedule: {induction_weeks: 2}\nendpoints:\n"
                + "  x: {kind: binary, at_week: 4}\n").dropout().inductionProbability());
    }

    /** The builder applies the same rule: a built scenario equals the parsed file that leaves the keys out. */
    @Test
    void theBuilderAgreesWithTheParser() {
        Scenario parsed = ScenarioParser.parse("""
                name: built
                design: {sample_sizes: [20]}
                schedule: {cutoff: {follow_up_weeks: 52}}
                arms:
                  a: {events: {pfs: {hazard: {exponential: {rate: 0.1}}}}}
                  b: {events: {pfs: {hazard: {exponential: {rate: 0.1}}}}}
                endpoints:
                  pfs: {kind: time_to_event, test: log_rank}
                """, "built.yaml");
        Events events = new Events(Map.of("pfs", new Events.Event(new Hazard.Exponential(0.1), 0, 1)));
        PatientModel model = new PatientModel(Map.of(Events.KEY, events));
        Scenario built = Scenario.builder().name("built").sampleSizes(List.of(20))
                .arms(new Arm("a", 1, false, Map.of("all", model)), new Arm("b", 1, true, Map.of("all", model)))
                .endpoints(new Endpoint("pfs", EventProcess.TIME_TO_EVENT, Double.NaN,
                        new Analysis(Analysis.Test.LOG_RANK, Double.NaN, null), "a", "b", List.of(), "pfs"))
                .build();
        assertEquals(0, built.schedule().inductionWeeks());
        assertEquals(ScenarioHash.canonicalForm(parsed), ScenarioHash.canonicalForm(built));
    }

    /**
     * Without induction, dropout runs from randomization: with a hazard of 0.05 per week, P(dropout by week 10) =
     * 1 - exp(-0.5) = 0.393 (with the former 4 weeks of induction it would have been 1 - exp(-0.3) = 0.259); 20,000
     * patients, within 4 binomial standard errors.
     */
    @Test
    void dropoutRunsFromRandomization() {
        Scenario s = parse("  a: {binary_outcomes: {x: {probability: 0.5}}}\n",
                "dropout: {per_week: 0.05}\nendpoints:\n  x: {kind: binary, p0: 0.3}\n");
        int n = 20_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 4, 0);
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            dropped += c.dropout[i] <= 10 ? 1 : 0;
        }
        double p = 1 - Math.exp(-0.5);
        assertEquals(p, dropped / (double) n, 4 * Math.sqrt(p * (1 - p) / n));
    }

    /**
     * The 52-week follow-up is the ketamine trajectory's default: a time-to-event design without induction must
     * say when it is analysed, and is refused (with the endpoint's line and the allowed forms) when it does not;
     * with induction the default still applies.
     */
    @Test
    void aTimeToEventDesignWithoutInductionMustGiveItsCutoff() {
        String events = "  a: {events: {pfs: {hazard: {exponential: {median: 5}}}}}\n"
                + "  b: {events: {pfs: {hazard: {exponential: {median: 5}}}}}\n";
        String single = "endpoints:\n  pfs: {kind: time_to_event, test: log_rank}\n";
        org.trialsim.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.trialsim.scenario.ScenarioException.class, () -> parse(events, single));
        org.trialsim.scenario.Problem p = e.problems().get(0);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("endpoints.pfs", p.path());
        assertEquals(6, p.line());
        assertTrue(p.message().contains("schedule.cutoff") && p.message().contains("{events: E}"), p.message());
        for (String cutoff : List.of("{follow_up_weeks: 30}", "{calendar_week: 80}", "{events: 15}")) {
            assertTrue(parse(events, single + "schedule: {cutoff: " + cutoff + "}\n").schedule().cutoff() != null);
        }
        assertEquals(new org.trialsim.scenario.Cutoff.FollowUp(52), parse(events, single
                + "schedule: {induction_weeks: 2}\n").schedule().cutoff());
    }
}
