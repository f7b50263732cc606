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

    /**
     * Common random numbers across parameter values: two scenarios that differ only in parameter values
     * (response probability, dropout, relapse hazard ratio, benzodiazepine discontinuation) and in the
     * randomization (blocks versus simple) consume the patients' stream identically. So strata and entries
     * are equal patient by patient, responders of the 0.4 scenario respond in the 0.5 scenario (same uniform),
     * and a patient who responds in both with a finite relapse has relapse times in the ratio of the hazard
     * ratios (exponential hazard: same E, t = E / (HR lambda)).
     */
    @Test
    void parameterChangesKeepPatientsAligned() {
        Scenario a = crnScenario(0.4, 0.05, 1.0, 0.8, Randomization.Method.BLOCKS);
        Scenario b = crnScenario(0.5, 0.15, 0.5, 0.6, Randomization.Method.SIMPLE);
        Cohort ca = sample(a, 2000, 12, 4);
        Cohort cb = sample(b, 2000, 12, 4);
        assertArrayEquals(ca.stratum, cb.stratum);
        assertArrayEquals(ca.enrolled, cb.enrolled);
        int both = 0;
        for (int i = 0; i < 2000; i++) {
            assertTrue(!ca.booleans(InductionResponse.RESPONDED)[i] || cb.booleans(InductionResponse.RESPONDED)[i], "responders of 0.4 respond at 0.5");
            assertTrue(!(ca.dropout[i] < 4) || cb.dropout[i] < 4, "early dropouts at 5% drop out early at 15%");
            if (ca.booleans(InductionResponse.RESPONDED)[i] && cb.booleans(InductionResponse.RESPONDED)[i] && ca.doubles(RelapseTime.TIME)[i] < INF && cb.doubles(RelapseTime.TIME)[i] < INF) {
                assertEquals(2 * (ca.doubles(RelapseTime.TIME)[i] - 4), cb.doubles(RelapseTime.TIME)[i] - 4, 1e-9 * ca.doubles(RelapseTime.TIME)[i]);
                both++;
            }
            if (ca.booleans(BenzodiazepineCourse.DISCONTINUED)[i] && ca.booleans(InductionResponse.RESPONDED)[i] == cb.booleans(InductionResponse.RESPONDED)[i]) {
                // d_R 0.8 -> 0.6 with the same uniform: discontinuers at 0.6 are a subset of those at 0.8.
                assertTrue(!cb.booleans(BenzodiazepineCourse.DISCONTINUED)[i] || ca.booleans(BenzodiazepineCourse.DISCONTINUED)[i]);
            }
        }
        assertTrue(both > 300, "enough aligned relapses to check: " + both);
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    private static Scenario crnScenario(double response, double dropout, double hazardRatio,
            double discontinuation, Randomization.Method method) {
        PatientModel m = new PatientModel(new ResponseModel.Probability(response, 0.1),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.05), 0.2, hazardRatio),
                new Benzodiazepine(discontinuation, 0.5, new Hazard.Exponential(0.02), 2));
        return new ScenarioFixture().stratum("users", 0.44, true).stratum("others", 0.56, false)
                .arm("ketamine", 1, false, m).arm("control", 1, true, m).randomization(method, 4, true)
                .dropout(dropout, 0.01).build();
    }

    /**
     * Even enrollment: everything but the entry times nests; entries are recomputed as i * A / n for patient
     * i = 1..n (rpact's convention: the last patient enters at A).
     */
    @Test
    void evenEnrollmentNestsThroughEntryRecomputation() {
        Scenario s = fullScenario(new Enrollment.Even(40), Randomization.Method.BLOCKS, false);
        SamplingPlan plan = SamplingPlan.compile(s);
        Cohort full = sample(s, 600, 1, 2);
        Cohort small = sample(s, 120, 1, 2);
        assertPrefixEquals(small, full, 120, false);
        assertEquals(40, plan.enrollment().entry(full, 599, 600));
        assertEquals(40, full.enrolled[599]);
        for (int i = 0; i < 120; i++) {
            assertEquals(40.0 * (i + 1) / 120, plan.enrollment().entry(full, i, 120));
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
        // every process column, whichever processes are registered (a column neither cohort allocated is at its
        // default in both)
        for (Column column : Column.all()) {
            if (!small.has(column) && !full.has(column)) {
                continue;
            }
            if (column instanceof Column.Doubles d) {
                assertArrayEquals(Arrays.copyOf(small.doubles(d), n), Arrays.copyOf(full.doubles(d), n), column.name());
            } else if (column instanceof Column.Labels l) {
                assertArrayEquals(Arrays.copyOf(small.labels(l), n), Arrays.copyOf(full.labels(l), n), column.name());
            } else {
                Column.Booleans b = (Column.Booleans) column;
                assertArrayEquals(Arrays.copyOf(small.booleans(b), n), Arrays.copyOf(full.booleans(b), n), column.name());
            }
        }
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
            List<Future<Long>> futures = new java.util.ArrayList<>();
            for (int r = 39; r >= 0; r--) {
                final int replicate = r;
                futures.add(pool.submit(() -> fingerprint(sample(s, 240, 2026, replicate))));
            }
            for (int r = 0; r < 40; r++) {
                assertEquals(fingerprints[r], futures.get(39 - r).get());
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
            h = 31 * h + Double.doubleToLongBits(c.doubles(InductionResponse.MADRS_END)[i]);
            h = 31 * h + Double.doubleToLongBits(c.doubles(RelapseTime.TIME)[i]);
            h = 31 * h + Double.doubleToLongBits(c.doubles(BenzodiazepineCourse.RELAPSE)[i]);
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
