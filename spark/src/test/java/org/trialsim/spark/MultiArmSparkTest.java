package org.trialsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spark local[2]} on the multi-arm designs of issue #16: the tasks are replicate ranges of the one study
 * that holds every configuration (as assumed, global null, partial nulls) and size of the design, reduced with
 * exact integer sums, so the CSV and JSON are byte for byte those of the single-JVM run, for a closed-test design
 * with an interim (the built-in ketamine-schedules) under other partitionings, and for a response-adaptive design;
 * a sweep of such a design (a cell per study) and a precision target (rounds on the driver); and a task that
 * fails on its first attempt after counting its range is retried under {@code local[2,3]} without being counted
 * twice.
 */
class MultiArmSparkTest {

    @TempDir
    static Path dir;
    static Path adaptive;

    @BeforeAll
    static void scenario() throws IOException {
        adaptive = dir.resolve("adaptive.yaml");
        Files.writeString(adaptive, """
                design: {sample_sizes: [120], alpha: 0.025, sides: 1}
                arms:
                  high: {binary_outcomes: {cure: {probability: 0.55}}}
                  low: {binary_outcomes: {cure: {probability: 0.45}}}
                  placebo: {control: true, binary_outcomes: {cure: {probability: 0.3}}}
                endpoints:
                  cure: {kind: binary}
                response_adaptive:
                  information_fractions: [0.25, 0.5, 1]
                  floor: 0.1
                  cap: 0.7
                  inferiority: 0.05
                  futility: 0.1
                  success: 0.95
                """);
    }

    @AfterEach
    void clearHooks() {
        System.clearProperty(SparkRunner.FAIL_FIRST_ATTEMPT);
        System.clearProperty(SparkRunner.TASKS);
    }

    private static void sameBytes(String name, String master, String... args) throws IOException {
        Trialsim.sameBytes(dir, name, master, args);
    }

    private static String[] with(String[] args, String... more) {
        return Trialsim.with(args, more);
    }

    @Test
    void aClosedTestWithAnInterimGivesTheBytesOfOneJvmWhateverThePartitioning() throws IOException {
        String[] run = {"power", "ketamine-schedules", "--n", "180,240", "--reps", "1300", "--seed", "3"};
        sameBytes("closed", "local[2]", run);
        System.setProperty(SparkRunner.TASKS, "1"); // the whole run in one task
        sameBytes("closed-1", "local[2]", run);
        System.setProperty(SparkRunner.TASKS, "3"); // ranges of 434, 434 and 432: not on batch boundaries
        sameBytes("closed-3", "local[2]", run);
        String csv = Files.readString(dir.resolve("closed-spark.csv"));
        assertTrue(csv.contains(",fwer:once_weekly,") && csv.contains("multi_arm_ties"), csv);
    }

    @Test
    void aResponseAdaptiveDesignGivesTheBytesOfOneJvm() throws IOException {
        sameBytes("adaptive", "local[2]", "power", adaptive.toString(), "--reps", "900", "--seed", "8");
        String csv = Files.readString(dir.resolve("adaptive-spark.csv"));
        assertTrue(csv.contains(",dropped:low,") && csv.contains("# model: response_adaptive"), csv);
    }

    /** A sweep's cells are tasks of their own, reduced by cell to the bytes of the sweep on one JVM. */
    @Test
    void aSweepOfAMultiArmDesignGivesTheBytesOfOneJvm() throws IOException {
        sameBytes("sweep", "local[2]", "power", "ketamine-schedules", "--n", "180", "--reps", "800", "--seed", "4",
                "--sweep", "arms.once_weekly.response.probability=0.35,0.465");
        String csv = Files.readString(dir.resolve("sweep-spark.csv"));
        assertTrue(csv.contains("arms.once_weekly.response.probability=0.35,180,power:any,"), csv);
    }

    /** A precision target runs as rounds of batches on the driver and stops where one JVM stops. */
    @Test
    void aPrecisionTargetStopsWhereOneJvmStops() throws IOException {
        sameBytes("target", "local[2]", "power", "ketamine-schedules", "--n", "180", "--reps", "500",
                "--target-mcse", "0.015", "--max-reps", "20000");
        String csv = Files.readString(dir.resolve("target-spark.csv"));
        assertTrue(!csv.contains("# replicates: 500\n") && !csv.contains("# replicates: 20000\n"), csv);
    }

    @Test
    void aTaskFailingOnItsFirstAttemptIsRetriedAndCountedOnce() throws IOException {
        System.setProperty(SparkRunner.FAIL_FIRST_ATTEMPT, "true");
        sameBytes("retried", "local[2,3]", "power", "ketamine-schedules", "--n", "180", "--reps", "1500");
        sameBytes("retried-adaptive", "local[2,3]", "power", adaptive.toString(), "--reps", "700");
    }
}
