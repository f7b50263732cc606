package org.trialsim.stats.bayes;

import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.trialsim.benchmarks.ShortOperationBenchmark;
import org.trialsim.stats.multiplicity.Dunnett;
import org.trialsim.stats.sequential.Decision;

/**
 * The Bayesian rules and Dunnett's test, in nanoseconds per call: what runs per look of every simulated
 * trial (Lee and Liu's decision, a table look-up; the two-arm beta-binomial posterior probability, a
 * 192-node integral; the conjugate normal posterior probability; the gamma-Poisson rule on two event rates, an
 * incomplete beta with the log beta function tabulated as the engine does, and for scale the same through
 * commons-statistics' F distribution; a Dunnett single-step adjusted p-value, a nested integral) and, for scale, what the table look-up replaces (the single-arm posterior probability
 * {@code P(p > p0 | x, n)}, a regularised incomplete beta, and Lee and Liu's predictive probability, a
 * beta-binomial tail sum, both computed afresh) and what runs once per design (building a predictive design's
 * bounds for Nmax 40 with continuous monitoring; a Dunnett critical value). The multi-arm rules (P(best) for
 * response-adaptive randomisation, the closed combination test) are in {@code org.trialsim.multiarm}'s
 * {@code ProbabilityBestPerformance} and {@code ClosedTestPerformance}.
 *
 * <p>Dead code and constant folding: each method returns its result; inputs come from {@value #DATASETS}
 * simulated counts and estimates in {@code @State} arrays, taken in turn.
 */
public class BayesianRulePerformance extends ShortOperationBenchmark {

    static final int DATASETS = 64;
    private static final BetaPrior PRIOR = BetaPrior.ofMean(0.2, 1);

    private final int[] n = new int[DATASETS];
    private final int[] x = new int[DATASETS];
    private final int[] xT = new int[DATASETS];
    private final int[] xC = new int[DATASETS];
    private final double[] estimate = new double[DATASETS];
    private final double[] t = new double[DATASETS];
    private final double[] logBetaT = new double[DATASETS];
    private final double[] logBetaC = new double[DATASETS];
    private final int[] eventsT = new int[DATASETS];
    private final int[] eventsC = new int[DATASETS];
    private final double[] exposureT = new double[DATASETS];
    private final double[] exposureC = new double[DATASETS];
    private final double[] logBetaRates = new double[DATASETS];
    private PredictiveProbabilityDesign design;
    private Dunnett dunnett;
    private int next;

    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        for (int d = 0; d < DATASETS; d++) {
            n[d] = 10 + rng.nextInt(31);
            x[d] = rng.nextInt(n[d] + 1);
            xT[d] = 10 + rng.nextInt(30);
            xC[d] = 5 + rng.nextInt(30);
            estimate[d] = rng.nextDouble();
            t[d] = 3 * rng.nextDouble();
            logBetaT[d] = org.apache.commons.numbers.gamma.LogBeta.value(1 + xT[d], 61 - xT[d]);
            logBetaC[d] = org.apache.commons.numbers.gamma.LogBeta.value(1 + xC[d], 61 - xC[d]);
            eventsT[d] = 20 + rng.nextInt(40);
            eventsC[d] = 30 + rng.nextInt(40);
            exposureT[d] = 4000 + 2000 * rng.nextDouble();
            exposureC[d] = 4000 + 2000 * rng.nextDouble();
            logBetaRates[d] = org.apache.commons.numbers.gamma.LogBeta.value(0.001 + eventsT[d], 0.001 + eventsC[d]);
        }
        design = buildPredictiveDesign();
        dunnett = Dunnett.oneWay(40, new int[] {40, 40, 40});
    }

    private int nextDataset() {
        next = (next + 1) & (DATASETS - 1);
        return next;
    }

    /** Lee and Liu's decision at one look: a look-up in the bounds computed once. */
    @Benchmark
    public Decision predictiveDecision() {
        int d = nextDataset();
        return design.decide(n[d], x[d], false);
    }

    /** The single-arm beta-binomial posterior probability {@code P(p > 0.2 | x, n)}, Beta(0.2, 0.8) prior. */
    @Benchmark
    public double betaBinomialPosterior() {
        int d = nextDataset();
        return BetaBinomial.posteriorProbabilityAbove(PRIOR, x[d], n[d], 0.2);
    }

    /** Lee and Liu's predictive probability of success at Nmax 40 given x of n, computed afresh (no table). */
    @Benchmark
    public double predictiveProbability() {
        int d = nextDataset();
        return design.predictiveProbability(x[d], n[d]);
    }

    /** Building Lee and Liu's design (Nmax 40, looks from 10 to 40): once per study. */
    @Benchmark
    public PredictiveProbabilityDesign buildPredictiveDesign() {
        return new PredictiveProbabilityDesign(40, 0.2, PRIOR, 0.9, 0.05, 1,
                IntStream.rangeClosed(10, 40).toArray());
    }

    /** P(pT - pC > 0) for 60 patients per arm, uniform priors, log beta functions tabulated as the engine does. */
    @Benchmark
    public double betaDifference() {
        int d = nextDataset();
        return BetaDifference.probabilityAbove(1 + xT[d], 61 - xT[d], logBetaT[d], 1 + xC[d], 61 - xC[d], logBetaC[d],
                0);
    }

    /** The conjugate normal rule's posterior probability. */
    @Benchmark
    public double normalPosterior() {
        int d = nextDataset();
        return NormalPosterior.probabilityAbove(estimate[d], 0.3, 0, 1, 0.1);
    }

    /**
     * The gamma-Poisson rule {@code P(-log(lambdaT / lambdaC) > 0.1)}, vague Gamma(0.001, 0.001) priors, 20 to 60
     * and 30 to 70 events over 4000 to 6000 weeks per arm, the log beta function tabulated as the engine does.
     */
    @Benchmark
    public double gammaRatio() {
        int d = nextDataset();
        return GammaRatio.probabilityAbove(0.001 + eventsT[d], 0.001 + exposureT[d], 0.001 + eventsC[d],
                0.001 + exposureC[d], logBetaRates[d], 0.1);
    }

    /** The same probability through commons-statistics' F distribution (an instance per call), for scale. */
    @Benchmark
    public double gammaRatioFDistribution() {
        int d = nextDataset();
        return GammaRatio.probabilityAbove(0.001 + eventsT[d], 0.001 + exposureT[d], 0.001 + eventsC[d],
                0.001 + exposureC[d], 0.1);
    }

    /** Dunnett's single-step adjusted p-value, three arms of 40 against a control of 40 (df 156). */
    @Benchmark
    public double dunnettAdjustedPValue() {
        return dunnett.adjustedPValue(t[nextDataset()], false);
    }

    /** Dunnett's one-sided critical value at 0.025 (once per design). */
    @Benchmark
    public double dunnettCriticalValue() {
        return dunnett.criticalValue(0.025, false);
    }
}
