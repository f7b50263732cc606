package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.Scenario;

/** The standard trial model: determinism across threads, nesting, cancellation. */
class ScenarioTrialTest {

    private static List<Scenario> scenarios() {
        Scenario binary = TestScenarios.twoArmBinary(0.5, 0.2, List.of(20, 40, 60), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.FISHER);
        Scenario survival = TestScenarios.twoArmSurvival(0.07, 0.115, List.of(100, 200), 0.025,
                new Enrollment.Uniform(12), new Cutoff.Calendar(24), Analysis.Test.LOG_RANK);
        GroupSequential gs = new GroupSequential("response", List.of(0.5, 1.0),
                GroupSequential.Spending.OBRIEN_FLEMING, Double.NaN, new GroupSequential.Futility(
                        GroupSequential.Futility.Rule.BETA_SPENDING, GroupSequential.Spending.OBRIEN_FLEMING,
                        Double.NaN, 0.2, Double.NaN));
        Scenario sequential = TestScenarios.withGroupSequential(TestScenarios.twoArmBinary(0.5, 0.2,
                List.of(60, 120), 0.025, Design.Sidedness.ONE_SIDED, Analysis.Test.CHI_SQUARE), gs,
                new Enrollment.Even(240));
        Scenario holm = TestScenarios.twoEndpoints(0.4, 0.2, 0.55, 0.35, List.of(60, 120), 0.025,
                new Multiplicity(Multiplicity.Procedure.HOLM, List.of(), List.of()));
        return List.of(binary, survival, sequential, holm);
    }

    @Test
    void bitIdenticalForOneTwoAndEightThreadsAndOnRerun() {
        for (Scenario s : scenarios()) {
            PowerStudy study = PowerStudy.of(s).replicates(1_200).seed(11).batchSize(100);
            StudyResult one = study.threads(1).run();
            assertEquals(one, study.threads(2).run(), s.name());
            assertEquals(one, study.threads(8).run(), s.name());
            assertEquals(one, study.threads(1).run(), s.name());
            assertTrue(one.warnings().isEmpty(), one.warnings().toString());
            assertEquals("XO_RO_SHI_RO_128_PP", one.provenance().generator());
        }
    }

    @Test
    void nestedCohortsMakeTheFirstSizeOfAGridEqualToItsOwnStudy() {
        // The first n patients of a cohort of N are the cohort of n, so a grid's smallest size gives
        // exactly the same counts as a study of that size alone (with per-patient follow-up).
        Scenario grid = TestScenarios.twoArmBinary(0.5, 0.2, List.of(20, 40, 60), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.CHI_SQUARE);
        PowerStudy study = PowerStudy.of(grid).replicates(2_000).seed(5);
        List<MeasureRow> fromGrid = study.run().rows().stream().filter(r -> r.nTotal() == 20).toList();
        List<MeasureRow> alone = study.sampleSizes(20).run().rows();
        assertEquals(alone, fromGrid);
    }

    @Test
    void groupSequentialFutilityIsCountedAndStopsSumToOne() {
        Scenario s = scenarios().get(2);
        StudyResult r = PowerStudy.of(s).replicates(4_000).seed(3).run();
        double stop1 = ReferenceCasesTest.row(r, "stop:look1", 120).estimate();
        double stop2 = ReferenceCasesTest.row(r, "stop:look2", 120).estimate();
        double futility1 = ReferenceCasesTest.row(r, "futility:look1", 120).estimate();
        assertEquals(1, stop1 + stop2, 1e-12);
        assertTrue(futility1 > 0 && futility1 < stop1, futility1 + " " + stop1);
        // With non-binding futility followed, the type I error stays below alpha (+3 MCSE).
        Estimate t1 = ReferenceCasesTest.row(r, "type1:response", 120);
        assertTrue(t1.estimate() <= 0.025 + 3 * Math.sqrt(0.025 * 0.975 / 4_000), t1.toString());
        double en = ReferenceCasesTest.row(r, "expected_n", 120).estimate();
        assertEquals(120 - 60 * stop1, en, 1e-9);
    }

    @Test
    void typeOneErrorOfANonBindingDesignIgnoresFutility() {
        // The null run ignores the futility rule; on the same streams, following it can only remove
        // rejections, and here it removes some.
        Scenario nullScenario = NullScenario.of(scenarios().get(2));
        StudyResult ignoring = PowerStudy.of(nullScenario, ScenarioTrials.MODEL::compileNull).replicates(4_000)
                .seed(21).nullHypothesis(false).run();
        StudyResult following = PowerStudy.of(nullScenario, ScenarioTrials.MODEL).replicates(4_000).seed(21)
                .nullHypothesis(false).run();
        double withoutFutility = ReferenceCasesTest.row(ignoring, "power:response", 120).estimate();
        double withFutility = ReferenceCasesTest.row(following, "power:response", 120).estimate();
        assertTrue(withoutFutility > withFutility, withoutFutility + " vs " + withFutility);
        assertEquals(0, ReferenceCasesTest.row(ignoring, "futility:look1", 120).estimate(), 0);
        assertTrue(ReferenceCasesTest.row(following, "futility:look1", 120).estimate() > 0.3);
        // The study's own type1 row is the rate with futility ignored (same model, its own null seed).
        StudyResult study = PowerStudy.of(scenarios().get(2)).replicates(4_000).seed(21).run();
        StudyResult direct = PowerStudy.of(nullScenario, ScenarioTrials.MODEL::compileNull).replicates(4_000)
                .seed(NullScenario.seed(21)).nullHypothesis(false).run();
        assertEquals(ReferenceCasesTest.row(direct, "power:response", 120),
                ReferenceCasesTest.row(study, "type1:response", 120));
    }

    @Test
    void cancellationOfARealStudyReturnsAReproduciblePartialResult() {
        Scenario s = scenarios().get(1);
        PowerStudy study = PowerStudy.of(s).replicates(1_000_000).seed(8).batchSize(200).threads(2);
        AtomicBoolean cancel = new AtomicBoolean();
        StudyResult partial = study.run((done, total) -> cancel.set(done >= 600), cancel::get);
        assertTrue(partial.provenance().partial());
        long r = partial.provenance().replicates();
        assertTrue(r >= 600 && r % 200 == 0 && r < 1_000_000, "replicates " + r);
        assertEquals(study.replicates((int) r).run().rows(), partial.rows());
    }

    @Test
    void aLowerMadrsChangeIsTheTreatmentDoingBetter() {
        // One-sided: the treatment improves MADRS by 5 more points (a more negative change): power is high;
        // with the effect reversed it is far below alpha. Analytic power of the one-sided 0.025 test with
        // d = 0.5 and 64 per arm is 0.80 (R: power.t.test(n=64, delta=5, sd=10, sig.level=0.025,
        // alternative="one.sided")$power = 0.8014586).
        for (Analysis.Test test : List.of(Analysis.Test.T_TEST, Analysis.Test.WELCH, Analysis.Test.ANCOVA)) {
            Scenario better = TestScenarios.twoArmContinuous(-2.5, 2.5, 10, List.of(128), 0.025,
                    Design.Sidedness.ONE_SIDED, test);
            Scenario worse = TestScenarios.twoArmContinuous(2.5, -2.5, 10, List.of(128), 0.025,
                    Design.Sidedness.ONE_SIDED, test);
            double pBetter = ReferenceCasesTest.row(PowerStudy.of(better).replicates(2_000).seed(1)
                    .nullHypothesis(false).run(), "power:madrs", 128).estimate();
            double pWorse = ReferenceCasesTest.row(PowerStudy.of(worse).replicates(2_000).seed(1)
                    .nullHypothesis(false).run(), "power:madrs", 128).estimate();
            // 4 MCSE at R = 2000: 0.036 around 0.80.
            assertEquals(0.8014586, pBetter, 0.036, test.name());
            assertTrue(pWorse < 0.005, test + " " + pWorse);
        }
    }

    @Test
    void aSizeThatBreaksTheBlocksIsWarnedAbout() {
        Scenario s = scenarios().get(0);
        StudyResult r = PowerStudy.of(s).replicates(100).sampleSizes(20, 21).run();
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("21"), r.warnings().toString());
    }

    @Test
    void aFailingTrialFailsTheStudyWithItsCause() {
        TrialModel failing = (scenario, seed) -> new VirtualTrial.Factory() {
            @Override
            public TrialLayout layout() {
                return new TrialLayout(new int[] {10}, List.of("x"), 1, TrialLayout.Sequential.FIXED);
            }

            @Override
            public VirtualTrial create() {
                return (replicate, out) -> {
                    if (replicate == 737) {
                        throw new ArithmeticException("boom at 737");
                    }
                };
            }

            @Override
            public String generator() {
                return "none";
            }
        };
        Scenario s = scenarios().get(0);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PowerStudy.of(s, failing).replicates(5_000).threads(2).run());
        assertTrue(e.getCause() instanceof ArithmeticException, e.toString());
    }
}
