package org.trialsim.stats;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.trialsim.benchmarks.ShortOperationBenchmark;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * One MMRM fit ({@link MmrmTest}: unstructured covariance, REML, Satterthwaite df of the week-6 contrast) in
 * microseconds per fit, at {@code patients} patients (two arms) and 6 visits with monotone dropout, on
 * {@value #DATASETS} data sets drawn once ({@link #dataSet}); and W6, a whole study: two arms, 200 patients, 6
 * visits, MMRM at the last visit, 10,000 trials ({@link #w6}).
 *
 * <p>Side by side with R: {@code java -cp benchmarks/target/benchmarks.jar org.trialsim.stats.MmrmFitPerformance
 * DIR} writes the data sets as CSV ({@code DIR/mmrm-N-K.csv}: id, arm, base, visit, chg), which
 * {@code benchmarks/mmrm/nlme_gls_timing.R} fits with {@code nlme::gls(corSymm, varIdent, REML)} and times.
 *
 * <p>Dead code and constant folding: each call fits the next data set and returns its p-value.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MmrmFitPerformance extends ShortOperationBenchmark {

    static final int DATASETS = 16;
    static final int VISITS = 6;

    /** Patients (both arms). */
    @Param({"100", "500"})
    public int patients;

    private Data[] data;
    private int next;
    private final MmrmTest test = MmrmTest.withDefaults();
    private final MmrmTest.Result result = new MmrmTest.Result();

    /** One data set in the fit's layout. */
    record Data(double[] change, double[] baseline, boolean[] treatment, int[] observed) {
    }

    /**
     * Data set {@code k} of {@code n} patients: arms alternate; baseline N(30, 6^2); changes N(mu, Sigma) with
     * mu = -8 (1 - exp(-week / 2)) in control and 3 points more improvement at the last visit in treatment,
     * Sigma = 10^2 AR(1) 0.6; after each visit a patient stays with probability 0.93 (about 35% drop out by
     * the last visit).
     */
    static Data dataSet(int n, int k) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1000L * n + k);
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] change = new double[n * VISITS];
        double[] baseline = new double[n];
        boolean[] treatment = new boolean[n];
        int[] observed = new int[n];
        for (int i = 0; i < n; i++) {
            treatment[i] = i % 2 == 1;
            baseline[i] = 30 + 6 * z.sample();
            double previous = 0;
            for (int v = 0; v < VISITS; v++) {
                double e = v == 0 ? z.sample() : 0.6 * previous + 0.8 * z.sample();
                previous = e;
                double mu = -8 * (1 - Math.exp(-(v + 1) / 2.0)) - (treatment[i] ? 0.5 * (v + 1) : 0);
                change[i * VISITS + v] = mu + 10 * e;
            }
            int m = 1;
            while (m < VISITS && rng.nextDouble() < 0.93) {
                m++;
            }
            observed[i] = m;
        }
        return new Data(change, baseline, treatment, observed);
    }

    @Setup
    public void setup() {
        data = new Data[DATASETS];
        for (int k = 0; k < DATASETS; k++) {
            data[k] = dataSet(patients, k);
        }
    }

    /** One fit of the next data set. */
    @Benchmark
    public double fit() {
        Data d = data[next];
        next = (next + 1) % DATASETS;
        return test.test(d.change(), d.baseline(), d.treatment(), d.observed(), patients, VISITS, VISITS - 1, result)
                .pValue();
    }

    /** W6: the whole study, in milliseconds (one shot per iteration: 10,000 trials take seconds). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @Fork(1)
    public StudyResult w6() {
        return PowerStudy.of(W6).replicates(10_000).seed(++next).threads(1).nullHypothesis(false).run();
    }

    static final Scenario W6 = ScenarioParser.parse("""
            name: w6
            design: {sample_sizes: [200], alpha: 0.05, sides: 2}
            arms:
              treatment:
                score_trajectories:
                  score:
                    visits: [1, 2, 3, 4, 5, 6]
                    baseline: {mean: 30, sd: 6}
                    change: [-4, -6.5, -8, -9.5, -10.5, -11]
                    sd: 10
                    correlation: {structure: ar1, rho: 0.6}
              control:
                control: true
                score_trajectories:
                  score:
                    visits: [1, 2, 3, 4, 5, 6]
                    baseline: {mean: 30, sd: 6}
                    change: [-3.1, -5.0, -6.2, -6.9, -7.4, -7.8]
                    sd: 10
                    correlation: {structure: ar1, rho: 0.6}
            dropout: {per_week: 0.07}
            endpoints:
              change: {kind: score_change, outcome: score, test: mmrm, at_week: 6}
            """, "w6.yaml");

    /**
     * Writes the data sets of both sizes as CSV into the folder given, for {@code nlme_gls_timing.R}.
     *
     * @param args the folder
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        for (int n : new int[] {100, 500}) {
            for (int k = 0; k < DATASETS; k++) {
                Data d = dataSet(n, k);
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("mmrm-" + n + "-" + k
                        + ".csv"), StandardCharsets.UTF_8))) {
                    out.println("id,arm,base,visit,chg");
                    for (int i = 0; i < n; i++) {
                        for (int v = 0; v < d.observed()[i]; v++) {
                            out.printf(java.util.Locale.ROOT, "%d,%d,%.17g,%d,%.17g%n", i + 1, d.treatment()[i] ? 1 : 0,
                                    d.baseline()[i], v + 1, d.change()[i * VISITS + v]);
                        }
                    }
                }
            }
        }
    }
}
