package org.trialsim.spark;

import java.util.List;
import java.util.Locale;
import org.trialsim.cli.RunSpec;
import org.trialsim.cli.StudyPlan;
import org.trialsim.scenario.ScenarioLibrary;

/**
 * Not a test: a timing, in one JVM, of what an executor builds before it counts (issue #17's cost model). The
 * run is the cost model's grid: the default scenario swept over five assumptions at five levels each (3,125
 * cells). "Before" is what an executor built until this change: the driver's validated plan ({@link
 * RunSpec#plan()}, every cell parsed and checked) and then every cell's study; "after" is the worker plan
 * ({@link RunSpec#workerPlan(String)}) building the cells of one executor's share of 100 (32 cells). One cell is
 * built first, to load the classes both paths use.
 *
 * <pre>
 * java -cp spark/target/test-classes:spark/target/classes:$(cat spark/target/spark-classpath.txt) \
 *     org.trialsim.spark.ExecutorPlanTiming
 * </pre>
 */
public final class ExecutorPlanTiming {

    private ExecutorPlanTiming() {
    }

    /** Prints the two timings. */
    public static void main(String[] args) throws Exception {
        byte[] text;
        try (var in = ScenarioLibrary.class.getResourceAsStream("/org/trialsim/scenarios/" + ScenarioLibrary.DEFAULT + ".yaml")) {
            text = in.readAllBytes();
        }
        RunSpec run = new RunSpec("power", List.of("--reps", "100000",
                "--sweep", "arms.ketamine.response.probability=0.40:0.60:0.05",
                "--sweep", "arms.midazolam.response.probability=0.15:0.35:0.05",
                "--sweep", "dropout.per_week=0.002:0.010:0.002",
                "--sweep", "dropout.induction=0.05:0.25:0.05",
                "--sweep", "arms.ketamine.relapse.durable_fraction=0.05:0.45:0.10"),
                ScenarioLibrary.DEFAULT, true, text);
        String model = "patient-level";
        StudyPlan warm = run.workerPlan(model);
        model = warm.modelName();
        warm.study(0);
        int cells = warm.cellCount();
        int share = (cells + 99) / 100;

        long t0 = System.nanoTime();
        StudyPlan worker = run.workerPlan(model);
        for (int c = 0; c < share; c++) {
            worker.study(c * 100 + 7);
        }
        double after = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        StudyPlan all = run.plan();
        int built = all.studies().size();
        double before = (System.nanoTime() - t1) / 1e9;

        System.out.printf(Locale.ROOT, "grid: %d cells (model %s), load average %s%n", cells, all.modelName(),
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        System.out.printf(Locale.ROOT, "before: every cell validated and built (%d): %.1f s%n", built, before);
        System.out.printf(Locale.ROOT, "after:  the %d cells of one executor's share of 100: %.2f s (%.1f ms per cell)"
                + "%n", share, after, after * 1000 / share);
    }
}
