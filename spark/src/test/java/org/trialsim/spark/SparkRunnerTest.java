package org.trialsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spark local[2]}: the Spark runner's files are byte for byte the single-JVM run's (two threads) on a
 * binary design (count level), a log-rank group-sequential design, the default trajectory scenario swept over
 * two cells, a size search and a precision-target run (rounds on the driver); with other partitionings; and with
 * a task that fails on its first attempt after counting its range, retried under {@code local[2,3]} without
 * being counted twice. Bad input: a master that cannot be reached (nothing listening, or connections never
 * answered) is refused before Spark starts, an output folder that does not exist or takes no files before
 * anything runs.
 */
class SparkRunnerTest {

    @TempDir
    static Path dir;
    static Path binary;
    static Path logrank;

    @BeforeAll
    static void scenarios() throws IOException {
        binary = Trialsim.scenario(dir, "binary.yaml");
        logrank = Trialsim.scenario(dir, "logrank-group-sequential.yaml");
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
    void aBinaryDesignAtTheCountLevelGivesTheBytesOfOneJvm() throws IOException {
        sameBytes("binary", "local[2]", "power", binary.toString(), "--n", "40,80,120", "--reps", "20000",
                "--seed", "5");
    }

    @Test
    void aLogRankGroupSequentialDesignGivesTheBytesOfOneJvm() throws IOException {
        sameBytes("logrank", "local[2]", "power", logrank.toString(), "--reps", "1500");
    }

    /** Partial nulls (issue #15, point 5) travel in the counts after the null's, and merge to the same bytes. */
    @Test
    void partialNullsGiveTheBytesOfOneJvm() throws IOException {
        sameBytes("partial", "local[2]", "power", "ketamine-vs-midazolam", "--n", "40,80", "--reps", "600",
                "--null-reps", "400", "--seed", "4", "--partial-nulls", "all");
        String csv = Files.readString(dir.resolve("partial-spark.csv"));
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("fwer_partial:response+relapse"), csv);
    }

    @Test
    void theDefaultTrajectoryScenarioSweptGivesTheBytesOfOneJvmWhateverThePartitioning() throws IOException {
        String[] sweep = {"power", "ketamine-vs-midazolam", "--n", "40,80", "--reps", "700", "--seed", "9",
            "--sweep", "arms.ketamine.response.probability=0.4,0.5"};
        sameBytes("default", "local[2]", sweep);
        System.setProperty(SparkRunner.TASKS, "3"); // one task per cell, then 2 x 2 of 350
        sameBytes("default-3", "local[2]", sweep);
        System.setProperty(SparkRunner.TASKS, "23"); // ranges of 350 and of 175
        sameBytes("default-23", "local[2]", sweep);
    }

    @Test
    void aSizeSearchPrintsTheLinesOfOneJvm() {
        String[] size = {"size", binary.toString(), "--target", "0.8", "--n", "40:160:8", "--reps", "4000",
            "--model", "patients", "-q"};
        Trialsim.Result one = Trialsim.run(size);
        Trialsim.Result spark = Trialsim.run(with(size, "--spark", "local[2]"));
        assertEquals(0, spark.exit(), spark.toString());
        assertEquals(one.out(), spark.out());
    }

    @Test
    void aPrecisionTargetRunsAsRoundsAndStopsWhereOneJvmStops() throws IOException {
        sameBytes("target", "local[2]", "power", binary.toString(), "--model", "patients", "--reps", "500",
                "--target-mcse", "0.012", "--max-reps", "20000");
        String csv = Files.readString(dir.resolve("target-spark.csv"));
        assertFalse(csv.contains("# replicates: 500\n") || csv.contains("# replicates: 20000\n"),
                "stopped between the minimum and the cap: " + csv);
    }

    @Test
    void aTaskFailingOnItsFirstAttemptIsRetriedAndCountedOnce() throws IOException {
        System.setProperty(SparkRunner.FAIL_FIRST_ATTEMPT, "true");
        sameBytes("retried", "local[2,3]", "power", logrank.toString(), "--reps", "1500");
        // without retries the same failure fails the run, with the cause and no stack trace
        Trialsim.Result failed = Trialsim.run("power", logrank.toString(), "--reps", "600", "--spark", "local[2]",
                "-q", "--format", "csv");
        assertEquals(1, failed.exit(), failed.toString());
        assertTrue(failed.err().contains("the Spark job failed") && failed.err().contains("injected failure"),
                failed.err());
        assertEquals("", failed.out());
    }

    /**
     * A master that cannot be reached is refused with exit 2 before any Spark context starts, whether nothing
     * listens there (the connection is refused at once) or the connection is never answered (a port whose
     * queue of connections is full drops further ones, as a firewall or a dead host does): then the driver gives
     * up after its own bound, {@link SparkRunner#CONNECT_MILLIS}, which the message names, rather than Spark's
     * minute of registration retries. No timing is asserted: the message shows which path was taken.
     */
    @Test
    void aMasterThatCannotBeReachedIsRefusedBeforeSparkStarts() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        Trialsim.Result r = Trialsim.run("power", binary.toString(), "--reps", "100", "--spark",
                "spark://127.0.0.1:" + port);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("cannot reach the Spark master at spark://127.0.0.1:" + port + " ("), r.err());
        assertTrue(r.err().contains("is it running, and is this the spark:// URL"), r.err());
        assertFalse(r.err().contains("spark: ") || r.err().contains("Exception"), "refused before Spark: " + r.err());

        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean dropping = false;
                for (int i = 0; i < 16 && !dropping; i++) {
                    Socket s = new Socket();
                    queued.add(s);
                    try {
                        s.connect(full.getLocalSocketAddress(), 1_000);
                    } catch (SocketTimeoutException e) {
                        dropping = true; // the queue is full: connections are no longer answered
                    }
                }
                assumeTrue(dropping, "this system answers every connection to a full queue (Linux drops them)");
                Trialsim.Result silent = Trialsim.run("power", binary.toString(), "--reps", "100", "--spark",
                        "spark://127.0.0.1:" + full.getLocalPort());
                assertEquals(2, silent.exit(), silent.toString());
                assertTrue(silent.err().contains("cannot reach the Spark master at spark://127.0.0.1:"
                        + full.getLocalPort() + " (") && silent.err().contains("waited at most "
                        + SparkRunner.CONNECT_MILLIS / 1000 + " s"), silent.err());
                assertFalse(silent.err().contains("spark: "), "refused before Spark: " + silent.err());
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    /**
     * A port that accepts connections but is not a Spark master is refused with exit 2 before any Spark context
     * starts, whether it answers with something else (here a web server's reply: Spark's RPC client drops the
     * connection at once) or says nothing (Spark's lookup then gives up after {@link SparkRunner#ANSWER_MILLIS},
     * which the message names), rather than after Spark's three registration attempts 20 s apart. No timing is
     * asserted (the hang guard is generous): the message shows which path was taken.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPortThatAcceptsButIsNotASparkMasterIsRefusedBeforeSparkStarts() throws IOException {
        byte[] page = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (byte[] answer : List.of(page, new byte[0])) {
            try (NotAMaster port = new NotAMaster(answer)) {
                String url = "spark://127.0.0.1:" + port.port();
                Trialsim.Result r = Trialsim.run("power", binary.toString(), "--reps", "100", "--spark", url);
                assertEquals(2, r.exit(), r.toString());
                assertTrue(r.err().contains("the Spark master " + url + " accepts connections but is not a Spark "
                        + "master: " + url + " did not answer as a Spark master"), r.err());
                if (answer.length == 0) {
                    assertTrue(r.err().contains("did not answer as a Spark master within "
                            + SparkRunner.ANSWER_MILLIS / 1000 + " s"), r.err());
                }
                assertTrue(r.err().contains("Is this the spark:// URL the master's log or web page shows"), r.err());
                assertTrue(port.accepted() > 0, "the port was asked");
                assertFalse(r.err().contains("spark: ") || r.err().contains("\tat "), "refused before Spark: "
                        + r.err());
                assertEquals("", r.out());
            }
        }
    }

    /** A loopback port that accepts every connection, writes {@code answer} (may be empty) and keeps it open. */
    private static final class NotAMaster implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread acceptor;

        NotAMaster(byte[] answer) throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        held.add(s);
                        s.getOutputStream().write(answer);
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        // closed, or the client hung up first: either way nothing more to do for it
                    }
                }
            }, "not-a-master");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anOutputFolderThatDoesNotExistIsRefusedBeforeRunning() {
        Path out = dir.resolve("no-such-folder").resolve("power.csv");
        Trialsim.Result r = Trialsim.run("power", binary.toString(), "--reps", "100", "--spark", "local[2]", "--out",
                out.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("does not exist; nothing was run"), r.err());
        assertFalse(r.err().contains("spark:"), "no Spark job started: " + r.err());
    }

    /**
     * An output folder that exists but takes no files, even for root ({@code /sys}): named before any Spark job
     * starts, with the exit code of any write that fails (1), as without {@code --spark}.
     */
    @Test
    void anOutputFolderTheDriverCannotWriteIsRefusedBeforeRunning() {
        assumeTrue(Files.isDirectory(Path.of("/sys")), "a folder that takes no files: /sys on Linux");
        Path out = Path.of("/sys/trialsim-spark-test.csv");
        Trialsim.Result one = Trialsim.run("power", binary.toString(), "--reps", "100", "--out", out.toString());
        Trialsim.Result r = Trialsim.run("power", binary.toString(), "--reps", "100", "--spark", "local[2]", "--out",
                out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals(one.exit(), r.exit());
        assertTrue(r.err().contains("trialsim: cannot write " + out + ": cannot create a file in /sys ("), r.err());
        assertFalse(r.err().contains("spark:") || r.err().contains("\tat "), "no Spark job started: " + r.err());
        assertFalse(Files.exists(out));
    }

    /**
     * Under a local master the tasks count on the driver's own plan (left in {@link Plans} before the job): no
     * task builds one. On an executor of its own a JVM builds a run's plan once, however many tasks (each with
     * its own deserialized copy of the run's spec) ask for it.
     */
    @Test
    void tasksShareOnePlanPerJvmAndUnderALocalMasterTheDriversOwn() throws Exception {
        int before = Plans.built();
        sameBytes("seeded", "local[2]", "power", binary.toString(), "--model", "patients", "--reps", "4000",
                "--sweep", "arms.treatment.response.probability=0.5,0.6");
        assertEquals(before, Plans.built(), "no task built a plan: they used the driver's");

        org.trialsim.cli.RunSpec spec = new org.trialsim.cli.RunSpec("power", List.of("--reps", "700", "--seed", "3"),
                binary.toString(), false, Files.readAllBytes(binary));
        String model = spec.plan().modelName();
        org.trialsim.cli.StudyPlan first = Plans.of(copy(spec), model);
        org.trialsim.cli.StudyPlan again = Plans.of(copy(spec), model);
        assertEquals(before + 1, Plans.built());
        assertTrue(first == again, "the second task found the first one's plan");
    }

    /** {@code spec} through Java serialization, as a task receives it. */
    private static org.trialsim.cli.RunSpec copy(org.trialsim.cli.RunSpec spec) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (org.trialsim.cli.RunSpec) in.readObject();
        }
    }

    @Test
    void tasksCoverEveryReplicateOnceWithRangesOfAtLeastABatch() {
        assertEquals(List.of(new SparkRunner.Task(0, 0, 700), new SparkRunner.Task(1, 0, 700)),
                SparkRunner.tasks(2, 700, 1));
        List<SparkRunner.Task> t = SparkRunner.tasks(3, 10_000, 8);
        assertEquals(9, t.size()); // 3 per cell, of 3334, 3334, 3332
        assertEquals(new SparkRunner.Task(2, 6668, 10_000), t.get(8));
        assertEquals(2, SparkRunner.tasks(1, 1000, 100).size()); // no range shorter than a batch of 500
    }
}
