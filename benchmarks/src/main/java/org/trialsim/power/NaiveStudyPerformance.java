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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The naive baselines of the whole binary studies W1 and W3 ({@link NaiveBinaryStudy}: a fresh list of patient
 * objects per trial, commons-math3 distribution sampling and chi-square test, no nesting), on one thread.
 * Compare with {@link CountLevelStudyPerformance} and {@code WholeStudyPerformance} at the same
 * {@code replicates}: the ratio is what the tuning buys.
 *
 * <p>Dead code and constant folding: each method returns its rejection count; the generator is seeded from
 * a counter that advances per call, so every call simulates different trials.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class NaiveStudyPerformance {

    /** Replicates per study. */
    @Param({"10000"})
    public int replicates;

    private long seed;

    /** Naive W1. */
    @Benchmark
    public long w1Naive() {
        return new NaiveBinaryStudy(0.2, 0.5, 0.05, ++seed).run(replicates, 100);
    }

    /** Naive W3: a fresh set of trials at every sample size. */
    @Benchmark
    public long w3Naive() {
        NaiveBinaryStudy study = new NaiveBinaryStudy(0.2, 0.5, 0.05, ++seed);
        long rejections = 0;
        for (int n : CountLevelStudyPerformance.W3_GRID) {
            rejections += study.run(replicates, n);
        }
        return rejections;
    }
}
