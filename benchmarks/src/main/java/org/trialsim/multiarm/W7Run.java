package org.trialsim.multiarm;

import java.util.Locale;

/**
 * W7 of issue #16 timed through the Java API, trialsim's side of {@code benchmarks/peers/w7.sh}: the design of
 * {@link ResponseAdaptivePerformance} (three arms with response-adaptive randomisation, 4 interims, 200 patients),
 * {@code --trials} simulated trials on {@code --threads} threads, once, cold (no warm-up: the JIT compiles during
 * the run, as in a single study run by a user; JMH's {@code ResponseAdaptivePerformance.w7} gives the warmed
 * figure). Prints the same CSV as {@code w7.R}: {@code tool,trials,seconds,measure,estimate,mcse}, seconds being
 * the simulation's wall time in this process.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.trialsim.multiarm.W7Run --trials 10000 --threads 1
 * </pre>
 */
public final class W7Run {

    private W7Run() {
    }

    /**
     * Runs W7 and prints its operating characteristics.
     *
     * @param args {@code --trials N} (10000), {@code --threads T} (1), {@code --seed S} (20261206)
     */
    public static void main(String[] args) {
        long trials = 10_000;
        int threads = 1;
        long seed = 20261206L;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value after " + args[i]);
            }
            try {
                switch (args[i]) {
                    case "--trials" -> trials = Long.parseLong(args[i + 1]);
                    case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                    case "--seed" -> seed = Long.parseLong(args[i + 1]);
                    default -> usage("unknown option " + args[i]);
                }
            } catch (NumberFormatException e) {
                usage("not a number after " + args[i] + ": " + args[i + 1]);
            }
        }
        long start = System.nanoTime();
        ResponseAdaptiveResult r = new ResponseAdaptiveSimulation(ResponseAdaptivePerformance.W7, seed)
                .run("w7", trials, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        String tool = "trialsim-" + threads + "t";
        print(tool, trials, seconds, "success", r.success());
        print(tool, trials, seconds, "superiority_stop", r.superiorityStop());
        print(tool, trials, seconds, "futility_stop", r.futilityStop());
        print(tool, trials, seconds, "selected_a", r.selected()[1]);
        print(tool, trials, seconds, "selected_b", r.selected()[2]);
        print(tool, trials, seconds, "dropped_a", r.dropped()[1]);
        print(tool, trials, seconds, "dropped_b", r.dropped()[2]);
        print(tool, trials, seconds, "patients_control", r.patients()[0]);
        print(tool, trials, seconds, "patients_a", r.patients()[1]);
        print(tool, trials, seconds, "patients_b", r.patients()[2]);
        print(tool, trials, seconds, "patients_total", r.total());
    }

    private static void print(String tool, long trials, double seconds, String measure, Estimate e) {
        System.out.printf(Locale.ROOT, "%s,%d,%.3f,%s,%.6f,%.6f%n", tool, trials, seconds, measure, e.estimate(),
                e.mcse());
    }

    private static void usage(String problem) {
        System.err.println("W7Run: " + problem + "; usage: W7Run [--trials N] [--threads T] [--seed S]");
        System.exit(2);
    }
}
