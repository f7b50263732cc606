package org.trialsim.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine for a test: a master and workers, each a JVM started from the
 * Maven classpath of this module ({@code target/spark-classpath.txt}) on 127.0.0.1 with ports chosen by the
 * system. Readiness is read from their logs (the master's URL, each worker's registration), with bounded waits
 * that fail naming what did not happen; {@link #close()} stops every process it started.
 */
final class StandaloneCluster implements AutoCloseable {

    /** The flags Spark's launcher passes on Java 17 (the same as the module's Surefire and Failsafe argLine). */
    private static final List<String> OPENS = opens();

    private final Path work;
    private final String classpath;
    private final List<Process> processes = new ArrayList<>();
    private final List<BlockingQueue<String>> logs = new ArrayList<>();
    private final StringBuffer all = new StringBuffer();
    private String master;
    private final List<String> leftRunning = new ArrayList<>();

    private StandaloneCluster(Path work, String classpath) {
        this.work = work;
        this.classpath = classpath;
    }

    private static List<String> opens() {
        List<String> o = new ArrayList<>(List.of("-XX:+IgnoreUnrecognizedVMOptions",
                "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true"));
        for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
                "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            o.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        return List.copyOf(o);
    }

    /** The JVM flags Spark needs on Java 17, as Spark's launcher passes them. */
    static List<String> javaOptions() {
        return OPENS;
    }

    /** The module's runtime classpath as Maven wrote it (the dependency plugin, generate-resources). */
    static String mavenClasspath() throws IOException {
        return Files.readString(Path.of("target", "spark-classpath.txt")).strip();
    }

    /**
     * Starts a master and {@code workers} workers of one core each and waits until every worker has registered.
     *
     * @param seconds the most to wait for each to be ready
     */
    static StandaloneCluster start(Path work, int workers, long seconds) throws IOException, InterruptedException {
        StandaloneCluster c = new StandaloneCluster(work, mavenClasspath());
        try {
            int m = c.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0",
                    "--webui-port", "0");
            Matcher url = c.await(m, Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)"),
                    seconds, "the master to start");
            c.master = url.group(1);
            for (int i = 0; i < workers; i++) {
                Path dir = Files.createDirectories(work.resolve("worker-" + i));
                int w = c.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g", "--work-dir",
                        dir.toString(), c.master);
                c.await(w, Pattern.compile("Successfully registered with master"), seconds, "worker " + i
                        + " to register");
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String master() {
        return master;
    }

    /** Everything the cluster's processes printed, for failure messages. */
    String log() {
        return all.toString();
    }

    /**
     * Waits at most {@code seconds} for a line of the master's log matching {@code pattern}; the lines before
     * it are passed over (and not matched again by a later wait).
     */
    Matcher awaitMaster(Pattern pattern, long seconds, String what) throws InterruptedException {
        return await(0, pattern, seconds, what);
    }

    /** As {@link #awaitMaster}, for the log of worker {@code worker} (from 0). */
    Matcher awaitWorker(int worker, Pattern pattern, long seconds, String what) throws InterruptedException {
        return await(1 + worker, pattern, seconds, what);
    }

    /** The number of workers. */
    int workers() {
        return processes.size() - 1;
    }

    private int launch(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(OPENS);
        cmd.addAll(List.of("-cp", classpath, mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(work.toFile());
        // executors are started by the workers: Spark's launcher code then looks for a Spark distribution unless
        // testing; the classes come from spark.executor.extraClassPath instead
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_HOME", work.toString());
        pb.environment().put("SPARK_TESTING", "1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process p = pb.start();
        processes.add(p);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        logs.add(lines);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    all.append(name).append(": ").append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                all.append(name).append(": log closed: ").append(e.getMessage()).append('\n');
            }
        }, "log-" + name);
        reader.setDaemon(true);
        reader.start();
        return processes.size() - 1;
    }

    /** Waits at most {@code seconds} for a line of process {@code index} matching {@code pattern}. */
    private Matcher await(int index, Pattern pattern, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        BlockingQueue<String> lines = logs.get(index);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("waited " + seconds + " s for " + what + " (process "
                        + (processes.get(index).isAlive() ? "running" : "ended with " + processes.get(index).exitValue())
                        + "); the cluster's log:\n" + log());
            }
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
    }

    /**
     * Stops the workers (which stop their executors), then the master; kills any still running after 60 s, with
     * the processes they started, and waits for every one of them to end ({@link #leftRunning()} names any
     * that did not). The bounds only guard against a hang: the kill, not a clock, ends what did not stop, so a
     * pause of every process (SIGSTOP) does not make this fail.
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            all.add(p.toHandle());
            p.descendants().forEach(all::add);
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
            try {
                h.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                if (h.isAlive()) {
                    leftRunning.add(h.info().commandLine().orElse("pid " + h.pid()));
                }
            }
        }
    }

    /** The processes still running after {@link #close()} (none, unless one could not be killed). */
    List<String> leftRunning() {
        return List.copyOf(leftRunning);
    }
}
