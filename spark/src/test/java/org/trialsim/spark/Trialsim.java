package org.trialsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.trialsim.cli.TrialsimCommand;
import picocli.CommandLine;

/** Runs the trialsim command line in this JVM, with captured output (the Spark runner found as a service). */
final class Trialsim {

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

    private Trialsim() {
    }

    static Result run(String... args) {
        CommandLine cmd = TrialsimCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /**
     * Runs {@code args} on one JVM (2 threads) and with {@code --spark master}, each writing into {@code dir};
     * asserts equal bytes in CSV and JSON.
     */
    static void sameBytes(Path dir, String name, String master, String... args) throws IOException {
        for (String ext : List.of("csv", "json")) {
            Path local = dir.resolve(name + "-local." + ext);
            Path spark = dir.resolve(name + "-spark." + ext);
            Result one = run(with(args, "--threads", "2", "-q", "--out", local.toString()));
            assertEquals(0, one.exit(), one.toString());
            Result cluster = run(with(args, "--spark", master, "-q", "--out", spark.toString()));
            assertEquals(0, cluster.exit(), cluster.toString());
            assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spark), name + " " + ext);
        }
    }

    /** The arguments followed by more. */
    static String[] with(String[] args, String... more) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** Copies a test scenario of this package into a folder and returns its path. */
    static Path scenario(Path folder, String resource) throws IOException {
        Path target = folder.resolve(resource);
        try (InputStream in = Trialsim.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
