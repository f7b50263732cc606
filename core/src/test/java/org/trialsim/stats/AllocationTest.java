package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The hot-path analyses allocate nothing in steady state: measured with the JVM's per-thread allocation
 * counter ({@code com.sun.management.ThreadMXBean}), which counts every heap allocation of this thread.
 * This is a behavioural property (no garbage per simulated trial), not a speed measurement.
 *
 * <p>The first calls run in the interpreter, where commons-statistics' normal tail allocates small
 * temporaries that the JIT compiler's escape analysis later removes. So each analysis is called in rounds
 * until a whole round allocates nothing; code that allocates by design (commons-numbers'
 * {@code RegularizedBeta}, about 1 KB per t p-value, which is why {@link TailProbability} does not use it)
 * never gets there and fails.
 */
class AllocationTest {

    private static final int CALLS_PER_ROUND = 64;
    private static final int MAX_ROUNDS = 2000;

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private static com.sun.management.ThreadMXBean threads() {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean instanceof com.sun.management.ThreadMXBean ? (com.sun.management.ThreadMXBean) bean : null;
    }

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private double sink;

    private void assertSteadyStateAllocationFree(String name, IntToDoubleFunction analysis) {
        long last = -1;
        for (int round = 0; round < MAX_ROUNDS && last != 0; round++) {
            final long before = allocated();
            double s = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                s += analysis.applyAsDouble(i);
            }
            last = allocated() - before;
            sink += s;
        }
        assertEquals(0, last, name + ": bytes allocated by " + CALLS_PER_ROUND + " calls after " + MAX_ROUNDS + " rounds");
    }

    @Test
    void analysesAllocateNothingInSteadyState() {
        assumeTrue(THREADS != null && THREADS.isThreadAllocatedMemorySupported());
        THREADS.setThreadAllocatedMemoryEnabled(true);
        final Random random = new Random(5);
        final int n = 100;
        final double[] time = new double[n];
        final boolean[] event = new boolean[n];
        final boolean[] treatment = new boolean[n];
        final int[] stratum = new int[n];
        final double[] y = new double[n];
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = Math.floor(random.nextDouble() * 50);
            event[i] = random.nextBoolean();
            treatment[i] = i % 2 == 0;
            stratum[i] = random.nextInt(3);
            y[i] = random.nextGaussian();
            x[i] = random.nextGaussian();
        }
        final int[] xT = {5, 9, 2};
        final int[] nT = {20, 25, 10};
        final int[] xC = {3, 4, 6};
        final int[] nC = {21, 22, 11};
        final LogRankTest logRank = LogRankTest.withDefaults().with(Alternative.GREATER);
        final LogRankTest.Result logRankResult = new LogRankTest.Result();
        final KaplanMeier km = new KaplanMeier();
        final TwoSampleTTest welch = TwoSampleTTest.withDefaults();
        final TwoSampleTTest.Result welchResult = new TwoSampleTTest.Result();
        final AncovaTest ancova = AncovaTest.withDefaults().with(Alternative.LESS);
        final AncovaTest.Result ancovaResult = new AncovaTest.Result();
        final TestResult result = new TestResult();
        // sizes vary below n; the first call at each size grows nothing since buffers start at n
        logRank.test(time, event, treatment, stratum, n, logRankResult);
        km.compute(time, event, n, 20);
        final TwoProportionZTest pooled = TwoProportionZTest.withDefaults().with(Alternative.GREATER);
        final TwoProportionZTest yates = TwoProportionZTest.withDefaults().with(ContinuityCorrection.ENABLED);
        assertSteadyStateAllocationFree("pooled z", k -> pooled.test(k % 20, 40, 10, 40, result).pValue()
            + yates.test(k % 20, 40, 10, 40, result).pValue());
        final WaldRiskDifferenceTest wald = WaldRiskDifferenceTest.withDefaults().with(Alternative.LESS);
        assertSteadyStateAllocationFree("Wald", k -> wald.test(k % 20, 40, 10, 40, result).pValue());
        final FisherExactTest fisher = FisherExactTest.withDefaults();
        final FisherExactTest fisherGreater = fisher.with(Alternative.GREATER);
        assertSteadyStateAllocationFree("Fisher", k -> fisher.test(k % 20, 40, 10, 40, result).pValue()
            + fisherGreater.test(k % 20, 40, 10, 40, result).pValue());
        final MantelHaenszelTest cmh = MantelHaenszelTest.withDefaults().with(Alternative.GREATER);
        final MantelHaenszelTest cmhCorrected = cmh.with(ContinuityCorrection.ENABLED);
        assertSteadyStateAllocationFree("CMH", k -> (k % 2 == 0 ? cmh : cmhCorrected).test(xT, nT, xC, nC, 3, result)
            .pValue() + result.estimate());
        assertSteadyStateAllocationFree("intervals", k -> RiskDifference.newcombeLower(k % 20, 40, 10, 40, 0.05)
            + OddsRatio.woolfLower(k % 20, 40, 10, 40, 0.05) + BinomialInterval.wilsonLower(k % 20, 40, 0.05));
        final ExactBinomialTest binomial = ExactBinomialTest.withDefaults().withNullProportion(0.3);
        final ExactBinomialTest binomialGreater = binomial.with(Alternative.GREATER);
        final ExactBinomialTest.Result binomialResult = new ExactBinomialTest.Result();
        // the result builds the distribution of each n on first use: sizes 38 to 40, all within the first round
        assertSteadyStateAllocationFree("exact binomial", k -> binomial.test(k % 39, 40 - k % 3, binomialResult).pValue()
            + binomialGreater.test(k % 39, 40 - k % 3, binomialResult).pValue());
        assertSteadyStateAllocationFree("log-rank", k -> {
            logRank.test(time, event, treatment, k % 2 == 0 ? stratum : null, n - k % 7, logRankResult);
            return logRankResult.pValue() + logRankResult.hazardRatioPike();
        });
        assertSteadyStateAllocationFree("Kaplan-Meier", k -> km.compute(time, event, treatment, true, n - k % 7, 20));
        assertSteadyStateAllocationFree("Welch", k -> welch.test(y, treatment, n - k % 7, welchResult).pValue());
        assertSteadyStateAllocationFree("ANCOVA", k -> ancova.test(y, x, treatment, n - k % 7, ancovaResult).pValue());
        // MMRM: 4 visits, monotone dropout; the result's buffers are sized by the first call
        final int visits = 4;
        final double[] change = new double[n * visits];
        final int[] observed = new int[n];
        for (int i = 0; i < n; i++) {
            observed[i] = 1 + random.nextInt(visits);
            for (int v = 0; v < visits; v++) {
                change[i * visits + v] = -v + 0.5 * y[i] + random.nextGaussian();
            }
        }
        final MmrmTest mmrm = MmrmTest.withDefaults().with(Alternative.LESS);
        final MmrmTest.Result mmrmResult = new MmrmTest.Result();
        assertSteadyStateAllocationFree("MMRM", k -> mmrm.test(change, x, treatment, observed, n - k % 7, visits,
            visits - 1, mmrmResult).pValue());
        final MmrmTest kr = MmrmTest.withDefaults().with(MmrmTest.DegreesOfFreedom.KENWARD_ROGER);
        final MmrmTest.Result krResult = new MmrmTest.Result();
        assertSteadyStateAllocationFree("MMRM with Kenward-Roger", k -> kr.test(change, x, treatment, observed,
            n - k % 7, visits, visits - 1, krResult).pValue());
        // the gamma-Poisson rule as the engine calls it, the log beta function tabulated
        final double logBeta = org.apache.commons.numbers.gamma.LogBeta.value(20.5, 31.5);
        assertSteadyStateAllocationFree("gamma-Poisson posterior", k -> org.trialsim.stats.bayes.GammaRatio
            .probabilityAbove(20.5, 900 + k % 7, 31.5, 880, logBeta, 0.1));
    }
}
