package org.trialsim.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measures the performance targets of the benchmarks issue as ratios of benchmarks run in this one
 * invocation, and prints them as a table (target, measured, holds):
 *
 * <ul>
 * <li>cohort sampling within 2x of the generator floor for the draws it makes: {@code
 * CohortSamplingPerformance.sample / drawsOnly} per scenario (drawsOnly consumes exactly the sampler's raw
 * draws per patient); beside it, as a check and not the target's measurement, the ratio per iteration of
 * {@code CohortSamplingPerformance.paired}, which times the sampler and the floor alternately so that both
 * meet the same state of the host;
 * <li>W3 at most 1.5x W1 at its largest size: {@code w3 / w1At200} on one thread, for the engine and for the
 * count-level path;
 * <li>two threads at least 1.8x one thread on W1 at a million trials: the engine with each model (the count
 * model is what the command line runs for W1 by default) and the bare count-level loop.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.trialsim.benchmarks.Targets [--quick]
 * </pre>
 * {@code --quick}: one 1-second iteration after one warmup (a look, not a measurement).
 */
public final class Targets {

    private final boolean quick;
    private final List<String> lines = new ArrayList<>();

    private Targets(boolean quick) {
        this.quick = quick;
    }

    /** Entry point. */
    public static void main(String[] args) throws RunnerException {
        boolean quick = List.of(args).contains("--quick");
        Targets t = new Targets(quick);
        t.cohortSampling();
        t.nestedGrid();
        t.scaling();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-62s %-28s %s%n", "target", "measured", "holds");
        t.lines.forEach(System.out::println);
    }

    private void cohortSampling() throws RunnerException {
        Map<String, Double> s = run("org\\.trialsim\\.(random\\.GeneratorPerformance\\.nextDouble"
                + "|cohort\\.CohortSamplingPerformance\\.(sample|drawsOnly))$", Map.of());
        Double floor = s.get("GeneratorPerformance.nextDouble");
        line("generator floor, ns per nextDouble", floor == null ? "n/a" : fmt(floor) + " ns", "-");
        for (String scenario : List.of("ketamine", "binary")) {
            Double sample = s.get("CohortSamplingPerformance.sample scenario=" + scenario);
            Double draws = s.get("CohortSamplingPerformance.drawsOnly scenario=" + scenario);
            ratio("cohort sampling (" + scenario + ") / its draws at the floor <= 2", sample, draws, 2, true,
                "ns/patient");
        }
        pairedSampling();
    }

    /**
     * The ratio from {@code CohortSamplingPerformance.paired}, which times the sampler and the floor alternately,
     * cohort by cohort, so that both sides of each iteration's ratio meet the same host: the median over the
     * measured iterations, with the lowest and highest.
     */
    private void pairedSampling() throws RunnerException {
        for (RunResult r : runResults("org\\.trialsim\\.cohort\\.CohortSamplingPerformance\\.paired$", Map.of())) {
            List<Double> ratios = new ArrayList<>();
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    Result<?> sample = i.getSecondaryResults().get("sampleNanos");
                    Result<?> floor = i.getSecondaryResults().get("floorNanos");
                    if (sample != null && floor != null && floor.getScore() > 0) {
                        ratios.add(sample.getScore() / floor.getScore());
                    }
                }
            }
            String target = "paired cohort sampling (" + r.getParams().getParam("scenario") + ") / floor, a check";
            if (ratios.isEmpty()) {
                line(target, "n/a (no iterations)", "?");
                continue;
            }
            Collections.sort(ratios);
            double median = ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
                    : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
            // Not the target's measurement (that is sample / drawsOnly above, as the issue defines it): the two
            // halves share one compiled method, where the floor's loop measured up to 20% faster and the binary
            // sampler 40% slower than as benchmarks of their own (benchmarks/README.md). What it shows is the
            // spread of the ratio with the host's state, iteration by iteration.
            line(target, String.format(Locale.ROOT, "%.2f (median of %d iterations, %.2f to %.2f)", median,
                    ratios.size(), ratios.get(0), ratios.get(ratios.size() - 1)), "-");
        }
    }

    private void nestedGrid() throws RunnerException {
        Map<String, Double> s = run("org\\.trialsim\\.power\\.(WholeStudyPerformance\\.(w1At200|w3)"
                + "|CountLevelStudyPerformance\\.(w1At200Counts|w3Counts))$",
                Map.of("threads", new String[] {"1"}, "replicates", new String[] {"10000"}));
        ratio("W3 / W1 at 200 per arm <= 1.5 (engine, 1 thread)", s.get("WholeStudyPerformance.w3 "
                + "replicates=10000 threads=1"), s.get("WholeStudyPerformance.w1At200 replicates=10000 threads=1"),
                1.5, true, "ms/study");
        ratio("W3 / W1 at 200 per arm <= 1.5 (count path, 1 thread)", s.get("CountLevelStudyPerformance.w3Counts "
                + "replicates=10000 threads=1"), s.get("CountLevelStudyPerformance.w1At200Counts replicates=10000 "
                + "threads=1"), 1.5, true, "ms/study");
    }

    private void scaling() throws RunnerException {
        Map<String, Double> s = run("org\\.trialsim\\.power\\.(WholeStudyPerformance\\.w1"
                + "|CountLevelStudyPerformance\\.(w1Counts|w1Engine))$",
                Map.of("threads", new String[] {"1", "2"}, "replicates", new String[] {"1000000"}));
        for (String[] b : new String[][] {{"WholeStudyPerformance.w1", "engine"},
            {"CountLevelStudyPerformance.w1Engine", "engine, count model"},
            {"CountLevelStudyPerformance.w1Counts", "count path"}}) {
            ratio("W1 10^6 trials: 1 thread / 2 threads >= 1.8 (" + b[1] + ")",
                    s.get(b[0] + " replicates=1000000 threads=1"), s.get(b[0] + " replicates=1000000 threads=2"), 1.8,
                    false, "ms/study");
        }
    }

    private void ratio(String target, Double numerator, Double denominator, double bound, boolean atMost,
            String unit) {
        if (numerator == null || denominator == null) {
            line(target, "n/a (benchmark missing)", "?");
            return;
        }
        double r = numerator / denominator;
        boolean holds = atMost ? r <= bound : r >= bound;
        line(target, String.format(Locale.ROOT, "%.2f (%s / %s %s)", r, fmt(numerator), fmt(denominator), unit),
                holds ? "yes" : "NO");
    }

    private void line(String target, String measured, String holds) {
        lines.add(String.format(Locale.ROOT, "%-62s %-28s %s", target, measured, holds));
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.3f", x);
    }

    /** Runs the benchmarks matching {@code include}; scores keyed "Class.method p1=v1 p2=v2" (sorted params). */
    private Map<String, Double> run(String include, Map<String, String[]> params) throws RunnerException {
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult r : runResults(include, params)) {
            String full = r.getParams().getBenchmark();
            String[] parts = full.split("\\.");
            StringBuilder key = new StringBuilder(parts[parts.length - 2] + "." + parts[parts.length - 1]);
            new TreeMap<>(paramMap(r)).forEach((k, v) -> key.append(' ').append(k).append('=').append(v));
            scores.put(key.toString(), r.getPrimaryResult().getScore());
        }
        return scores;
    }

    /** Runs the benchmarks matching {@code include} (none: an empty list). */
    private Collection<RunResult> runResults(String include, Map<String, String[]> params) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder().include(include).verbosity(VerboseMode.NORMAL)
                .shouldFailOnError(true);
        if (quick) {
            o.forks(1).warmupIterations(1).measurementIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1));
        }
        params.forEach(o::param);
        try {
            return new Runner(o.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
    }

    private static Map<String, String> paramMap(RunResult r) {
        Map<String, String> m = new TreeMap<>();
        for (String k : r.getParams().getParamsKeys()) {
            m.put(k, r.getParams().getParam(k));
        }
        return m;
    }
}
