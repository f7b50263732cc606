package org.trialsim.process.intercurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.IntercurrentTimes;
import org.trialsim.scenario.Estimand;
import org.trialsim.scenario.IntercurrentEvents;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;

/**
 * The intercurrent-event process and the endpoint's estimand: the draws against their closed form, the reading
 * of every key, and every refusal with its line, key and what is allowed.
 */
class IntercurrentEventProcessTest {

    private static final String ARMS = """
            design: {sample_sizes: [2000]}
            arms:
              treatment:
                events:
                  pfs: {hazard: {exponential: {rate: 0.02}}}
                intercurrent_events:
                  %s
              control:
                control: true
                events:
                  pfs: {hazard: {exponential: {rate: 0.02}}}
            schedule: {cutoff: {follow_up_weeks: 52}}
            endpoints:
              pfs:
                kind: %s
                %s
            """;

    private static Scenario parse(String events, String kind, String endpoint) {
        return ScenarioParser.parse(ARMS.formatted(events, kind, endpoint), "ice.yaml");
    }

    private static Problem refused(String events, String kind, String endpoint) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(events, kind, endpoint));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void readsEveryKeyAndTheEstimand() {
        Scenario s = parse("""
                stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.01}}, after: jump_to_reference}
                      death: {reason: death, hazard: {exponential: {rate: 0.001}}}
                      rescue: {reason: rescue_medication, hazard: {exponential: {rate: 0.01}}, after: {hazard_ratio: 2, shift: 3}}""",
                "time_to_event", "strategy: hypothetical\n    intercurrent_events: [stop, rescue]");
        IntercurrentEvents ice = (IntercurrentEvents) s.arms().get(0).model(s.strata().get(0).name())
                .process(IntercurrentEvents.KEY);
        assertEquals(IntercurrentEvents.PostEvent.Model.JUMP_TO_REFERENCE, ice.events().get("stop").after().model());
        assertEquals(IntercurrentEvents.PostEvent.Model.STOPS, ice.events().get("death").after().model(),
                "observation stops after death by default");
        assertEquals(new IntercurrentEvents.PostEvent(IntercurrentEvents.PostEvent.Model.STATED, 2, 3),
                ice.events().get("rescue").after());
        assertEquals(new Estimand(Estimand.Strategy.HYPOTHETICAL, List.of("stop", "rescue")),
                s.endpoints().get(0).estimand());
    }

    /** The event's time has the exponential law given: the share with an event by week 10 within 4 binomial SE. */
    @Test
    void drawsTheHazardGiven() {
        Scenario s = parse("stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.05}}}",
                "time_to_event", "strategy: composite");
        SamplingPlan plan = SamplingPlan.compile(s);
        CohortSampler sampler = plan.newSampler();
        Cohort c = new Cohort(2000);
        int treated = 0;
        int by10 = 0;
        int control = 0;
        for (long r = 0; r < 10; r++) {
            sampler.sample(c, 2000, 7, r);
            double[] t = c.doubles(IntercurrentTimes.column("stop"));
            for (int i = 0; i < 2000; i++) {
                if (c.arm[i] == 0) {
                    treated++;
                    by10 += t[i] <= 10 ? 1 : 0;
                } else {
                    control += t[i] == Double.POSITIVE_INFINITY ? 1 : 0;
                }
            }
        }
        double p = 1 - Math.exp(-0.5);
        assertEquals(p, (double) by10 / treated, 4 * Math.sqrt(p * (1 - p) / treated));
        assertEquals(20000 - treated, control, "the control arm, without the event, never has it");
    }

    @Test
    void anEndpointWithoutStrategyHasNoEstimand() {
        Scenario s = parse("stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.05}}}",
                "time_to_event", "test: log_rank");
        assertNull(s.endpoints().get(0).estimand());
    }

    /**
     * Hypothetical on a binary kind needs the estimator that reads the outcomes after the event as missing (the IPW
     * risk difference): another binary test is refused at its line, or at the strategy where the test is the
     * default; with ipw_risk_difference it is read.
     */
    @Test
    void refusesAHypotheticalBinaryEndpointWithoutItsEstimator() {
        String stop = "stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.05}}}";
        Problem p = refused(stop, "event_free\n    at_week: 26", "test: chi_square\n    strategy: hypothetical");
        assertEquals("endpoints.pfs.test", p.path());
        assertEquals(17, p.line());
        assertTrue(p.message().contains("found strategy hypothetical on binary endpoint kind event_free with test "
                + "chi_square") && p.message().contains("allowed test: ipw_risk_difference"), p.message());
        Problem defaulted = refused(stop, "event_free\n    at_week: 26", "strategy: hypothetical");
        assertEquals("endpoints.pfs.strategy", defaulted.path());
        assertEquals(17, defaulted.line());
        Scenario s = parse(stop, "event_free\n    at_week: 26", "test: ipw_risk_difference\n    strategy: hypothetical");
        assertEquals(org.trialsim.scenario.Estimand.Strategy.HYPOTHETICAL, s.endpoints().get(0).estimand().strategy());
    }

    @Test
    void refusesAnUnknownStrategy() {
        Problem p = refused("stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.05}}}",
                "time_to_event", "strategy: per_protocol");
        assertEquals("endpoints.pfs.strategy", p.path());
        assertTrue(p.message().contains("treatment_policy") && p.message().contains("while_on_treatment"),
                p.message());
    }

    @Test
    void refusesEventsNoArmDefines() {
        Problem p = refused("stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.05}}}",
                "time_to_event", "strategy: composite\n    intercurrent_events: [stpo]");
        assertTrue(p.path().startsWith("endpoints.pfs.intercurrent_events"), p.path());
        assertTrue(p.message().contains("did you mean 'stop'") && p.message().contains("Allowed: stop"), p.message());
    }

    @Test
    void refusesEventsWithoutStrategy() {
        Problem p = refused("stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.05}}}",
                "time_to_event", "intercurrent_events: [stop]");
        assertEquals("endpoints.pfs.intercurrent_events", p.path());
        assertTrue(p.message().contains("only with strategy"), p.message());
    }

    @Test
    void refusesTreatmentPolicyOverDeath() {
        Problem p = refused("died: {reason: death, hazard: {exponential: {rate: 0.05}}}", "time_to_event",
                "strategy: treatment_policy");
        assertEquals("endpoints.pfs.strategy", p.path());
        assertTrue(p.message().contains("no outcome exists after death"), p.message());
    }

    @Test
    void refusesAnOutcomeAfterDeathOrWithdrawal() {
        Problem p = refused("gone: {reason: withdrawal_of_consent, hazard: {exponential: {rate: 0.05}}, after: continues}",
                "time_to_event", "strategy: composite");
        assertEquals("arms.treatment.intercurrent_events.gone.after", p.path());
        assertEquals(7, p.line());
        assertTrue(p.message().contains("allowed after: stops"), p.message());
    }

    @Test
    void refusesAPostEventModelTheKindCannotFollow() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("""
                design: {sample_sizes: [100]}
                arms:
                  treatment:
                    binary_outcomes:
                      ok: {probability: 0.5}
                    intercurrent_events:
                      stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.05}}, after: jump_to_reference}
                  control:
                    control: true
                    binary_outcomes:
                      ok: {probability: 0.3}
                endpoints:
                  ok:
                    kind: binary
                    strategy: treatment_policy
                """, "ice.yaml"));
        Problem p = e.problems().get(0);
        assertEquals("endpoints.ok.strategy", p.path());
        assertTrue(p.message().contains("jump_to_reference") && p.message().contains("allowed after: stops or "
                + "continues with this kind"), p.message());
    }

    @Test
    void refusesAHazardMissingOrGivenForTheReturnToBenzodiazepines() {
        Problem p = refused("stop: {reason: treatment_discontinuation}", "time_to_event", "strategy: composite");
        assertEquals("arms.treatment.intercurrent_events.stop", p.path().replace(".hazard", ""));
        assertTrue(p.message().contains("hazard"), p.message());
        Problem q = refused("back: {reason: benzodiazepine_return}", "time_to_event", "strategy: composite");
        assertTrue(q.message().contains("without a benzodiazepine course"), q.message());
    }
}
