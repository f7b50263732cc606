package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.Simulation;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.FisherExactTest;
import org.trialsim.stats.TwoProportionZTest;

/**
 * The count-level model through the real engine ({@link PowerStudy}: batches, threads, counters, Monte Carlo
 * errors) against exact power: the probability of rejection summed over every pair of arm counts with their
 * binomial probabilities (exact enumeration, 101 x 101 tables at most). Each estimate must lie within 4 of its
 * own Monte Carlo standard errors of the exact value; a correct model fails one such check with probability
 * 6e-5, and there are 13 here (10 chi-square sizes, 2 Fisher, 1 one-sided), so the suite fails by chance
 * with probability below 1e-3.
 */
class CountLevelTrialsTest {

    private static final int REPLICATES = 20_000;

    static Scenario binary(List<Integer> totals, Analysis.Test test, Design.Sidedness sidedness, double alpha) {
        Arm c = new Arm("control", 1, true,
                Map.of("all", new PatientModel(new ResponseModel.Probability(0.2, 0.05), null, null)));
        Arm t = new Arm("treatment", 1, false,
                Map.of("all", new PatientModel(new ResponseModel.Probability(0.5, 0.1), null, null)));
        Endpoint response = new Endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN,
                new Analysis(test, Double.NaN, null), "treatment", "control", List.of());
        return Scenario.builder().name("binary").title("two-arm binary").sampleSizes(totals).alpha(alpha)
                .sidedness(sidedness).randomization(new Randomization(Randomization.Method.BLOCKS, 4, false))
                .arms(c, t).enrollment(new Enrollment.Even(26))
                .schedule(new Schedule(4, List.of(4.0), Schedule.Observation.EXACT, new Cutoff.FollowUp(4)))
                .endpoints(response).simulation(new Simulation(REPLICATES, 1L, Double.NaN, 0)).build();
    }

    /** Exact power at n per arm: sum of P(xT) P(xC) over the tables the test rejects. */
    static double exactPower(int n, double pT, double pC, Analysis.Test test, Alternative alternative,
            double alpha) {
        BinomialDistribution bt = BinomialDistribution.of(n, pT);
        BinomialDistribution bc = BinomialDistribution.of(n, pC);
        double power = 0;
        for (int xT = 0; xT <= n; xT++) {
            for (int xC = 0; xC <= n; xC++) {
                double p = test == Analysis.Test.FISHER ? FisherExactTest.pValue(xT, n, xC, n, alternative)
                        : TwoProportionZTest.pValue(xT, n, xC, n, false, alternative);
                if (p <= alpha) {
                    power += bt.probability(xT) * bc.probability(xC);
                }
            }
        }
        return power;
    }

    private static void assertWithin4Mcse(double exact, MeasureRow row) {
        Estimate e = row.estimate();
        double mcse = Math.sqrt(exact * (1 - exact) / e.replicates());
        assertEquals(exact, e.estimate(), 4 * mcse + 1e-12,
            () -> "power at N=" + row.nTotal() + ": estimate " + e.estimate() + ", exact " + exact);
    }

    private static MeasureRow row(StudyResult r, int nTotal) {
        return r.rows().stream().filter(x -> x.nTotal() == nTotal && x.measure().equals("power:response"))
                .findFirst().orElseThrow(() -> new AssertionError("no power:response at " + nTotal + " in " + r));
    }

    @Test
    void nestedChiSquarePowerCurveMatchesExactEnumeration() {
        List<Integer> totals = List.of(40, 80, 120, 160, 200, 240, 280, 320, 360, 400);
        Scenario s = binary(totals, Analysis.Test.CHI_SQUARE, Design.Sidedness.TWO_SIDED, 0.05);
        StudyResult r = PowerStudy.of(s, new CountLevelTrials()).replicates(REPLICATES).seed(11).threads(2)
                .nullHypothesis(false).fixedReplicates().run();
        for (int total : totals) {
            assertWithin4Mcse(exactPower(total / 2, 0.5, 0.2, Analysis.Test.CHI_SQUARE, Alternative.TWO_SIDED, 0.05),
                    row(r, total));
        }
    }

    @Test
    void fisherAndOneSidedMatchExactEnumeration() {
        StudyResult fisher = PowerStudy.of(binary(List.of(40, 100), Analysis.Test.FISHER, Design.Sidedness.TWO_SIDED,
                0.05), new CountLevelTrials()).replicates(REPLICATES).seed(12).threads(1).nullHypothesis(false)
                .fixedReplicates().run();
        assertWithin4Mcse(exactPower(20, 0.5, 0.2, Analysis.Test.FISHER, Alternative.TWO_SIDED, 0.05), row(fisher, 40));
        assertWithin4Mcse(exactPower(50, 0.5, 0.2, Analysis.Test.FISHER, Alternative.TWO_SIDED, 0.05),
                row(fisher, 100));
        StudyResult oneSided = PowerStudy.of(binary(List.of(40), Analysis.Test.CHI_SQUARE, Design.Sidedness.ONE_SIDED,
                0.025), new CountLevelTrials()).replicates(REPLICATES).seed(13).threads(2).nullHypothesis(false)
                .fixedReplicates().run();
        assertWithin4Mcse(exactPower(20, 0.5, 0.2, Analysis.Test.CHI_SQUARE, Alternative.GREATER, 0.025),
                row(oneSided, 40));
    }

    @Test
    void resultDoesNotDependOnThreads() {
        Scenario s = binary(List.of(40, 200), Analysis.Test.CHI_SQUARE, Design.Sidedness.TWO_SIDED, 0.05);
        StudyResult one = PowerStudy.of(s, new CountLevelTrials()).replicates(3000).seed(5).threads(1)
                .nullHypothesis(false).fixedReplicates().run();
        StudyResult two = PowerStudy.of(s, new CountLevelTrials()).replicates(3000).seed(5).threads(2)
                .nullHypothesis(false).fixedReplicates().run();
        assertEquals(one.rows(), two.rows());
    }

    @Test
    void appliesOnlyWhereCountsSummariseTheTrial() {
        assertTrue(CountLevelTrials.applies(binary(List.of(40, 80), Analysis.Test.CHI_SQUARE,
                Design.Sidedness.TWO_SIDED, 0.05)));
        // Grid size not a multiple of the block: arm sizes would be random.
        assertFalse(CountLevelTrials.applies(binary(List.of(42), Analysis.Test.CHI_SQUARE,
                Design.Sidedness.TWO_SIDED, 0.05)));
        Scenario s = binary(List.of(40), Analysis.Test.CHI_SQUARE, Design.Sidedness.TWO_SIDED, 0.05);
        Scenario withDropout = s.toBuilder().dropout(new Dropout(0.1, 0)).build();
        assertFalse(CountLevelTrials.applies(withDropout));
        Arm relapsing = new Arm("treatment", 1, false, Map.of("all", new PatientModel(null,
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(0.1), 0, 1), null)));
        Scenario timeToEvent = s.toBuilder().arms(s.arms().get(0), relapsing).build();
        assertFalse(CountLevelTrials.applies(timeToEvent));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new CountLevelTrials().compile(withDropout, 1));
        assertTrue(e.getMessage().contains("count level"), e.getMessage());
    }

    @Test
    void theModelIsRecordedInProvenanceAndFingerprint() {
        Scenario s = binary(List.of(40), Analysis.Test.CHI_SQUARE, Design.Sidedness.TWO_SIDED, 0.05);
        PowerStudy patients = PowerStudy.of(s).replicates(200).seed(5).threads(1).fixedReplicates();
        PowerStudy counts = patients.model(new CountLevelTrials());
        assertEquals("patient-level", patients.run().provenance().model());
        assertEquals("count-level", counts.run().provenance().model());
        // a checkpoint records the fingerprint, so a run of one model is never resumed with the other
        assertEquals("patient-level", patients.fingerprint().get("model"));
        assertEquals("count-level", counts.fingerprint().get("model"));
        Map<String, String> withoutModel = new java.util.LinkedHashMap<>(counts.fingerprint());
        withoutModel.remove("model");
        Map<String, String> patientsWithoutModel = new java.util.LinkedHashMap<>(patients.fingerprint());
        patientsWithoutModel.remove("model");
        assertEquals(patientsWithoutModel, withoutModel, "only the model differs");
    }
}
