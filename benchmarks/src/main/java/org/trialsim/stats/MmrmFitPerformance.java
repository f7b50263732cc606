package org.trialsim.stats;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.trialsim.benchmarks.ShortOperationBenchmark;

/**
 * One MMRM fit ({@link MmrmTest}: unstructured covariance, REML, Satterthwaite df of the week-6 contrast) in
 * microseconds per fit, at {@code patients} patients (two arms) and 6 visits with monotone dropout, on
 * {@value #DATASETS} data sets drawn once ({@link #dataSet}); {@code fitKenwardRoger}: the same with
 * Kenward-Roger's adjusted SE and df. 200 patients is W6's size (the whole study:
 * {@code org.trialsim.power.MmrmStudyPerformance}).
 *
 * <p>Side by side with R ({@code benchmarks/peers/w6.sh} does all of it):
 * {@code java -cp benchmarks/target/benchmarks.jar org.trialsim.stats.MmrmFitPerformance DIR [K]} writes the
 * first K (default all) data sets of 100 and 500 patients as CSV ({@code DIR/mmrm-N-K.csv}: id, arm, base,
 * visit, chg) and prints trialsim's estimate and SE of the week-6 difference per data set, which
 * {@code benchmarks/mmrm/nlme_gls_timing.R} fits with {@code nlme::gls(corSymm, varIdent, REML)}, checks
 * and times.
 *
 * <p>Dead code and constant folding: each call fits the next data set and returns its p-value.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MmrmFitPerformance extends ShortOperationBenchmark {

    static final int DATASETS = 16;
    static final int VISITS = 6;

    /** Patients (both arms). */
    @Param({"100", "200", "500"})
    public int patients;

    private Data[] data;
    private int next;
    private final MmrmTest test = MmrmTest.withDefaults();
    private final MmrmTest kenwardRoger = MmrmTest.withDefaults().with(MmrmTest.DegreesOfFreedom.KENWARD_ROGER);
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

    /** One fit of the next data set, with Kenward-Roger's adjusted SE and df (on top of the same fit). */
    @Benchmark
    public double fitKenwardRoger() {
        Data d = data[next];
        next = (next + 1) % DATASETS;
        return kenwardRoger.test(d.change(), d.baseline(), d.treatment(), d.observed(), patients, VISITS, VISITS - 1,
                result).pValue();
    }

    /**
     * Writes the first K data sets of 100 and 500 patients as CSV into the folder given, for
     * {@code nlme_gls_timing.R}, and trialsim's fit of each ({@code trialsim-fits.csv}: patients, data set,
     * week-6 difference, its SE), against which the R script checks its own.
     *
     * @param args the folder, and optionally K (default {@value #DATASETS})
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int count = args.length > 1 ? Math.min(DATASETS, Integer.parseInt(args[1])) : DATASETS;
        Files.createDirectories(dir);
        MmrmTest.Result result = new MmrmTest.Result();
        try (PrintWriter fits = new PrintWriter(Files.newBufferedWriter(dir.resolve("trialsim-fits.csv"),
                StandardCharsets.UTF_8))) {
            fits.println("n,dataset,difference,se");
            for (int n : new int[] {100, 500}) {
                for (int k = 0; k < count; k++) {
                    Data d = dataSet(n, k);
                    write(dir.resolve("mmrm-" + n + "-" + k + ".csv"), d, n);
                    MmrmTest.withDefaults().test(d.change(), d.baseline(), d.treatment(), d.observed(), n, VISITS,
                            VISITS - 1, result);
                    fits.printf(Locale.ROOT, "%d,%d,%.12g,%.12g%n", n, k, result.estimate(), result.standardError());
                }
            }
        }
    }

    private static void write(Path file, Data d, int n) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println("id,arm,base,visit,chg");
            for (int i = 0; i < n; i++) {
                for (int v = 0; v < d.observed()[i]; v++) {
                    out.printf(Locale.ROOT, "%d,%d,%.17g,%d,%.17g%n", i + 1, d.treatment()[i] ? 1 : 0,
                            d.baseline()[i], v + 1, d.change()[i * VISITS + v]);
                }
            }
        }
    }
}
