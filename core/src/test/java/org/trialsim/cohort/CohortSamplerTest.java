package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/** Dropout, enrollment, nesting, replay and the allocation-free hot path of the cohort sampler. */
class CohortSamplerTest {

    /** Every process switched on: two strata (one of benzodiazepine users), two arms 2:1, stratified blocks. */
    static Scenario fullScenario(Enrollment enrollment, Randomization.Method method, boolean stratified) {
        PatientModel ketamine = new PatientModel(new ResponseModel.Madrs(32, 5, -14, 10, 0.5, 10),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Weibull(1.2, 30), 0.2, 0.7),
                new Benzodiazepine(0.9, 0.7, new Hazard.Exponential(0.02), 2.5));
        PatientModel control = new PatientModel(new ResponseModel.Madrs(32, 5, -8, 10, 0.5, 10),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Weibull(1.2, 30), 0.2, 1),
                new Benzodiazepine(0.8, 0.6, new Hazard.Exponential(0.02), 2.5));
        return new ScenarioFixture().stratum("users", 0.44, true).stratum("others", 0.56, false)
                .arm("ketamine", 2, false, ketamine).arm("midazolam", 1, true, control)
                .sampleSizes(60, 120, 240, 600).randomization(method, 6, stratified).enrollment(enrollment)
                .dropout(0.08, 0.01).build();
    }

    private static Cohort sample(Scenario s, int n, long seed, long replicate) {
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, seed, replicate);
        return c;
    }

    /**
     * Dropout with probability 0.1 during a 4-week induction (uniform over it), then hazard 0.01 per week:
     * P(D < 4) = 0.1, P(D < 30) = 0.1 + 0.9 (1 - exp(-0.26)), and E[D | D < 4] = 2. Tolerances 4 MCSE:
     * binomial sqrt(p (1 - p) / N) for the fractions, sd / sqrt(count) with sd = 4 / sqrt(12) for the mean.
     */
    @Test
    void dropoutFractionsMatchModel() {
        int n = 100_000;
        Scenario s = new ScenarioFixture().induction(4).dropout(0.1, 0.01)
                .arm("a", 1, false, new PatientModel(new ResponseModel.Probability(0.5, 0.2), null, null)).build();
        Cohort c = sample(s, n, 3, 0);
        int early = 0;
        int by30 = 0;
        double sumEarly = 0;
        for (int i = 0; i < n; i++) {
            if (c.dropout[i] < 4) {
                early++;
                sumEarly += c.dropout[i];
            }
            if (c.dropout[i] < 30) {
                by30++;
            }
        }
        assertEquals(0.1, early / (double) n, 4 * Math.sqrt(0.09 / n));
        double p30 = 0.1 + 0.9 * (1 - Math.exp(-0.26));
        assertEquals(p30, by30 / (double) n, 4 * Math.sqrt(p30 * (1 - p30) / n));
        assertEquals(2, sumEarly / early, 4 * (4 / Math.sqrt(12)) / Math.sqrt(early));
    }

    /**
     * Nested cohorts, bit for bit: the first n patients of a cohort sampled for 600 equal the cohort sampled
     * for n, for every grid size, under stratified and unstratified blocks and simple randomization, with
     * uniform and Poisson enrollment.
     */
    @Test
    void prefixesAreBitIdenticalToSmallerCohorts() {
        Enrollment[] enrollments = {new Enrollment.Uniform(52),
            new Enrollment.Piecewise(List.of(0.0, 10.0), List.of(3.0, 8.0))};
        for (Enrollment e : enrollments) {
            for (Randomization.Method m : Randomization.Method.values()) {
                for (boolean stratified : new boolean[] {false, true}) {
                    Scenario s = fullScenario(e, m, stratified);
                    Cohort full = sample(s, 600, 77, 5);
                    for (int n : s.design().sampleSizes()) {
                        assertPrefixEquals(sample(s, n, 77, 5), full, n, true);
                    }
                }
            }
        }
    }

    /** Even enrollment: everything but the entry times nests; entries are recomputed as i * A / n. */
    @Test
    void evenEnrollmentNestsThroughEntryRecomputation() {
        Scenario s = fullScenario(new Enrollment.Even(40), Randomization.Method.BLOCKS, false);
        SamplingPlan plan = SamplingPlan.compile(s);
        Cohort full = sample(s, 600, 1, 2);
        Cohort small = sample(s, 120, 1, 2);
        assertPrefixEquals(small, full, 120, false);
        for (int i = 0; i < 120; i++) {
            assertEquals(40.0 * i / 120, plan.enrollment().entry(full, i, 120));
            assertEquals(small.enrolled[i], plan.enrollment().entry(full, i, 120), 1e-12);
        }
    }

    static void assertPrefixEquals(Cohort small, Cohort full, int n, boolean entries) {
        assertEquals(n, small.size);
        assertArrayEquals(small.arm, Arrays.copyOf(full.arm, n));
        assertArrayEquals(small.stratum, Arrays.copyOf(full.stratum, n));
        if (entries) {
            assertArrayEquals(small.enrolled, Arrays.copyOf(full.enrolled, n));
        }
        assertArrayEquals(small.dropout, Arrays.copyOf(full.dropout, n));
        assertArrayEquals(small.responded, Arrays.copyOf(full.responded, n));
        assertArrayEquals(small.remitted, Arrays.copyOf(full.remitted, n));
        assertArrayEquals(small.madrsBaseline, Arrays.copyOf(full.madrsBaseline, n));
        assertArrayEquals(small.madrsEndOfInduction, Arrays.copyOf(full.madrsEndOfInduction, n));
        assertArrayEquals(small.relapse, Arrays.copyOf(full.relapse, n));
        assertArrayEquals(small.benzodiazepineUser, Arrays.copyOf(full.benzodiazepineUser, n));
        assertArrayEquals(small.benzodiazepineDiscontinued, Arrays.copyOf(full.benzodiazepineDiscontinued, n));
        assertArrayEquals(small.benzodiazepineRelapse, Arrays.copyOf(full.benzodiazepineRelapse, n));
    }

    /**
     * Replay: replicate K drawn alone (fresh sampler) equals replicate K drawn after others by a reused
     * sampler, and replicates drawn on several threads in any order equal the sequential ones.
     */
    @Test
    void replicateDependsOnlyOnSeedAndIndex() throws Exception {
        Scenario s = fullScenario(new Enrollment.Uniform(52), Randomization.Method.BLOCKS, true);
        SamplingPlan plan = SamplingPlan.compile(s);
        CohortSampler reused = plan.newSampler();
        Cohort c = new Cohort(240);
        long[] fingerprints = new long[40];
        for (int r = 0; r < 40; r++) {
            reused.sample(c, 240, 2026, r);
            fingerprints[r] = fingerprint(c);
        }
        assertPrefixEquals(sample(s, 240, 2026, 17), copyOfReplicate(plan, 17), 240, true);
        assertEquals(fingerprints[17], fingerprint(sample(s, 240, 2026, 17)));
        assertTrue(fingerprints[17] != fingerprints[18]);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            @SuppressWarnings("unchecked")
            Future<Long>[] futures = new Future[40];
            for (int r = 39; r >= 0; r--) {
                final int replicate = r;
                futures[r] = pool.submit(() -> fingerprint(sample(s, 240, 2026, replicate)));
            }
            for (int r = 0; r < 40; r++) {
                assertEquals(fingerprints[r], futures[r].get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Cohort copyOfReplicate(SamplingPlan plan, int replicate) {
        CohortSampler sampler = plan.newSampler();
        Cohort c = new Cohort(240);
        for (int r = 0; r <= replicate; r++) {
            sampler.sample(c, 240, 2026, r);
        }
        return c;
    }

    private static long fingerprint(Cohort c) {
        long h = 1;
        for (int i = 0; i < c.size; i++) {
            h = 31 * h + c.arm[i];
            h = 31 * h + c.stratum[i];
            h = 31 * h + Double.doubleToLongBits(c.enrolled[i]);
            h = 31 * h + Double.doubleToLongBits(c.dropout[i]);
            h = 31 * h + Double.doubleToLongBits(c.madrsEndOfInduction[i]);
            h = 31 * h + Double.doubleToLongBits(c.relapse[i]);
            h = 31 * h + Double.doubleToLongBits(c.benzodiazepineRelapse[i]);
        }
        return h;
    }

    /**
     * Poisson enrollment with rate 3 per week until week 10, then 8: the number of arrivals by week t is
     * Poisson(Lambda(t)) with Lambda(20) = 30 + 80 = 110 and Lambda(5) = 15, as long as the cohort is large
     * enough to reach t. Over R replicates the mean count has MCSE sqrt(Lambda / R); tolerance 4 MCSE.
     */
    @Test
    void piecewiseEnrollmentIsPoisson() {
        Scenario s = new ScenarioFixture().enrollment(new Enrollment.Piecewise(List.of(0.0, 10.0), List.of(3.0, 8.0)))
                .arm("a", 1, false, new PatientModel(new ResponseModel.Probability(0.5, 0.2), null, null)).build();
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        Cohort c = new Cohort(400);
        int replicates = 2000;
        long by5 = 0;
        long by20 = 0;
        for (int r = 0; r < replicates; r++) {
            sampler.sample(c, 400, 8, r);
            for (int i = 0; i < 400; i++) {
                assertTrue(i == 0 || c.enrolled[i] >= c.enrolled[i - 1], "arrivals in index order");
                by5 += c.enrolled[i] <= 5 ? 1 : 0;
                by20 += c.enrolled[i] <= 20 ? 1 : 0;
            }
            assertTrue(c.enrolled[399] > 20, "cohort must outlast week 20 for the check to hold");
        }
        assertEquals(15, by5 / (double) replicates, 4 * Math.sqrt(15.0 / replicates));
        assertEquals(110, by20 / (double) replicates, 4 * Math.sqrt(110.0 / replicates));
    }

    /**
     * Steady state allocates nothing: after warm-up, sampling many replicates into the same cohort must not
     * allocate on this thread. Measured with the JVM's per-thread allocation counter (HotSpot); skipped where
     * it is unavailable. The bound of 64 KiB over 2000 replicates of 240 patients is far below one byte per
     * patient and replicate; a single boxed double per patient would allocate 7.7 MB.
     */
    @Test
    void steadyStateDoesNotAllocate() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            return;
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        Scenario s = fullScenario(new Enrollment.Piecewise(List.of(0.0, 10.0), List.of(3.0, 8.0)),
                Randomization.Method.BLOCKS, true);
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        Cohort c = new Cohort(240);
        for (int r = 0; r < 2000; r++) {
            sampler.sample(c, 240, 1, r);
        }
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int r = 0; r < 2000; r++) {
            sampler.sample(c, 240, 1, r);
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
    }
}
