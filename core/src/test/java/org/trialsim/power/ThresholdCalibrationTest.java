package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The calibration of a Bayesian rule's success threshold to a target type I error ({@link ThresholdCalibration},
 * issue #16 point 1), against exact references computed without simulation by
 * {@code core/src/test/python/bayes-calibration-references.py} (SciPy; its output is recorded in the script):
 * the beta-binomial rule with one look, by enumeration of both arms' responders; the normal rule on a mean
 * difference with a flat prior, whose type I error at c is the t tail at {@code Phi^-1(c)}.
 *
 * <p>Tolerance: the simulated calibrated c is the first grid value whose estimated type I error is at most alpha.
 * Where the exact type I error exceeds alpha by more than 4 Monte Carlo standard errors
 * ({@code sqrt(alpha(1 - alpha)/R)}, R = 20,000) the estimate is above alpha, and where it is below alpha by more
 * than 4 the estimate is at most alpha, so the answer lies between the first grid value whose exact error is at
 * most alpha + 4 se and the first whose is at most alpha - 4 se (the script prints both); a correct engine
 * leaves that range about once in 16,000 checks. The grid's own resolution (0.01 on the logit scale, about
 * 2.5e-4 in c near 0.975) is inside that range.
 */
class ThresholdCalibrationTest {

    private static final long SEED = 20261207L;
    private static final int REPLICATES = 20_000;
    private static final double ALPHA = 0.025;

    private static String binary(String rule, String interim) {
        return BayesianRuleStudyTest.binary(interim, rule);
    }

    private static final String CONTINUOUS = """
            name: bayes-continuous
            design: {sample_sizes: [200], sides: 1}
            arms:
              treatment:
                continuous_outcomes:
                  score: {mean: 3, sd: 10}
              control:
                control: true
                continuous_outcomes:
                  score: {mean: 0, sd: 10}
            endpoints:
              score:
                kind: continuous
                test: bayesian_continuous
                bayesian: {success: 0.9}
            """;

    private static ThresholdCalibration.Counts only(PowerStudy study, int threads) {
        return only(study, REPLICATES, threads);
    }

    private static ThresholdCalibration.Counts only(PowerStudy study, long replicates, int threads) {
        List<ThresholdCalibration.Counts> counts = ThresholdCalibration.run(study, replicates, threads);
        assertEquals(1, counts.size());
        return counts.get(0);
    }

    /** Exact calibrated c 0.972078 (grid 0.972348); a simulation may land in [0.969231, 0.978752] (class note). */
    @Test
    void betaBinomialRuleAgainstExactEnumeration() {
        PowerStudy study = PowerStudy.of(ScenarioParser.parse(binary("{success: 0.9}", ""), "b.yaml")).seed(SEED);
        ThresholdCalibration.Counts c = only(study, 2);
        Estimate threshold = c.threshold(ALPHA);
        assertTrue(threshold.estimate() >= 0.969231140643 && threshold.estimate() <= 0.978751677289,
                "calibrated c " + threshold);
        assertTrue(threshold.ciLower() <= threshold.estimate() && threshold.estimate() <= threshold.ciUpper());
        assertTrue(c.typeOneError(c.calibrated(ALPHA)).estimate() <= ALPHA);
        assertTrue(c.typeOneError(c.calibrated(ALPHA) - 1).estimate() > ALPHA);
    }

    /** Exact calibrated c 0.975696 (1 - alpha 0.975); a simulation may land in [0.971529, 0.980160]. */
    @Test
    void normalRuleWithAFlatPriorIsCalibratedNearOneMinusAlpha() {
        PowerStudy study = PowerStudy.of(ScenarioParser.parse(CONTINUOUS, "c.yaml")).seed(SEED);
        Estimate threshold = only(study, 1).threshold(ALPHA);
        assertTrue(threshold.estimate() >= 0.971529412310 && threshold.estimate() <= 0.980159694266,
                "calibrated c " + threshold);
        assertTrue(threshold.ciLower() <= 0.975696194329 && 0.975696194329 <= threshold.ciUpper(),
                "the exact c in the Monte Carlo interval " + threshold);
    }

    /**
     * At the rule's own c (a grid value), the calibration counts exactly the null trials the study's
     * {@code type1:} row counts, with and without an interim look (futility below 0.2 kept): the same trials on
     * the same streams, decided once by the rule as run and once through the maxima.
     */
    @Test
    void countsAtTheRulesOwnThresholdAreTheStudysTypeOneErrors() {
        int j = 290;
        String c = Double.toString(ThresholdCalibration.GRID[j]);
        String interim = """
                interim:
                  endpoint: responder
                  information_fractions: [0.5, 1]
                """;
        for (String looks : new String[] {"", interim}) {
            // two sizes of the grid: each size's looks are counted apart
            Scenario s = ScenarioParser.parse(binary("{success: " + c + ", futility: 0.2}", looks)
                    .replace("sample_sizes: [60]", "sample_sizes: [40, 60]"), "b.yaml");
            StudyResult r = PowerStudy.of(s).replicates(4000).nullReplicates(4000).seed(SEED).run();
            List<ThresholdCalibration.Counts> counts = ThresholdCalibration.run(PowerStudy.of(s).seed(SEED), 4000, 2);
            assertEquals(List.of(40, 60), counts.stream().map(ThresholdCalibration.Counts::nTotal).toList());
            for (ThresholdCalibration.Counts size : counts) {
                long type1 = Math.round(ReferenceCasesTest.row(r, "type1:responder", size.nTotal()).estimate() * 4000);
                assertEquals(type1, size.successes()[j], looks + size.nTotal());
                assertTrue(type1 > 0);
            }
        }
    }

    /** Grid values at or below the futility threshold c' are not candidates: the rule needs c' &lt; c. */
    @Test
    void thresholdsAtOrBelowTheFutilityThresholdAreNotCandidates() {
        ThresholdCalibration.Counts none = new ThresholdCalibration.Counts("x", 60, 0.6,
                new long[ThresholdCalibration.GRID_POINTS], 100);
        int j = none.calibrated(ALPHA);
        assertTrue(ThresholdCalibration.GRID[j] > 0.6 && ThresholdCalibration.GRID[j - 1] <= 0.6);
    }

    /**
     * The normal rule on the log hazard ratio with a flat prior and margin 0 succeeds above c exactly when the
     * one-sided log-rank test rejects at {@code 1 - c} ({@link BayesianRuleStudyTest}): so at a grid c the
     * calibration counts the null trials a log-rank study with alpha {@code 1 - c} rejects, on the same streams.
     */
    @Test
    void timeToEventRuleCountsTheLogRankTestsRejections() {
        String text = """
                name: bayes-tte
                design: {sample_sizes: [200], alpha: %s, sides: 1}
                arms:
                  treatment:
                    events:
                      death: {hazard: {exponential: {median: 26}}, hazard_ratio: 0.6}
                  control:
                    control: true
                    events:
                      death: {hazard: {exponential: {median: 26}}}
                enrollment: {uniform: {weeks: 52}}
                schedule: {cutoff: {calendar_week: 104}}
                endpoints:
                  death: %s
                """;
        int j = 300;
        double c = ThresholdCalibration.GRID[j];
        StudyResult logRank = PowerStudy.of(ScenarioParser.parse(text.formatted(Double.toString(1 - c),
                "{kind: time_to_event, test: log_rank}"), "t.yaml")).replicates(3000).seed(SEED).run();
        long rejected = Math.round(ReferenceCasesTest.row(logRank, "type1:death", 200).estimate() * 3000);
        PowerStudy bayes = PowerStudy.of(ScenarioParser.parse(text.formatted("0.025",
                "{kind: time_to_event, test: bayesian_time_to_event, bayesian: {success: 0.9}}"), "t.yaml")).seed(SEED);
        assertEquals(rejected, only(bayes, 3000, 2).successes()[j]);
        assertTrue(rejected > 0);
    }

    /**
     * The gamma-Poisson rule of the example with an interim look (futility below 0.2, margin 0.1, informative
     * priors): at its own c, set to a grid value, the calibration counts the study's {@code type1:} trials.
     */
    @Test
    void eventRateRuleWithAnInterimLookCountsTheStudysTypeOneErrors() throws java.io.IOException {
        int j = 220;
        String c = Double.toString(ThresholdCalibration.GRID[j]);
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples",
                "two-arm-events-bayesian-rate.yaml")).replace("success: 0.9\n", "success: " + c + "\n");
        assertTrue(text.contains("success: " + c + "\n"));
        Scenario s = ScenarioParser.parse(text, "rate.yaml");
        StudyResult r = PowerStudy.of(s).replicates(3000).nullReplicates(3000).seed(SEED).run();
        long type1 = Math.round(ReferenceCasesTest.row(r, "type1:death", 200).estimate() * 3000);
        assertEquals(type1, only(PowerStudy.of(s).seed(SEED), 3000, 2).successes()[j]);
        assertTrue(type1 > 0);
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        PowerStudy study = PowerStudy.of(ScenarioParser.parse(binary("{success: 0.9}", ""), "b.yaml")).seed(SEED);
        long[] one = ThresholdCalibration.run(study, 3000, 1).get(0).successes();
        long[] three = ThresholdCalibration.run(study, 3000, 3).get(0).successes();
        assertArrayEquals(one, three);
        for (int j = 1; j < one.length; j++) {
            assertTrue(one[j] <= one[j - 1], "successes fall as c rises");
        }
    }

    @Test
    void rowsNameTheEndpoint() {
        PowerStudy study = PowerStudy.of(ScenarioParser.parse(binary("{success: 0.9}", ""), "b.yaml")).seed(SEED);
        List<MeasureRow> rows = ThresholdCalibration.rows(ThresholdCalibration.run(study, 2000, 2), ALPHA, "");
        assertEquals(List.of("calibrated_c:responder", "type1_calibrated:responder"),
                rows.stream().map(MeasureRow::measure).toList());
        assertEquals(2000, rows.get(1).estimate().replicates());
    }

    @Test
    void refusedWithoutABayesianEndpoint() {
        Scenario s = ScenarioParser.parse(binary("{success: 0.9}", "").replace("test: bayesian_binary",
                "test: chi_square").replace("    bayesian: {success: 0.9}\n", ""), "f.yaml");
        assertNotNull(ThresholdCalibration.refusal(s));
        assertThrows(IllegalArgumentException.class, () -> ThresholdCalibration.run(PowerStudy.of(s), 100, 1));
        assertNull(ThresholdCalibration.refusal(ScenarioParser.parse(binary("{success: 0.9}", ""), "b.yaml")));
    }
}
