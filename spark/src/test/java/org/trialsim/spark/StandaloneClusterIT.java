package org.trialsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.scenario.ScenarioLibrary;

/**
 * A real standalone cluster on this machine: a Spark master and two workers (one core each) started from the
 * Maven classpath on 127.0.0.1 ({@link StandaloneCluster}), shared by two submissions, each compared byte for
 * byte with the single-JVM run:
 *
 * <ul>
 *   <li>the default trajectory scenario's sweep with this JVM as the driver ({@code --spark spark://...});</li>
 *   <li>{@code spark-submit --master spark://127.0.0.1:PORT} of the module's jar with {@code --jars trialsim.jar}
 *       ({@link SparkSubmitIT#submit}), the driver a JVM of its own and the executors started by the workers on
 *       Spark's jars alone, so trialsim reaches them through the submitted jars; a two-axis sweep. The master's
 *       and workers' logs show the application registered, an executor launched on each worker and, once
 *       spark-submit has ended, every executor finished and the application removed.</li>
 * </ul>
 *
 * <p>Executors are separate JVMs started by the workers, so the run's spec, the counts and the plan cache cross
 * real process boundaries. At the end every process the cluster started is stopped, and each is seen to end.
 * Readiness is waited for on states (log lines, process exits) with bounds that only guard against a hang; no
 * sleeps. Run in the {@code integration-test} phase of {@code mvn -B verify}, after the jars are packaged.
 */
class StandaloneClusterIT {

    /**
     * The most to wait for any one state: a hang guard, not a timing (each takes seconds; generous, since every
     * process of the machine may be paused for minutes while timings are taken elsewhere).
     */
    private static final long WAIT = 600;

    @TempDir
    static Path dir;
    static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        cluster = StandaloneCluster.start(dir, 2, WAIT);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
            assertEquals(List.of(), cluster.leftRunning(), "every process of the cluster has ended");
        }
    }

    @Test
    void aSweepWithThisJvmAsTheDriverGivesTheBytesOfOneJvm() throws Exception {
        Path local = dir.resolve("local.csv");
        Path spark = dir.resolve("spark.csv");
        String[] run = {"power", "ketamine-vs-midazolam", "--n", "40,80", "--reps", "1000", "--seed", "17",
            "--sweep", "arms.ketamine.response.probability=0.4,0.5", "-q", "--out"};
        Trialsim.Result one = Trialsim.run(with(run, local.toString(), "--threads", "2"));
        assertEquals(0, one.exit(), one.toString());
        // executors load trialsim from this module's classes and its Maven classpath
        String classes = Path.of("target", "classes").toAbsolutePath().toString();
        System.setProperty("spark.executor.extraClassPath", classes + File.pathSeparator
                + StandaloneCluster.mavenClasspath());
        System.setProperty("spark.executor.memory", "512m");
        System.setProperty("spark.cores.max", "2");
        try {
            Trialsim.Result r = Trialsim.run(with(run, spark.toString(), "--spark", cluster.master()));
            assertEquals(0, r.exit(), r + "\n--- cluster\n" + cluster.log());
        } finally {
            System.clearProperty("spark.executor.extraClassPath");
            System.clearProperty("spark.executor.memory");
            System.clearProperty("spark.cores.max");
        }
        assertFalse(cluster.log().contains("ERROR"), cluster.log());
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spark), Files.readString(spark));
    }

    @Test
    void sparkSubmitToTheMasterGivesTheBytesOfOneJvm() throws Exception {
        // the default scenario as a file of its own name, so that this application is told apart in the master's log
        Path scenario = dir.resolve("submitted-default.yaml");
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream("/org/trialsim/scenarios/"
                + ScenarioLibrary.DEFAULT + ".yaml")) {
            Files.copy(in, scenario);
        }
        List<String> run = List.of("power", scenario.toString(), "--n", "40,80", "--reps", "800", "--seed", "23",
                "--sweep", "arms.ketamine.response.probability=0.4,0.5", "--sweep", "dropout.per_week=0.002,0.006",
                "-q", "--out");
        Path local = dir.resolve("submit-local.csv");
        Trialsim.Result one = Trialsim.run(with(run.toArray(String[]::new), local.toString(), "--threads", "2"));
        assertEquals(0, one.exit(), one.toString());

        Path log = dir.resolve("spark-submit-standalone.log");
        // executors on Spark's jars alone, as on a Spark installation: trialsim comes with the submitted jars
        String sparkJars = SparkSubmitIT.sparkOnly(StandaloneCluster.mavenClasspath());
        List<String> args = new ArrayList<>(run);
        args.addAll(List.of("submit-spark.csv", "--spark"));
        Process p = SparkSubmitIT.submit(dir, cluster.master(), List.of("spark.executor.extraClassPath=" + sparkJars,
                "spark.executor.memory=512m", "spark.cores.max=2"), args, log);
        int exit = SparkSubmitIT.awaitEnd(p, log);
        assertEquals(0, exit, Files.readString(log) + "\n--- cluster\n" + cluster.log());

        Matcher registered = cluster.awaitMaster(Pattern.compile("Registered app trialsim power "
                + Pattern.quote(scenario.toString()) + " with ID (app-[0-9-]+)"), WAIT, "the application to register");
        String app = registered.group(1);
        for (int w = 0; w < cluster.workers(); w++) {
            cluster.awaitWorker(w, Pattern.compile("Asked to launch executor " + app + "/\\d+"), WAIT,
                    "worker " + w + " to launch an executor of " + app);
            cluster.awaitWorker(w, Pattern.compile("Executor " + app + "/\\d+ finished with state"), WAIT,
                    "worker " + w + "'s executor of " + app + " to finish");
        }
        cluster.awaitMaster(Pattern.compile("Removing app " + app), WAIT, "the master to remove " + app);
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(dir.resolve("submit-spark.csv")),
                Files.readString(log));
    }

    private static String[] with(String[] args, String... more) {
        String[] a = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, a, args.length, more.length);
        return a;
    }
}
