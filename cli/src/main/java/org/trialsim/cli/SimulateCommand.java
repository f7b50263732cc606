package org.trialsim.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.trialsim.report.PatientTable;
import org.trialsim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim simulate FILE --n N --replicate K [--seed S] [--out patients.csv]}: writes the patient
 * listing of one simulated trial ({@link PatientTable}), regenerated from (seed, replicate) alone, so the same
 * K gives the same rows whatever else was run. Failures follow {@link Failures}: an invalid scenario or bad
 * option is exit code 2 with a message, never a stack trace.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write the patients of one simulated trial (replicate K) as CSV, with provenance.")
public final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    TrialsimCommand root;

    @Parameters(index = "0", paramLabel = "FILE|NAME",
            description = "A scenario file (YAML or JSON) or a built-in scenario name, as for run and power.")
    String scenarioArgument;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of patients (total).")
    int n;

    @Option(names = "--replicate", required = true, paramLabel = "K",
            description = "Replicate index (0-based) of the study.")
    long replicate;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: the scenario's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "CSV",
            description = "Output file (default: standard output); an existing file needs --force.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (n < 1) {
            throw new UsageException("--n must be at least 1, found " + n);
        }
        if (replicate < 0) {
            throw new UsageException("--replicate must be >= 0, found " + replicate);
        }
        if (out != null && Files.exists(out) && (root == null || !root.force)) {
            throw new UsageException(out + " exists; add --force to replace it");
        }
        Scenario scenario = ScenarioSource.resolve(scenarioArgument).scenario();
        long s = seed != null ? seed : scenario.simulation().seed();
        if (out == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            write(scenario, s, w);
            return 0;
        }
        // Written next to the target and moved over it, so that a failure never leaves half a file.
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".trialsim-", ".csv.tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(scenario, s, w);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }

    private void write(Scenario scenario, long s, Writer w) throws IOException {
        try {
            PatientTable.write(scenario, n, s, replicate, w);
        } catch (IllegalArgumentException e) {
            throw new UsageException(scenarioArgument + ": " + e.getMessage());
        }
    }
}
