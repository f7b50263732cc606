package org.trialsim.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.trialsim.power.CountLevelBinaryStudy;
import org.trialsim.power.CountLevelTrials;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.power.Workloads;

/**
 * Proof that a study's memory does not grow with its replicates: runs 10 million replicates of W1 (or as
 * many as given) and prints the power, its Monte Carlo error, the time and the peak heap, which must stay far
 * below the {@code -Xmx256m} it is meant to be run with. A study that kept a list of its replicates, or any
 * per-replicate garbage that survived, would exhaust such a heap (10^7 boxed results alone are ~160 MB).
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar org.trialsim.benchmarks.TenMillionReplicates \
 *     [--replicates 10000000] [--threads N] [--path engine|engine-counts|counts]
 * </pre>
 * {@code engine}: the library's {@link PowerStudy} with its standard patient-level model; {@code engine-counts}:
 * the same engine with the count-level model; {@code counts}: a bare replicate loop over the count path.
 */
public final class TenMillionReplicates {

    private TenMillionReplicates() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        long replicates = 10_000_000L;
        int threads = Runtime.getRuntime().availableProcessors();
        String path = "engine";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--replicates" -> replicates = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--path" -> path = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i] + "; allowed: --replicates N --threads N "
                            + "--path engine|engine-counts|counts");
                    System.exit(2);
                }
            }
        }
        long start = System.nanoTime();
        long rejections;
        switch (path) {
            case "counts" -> {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    rejections = new CountLevelBinaryStudy(new int[] {100}, 0.2, 0.5, 3.841458820694124, 20261122L)
                            .run(replicates, threads, pool)[0];
                } finally {
                    pool.shutdownNow();
                }
            }
            case "engine", "engine-counts" -> {
                PowerStudy study = path.equals("engine") ? PowerStudy.of(Workloads.w1(100))
                        : PowerStudy.of(Workloads.w1(100), new CountLevelTrials());
                StudyResult result = study.replicates(Math.toIntExact(replicates)).seed(20261122L).threads(threads)
                        .nullHypothesis(false).fixedReplicates().run();
                MeasureRow row = result.rows().stream().filter(r -> r.measure().equals("power:response"))
                        .findFirst().orElseThrow();
                rejections = Math.round(row.estimate().estimate() * replicates);
            }
            default -> {
                System.err.println("unknown path " + path + "; allowed: engine, engine-counts, counts");
                System.exit(2);
                return;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double power = (double) rejections / replicates;
        System.out.printf(Locale.ROOT, "W1 via %s: %d replicates on %d threads in %.1f s (%.0f trials/s)%n", path,
                replicates, threads, seconds, replicates / seconds);
        System.out.printf(Locale.ROOT, "power %.6f, MCSE %.6f%n", power, Math.sqrt(power * (1 - power) / replicates));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "max heap %d MB, peak heap used (sum of pool peaks) %.1f MB%n",
                Runtime.getRuntime().maxMemory() >> 20, peak / 1048576.0);
    }
}
