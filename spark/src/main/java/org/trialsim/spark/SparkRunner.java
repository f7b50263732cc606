package org.trialsim.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SecurityManager;
import org.apache.spark.SecurityManager$;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEndpointNotFoundException;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.RpcEnv$;
import org.trialsim.cli.ClusterRunner;
import org.trialsim.cli.RunSpec;
import org.trialsim.cli.StudyPlan;
import org.trialsim.power.MonteCarloStudy;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ReplicateRanges;
import org.trialsim.power.StudyCounts;
import scala.Tuple2;

/**
 * The Spark runner of {@code trialsim power --spark MASTER} and {@code size --spark MASTER}: the driver
 * partitions the replicates of every study of the run (a sweep's cells, a search's grid study) into tasks,
 * {@code (cell, [from, to))}; each executor rebuilds the studies of its own tasks' cells from the run's
 * {@link RunSpec} (once per JVM and cell, {@link Plans}; under a local master the tasks use the driver's own
 * plan) and counts its range with the core's shard API ({@link MonteCarloStudy#counts(long, long)}: a
 * patient-level study, or a multi-arm design's study of every configuration and size); the driver collects the
 * tasks' counts and merges them by cell with {@link StudyCounts#merge}, exact integer sums. The result is
 * bit-identical to the single-machine run whatever the partitioning, the executors and the order tasks finish in:
 * every replicate's random numbers derive from the seed and its index alone. The run's spec travels once per
 * executor and stage, not once per task: Spark broadcasts a stage's function (with the spec it holds) as the
 * stage's task binary, and a task carries only its {@link Task}.
 *
 * <p>Retries cannot double-count: the counts travel as the values of the tasks' results, which Spark keeps from
 * one successful attempt per task, and the merge is keyed by cell over values that carry their replicate
 * ranges, so a replicate counted twice would make {@link StudyCounts#merge} throw rather than bias a figure.
 * Nothing is counted through accumulators (which a retried task may add to twice).
 *
 * <p>A study with a precision target is sequential ({@link PowerStudy#stopsAt}): it runs as rounds on the
 * driver, each round a job of batch-sized tasks ahead of every unfinished cell's prefix, merged in order and
 * stopped at the first batch boundary where the study stops, exactly as the thread pool does; batches run past
 * the stopping point are discarded.
 *
 * <p>Settings (Spark configuration, for example {@code spark-submit --conf}): {@value #TASKS}, the number of
 * tasks to aim for (default four per core of the cluster, {@code defaultParallelism}; at least one per cell,
 * at most one per batch of 500 replicates). A test hook, never set in normal use: with the system property
 * {@value #FAIL_FIRST_ATTEMPT} set to {@code true} on the driver, the first task of every job throws on its
 * first attempt after counting its range (so a runner that counted work of failed attempts would show it).
 */
public final class SparkRunner implements ClusterRunner {

    /** Spark setting: the number of tasks to aim for. */
    public static final String TASKS = "spark.trialsim.tasks";
    /** Test hook: the first task of every job fails on its first attempt. */
    public static final String FAIL_FIRST_ATTEMPT = "trialsim.test.spark.failFirstAttempt";
    /** How long the driver waits for a standalone master's port before saying it cannot be reached. */
    static final int CONNECT_MILLIS = 5_000;
    /** How long the driver waits for a standalone master's port to answer as a Spark master. */
    static final int ANSWER_MILLIS = 5_000;
    /** Spark's loggers of its RPC client, silenced while it asks whether a port is a master's. */
    private static final List<String> QUIET_WHILE_ASKING = List.of("org.apache.spark.network", "org.apache.spark.rpc");

    /** Creates the runner (the service loader does). */
    public SparkRunner() {
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<StudyCounts> count(RunSpec spec, StudyPlan plan, String master, boolean quiet, PrintWriter log) {
        SparkConf conf = new SparkConf(true).setAppName("trialsim " + spec.command() + " " + spec.scenarioLabel());
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new Refused("--spark without a master runs under spark-submit, which sets one (--master); give "
                    + "--spark local[*] for this machine or --spark spark://HOST:PORT for a standalone cluster");
        }
        String url = conf.get("spark.master");
        reachable(url);
        answersAsMaster(url, conf);
        if (url.startsWith("local")) {
            // one machine: the driver on the loopback address and no web page, unless configured otherwise
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        long started = System.nanoTime();
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new Refused("cannot start Spark with master " + url + ": " + e.getMessage());
        }
        try {
            if (sc.sc().isStopped()) {
                throw stoppedBeforeTheJob(url);
            }
            sc.setLogLevel("WARN");
            JobTimes times = new JobTimes();
            sc.sc().addSparkListener(times);
            Plans.seed(spec, plan);
            boolean failOnce = Boolean.getBoolean(FAIL_FIRST_ATTEMPT);
            int tasks = conf.getInt(TASKS, 4 * sc.defaultParallelism());
            if (!quiet) {
                log.printf(Locale.ROOT, "spark: %s on %s (%d cores), started in %.1f s%n", sc.appName(), url,
                        sc.defaultParallelism(), (System.nanoTime() - started) / 1e9);
                log.flush();
            }
            List<StudyCounts> counts = plan.fixedReplicates() ? fixed(sc, spec, plan, tasks, failOnce)
                    : rounds(sc, spec, plan, failOnce);
            if (!quiet) {
                long replicates = counts.stream().mapToLong(StudyCounts::replicates).sum();
                log.printf(Locale.ROOT, "spark: counted %d replicates in %.1f s%n", replicates,
                        (System.nanoTime() - started) / 1e9);
                times.awaitJobsEnded(2_000);
                log.println(times.summary(sc.defaultParallelism()));
                log.flush();
            }
            return counts;
        } catch (SparkException e) {
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Spark ran the job", e);
        } catch (IllegalStateException e) {
            if (sc.sc().isStopped()) { // Spark stops the context in a thread of its own: it may come after the check
                throw stoppedBeforeTheJob(url);
            }
            throw e;
        } finally {
            long stopping = System.nanoTime();
            sc.stop();
            if (!quiet) {
                log.printf(Locale.ROOT, "spark: stopped in %.1f s%n", (System.nanoTime() - stopping) / 1e9);
                log.flush();
            }
        }
    }

    /**
     * Spark stopped the context before the job ran. With a {@code spark://} master that accepts connections,
     * the usual cause is a port that is not the master's: Spark retries registering the application three
     * times 20 s apart (fixed in its {@code StandaloneAppClient}), logs "All masters are unresponsive! Giving
     * up." and stops the context. {@link #answersAsMaster} refuses such a port within seconds before Spark
     * starts; this is what is left for a master that answered that check and then went away or refused the
     * application.
     */
    private static Refused stoppedBeforeTheJob(String url) {
        return new Refused("Spark stopped before the job ran (Spark's log above says why)"
                + (url.startsWith("spark://") ? ": if it says the masters are unresponsive, " + url + " accepts "
                + "connections but is not a Spark master's port (7077 by default; the spark:// URL its log or web "
                + "page shows), and Spark gave up registering after three attempts 20 s apart" : "")
                + ". Nothing was run");
    }

    /** One range of one study: a task. */
    record Task(int cell, long from, long to) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The tasks of a fixed number of replicates: each cell cut into equal ranges, enough for about
     * {@code target} tasks over all cells, none shorter than a batch (unless the cell is).
     */
    static List<Task> tasks(int cells, long replicates, int target) {
        long perCell = Math.max(1, Math.min(ceilDiv(replicates, PowerStudy.DEFAULT_BATCH_SIZE),
                ceilDiv(target, cells)));
        long slice = ceilDiv(replicates, perCell);
        List<Task> tasks = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            for (long from = 0; from < replicates; from += slice) {
                tasks.add(new Task(c, from, Math.min(replicates, from + slice)));
            }
        }
        return tasks;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Every cell's replicates {@code [0, R)} in one job of one stage, its tasks' counts merged by cell on the
     * driver: no shuffle (a reduce by key would add a stage, with its scheduling and shuffle files, to merge
     * what the driver merges in microseconds; the driver receives one {@link StudyCounts} per task, a few kB).
     */
    private static List<StudyCounts> fixed(JavaSparkContext sc, RunSpec spec, StudyPlan plan, int target,
            boolean failOnce) throws SparkException {
        int cells = plan.cellCount();
        long replicates = plan.replicates();
        List<Task> tasks = tasks(cells, replicates, target);
        List<Tuple2<Task, StudyCounts>> counted = sc.parallelize(tasks, tasks.size())
                .mapToPair(new CountRange(spec, plan.modelName(), failOnce)).collect();
        StudyCounts[] byCell = new StudyCounts[cells];
        for (Tuple2<Task, StudyCounts> t : counted) {
            int c = t._1().cell();
            byCell[c] = byCell[c] == null ? t._2() : byCell[c].merge(t._2());
        }
        List<StudyCounts> counts = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            StudyCounts cell = byCell[c];
            if (cell == null || !cell.ranges().equals(ReplicateRanges.prefix(replicates))) {
                throw new SparkException("cell " + c + " came back with replicates "
                        + (cell == null ? "none" : cell.ranges()) + ", not [0, " + replicates + ")");
            }
            counts.add(cell);
        }
        return counts;
    }

    /**
     * A precision-target run: rounds of batch-sized tasks ahead of each unfinished cell, merged in order on the
     * driver until the cell's study stops.
     */
    private static List<StudyCounts> rounds(JavaSparkContext sc, RunSpec spec, StudyPlan plan, boolean failOnce)
            throws SparkException {
        List<MonteCarloStudy> studies = plan.studies();
        Map<String, String> f = studies.get(0).fingerprint();
        long batch = Long.parseLong(f.get("batch_size"));
        long minimum = plan.replicates();
        long maximum = Long.parseLong(f.get("max_replicates"));
        StudyCounts[] prefix = new StudyCounts[studies.size()];
        boolean[] done = new boolean[studies.size()];
        while (true) {
            List<Task> tasks = new ArrayList<>();
            int active = 0;
            for (boolean d : done) {
                active += d ? 0 : 1;
            }
            if (active == 0) {
                break;
            }
            long ahead = Math.max(1, 2L * sc.defaultParallelism() / active);
            for (int c = 0; c < studies.size(); c++) {
                if (done[c]) {
                    continue;
                }
                long k = prefix[c] == null ? 0 : prefix[c].replicates();
                long batches = k < minimum ? Math.max(ahead, ceilDiv(minimum - k, batch)) : ahead;
                for (long from = k, b = 0; from < maximum && b < batches; from += batch, b++) {
                    tasks.add(new Task(c, from, Math.min(maximum, from + batch)));
                }
            }
            Map<Task, StudyCounts> results = sc.parallelize(tasks, tasks.size())
                    .mapToPair(new CountRange(spec, plan.modelName(), failOnce)).collectAsMap();
            for (Task t : tasks) { // in order within each cell
                if (done[t.cell()]) {
                    continue;
                }
                StudyCounts c = results.get(t);
                if (c == null) {
                    throw new SparkException("the batch " + t + " came back empty");
                }
                prefix[t.cell()] = prefix[t.cell()] == null ? c : prefix[t.cell()].merge(c);
                done[t.cell()] = studies.get(t.cell()).stopsAt(prefix[t.cell()]);
            }
        }
        return List.of(prefix);
    }

    /**
     * On an executor: the counts of a task's range, its study rebuilt from the run's spec with the driver's trial
     * model, once per JVM and cell (the executor builds only the cells of its own tasks, {@link Plans}).
     */
    static final class CountRange implements PairFunction<Task, Task, StudyCounts> {
        private static final long serialVersionUID = 1L;
        private final RunSpec spec;
        private final String model;
        private final boolean failOnce;

        CountRange(RunSpec spec, String model, boolean failOnce) {
            this.spec = spec;
            this.model = model;
            this.failOnce = failOnce;
        }

        @Override
        public Tuple2<Task, StudyCounts> call(Task t) {
            StudyCounts counts = Plans.of(spec, model).study(t.cell()).counts(t.from(), t.to());
            TaskContext context = TaskContext.get();
            if (failOnce && context != null && context.partitionId() == 0 && context.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure (" + FAIL_FIRST_ATTEMPT + ") after counting " + t);
            }
            return new Tuple2<>(t, counts);
        }
    }

    /**
     * Checks that a standalone master ({@code spark://host:port}, several separated by commas) accepts
     * connections within {@link #CONNECT_MILLIS}: Spark itself retries registration for about a minute before
     * giving up.
     */
    static void reachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String why = "";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new Refused("the Spark master " + master + " is not spark://HOST:PORT");
            }
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new Refused("the Spark master " + master + " is not spark://HOST:PORT (port '"
                        + hostPort.substring(colon + 1) + "')");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon), port), CONNECT_MILLIS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        throw new Refused("cannot reach the Spark master at " + master + " (" + why + ", waited at most "
                + CONNECT_MILLIS / 1000 + " s): is it running, and is this the spark:// URL its log or web page "
                + "shows? Nothing was run");
    }

    /**
     * Checks that a standalone master that accepts connections ({@link #reachable}) is a Spark master, within
     * {@link #ANSWER_MILLIS}: asks, with Spark's own RPC client, whether the port has a {@code Master}
     * endpoint (the question Spark's {@code StandaloneAppClient} asks first, through {@code
     * RpcEnv.setupEndpointRef}), with Spark's lookup timeout set to that bound. Otherwise a port that accepts
     * but is not a master (a web page's, a worker's) leaves Spark retrying its registration, three times 20 s
     * apart (fixed in {@code StandaloneAppClient}). The RPC environment is a client's (it listens on no port)
     * and is shut down before the Spark context starts; its settings (authentication, encryption) are the
     * run's.
     */
    static void answersAsMaster(String master, SparkConf conf) {
        if (!master.startsWith("spark://")) {
            return;
        }
        SparkConf probe = conf.clone().set("spark.rpc.lookupTimeout", ANSWER_MILLIS + "ms")
                .set("spark.rpc.askTimeout", ANSWER_MILLIS + "ms");
        RpcEnv env;
        try {
            env = RpcEnv$.MODULE$.create("trialsim-master-check", conf.get("spark.driver.host", "localhost"), 0,
                    probe, new SecurityManager(probe, SecurityManager$.MODULE$.$lessinit$greater$default$2(),
                            SecurityManager$.MODULE$.$lessinit$greater$default$3()), true);
        } catch (RuntimeException e) {
            throw new Refused("cannot start Spark's RPC client to ask " + master + " whether it is a Spark master: "
                    + e.getMessage());
        }
        List<String> why = new ArrayList<>();
        // the RPC client logs a stranger's answer (a "too large frame") with a stack trace: the refusal says it
        Map<String, Level> levels = new java.util.HashMap<>();
        for (String logger : QUIET_WHILE_ASKING) {
            levels.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, Level.OFF);
        }
        try {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                String url = "spark://" + hostPort;
                try {
                    env.setupEndpointRef(RpcAddress.fromSparkURL(url), "Master");
                    return;
                } catch (Exception e) { // Scala throws checked exceptions undeclared
                    why.add(url + " " + notAMaster(e));
                }
            }
        } finally {
            env.shutdown();
            env.awaitTermination();
            Configurator.setLevel(levels);
        }
        throw new Refused("the Spark master " + master + " accepts connections but is not a Spark master: "
                + String.join("; ", why) + ". Is this the spark:// URL the master's log or web page shows (port "
                + "7077 by default, not its web page's 8080 or a worker's)? Nothing was run");
    }

    /** What the answer to the question "are you a Spark master?" says, as the reason in the refusal. */
    private static String notAMaster(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RpcEndpointNotFoundException) {
                return "answers as a Spark process but has no master there";
            }
            if (t instanceof java.util.concurrent.TimeoutException) {
                return "did not answer as a Spark master within " + ANSWER_MILLIS / 1000 + " s";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "did not answer as a Spark master (Spark's RPC client: " + (root.getMessage() == null
                ? root.getClass().getSimpleName() : root.getMessage()) + ")";
    }
}
