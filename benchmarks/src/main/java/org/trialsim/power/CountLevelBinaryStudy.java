package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.trialsim.cohort.NestedResponseCounts;
import org.trialsim.random.ReplicateRandom;

/**
 * Prototype of the count-level fast path for a two-arm binary trial analysed by Pearson's chi-square
 * (pooled two-proportion z squared) over a nested grid of sample sizes: per replicate, one binomial
 * increment per arm and grid step ({@link NestedResponseCounts}), then the test at every grid point.
 * Replicates are split into contiguous blocks, one per thread; each replicate has its own stream derived
 * from (seed, replicate) alone (trialsim's {@link ReplicateRandom}, repositioned per replicate without
 * allocating), so the counts do not depend on the thread count.
 *
 * <p>Benchmark code: it shows the speed the count-level path reaches. The library's power engine is
 * measured separately (WholeStudyPerformance).
 */
public final class CountLevelBinaryStudy {

    private final NestedResponseCounts counts;
    private final int[] perArm;
    private final double criticalValue;
    private final long seed;

    /**
     * @param perArm patients per arm at each grid point, increasing
     * @param control response probability in the control arm
     * @param treatment response probability in the treatment arm
     * @param criticalValue reject when the chi-square statistic exceeds this (3.841458820694124 for a
     *     two-sided 5% test)
     * @param seed master seed
     */
    public CountLevelBinaryStudy(int[] perArm, double control, double treatment, double criticalValue, long seed) {
        this.counts = new NestedResponseCounts(new int[][] {perArm, perArm}, new double[] {control, treatment});
        this.perArm = perArm.clone();
        this.criticalValue = criticalValue;
        this.seed = seed;
    }

    /** Rejections at each grid point over replicates {@code [from, to)} on the calling thread. */
    public long[] run(long from, long to) {
        int k = perArm.length;
        long[] rejections = new long[k];
        int[] cumulative = new int[2 * k];
        ReplicateRandom rng = new ReplicateRandom();
        NestedResponseCounts.Sampler sampler = counts.sampler(rng);
        for (long r = from; r < to; r++) {
            rng.reseed(seed, r);
            sampler.sample(cumulative);
            for (int j = 0; j < k; j++) {
                if (chiSquare(cumulative[j], cumulative[k + j], perArm[j]) > criticalValue) {
                    rejections[j]++;
                }
            }
        }
        return rejections;
    }

    /** Rejections at each grid point over {@code replicates}, split across {@code threads} blocks. */
    public long[] run(long replicates, int threads, ExecutorService pool) {
        if (threads == 1) {
            return run(0, replicates);
        }
        List<Future<long[]>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long from = replicates * t / threads;
            long to = replicates * (t + 1) / threads;
            parts.add(pool.submit(() -> run(from, to)));
        }
        long[] total = new long[perArm.length];
        try {
            for (Future<long[]> f : parts) {
                long[] part = f.get();
                for (int j = 0; j < total.length; j++) {
                    total[j] += part[j];
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return total;
    }

    /** Pearson chi-square of the 2x2 table (x1 of n, x2 of n): the squared pooled two-proportion z. */
    static double chiSquare(int x1, int x2, int n) {
        int responders = x1 + x2;
        if (responders == 0 || responders == 2 * n) {
            return 0;
        }
        double pooled = responders / (2.0 * n);
        double diff = (x1 - x2) / (double) n;
        return diff * diff / (pooled * (1 - pooled) * 2.0 / n);
    }
}
