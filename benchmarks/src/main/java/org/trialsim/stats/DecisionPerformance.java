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
import org.trialsim.stats.multiplicity.TestingGraph;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * The decision layer, in nanoseconds per call; its cost does not depend on the number of patients, so it is
 * measured once (at 100 and at 1000 patients per arm alike): a graphical multiplicity procedure over four
 * endpoints (Bretz et al. 2009; the fallback graph with weights 0.4/0.3/0.2/0.1), the group-sequential
 * decision at a look of a three-look O'Brien-Fleming design, and, for scale, building those boundaries
 * (once per study, not per replicate).
 *
 * <p>Dead code and constant folding: each method returns its decision (a count or an ordinal) or the
 * boundaries; inputs come from {@value #DATASETS} simulated p-value vectors and z statistics in
 * {@code @State} arrays, taken in turn, so they change on every call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecisionPerformance {

    static final int DATASETS = 64;
    private static final double[] FRACTIONS = {1.0 / 3, 2.0 / 3, 1};

    private final double[][] pValues = new double[DATASETS][4];
    private final double[] z = new double[DATASETS];
    private final boolean[] rejected = new boolean[4];
    private GraphicalProcedure graphical;
    private GroupSequentialBoundaries boundaries;
    private int next;

    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int d = 0; d < DATASETS; d++) {
            for (int j = 0; j < 4; j++) {
                // Mixture of small and null-like p-values, so the graph propagates sometimes and not always.
                pValues[d][j] = rng.nextDouble() < 0.6 ? 0.05 * rng.nextDouble() : rng.nextDouble();
            }
            z[d] = 3 * rng.nextDouble();
        }
        graphical = new GraphicalProcedure(TestingGraph.fallback(new double[] {0.4, 0.3, 0.2, 0.1}));
        boundaries = GroupSequentialBoundaries.efficacyOnly(FRACTIONS, SpendingFunction.obrienFleming(), 0.025);
    }

    private int nextDataset() {
        next = (next + 1) & (DATASETS - 1);
        return next;
    }

    /** Graphical procedure over four hypotheses at alpha 0.025. */
    @Benchmark
    public int graphical() {
        return graphical.reject(pValues[nextDataset()], 0.025, rejected);
    }

    /** Group-sequential decision at look (call mod 3). */
    @Benchmark
    public int groupSequentialDecision() {
        int d = nextDataset();
        return boundaries.decide(d % 3, z[d]).ordinal();
    }

    /** Building three-look O'Brien-Fleming boundaries (per study). */
    @Benchmark
    public GroupSequentialBoundaries groupSequentialBoundaries() {
        return GroupSequentialBoundaries.efficacyOnly(FRACTIONS, SpendingFunction.obrienFleming(),
                0.02 + 0.0001 * nextDataset());
    }
}
