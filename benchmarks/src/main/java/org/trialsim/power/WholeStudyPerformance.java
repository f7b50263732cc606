package org.trialsim.power;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.trialsim.scenario.Scenario;

/**
 * Whole power studies through the library's engine ({@link PowerStudy}: nested cohorts, one stream per
 * replicate, batches over worker threads), in milliseconds per study of {@code replicates} replicates,
 * on {@code threads} threads. Only the alternative is simulated ({@code nullHypothesis(false)}), as the
 * peers do; trials per second = trials per study / time (W3: 10 trials per replicate; W4: one per replicate
 * and sample size of its grid).
 *
 * <ul>
 * <li>{@code w1}: W1, 100 per arm, chi-square; {@code w1At200}: W1 at 200 per arm (W3's largest size, the
 * denominator of the W3 target);
 * <li>{@code w2}: W2, exponential, N = 500, log-rank at the 300th event;
 * <li>{@code w3}: W1 over 10 nested sample sizes, 20 to 200 per arm;
 * <li>{@code w4}: the default scenario {@code ketamine-vs-midazolam} over its grid.
 * </ul>
 *
 * <p>Dead code and constant folding: each method returns the study's result; the scenarios live in
 * {@code @State} fields and every call runs with a new master seed, so no two calls simulate the same
 * trials.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class WholeStudyPerformance {

    /** Replicates per study (10,000 in the workload definitions; 1,000,000 for the scaling target). */
    @Param({"10000"})
    public int replicates;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    private Scenario w1;
    private Scenario w1At200;
    private Scenario w2;
    private Scenario w3;
    private Scenario w4;
    private long seed;

    @Setup
    public void setup() {
        w1 = Workloads.w1(100);
        w1At200 = Workloads.w1(200);
        w2 = Workloads.w2();
        w3 = Workloads.w3();
        w4 = Workloads.ketamine();
    }

    private StudyResult run(Scenario s) {
        return Workloads.alternativeOnly(PowerStudy.of(s), replicates, ++seed, threads);
    }

    /** W1. */
    @Benchmark
    public StudyResult w1() {
        return run(w1);
    }

    /** W1 at 200 per arm. */
    @Benchmark
    public StudyResult w1At200() {
        return run(w1At200);
    }

    /** W2. */
    @Benchmark
    public StudyResult w2() {
        return run(w2);
    }

    /** W3. */
    @Benchmark
    public StudyResult w3() {
        return run(w3);
    }

    /** W4. */
    @Benchmark
    public StudyResult w4() {
        return run(w4);
    }
}
