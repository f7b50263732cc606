package org.trialsim.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings of the benchmarks of short operations (one draw, one cohort, one analysis, one decision):
 * average time in nanoseconds, 3 warm-up and 5 measured iterations of 1 s in one fork, per-thread state.
 * Subclasses inherit them (these JMH annotations are {@code @Inherited}); the whole-study benchmarks, timed in
 * milliseconds, do not extend it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public abstract class ShortOperationBenchmark {
}
