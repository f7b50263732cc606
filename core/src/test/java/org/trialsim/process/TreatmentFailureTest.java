package org.trialsim.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * Time to treatment failure (issue #15, point 6): the randomized alternative to time to relapse among responders.
 * Every patient is at risk from randomization; a non-responder fails at the end of induction, a responder at
 * relapse. The extracted data are checked against the closed form P(failure-free at t) = p_resp S_relapse(t - d)
 * that {@code check} prints.
 */
class TreatmentFailureTest {

    private static final String SCENARIO = """
            name: failure
            design: {sample_sizes: [100], alpha: 0.05, sides: 2}
            arms:
              ketamine:
                response: {probability: 0.5}
                relapse: {hazard: {exponential: {median: 6}}, durable_fraction: 0.25}
              midazolam:
                control: true
                response: {probability: 0.25}
                relapse: {hazard: {exponential: {median: 6}}}
            schedule: {induction_weeks: 4, cutoff: {follow_up_weeks: 30}}
            endpoints:
              failure: {kind: time_to_treatment_failure, test: log_rank}
            """;

    /**
     * 40,000 patients, no dropout, 30 weeks of follow-up: the fraction of each arm without an observed failure
     * (censored at 30 weeks) against p_resp S(26), within 4 binomial standard errors (about 20,000 per arm;
     * a two-sided 6e-5 chance per comparison under a correct observation), and every non-responder's failure
     * observed at week 4.
     */
    @Test
    void failuresAreNonResponseAtTheEndOfInductionOrRelapse() {
        Scenario s = ScenarioParser.parse(SCENARIO, "failure.yaml");
        Endpoint e = s.endpoints().get(0);
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 3, 0);
        TimeToEventOutcomes data = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, e).extract(c, n, DataCutoff.compile(s).calendarTime(c, n), data);
        assertEquals(n, data.size(), "every randomized patient is analysed");
        for (int arm = 0; arm < 2; arm++) {
            int m = 0;
            int free = 0;
            int atInduction = 0;
            for (int i = 0; i < data.size(); i++) {
                if (data.treatment()[i] == (arm == 0)) {
                    m++;
                    free += data.event()[i] ? 0 : 1;
                    atInduction += data.event()[i] && data.time()[i] == 4 ? 1 : 0;
                }
            }
            Relapse r = s.arms().get(arm).model("all").relapse();
            double response = arm == 0 ? 0.5 : 0.25;
            double expected = response * r.survival(26);
            assertEquals(expected, (double) free / m, 4 * Math.sqrt(expected * (1 - expected) / m), "arm " + arm);
            assertEquals(1 - response, (double) atInduction / m, 4 * Math.sqrt(response * (1 - response) / m),
                    "non-responders fail at week 4, arm " + arm);
        }
        String text = ScenarioSummary.of(s);
        assertTrue(text.contains("failure-free at week 52: " + String.format(java.util.Locale.ROOT, "%.3f",
                0.5 * s.arms().get(0).model("all").relapse().survival(48))), text);
    }

    @Test
    void itNeedsRelapseFromResponse() {
        ScenarioException ex = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(SCENARIO.replace(
                "relapse: {hazard: {exponential: {median: 6}}}\n", "relapse: {from: randomization, hazard: "
                + "{exponential: {median: 6}}}\n"), "failure.yaml"));
        assertTrue(ex.getMessage().contains("relapse from response"), ex.getMessage());
    }
}
