package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.scenario.Limits;

/**
 * One set of limits for files and options (issue #20, point 5): what a scenario file refuses, the options
 * refuse with the same bound, before any memory is committed (so {@code --n 1000000000} is a message, not
 * minutes of growing memory and an OutOfMemoryError); a value that {@code check} accepts, {@code power}
 * accepts; each option's own range is reported for that option.
 */
class OneSetOfLimitsTest {

    @TempDir
    Path dir;

    private static void assertRefused(Cli.Result r, String message) {
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), r.toString());
    }

    private Path scenario(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String tinyWith(String sampleSizes, String replicates) throws IOException {
        try (var in = Cli.class.getResourceAsStream("tiny.yaml")) {
            return new String(in.readAllBytes()).replace("sample_sizes: [40, 80]", "sample_sizes: " + sampleSizes)
                    .replace("replicates: 400", "replicates: " + replicates);
        }
    }

    @Test
    void theLargestSampleSizeIsTheSameInFilesAndOptions() throws IOException {
        String tiny = Cli.scenario(dir, "tiny.yaml").toString();
        String above = Long.toString(Limits.MAX_SAMPLE_SIZE + 1L);
        for (String[] command : new String[][] {
                {"power", tiny, "--n", "1000000000"}, {"power", tiny, "--n", "40," + above},
                {"size", tiny, "--target", "0.8", "--n", "40:" + above + ":40"}, {"run", tiny, "--n", above}}) {
            assertRefused(Cli.run(command), "is above the largest total sample size, 1000000 (the limit of a"
                    + " scenario's design.sample_sizes)");
        }
        assertRefused(Cli.run("simulate", tiny, "--replicate", "0", "--n", above), "--n must be a positive integer"
                + " total sample size (at most 1000000)");
        assertRefused(Cli.run("check", scenario("big-n.yaml", tinyWith("[40, " + above + "]", "400")).toString()),
                "design.sample_sizes[1]: found " + above + "; allowed a positive integer total sample size (at most"
                        + " 1000000)");
        // at the limit, the file is valid (and check prints its figures)
        assertEquals(0, Cli.run("check", scenario("at-n.yaml", tinyWith("[40, " + Limits.MAX_SAMPLE_SIZE + "]",
                "400")).toString()).exit());
        // as many grid points as a file may hold, and no more
        assertRefused(Cli.run("power", tiny, "--n", "1:" + (Limits.MAX_GRID + 1) + ":1"), "has more than 1000 sample"
                + " sizes");
    }

    @Test
    void theLargestNumberOfReplicatesIsTheSameInFilesAndOptions() throws IOException {
        String tiny = Cli.scenario(dir, "tiny.yaml").toString();
        String above = Long.toString(Limits.MAX_REPLICATES + 1L);
        for (String[] command : new String[][] {{"power", tiny}, {"run", tiny}, {"size", tiny, "--target", "0.8"}}) {
            String[] line = java.util.Arrays.copyOf(command, command.length + 2);
            line[command.length] = "--reps";
            line[command.length + 1] = above;
            assertRefused(Cli.run(line), "--reps must be a number of"
                    + " replicates in [1, 100000000] (as simulation.replicates) but was " + above);
        }
        assertRefused(Cli.run("check", scenario("reps.yaml", tinyWith("[40, 80]", above)).toString()),
                "simulation.replicates: found " + above + "; allowed a number of replicates in [1, 100000000]");
        assertRefused(Cli.run("power", tiny, "--threads", "100000"), "--threads must be in [1, 1024]");
        assertRefused(Cli.run("power", tiny, "--target-mcse", "0.6"), "--target-mcse must be above 0 and below 0.5");
    }

    @Test
    void groupSequentialRangesAreTheSameInFilesAndOptions() throws IOException {
        assertRefused(Cli.run("design", "boundaries", "--looks", "3", "--spending", "hsd", "--gamma", "1000"),
                "--spending hsd needs --gamma, a Hwang-Shih-DeCani gamma in [-40, 40]");
        Cli.Result edge = Cli.run("design", "boundaries", "--looks", "3", "--spending", "hsd", "--gamma", "40");
        assertEquals(0, edge.exit(), edge.toString());
        assertFalse(edge.out().contains("Infinity") || edge.out().contains("NaN"), edge.toString());
        assertRefused(Cli.run("design", "boundaries", "--looks", "3", "--futility", "beta", "--beta", "0.7"),
                "--beta must be a total beta in (0, 0.5), found 0.7");

        // futility beta 0.999: check refused it too late (power failed with no file, line or key)
        String interim = """
                name: sequential
                design: {sample_sizes: [60], sides: 1, randomization: {method: simple}}
                arms:
                  drug:
                    response: {probability: 0.4}
                endpoints:
                  response: {test: binomial_exact, control: null, p0: 0.2}
                interim:
                  endpoint: response
                  information_fractions: [0.5, 1]
                  futility: {rule: beta_spending, spending: pocock, beta: 0.999}
                """;
        Path file = scenario("sequential.yaml", interim);
        for (String command : new String[] {"check", "power"}) {
            assertRefused(Cli.run(command, file.toString()), file + ":11:");
            assertRefused(Cli.run(command, file.toString()), "interim.futility.beta: found 0.999; allowed a total"
                    + " beta in (0, 0.5)");
        }
        Path fine = scenario("fine.yaml", interim.replace("beta: 0.999", "beta: 0.2"));
        assertEquals(0, Cli.run("check", fine.toString()).exit());
        Cli.Result power = Cli.run("power", fine.toString(), "--reps", "40", "-q");
        assertEquals(0, power.exit(), power.toString());
    }

    @Test
    void eachDesignOptionIsCheckedAgainstItsOwnRange() {
        assertRefused(Cli.run("design", "simon", "--p0", "0.2", "--p1", "0.4", "--alpha", "1.5"),
                "--alpha must be in (0, 1), found 1.5");
        assertRefused(Cli.run("design", "simon", "--p0", "0.2", "--p1", "0.4", "--power", "1.5"),
                "--power must be in (alpha, 1)");
        assertRefused(Cli.run("design", "simon", "--p0", "0.5", "--p1", "0.4"), "--p1 must be in (p0, 1)");
    }
}
