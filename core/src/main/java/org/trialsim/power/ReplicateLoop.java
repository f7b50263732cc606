package org.trialsim.power;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Runs replicates in fixed batches on a pool of worker threads and merges their counts in batch order.
 *
 * <p>Batch {@code b} is replicates {@code [b * batchSize, (b + 1) * batchSize)}; which thread runs it does not
 * matter because each replicate's stream comes from (seed, replicate index) alone. The loop merges completed
 * batches into a contiguous prefix 0..k and takes every decision (stop at the precision target, return after
 * cancellation) only at prefix boundaries, from the merged counts. So the result, even a partial one, is the
 * result of a run with exactly {@code prefix} replicates, whatever the thread count or timing. Workers that
 * ran ahead of the stopping point are discarded. Several factories (for example the alternative and the null
 * scenario) run side by side on the same replicate indices, each with its own counts.
 */
final class ReplicateLoop {

    /**
     * The worker threads, shared by every study in the JVM and kept between studies: starting and joining
     * threads per study cost about half a millisecond each on the benchmark machine, more than 10,000
     * replicates of a count-level trial. Daemon threads, so they never keep the JVM alive; idle ones end after
     * a minute.
     */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicLong created = new AtomicLong();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "trialsim-replicates-" + created.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    });

    private final List<VirtualTrial.Factory> factories;
    private final int threads;
    private final int batchSize;

    ReplicateLoop(List<VirtualTrial.Factory> factories, int threads, int batchSize) {
        if (factories.isEmpty()) {
            throw new IllegalArgumentException("no trial to run");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.factories = List.copyOf(factories);
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /** The merged counts of a run, one per factory, and whether it was cancelled. */
    record Result(List<OperatingCounts> counts, long replicates, boolean partial) {
        Result {
            counts = List.copyOf(counts);
        }
    }

    /**
     * Runs at least {@code minReplicates} (unless cancelled) and at most {@code maxReplicates}, stopping at
     * the first batch boundary at or after {@code minReplicates} where {@code done} holds for the merged counts.
     */
    Result run(long minReplicates, long maxReplicates, Predicate<List<OperatingCounts>> done,
            ProgressListener progress, BooleanSupplier cancelled) {
        return run(null, minReplicates, maxReplicates, done, progress, cancelled, Checkpoint.Listener.NONE);
    }

    /**
     * As {@link #run(long, long, Predicate, ProgressListener, BooleanSupplier)}, continuing from
     * {@code resume} (the counts of the first whole batches of an earlier run with the same batch size) if
     * not {@code null}, and handing a checkpoint of the merged prefix to {@code checkpoints} after every batch.
     */
    Result run(Checkpoint resume, long minReplicates, long maxReplicates, Predicate<List<OperatingCounts>> done,
            ProgressListener progress, BooleanSupplier cancelled, Checkpoint.Listener checkpoints) {
        if (minReplicates < 0 || maxReplicates < minReplicates) {
            throw new IllegalArgumentException("need 0 <= minReplicates <= maxReplicates: " + minReplicates + ", "
                    + maxReplicates);
        }
        List<OperatingCounts> merged = emptyCounts();
        long batches = (maxReplicates + batchSize - 1) / batchSize;
        long first = 0;
        if (resume != null) {
            first = resume(resume, merged, maxReplicates);
            if (first * batchSize >= minReplicates
                    && (Math.min(first * batchSize, maxReplicates) == maxReplicates || done.test(merged))) {
                return new Result(merged, Math.min(first * batchSize, maxReplicates), false);
            }
        }
        if (batches == 0) {
            return new Result(merged, 0, false);
        }
        AtomicLong nextBatch = new AtomicLong(first);
        AtomicBoolean stop = new AtomicBoolean();
        BlockingQueue<Completed> completed = new LinkedBlockingQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        int poolSize = (int) Math.min(threads, batches);
        for (int t = 0; t < poolSize; t++) {
            workers.add(WORKERS.submit(() -> work(nextBatch, batches, maxReplicates, stop, completed)));
        }

        Map<Long, List<OperatingCounts>> pending = new HashMap<>();
        long prefix = first;
        long replicates = first * batchSize;
        boolean partial = false;
        try {
            merging:
            while (prefix < batches) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    partial = true;
                    break;
                }
                Completed c;
                try {
                    c = completed.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    partial = true;
                    break;
                }
                if (c == null) {
                    continue;
                }
                if (c.failure != null) {
                    throw new IllegalStateException("replicate batch " + c.batch + " failed: " + c.failure,
                            c.failure);
                }
                for (int j = 0; j < c.counts.size(); j++) {
                    pending.put(c.batch + j, c.counts.get(j));
                }
                while (pending.containsKey(prefix)) {
                    List<OperatingCounts> batch = pending.remove(prefix);
                    for (int i = 0; i < merged.size(); i++) {
                        merged.get(i).add(batch.get(i));
                    }
                    prefix++;
                    replicates = Math.min(prefix * batchSize, maxReplicates);
                    progress.onProgress(replicates, maxReplicates);
                    if (checkpoints != Checkpoint.Listener.NONE) {
                        checkpoints.onCheckpoint(new Checkpoint(batchSize, replicates, merged));
                    }
                    if (replicates >= minReplicates && (replicates == maxReplicates || done.test(merged))) {
                        break merging;
                    }
                    // A cancellation takes effect at the next batch boundary, also within a worker's claim.
                    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        partial = true;
                        break merging;
                    }
                }
            }
        } finally {
            stop.set(true);
            // Clear the interrupt flag while waiting (workers stop within one replicate), then restore it.
            boolean interrupted = Thread.interrupted();
            for (Future<?> w : workers) {
                while (true) {
                    try {
                        w.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        break; // work() reports its own failures through the queue
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(merged, replicates, partial);
    }

    /** Loads a checkpoint into {@code merged}; returns the number of whole batches it holds. */
    private long resume(Checkpoint c, List<OperatingCounts> merged, long maxReplicates) {
        if (c.batchSize() != batchSize) {
            throw new IllegalArgumentException("checkpoint batch size " + c.batchSize() + " differs from "
                    + batchSize + ": resuming would not reproduce the run");
        }
        if (c.counts().size() != merged.size()) {
            throw new IllegalArgumentException("checkpoint holds " + c.counts().size() + " studies, expected "
                    + merged.size());
        }
        if (c.replicates() % batchSize != 0 && c.replicates() != maxReplicates) {
            throw new IllegalArgumentException("checkpoint of " + c.replicates() + " replicates is not whole batches");
        }
        for (int i = 0; i < merged.size(); i++) {
            OperatingCounts restored = OperatingCounts.fromArray(merged.get(i).layout(), c.counts().get(i));
            if (restored.replicates() != c.replicates()) {
                throw new IllegalArgumentException("checkpoint counts disagree with its replicate count");
            }
            merged.get(i).add(restored);
        }
        return (c.replicates() + batchSize - 1) / batchSize;
    }

    private List<OperatingCounts> emptyCounts() {
        List<OperatingCounts> l = new ArrayList<>(factories.size());
        for (VirtualTrial.Factory f : factories) {
            l.add(new OperatingCounts(f.layout()));
        }
        return l;
    }

    private void work(AtomicLong nextBatch, long batches, long maxReplicates, AtomicBoolean stop,
            BlockingQueue<Completed> completed) {
        long batch = -1;
        try {
            int k = factories.size();
            VirtualTrial[] trials = new VirtualTrial[k];
            ReplicateOutcome[] outcomes = new ReplicateOutcome[k];
            for (int i = 0; i < k; i++) {
                trials[i] = factories.get(i).create();
                outcomes[i] = new ReplicateOutcome(factories.get(i).layout());
            }
            int chunk = 1;
            while (!stop.get()) {
                long first = nextBatch.getAndAdd(chunk);
                if (first >= batches) {
                    return;
                }
                long last = Math.min(first + chunk, batches);
                List<List<OperatingCounts>> done = new ArrayList<>((int) (last - first));
                long start = System.nanoTime();
                for (batch = first; batch < last; batch++) {
                    List<OperatingCounts> counts = emptyCounts();
                    long from = batch * batchSize;
                    long to = Math.min(from + batchSize, maxReplicates);
                    if (!runBatch(from, to, trials, outcomes, counts, stop)) {
                        return; // an unfinished batch is discarded: only whole batches count
                    }
                    done.add(counts);
                }
                completed.add(new Completed(first, done, null));
                chunk = nextChunk(System.nanoTime() - start, last - first, batches - last);
            }
        } catch (RuntimeException | Error e) {
            stop.set(true);
            completed.add(new Completed(batch, List.of(), e));
        }
    }

    /** Wall time a worker aims to spend between two reports to the merging thread. */
    private static final long REPORT_NANOS = 2_000_000L;

    /**
     * How many batches a worker claims next: as many as fill {@link #REPORT_NANOS} at the speed of its last
     * claim, but no more than a share of what is left for each thread (guided self-scheduling: Polychronopoulos
     * CD, Kuck DJ. IEEE Trans Comput 1987;C-36:1425-1439), so that the threads finish together. Cheap
     * replicates (the count-level model does 500 in 30 microseconds) would otherwise cost a hand-over to the
     * merging thread every batch, and on two cores that thread competes with the workers. Which worker runs a
     * batch never changes a result: batches are merged in order, whoever ran them.
     */
    private int nextChunk(long nanos, long claimed, long remaining) {
        long perBatch = Math.max(1, nanos / Math.max(1, claimed));
        long wanted = Math.max(1, REPORT_NANOS / perBatch);
        long share = Math.max(1, remaining / (2L * threads));
        return (int) Math.min(Math.min(wanted, share), 1024);
    }

    /**
     * Runs replicates {@code [from, to)} into {@code counts}; false if stopped before the end. A method of its
     * own so that the JIT compiles the replicate loop as a whole method after a few batches, rather than only
     * through on-stack replacement of the long-lived worker loop.
     */
    private static boolean runBatch(long from, long to, VirtualTrial[] trials, ReplicateOutcome[] outcomes,
            List<OperatingCounts> counts, AtomicBoolean stop) {
        int k = trials.length;
        for (long r = from; r < to; r++) {
            if (stop.get()) {
                return false;
            }
            for (int i = 0; i < k; i++) {
                outcomes[i].clear();
                trials[i].run(r, outcomes[i]);
                counts.get(i).record(outcomes[i]);
            }
        }
        return true;
    }

    /** Batches {@code batch, batch + 1, ...} with their counts (one list per factory each), or a failure. */
    private record Completed(long batch, List<List<OperatingCounts>> counts, Throwable failure) {
    }
}
