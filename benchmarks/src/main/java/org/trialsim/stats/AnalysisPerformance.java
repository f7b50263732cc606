package org.trialsim.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import org.trialsim.benchmarks.ShortOperationBenchmark;

/**
 * Every analysis family on simulated data, in nanoseconds per call, at {@code perArm} patients per arm:
 * chi-square, Fisher's exact test, Cochran-Mantel-Haenszel (two strata), log-rank, Student's t and ANCOVA.
 * Each tuned method (the library's allocation-free code: a configured test and one reused result per
 * thread, as the power engine calls it, the result also computing the test's statistic and estimate) has a naive
 * twin ({@code ...Naive}) doing the same computation the obvious way with commons-math3 and fresh objects;
 * commons-math3 has no CMH test, so CMH has none. Multiplicity and group-sequential decisions do not depend
 * on the number of patients: they are in {@link DecisionPerformance}.
 *
 * <p>Dead code and constant folding: every method returns its p-value; the data are {@value #DATASETS}
 * independent simulated trials held in {@code @State} arrays, and each call takes the next one, so
 * neither the inputs nor the result are constant across calls.
 */
public class AnalysisPerformance extends ShortOperationBenchmark {

    static final int DATASETS = 64;

    /** Patients per arm. */
    @Param({"100", "1000"})
    public int perArm;

    private int next;
    // Binary: events per arm (and per stratum for CMH).
    private int[] eventsTreatment;
    private int[] eventsControl;
    private int[][] cmhEventsTreatment;
    private int[][] cmhEventsControl;
    private int[] cmhN;
    // Patient-level data, 2 * perArm rows, alternating arms.
    private double[][] time;
    private boolean[][] event;
    private double[][] y;
    private double[][] baseline;
    private boolean[] treatment;

    // The tests, configured once, and one reused result each: the shape the power engine uses per thread.
    private final TwoProportionZTest chiSquare = TwoProportionZTest.withDefaults();
    private final FisherExactTest fisher = FisherExactTest.withDefaults();
    private final MantelHaenszelTest cmh = MantelHaenszelTest.withDefaults();
    private final TestResult result = new TestResult();
    private final LogRankTest logRank = LogRankTest.withDefaults();
    private final LogRankTest.Result logRankResult = new LogRankTest.Result();
    private final TwoSampleTTest tTest = TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC);
    private final TwoSampleTTest.Result tTestResult = new TwoSampleTTest.Result();
    private final AncovaTest ancova = AncovaTest.withDefaults();
    private final AncovaTest.Result ancovaResult = new AncovaTest.Result();

    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261122L);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        int n = 2 * perArm;
        eventsTreatment = new int[DATASETS];
        eventsControl = new int[DATASETS];
        cmhEventsTreatment = new int[DATASETS][2];
        cmhEventsControl = new int[DATASETS][2];
        cmhN = new int[] {perArm / 2, perArm - perArm / 2};
        time = new double[DATASETS][n];
        event = new boolean[DATASETS][n];
        y = new double[DATASETS][n];
        baseline = new double[DATASETS][n];
        treatment = new boolean[n];
        for (int i = 0; i < n; i++) {
            treatment[i] = i % 2 == 1;
        }
        for (int d = 0; d < DATASETS; d++) {
            for (int i = 0; i < perArm; i++) {
                int s = i < cmhN[0] ? 0 : 1;
                if (rng.nextDouble() < 0.5) {
                    eventsTreatment[d]++;
                    cmhEventsTreatment[d][s]++;
                }
                if (rng.nextDouble() < 0.2) {
                    eventsControl[d]++;
                    cmhEventsControl[d][s]++;
                }
            }
            for (int i = 0; i < n; i++) {
                // Exponential, median 12 weeks in control, hazard ratio 0.75, administrative censoring at 26
                // weeks, times observed at weekly visits (ties, as in the trials).
                double rate = Math.log(2) / 12 * (treatment[i] ? 0.75 : 1);
                double t = exponential.sample() / rate;
                event[d][i] = t <= 26;
                time[d][i] = Math.ceil(Math.min(t, 26));
                baseline[d][i] = 32 + 6 * normal.sample();
                y[d][i] = (treatment[i] ? -14 : -9) + 0.2 * (baseline[d][i] - 32) + 9 * normal.sample();
            }
        }
    }

    private int nextDataset() {
        next = (next + 1) & (DATASETS - 1);
        return next;
    }

    /** Pearson chi-square (no continuity correction), two-sided p-value. */
    @Benchmark
    public double chiSquare() {
        int d = nextDataset();
        return chiSquare.test(eventsTreatment[d], perArm, eventsControl[d], perArm, result).pValue();
    }

    /** commons-math3's chi-square test on a freshly built table. */
    @Benchmark
    public double chiSquareNaive() {
        int d = nextDataset();
        long[][] table = {{eventsTreatment[d], perArm - eventsTreatment[d]},
            {eventsControl[d], perArm - eventsControl[d]}};
        return new ChiSquareTest().chiSquareTest(table);
    }

    /** Fisher's exact test, two-sided. */
    @Benchmark
    public double fisher() {
        int d = nextDataset();
        return fisher.test(eventsTreatment[d], perArm, eventsControl[d], perArm, result).pValue();
    }

    /** Fisher's exact test summed term by term from a commons-math3 hypergeometric distribution object. */
    @Benchmark
    public double fisherNaive() {
        int d = nextDataset();
        int m = eventsTreatment[d] + eventsControl[d];
        HypergeometricDistribution h = new HypergeometricDistribution(null, 2 * perArm, m, perArm);
        double observed = h.probability(eventsTreatment[d]);
        double p = 0;
        for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
            double pk = h.probability(k);
            if (pk <= observed * (1 + 1e-7)) {
                p += pk;
            }
        }
        return Math.min(1, p);
    }

    /** Cochran-Mantel-Haenszel over two strata, two-sided, without continuity correction. */
    @Benchmark
    public double cmh() {
        int d = nextDataset();
        return cmh.test(cmhEventsTreatment[d], cmhN, cmhEventsControl[d], cmhN, 2, result).pValue();
    }

    /** Log-rank, two-sided, on tied weekly times with censoring. */
    @Benchmark
    public double logRank() {
        int d = nextDataset();
        return logRank.test(time[d], event[d], treatment, null, 2 * perArm, logRankResult).pValue();
    }

    /** One patient of the naive log-rank. */
    record Survival(double time, boolean event, boolean treatment) {
    }

    /** Log-rank the textbook way: a list of patient objects sorted by a comparator, then one pass. */
    @Benchmark
    public double logRankNaive() {
        int d = nextDataset();
        List<Survival> patients = new ArrayList<>();
        for (int i = 0; i < 2 * perArm; i++) {
            patients.add(new Survival(time[d][i], event[d][i], treatment[i]));
        }
        patients.sort(Comparator.comparingDouble(Survival::time));
        double atRisk = patients.size();
        double atRiskTreatment = perArm;
        double oMinusE = 0;
        double v = 0;
        int i = 0;
        while (i < patients.size()) {
            double t = patients.get(i).time();
            int deaths = 0;
            int deathsTreatment = 0;
            int leaving = 0;
            int leavingTreatment = 0;
            for (; i < patients.size() && patients.get(i).time() == t; i++) {
                Survival s = patients.get(i);
                leaving++;
                leavingTreatment += s.treatment() ? 1 : 0;
                if (s.event()) {
                    deaths++;
                    deathsTreatment += s.treatment() ? 1 : 0;
                }
            }
            if (deaths > 0 && atRisk > 1) {
                oMinusE += deathsTreatment - deaths * atRiskTreatment / atRisk;
                v += deaths * (atRiskTreatment / atRisk) * (1 - atRiskTreatment / atRisk) * (atRisk - deaths)
                        / (atRisk - 1);
            }
            atRisk -= leaving;
            atRiskTreatment -= leavingTreatment;
        }
        double z = oMinusE / Math.sqrt(v);
        return 2 * new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(-Math.abs(z));
    }

    /** Student's two-sample t-test, two-sided. */
    @Benchmark
    public double tTest() {
        int d = nextDataset();
        return tTest.test(y[d], treatment, 2 * perArm, tTestResult).pValue();
    }

    /** commons-math3's homoscedastic t-test on arrays split by arm. */
    @Benchmark
    public double tTestNaive() {
        int d = nextDataset();
        double[] a = new double[perArm];
        double[] b = new double[perArm];
        for (int i = 0; i < 2 * perArm; i++) {
            if (treatment[i]) {
                a[i / 2] = y[d][i];
            } else {
                b[i / 2] = y[d][i];
            }
        }
        return new TTest().homoscedasticTTest(a, b);
    }

    /** ANCOVA of the outcome on arm and baseline, two-sided p-value of the arm effect. */
    @Benchmark
    public double ancova() {
        int d = nextDataset();
        return ancova.test(y[d], baseline[d], treatment, 2 * perArm, ancovaResult).pValue();
    }

    /** ANCOVA through commons-math3's OLS regression on a freshly built design matrix. */
    @Benchmark
    public double ancovaNaive() {
        int d = nextDataset();
        int n = 2 * perArm;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {treatment[i] ? 1 : 0, baseline[d][i]};
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y[d].clone(), x);
        double[] beta = ols.estimateRegressionParameters();
        double[] se = ols.estimateRegressionParametersStandardErrors();
        double t = beta[1] / se[1];
        return 2 * new TDistribution(n - 3).cumulativeProbability(-Math.abs(t));
    }
}
