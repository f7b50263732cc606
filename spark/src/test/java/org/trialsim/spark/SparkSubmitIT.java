package org.trialsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented way of starting on a cluster, {@code spark-submit} (README, docs/spark.md): Spark's own
 * {@code org.apache.spark.deploy.SparkSubmit} in a JVM of its own, submitting the module's jar
 * ({@code target/trialsim-spark.jar}) with {@code --class org.trialsim.cli.TrialsimCommand --jars
 * cli/target/trialsim.jar} and {@code power ... --spark} without a master (the one spark-submit sets), as a user
 * types it. Its output's bytes are compared with the single-JVM run's.
 *
 * <p>Run by {@code mvn -B verify} in the {@code integration-test} phase (the module's pom), after both jars are
 * packaged. Spark's classpath is this module's Maven classpath without trialsim's own classes and the libraries
 * only trialsim uses ({@link #sparkOnly}), like a Spark installation: trialsim and those libraries reach the
 * driver and the executors through the two jars alone.
 */
class SparkSubmitIT {

    /** Classpath entries of trialsim and of libraries Spark does not ship (its jars hold none of them). */
    private static final List<String> NOT_SPARK = List.of("/target/classes", "trialsim-", "/tools/jackson/",
            "/info/picocli/", "/org/jfree/", "/org/snakeyaml/", "/commons-rng", "/commons-statistics",
            "/commons-numbers", "/tech/tablesaw/", "/me/tongfei/", "/com/univocity/", "/org/jline/",
            "/io/github/classgraph/", "/com/ibm/icu/");

    /** The module's Maven classpath with trialsim and its own libraries left out. */
    static String sparkOnly(String mavenClasspath) {
        return Arrays.stream(mavenClasspath.split(File.pathSeparator))
                .filter(e -> NOT_SPARK.stream().noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The command line's jar, {@code cli/target/trialsim.jar}: beside the cli module's jar on the classpath (in
     * {@code mvn verify}), or beside its {@code target/classes} (when only the test phase runs, after a package).
     */
    static Path cliJar(String mavenClasspath) {
        for (String e : mavenClasspath.split(File.pathSeparator)) {
            Path p = Path.of(e);
            boolean classes = p.endsWith(Path.of("cli", "target", "classes"));
            if (p.getFileName().toString().startsWith("trialsim-cli") || classes) {
                Path jar = p.resolveSibling(p.toString().endsWith(".jar") || classes ? "trialsim.jar"
                        : "../trialsim.jar").normalize();
                if (Files.isRegularFile(jar)) {
                    return jar;
                }
            }
        }
        throw new AssertionError("no cli/target/trialsim.jar beside the cli module on " + mavenClasspath
                + ": run through 'mvn -B verify', which packages it first");
    }

    /**
     * Starts Spark's {@code SparkSubmit} in a JVM of its own in {@code dir}, as {@code spark-submit --master
     * MASTER --conf ... --class org.trialsim.cli.TrialsimCommand --jars trialsim.jar trialsim-spark.jar ARGS},
     * its output (standard output and error) into {@code log}.
     */
    static Process submit(Path dir, String master, List<String> conf, List<String> args, Path log)
            throws IOException {
        String maven = StandaloneCluster.mavenClasspath();
        Path moduleJar = Path.of("target", "trialsim-spark.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(moduleJar), "the module's jar is packaged before this test: " + moduleJar);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(StandaloneCluster.javaOptions());
        cmd.addAll(List.of("-cp", sparkOnly(maven), "org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false"));
        for (String c : conf) {
            cmd.addAll(List.of("--conf", c));
        }
        cmd.addAll(List.of("--class", "org.trialsim.cli.TrialsimCommand", "--jars", cliJar(maven).toString(),
                moduleJar.toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Waits for {@code p} to end and returns its exit code; fails (after killing it) if it does not end. */
    static int awaitEnd(Process p, Path log) throws IOException, InterruptedException {
        // a hang guard, not a timing: the run takes well under a minute even on a loaded machine
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            fail("spark-submit did not end within 10 minutes:\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    @Test
    void sparkSubmitWithALocalMasterGivesTheBytesOfOneJvm(@TempDir Path dir) throws Exception {
        Path scenario = Trialsim.scenario(dir, "logrank-group-sequential.yaml");
        Path local = dir.resolve("local.csv");
        Trialsim.Result one = Trialsim.run("power", scenario.toString(), "--reps", "1000", "--threads", "2", "-q",
                "--out", local.toString());
        assertEquals(0, one.exit(), one.toString());

        Path log = dir.resolve("spark-submit.log");
        Process p = submit(dir, "local[2]", List.of(), List.of("power", scenario.toString(), "--reps", "1000",
                "--spark", "-q", "--out", "spark.csv"), log);
        assertEquals(0, awaitEnd(p, log), Files.readString(log));
        assertTrue(Files.readString(log).contains("trialsim.jar"), "trialsim's jar reached Spark through --jars");
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(dir.resolve("spark.csv")),
                Files.readString(log));
    }
}
