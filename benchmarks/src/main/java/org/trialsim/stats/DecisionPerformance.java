package org.trialsim.stats;

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
import org.trialsim.stats.multiplicity.GraphicalProcedure;
import org.trialsim.stats.multiplicity.Hochberg;
import org.trialsim.stats.multiplicity.TestingGraph;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * The per-trial decision calls of the Monte Carlo loop: a group-sequential look and a multiplicity step over
 * four endpoints. Inputs are drawn fresh on every call (the draw is part of the cost and is measured alone by
 * GeneratorPerformance), so nothing can be constant-folded; results are returned for JMH to consume.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecisionPerformance {

    private UniformRandomProvider rng;
    private GroupSequentialBoundaries boundaries;
    private GraphicalProcedure holm;
    private GraphicalProcedure gatekeeping;
    private Hochberg hochberg;
    private final double[] p = new double[4];
    private final boolean[] rejected = new boolean[4];

    @Setup
    public void setup() {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        boundaries = GroupSequentialBoundaries.withBetaSpending(new double[] {0.33, 0.67, 1},
                SpendingFunction.obrienFleming(), 0.025, SpendingFunction.obrienFleming(), 0.2);
        holm = new GraphicalProcedure(TestingGraph.holm(4));
        gatekeeping = new GraphicalProcedure(TestingGraph.of(new double[] {0.5, 0.5, 0, 0}, new double[][] {
            {0, 0.5, 0.5, 0}, {0.5, 0, 0, 0.5}, {0, 1, 0, 0}, {1, 0, 0, 0}}));
        hochberg = new Hochberg(4);
    }

    private void drawPValues() {
        for (int i = 0; i < 4; i++) {
            final double u = rng.nextDouble();
            p[i] = u * u * 0.1;
        }
    }

    /** One group-sequential decision at a random look and z. */
    @Benchmark
    public int groupSequentialDecide() {
        return boundaries.decide(rng.nextInt(3), 4 * rng.nextDouble() - 1).ordinal();
    }

    /** Holm over four endpoints, as a graph. */
    @Benchmark
    public int holmByGraph() {
        drawPValues();
        return holm.reject(p, 0.025, rejected);
    }

    /** A two-primary, two-secondary gatekeeping graph. */
    @Benchmark
    public int gatekeepingGraph() {
        drawPValues();
        return gatekeeping.reject(p, 0.025, rejected);
    }

    /** Hochberg over four endpoints. */
    @Benchmark
    public int hochbergStepUp() {
        drawPValues();
        return hochberg.reject(p, 0.025, rejected);
    }
}
