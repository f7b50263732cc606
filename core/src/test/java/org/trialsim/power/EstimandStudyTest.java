package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The true estimand and the estimator's performance ({@link EstimandStudy}) against closed forms: a composite
 * estimand whose analysis (dropout counted as failure) is biased by a known amount, treatment policy with jump
 * to reference whose true value has a closed form, and a hypothetical estimand that an MMRM estimates without
 * bias, with 95% coverage. Every tolerance is a multiple of the Monte Carlo standard error the study reports
 * (4 MCSE: a false failure about once in 16,000 runs per check), with the seeds fixed.
 */
class EstimandStudyTest {

    /** Hazards per week of the event-free design: event 0.02 (control), HR 0.5; discontinuation 0.005 and 0.002. */
    private static final double EVENT = 0.02;
    private static final double RATIO = 0.5;
    private static final double DISCONTINUE_T = 0.005;
    private static final double DISCONTINUE_C = 0.002;
    private static final double DROPOUT = 0.01;
    private static final double WEEK = 26;

    private static Scenario events(String strategy, String after, double dropout) {
        return ScenarioParser.parse("""
                design: {sample_sizes: [400], alpha: 0.025, sides: 1}
                simulation: {seed: 20261206}
                arms:
                  treatment:
                    events:
                      pfs: {hazard: {exponential: {rate: %s}}, hazard_ratio: %s}
                    intercurrent_events:
                      stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: %s}}, after: %s}
                  control:
                    control: true
                    events:
                      pfs: {hazard: {exponential: {rate: %s}}}
                    intercurrent_events:
                      stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: %s}}, after: %s}
                dropout: {per_week: %s}
                schedule: {cutoff: {follow_up_weeks: 52}}
                endpoints:
                  free:
                    kind: event_free
                    at_week: %s
                    strategy: %s
                """.formatted(EVENT, RATIO, DISCONTINUE_T, after, EVENT, DISCONTINUE_C, after, dropout, WEEK,
                strategy), "estimand.yaml");
    }

    private static EstimatorPerformance only(Scenario s, int replicates) {
        List<EstimandStudy.Row> rows = EstimandStudy.run(PowerStudy.of(s), replicates, 2, false);
        assertEquals(1, rows.size());
        return rows.get(0).performance();
    }

    private static void within(double expected, double actual, double mcse, String what) {
        assertTrue(Math.abs(actual - expected) <= 4 * mcse, what + ": " + actual + " vs " + expected + " (4 MCSE = "
                + 4 * mcse + ")");
    }

    /**
     * Composite (discontinuation is a failure): the true risk difference is exp(-(l1 + m1) w) - exp(-(l0 + m0) w);
     * the analysis also fails a patient lost to follow-up before week w (probability 1 - exp(-d w), independent of
     * arm), so its mean is exp(-d w) times the truth: a bias of -(1 - exp(-d w)) times the truth.
     */
    @Test
    void compositeWithDropoutAsFailureHasItsClosedFormBias() {
        double truth = Math.exp(-(EVENT * RATIO + DISCONTINUE_T) * WEEK) - Math.exp(-(EVENT + DISCONTINUE_C) * WEEK);
        double bias = -(1 - Math.exp(-DROPOUT * WEEK)) * truth;
        EstimatorPerformance p = only(events("composite", "continues", DROPOUT), 1000);
        within(truth, p.trueValue(), p.trueValueMcse(), "true estimand");
        within(bias, p.bias(), p.biasMcse(), "bias");
        assertTrue(Math.abs(bias) > 8 * p.biasMcse(), "the bias is detectable: " + bias + " vs MCSE " + p.biasMcse());
    }

    /** Without dropout the composite analysis is unbiased and its interval covers about 95%. */
    @Test
    void compositeWithoutDropoutIsUnbiased() {
        EstimatorPerformance p = only(events("composite", "continues", 0), 1000);
        within(0, p.bias(), p.biasMcse(), "bias");
        within(0.95, p.coverage(), Math.sqrt(0.95 * 0.05 / p.replicates()), "coverage");
    }

    /**
     * Treatment policy with jump to reference: after discontinuation at c the event hazard is the control's, so
     * the treatment arm is event-free at w with probability exp(-(l1 + m) w) + m exp(-l0 w) (1 - exp(-(l1 + m -
     * l0) w)) / (l1 + m - l0) (the integral over c of m exp(-(l1 + m) c) exp(-l0 (w - c))); the control arm, whose
     * reference is itself, exp(-l0 w).
     */
    @Test
    void treatmentPolicyJumpToReferenceMatchesItsClosedForm() {
        double l1 = EVENT * RATIO;
        double m = DISCONTINUE_T;
        double treated = Math.exp(-(l1 + m) * WEEK)
                + m * Math.exp(-EVENT * WEEK) * (1 - Math.exp(-(l1 + m - EVENT) * WEEK)) / (l1 + m - EVENT);
        double truth = treated - Math.exp(-EVENT * WEEK);
        EstimatorPerformance p = only(events("treatment_policy", "jump_to_reference", 0), 1000);
        within(truth, p.trueValue(), p.trueValueMcse(), "true estimand");
        within(0, p.bias(), p.biasMcse(), "bias");
    }

    /** Score hazards of the intercurrent event per week (treatment, control), and the week-4 mean changes. */
    private static final double SCORE_EVENT_T = 0.05;
    private static final double CHANGE_T = -14;
    private static final double CHANGE_C = -7;

    private static Scenario scores(String strategy, String after) {
        return ScenarioParser.parse("""
                design: {sample_sizes: [300], alpha: 0.05, sides: 2}
                simulation: {seed: 20261207}
                arms:
                  treatment:
                    score_trajectories:
                      madrs: {visits: [1, 2, 3, 4], baseline: {mean: 33, sd: 6}, change: [-5, -10, -12, %s], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, hazard: {exponential: {rate: %s}}, after: %s}
                  control:
                    control: true
                    score_trajectories:
                      madrs: {visits: [1, 2, 3, 4], baseline: {mean: 33, sd: 6}, change: [-3, -5, -6, %s], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, hazard: {exponential: {rate: 0.03}}, after: %s}
                dropout: {per_week: 0.03}
                schedule: {cutoff: {follow_up_weeks: 4}}
                endpoints:
                  madrs:
                    kind: score_change
                    at_week: 4
                    test: mmrm
                    strategy: %s
                """.formatted(CHANGE_T, SCORE_EVENT_T, after, CHANGE_C, after, strategy), "scores.yaml");
    }

    /**
     * Hypothetical (the scores had rescue not happened): the visits after rescue are discarded and the MMRM
     * estimates the week-4 difference under missing at random, which holds here (rescue and dropout have constant
     * hazards): unbiased for the true -7, with its interval covering about 95% (300 patients, so the interval's
     * normal quantile is close to the test's t quantile).
     */
    @Test
    void hypotheticalByMmrmIsUnbiasedAndCovers() {
        EstimatorPerformance p = only(scores("hypothetical", "continues"), 500);
        within(CHANGE_T - CHANGE_C, p.trueValue(), p.trueValueMcse(), "true estimand");
        within(0, p.bias(), p.biasMcse(), "bias");
        within(0.95, p.coverage(), Math.sqrt(0.95 * 0.05 / p.replicates()), "coverage");
    }

    /**
     * Treatment policy with jump to reference: a treated patient rescued by week 4 (probability 1 - exp(-4 m)) has
     * the control's mean change there, so the true difference is exp(-4 m) (-14 + 7); the MMRM of the observed
     * scores (after rescue too) estimates it without bias.
     */
    @Test
    void treatmentPolicyJumpToReferenceOnScores() {
        double truth = Math.exp(-4 * SCORE_EVENT_T) * (CHANGE_T - CHANGE_C);
        EstimatorPerformance p = only(scores("treatment_policy", "jump_to_reference"), 500);
        within(truth, p.trueValue(), p.trueValueMcse(), "true estimand");
        within(0, p.bias(), p.biasMcse(), "bias");
    }

    /**
     * Against a margin the interval comes from the distance to the margin: with a Welch test of H0: difference =
     * -2 (true difference 1), the Wald interval estimate +- 1.96 |estimate - (-2)| / |t| covers the true difference
     * about 95% of the time (an interval taken from the distance to 0 would not: its width would scale with
     * |estimate| / |estimate + 2|). Unbiased, as every difference in means with nothing missing.
     */
    @Test
    void anIntervalAgainstAMarginCoversTheTruth() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [200], alpha: 0.025, sides: 1}
                simulation: {seed: 20261208}
                arms:
                  treatment:
                    continuous_outcomes:
                      score: {mean: 13, sd: 10}
                  control:
                    control: true
                    continuous_outcomes:
                      score: {mean: 12, sd: 10}
                endpoints:
                  score: {kind: continuous, test: welch, margin: -2, hypothesis: non_inferiority}
                """, "margin.yaml");
        List<EstimandStudy.Row> rows = EstimandStudy.run(PowerStudy.of(s), 2000, 2, true);
        EstimatorPerformance p = rows.get(0).performance();
        within(1, p.trueValue(), p.trueValueMcse(), "true estimand");
        within(0, p.bias(), p.biasMcse(), "bias");
        within(0.95, p.coverage(), Math.sqrt(0.95 * 0.05 / p.replicates()), "coverage");
    }

    private static Scenario rescuedByScore(String test) {
        return ScenarioParser.parse("""
                design: {sample_sizes: [300], alpha: 0.05, sides: 2}
                simulation: {seed: 20261209}
                arms:
                  treatment:
                    score_trajectories:
                      madrs: {visits: [1, 2, 3, 4], baseline: {mean: 33, sd: 6}, change: [-5, -10, -12, -14], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -9, per_point: 0.25}}}
                  control:
                    control: true
                    score_trajectories:
                      madrs: {visits: [1, 2, 3, 4], baseline: {mean: 33, sd: 6}, change: [-3, -5, -6, -7], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -9, per_point: 0.25}}}
                schedule: {cutoff: {follow_up_weeks: 4}}
                endpoints:
                  madrs: {kind: score_change, at_week: 4, test: %s, strategy: hypothetical}
                """.formatted(test), "rescue-by-score.yaml");
    }

    /**
     * Hypothetical, with rescue whose probability before each visit is a logistic function of the latest score
     * ({@code by_score}; about 0.2 at 33 points, 0.02 at 24): the visits after rescue are missing at random (the
     * probability depends on scores observed before it), so the MMRM is unbiased for the true -7 and covers 95%;
     * the t-test of the week-4 completers is not (rescue removes the patients with high scores, more of them in the
     * control arm): its bias is more than 4 MCSE from 0.
     */
    @Test
    void hypotheticalWithRescueByScoreIsMissingAtRandom() {
        EstimatorPerformance mmrm = only(rescuedByScore("mmrm"), 500);
        within(CHANGE_T - CHANGE_C, mmrm.trueValue(), mmrm.trueValueMcse(), "true estimand");
        within(0, mmrm.bias(), mmrm.biasMcse(), "MMRM bias");
        within(0.95, mmrm.coverage(), Math.sqrt(0.95 * 0.05 / mmrm.replicates()), "MMRM coverage");
        EstimatorPerformance completers = only(rescuedByScore("t_test"), 500);
        within(CHANGE_T - CHANGE_C, completers.trueValue(), completers.trueValueMcse(), "true estimand (t-test)");
        assertTrue(Math.abs(completers.bias()) > 4 * completers.biasMcse(), "completers biased: " + completers.bias()
                + " (MCSE " + completers.biasMcse() + ")");
    }

    /** Latent response by stratum (mild, severe) and arm, and the weekly hazards of discontinuation by stratum. */
    private static final double[][] RESPONSE = {{0.45, 0.25}, {0.65, 0.35}};
    private static final double[] STOP = {0.005, 0.04};

    private static Scenario binaryByStratum() {
        return ScenarioParser.parse("""
                design: {sample_sizes: [400], alpha: 0.025, sides: 1}
                simulation: {seed: 20261210}
                strata:
                  mild: {prevalence: 0.5}
                  severe: {prevalence: 0.5}
                arms:
                  treatment:
                    binary_outcomes:
                      response: {probability: %s}
                    intercurrent_events:
                      stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: %s}}}
                    strata:
                      severe:
                        binary_outcomes:
                          response: {probability: %s}
                        intercurrent_events:
                          stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: %s}}}
                  control:
                    control: true
                    binary_outcomes:
                      response: {probability: %s}
                    intercurrent_events:
                      stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: %s}}}
                    strata:
                      severe:
                        binary_outcomes:
                          response: {probability: %s}
                        intercurrent_events:
                          stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: %s}}}
                endpoints:
                  response: {kind: binary, at_week: 12, test: ipw_risk_difference, strategy: hypothetical}
                """.formatted(RESPONSE[1][0], STOP[0], RESPONSE[1][1], STOP[1], RESPONSE[0][0], STOP[0],
                RESPONSE[0][1], STOP[1]), "hypothetical-binary.yaml");
    }

    /**
     * Hypothetical on a binary response (the response had treatment not been discontinued): the responses after
     * discontinuation are missing, and discontinuation depends on the stratum only (0.94 vs 0.62 of patients still on
     * treatment at week 12 in the mild and severe strata, whose response rates also differ), so they are missing at
     * random given arm and stratum, and the IPW risk difference is unbiased for the true 0.5 (0.65 - 0.45) + 0.5
     * (0.35 - 0.25) = 0.15 and covers 95%. (The complete-case proportion would over-weight the mild stratum: 0.94 /
     * (0.94 + 0.62) of the observed, so its mean treatment rate would be about 0.53 instead of 0.50.)
     */
    @Test
    void hypotheticalBinaryByIpwIsUnbiasedWhereTheEventDependsOnTheStratumOnly() {
        EstimatorPerformance p = only(binaryByStratum(), 1000);
        double truth = 0.5 * (RESPONSE[1][0] - RESPONSE[0][0]) + 0.5 * (RESPONSE[1][1] - RESPONSE[0][1]);
        within(truth, p.trueValue(), p.trueValueMcse(), "true estimand");
        within(0, p.bias(), p.biasMcse(), "IPW bias");
        within(0.95, p.coverage(), Math.sqrt(0.95 * 0.05 / p.replicates()), "IPW coverage");
    }

    /**
     * Where its assumption fails the IPW estimator is biased: rescue by score (logistic in the latest MADRS, as in
     * {@link #hypotheticalWithRescueByScoreIsMissingAtRandom}) removes the patients with high scores, who are the
     * non-responders at week 4, so the observed response rate in each arm overstates the hypothetical one, by
     * different amounts in the two arms (their scores differ): the bias of the difference is more than 4 MCSE from 0
     * (about +0.03 with this seed; missing not at random given arm and stratum, though at random given the scores).
     */
    @Test
    void hypotheticalBinaryByIpwIsBiasedWhereTheEventDependsOnTheScores() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [300], alpha: 0.05, sides: 2}
                simulation: {seed: 20261211}
                arms:
                  treatment:
                    score_trajectories:
                      madrs: {visits: [1, 2, 3, 4], baseline: {mean: 33, sd: 6}, change: [-5, -10, -12, -14], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -9, per_point: 0.25}}}
                  control:
                    control: true
                    score_trajectories:
                      madrs: {visits: [1, 2, 3, 4], baseline: {mean: 33, sd: 6}, change: [-3, -5, -6, -7], sd: 8,
                              correlation: {structure: ar1, rho: 0.6}}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -9, per_point: 0.25}}}
                schedule: {cutoff: {follow_up_weeks: 4}}
                endpoints:
                  response: {kind: score_response, at_week: 4, test: ipw_risk_difference, strategy: hypothetical}
                """, "rescue-response.yaml");
        EstimatorPerformance p = only(s, 500);
        assertTrue(Math.abs(p.bias()) > 4 * p.biasMcse(), "IPW biased: " + p.bias() + " (MCSE " + p.biasMcse() + ")");
    }
}
