package org.trialsim.cohort;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.trialsim.benchmarks.ShortOperationBenchmark;
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
 * floor for the draws it makes. The naive baseline of the binary design is {@link NaiveCohortPerformance}.
 *
 * <p>Counting the draws: {@link CohortSampler} owns its reseedable generators (one per channel, patients and
 * allocation, so that the ziggurat samplers stay bound to them), so no counting wrapper can be slipped in;
 * instead the setup pass reads each generator's 128-bit state after a cohort and counts the steps a reference
 * xoroshiro128++ on the replicate's channel takes to reach it. Every draw, whether nextDouble, nextLong or nextInt from a cached half, advances that
 * state by one 64-bit step (two nextInt share one), so the count is the number of 64-bit outputs consumed:
 * exactly what {@code drawsOnly} replays.
 *
 * <p>Dead code and constant folding: {@code sample} returns the cohort it filled (its arrays are reachable,
 * so the writes stay); {@code drawsOnly} returns the sum of its draws; each call uses the next replicate
 * index, so every call samples a different cohort.
 */
public class CohortSamplingPerformance extends ShortOperationBenchmark {

    static final int PATIENTS = 400;
    private static final long SEED = 20261122L;

    /** Which scenario. */
    @Param({"ketamine", "binary"})
    public String scenario;

    private CohortSampler sampler;
    private Cohort cohort;
    private final ReplicateRandom floor = new ReplicateRandom();
    private long drawsPerCohort;
    private long replicate;

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
    }

    /** The library's sampler: one cohort of {@value #PATIENTS}. */
    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public Cohort sample() {
        sampler.sample(cohort, PATIENTS, SEED, ++replicate);
        return cohort;
    }

    /**
     * Exactly the sampler's raw draws for one cohort, on one repositioned generator (the sampler repositions
     * one per channel; the second reseed costs about 5 ns per cohort, noise at 400 patients): the floor.
     */
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

    /**
     * Raw 64-bit draws the sampler consumes for replicate {@code r}, summed over every generator it owns
     * (one per channel of {@link ReplicateStreams}: patients, allocation): for each generator field, the
     * number of steps from the start of one of the replicate's channels to the generator's state after the
     * cohort.
     */
    static long countDraws(CohortSampler sampler, Cohort cohort, long r) throws ReflectiveOperationException {
        sampler.sample(cohort, PATIENTS, SEED, r);
        long total = 0;
        int generators = 0;
        for (Field f : CohortSampler.class.getDeclaredFields()) {
            if (!RestorableUniformRandomProvider.class.isAssignableFrom(f.getType())) {
                continue;
            }
            f.setAccessible(true);
            byte[] after = state((RestorableUniformRandomProvider) f.get(sampler));
            total += stepsFromAnyChannel(after, r, f.getName());
            generators++;
        }
        if (generators == 0) {
            throw new IllegalStateException("CohortSampler holds no generator field: update the draw count");
        }
        return total;
    }

    /** Steps all channels' reference generators in lockstep, so the cost is bounded by the true count. */
    private static long stepsFromAnyChannel(byte[] after, long r, String field) {
        XoRoShiRo128PlusPlus[] reference = new XoRoShiRo128PlusPlus[ReplicateStreams.CHANNELS];
        for (int channel = 0; channel < reference.length; channel++) {
            long[] s = ReplicateStreams.state(SEED, r, channel);
            reference[channel] = new XoRoShiRo128PlusPlus(s[0], s[1]);
        }
        for (long steps = 0; steps < 100_000_000L; steps++) {
            for (XoRoShiRo128PlusPlus g : reference) {
                if (Arrays.equals(state(g), after)) {
                    return steps;
                }
                g.nextLong();
            }
        }
        throw new IllegalStateException("generator " + field + " is not on any channel of replicate " + r);
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
                case "ketamine" -> Workloads.ketamine();
                default -> throw new IllegalArgumentException("unknown scenario " + name);
            };
        }
    }
}
