package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * Alternating allocation against rpact's order. The reference is rpact's R code (rpact 4.x,
 * R/f_simulation_base_survival.R, getSimulationSurvival), which builds the patients' groups (1 treatment, 2
 * control) with allocation1:allocation2 first reduced to lowest terms ({@code .getFraction}), then
 *
 * <pre>
 * while (length(treatments) &lt; maxNumberOfSubjects) {
 *     if (allocation1 &gt; allocation2) {
 *         treatments &lt;- c(treatments, rep(c(1, 2), allocation2), rep(1, allocation1 - allocation2))
 *     } else {
 *         treatments &lt;- c(treatments, rep(c(1, 2), allocation1), rep(2, allocation2 - allocation1))
 *     }
 * }
 * </pre>
 *
 * and getSimulationRates (src/f_simulation_base_rates.cpp), which has no patient order and puts
 * {@code n1 = ceil(allocationRatio * stageSubjects / (1 + allocationRatio))} of a stage on treatment.
 */
class AlternatingAllocationTest {

    private static final Randomization ALTERNATING = new Randomization(Randomization.Method.ALTERNATING, 2, false);

    /** The cycles, worked out by hand from the R loop above (arm 0 the treatment, 1 the control). */
    @Test
    void cyclesAreRpactsTreatmentsVector() {
        // allocation1 = 1, allocation2 = 1: rep(c(1, 2), 1) = 1 2
        assertArrayEquals(new byte[] {0, 1}, AllocationSequence.cycle(new int[] {1, 1}, 1));
        // 2:1: rep(c(1, 2), 1), rep(1, 1) = 1 2 1
        assertArrayEquals(new byte[] {0, 1, 0}, AllocationSequence.cycle(new int[] {2, 1}, 1));
        // 1:2: rep(c(1, 2), 1), rep(2, 1) = 1 2 2
        assertArrayEquals(new byte[] {0, 1, 1}, AllocationSequence.cycle(new int[] {1, 2}, 1));
        // 3:2: rep(c(1, 2), 2), rep(1, 1) = 1 2 1 2 1
        assertArrayEquals(new byte[] {0, 1, 0, 1, 0}, AllocationSequence.cycle(new int[] {3, 2}, 1));
        // 4:2 is reduced to 2:1 first: 1 2 1
        assertArrayEquals(new byte[] {0, 1, 0}, AllocationSequence.cycle(new int[] {4, 2}, 1));
        // The control listed first still comes second: patient 1 is on the experimental arm (index 1).
        assertArrayEquals(new byte[] {1, 0}, AllocationSequence.cycle(new int[] {1, 1}, 0));
        assertArrayEquals(new byte[] {1, 0, 1}, AllocationSequence.cycle(new int[] {1, 2}, 0));
        // Beyond rpact (two groups only): three arms take turns, the control last.
        assertArrayEquals(new byte[] {0, 1, 2}, AllocationSequence.cycle(new int[] {1, 1, 1}, 2));
        assertArrayEquals(new byte[] {0, 1, 2, 0}, AllocationSequence.cycle(new int[] {2, 1, 1}, 2));
        assertArrayEquals(new byte[] {0}, AllocationSequence.cycle(new int[] {3}, 0));
    }

    /** The R loop transcribed (with the reduction), against the sequence, for every ratio up to 7:7. */
    @Test
    void sequenceIsTheRLoopForEveryTwoArmRatio() {
        for (int a1 = 1; a1 <= 7; a1++) {
            for (int a2 = 1; a2 <= 7; a2++) {
                int n = 101;
                byte[] arms = new byte[n];
                AllocationSequence seq = new AllocationSequence(ALTERNATING, new int[] {a1, a2}, 1, 1);
                ReplicateRandom rng = rng();
                seq.fill(rng, new byte[n], arms, n);
                assertArrayEquals(rpactTreatments(a1, a2, n), arms, a1 + ":" + a2);
                assertEquals(rng().nextLong(), rng.nextLong(), "no draw from the allocation stream");
            }
        }
    }

    /**
     * {@code fill} and {@code next} agree, unstratified and per stratum (each stratum its own cycle), and
     * neither reads the allocation stream.
     */
    @Test
    void fillEqualsPatientByPatientAndDrawsNothing() {
        byte[] strata = new byte[301];
        ReplicateRandom s = new ReplicateRandom();
        s.reseed(3, 1, ReplicateStreams.STRATUM);
        for (int i = 0; i < strata.length; i++) {
            strata[i] = (byte) s.nextInt(3);
        }
        for (boolean stratified : new boolean[] {false, true}) {
            Randomization r = new Randomization(Randomization.Method.ALTERNATING, 5, stratified);
            AllocationSequence fill = new AllocationSequence(r, new int[] {3, 2}, 1, 3);
            AllocationSequence next = new AllocationSequence(r, new int[] {3, 2}, 1, 3);
            byte[] cycle = AllocationSequence.cycle(new int[] {3, 2}, 1);
            for (int n : new int[] {0, 1, 7, 300, 301}) {
                byte[] arms = new byte[n];
                ReplicateRandom a = rng();
                fill.fill(a, strata, arms, n);
                next.reset();
                ReplicateRandom b = rng();
                int[] seen = new int[3];
                for (int i = 0; i < n; i++) {
                    int place = stratified ? seen[strata[i]]++ : i;
                    assertEquals(cycle[place % cycle.length], arms[i], "patient " + i);
                    assertEquals(arms[i], next.next(b, strata[i]), "patient " + i);
                }
                assertEquals(rng().nextLong(), a.nextLong(), "fill draws nothing");
                assertEquals(rng().nextLong(), b.nextLong(), "next draws nothing");
            }
        }
    }

    /**
     * A two-arm binary trial sampled by trialsim with {@code method: alternating}: patient i (from 1) is on
     * the treatment when i is odd, whatever the seed and replicate, so at every N the arms hold
     * {@code n1 = ceil(N / 2)} and {@code N - n1}, rpact getSimulationRates' split for allocationRatioPlanned
     * 1. The other processes keep their draws: with the same response probability in both arms, the responses
     * equal those sampled under permuted blocks, patient for patient.
     */
    @Test
    void twoArmBinaryCohortHasRpactsAllocation() {
        Scenario alternating = binary(Randomization.Method.ALTERNATING);
        Scenario blocks = binary(Randomization.Method.BLOCKS);
        SamplingPlan plan = SamplingPlan.compile(alternating);
        CohortSampler sampler = plan.newSampler();
        for (long replicate = 0; replicate < 5; replicate++) {
            for (int n = 1; n <= 41; n++) {
                Cohort c = new Cohort(n);
                sampler.sample(c, n, 20261122L + replicate, replicate);
                int treated = 0;
                for (int i = 0; i < n; i++) {
                    assertEquals((i + 1) % 2 == 1 ? 0 : 1, c.arm[i], "patient " + (i + 1));
                    treated += c.arm[i] == 0 ? 1 : 0;
                }
                assertEquals((int) Math.ceil(1.0 * n / (1 + 1.0)), treated, "n1 at N = " + n);
            }
        }
        Cohort a = new Cohort(41);
        Cohort b = new Cohort(41);
        sampler.sample(a, 41, 9, 3);
        SamplingPlan.compile(blocks).newSampler().sample(b, 41, 9, 3);
        assertArrayEquals(b.booleans(InductionResponse.RESPONDED), a.booleans(InductionResponse.RESPONDED));
        assertArrayEquals(b.booleans(InductionResponse.REMITTED), a.booleans(InductionResponse.REMITTED));
        assertArrayEquals(b.enrolled, a.enrolled);
    }

    /** 2:1: the arm counts at N follow rpact's survival order (5:3 at N = 8, where getSimulationRates has 6:2). */
    @Test
    void twoToOneCountsFollowTheCycle() {
        Scenario s = new ScenarioFixture().arm("treatment", 2, false, response(0.3)).arm("control", 1, true,
                response(0.3)).sampleSizes(9).randomization(Randomization.Method.ALTERNATING, 3, false)
                .enrollment(new Enrollment.Even(9)).build();
        Cohort c = new Cohort(9);
        SamplingPlan.compile(s).newSampler().sample(c, 9, 1, 1);
        assertArrayEquals(new byte[] {0, 1, 0, 0, 1, 0, 0, 1, 0}, Arrays.copyOf(c.arm, 9));
        int[] treatedAt = new int[10];
        for (int i = 0; i < 9; i++) {
            treatedAt[i + 1] = treatedAt[i] + (c.arm[i] == 0 ? 1 : 0);
        }
        assertEquals(5, treatedAt[8]);
        assertEquals(6, (int) Math.ceil(2.0 * 8 / 3.0), "rpact getSimulationRates at 2:1, N = 8");
        for (int n = 3; n <= 9; n += 3) {
            assertEquals(2 * n / 3, treatedAt[n], "exact at every multiple of the cycle, as rpact's rates split");
        }
    }

    private static Scenario binary(Randomization.Method method) {
        return new ScenarioFixture().arm("treatment", 1, false, response(0.4)).arm("control", 1, true,
                response(0.4)).sampleSizes(42).randomization(method, 2, false).enrollment(new Enrollment.Even(41))
                .build();
    }

    private static PatientModel response(double p) {
        return new PatientModel(new ResponseModel.Probability(p, 0.1), null, null);
    }

    private static ReplicateRandom rng() {
        ReplicateRandom r = new ReplicateRandom();
        r.reseed(11, 2, ReplicateStreams.ALLOCATION);
        return r;
    }

    /** rpact's loop, transcribed; groups 1 and 2 as arms 0 and 1. */
    private static byte[] rpactTreatments(int allocation1, int allocation2, int n) {
        int g = java.math.BigInteger.valueOf(allocation1).gcd(java.math.BigInteger.valueOf(allocation2)).intValue();
        int a1 = allocation1 / g;
        int a2 = allocation2 / g;
        List<Integer> treatments = new ArrayList<>();
        while (treatments.size() < n) {
            for (int k = 0; k < Math.min(a1, a2); k++) {
                treatments.add(1);
                treatments.add(2);
            }
            for (int k = 0; k < Math.abs(a1 - a2); k++) {
                treatments.add(a1 > a2 ? 1 : 2);
            }
        }
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (treatments.get(i) - 1);
        }
        return out;
    }
}
