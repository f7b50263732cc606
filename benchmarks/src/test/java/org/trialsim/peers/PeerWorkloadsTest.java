package org.trialsim.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.power.CountLevelTrials;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.ScenarioParser;

/**
 * The in-process side of benchmarks/peers/run.sh must run the study its command line runs
 * ({@code ./trialsim power FILE --n SIZES --reps R --threads T --null-reps none}: the scenario's seed, the model
 * {@code --model auto} picks, no null run), or the in-process and end-to-end ratios would compare different work.
 * Checked here against {@link PowerStudy} built as the command line builds it, estimate for estimate (the
 * estimates of a seed are exact, so equality is the test); and the trials column, which the ratios divide by.
 * Timing is printed but never asserted. Runs from the module folder (Maven's working directory).
 */
class PeerWorkloadsTest {

    private static final String BINARY = "../examples/two-arm-binary-chisq.yaml";

    private static List<String[]> rows(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeerWorkloads.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n")).map(l -> l.split(",")).toList();
    }

    private static double estimate(StudyResult result, int nTotal, String measure) {
        return result.rows().stream().filter(r -> r.nTotal() == nTotal && r.measure().equals(measure))
                .mapToDouble(r -> r.estimate().estimate()).findFirst().orElseThrow();
    }

    @Test
    void binaryRunsTheCommandLinesCountLevelStudyWithTheScenariosSeed() {
        List<String[]> rows = rows("--workload", "W1", "--scenario", BINARY, "--n", "200", "--replicates", "300,600",
                "--threads", "1", "--warmup", "1", "--repeat", "3");
        // power:response, power_unadjusted:response, power:any, power:all at each replicate count
        assertEquals(8, rows.size());
        for (int reps : new int[] {300, 600}) {
            StudyResult expected = PowerStudy.of(ScenarioParser.parse(Path.of(BINARY))).sampleSizes(200)
                    .replicates(reps).threads(2).nullReplicates(0).fixedReplicates().model(new CountLevelTrials())
                    .run();
            String[] row = rows.stream().filter(r -> r[3].equals(Integer.toString(reps))
                    && r[6].equals("power:response")).findFirst().orElseThrow();
            assertEquals("W1", row[0]);
            assertEquals("trialsim in JVM (count-level)", row[1]);
            assertEquals("1", row[2]);
            assertEquals("200", row[5]);
            // printed with 6 decimals: a proportion of at most 600 replicates is exact to 1e-6 in that form
            assertEquals(estimate(expected, 200, "power:response"), Double.parseDouble(row[7]), 5e-7);
        }
    }

    @Test
    void aGridCountsReplicatesTimesSizesAsTrials() {
        List<String[]> rows = rows("--workload", "W3", "--scenario", BINARY, "--n", "40:400:40", "--replicates", "100",
                "--threads", "1", "--warmup", "1", "--repeat", "3");
        assertEquals(40, rows.size());   // 4 measures x 10 sizes
        assertTrue(rows.stream().allMatch(r -> r[3].equals("1000")), "trials = 100 replicates x 10 sizes");
        assertEquals(10, rows.stream().map(r -> r[5]).distinct().count());
    }

    @Test
    void aDesignTheCountModelCannotRunGoesToThePatientLevel() {
        List<String[]> rows = rows("--workload", "W2", "--scenario", "peers/w2.yaml", "--replicates", "40",
                "--threads", "1", "--warmup", "1", "--repeat", "3");
        assertEquals("trialsim in JVM (patient-level)", rows.get(0)[1]);
        StudyResult expected = PowerStudy.of(ScenarioParser.parse(Path.of("peers/w2.yaml"))).replicates(40)
                .threads(1).nullReplicates(0).fixedReplicates().run();
        String[] row = rows.stream().filter(r -> r[6].equals("power:event")).findFirst().orElseThrow();
        assertEquals(estimate(expected, 500, "power:event"), Double.parseDouble(row[7]), 5e-7);
        assertTrue(expected.rows().stream().map(MeasureRow::measure).noneMatch(m -> m.startsWith("type1")),
                "no null run, as --null-reps none");
    }

    @Test
    void anUnknownOptionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rows("--workload", "W1", "--scenario", BINARY, "--replicates", "10", "--bogus", "1"));
        assertTrue(e.getMessage().contains("--bogus"), e.getMessage());
    }
}
