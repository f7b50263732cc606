package org.trialsim.random;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
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
 * The generator floor: nanoseconds per raw draw of the generator trialsim uses, {@link ReplicateRandom}
 * (xoroshiro128++, repositioned per replicate), and the cost of moving it to a replicate's stream. Every
 * sampling benchmark is quoted as a ratio to this. For comparison, {@code newStreamAllocating} is the
 * allocating alternative, a fresh commons-rng generator per replicate ({@link ReplicateStreams#create}).
 *
 * <p>Dead code and constant folding: each method returns its draw (JMH consumes it); the generator state
 * changes on every call, and {@code reseed} moves to a new replicate index on every call, returning the
 * first draw of that stream so that the reseed cannot be skipped.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GeneratorPerformance {

    private final ReplicateRandom rng = new ReplicateRandom();
    private long replicate;

    @Setup
    public void setup() {
        rng.reseed(42L, 0);
    }

    /** One nextDouble: the floor of every uniform-based draw. */
    @Benchmark
    public double nextDouble() {
        return rng.nextDouble();
    }

    /** One nextLong: the floor of the ziggurat samplers (normal, exponential), which consume longs. */
    @Benchmark
    public long nextLong() {
        return rng.nextLong();
    }

    /** Repositioning at the next replicate's stream plus its first draw: the per-replicate overhead. */
    @Benchmark
    public long reseed() {
        rng.reseed(42L, ++replicate);
        return rng.nextLong();
    }

    /** A new commons-rng generator per replicate plus its first draw: what reseeding saves. */
    @Benchmark
    public long newStreamAllocating() {
        UniformRandomProvider r = ReplicateStreams.create(42L, ++replicate);
        return r.nextLong();
    }
}
