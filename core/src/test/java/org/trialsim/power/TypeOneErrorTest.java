package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.SimonDesign;
import org.trialsim.scenario.Stratum;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.ContinuityCorrection;
import org.trialsim.stats.FisherExactTest;
import org.trialsim.stats.TwoProportionZTest;
import org.trialsim.stats.WaldRiskDifferenceTest;

/**
 * Type I error of every test, from the null scenario the engine derives automatically (every arm takes the
 * control's parameters; a single arm takes p0), across sample sizes.
 */
class TypeOneErrorTest {

    private static final int R = 10_000;
    private static final List<Integer> SIZES = List.of(20, 40, 60, 80);

    /**
     * The rejection rates of the scenario's derived null ({@link NullScenario}) compiled as PowerStudy compiles
     * it for its type1 rows; run alone here to halve the cost, as the alternative is not needed.
     */
    private static List<MeasureRow> typeOne(Scenario s) {
        boolean several = s.endpoints().size() > 1;
        // the type1 rows count rejections in either direction (power counts the beneficial one only), so the
        // study runs with its null scenario, as PowerStudy reports type I errors
        return PowerStudy.of(s).replicates(R).seed(99).run().rows().stream()
                .filter(r -> several ? r.measure().equals("type1:any") // the familywise error rate
                        : r.measure().startsWith("type1:") && !r.measure().equals("type1:any")).toList();
    }

    /**
     * Tests whose size need not equal alpha (continuous, large-sample and conservative discrete tests): the
     * estimated size may exceed alpha by at most 3 MCSE. Each comparison of a test of exact size alpha
     * exceeds with probability 0.00135; over the m comparisons here, more than 2 exceedances happen with
     * probability about C(m,3) 0.00135^3 < 1e-4 for m <= 40 (a commons-rng-style many-test rule: a single
     * exceedance is chance, three are a finding). Tests of size below alpha make exceedances rarer still.
     */
    @Test
    void atMostAlphaPlusThreeMcseAcrossSizes() {
        List<Scenario> scenarios = List.of(
                stratifiedBinary(Analysis.Test.CMH),
                TestScenarios.singleArm(0.5, SIZES, 0.05, new Analysis(Analysis.Test.BINOMIAL_EXACT, 0.3, null)),
                TestScenarios.singleArm(0.4, List.of(43), 0.05,
                        new Analysis(Analysis.Test.SIMON, 0.2, new SimonDesign(13, 3, 43, 12))),
                TestScenarios.twoArmContinuous(-2.5, 2.5, 10, SIZES, 0.05, Design.Sidedness.TWO_SIDED,
                        Analysis.Test.T_TEST),
                TestScenarios.twoArmContinuous(-2.5, 2.5, 10, SIZES, 0.025, Design.Sidedness.ONE_SIDED,
                        Analysis.Test.WELCH),
                ancova(),
                TestScenarios.twoArmSurvival(0.06, 0.1, SIZES, 0.025, new Enrollment.Uniform(12),
                        new Cutoff.Calendar(24), Analysis.Test.LOG_RANK),
                stratifiedSurvival(),
                twoEndpoints(Multiplicity.Procedure.HOLM),
                twoEndpoints(Multiplicity.Procedure.HOCHBERG),
                twoEndpoints(Multiplicity.Procedure.FIXED_SEQUENCE),
                // With futility, the null run ignores it (non-binding): the same rate as efficacy only.
                groupSequential(GroupSequential.Futility.NONE));
        int comparisons = 0;
        List<String> exceed = new ArrayList<>();
        for (Scenario s : scenarios) {
            double alpha = s.design().alpha();
            for (MeasureRow r : typeOne(s)) {
                comparisons++;
                double p = r.estimate().estimate();
                double mcse = Math.sqrt(alpha * (1 - alpha) / R);
                System.out.printf("type1 %s %s n=%d: %.4f (alpha %.3f, %+.2f MCSE)%n", s.name(),
                        s.endpoints().get(0).analysis().test(), r.nTotal(), p, alpha, (p - alpha) / mcse);
                if (p > alpha + 3 * mcse) {
                    exceed.add(s.name() + " n=" + r.nTotal() + ": " + p);
                }
            }
        }
        assertTrue(comparisons >= 25 && comparisons <= 40, "comparisons " + comparisons);
        assertTrue(exceed.size() <= 2, "sizes above alpha + 3 MCSE: " + exceed);
    }

    /**
     * Binary two-arm tests whose exact size can be enumerated (Pearson chi-square with and without Yates'
     * correction, Fisher's exact test, the Wald test of the risk difference): the estimated size must match the exact size of the same decision
     * rule within 4 MCSE (each comparison fails with probability 6e-5 if the engine is right). The
     * enumeration sums dbinom(a, n, p) dbinom(b, n, p) over the tables the stats function rejects; the
     * uncorrected chi-square's exact size exceeds alpha at small n (reference case a06), which is why its
     * check is against the exact size rather than alpha.
     */
    @Test
    void binaryTestsMatchTheirExactSizeAcrossSizes() {
        double p = 0.3;
        for (Analysis.Test test : List.of(Analysis.Test.CHI_SQUARE, Analysis.Test.CHI_SQUARE_CORRECTED,
                Analysis.Test.FISHER, Analysis.Test.WALD_RISK_DIFFERENCE)) {
            Scenario s = TestScenarios.twoArmBinary(0.5, p, SIZES, 0.05, Design.Sidedness.TWO_SIDED, test);
            for (MeasureRow r : typeOne(s)) {
                double exact = exactSize(test, r.nTotal() / 2, p, 0.05);
                double tol = 4 * Math.sqrt(exact * (1 - exact) / R);
                System.out.printf("type1 %s n=%d: %.4f exact %.4f%n", test, r.nTotal(), r.estimate().estimate(),
                        exact);
                assertEquals(exact, r.estimate().estimate(), tol, test + " n=" + r.nTotal());
            }
        }
    }

    private static double exactSize(Analysis.Test test, int n, double p, double alpha) {
        BinomialDistribution b = BinomialDistribution.of(n, p);
        double size = 0;
        for (int x = 0; x <= n; x++) {
            for (int y = 0; y <= n; y++) {
                double pv = switch (test) {
                    case FISHER -> FisherExactTest.withDefaults().test(x, n, y, n).pValue();
                    case CHI_SQUARE_CORRECTED -> TwoProportionZTest.withDefaults().with(ContinuityCorrection.ENABLED)
                            .test(x, n, y, n).pValue();
                    case WALD_RISK_DIFFERENCE -> WaldRiskDifferenceTest.withDefaults().test(x, n, y, n).pValue();
                    default -> TwoProportionZTest.withDefaults().test(x, n, y, n).pValue();
                };
                if (pv <= alpha) {
                    size += b.probability(x) * b.probability(y);
                }
            }
        }
        return size;
    }

    /** Familywise error of two independent binary endpoints (the h01 design) under a procedure. */
    private static Scenario twoEndpoints(Multiplicity.Procedure procedure) {
        Scenario s = TestScenarios.twoEndpoints(0.4, 0.2, 0.55, 0.35, List.of(60, 120), 0.025,
                new Multiplicity(procedure, List.of(), List.of()));
        return s.toBuilder().name(s.name() + "-" + procedure).build();
    }

    /** The g01 design (two looks, O'Brien-Fleming spending) with the given futility rule. */
    private static Scenario groupSequential(GroupSequential.Futility futility) {
        Scenario fixed = TestScenarios.twoArmBinary(0.5, 0.2, List.of(60, 120), 0.025, Design.Sidedness.ONE_SIDED,
                Analysis.Test.CHI_SQUARE);
        GroupSequential gs = new GroupSequential("response", List.of(0.5, 1.0),
                GroupSequential.Spending.OBRIEN_FLEMING, Double.NaN, futility);
        Scenario s = TestScenarios.withGroupSequential(fixed, gs, new Enrollment.Even(240));
        return s.toBuilder().name("group-sequential-" + futility.rule()).build();
    }

    private static final List<Stratum> TWO_STRATA = List.of(new Stratum("a", 0.5, false), new Stratum("b", 0.5,
            false));

    private static Arm stratified(String name, boolean control, PatientModel a, PatientModel b) {
        Map<String, PatientModel> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return new Arm(name, 1, control, m);
    }

    /** Two strata with control response 0.2 and 0.5; the builder's randomization (unstratified blocks of 2). */
    private static Scenario stratifiedBinary(Analysis.Test test) {
        List<Arm> arms = List.of(stratified("trt", false, TestScenarios.response(0.4), TestScenarios.response(0.7)),
                stratified("ctrl", true, TestScenarios.response(0.2), TestScenarios.response(0.5)));
        return TestScenarios.builder("stratified-binary", SIZES, 0.025, Design.Sidedness.ONE_SIDED)
                .strata(TWO_STRATA).arms(arms)
                .endpoints(TestScenarios.endpoint("response", Endpoint.Kind.RESPONSE, test)).build();
    }

    private static Scenario ancova() {
        PatientModel trt = new PatientModel(new ResponseModel.Madrs(30, 5, -6, 8, 0.5, 10), null, null);
        PatientModel ctrl = new PatientModel(new ResponseModel.Madrs(30, 5, -2, 8, 0.5, 10), null, null);
        List<Arm> arms = List.of(TestScenarios.arm("trt", 1, false, trt), TestScenarios.arm("ctrl", 1, true, ctrl));
        return TestScenarios.builder("ancova", SIZES, 0.025, Design.Sidedness.ONE_SIDED).arms(arms)
                .endpoints(TestScenarios.endpoint("madrs", Endpoint.Kind.MADRS_CHANGE, Analysis.Test.ANCOVA))
                .build();
    }

    /** Two strata with control hazards 0.05 and 0.15 per week. */
    private static Scenario stratifiedSurvival() {
        List<Arm> arms = List.of(stratified("trt", false, survival(0.03), survival(0.09)),
                stratified("ctrl", true, survival(0.05), survival(0.15)));
        Schedule schedule = new Schedule(1, List.of(1.0), Schedule.Observation.EXACT, new Cutoff.Calendar(24));
        return TestScenarios.builder("stratified-survival", SIZES, 0.025, Design.Sidedness.ONE_SIDED)
                .strata(TWO_STRATA).arms(arms).enrollment(new Enrollment.Uniform(12)).schedule(schedule)
                .endpoints(TestScenarios.endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE,
                        Analysis.Test.STRATIFIED_LOG_RANK)).build();
    }

    private static PatientModel survival(double hazard) {
        return new PatientModel(null, new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(hazard), 0, 1),
                null);
    }
}
