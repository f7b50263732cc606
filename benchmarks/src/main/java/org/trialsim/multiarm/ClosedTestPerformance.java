package org.trialsim.multiarm;

import org.apache.commons.numbers.gamma.InverseErfc;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.trialsim.benchmarks.ShortOperationBenchmark;

/**
 * One stage of the closed combination test of a multi-arm selection design, in nanoseconds per stage: for each of
 * the {@code 2^g - 1} intersection hypotheses the stage-wise p-value of {@link IntersectionTest} (Dunnett by a
 * 192-node one-factor integral, Simes by a sort, Bonferroni by a minimum) and its inverse-normal term
 * {@code w Phi^-1(1 - p)}, the work {@link MultiArmSimulation} does per stage and replicate (its loop, restated
 * here because it is private to the simulation; the whole design is timed by {@code MultiArmSelectionPerformance}).
 * Dunnett with one arm left in an intersection is a normal tail, as in the simulation.
 *
 * <p>Inputs: {@value #DATASETS} vectors of stage-wise z statistics (standard normal plus 0.3), 1:1 allocation to the
 * control (lambda = sqrt(1/2)), taken in turn from {@code @State}. Dead code: each method returns the sum of the
 * combined terms, which depends on every p-value.
 */
public class ClosedTestPerformance extends ShortOperationBenchmark {

    static final int DATASETS = 64;

    /** The number of treatment arms. */
    @Param({"3", "4"})
    public int arms;

    private double[][] z;
    private double[][] p;
    private double[] lambda;
    private double[] sorted;
    private int next;

    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);
        org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian gauss =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        z = new double[DATASETS][arms];
        p = new double[DATASETS][arms];
        for (int d = 0; d < DATASETS; d++) {
            for (int i = 0; i < arms; i++) {
                z[d][i] = 0.3 + gauss.sample();
                p[d][i] = IntersectionTest.upper(z[d][i]);
            }
        }
        lambda = new double[arms];
        java.util.Arrays.fill(lambda, Math.sqrt(0.5));
        sorted = new double[arms];
    }

    private double stage(IntersectionTest test) {
        next = (next + 1) & (DATASETS - 1);
        int full = (1 << arms) - 1;
        double sum = 0;
        for (int set = 1; set <= full; set++) {
            double ps = test.pValue(set, full, z[next], p[next], lambda, sorted);
            sum += Math.sqrt(0.5) * Math.sqrt(2) * InverseErfc.value(2 * ps);
        }
        return sum;
    }

    /** Every intersection by Dunnett's test. */
    @Benchmark
    public double dunnett() {
        return stage(IntersectionTest.DUNNETT);
    }

    /** Every intersection by Simes' test. */
    @Benchmark
    public double simes() {
        return stage(IntersectionTest.SIMES);
    }

    /** Every intersection by Bonferroni's test. */
    @Benchmark
    public double bonferroni() {
        return stage(IntersectionTest.BONFERRONI);
    }
}
