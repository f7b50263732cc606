package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioSummary;

/**
 * Honest calibration of the built-in scenarios (issue #15, point 6): for every binary endpoint of every built-in
 * scenario and every arm it compares, the latent proportion (no dropout) and the proportion as analysed (a patient
 * lost before the assessment counts as a failure) that {@code check} prints, first with the figures the scenario
 * files cite, then with a simulated cohort.
 */
class BuiltInCalibrationTest {

    /**
     * The latent proportions the built-in files cite, by scenario, endpoint and arm, with their sources (as in
     * the files' comments): response 0.50 on ketamine (McCloud et al., Cochrane 2021, pooled 46.5%; Murrough et
     * al. 2013 serial infusions 59-71%) and 0.25 on midazolam (Murrough et al. Am J Psychiatry 2013; McCloud
     * 25.9%); benzodiazepine-free at 52 weeks 0.65 after ketamine (Garel et al. 2023: 91% off by week 4, 64% at
     * follow-up) and 0.38 after a taper alone (Oude Voshaar et al. 2003 and 2006: 62% at 3 months, 36% at 15
     * months). The files give these to two decimals, so the closed form must agree within half a unit of the
     * second decimal (0.005); ELEKT-D's response rates (Anand et al. NEJM 2023: 55.4% of 195 on ketamine, 41.2%
     * of 170 on ECT) are given to three. In {@code ketamine-taper-vs-taper} the cited 0.65 is the figure before the file's
     * assumed coupling to depressive relapse (hazard ratio 1.5, an assumption to vary), which the file says lowers
     * it to 0.62 (and the taper's 0.38 to 0.37): compared here with that assumption set to 1, and at 0.62 with it.
     */
    private static final Map<String, Map<String, Double>> CITED = Map.of(
            "ketamine-vs-midazolam", Map.of("response/ketamine", 0.50, "response/midazolam", 0.25,
                    "benzo_free/ketamine", 0.65, "benzo_free/midazolam", 0.38),
            "ketamine-taper-vs-taper", Map.of("benzo_free/ketamine_taper", 0.62, "benzo_free/taper", 0.37),
            "ketamine-taper-vs-taper uncoupled", Map.of("benzo_free/ketamine_taper", 0.65, "benzo_free/taper", 0.38),
            "benzo-discontinuation-single-arm", Map.of("benzo_free/ketamine", 0.65),
            "benzo-phase2-predictive", Map.of("benzo_free/ketamine", 0.65),
            // Anand et al. NEJM 2023 (ELEKT-D): 108 of 195 and 70 of 170 treated patients responded
            "elekt-d", Map.of("response/ketamine", 0.554, "response/ect", 0.412),
            // ketamine-schedules: ELEKT-D's twice-weekly ketamine 55.4%, the Cochrane review's midazolam 25.9%, and
            // once-weekly at the review's pooled ketamine 46.5% (an assumption to vary, as the file says)
            "ketamine-schedules", Map.of("response/twice_weekly", 0.554, "response/once_weekly", 0.465,
                    "response/midazolam", 0.259));

    @Test
    void latentFiguresAreTheCitedOnes() {
        int checked = 0;
        for (Map.Entry<String, Map<String, Double>> scenario : CITED.entrySet()) {
            Scenario s = scenario.getKey().endsWith(" uncoupled")
                    ? ScenarioLibrary.load(scenario.getKey().split(" ")[0], Map.of(
                            "arms.ketamine_taper.benzodiazepine.hazard_ratio_after_depressive_relapse", 1.0,
                            "arms.taper.benzodiazepine.hazard_ratio_after_depressive_relapse", 1.0))
                    : ScenarioLibrary.load(scenario.getKey());
            for (Map.Entry<String, Double> cited : scenario.getValue().entrySet()) {
                String[] key = cited.getKey().split("/");
                Endpoint e = s.endpoints().stream().filter(x -> x.name().equals(key[0])).findFirst().orElseThrow();
                Arm a = s.arms().get(s.armIndex(key[1]));
                assertEquals(cited.getValue(), PlanningFigures.latent(s, e, a), 0.005, scenario.getKey() + " "
                        + cited.getKey());
                checked++;
            }
        }
        assertEquals(15, checked);
    }

    /**
     * Simulated proportions against the closed forms {@code check} prints, latent (the scenario without
     * dropout) and as analysed. One cohort of 40,000 patients per scenario; the smallest group (an arm of the
     * benzodiazepine-user stratum, 44% of 20,000) has about 8,800 patients, so each proportion is compared within
     * 4 binomial standard errors sqrt(P(1 - P)/m) (a two-sided 6e-5 chance per comparison under a correct model
     * and closed form).
     */
    @Test
    void checkFiguresAreWhatTheSimulationAnalyses() {
        int n = 40_000;
        List<String> checked = new ArrayList<>();
        for (String name : ScenarioLibrary.names()) {
            Scenario s = ScenarioLibrary.load(name);
            Scenario latent = s.toBuilder().dropout(Dropout.NONE).build();
            String summary = ScenarioSummary.of(s);
            for (Endpoint e : s.endpoints()) {
                if (e.kind().type() != Endpoint.Type.BINARY) {
                    continue;
                }
                List<String> arms = e.control() == null ? List.of(e.treatment()) : List.of(e.treatment(), e.control());
                BinaryOutcomes withDropout = extract(s, e, n);
                BinaryOutcomes without = extract(latent, e, n);
                for (int g = 0; g < arms.size(); g++) {
                    Arm a = s.arms().get(s.armIndex(arms.get(g)));
                    double analysed = PlanningFigures.analysed(s, e, a);
                    assertTrue(summary.contains(arms.get(g) + " " + String.format(java.util.Locale.ROOT, "%.3f",
                            analysed)), "check prints the analysed figure: " + summary);
                    int group = 1 - g; // the extractor's groups: the experimental arm 1, the control 0
                    compare(analysed, withDropout, group, name + " " + e.name() + " " + arms.get(g) + " analysed");
                    compare(PlanningFigures.latent(s, e, a), without, group, name + " " + e.name() + " "
                            + arms.get(g) + " latent");
                    checked.add(name + "/" + e.name() + "/" + arms.get(g));
                }
            }
        }
        assertEquals(16, checked.size(), checked.toString());
        assertFalse(checked.isEmpty());
    }

    private static BinaryOutcomes extract(Scenario s, Endpoint e, int n) {
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 20_261_206L, 0);
        BinaryOutcomes data = new BinaryOutcomes();
        EndpointExtractor.compile(s, e).extract(c, n, DataCutoff.compile(s).calendarTime(c, n), data);
        return data;
    }

    private static void compare(double expected, BinaryOutcomes data, int group, String what) {
        int m = data.total(group);
        double observed = (double) data.events(group) / m;
        double se = Math.sqrt(expected * (1 - expected) / m);
        assertEquals(expected, observed, 4 * se, what + " (" + m + " patients)");
    }
}
