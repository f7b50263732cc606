package org.trialsim.process.rescue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * The rescue process, added through the recipe of docs/architecture.md, end to end: its draws against its
 * closed-form survival, a power study of its binary endpoint against an exact enumeration, its section of
 * {@code check}, and its input errors.
 */
class RescueProcessTest {

    /** Two arms, both responding at 0.5 by week 4; rescue at 0.03 per week, tripled for b's non-responders. */
    private static final String TWO_ARMS = """
            name: rescue-two-arms
            design: {sample_sizes: [200], alpha: 0.05, sides: 2}
            simulation: {replicates: 2000, seed: 11}
            arms:
              a:
                response: {probability: 0.5}
                rescue: {hazard: {exponential: {rate: 0.03}}}
              b:
                control: true
                response: {probability: 0.5}
                rescue:
                  hazard: {exponential: {rate: 0.03}}
                  hazard_ratio_non_responders: 3
            schedule: {induction_weeks: 4, cutoff: {follow_up_weeks: 52}}
            endpoints:
              free12: {kind: rescue_free, at_week: 12, test: chi_square}
              rescue: {kind: time_to_rescue, test: log_rank}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    /**
     * The drawn times follow the closed form, for responders and non-responders of both arms at weeks 2 (before
     * the non-responders' hazard changes) and 12. 20,000 patients, about 5,000 per arm and response status; each
     * proportion is compared with its binomial standard error sqrt(S(1 - S)/m), within 4 of them (a two-sided
     * 6e-5 chance per comparison under a correct sampler, 8 comparisons).
     */
    @Test
    void timesFollowTheirClosedForm() {
        Scenario s = parse(TWO_ARMS);
        int n = 20_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 7, 0);
        boolean[] responded = c.booleans(InductionResponse.RESPONDED);
        double[] time = c.doubles(RescueProcess.TIME);
        for (int arm = 0; arm < 2; arm++) {
            Rescue model = (Rescue) s.arms().get(arm).model("all").process(Rescue.KEY);
            for (boolean nonResponder : new boolean[] {false, true}) {
                for (double week : new double[] {2, 12}) {
                    int m = 0;
                    int free = 0;
                    for (int i = 0; i < n; i++) {
                        if (c.arm[i] == arm && responded[i] != nonResponder) {
                            m++;
                            free += time[i] > week ? 1 : 0;
                        }
                    }
                    double expected = model.survival(week, 4, nonResponder);
                    double se = Math.sqrt(expected * (1 - expected) / m);
                    assertEquals(expected, (double) free / m, 4 * se, "arm " + arm + " nonResponder " + nonResponder
                            + " week " + week);
                }
            }
        }
    }

    /**
     * Power of the chi-square test of rescue-free at week 12 against an exact enumeration over the two binomial
     * counts (100 per arm) with the closed-form probabilities: S_a(12) = exp(-0.36) = 0.6977 in both response
     * groups, S_b(12) = 0.5 exp(-0.36) + 0.5 exp(-(0.12 + 3 x 0.24)) = 0.5647. The reference's z statistic and
     * normal tail are computed here from commons-statistics, independently of trialsim's test. Agreement within
     * 3 Monte Carlo standard errors of the simulated power (2000 replicates: about 0.009).
     */
    @Test
    void powerOfRescueFreeAgreesWithExactEnumeration() {
        Scenario s = parse(TWO_ARMS);
        double pa = Math.exp(-0.36);
        double pb = 0.5 * Math.exp(-0.36) + 0.5 * Math.exp(-(0.12 + 3 * 0.24));
        double exact = org.trialsim.process.ExactPower.chiSquare(pa, pb, 100, 0.05);
        StudyResult r = PowerStudy.of(s).nullHypothesis(false).run();
        MeasureRow row = r.rows().stream().filter(x -> x.measure().equals("power:free12")).findFirst().orElseThrow();
        assertEquals(exact, row.estimate().estimate(), 3 * row.estimate().mcSe(), "exact " + exact);
        assertTrue(exact > 0.3 && exact < 0.7, "an informative case (0.497): " + exact);
    }

    /** Adding the process moves no other process's draws: every other column is the same, patient by patient. */
    @Test
    void addingTheProcessLeavesTheOthersUnchanged() {
        Scenario without = parse(TWO_ARMS.replace("rescue: {hazard: {exponential: {rate: 0.03}}}", "")
                .replace("""
                    rescue:
                      hazard: {exponential: {rate: 0.03}}
                      hazard_ratio_non_responders: 3
                """, "").replace("""
                  free12: {kind: rescue_free, at_week: 12, test: chi_square}
                  rescue: {kind: time_to_rescue, test: log_rank}
                """, "  response: {kind: response}\n"));
        Scenario with = parse(TWO_ARMS);
        Cohort a = new Cohort(500);
        Cohort b = new Cohort(500);
        SamplingPlan.compile(without).newSampler().sample(a, 500, 3, 9);
        SamplingPlan.compile(with).newSampler().sample(b, 500, 3, 9);
        assertEquals(java.util.Arrays.toString(a.arm), java.util.Arrays.toString(b.arm));
        assertEquals(java.util.Arrays.toString(a.booleans(InductionResponse.RESPONDED)),
                java.util.Arrays.toString(b.booleans(InductionResponse.RESPONDED)));
        assertTrue(a.has(RescueProcess.TIME) == false || java.util.Arrays.stream(a.doubles(RescueProcess.TIME))
                .allMatch(t -> t == Double.POSITIVE_INFINITY));
        assertTrue(java.util.Arrays.stream(b.doubles(RescueProcess.TIME)).anyMatch(t -> t < 52));
    }

    /** check's summary has the process's section and the endpoints' expected values. */
    @Test
    void checkSummarisesTheProcess() {
        String text = ScenarioSummary.of(parse(TWO_ARMS));
        assertTrue(text.contains("Rescue medication or treatment discontinuation"), text);
        // P(rescue by 4) in arm a: 1 - exp(-0.12) = 0.113; by 12: 1 - exp(-0.36) = 0.302; by 52: 1 - exp(-1.56) = 0.790
        assertTrue(text.contains("  a                         0.113      0.302      0.790"), text);
        assertTrue(text.contains("free12: rescue_free at week 12"), text);
        assertTrue(text.contains("expected: a 0.698; b 0.565"), text);
    }

    /**
     * The patient listing (simulate) has the process's columns: the week the event is seen, and the analysed time
     * and event flag of every patient at risk, which are, in patient order, the very rows the engine's log-rank
     * test of the time_to_rescue endpoint analysed in that replicate.
     */
    @Test
    void theListingShowsTheRowsTheEngineAnalysed() {
        Scenario s = parse(TWO_ARMS);
        org.trialsim.power.TrialReplay replay = PowerStudy.of(s).replay(3, 200);
        org.trialsim.power.PatientListing patients = replay.patients();
        org.trialsim.power.PatientColumn.Numbers seen = patients.numbers("rescue");
        org.trialsim.power.PatientColumn.Numbers time = patients.numbers("rescue_time");
        org.trialsim.power.PatientColumn.Flags event = patients.flags("rescue_event");
        org.trialsim.power.EndpointData.TimeToEvent rows = (org.trialsim.power.EndpointData.TimeToEvent)
                replay.endpoint("rescue").last().orElseThrow().data();
        int k = 0;
        int events = 0;
        for (int i = 0; i < patients.size(); i++) {
            if (!time.present(i)) {
                continue;
            }
            assertEquals(rows.time()[k], time.value(i), 0.0, "patient " + i);
            assertEquals(rows.event()[k], event.value(i), "patient " + i);
            if (event.value(i)) {
                events++;
                assertEquals(time.value(i), seen.value(i), 1e-12, "from randomization, the time is the week seen");
            } else {
                assertTrue(!seen.present(i), "no event seen for a censored patient " + i);
            }
            k++;
        }
        assertEquals(rows.size(), k, "every analysed row is a listed patient");
        assertTrue(events > 20 && events < k, "a replicate with events and censoring: " + events + " of " + k);
    }

    /** A non-responders' ratio needs a response model: refused with file, line and key. */
    @Test
    void aRatioWithoutResponseIsRefusedWithItsLine() {
        String yaml = """
                design: {sample_sizes: [20]}
                arms:
                  a:
                    rescue:
                      hazard: {exponential: {median: 10}}
                      hazard_ratio_non_responders: 2
                endpoints:
                  r: {kind: time_to_rescue, test: log_rank, control: null}
                """;
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        List<Problem> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.line() == 6 && p.path().equals("arms.a.rescue.hazard_ratio_non_responders")
                && p.message().contains("no response model")), problems.toString());
    }

    /**
     * A single-arm test needs the null scenario at p0, which this process cannot make (its survival is not
     * linear in a parameter): refused when the file is read, with line and key, rather than failing as an
     * internal error when the type I error run starts (what happened before the check).
     */
    @Test
    void aSingleArmTestOfRescueFreeIsRefusedWithItsLine() {
        String yaml = """
                design: {sample_sizes: [40], sides: 1}
                arms:
                  a:
                    rescue: {hazard: {exponential: {rate: 0.01}}}
                endpoints:
                  free: {kind: rescue_free, at_week: 12, test: binomial_exact, p0: 0.7}
                """;
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        assertTrue(e.problems().stream().anyMatch(p -> p.line() == 6 && p.path().equals("endpoints.free.test")
                && p.message().contains("cannot make the null scenario at p0")
                && p.message().contains("response, remission")), e.problems().toString());
    }

    /** An unknown key inside the block is reported with a suggestion from the process's own keys. */
    @Test
    void anUnknownKeyIsReportedWithASuggestion() {
        String yaml = TWO_ARMS.replace("hazard_ratio_non_responders: 3", "hazard_ratio_nonresponders: 3");
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("did you mean 'hazard_ratio_non_responders'")),
                e.problems().toString());
    }
}
