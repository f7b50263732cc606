package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code power --calibrate-alpha} (issue #16 point 1): the rows {@code calibrated_c:<endpoint>} and {@code
 * type1_calibrated:<endpoint>} in the table, CSV and JSON, the same for any thread count; the output without the
 * option unchanged by it; bad values and combinations refused with exit 2 naming the option. The figures are
 * checked against exact references in core's {@code ThresholdCalibrationTest}.
 */
class CalibrateAlphaCliTest {

    @TempDir
    static Path dir;
    static Path bayes;
    static Path frequentist;

    @BeforeAll
    static void scenarios() throws IOException {
        String text = """
                name: bayes-binary
                design: {sample_sizes: [60], sides: 1, randomization: {method: alternating}}
                arms:
                  treatment:
                    binary_outcomes:
                      responder: {probability: 0.55}
                  control:
                    control: true
                    binary_outcomes:
                      responder: {probability: 0.3}
                endpoints:
                  responder: %s
                """;
        bayes = dir.resolve("bayes.yaml");
        Files.writeString(bayes, text.formatted("{kind: binary, test: bayesian_binary, bayesian: {success: 0.95}}"));
        frequentist = dir.resolve("freq.yaml");
        Files.writeString(frequentist, text.formatted("{kind: binary, test: chi_square}"));
    }

    private static Cli.Result power(Path scenario, String... more) {
        List<String> a = new ArrayList<>(List.of("power", scenario.toString(), "--reps", "400", "--null-reps", "300",
                "--seed", "5", "-q"));
        a.addAll(List.of(more));
        return Cli.run(a.toArray(String[]::new));
    }

    @Test
    void rowsInEveryFormatAndTheRestUnchanged() {
        Cli.Result without = power(bayes, "--format", "csv");
        Cli.Result csv = power(bayes, "--format", "csv", "--calibrate-alpha", "0.025", "--threads", "1");
        assertEquals(0, csv.exit(), csv.toString());
        assertTrue(csv.out().startsWith(without.out().substring(0, without.out().lastIndexOf('\n'))),
                "the rows of the study come first, unchanged");
        List<String> rows = csv.out().lines().filter(l -> l.contains("calibrated")).toList();
        assertEquals(2, rows.size(), csv.out());
        assertTrue(rows.get(0).contains(",60,calibrated_c:responder,0.9") && rows.get(0).contains(",300,"),
                rows.toString());
        assertTrue(rows.get(1).contains(",60,type1_calibrated:responder,"), rows.toString());
        assertEquals(csv.out(), power(bayes, "--format", "csv", "--calibrate-alpha", "0.025", "--threads", "3").out(),
                "bit-identical for any thread count");
        Cli.Result table = power(bayes, "--calibrate-alpha", "0.025");
        assertTrue(table.out().contains("calibrated_c:responder") && table.out().contains("type1_calibrated:"),
                table.out());
        Cli.Result json = power(bayes, "--format", "json", "--calibrate-alpha", "0.025");
        assertTrue(json.out().contains("calibrated_c:responder"), json.out());
    }

    @Test
    void refusedWithExitTwo() {
        refused(power(bayes, "--calibrate-alpha", "1.5"), "--calibrate-alpha 1.5: allowed a type I error in (0, 1)");
        refused(power(bayes, "--calibrate-alpha", "0"), "in (0, 1)");
        refused(power(frequentist, "--calibrate-alpha", "0.025"), "no endpoint is decided by a Bayesian rule");
        refused(Cli.run("power", bayes.toString(), "--reps", "400", "--null-reps", "none", "--calibrate-alpha", "0.025"),
                "--null-reps none");
        refused(power(bayes, "--calibrate-alpha", "0.025", "--sweep",
                "arms.treatment.binary_outcomes.responder.probability=0.4,0.5"), "cannot be combined with --sweep");
        refused(power(bayes, "--calibrate-alpha", "0.025", "--shard", "1/2", "--out",
                dir.resolve("x.counts").toString()), "cannot be combined with --shard");
    }

    private static void refused(Cli.Result r, String message) {
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }
}
