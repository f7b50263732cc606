package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.power.Estimate;
import org.trialsim.power.Measure;
import org.trialsim.power.MeasureKind;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.MultiArm;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioParser;

/**
 * {@link MultiArmStudy}: a scenario's multi-arm block turned into the designs of {@link MultiArmSimulation} and
 * {@link ResponseAdaptiveSimulation}, their results into a {@link StudyResult}. Statistical checks compare with
 * exact enumeration or with the nominal level within a multiple of the Monte Carlo standard error
 * {@code sqrt(p (1 - p) / R)} at a fixed seed.
 */
class MultiArmStudyTest {

    private static String threeArms(String block, String sizes) {
        return """
                design: {sample_sizes: %s, alpha: 0.025, sides: 1}
                arms:
                  high: {binary_outcomes: {cure: {probability: 0.55}}}
                  low: {binary_outcomes: {cure: {probability: 0.45}}}
                  placebo: {control: true, binary_outcomes: {cure: {probability: 0.3}}}
                endpoints:
                  cure: {kind: binary}
                %s
                """.formatted(sizes, block);
    }

    private static double value(StudyResult r, String measure, int n) {
        return estimate(r, measure, n).estimate();
    }

    private static Estimate estimate(StudyResult r, String measure, int n) {
        return r.estimate(Measure.parse(measure), n).orElseThrow(() -> new AssertionError("no row " + measure));
    }

    @Test
    void resultsAreTheSameBitsForAnyThreadCount() {
        Scenario closed = ScenarioLibrary.load("ketamine-schedules");
        Scenario adaptive = ScenarioParser.parse(threeArms("""
                response_adaptive:
                  information_fractions: [0.25, 0.5, 1]
                  floor: 0.1
                  cap: 0.7
                  inferiority: 0.05
                  success: 0.95
                """, "[120]"), "rar.yaml");
        for (Scenario s : List.of(closed, adaptive)) {
            int[] sizes = s.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray();
            StudyResult one = MultiArmStudy.run(s, sizes, 1200, 7, 1);
            StudyResult three = MultiArmStudy.run(s, sizes, 1200, 7, 3);
            assertEquals(one.rows(), three.rows(), s.name());
            assertEquals(one.provenance(), three.provenance());
        }
    }

    /**
     * The built-in's arms respond with the figures its file cites, net of the 9.4% lost before the end of
     * induction (ELEKT-D), which count as non-responders: the figures {@code check} prints as analysed.
     */
    @Test
    void theBuiltInsRatesAreItsCitedFiguresAsAnalysed() {
        Scenario s = ScenarioLibrary.load("ketamine-schedules");
        double kept = 1 - 0.094;
        assertArrayEquals(new double[] {0.554 * kept, 0.465 * kept, 0.259 * kept}, MultiArmStudy.rates(s), 1e-12);
    }

    /**
     * The design of the built-in at 180 patients: 60 per arm, 30 of each at the interim; O'Brien-Fleming-type
     * critical values of a two-look design at one-sided 0.025 with equal stages, 2.9626 and 1.9686 (rpact
     * {@code getDesignGroupSequential(typeOfDesign = "asOF", informationRates = c(0.5, 1), alpha = 0.025)}, the
     * values of Jennison and Turnbull's Table 7.6 for Lan-DeMets O'Brien-Fleming spending).
     */
    @Test
    void theBuiltInsDesignIsTheOneItsFileDescribes() {
        Scenario s = ScenarioLibrary.load("ketamine-schedules");
        MultiArmStudy study = new MultiArmStudy(s);
        MultiArmDesign d = study.design((MultiArm.ClosedTest) s.multiArm(), 180);
        assertArrayEquals(new String[] {"twice_weekly", "once_weekly"}, d.names());
        assertArrayEquals(new int[] {30, 60}, d.perArm());
        assertArrayEquals(new int[] {30, 30}, d.controlPerStage());
        assertEquals(2.9626, d.critical()[0], 1e-4);
        assertEquals(1.9686, d.critical()[1], 1e-4);
        assertEquals(new Selection(Selection.Rule.BEST, 1, 0, 0), d.selection());
        assertEquals(IntersectionTest.DUNNETT, d.test());
    }

    /**
     * With one arm against the control and one analysis, the closed test is the one-sided pooled two-proportion
     * z-test at alpha: its power by exact enumeration of both binomial counts (commons-statistics' pmf) must
     * agree with the simulated power within 4 Monte Carlo standard errors (R = 20,000).
     */
    @Test
    void oneArmAndOneAnalysisIsTheExactPooledZTest() {
        Scenario s = ScenarioParser.parse("""
                design: {sample_sizes: [120], alpha: 0.025, sides: 1}
                arms:
                  treated: {binary_outcomes: {cure: {probability: 0.5}}}
                  placebo: {control: true, binary_outcomes: {cure: {probability: 0.3}}}
                endpoints:
                  cure: {kind: binary}
                multi_arm: {information_fractions: [1]}
                """, "two.yaml");
        int r = 20_000;
        StudyResult result = MultiArmStudy.run(s, new int[] {120}, r, 11, 2);
        double exact = exactPower(0.5, 0.3, 60, 60, 0.025);
        Estimate power = estimate(result, "power:treated", 120);
        assertTrue(Math.abs(power.estimate() - exact) < 4 * Math.sqrt(exact * (1 - exact) / r),
                power + " against exact " + exact);
        double size = exactPower(0.3, 0.3, 60, 60, 0.025);
        Estimate type1 = estimate(result, "type1:any", 120);
        assertTrue(Math.abs(type1.estimate() - size) < 4 * Math.sqrt(size * (1 - size) / r),
                type1 + " against exact " + size);
    }

    private static double exactPower(double p1, double p0, int n1, int n0, double alpha) {
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha);
        BinomialDistribution b1 = BinomialDistribution.of(n1, p1);
        BinomialDistribution b0 = BinomialDistribution.of(n0, p0);
        double power = 0;
        for (int x1 = 0; x1 <= n1; x1++) {
            for (int x0 = 0; x0 <= n0; x0++) {
                double r1 = (double) x1 / n1;
                double r0 = (double) x0 / n0;
                double pooled = (double) (x1 + x0) / (n1 + n0);
                double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n0));
                double stat = r1 == r0 ? 0 : (r1 - r0) / se;
                if (stat >= z) {
                    power += b1.probability(x1) * b0.probability(x0);
                }
            }
        }
        return power;
    }

    /**
     * The closed test keeps the familywise error at alpha under the global null and under each partial null,
     * whatever arm is selected: every FWER row at most 0.025 plus 3 Monte Carlo standard errors (R = 10,000;
     * the normal approximation of the stage-wise z statistics can make the exact level differ slightly from
     * alpha, which this allows).
     */
    @Test
    void theFamilywiseErrorIsKeptUnderTheGlobalAndThePartialNulls() {
        Scenario s = ScenarioParser.parse(threeArms("""
                multi_arm:
                  information_fractions: [0.5, 1]
                  intersection_test: simes
                  selection: {rule: best}
                """, "[240]"), "fwer.yaml");
        int r = 10_000;
        StudyResult result = MultiArmStudy.run(s, new int[] {240}, r, 3, 2);
        List<String> fwer = List.of("type1:any", "fwer:high", "fwer:low");
        for (String m : fwer) {
            Estimate e = estimate(result, m, 240);
            assertTrue(e.estimate() <= 0.025 + 3 * Math.sqrt(0.025 * 0.975 / r), m + " " + e);
            assertTrue(e.estimate() > 0, m + " " + e);
        }
        // the global null's error is that of both partial nulls' arms together, so at least each one's
        assertTrue(value(result, "type1:any", 240) >= value(result, "type1:high", 240));
        // selection: at the interim exactly one arm is kept unless the trial stopped there
        double stoppedEarly = value(result, "reject:look1", 240);
        assertEquals(1 - stoppedEarly, value(result, "selected:high", 240) + value(result, "selected:low", 240),
                1e-12);
        // the expected total is the expected patients of the arms summed (integer sums: to rounding)
        double arms = value(result, "allocation:high", 240) + value(result, "allocation:low", 240)
                + value(result, "allocation:placebo", 240);
        assertEquals(value(result, "expected_n", 240), arms, 1e-9);
    }

    @Test
    void responseAdaptiveRowsAddUp() {
        Scenario s = ScenarioParser.parse(threeArms("""
                response_adaptive:
                  information_fractions: [0.25, 0.5, 0.75, 1]
                  floor: 0.1
                  cap: 0.8
                  control_share: 0.3
                  futility: 0.05
                  superiority: 0.99
                  success: 0.95
                """, "[120, 210]"), "rar.yaml");
        int r = 3000;
        StudyResult result = MultiArmStudy.run(s, new int[] {120, 210}, r, 5, 2);
        for (int n : new int[] {120, 210}) {
            // success is counted with the arm selected, so power:any is the sum of the arms' powers exactly
            assertEquals(value(result, "power:any", n), value(result, "power:high", n) + value(result, "power:low", n),
                    1e-12);
            double arms = value(result, "allocation:high", n) + value(result, "allocation:low", n)
                    + value(result, "allocation:placebo", n);
            assertEquals(value(result, "expected_n", n), arms, 1e-9);
            assertTrue(value(result, "expected_n", n) <= n);
            // with a fixed control share of 0.3 the control receives about 30% of the patients
            assertEquals(0.3, value(result, "allocation:placebo", n) / value(result, "expected_n", n), 0.03);
            // the better arm gets more patients and is selected more often
            assertTrue(value(result, "allocation:high", n) > value(result, "allocation:low", n));
            assertTrue(value(result, "selected:high", n) > value(result, "selected:low", n));
            // partial nulls: each error is part of the global null's configuration's kind of error
            assertTrue(value(result, "fwer:high", n) >= 0 && value(result, "fwer:low", n) >= 0);
            assertTrue(result.estimate(Measure.of(MeasureKind.DROPPED, "high"), n).isPresent());
        }
    }

    @Test
    void checkDescribesTheDesign() {
        String summary = org.trialsim.scenario.ScenarioSummary.of(ScenarioLibrary.load("ketamine-schedules"));
        assertTrue(summary.contains("Multi-arm design (multi_arm): every arm against midazolam on response"), summary);
        assertTrue(summary.contains("twice_weekly 0.5019, once_weekly 0.4213, midazolam 0.2347"), summary);
        assertTrue(summary.contains("n_total 180: cumulative per arm [30, 60], control stages [30, 30]; critical z "
                + "[2.9626, 1.9686]"), summary);
        assertTrue(summary.contains("selection at each interim: best, then arms at or below a risk difference of "
                + "0.0000 dropped"), summary);
    }

    @Test
    void theEngineRefusesAMultiArmScenario() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PowerStudy.of(ScenarioLibrary.load("ketamine-schedules")));
        assertTrue(e.getMessage().contains("MultiArmStudy"), e.getMessage());
    }

    @Test
    void everyRowRoundTripsAsAMeasure() {
        StudyResult r = MultiArmStudy.run(ScenarioLibrary.load("ketamine-schedules"), new int[] {180}, 200, 1, 1);
        for (MeasureRow row : r.rows()) {
            assertEquals(row.measure(), row.toMeasure().text());
        }
        assertTrue(r.rows().stream().anyMatch(x -> x.measure().equals("fwer:twice_weekly")));
        assertTrue(r.rows().stream().anyMatch(x -> x.measure().equals("fwer:once_weekly")));
    }
}
