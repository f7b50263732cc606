package org.trialsim.random;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generator floor: nanoseconds per raw draw of the generator trialsim uses. Every other sampling
 * benchmark is quoted as a ratio to this. Each method returns its draw so that JMH consumes it (no dead-code
 * elimination); the generator state changes on every call, so nothing can be constant-folded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GeneratorPerformance {

    private UniformRandomProvider rng;

    @Setup
    public void setup() {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
    }

    /** One nextDouble. */
    @Benchmark
    public double nextDouble() {
        return rng.nextDouble();
    }

    /** One nextLong. */
    @Benchmark
    public long nextLong() {
        return rng.nextLong();
    }
}
