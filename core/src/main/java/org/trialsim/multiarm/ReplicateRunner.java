package org.trialsim.multiarm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs replicates {@code [0, R)} in fixed batches on a number of threads and sums each batch's integer counters:
 * integer addition is exact and commutative, so the totals are the same bits for any thread count and any
 * order in which batches finish.
 */
final class ReplicateRunner {

    /** One thread's trial: adds replicate r's outcome to its counters. */
    interface Trial {
        void run(long replicate, long[] counters);
    }

    private static final int BATCH = 500;

    private ReplicateRunner() {
    }

    static long[] run(Supplier<Trial> trials, int counters, long replicates, int threads) {
        if (replicates < 1 || threads < 1) {
            throw new IllegalArgumentException("replicates and threads must be positive");
        }
        long[] total = new long[counters];
        if (threads == 1) {
            Trial t = trials.get();
            for (long r = 0; r < replicates; r++) {
                t.run(r, total);
            }
            return total;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "trialsim-multiarm");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            ThreadLocal<Trial> local = ThreadLocal.withInitial(trials);
            for (long from = 0; from < replicates; from += BATCH) {
                long start = from;
                long end = Math.min(replicates, from + BATCH);
                parts.add(pool.submit(() -> {
                    long[] c = new long[counters];
                    Trial t = local.get();
                    for (long r = start; r < end; r++) {
                        t.run(r, c);
                    }
                    return c;
                }));
            }
            for (Future<long[]> f : parts) {
                long[] c = f.get();
                for (int i = 0; i < counters; i++) {
                    total[i] += c[i];
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
