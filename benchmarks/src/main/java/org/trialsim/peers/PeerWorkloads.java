package org.trialsim.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import org.trialsim.power.CountLevelBinaryStudy;

/**
 * trialsim's side of the peer comparison (benchmarks/peers/run.sh): runs the workloads W1, W2, W3 with the
 * same definitions as the R scripts and prints one CSV row per (workload, path, threads):
 * {@code workload,tool,threads,trials,seconds,power,mcse}.
 *
 * <p>Timing: each workload runs {@code --warmup} times and at least one second untimed (the JIT compiles the hot path, as it would in
 * a long study), then {@code --repeat} timed runs with fresh seeds; the median time is reported. The power is
 * that of the first timed run, with its binomial Monte Carlo standard error.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.trialsim.peers.PeerWorkloads --replicates 10000 --threads 1,2
 * </pre>
 */
public final class PeerWorkloads {

    private static final double CRITICAL = 3.841458820694124;
    private static final int[] W3_GRID = {20, 40, 60, 80, 100, 120, 140, 160, 180, 200};

    private PeerWorkloads() {
    }

    /** Entry point; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        long replicates = 10_000;
        int[] threads = {1, Runtime.getRuntime().availableProcessors()};
        int warmup = 3;
        int repeat = 5;
        List<String> workloads = List.of("W1", "W2", "W3");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--replicates" -> replicates = Long.parseLong(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .distinct().toArray();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--workloads" -> workloads = List.of(args[++i].split(","));
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; allowed: --replicates N --threads 1,2 --warmup N --repeat N --workloads W1,W2,W3");
                    System.exit(2);
                }
            }
        }
        for (int t : threads) {
            ExecutorService pool = Executors.newFixedThreadPool(t);
            try {
                final long r = replicates;
                final int tt = t;
                if (workloads.contains("W1")) {
                    report("W1", "trialsim count path", t, r, warmup, repeat,
                        seed -> power(new CountLevelBinaryStudy(new int[] {100}, 0.2, 0.5, CRITICAL, seed)
                                .run(r, tt, pool), 0, r));
                }
                if (workloads.contains("W3")) {
                    report("W3", "trialsim count path", t, r * W3_GRID.length, warmup, repeat,
                        seed -> power(new CountLevelBinaryStudy(W3_GRID, 0.2, 0.5, CRITICAL, seed)
                                .run(r, tt, pool), 0, r));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Rejection rate at one grid point, as a {power, replicates} pair. */
    private static double[] power(long[] rejections, int point, long replicates) {
        return new double[] {(double) rejections[point] / replicates, replicates};
    }

    private static void report(String workload, String tool, int threads, long trials, int warmup, int repeat,
            LongFunction<double[]> run) {
        long seed = 20261122L;
        // Warm up for at least `warmup` runs and one second, so that the JIT has compiled the hot path.
        long warmStart = System.nanoTime();
        for (int w = 0; w < warmup || System.nanoTime() - warmStart < 1_000_000_000L; w++) {
            run.apply(seed + 1000 + w);
        }
        List<Double> seconds = new ArrayList<>();
        double[] first = null;
        for (int k = 0; k < repeat; k++) {
            long start = System.nanoTime();
            double[] result = run.apply(seed + k);
            seconds.add((System.nanoTime() - start) / 1e9);
            if (first == null) {
                first = result;
            }
        }
        seconds.sort(null);
        double median = seconds.get(seconds.size() / 2);
        double p = first[0];
        double mcse = Math.sqrt(p * (1 - p) / first[1]);
        System.out.printf(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%.6f%n", workload, tool, threads, trials, median, p,
                mcse);
    }
}
