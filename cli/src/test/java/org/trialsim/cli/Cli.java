package org.trialsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process with captured output. */
final class Cli {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * What a run printed and returned.
     *
     * @param exit the exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        // as main builds it: only the subcommand the arguments name (LazyCommandLineTest compares it with the whole tree)
        return run(TrialsimCommand.newCommandLine(args), args);
    }

    /** Runs {@code args} on this command line. */
    static Result run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // as main sets them up (TrialsimCommand.execute): control characters escaped on both streams
        cmd.setOut(new PrintWriter(new PrintableWriter(out)));
        cmd.setErr(new PrintWriter(new PrintableWriter(err)));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /**
     * A process running trialsim in its own JVM with {@code jvm} options (for example {@code -Xmx48m} or the
     * pause hook) and the command line {@code args}; standard error is merged into standard output.
     */
    static ProcessBuilder process(java.util.List<String> jvm, java.util.List<String> args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(Path.of(
                System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true"));
        command.addAll(jvm);
        command.addAll(java.util.List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), TrialsimCommand.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Runs {@link #process} to its end and returns its exit code and output (in {@code out}). */
    static Result runProcess(java.util.List<String> jvm, String... args) throws IOException, InterruptedException {
        Process p = process(jvm, java.util.List.of(args)).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, "");
    }

    /**
     * Runs {@code run} as K shards into files {@code prefix-I.counts} of {@code dir} (shard I on 1 + I % 2 threads),
     * each expected to succeed; returns the files, last shard first.
     */
    static java.util.List<String> shards(Path dir, java.util.List<String> run, int k, String prefix) {
        java.util.List<String> files = new java.util.ArrayList<>();
        for (int i = k; i >= 1; i--) {
            String file = dir.resolve(prefix + "-" + i + ".counts").toString();
            java.util.List<String> a = new java.util.ArrayList<>(run);
            a.addAll(java.util.List.of("--shard", i + "/" + k, "--out", file, "--threads", Integer.toString(1 + i % 2)));
            Result r = run(a.toArray(String[]::new));
            org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(), r.toString());
            files.add(file);
        }
        return files;
    }

    /** {@code trialsim merge FILES... MORE...}. */
    static Result merge(java.util.List<String> files, String... more) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("merge"));
        a.addAll(files);
        a.addAll(java.util.List.of(more));
        return run(a.toArray(String[]::new));
    }

    /** Copies a test scenario into a folder and returns its path. */
    static Path scenario(Path folder, String resource) throws IOException {
        Path target = folder.resolve(resource);
        try (InputStream in = Cli.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
