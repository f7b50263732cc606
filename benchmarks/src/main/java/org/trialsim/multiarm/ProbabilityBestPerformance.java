package org.trialsim.multiarm;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.trialsim.benchmarks.ShortOperationBenchmark;

/**
 * The posterior probability that each arm is best, the rule response-adaptive randomisation evaluates at every
 * look of every simulated trial ({@link ProbabilityBest}, by quadrature), in nanoseconds per look: the
 * {@code P(best)} of every arm from independent beta posteriors, and that plus {@code P(p_arm > p_control)} for the
 * leading arm, as {@link ResponseAdaptiveSimulation} does at a look with a control.
 *
 * <p>Inputs: {@value #DATASETS} sets of posteriors with the patient counts of W7's looks (10 to 90 per arm, uniform
 * priors, responders drawn from rates 0.25 to 0.45), precomputed in {@code @State} arrays and taken in turn, so
 * neither the inputs nor the result are constants. Dead code: each method returns a value that depends on every
 * probability computed.
 */
public class ProbabilityBestPerformance extends ShortOperationBenchmark {

    static final int DATASETS = 64;

    /** The number of arms compared. */
    @Param({"3", "5"})
    public int arms;

    private double[][] a;
    private double[][] b;
    private double[] out;
    private ProbabilityBest best;
    private int next;

    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(17L);
        a = new double[DATASETS][arms];
        b = new double[DATASETS][arms];
        for (int d = 0; d < DATASETS; d++) {
            for (int i = 0; i < arms; i++) {
                int n = 10 + rng.nextInt(81);
                double rate = 0.25 + 0.2 * i / (arms - 1);
                int x = 0;
                for (int j = 0; j < n; j++) {
                    x += rng.nextDouble() < rate ? 1 : 0;
                }
                a[d][i] = 1 + x;
                b[d][i] = 1 + n - x;
            }
        }
        out = new double[arms];
        best = new ProbabilityBest(arms);
    }

    private int nextDataset() {
        next = (next + 1) & (DATASETS - 1);
        return next;
    }

    /** P(best) of every arm at one look. */
    @Benchmark
    public double probabilityBest() {
        int d = nextDataset();
        best.compute(a[d], b[d], (1 << arms) - 1, out);
        double sum = 0;
        for (double p : out) {
            sum += p;
        }
        return sum;
    }

    /** P(best) of every arm, then P(last arm beats the first, the control): one look of W7. */
    @Benchmark
    public double probabilityBestAndBeatsControl() {
        int d = nextDataset();
        best.compute(a[d], b[d], (1 << arms) - 1, out);
        return out[0] + best.exceeds(arms - 1, 0);
    }
}
