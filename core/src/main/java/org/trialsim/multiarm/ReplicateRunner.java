package org.trialsim.multiarm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.trialsim.power.StudyCounts;

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

    /** The counters of a replicate range, as {@link ReplicateCounter#counts} gives them. */
    interface Range {
        long[] count(long from, long to);
    }

    /** Replicates per batch. */
    static final int BATCH = 500;

    private ReplicateRunner() {
    }

    /**
     * The counters of replicates {@code [0, R)} from {@code range}, one batch per call on {@code threads} threads,
     * summed: the same bits as {@code range.count(0, R)} on one thread.
     */
    static long[] ranges(Range range, int counters, long replicates, int threads) {
        if (replicates < 1 || threads < 1) {
            throw new IllegalArgumentException("replicates and threads must be positive");
        }
        if (threads == 1) {
            return range.count(0, replicates);
        }
        ExecutorService pool = pool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (long from = 0; from < replicates; from += BATCH) {
                long start = from;
                long end = Math.min(replicates, from + BATCH);
                parts.add(pool.submit(() -> range.count(start, end)));
            }
            return sum(parts, counters);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The counts of a replicate range, as a study gives them. */
    interface Counts {
        StudyCounts count(long from, long to);
    }

    /**
     * A run to a stopping rule: batches of {@link #BATCH} from replicate 0 on, {@code threads} at a time, merged
     * in order, stopping at the first prefix {@code stops} accepts (at {@code maximum} at the latest); batches
     * run past it are discarded, so the counts are the same for any thread count.
     */
    static StudyCounts sequential(Counts counts, Predicate<StudyCounts> stops, long maximum, int threads) {
        if (maximum < 1 || threads < 1) {
            throw new IllegalArgumentException("replicates and threads must be positive");
        }
        ExecutorService pool = pool(threads);
        try {
            StudyCounts total = null;
            long next = 0;
            while (true) {
                List<Future<StudyCounts>> round = new ArrayList<>();
                for (int t = 0; t < threads && next < maximum; t++) {
                    long from = next;
                    long to = Math.min(maximum, next + BATCH);
                    round.add(pool.submit(() -> counts.count(from, to)));
                    next = to;
                }
                for (Future<StudyCounts> f : round) {
                    StudyCounts c = await(f);
                    total = total == null ? c : total.merge(c);
                    if (stops.test(total)) {
                        return total;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "trialsim-multiarm");
            th.setDaemon(true);
            return th;
        });
    }

    private static long[] sum(List<Future<long[]>> parts, int counters) {
        long[] total = new long[counters];
        for (Future<long[]> f : parts) {
            long[] c = await(f);
            for (int i = 0; i < counters; i++) {
                total[i] += c[i];
            }
        }
        return total;
    }

    /** A batch's result; a batch's own exception is rethrown as it was (a study's refusal stays readable). */
    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static long[] run(Supplier<Trial> trials, int counters, long replicates, int threads) {
        if (replicates < 1 || threads < 1) {
            throw new IllegalArgumentException("replicates and threads must be positive");
        }
        if (threads == 1) {
            long[] total = new long[counters];
            Trial t = trials.get();
            for (long r = 0; r < replicates; r++) {
                t.run(r, total);
            }
            return total;
        }
        ExecutorService pool = pool(threads);
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
            return sum(parts, counters);
        } finally {
            pool.shutdownNow();
        }
    }
}
