package org.trialsim.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.power.TrialModel;
import org.trialsim.power.CountLevelTrials;
import org.trialsim.power.Workloads;
import org.trialsim.scenario.Scenario;

/**
 * trialsim's side of the peer comparison (benchmarks/peers/run.sh): runs the workloads W1, W2, W3 with the
 * same definitions as the R scripts and prints one CSV row per (workload, path, threads):
 * {@code workload,tool,threads,trials,seconds,power,mcse}.
 *
 * <p>{@code --count-replicates N} sets the replicates of the count-model rows (default {@code --replicates});
 * run.sh passes base R's trial count, so that the two paths that do millions of trials per second are timed on
 * the same number of trials (at 10,000 a count-model study lasts about a millisecond, and fixed costs of a
 * study would be timed rather than trials).
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

    /** Marks the library's standard (patient-level) model, which {@code PowerStudy.of(scenario)} picks. */
    private static final TrialModel STANDARD = (scenario, seed) -> {
        throw new UnsupportedOperationException("marker only");
    };

    private PeerWorkloads() {
    }

    /** Entry point; see the class comment for the options. */
    public static void main(String[] args) {
        long replicates = 10_000;
        long countReplicates = -1;
        int[] threads = {1, Runtime.getRuntime().availableProcessors()};
        int warmup = 3;
        int repeat = 5;
        List<String> workloads = List.of("W1", "W2", "W3");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--replicates" -> replicates = Long.parseLong(args[++i]);
                case "--count-replicates" -> countReplicates = Long.parseLong(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .distinct().toArray();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--workloads" -> workloads = List.of(args[++i].split(","));
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; allowed: --replicates N --count-replicates N --threads 1,2 --warmup N --repeat N"
                            + " --workloads W1,W2,W3");
                    System.exit(2);
                }
            }
        }
        if (countReplicates < 0) {
            countReplicates = replicates;
        }
        for (int t : threads) {
            if (workloads.contains("W1")) {
                engine("W1", "trialsim engine", STANDARD, t, replicates, 1, Workloads.w1(100), "power:response", 200,
                        warmup, repeat);
                engine("W1", "trialsim engine (count model)", new CountLevelTrials(), t, countReplicates, 1,
                        Workloads.w1(100), "power:response", 200, warmup, repeat);
            }
            if (workloads.contains("W2")) {
                engine("W2", "trialsim engine", STANDARD, t, replicates, 1, Workloads.w2(), "power:relapse", 500,
                        warmup, repeat);
            }
            if (workloads.contains("W3")) {
                engine("W3", "trialsim engine", STANDARD, t, replicates, 10, Workloads.w3(), "power:response", 40,
                        warmup, repeat);
                engine("W3", "trialsim engine (count model)", new CountLevelTrials(), t, countReplicates, 10,
                        Workloads.w3(), "power:response", 40, warmup, repeat);
            }
        }
    }

    /**
     * A workload through the library's engine ({@link PowerStudy}, alternative only, as the peers); the power
     * reported is the measure at total sample size {@code nTotal}.
     */
    private static void engine(String workload, String tool, TrialModel model, int threads, long replicates,
            int trialsPerReplicate, Scenario scenario, String measure, int nTotal, int warmup, int repeat) {
        try {
            report(workload, tool, threads, replicates * trialsPerReplicate, warmup, repeat, seed -> {
                StudyResult result = (model == STANDARD ? PowerStudy.of(scenario) : PowerStudy.of(scenario, model)).replicates(Math.toIntExact(replicates)).seed(seed)
                        .threads(threads).nullHypothesis(false).fixedReplicates().run();
                for (MeasureRow row : result.rows()) {
                    if (row.nTotal() == nTotal && row.measure().equals(measure)) {
                        return new double[] {row.estimate().estimate(), replicates};
                    }
                }
                throw new IllegalStateException("no " + measure + " at N=" + nTotal + " in " + result.rows());
            });
        } catch (UnsupportedOperationException e) {
            System.err.println(workload + ": the engine cannot run it in this build: " + e.getMessage());
        }
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
