package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * Non-inferiority and superiority by a margin, end to end: the null scenario puts the treatment arm exactly at
 * the margin ({@link NullScenario}), and there each shifted-null test holds its size. At 400 patients (200 per
 * arm) the asymptotic score and t tests are close to exact, so the simulated type I error must lie within 3 Monte
 * Carlo standard errors of alpha = 0.025: with R = 8,000 null replicates, 3 sqrt(0.025 * 0.975 / 8000) = 0.0052
 * (the figure's own MCSE is used). Seeds fixed; each scale is checked once.
 */
class MarginTypeOneErrorTest {

    private static final int REPLICATES = 8000;

    private static String binary(String test, String margin, String hypothesis) {
        return """
                name: margin-binary
                design: {sample_sizes: [400], alpha: 0.025, sides: 1}
                arms:
                  ketamine:
                    binary_outcomes:
                      response: {probability: 0.55}
                  ect:
                    control: true
                    binary_outcomes:
                      response: {probability: 0.45}
                endpoints:
                  response: {kind: binary, test: %s, margin: %s, hypothesis: %s}
                """.formatted(test, margin, hypothesis);
    }

    private static void sizeHolds(Scenario s) {
        StudyResult r = PowerStudy.of(s).replicates(REPLICATES).seed(20261206L).threads(2).run();
        MeasureRow row = r.rows().stream().filter(m -> m.measure().equals("type1:" + s.endpoints().get(0).name()))
                .findFirst().orElseThrow();
        double size = row.estimate().estimate();
        assertEquals(0.025, size, 3 * row.estimate().mcSe(), s.name() + " " + s.endpoints().get(0).analysis());
    }

    @Test
    void riskDifferenceNullSitsAtTheMarginAndHoldsItsSize() {
        Scenario s = ScenarioParser.parse(binary("farrington_manning", "-0.1", "non_inferiority"), "rd.yaml");
        Scenario atMargin = NullScenario.of(s);
        assertEquals(0.35, probability(atMargin.arms().get(0)), 1e-12);   // 0.45 - 0.10
        assertEquals(0.45, probability(atMargin.arms().get(1)), 1e-12);
        sizeHolds(s);
    }

    @Test
    void riskRatioAndOddsRatioNullsSitAtTheMarginAndHoldTheirSize() {
        Scenario rr = ScenarioParser.parse(binary("farrington_manning_ratio", "0.8", "non_inferiority"), "rr.yaml");
        assertEquals(0.36, probability(NullScenario.of(rr).arms().get(0)), 1e-12);
        sizeHolds(rr);
        Scenario or = ScenarioParser.parse(binary("score_odds_ratio", "1.2", "superiority"), "or.yaml");
        double odds = 1.2 * 0.45 / 0.55;
        assertEquals(odds / (1 + odds), probability(NullScenario.of(or).arms().get(0)), 1e-12);
        sizeHolds(or);
    }

    @Test
    void meanDifferenceOnALowerIsBetterScaleHoldsItsSize() {
        Scenario s = ScenarioParser.parse("""
                name: margin-mean
                design: {sample_sizes: [400], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    continuous_outcomes:
                      score: {mean: -12, sd: 10, baseline: {mean: 30, sd: 6, correlation: 0.5}}
                  control:
                    control: true
                    continuous_outcomes:
                      score: {mean: -12, sd: 10, baseline: {mean: 30, sd: 6, correlation: 0.5}}
                endpoints:
                  score: {kind: continuous, test: welch, margin: -2, hypothesis: non_inferiority}
                """, "md.yaml");
        sizeHolds(s);
    }

    /**
     * ANCOVA of a change from baseline (higher is better) against a non-inferiority margin of -2: the null puts the
     * treatment's mean at the control's minus 2; the shifted t of the adjusted difference holds alpha there.
     */
    @Test
    void ancovaNullSitsAtTheMarginAndHoldsItsSize() {
        Scenario s = ScenarioParser.parse("""
                name: margin-ancova
                design: {sample_sizes: [400], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    continuous_outcomes:
                      score: {mean: 12, sd: 10, baseline: {mean: 30, sd: 6, correlation: 0.5}}
                  control:
                    control: true
                    continuous_outcomes:
                      score: {mean: 12, sd: 10, baseline: {mean: 30, sd: 6, correlation: 0.5}}
                endpoints:
                  score: {kind: change_from_baseline, test: ancova, margin: -2, hypothesis: non_inferiority}
                """, "ancova.yaml");
        assertTrue(NullScenario.of(s).arms().get(0).toString().contains("mean=10.0"),
                NullScenario.of(s).arms().get(0).toString());
        sizeHolds(s);
    }

    /**
     * The MMRM of a score trajectory against a superiority margin of -1.5 points at week 6 (lower is better), with
     * dropout: the null moves the control's mean change at every visit by -1.5 for the treatment arm, where the
     * shifted t with Satterthwaite df holds alpha. 2,000 null replicates (each an REML fit): 3 MCSE is 0.0105.
     */
    @Test
    void mmrmNullSitsAtTheMarginAndHoldsItsSize() {
        Scenario s = ScenarioParser.parse("""
                name: margin-mmrm
                design: {sample_sizes: [300], alpha: 0.025, sides: 1}
                arms:
                  trt:
                    score_trajectories:
                      madrs:
                        visits: [1, 2, 4, 6]
                        baseline: {mean: 30, sd: 6}
                        change: [-6, -9, -12, -14]
                        sd: 10
                        correlation: {structure: ar1, rho: 0.6}
                  ctl:
                    control: true
                    score_trajectories:
                      madrs:
                        visits: [1, 2, 4, 6]
                        baseline: {mean: 30, sd: 6}
                        change: [-4, -6, -8, -10]
                        sd: 10
                        correlation: {structure: ar1, rho: 0.6}
                dropout: {per_week: 0.03}
                endpoints:
                  change: {kind: score_change, outcome: madrs, test: mmrm, at_week: 6, margin: -1.5,
                           hypothesis: superiority}
                """, "mmrm.yaml");
        String treated = NullScenario.of(s).arms().get(0).toString();
        assertTrue(treated.contains("change=[-5.5, -7.5, -9.5, -11.5]"), treated);
        StudyResult r = PowerStudy.of(s).replicates(2000).seed(20261206L).threads(2).run();
        MeasureRow row = r.rows().stream().filter(m -> m.measure().equals("type1:change")).findFirst().orElseThrow();
        assertEquals(0.025, row.estimate().estimate(), 3 * row.estimate().mcSe(), "MMRM at the margin");
    }

    @Test
    void hazardRatioNullIsTheControlHazardTimesTheMargin() {
        Scenario s = ScenarioParser.parse("""
                name: margin-hazard
                design: {sample_sizes: [400], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    events:
                      relapse: {hazard: {exponential: {median: 26}}, hazard_ratio: 0.9}
                  control:
                    control: true
                    events:
                      relapse: {hazard: {exponential: {median: 26}}}
                enrollment: {uniform: {weeks: 26}}
                schedule: {cutoff: {calendar_week: 78}}
                endpoints:
                  relapse: {kind: time_to_event, test: log_rank, margin: 1.3, hypothesis: non_inferiority}
                """, "hr.yaml");
        String model = NullScenario.of(s).arms().get(0).modelByStratum().values().iterator().next().toString();
        assertTrue(model.contains("hazardRatio=1.3"), model);
        sizeHolds(s);
    }

    /**
     * The built-in ELEKT-D scenario (Anand et al. NEJM 2023): its null puts ketamine at ECT's 0.412 minus the
     * margin's 10 points, and its Farrington-Manning test holds alpha there at the protocol's 400 patients.
     */
    @Test
    void elektDIsSimulatedAtItsMargin() {
        Scenario s = org.trialsim.scenario.ScenarioLibrary.load("elekt-d");
        assertEquals(0.312, probability(NullScenario.of(s).arms().get(0)), 1e-12);
        sizeHolds(s.toBuilder().design(new org.trialsim.scenario.Design(List.of(400), s.design().alpha(),
                s.design().sidedness(), s.design().randomization())).build());
    }

    private static double probability(Arm arm) {
        String m = arm.modelByStratum().values().iterator().next().toString();
        int at = m.indexOf("probability=");
        return Double.parseDouble(m.substring(at + "probability=".length()).split("[],)]")[0]);
    }

    @Test
    void notMarginEndpointsKeepTheirNull() {
        assertEquals(List.of("response"), List.copyOf(NullScenario.endpointsAtNull(
                ScenarioParser.parse(binary("farrington_manning", "-0.1", "non_inferiority"), "rd.yaml"))));
    }
}
