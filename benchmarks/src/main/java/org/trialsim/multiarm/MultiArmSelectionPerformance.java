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
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * A whole binary multi-arm selection design, in milliseconds per study of 10,000 trials on one thread: three arms
 * against a control of 0.25 (rates 0.25, 0.40, 0.45), 30 then 30 more patients per arm and stage, the best arm
 * kept if its effect exceeds 0.01, closed inverse-normal combination test with the chosen intersection test at
 * one-sided 0.025 (O'Brien-Fleming type bounds): design R1 of {@code MultiArmRatesRpactTest}, which rpact's
 * {@code getSimulationMultiArmRates} takes minutes to simulate with Dunnett. Dead code: returns the result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MultiArmSelectionPerformance {

    /** The intersection test. */
    @Param({"DUNNETT", "SIMES"})
    public IntersectionTest test;

    /** Simulated trials per study (10,000; the smoke test sets fewer). */
    @Param("10000")
    public int replicates;

    /** 10,000 trials of the design, one thread. */
    @Benchmark
    public MultiArmResult rates() {
        double[] critical = GroupSequentialBoundaries.efficacyOnly(new double[] {0.5, 1},
                SpendingFunction.obrienFleming(), 0.025).efficacyBounds();
        MultiArmDesign d = new MultiArmDesign(MultiArmDesign.Outcome.RATES, new String[] {"a", "b", "c"},
                new double[] {0.25, 0.40, 0.45}, 0.25, 1, new int[] {30, 60}, new int[] {30, 30}, test,
                new Selection(Selection.Rule.BEST, 1, 0, 0.01), critical, new double[] {-6}, true);
        return new MultiArmSimulation(d, 20261206L).run("rates", replicates, 1);
    }

    /**
     * 10,000 trials of the same shape on a continuous endpoint with each arm's SD and dropout (the MADRS change of
     * {@code examples/ketamine-doses-madrs.yaml}: improvements over placebo 11.2, 6.7, 3.0 points, SDs 10.2, 11.0,
     * 11.3 against the control's 10.0, 90.6% analysed, so 30 Bernoulli draws per arm and stage before each mean),
     * the best arm kept if its advantage exceeds 2 points.
     */
    @Benchmark
    public MultiArmResult means() {
        double[] critical = GroupSequentialBoundaries.efficacyOnly(new double[] {0.5, 1},
                SpendingFunction.obrienFleming(), 0.025).efficacyBounds();
        MultiArmDesign.Analysed analysed = new MultiArmDesign.Analysed(new double[] {10.2, 11.0, 11.3}, 10.0,
                new double[] {0.906, 0.906, 0.906}, 0.906);
        MultiArmDesign d = new MultiArmDesign(MultiArmDesign.Outcome.MEANS, new String[] {"a", "b", "c"},
                new double[] {16.8, 12.3, 8.6}, 5.6, 10.0, new int[] {30, 60}, new int[] {30, 30}, test,
                new Selection(Selection.Rule.BEST, 1, 0, 2), critical, new double[] {-6}, true, analysed);
        return new MultiArmSimulation(d, 20261206L).run("means", replicates, 1);
    }
}
