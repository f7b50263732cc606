package org.trialsim.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Copies a test scenario of this package into a folder and returns its path. */
    static Path scenario(Path folder, String resource) throws IOException {
        Path target = folder.resolve(resource);
        try (InputStream in = Trialsim.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
