package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --model auto|patients|counts} on power, run and size, and the model in the results' provenance. */
class ModelOptionTest {

    private static final String BINARY = "../examples/two-arm-binary-chisq.yaml";
    private static final String LOG_RANK = "../examples/two-arm-tte-logrank.yaml";

    /**
     * Exact power of the two-sided Pearson chi-square test (alpha 0.05) of response 0.5 vs 0.2 with 20 per arm:
     * 0.5308455127 (reference case a01, exact enumeration of both binomials; recomputed with SciPy 1.17.1 as
     * sum of binom.pmf(x,20,.5)*binom.pmf(y,20,.2) over the (x, y) whose statistic exceeds chi2.ppf(0.95, 1)).
     */
    private static final double EXACT_POWER_40 = 0.5308455127;

    private static String provenance(String csv, String key) {
        return csv.lines().filter(l -> l.startsWith("# " + key + ": ")).map(l -> l.substring(key.length() + 4))
                .findFirst().orElseThrow(() -> new AssertionError("no # " + key + " in\n" + csv));
    }

    private static String[] powerRow(String csv) {
        return csv.lines().filter(l -> !l.startsWith("#")).map(l -> l.split(",", -1))
                .filter(c -> c.length > 2 && c[2].equals("power:response")).findFirst().orElseThrow();
    }

    @Test
    void countsGiveTheExactPowerOfReferenceA01AndSayWhichModelRan() {
        Cli.Result r = Cli.run("power", BINARY, "--model", "counts", "--reps", "20000", "--format", "csv", "-q");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("count-level", provenance(r.out(), "model"));
        String[] row = powerRow(r.out());
        assertEquals("40", row[1]);
        double estimate = Double.parseDouble(row[3]);
        // sqrt(0.53 * 0.47 / 20000) = 0.00353; 4 MCSE: a correct model fails with probability 6e-5
        double mcse = Math.sqrt(EXACT_POWER_40 * (1 - EXACT_POWER_40) / 20000);
        assertEquals(mcse, Double.parseDouble(row[4]), 0.0002);
        assertEquals(EXACT_POWER_40, estimate, 4 * mcse, r.out());
        assertEquals("20000", row[7]);
    }

    @Test
    void countsAreReproducibleForAnyThreadCountAndAutoIsTheDefault() {
        Cli.Result one = Cli.run("power", BINARY, "--model", "counts", "--reps", "2000", "-t", "1", "--format", "csv");
        Cli.Result two = Cli.run("power", BINARY, "--model", "counts", "--reps", "2000", "-t", "2", "--format", "csv");
        assertEquals(0, one.exit(), one.toString());
        assertEquals(one.out(), two.out());
        Cli.Result byDefault = Cli.run("power", BINARY, "--reps", "2000", "-t", "1", "--format", "csv");
        assertEquals(0, byDefault.exit(), byDefault.toString());
        assertEquals(one.out(), byDefault.out(), "auto is the default and picks counts for a two-arm binary design");
        Cli.Result patients = Cli.run("power", BINARY, "--model", "patients", "--reps", "2000", "--format", "csv");
        assertEquals(0, patients.exit(), patients.toString());
        assertEquals("patient-level", provenance(patients.out(), "model"));
    }

    @Test
    void jsonAndTableCarryTheModel() {
        Cli.Result json = Cli.run("power", BINARY, "--model", "counts", "--reps", "200", "--format", "json");
        assertEquals(0, json.exit(), json.toString());
        JsonNode tree = JsonMapper.builder().build().readTree(json.out());
        assertEquals("count-level", tree.get("provenance").get("model").asString());
        Cli.Result table = Cli.run("power", BINARY, "--model", "patients", "--reps", "200");
        assertEquals(0, table.exit(), table.toString());
        assertTrue(table.out().lines().anyMatch(l -> l.equals("model       patient-level")), table.out());
    }

    @Test
    void countsAreRefusedWhereTheyDoNotApply() {
        for (List<String> command : List.of(List.of("power"), List.of("size", "--target", "0.8"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of(LOG_RANK, "--model", "counts", "--reps", "100"));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("--model counts does not apply to two-arm-tte-logrank"), r.toString());
            assertTrue(!r.err().contains("Exception"), r.toString());
            assertEquals("", r.out());
        }
        // a grid size that is not a whole number of randomization blocks (of 2) is refused too
        Cli.Result odd = Cli.run("power", BINARY, "--model", "counts", "--n", "41", "--reps", "100");
        assertEquals(2, odd.exit(), odd.toString());
        assertTrue(odd.err().contains("[41]"), odd.toString());
    }

    @Test
    void autoPicksCountsWhereTheyApplyAndPatientsElsewhere() {
        Cli.Result binary = Cli.run("power", BINARY, "--model", "auto", "--reps", "200", "--format", "csv");
        assertEquals(0, binary.exit(), binary.toString());
        assertEquals("count-level", provenance(binary.out(), "model"));
        Cli.Result logRank = Cli.run("power", LOG_RANK, "--model", "auto", "--n", "40", "--reps", "100", "--format",
                "csv");
        assertEquals(0, logRank.exit(), logRank.toString());
        assertEquals("patient-level", provenance(logRank.out(), "model"));
        // a sweep runs one model, chosen on every cell
        Cli.Result sweep = Cli.run("power", BINARY, "--model", "auto", "--reps", "200", "--format", "csv",
                "--sweep", "arms.treatment.response.probability=0.4,0.6");
        assertEquals(0, sweep.exit(), sweep.toString());
        assertEquals("count-level", provenance(sweep.out(), "model"));
        // odd sizes break the whole blocks the count level needs: auto falls back to patients
        Cli.Result odd = Cli.run("power", BINARY, "--model", "auto", "--n", "41", "--reps", "100", "--format", "csv");
        assertEquals(0, odd.exit(), odd.toString());
        assertEquals("patient-level", provenance(odd.out(), "model"));
    }

    @Test
    void sizeSaysWhichModelRanAndAnUnknownModelIsAUsageError() {
        Cli.Result size = Cli.run("size", BINARY, "--model", "auto", "--target", "0.8", "--n", "40:120:2",
                "--reps", "500");
        assertEquals(0, size.exit(), size.toString());
        assertTrue(size.out().lines().anyMatch(l -> l.equals("model       count-level")), size.out());
        Cli.Result unknown = Cli.run("power", BINARY, "--model", "cohorts");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("allowed: auto, patients, counts"), unknown.toString());
    }
}
