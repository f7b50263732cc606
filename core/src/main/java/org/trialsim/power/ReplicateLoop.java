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
 * Runs a study's replicates in fixed batches on a pool of worker threads and merges their counts in batch order:
 * a client of the range API, each batch being the {@link StudyCounts} of one range run by a {@link RangeCounter}
 * (the path {@link PowerStudy#counts(long, long)} takes), merged with {@link StudyCounts#merge}.
 *
 * <p>Batch {@code b} is replicates {@code [b * batchSize, (b + 1) * batchSize)}; which thread runs it does not
 * matter because each replicate's stream comes from (seed, replicate index) alone. The loop merges completed
 * batches in order and takes every decision (stop at the precision target, return after cancellation) at batch
 * boundaries where the merged counts cover a prefix {@code [0, k)} of the replicates. So the result, even a
 * partial one, is the result of a run with exactly {@code k} replicates, whatever the thread count or timing.
 * Workers that ran ahead of the stopping point are discarded.
 *
 * <p>A run may start from counts already held (a checkpoint: any set of ranges); each batch then runs only
 * the replicates of its range that they miss.
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

    private final Map<String, String> study;
    private final List<VirtualTrial.Factory> factories;
    private final List<List<Boolean>> partialNulls;
    /** The null scenario runs on replicates {@code [0, nullLimit)} only. */
    private final long nullLimit;
    private final int threads;
    private final int batchSize;

    /**
     * A loop over the trials of {@code factories} (the scenario's, then optionally the null scenario's).
     *
     * @param study the replicate fingerprint the counts carry
     */
    ReplicateLoop(Map<String, String> study, List<VirtualTrial.Factory> factories, long nullLimit, int threads,
            int batchSize) {
        this(study, factories, List.of(), nullLimit, threads, batchSize);
    }

    /**
     * A loop over the trials of {@code factories}: the scenario's, the null scenario's, then one per partial null
     * configuration, whose true nulls {@code partialNulls} gives ({@link RangeCounter}).
     */
    ReplicateLoop(Map<String, String> study, List<VirtualTrial.Factory> factories, List<List<Boolean>> partialNulls,
            long nullLimit, int threads, int batchSize) {
        if (factories.isEmpty()) {
            throw new IllegalArgumentException("no trial to run");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.study = study;
        this.factories = List.copyOf(factories);
        this.partialNulls = List.copyOf(partialNulls);
        this.nullLimit = nullLimit;
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /**
     * Runs the replicates of {@code [0, maxReplicates)} that {@code start} lacks, merging batch after batch into
     * it, until the merged counts cover a prefix {@code [0, k)} for which {@code stopsAt} holds (checked at every
     * batch boundary where they do, and at the start), or {@code cancelled} turns true or the calling thread is
     * interrupted (checked after every batch merged). Hands the merged counts to {@code progress} and
     * {@code checkpoints} after every batch that added replicates.
     *
     * @return the merged counts: a prefix unless cancelled before the holes of {@code start} were filled
     */
    StudyCounts run(StudyCounts start, long maxReplicates, Predicate<StudyCounts> stopsAt, ProgressListener progress,
            BooleanSupplier cancelled, CheckpointListener checkpoints) {
        if (maxReplicates < 0) {
            throw new IllegalArgumentException("need maxReplicates >= 0: " + maxReplicates);
        }
        ReplicateRanges held = start.ranges();
        if (held.isPrefix() && stopsAt.test(start)) {
            return start;
        }
        long batches = (maxReplicates + batchSize - 1) / batchSize;
        long first = Math.min(held.firstMissing(), maxReplicates) / batchSize;
        if (first >= batches) {
            return start;
        }
        AtomicLong nextBatch = new AtomicLong(first);
        AtomicBoolean stop = new AtomicBoolean();
        BlockingQueue<Completed> completed = new LinkedBlockingQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        int poolSize = (int) Math.min(threads, batches - first);
        for (int t = 0; t < poolSize; t++) {
            workers.add(WORKERS.submit(() -> work(held, nextBatch, batches, maxReplicates, stop, completed)));
        }

        Map<Long, StudyCounts> pending = new HashMap<>();
        long prefix = first;
        StudyCounts merged = start;
        try {
            merging:
            while (prefix < batches) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                Completed c;
                try {
                    c = completed.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
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
                    StudyCounts batch = pending.remove(prefix);
                    merged = merged.merge(batch);
                    prefix++;
                    if (batch.replicates() > 0) {
                        progress.onProgress(merged.replicates(), maxReplicates);
                        checkpoints.onCheckpoint(merged);
                    }
                    if (merged.ranges().isPrefix() && stopsAt.test(merged)) {
                        break merging;
                    }
                    // A cancellation takes effect at the next batch boundary, also within a worker's claim.
                    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
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
        return merged;
    }

    private void work(ReplicateRanges held, AtomicLong nextBatch, long batches, long maxReplicates,
            AtomicBoolean stop, BlockingQueue<Completed> completed) {
        long batch = -1;
        try {
            RangeCounter counter = new RangeCounter(study, factories, partialNulls, nullLimit);
            int chunk = 1;
            while (!stop.get()) {
                long first = nextBatch.getAndAdd(chunk);
                if (first >= batches) {
                    return;
                }
                long last = Math.min(first + chunk, batches);
                List<StudyCounts> done = new ArrayList<>((int) (last - first));
                long start = System.nanoTime();
                for (batch = first; batch < last; batch++) {
                    long from = batch * batchSize;
                    long to = Math.min(from + batchSize, maxReplicates);
                    StudyCounts counts = counter.count(held.missing(from, to), stop);
                    if (counts == null) {
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

    /** Batches {@code batch, batch + 1, ...} with their counts, or a failure. */
    private record Completed(long batch, List<StudyCounts> counts, Throwable failure) {
    }
}
