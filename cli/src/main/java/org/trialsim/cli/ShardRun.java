package org.trialsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.trialsim.power.MonteCarloStudy;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyCounts;

/**
 * One shard of a run ({@code --shard I/K}): counts its pieces of the replicates ({@link Shard#pieces}) with the
 * core's shard API ({@link MonteCarloStudy#counts(long, long)}, on {@code --threads} threads in slices of a batch)
 * and writes them with the run's spec to a {@link ShardFile}. Nothing is written unless every piece completed.
 */
final class ShardRun {

    private ShardRun() {
    }

    /** Runs shard {@code shard} of {@code plan} and writes its counts file to {@code out}; returns the exit code. */
    static int run(RunSpec spec, StudyPlan plan, Shard shard, Path out, Integer threads, TrialsimCommand root,
            PrintWriter stderr) throws java.io.IOException {
        if (out == null) {
            throw new UsageException("--shard writes a counts file: give it with --out FILE, for example --out part-"
                    + shard.index() + ".counts");
        }
        if (!plan.fixedReplicates()) {
            throw new UsageException("--shard needs a fixed number of replicates, but this run has a precision target"
                    + " (--target-mcse or the scenario's simulation.target_mcse), whose stopping point depends on"
                    + " every batch before it; give --reps R without --target-mcse to split it");
        }
        int cells = plan.cellCount();
        List<Shard.Piece> pieces = shard.pieces(cells, plan.replicates());
        ResultFolder.refuseOverwrite(List.of(out), root.force);
        MonteCarloStudy announced = plan.template();
        if (!root.quiet) {
            long mine = pieces.stream().mapToLong(p -> p.to() - p.from()).sum();
            stderr.println("shard " + shard + ": " + mine + " replicates of " + announced.scenario().name()
                    + " (seed " + announced.seed() + ")" + (cells > 1 ? " over " + pieces.size() + " of " + cells
                    + " cells" : ""));
            stderr.flush();
        }
        // the studies of this shard's cells alone, built before the threads start (a grid may hold thousands)
        Map<Integer, MonteCarloStudy> studies = new TreeMap<>();
        for (Shard.Piece p : pieces) {
            studies.computeIfAbsent(p.cell(), plan::study);
        }
        Map<Integer, StudyCounts> counts;
        try (Interruption stop = new Interruption();
                ProgressDisplay bar = ProgressDisplay.forTerminal("Simulating", root.quiet)) {
            counts = count(studies, pieces, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    stop, bar);
            if (counts == null) {
                stderr.println("trialsim: interrupted; a shard is written whole or not at all: nothing written");
                return TrialsimCommand.EXIT_INTERRUPTED;
            }
        }
        ShardFile.write(out, spec, plan, shard, counts);
        if (!root.quiet) {
            stderr.println("wrote " + out);
        }
        return 0;
    }

    /**
     * The counts of every piece, by cell; null if interrupted. Slices of one batch run on a fixed pool, and
     * their counts merge exactly whatever finishes first.
     */
    private static Map<Integer, StudyCounts> count(Map<Integer, MonteCarloStudy> studies, List<Shard.Piece> pieces,
            int threads, Interruption stop, ProgressDisplay bar) {
        List<Shard.Piece> slices = new ArrayList<>();
        for (Shard.Piece p : pieces) {
            for (long from = p.from(); from < p.to(); from += PowerStudy.DEFAULT_BATCH_SIZE) {
                slices.add(new Shard.Piece(p.cell(), from, Math.min(p.to(), from + PowerStudy.DEFAULT_BATCH_SIZE)));
            }
        }
        long total = pieces.stream().mapToLong(p -> p.to() - p.from()).sum();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, slices.size())), r -> {
            Thread t = new Thread(r, "trialsim-shard");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<StudyCounts>> futures = new ArrayList<>();
            for (Shard.Piece s : slices) {
                futures.add(pool.submit(() -> {
                    if (stop.cancelled()) {
                        return null;
                    }
                    StudyCounts c = studies.get(s.cell()).counts(s.from(), s.to());
                    bar.onProgress(done.addAndGet(s.to() - s.from()), total);
                    return c;
                }));
            }
            Map<Integer, StudyCounts> byCell = new TreeMap<>();
            for (int i = 0; i < slices.size(); i++) {
                StudyCounts c = futures.get(i).get();
                if (c == null) {
                    return null;
                }
                byCell.merge(slices.get(i).cell(), c, StudyCounts::merge);
            }
            return stop.cancelled() ? null : byCell;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
