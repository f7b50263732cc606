package org.trialsim.multiarm;

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
 * W7 of issue #16: a three-arm trial (control, two experimental arms; rates 0.25, 0.35, 0.45) with
 * response-adaptive randomisation (Thall-Wathen transform n/(2N), floor 0.1, cap 0.8, inferiority 0.01,
 * futility 0.05, superiority 0.99, success 0.975), 200 patients, 4 interims (after 40, 80, 120, 160) and the
 * final analysis, 10,000 simulated trials on one thread, in seconds per study (one cold warm-up study, then three
 * measured). The same design as {@code ResponseAdaptiveSimulationTest.w7} and the R peer
 * {@code benchmarks/peers/w7.R}; {@code benchmarks/peers/w7.sh} times both side by side ({@link W7Run}). Dead
 * code: the result is returned.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ResponseAdaptivePerformance {

    /** The W7 design. */
    static final ResponseAdaptiveDesign W7 = new ResponseAdaptiveDesign(new String[] {"control", "a", "b"},
            new double[] {0.25, 0.35, 0.45}, 0, 1, 1, new int[] {40, 80, 120, 160, 200}, Double.NaN, 0.1, 0.8,
            Double.NaN, 0.01, 0.05, 0.99, 0.975);

    /** Simulated trials per study (10,000 for W7; the smoke test sets fewer). */
    @Param("10000")
    public int replicates;

    /** W7: 10,000 trials, one thread. */
    @Benchmark
    public ResponseAdaptiveResult w7() {
        return new ResponseAdaptiveSimulation(W7, 20261206L).run("w7", replicates, 1);
    }
}
