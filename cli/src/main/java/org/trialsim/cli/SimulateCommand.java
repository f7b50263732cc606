package org.trialsim.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trialsim.report.PatientTable;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trialsim simulate FILE --n N --replicate K [--seed S] [--out patients.csv]}: writes the patient
 * listing of one simulated trial ({@link PatientTable}), regenerated from (seed, replicate) alone.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write the patients of one simulated trial (replicate K) as CSV, with provenance.")
public final class SimulateCommand implements Callable<Integer> {

    /** Exit code for bad input (scenario or options). */
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario file (.yaml, .yml or .json).")
    Path file;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of patients (total).")
    int n;

    @Option(names = "--replicate", required = true, paramLabel = "K",
            description = "Replicate index (0-based) of the study.")
    long replicate;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: the scenario's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "CSV", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (n < 1) {
            err.println("trialsim simulate: --n must be at least 1, found " + n);
            return BAD_INPUT;
        }
        if (replicate < 0) {
            err.println("trialsim simulate: --replicate must be >= 0, found " + replicate);
            return BAD_INPUT;
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
        long s = seed != null ? seed : scenario.simulation().seed();
        try (Writer w = open()) {
            PatientTable.write(scenario, n, s, replicate, w);
        } catch (IllegalArgumentException e) {
            err.println("trialsim simulate: " + file + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("trialsim simulate: cannot write " + (out == null ? "standard output" : out) + ": "
                    + e.getMessage());
            return 1;
        }
        return 0;
    }

    private Writer open() throws IOException {
        if (out == null) {
            // Not closing System.out: wrap it so that close() only flushes.
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    }
}
