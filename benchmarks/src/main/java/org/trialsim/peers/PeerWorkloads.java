package org.trialsim.peers;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.trialsim.power.CountLevelTrials;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioParser;

/**
 * trialsim's in-process side of the peer comparison (benchmarks/peers/run.sh): the same study a
 * {@code ./trialsim power SCENARIO --n SIZES --reps R --threads T --null-reps none} command runs (same scenario,
 * same seed, the trial model {@code --model auto} picks, no null run), timed inside one warm JVM, at each of
 * several replicate counts. It prints one CSV row per size and power measure, in the format of the R peers
 * ({@code benchmarks/peers/*.R}):
 * {@code workload,tool,threads,trials,seconds,n_total,measure,power,mcse}, with trials = replicates x sizes.
 *
 * <p>Timing: the JIT is warmed first on the smallest replicate count (at least {@code --warmup} studies and one
 * second, other seeds), then each replicate count runs at least three and at most {@code --repeat} times (fewer
 * once ten seconds are spent), and the median wall time is reported. The estimates are those of the first timed
 * run, which uses the scenario's seed, so they equal the command line's to the bit (run.sh checks it).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.trialsim.peers.PeerWorkloads --workload W1 \
 *     --scenario examples/two-arm-binary-chisq.yaml --n 200 --replicates 10000,100000 --threads 2
 * </pre>
 */
public final class PeerWorkloads {

    /** Timed runs of one replicate count stop after this much time once three have run. */
    private static final double REPEAT_BUDGET_SECONDS = 10;

    private PeerWorkloads() {
    }

    /** What to run: one workload's scenario at several replicate counts. */
    private record Plan(String workload, String scenario, int[] sizes, int[] replicates, int threads, int warmup,
            int repeat) {
    }

    /** Entry point; see the class comment for the options. Bad options: a message and exit code 2. */
    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("PeerWorkloads: " + e.getMessage() + "; usage: --workload W1 --scenario FILE|NAME"
                    + " [--n 40,80|FROM:TO:BY] --replicates 10000,100000 [--threads T] [--warmup N] [--repeat N]");
            System.exit(2);
        }
    }

    /**
     * Runs the plan the options describe and prints its rows to {@code out}.
     *
     * @throws IllegalArgumentException if an option is unknown, lacks its value or is not a number
     */
    static void run(String[] args, PrintStream out) {
        Plan plan = parse(args);
        PowerStudy base = study(plan);
        String tool = "trialsim in JVM (" + base.modelName() + ")";
        warm(base, plan);
        for (int r : plan.replicates()) {
            timed(base.replicates(r), plan, tool, r, out);
        }
    }

    private static Plan parse(String[] args) {
        String workload = null;
        String scenario = null;
        int[] sizes = null;
        int[] replicates = null;
        int threads = Runtime.getRuntime().availableProcessors();
        int warmup = 3;
        int repeat = 5;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i++]) {
                case "--workload" -> workload = value;
                case "--scenario" -> scenario = value;
                case "--n" -> sizes = sizes(value);
                case "--replicates" -> replicates = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--threads" -> threads = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--repeat" -> repeat = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        if (workload == null || scenario == null || replicates == null) {
            throw new IllegalArgumentException("--workload, --scenario and --replicates are needed");
        }
        return new Plan(workload, scenario, sizes, replicates, threads, warmup, Math.max(3, repeat));
    }

    /** A list {@code 40,80} or a range {@code FROM:TO:BY} with both ends included, as the command line's --n. */
    private static int[] sizes(String text) {
        if (text.contains(":")) {
            int[] f = Arrays.stream(text.split(":")).mapToInt(Integer::parseInt).toArray();
            int by = f.length > 2 ? f[2] : 1;
            return IntStream.iterate(f[0], n -> n <= f[1], n -> n + by).toArray();
        }
        return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** The command line's study: scenario file or built-in name, --n, --threads, --null-reps none, --model auto. */
    private static PowerStudy study(Plan plan) {
        Path file = Path.of(plan.scenario());
        Scenario scenario = Files.isRegularFile(file) ? ScenarioParser.parse(file) : ScenarioLibrary.load(plan.scenario());
        PowerStudy study = PowerStudy.of(scenario).threads(plan.threads()).nullReplicates(0).fixedReplicates();
        if (plan.sizes() != null) {
            study = study.sampleSizes(plan.sizes());
        }
        return CountLevelTrials.applies(study.scenario()) ? study.model(new CountLevelTrials()) : study;
    }

    /** At least {@code warmup} studies and one second at the smallest replicate count, on other seeds. */
    private static void warm(PowerStudy base, Plan plan) {
        PowerStudy small = base.replicates(IntStream.of(plan.replicates()).min().orElseThrow());
        long start = System.nanoTime();
        for (int w = 0; w < plan.warmup() || System.nanoTime() - start < 1_000_000_000L; w++) {
            small.seed(base.seed() + 1000 + w).run();
        }
    }

    private static void timed(PowerStudy study, Plan plan, String tool, int replicates, PrintStream out) {
        List<Double> seconds = new ArrayList<>();
        StudyResult first = null;
        double spent = 0;
        for (int k = 0; k < plan.repeat() && (k < 3 || spent < REPEAT_BUDGET_SECONDS); k++) {
            long start = System.nanoTime();
            StudyResult result = study.seed(study.seed() + k).run();
            double s = (System.nanoTime() - start) / 1e9;
            seconds.add(s);
            spent += s;
            if (first == null) {
                first = result;
            }
        }
        seconds.sort(null);
        double median = seconds.get(seconds.size() / 2);
        long sizes = first.rows().stream().mapToInt(MeasureRow::nTotal).distinct().count();
        for (MeasureRow row : first.rows()) {
            if (row.measure().startsWith("power")) {
                out.printf(Locale.ROOT, "%s,%s,%d,%d,%.6f,%d,%s,%.6f,%.6f%n", plan.workload(), tool,
                        plan.threads(), replicates * sizes, median, row.nTotal(), row.measure(),
                        row.estimate().estimate(), row.estimate().mcSe());
            }
        }
    }
}
