package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The analysed mean and SD of a clamped score's change from baseline that a {@code multi_arm} design on a continuous
 * endpoint draws its stage means from ({@link PlanningFigures#clampedChangeMoments},
 * {@link PlanningFigures#analysedMoments}), against core/src/test/r/multiarm-means-moments.R (output in
 * core/src/test/resources/multiarm-means/moments.txt): a nested numerical double integral (R's {@code integrate},
 * relative tolerance 1e-10) for the unrounded cases, compared to 1e-6; a Monte Carlo of 4e6 patients for rounded
 * scores (Sheppard's correction is an approximation), compared within 4 of its standard errors.
 */
class ChangeMomentsTest {

    @Test
    void madrsChangeFromTheClampedBaseline() {
        double[] m = PlanningFigures.clampedChangeMoments(30, 8, -18, 10, 0, 60, true);
        assertEquals(-16.79928191, m[0], 1e-6);
        assertEquals(8.82297212, Math.sqrt(m[1] - m[0] * m[0]), 1e-6);
    }

    @Test
    void trajectoryChangeFromTheRawBaseline() {
        double[] m = PlanningFigures.clampedChangeMoments(30, 8, -18, 10, 0, 60, false);
        assertEquals(-16.79912727, m[0], 1e-6);
        assertEquals(8.82295150, Math.sqrt(m[1] - m[0] * m[0]), 1e-6);
    }

    @Test
    void withoutBoundsTheChangeIsNormal() {
        double[] m = PlanningFigures.clampedChangeMoments(30, 8, -18, 10, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false);
        assertEquals(-18, m[0], 1e-9);
        assertEquals(10, Math.sqrt(m[1] - m[0] * m[0]), 1e-8);
    }

    private static Scenario trajectory(String rounding) {
        return ScenarioParser.parse("""
                design: {sample_sizes: [100], alpha: 0.025, sides: 1}
                arms:
                  trt:
                    score_trajectories:
                      madrs:
                        instrument: MADRS
                        visits: [2, 4]
                        baseline: {mean: 30, sd: 8}
                        classes:
                          fast: {probability: 0.6, change: [-15, -20]}
                          slow: {probability: 0.4, change: [-5, -8]}
                        sd: 10
                        correlation: {structure: ar1, rho: 0.5}
                        lower: 0
                        upper: 60
                        %s
                  ctl:
                    control: true
                    score_trajectories:
                      madrs:
                        instrument: MADRS
                        visits: [2, 4]
                        baseline: {mean: 30, sd: 8}
                        change: [-5, -8]
                        sd: 10
                        correlation: {structure: ar1, rho: 0.5}
                        lower: 0
                        upper: 60
                endpoints:
                  week4: {kind: score_change, outcome: madrs, at_week: 4}
                multi_arm:
                  information_fractions: [1]
                """.formatted(rounding), "trajectory.yaml");
    }

    @Test
    void latentClassesMixTheirClampedChanges() {
        Scenario s = trajectory("");
        PlanningFigures.Moments m = PlanningFigures.analysedMoments(s, s.endpoints().get(0), s.arms().get(0));
        assertEquals(-14.15741878, m.mean(), 1e-6);
        assertEquals(10.42154116, m.sd(), 1e-6);
        assertEquals(1, m.analysed());
    }

    @Test
    void roundingAddsSheppardsVariance() {
        Scenario s = trajectory("round_to: 1");
        PlanningFigures.Moments m = PlanningFigures.analysedMoments(s, s.endpoints().get(0), s.arms().get(0));
        assertEquals(-14.151689, m.mean(), 4 * 0.005214);
        assertEquals(10.427035, m.sd(), 4 * 0.003687);
    }

    @Test
    void noClosedFormForABoundedContinuousOutcome() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [100]}
                arms:
                  trt: {continuous_outcomes: {score: {mean: 5, sd: 10, lower: 0, upper: 40}}}
                  ctl: {control: true, continuous_outcomes: {score: {mean: 3, sd: 10, lower: 0, upper: 40}}}
                endpoints:
                  score: {kind: continuous}
                """, "bounded.yaml");
        assertNull(PlanningFigures.analysedMoments(s, s.endpoints().get(0), s.arms().get(0)));
    }
    /**
     * Two strata with their own means, SDs and dropout: the completers' mixture, weighted by prevalence times
     * retention, by hand: retention q_s = exp(-0.02 x 10) and exp(-0.05 x 10), weights 0.4 q_1 and 0.6 q_2; the
     * mean and E[X^2] are the weighted averages of each stratum's (mean, SD^2 + mean^2).
     */
    @Test
    void strataMixTheirCompletersByPrevalenceAndRetention() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [100], alpha: 0.025, sides: 1}
                strata:
                  mild: {prevalence: 0.4}
                  severe: {prevalence: 0.6}
                dropout: {per_week: 0.02}
                arms:
                  trt:
                    continuous_outcomes: {score: {mean: 4, sd: 8}}
                    strata:
                      severe:
                        continuous_outcomes: {score: {mean: 7, sd: 11}}
                        dropout: {per_week: 0.05}
                  ctl: {control: true, continuous_outcomes: {score: {mean: 0, sd: 10}}}
                endpoints:
                  score: {kind: continuous, at_week: 10}
                """, "strata.yaml");
        PlanningFigures.Moments m = PlanningFigures.analysedMoments(s, s.endpoints().get(0), s.arms().get(0));
        double w1 = 0.4 * Math.exp(-0.2);
        double w2 = 0.6 * Math.exp(-0.5);
        double mean = (w1 * 4 + w2 * 7) / (w1 + w2);
        double second = (w1 * (64 + 16) + w2 * (121 + 49)) / (w1 + w2);
        assertEquals(mean, m.mean(), 1e-12);
        assertEquals(Math.sqrt(second - mean * mean), m.sd(), 1e-12);
        assertEquals(w1 + w2, m.analysed(), 1e-12);
    }
}
