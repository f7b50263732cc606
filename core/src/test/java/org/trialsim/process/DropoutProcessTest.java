package org.trialsim.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.RelapseTime;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * Dropout as a patient process: per arm and per stratum with the scenario-wide settings as defaults, hazards
 * that change with the patient's state, its draws against closed forms, the common random numbers it keeps, its
 * section of {@code check}, and its input errors.
 */
class DropoutProcessTest {

    /**
     * Ketamine loses 20% during induction (dissociation), midazolam's non-responders leave at 0.05 per week after
     * it (lack of efficacy); everything else is the scenario-wide 10% and 0.01 per week.
     */
    private static final String BY_ARM = """
            name: dropout-by-arm
            design: {sample_sizes: [100], alpha: 0.05, sides: 2}
            simulation: {replicates: 200, seed: 3}
            strata:
              low: {prevalence: 0.5}
              high: {prevalence: 0.5}
            dropout: {induction: 0.10, per_week: 0.01}
            arms:
              ketamine:
                response: {probability: 0.6}
                dropout: {induction: 0.20}
                strata:
                  high: {dropout: {per_week: 0.02}}
              midazolam:
                control: true
                response: {probability: 0.3}
                dropout:
                  after_non_response: {exponential: {rate: 0.05}}
            schedule: {induction_weeks: 4, cutoff: {follow_up_weeks: 52}}
            endpoints:
              response: {kind: response, test: chi_square}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    private static Dropout dropout(Scenario s, int arm, String stratum) {
        return (Dropout) s.arms().get(arm).model(stratum).process(Dropout.KEY);
    }

    @Test
    void armAndStratumSettingsTakeTheLevelAboveAsDefaults() {
        Scenario s = parse(BY_ARM);
        assertEquals(new Dropout(0.10, 0.01), s.dropout());
        assertEquals(new Dropout(0.20, 0.01), dropout(s, 0, "low"));
        assertEquals(new Dropout(0.20, 0.02), dropout(s, 0, "high"));
        assertEquals(new Dropout(0.10, new Hazard.Exponential(0.01), new Hazard.Exponential(0.05), null, null),
                dropout(s, 1, "low"));
    }

    /**
     * The drawn times follow the closed form {@link Dropout#probabilityBy} in each arm x stratum x response
     * status, at week 2 (during induction: p x 2/4) and week 20. 120,000 patients, at least about 4,000 per
     * group; each proportion is compared with its binomial standard error sqrt(P(1 - P)/m), within 4 of them (a
     * two-sided 6e-5 chance per comparison under a correct sampler, 16 comparisons).
     */
    @Test
    void timesFollowTheirClosedForm() {
        Scenario s = parse(BY_ARM);
        int n = 120_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 7, 0);
        boolean[] responded = c.booleans(InductionResponse.RESPONDED);
        for (int arm = 0; arm < 2; arm++) {
            for (int stratum = 0; stratum < 2; stratum++) {
                Dropout model = dropout(s, arm, stratum == 0 ? "low" : "high");
                for (boolean nonResponder : new boolean[] {false, true}) {
                    for (double week : new double[] {2, 20}) {
                        int m = 0;
                        int gone = 0;
                        for (int i = 0; i < n; i++) {
                            if (c.arm[i] == arm && c.stratum[i] == stratum && responded[i] != nonResponder) {
                                m++;
                                gone += c.dropout[i] <= week ? 1 : 0;
                            }
                        }
                        double expected = model.probabilityBy(4, week, nonResponder);
                        double se = Math.sqrt(expected * (1 - expected) / m);
                        assertEquals(expected, (double) gone / m, 4 * se, "arm " + arm + ", stratum " + stratum
                                + ", non-responder " + nonResponder + ", week " + week + " (" + m + " patients)");
                    }
                }
            }
        }
    }

    /**
     * After a depressive relapse the hazard changes (0.01 per week before, piecewise 0.08 then 0.02 per week
     * after, from the relapse), so no closed form by week is simple; but the patient's cumulative hazard at the
     * drawn time, recomputed here from the model and the patient's relapse time, must be a standard exponential
     * (the time is its inverse at an exponential variate). Kolmogorov-Smirnov against Exp(1) over the patients
     * still in the study at the end of induction (about 18,000): its p-value is uniform under a correct sampler,
     * so with this fixed seed it is above 1e-4 unless the inversion is wrong (a wrong piece boundary or origin
     * moves the statistic far beyond: a shift of the post-relapse origin by one week gives p below 1e-12).
     */
    @Test
    void theCumulativeHazardAtTheDropoutTimeIsExponential() {
        Scenario s = parse("""
                name: dropout-after-relapse
                design: {sample_sizes: [100], alpha: 0.05, sides: 2}
                dropout:
                  induction: 0.1
                  per_week: 0.01
                  after_relapse: {piecewise: {starts: [0, 6], rates: [0.08, 0.02]}}
                arms:
                  ketamine:
                    response: {probability: 0.7}
                    relapse: {hazard: {exponential: {median: 10}}}
                  midazolam:
                    control: true
                    response: {probability: 0.3}
                    relapse: {hazard: {exponential: {median: 5}}}
                schedule: {induction_weeks: 4, cutoff: {follow_up_weeks: 52}}
                endpoints:
                  response: {kind: response, test: chi_square}
                """);
        int n = 20_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 11, 0);
        double[] relapse = c.doubles(RelapseTime.TIME);
        Hazard after = s.dropout().afterRelapse();
        double[] cumulative = Arrays.stream(indices(n)).filter(i -> c.dropout[i] >= 4).mapToDouble(i -> {
            double t = c.dropout[i];
            double r = Math.max(relapse[i], 4);
            return t <= r ? 0.01 * (t - 4) : 0.01 * (r - 4) + after.cumulativeHazard(t - r);
        }).toArray();
        assertTrue(cumulative.length > 17_000, cumulative.length + " patients");
        double p = KolmogorovSmirnovTest.withDefaults().test(cumulative, ExponentialDistribution.of(1)::cumulativeProbability)
                .getPValue();
        assertTrue(p > 1e-4, "KS p-value " + p);
        long relapsedFirst = Arrays.stream(indices(n)).filter(i -> c.dropout[i] > relapse[i] && relapse[i] > 4).count();
        assertTrue(relapsedFirst > 3_000, "the test needs patients whose hazard changed: " + relapsedFirst);
    }

    private static int[] indices(int n) {
        int[] out = new int[n];
        Arrays.setAll(out, i -> i);
        return out;
    }

    /**
     * Writing the scenario-wide model into an arm changes no draw (the draws depend on which parts are present
     * somewhere, not on where), and moving a value between arms keeps every other arm's times: common random
     * numbers across a sweep of per-arm dropout.
     */
    @Test
    void perArmDropoutKeepsCommonRandomNumbers() {
        String wide = BY_ARM.replace("    dropout: {induction: 0.20}\n", "").replace(
                "    strata:\n      high: {dropout: {per_week: 0.02}}\n", "");
        String restated = wide.replace("    response: {probability: 0.6}\n",
                "    response: {probability: 0.6}\n    dropout: {induction: 0.10, per_week: 0.01}\n");
        assertNotEquals(wide, restated);
        double[] a = times(parse(wide));
        double[] b = times(parse(restated));
        assertArrayEquals(a, b);
        double[] byArm = times(parse(BY_ARM));
        Cohort c = new Cohort(2000);
        SamplingPlan.compile(parse(BY_ARM)).newSampler().sample(c, 2000, 5, 0);
        int same = 0;
        for (int i = 0; i < 2000; i++) {
            if (c.arm[i] == 1) {
                assertEquals(a[i], byArm[i], "a midazolam patient's dropout moved with ketamine's");
                same++;
            }
        }
        assertTrue(same > 900);
    }

    private static double[] times(Scenario s) {
        Cohort c = new Cohort(2000);
        SamplingPlan.compile(s).newSampler().sample(c, 2000, 5, 0);
        return Arrays.copyOf(c.dropout, 2000);
    }

    @Test
    void perArmDropoutChangesTheHashAndTheScenarioWideOneKeepsItsShape() {
        Scenario s = parse(BY_ARM);
        assertTrue(ScenarioHash.canonicalForm(s).contains(
                "\"dropout\":{\"@\":\"Dropout\",\"inductionProbability\":0.1,\"hazardPerWeek\":0.01}"));
        assertNotEquals(ScenarioHash.sha256(s), ScenarioHash.sha256(parse(BY_ARM.replace("induction: 0.20",
                "induction: 0.25"))));
    }

    @Test
    void checkShowsDropoutByArm() {
        String text = ScenarioSummary.of(parse(BY_ARM));
        assertTrue(text.contains("week 52, non-responder"), text);
        // ketamine: 20% during induction in both strata; midazolam 10%
        assertTrue(text.matches("(?s).*ketamine\\s+20\\.0%.*"), text);
        assertTrue(text.matches("(?s).*midazolam\\s+10\\.0%.*"), text);
    }

    @Test
    void aStateHazardWhereTheArmHasNoSuchStateIsRefusedWithLineAndKey() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(BY_ARM.replace(
                "    dropout:\n      after_non_response:", "    dropout:\n      after_relapse:")));
        Problem p = only(e);
        assertTrue(p.message().contains("after relapse in arm midazolam") && p.message().contains("no relapse process"), p.message());
        assertEquals("arms.midazolam.dropout.after_relapse", p.path());
        assertEquals(18, p.line());
    }

    @Test
    void aScenarioWideStateHazardThatNoArmCanReachIsRefused() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(BY_ARM.replace(
                "dropout: {induction: 0.10, per_week: 0.01}",
                "dropout: {induction: 0.10, per_week: 0.01, after_benzodiazepine_relapse: {exponential: {rate: 1}}}")));
        Problem p = only(e);
        assertTrue(p.message().contains("no arm has a benzodiazepine process"), p.message());
        assertEquals("dropout.after_benzodiazepine_relapse", p.path());
    }

    @Test
    void aConstantAndAGeneralHazardTogetherAreRefused() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(BY_ARM.replace(
                "dropout: {induction: 0.10, per_week: 0.01}",
                "dropout: {induction: 0.10, per_week: 0.01, hazard: {exponential: {rate: 0.02}}}")));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("found both per_week and hazard")),
                e.getMessage());
    }

    @Test
    void aScenarioWithoutDropoutDrawsNone() {
        Scenario s = parse(BY_ARM.replace("dropout: {induction: 0.10, per_week: 0.01}\n", "")
                .replace("    dropout: {induction: 0.20}\n", "")
                .replace("    strata:\n      high: {dropout: {per_week: 0.02}}\n", "")
                .replace("    dropout:\n      after_non_response: {exponential: {rate: 0.05}}\n", ""));
        assertEquals(Dropout.NONE, s.dropout());
        assertNull(s.arms().get(0).model("low").process(Dropout.KEY));
        Cohort c = new Cohort(100);
        SamplingPlan.compile(s).newSampler().sample(c, 100, 1, 0);
        assertTrue(Arrays.stream(c.dropout, 0, 100).allMatch(t -> t == Double.POSITIVE_INFINITY));
    }

    private static Problem only(ScenarioException e) {
        List<Problem> problems = e.problems();
        assertEquals(1, problems.size(), e.getMessage());
        return problems.get(0);
    }
}
