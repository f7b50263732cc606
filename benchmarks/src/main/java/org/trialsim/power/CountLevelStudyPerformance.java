package org.trialsim.power;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole binary studies W1 and W3 through the count-level fast path ({@link CountLevelBinaryStudy}: binomial
 * increments per arm and grid step instead of patients). Their naive baseline is {@link NaiveStudyPerformance}.
 *
 * <p>W1: {@code replicates} two-arm trials, 100 per arm, response 0.2 vs 0.5, Pearson chi-square at
 * two-sided 5%. W3: W1 at 10 sample sizes, 20 to 200 per arm, nested. {@code w1At200} is W1 at W3's largest
 * size, the denominator of the W3/W1 ratio. Time per operation is one whole study; trials per second =
 * trials per study / time (a W3 study is {@code 10 * replicates} trials).
 *
 * <p>Dead code and constant folding: every method returns the rejection counts (JMH consumes them); the
 * inputs live in {@code @State} fields, and each call draws fresh replicate streams from a seed that
 * advances per call, so no call can reuse another's result.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CountLevelStudyPerformance {

    /** Two-sided 5% critical value of chi-square with one degree of freedom (qchisq(0.95, 1) in R). */
    static final double CRITICAL = 3.841458820694124;
    static final int[] W3_GRID = {20, 40, 60, 80, 100, 120, 140, 160, 180, 200};

    /** Replicates per study (10,000 in the workload definitions; 1,000,000 for the scaling target). */
    @Param({"10000"})
    public int replicates;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    private ExecutorService pool;
    private long seed;

    @Setup(Level.Trial)
    public void setup() {
        pool = Executors.newFixedThreadPool(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    private long nextSeed() {
        return ++seed;
    }

    /** W1 by counts. */
    @Benchmark
    public long[] w1Counts() {
        return new CountLevelBinaryStudy(new int[] {100}, 0.2, 0.5, CRITICAL, nextSeed())
                .run(replicates, threads, pool);
    }

    /** W1 at 200 per arm by counts. */
    @Benchmark
    public long[] w1At200Counts() {
        return new CountLevelBinaryStudy(new int[] {200}, 0.2, 0.5, CRITICAL, nextSeed())
                .run(replicates, threads, pool);
    }

    /** W3 by nested counts. */
    @Benchmark
    public long[] w3Counts() {
        return new CountLevelBinaryStudy(W3_GRID, 0.2, 0.5, CRITICAL, nextSeed()).run(replicates, threads, pool);
    }
}
