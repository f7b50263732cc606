package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;

/**
 * The process-at-a-time sampler: each process on its own stream, the loops that draw several processes at
 * once identical to drawing them one after the other, the constant columns written once per cohort and plan,
 * and the branch-free building blocks ({@link BitSelect}, {@link ReplicateRandom#nextLong(long)}) exact.
 */
class ProcessStreamsTest {

    private static Cohort sample(CohortSampler sampler, int n, long seed, long replicate) {
        Cohort c = new Cohort(n);
        sampler.sample(c, n, seed, replicate);
        return c;
    }

    /** Bernoulli response and relapse in every cell (the one-loop path), in several shapes. */
    private static List<Scenario> oneLoopScenarios() {
        PatientModel durable = new PatientModel(new ResponseModel.Probability(0.5, 0.3),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.2), 0.25, 1),
                new Benzodiazepine(0.9, 0.6, new Hazard.Exponential(0.01), 2));
        PatientModel plain = new PatientModel(new ResponseModel.Probability(0.25, 0.1),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.2), 0, 1),
                new Benzodiazepine(0.6, 0.5, new Hazard.Exponential(0.02), 1));
        PatientModel weibull = new PatientModel(new ResponseModel.Probability(0.4, 0.2),
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Weibull(1.3, 25), 0.1, 0.8),
                new Benzodiazepine(0.7, 0.5, new Hazard.Weibull(0.9, 60), 3));
        return List.of(ScenarioLibrary.load(ScenarioLibrary.DEFAULT), withRescue(ScenarioLibrary.load(ScenarioLibrary.DEFAULT)),
                new ScenarioFixture().stratum("users", 0.44, true).stratum("others", 0.56, false)
                        .arm("ketamine", 1, false, durable).arm("control", 1, true, plain)
                        .randomization(Randomization.Method.BLOCKS, 4, true).dropout(0.1, 0.01).build(),
                new ScenarioFixture().stratum("users", 0.3, true).stratum("others", 0.7, false)
                        .arm("a", 2, false, weibull).arm("b", 1, true, durable)
                        .randomization(Randomization.Method.BLOCKS, 6, false)
                        .enrollment(new Enrollment.Piecewise(List.of(0.0, 8.0), List.of(2.0, 6.0))).build(),
                new ScenarioFixture().arm("a", 1, false, durable).arm("b", 1, true, plain)
                        .randomization(Randomization.Method.SIMPLE, 2, false).enrollment(new Enrollment.Even(30))
                        .build());
    }

    /**
     * The scenario with a process registered after the fused ones (rescue, reading response) in every arm and
     * stratum: the fused loop must leave it to its own sampler, on its own stream.
     */
    static Scenario withRescue(Scenario s) {
        List<org.trialsim.scenario.Arm> arms = new java.util.ArrayList<>();
        for (org.trialsim.scenario.Arm a : s.arms()) {
            java.util.Map<String, PatientModel> models = new java.util.LinkedHashMap<>();
            a.modelByStratum().forEach((k, m) -> models.put(k, m.with(new org.trialsim.process.rescue.Rescue(
                    new Hazard.Exponential(0.02), a.control() ? 2 : 1))));
            arms.add(new org.trialsim.scenario.Arm(a.name(), a.allocation(), a.control(), models));
        }
        return s.toBuilder().arms(arms).build();
    }

    /** One loop over arm, response and relapse gives the cohort of one loop per process, bit for bit. */
    @Test
    void oneLoopEqualsOneProcessAtATime() {
        for (Scenario s : oneLoopScenarios()) {
            SamplingPlan plan = SamplingPlan.compile(s);
            CohortSampler fused = new CohortSampler(plan, true);
            CohortSampler separate = new CohortSampler(plan, false);
            for (int r = 0; r < 5; r++) {
                for (int n : new int[] {1, 7, 250}) {
                    CohortSamplerTest.assertPrefixEquals(sample(fused, n, 99, r), sample(separate, n, 99, r), n, true);
                }
            }
        }
    }

    /** Nested prefixes hold on the one-loop path too (the library's default scenario takes it). */
    @Test
    void oneLoopPrefixesAreBitIdentical() {
        for (Scenario s : oneLoopScenarios()) {
            CohortSampler sampler = SamplingPlan.compile(s).newSampler();
            Cohort full = sample(sampler, 400, 5, 3);
            for (int n : new int[] {1, 2, 3, 40, 101, 399}) {
                CohortSamplerTest.assertPrefixEquals(sample(sampler, n, 5, 3), full, n,
                        !(s.enrollment() instanceof Enrollment.Even));
            }
        }
    }

    /**
     * Each process has its own stream: switching dropout on and changing the enrollment model leaves strata,
     * arms, responses, relapses and the benzodiazepine course of every patient unchanged, bit for bit.
     */
    @Test
    void addingAProcessDoesNotShiftTheOthers() {
        PatientModel m = new PatientModel(new ResponseModel.Probability(0.5, 0.3),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.1), 0.2, 1),
                new Benzodiazepine(0.8, 0.5, new Hazard.Exponential(0.02), 2));
        Scenario without = new ScenarioFixture().stratum("users", 0.4, true).stratum("others", 0.6, false)
                .arm("a", 1, false, m).arm("b", 1, true, m).dropout(0, 0)
                .enrollment(new Enrollment.Uniform(52)).build();
        Scenario with = new ScenarioFixture().stratum("users", 0.4, true).stratum("others", 0.6, false)
                .arm("a", 1, false, m).arm("b", 1, true, m).dropout(0.1, 0.02)
                .enrollment(new Enrollment.Piecewise(List.of(0.0), List.of(4.0))).build();
        Cohort a = sample(SamplingPlan.compile(without).newSampler(), 500, 8, 2);
        Cohort b = sample(SamplingPlan.compile(with).newSampler(), 500, 8, 2);
        assertArrayEquals(a.stratum, b.stratum);
        assertArrayEquals(a.arm, b.arm);
        assertArrayEquals(a.booleans(InductionResponse.RESPONDED), b.booleans(InductionResponse.RESPONDED));
        assertArrayEquals(a.booleans(InductionResponse.REMITTED), b.booleans(InductionResponse.REMITTED));
        assertArrayEquals(a.doubles(RelapseTime.TIME), b.doubles(RelapseTime.TIME));
        assertArrayEquals(a.booleans(BenzodiazepineCourse.DISCONTINUED), b.booleans(BenzodiazepineCourse.DISCONTINUED));
        assertArrayEquals(a.doubles(BenzodiazepineCourse.RELAPSE), b.doubles(BenzodiazepineCourse.RELAPSE));
        assertFalse(java.util.Arrays.equals(a.enrolled, b.enrolled));
        assertTrue(java.util.Arrays.stream(b.dropout).anyMatch(Double::isFinite));
        assertTrue(java.util.Arrays.stream(a.dropout).allMatch(d -> d == Double.POSITIVE_INFINITY));
    }

    /**
     * Constant columns are written once per cohort and plan: a cohort that another plan (with more processes)
     * sampled into in between, or that was cleared, still receives exactly the cohort of a fresh one.
     */
    @Test
    void constantColumnsFollowThePlanThatSampledLast() {
        Scenario binary = BinaryScenario.of(0.2, 0.5, 600);
        Scenario full = CohortSamplerTest.fullScenario(new Enrollment.Uniform(52), Randomization.Method.BLOCKS, true);
        CohortSampler b = SamplingPlan.compile(binary).newSampler();
        CohortSampler f = SamplingPlan.compile(full).newSampler();
        Cohort reused = new Cohort(600);
        b.sample(reused, 600, 1, 1);
        f.sample(reused, 600, 1, 1);
        b.sample(reused, 300, 1, 2);
        CohortSamplerTest.assertPrefixEquals(sample(b, 300, 1, 2), reused, 300, true);
        f.sample(reused, 600, 1, 3);
        reused.clear();
        f.sample(reused, 200, 1, 4);
        CohortSamplerTest.assertPrefixEquals(sample(f, 200, 1, 4), reused, 200, true);
    }

    /**
     * Filling a cohort's arms at once draws what a new sequence gives patient by patient, for every scheme
     * (the blocks of two have their own loop); and a block of two is the general Fisher-Yates shuffle's draw
     * {@code nextInt(2)} of commons-rng (swap when 0), taken as the top bit of one 32-bit draw.
     */
    @Test
    void allocationFillEqualsPatientByPatient() {
        byte[] strata = new byte[501];
        ReplicateRandom rng = new ReplicateRandom();
        rng.reseed(1, 1, ReplicateStreams.STRATUM);
        for (int i = 0; i < strata.length; i++) {
            strata[i] = (byte) rng.nextInt(3);
        }
        int[][] ratios = {{1, 1}, {2, 1}, {1, 2, 1}};
        for (int[] ratio : ratios) {
            int sum = java.util.Arrays.stream(ratio).sum();
            for (Randomization r : List.of(new Randomization(Randomization.Method.BLOCKS, sum, false),
                    new Randomization(Randomization.Method.BLOCKS, 2 * sum, false),
                    new Randomization(Randomization.Method.BLOCKS, sum, true),
                    new Randomization(Randomization.Method.SIMPLE, sum, false))) {
                AllocationSequence fill = new AllocationSequence(r, ratio, 3);
                AllocationSequence next = new AllocationSequence(r, ratio, 3);
                for (int n : new int[] {0, 1, 2, 3, 500, 501}) {
                    ReplicateRandom a = new ReplicateRandom();
                    ReplicateRandom b = new ReplicateRandom();
                    a.reseed(7, n, ReplicateStreams.ALLOCATION);
                    b.reseed(7, n, ReplicateStreams.ALLOCATION);
                    byte[] arms = new byte[n];
                    fill.fill(a, strata, arms, n);
                    next.reset();
                    for (int i = 0; i < n; i++) {
                        assertEquals(next.next(b, strata[i]), arms[i], r + " " + java.util.Arrays.toString(ratio)
                                + " patient " + i);
                    }
                    assertEquals(b.nextLong(), a.nextLong(), "same draws consumed");
                }
            }
        }
        AllocationSequence pairs = new AllocationSequence(new Randomization(Randomization.Method.BLOCKS, 2, false),
                new int[] {1, 1}, 1);
        ReplicateRandom a = new ReplicateRandom();
        ReplicateRandom b = new ReplicateRandom();
        a.reseed(5, 6, ReplicateStreams.ALLOCATION);
        b.reseed(5, 6, ReplicateStreams.ALLOCATION);
        for (int block = 0; block < 10_000; block++) {
            int j = b.nextInt(2);
            int[] shuffled = {0, 1};
            int t = shuffled[1];
            shuffled[1] = shuffled[j];
            shuffled[j] = t;
            assertEquals(shuffled[0], pairs.next(a, 0));
            assertEquals(shuffled[1], pairs.next(a, 0));
        }
    }

    /** The sign of x - y is the comparison x < y, for every pair of values the contract allows. */
    @Test
    void belowIsTheComparison() {
        double[] v = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1, -Double.MIN_NORMAL, -Double.MIN_VALUE, -0.0,
            0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, Double.MIN_NORMAL, 0.1, 0.3, 0.30000000000000004, 1,
            Math.nextUp(1.0), 4, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (double x : v) {
            for (double y : v) {
                if (Double.isInfinite(x) && x == y
                        || Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(-0.0) && y == 0) {
                    continue; // excluded by the contract (INF - INF is NaN; -0 - +0 is -0)
                }
                assertEquals(x < y ? -1L : 0L, BitSelect.below(x, y), x + " < " + y);
            }
        }
        ReplicateRandom rng = new ReplicateRandom();
        rng.reseed(3, 4, ReplicateStreams.RESPONSE);
        for (int i = 0; i < 100_000; i++) {
            double x = rng.nextDouble();
            double y = rng.nextDouble();
            assertEquals(x < y ? -1L : 0L, BitSelect.below(x, y));
            assertEquals(Double.doubleToRawLongBits(x < y ? x : y),
                    Double.doubleToRawLongBits(BitSelect.choose(BitSelect.below(x, y), x, y)));
        }
        assertEquals(Double.POSITIVE_INFINITY, BitSelect.choose(0L, 1.5, Double.POSITIVE_INFINITY));
        assertEquals(-0.0, BitSelect.choose(-1L, -0.0, 0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(BitSelect.choose(-1L, -0.0, 0.0)));
    }

    /** A masked draw advances exactly when its mask is all ones, and its uniform is commons-rng's nextDouble. */
    @Test
    void maskedDrawAdvancesOnlyWhenKept() {
        ReplicateRandom masked = new ReplicateRandom();
        ReplicateRandom plain = new ReplicateRandom();
        masked.reseed(11, 12, ReplicateStreams.RELAPSE);
        plain.reseed(11, 12, ReplicateStreams.RELAPSE);
        for (int i = 0; i < 10_000; i++) {
            long peek = masked.nextLong(0L);
            assertEquals(peek, masked.nextLong(0L), "a dropped draw does not move the generator");
            long kept = masked.nextLong(-1L);
            assertEquals(peek, kept);
            long expected = plain.nextLong();
            assertEquals(expected, kept);
        }
        masked.reseed(1, 2, ReplicateStreams.RELAPSE);
        plain.reseed(1, 2, ReplicateStreams.RELAPSE);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(plain.nextDouble(), BitSelect.uniform(masked.nextLong(-1L)));
        }
    }

    /**
     * Without a durable fraction anywhere the sampler skips the masked durability draw: the relapse stream then
     * holds exactly one exponential per patient, for responders and non-responders alike (the one-loop path) and
     * for everyone from randomization (the per-process path), and each relapse time is that exponential through
     * the cell's inverse cumulative hazard, bit for bit.
     */
    @Test
    void withoutDurableFractionsTheRelapseStreamIsOneExponentialPerPatient() {
        PatientModel fast = new PatientModel(new ResponseModel.Probability(0.5, 0.3),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.2), 0, 1), null);
        PatientModel slow = new PatientModel(new ResponseModel.Probability(0.3, 0.1),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.05), 0, 1), null);
        PatientModel fromRandomization = new PatientModel(null,
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(0.03), 0, 1), null);
        PatientModel fromRandomizationControl = new PatientModel(null,
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(0.04), 0, 1), null);
        List<Scenario> scenarios = List.of(
                new ScenarioFixture().arm("a", 1, false, fast).arm("b", 1, true, slow).induction(4).build(),
                new ScenarioFixture().arm("a", 1, false, fromRandomization)
                        .arm("b", 1, true, fromRandomizationControl).build());
        double[][] rates = {{0.2, 0.05}, {0.03, 0.04}};
        for (int k = 0; k < scenarios.size(); k++) {
            SamplingPlan plan = SamplingPlan.compile(scenarios.get(k));
            assertFalse(plan.anyDurable());
            int n = 301;
            Cohort c = sample(plan.newSampler(), n, 17, 5);
            ReplicateRandom relapse = new ReplicateRandom();
            relapse.reseed(17, 5, ReplicateStreams.RELAPSE);
            ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(relapse);
            double offset = k == 0 ? scenarios.get(k).schedule().inductionWeeks() : 0;
            for (int i = 0; i < n; i++) {
                double e = exponential.sample();
                boolean atRisk = k == 1 || c.booleans(InductionResponse.RESPONDED)[i];
                double expected = atRisk ? offset + e * (1 / rates[k][c.arm[i]]) : Double.POSITIVE_INFINITY;
                assertEquals(expected, c.doubles(RelapseTime.TIME)[i], "scenario " + k + ", patient " + i);
            }
        }
    }
}
