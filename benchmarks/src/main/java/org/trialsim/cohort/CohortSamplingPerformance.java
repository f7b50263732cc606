package org.trialsim.cohort;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.trialsim.power.Workloads;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Scenario;

/**
 * Cohort sampling, in nanoseconds per patient ({@value #PATIENTS} patients per cohort, one replicate stream
 * per cohort), for a scenario: {@code binary} is a plain two-arm binary design (induction response alone),
 * {@code ketamine} the default scenario {@code ketamine-vs-midazolam} with every process.
 *
 * <p>{@code sample} is the library's {@link CohortSampler}. {@code drawsOnly} repositions trialsim's generator
 * and consumes exactly as many raw draws as the sampler makes for a cohort (counted in setup), so
 * {@code sample / drawsOnly}, measured in the same run, is the sampler's cost as a multiple of the generator
 * floor for the draws it makes. {@code naiveObjects} (binary only; the ketamine model has no naive twin) is
 * the baseline: a fresh list of patient objects per cohort, responses from commons-math3's
 * {@code BinomialDistribution(1, p).sample()}.
 *
 * <p>Counting the draws: {@link CohortSampler} owns its reseedable generator (so that the ziggurat samplers
 * stay bound to it), so no counting wrapper can be slipped in; instead the setup pass reads the generator's
 * 128-bit state after a cohort and counts the steps a reference xoroshiro128++ on the same replicate stream
 * takes to reach it. Every draw, whether nextDouble, nextLong or nextInt from a cached half, advances that
 * state by one 64-bit step (two nextInt share one), so the count is the number of 64-bit outputs consumed:
 * exactly what {@code drawsOnly} replays.
 *
 * <p>Dead code and constant folding: {@code sample} returns the cohort it filled (its arrays are reachable,
 * so the writes stay); {@code drawsOnly} returns the sum of its draws; each call uses the next replicate
 * index, so every call samples a different cohort.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CohortSamplingPerformance {

    static final int PATIENTS = 400;
    private static final long SEED = 20261122L;

    /** Which scenario. */
    @Param({"binary"})
    public String scenario;

    private CohortSampler sampler;
    private Cohort cohort;
    private final ReplicateRandom floor = new ReplicateRandom();
    private long drawsPerCohort;
    private long replicate;
    private BinomialDistribution[] naive;

    @Setup
    public void setup() throws ReflectiveOperationException {
        Scenario s = BenchmarkScenarios.byName(scenario, PATIENTS);
        sampler = SamplingPlan.compile(s).newSampler();
        cohort = new Cohort(PATIENTS);
        long total = 0;
        int cohorts = 20;
        for (int r = 0; r < cohorts; r++) {
            total += countDraws(sampler, cohort, r);
        }
        drawsPerCohort = Math.round((double) total / cohorts);
        System.out.printf("%n%s: %.2f raw draws per patient%n", scenario, (double) total / cohorts / PATIENTS);
        Well19937c mathRng = new Well19937c(SEED);
        naive = new BinomialDistribution[] {new BinomialDistribution(mathRng, 1, 0.2),
            new BinomialDistribution(mathRng, 1, 0.5)};
    }

    /** The library's sampler: one cohort of {@value #PATIENTS}. */
    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public Cohort sample() {
        sampler.sample(cohort, PATIENTS, SEED, ++replicate);
        return cohort;
    }

    /** Exactly the sampler's raw draws for one cohort, on a repositioned generator: the floor. */
    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double drawsOnly() {
        floor.reseed(SEED, ++replicate);
        double sum = 0;
        for (long i = 0; i < drawsPerCohort; i++) {
            sum += floor.nextDouble();
        }
        return sum;
    }

    /** One patient of the naive baseline. */
    record Patient(int arm, boolean responded) {
    }

    /** The naive baseline of the binary design: patient objects in a fresh list, commons-math3 sampling. */
    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public List<Patient> naiveObjects() {
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            int arm = i % 2;
            patients.add(new Patient(arm, naive[arm].sample() == 1));
        }
        return patients;
    }

    /** Raw 64-bit draws the sampler consumes for replicate {@code r}. */
    static long countDraws(CohortSampler sampler, Cohort cohort, long r) throws ReflectiveOperationException {
        sampler.sample(cohort, PATIENTS, SEED, r);
        Field f = CohortSampler.class.getDeclaredField("rng");
        f.setAccessible(true);
        byte[] after = state((RestorableUniformRandomProvider) f.get(sampler));
        long[] s = ReplicateStreams.state(SEED, r);
        XoRoShiRo128PlusPlus reference = new XoRoShiRo128PlusPlus(s[0], s[1]);
        for (long steps = 0; steps < 1_000_000_000L; steps++) {
            if (Arrays.equals(state(reference), after)) {
                return steps;
            }
            reference.nextLong();
        }
        throw new IllegalStateException("sampler generator state not reached from its replicate stream");
    }

    /** The 128-bit xoroshiro state (the first 16 bytes of the saved state; the rest is cached-bit bookkeeping). */
    private static byte[] state(RestorableUniformRandomProvider rng) {
        return Arrays.copyOf(((RandomProviderDefaultState) rng.saveState()).getState(), 16);
    }

    /** Shared so that the package-private sampler types stay out of other packages' benchmarks. */
    static final class BenchmarkScenarios {
        private BenchmarkScenarios() {
        }

        static Scenario byName(String name, int patients) {
            return switch (name) {
                case "binary" -> Workloads.binary("binary", List.of(patients));
                default -> throw new IllegalArgumentException("unknown scenario " + name);
            };
        }
    }
}
