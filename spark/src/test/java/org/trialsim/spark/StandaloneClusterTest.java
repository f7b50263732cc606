package org.trialsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on this machine: a Spark master and two workers (one core each) started from the
 * Maven classpath on 127.0.0.1, the default trajectory scenario's sweep submitted to them from this JVM as the
 * driver, the result compared byte for byte with the single-JVM run, and every process stopped at the end.
 * Executors are separate JVMs started by the workers, so the run's spec, the counts and the plan cache cross
 * real process boundaries.
 */
class StandaloneClusterTest {

    @Test
    void aSweepOnAMasterAndTwoWorkersGivesTheBytesOfOneJvm(@TempDir Path dir) throws Exception {
        Path local = dir.resolve("local.csv");
        Path spark = dir.resolve("spark.csv");
        String[] run = {"power", "ketamine-vs-midazolam", "--n", "40,80", "--reps", "1000", "--seed", "17",
            "--sweep", "arms.ketamine.response.probability=0.4,0.5", "-q", "--out"};
        Trialsim.Result one = Trialsim.run(with(run, local.toString(), "--threads", "2"));
        assertEquals(0, one.exit(), one.toString());
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2, 120)) {
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
        }
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spark), Files.readString(spark));
    }

    private static String[] with(String[] args, String... more) {
        String[] a = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, a, args.length, more.length);
        return a;
    }
}
