package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code trialsim design simon} and {@code trialsim design boundaries} through picocli, output captured. */
class DesignCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = TrialsimCommand.newCommandLine(args);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        final int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Reference case d01/d02: optimal 3/13, 12/43 with P(reject | p0) = 0.04958144975, power 0.8002143562. */
    @Test
    void simonPrintsOptimalAndMinimax() {
        final Run r = run("design", "simon", "--p0", "0.2", "--p1", "0.4", "--alpha", "0.05", "--power", "0.8");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*optimal\\s+3/13\\s+12/43\\s+20\\.58\\s+0\\.7473\\s.*0\\.049581\\s+0\\.800214.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*minimax\\s+4/18\\s+10/33\\s.*"), r.out());
    }

    @Test
    void simonMinimaxOnly() {
        final Run r = run("design", "simon", "--p0", "0.05", "--p1", "0.25", "--minimax");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*minimax\\s+0/12\\s+2/16\\s.*"), r.out());
        assertFalse(r.out().contains("optimal "), r.out());
    }

    @Test
    void simonWithoutADesignAnswersWithExit3() {
        final Run r = run("design", "simon", "--p0", "0.2", "--p1", "0.21");
        assertEquals(TrialsimCommand.EXIT_NO_ANSWER, r.exitCode, r.err);
        assertTrue(r.err.contains("no design meets these constraints with at most 500 patients: even a single-stage"
                + " test of 500 patients falls short of the power"), r.err);
        assertFalse(r.err.contains("internal error") || r.err.contains("\tat "), r.err);
        final Run limited = run("design", "simon", "--p0", "0.2", "--p1", "0.4", "--nmax", "20", "--optimal");
        assertEquals(TrialsimCommand.EXIT_NO_ANSWER, limited.exitCode, limited.err);
        assertTrue(limited.err.contains("within --nmax 20 (at least"), limited.err);
    }

    @Test
    void simonBadArgumentsExitWith2AndNoStackTrace() {
        final Run r = run("design", "simon", "--p0", "0.4", "--p1", "0.2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("p1 must be in (p0, 1)"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        final Run power = run("design", "simon", "--p0", "0.2", "--p1", "0.4", "--power", "1.5");
        assertEquals(2, power.exitCode());
        assertTrue(power.err().contains("--power must be in (alpha, 1)"), power.err());
        final Run missing = run("design", "simon", "--p1", "0.4");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("--p0"), missing.err());
    }

    /**
     * The Simon designs as CSV and JSON: the exact figures of reference case d01/d02, unrounded, one row per
     * design, the parameters as {@code # key: value} lines (CSV) or fields (JSON).
     */
    @Test
    void simonAsCsvAndJson() throws Exception {
        final Run csv = run("design", "simon", "--p0", "0.2", "--p1", "0.4", "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        java.util.List<String> lines = csv.out().lines().toList();
        assertTrue(lines.contains("# p0: 0.2"), csv.out());
        String header = "design,r1,n1,r,n,expected_n_p0,pet_p0,expected_n_p1,pet_p1,reject_p0,reject_p1";
        int h = lines.indexOf(header);
        assertTrue(h > 0, csv.out());
        assertTrue(lines.get(h + 1).startsWith("minimax,4,18,10,33,"), csv.out());
        String[] optimal = lines.get(h + 2).split(",");
        assertEquals(java.util.List.of("optimal", "3", "13", "12", "43"), java.util.List.of(optimal).subList(0, 5));
        assertEquals(0.04958144975, Double.parseDouble(optimal[9]), 1e-10);
        assertEquals(0.8002143562, Double.parseDouble(optimal[10]), 1e-10);

        final Run json = run("design", "simon", "--p0", "0.2", "--p1", "0.4", "--optimal", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        var tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.out());
        assertEquals(0.2, tree.get("p0").asDouble());
        assertEquals(1, tree.get("rows").size());
        assertEquals(43, tree.get("rows").get(0).get("n").asInt());
        assertEquals(0.04958144975, tree.get("rows").get(0).get("reject_p0").asDouble(), 1e-10);
    }

    /**
     * The boundaries as CSV (to a file named by --out, its format from the extension) and JSON, with the figures
     * of reference case g01; an existing file is kept without --force, an unknown extension refused with the
     * allowed ones, both before anything is computed (exit 2).
     */
    @Test
    void boundariesToAFileAsCsvOrJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("bounds.csv");
        final Run r = run("design", "boundaries", "--looks", "2", "--spending", "obf", "--alpha", "0.025",
                "--fractions", "0.5,1", "--out", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("efficacy z"), "the table is still shown: " + r.out());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
        assertTrue(lines.contains("# alpha_spending: " + org.trialsim.stats.sequential.SpendingFunction.obrienFleming()
                .label()), lines.toString());
        int h = lines.indexOf("look,information_fraction,efficacy_z,nominal_p,cumulative_alpha,futility_z,"
                + "futility_nominal_p,cumulative_beta");
        String[] look1 = lines.get(h + 1).split(",", -1);
        assertEquals(2.962588, Double.parseDouble(look1[2]), 5e-6);
        assertEquals("", look1[5], "no futility bound");
        assertEquals(1.968596, Double.parseDouble(lines.get(h + 2).split(",")[2]), 5e-6);

        final Cli.Result kept = Cli.run("design", "boundaries", "--looks", "2", "--out", file.toString());
        assertEquals(2, kept.exit(), kept.err());
        assertTrue(kept.err().contains("results exist and are kept: " + file), kept.err());
        final Cli.Result xlsx = Cli.run("design", "boundaries", "--looks", "2", "--out", dir.resolve("b.xlsx").toString());
        assertEquals(2, xlsx.exit(), xlsx.err());
        assertTrue(xlsx.err().contains("'.xlsx' is not a result format; the file name may end in .txt, .csv, .json"),
                xlsx.err());
        assertFalse(java.nio.file.Files.exists(dir.resolve("b.xlsx")));

        final Run json = run("design", "boundaries", "--looks", "3", "--futility", "beta", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        var tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.out());
        // rpact's inflation factor 1.10433402 and futility bound -0.2361446 (boundariesWithBetaSpendingFutility)
        assertEquals(1.10433402, tree.get("inflation_factor").asDouble(), 5e-6);
        assertEquals(-0.2361446, tree.get("rows").get(0).get("futility_z").asDouble(), 5e-6);
    }

    /** Reference case g01 (rpact asOF, t = 0.5, 1, alpha 0.025): 2.962588 / 1.968596. */
    @Test
    void boundariesTable() {
        final Run r = run("design", "boundaries", "--looks", "2", "--spending", "obf", "--alpha", "0.025",
                "--fractions", "0.5,1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\n\\s+1\\s+0\\.5000\\s+2\\.9626\\s+0\\.001525\\s+0\\.001525.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+2\\s+1\\.0000\\s+1\\.9686\\s+0\\.024500\\s+0\\.025000.*"), r.out());

        // the scenario file's name of the same spending gives the same table
        final Run yamlName = run("design", "boundaries", "--looks", "2", "--spending", "obrien_fleming", "--alpha",
                "0.025", "--fractions", "0.5,1");
        assertEquals(r.out(), yamlName.out(), yamlName.err());
    }

    /**
     * rpact getDesignGroupSequential(kMax=3, alpha=0.025, beta=0.2, typeOfDesign="asOF",
     * typeBetaSpending="bsOF", bindingFutility=FALSE): futility -0.2361446 1.1703720, inflation 1.10433402.
     */
    @Test
    void boundariesWithBetaSpendingFutility() {
        final Run r = run("design", "boundaries", "--looks", "3", "--spending", "obf", "--futility", "beta",
                "--beta", "0.2", "--beta-spending", "obf");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\n\\s+1\\s+0\\.3333\\s+3\\.7103\\s+\\S+\\s+\\S+\\s+-0\\.2361.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+2\\s+0\\.6667\\s+2\\.5114\\s+\\S+\\s+\\S+\\s+1\\.1704.*"), r.out());
        assertTrue(r.out().contains("inflation factor 1.1043"), r.out());
    }

    @Test
    void boundariesHsdNeedsGamma() {
        final Run r = run("design", "boundaries", "--looks", "3", "--spending", "hsd");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--spending hsd needs --gamma, a Hwang-Shih-DeCani gamma in [-40, 40]"), r.err());
        final Run ok = run("design", "boundaries", "--looks", "5", "--spending", "hsd", "--gamma", "-4");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("3.2527"), ok.out());
    }

    @Test
    void boundariesBadArgumentsExitWith2() {
        final Run fractions = run("design", "boundaries", "--looks", "3", "--fractions", "0.5,1");
        assertEquals(2, fractions.exitCode());
        assertTrue(fractions.err().contains("3 looks but 2 fractions"), fractions.err());
        final Run last = run("design", "boundaries", "--looks", "2", "--fractions", "0.5,0.9");
        assertEquals(2, last.exitCode());
        assertTrue(last.err().contains("last information fraction must be 1"), last.err());
        final Run spending = run("design", "boundaries", "--looks", "2", "--spending", "kim");
        assertEquals(2, spending.exitCode());
        assertTrue(spending.err().contains("--spending must be obf (or obrien_fleming), pocock or hsd (or hwang_shih_decani), found 'kim'"), spending.err());
        final Run number = run("design", "boundaries", "--looks", "two");
        assertEquals(2, number.exitCode());
        for (Run r : new Run[] {fractions, last, spending, number}) {
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }
}
