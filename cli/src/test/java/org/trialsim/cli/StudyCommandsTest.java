package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialsim.TrialsimVersion;
import org.trialsim.power.PowerStudy;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.charts.PowerCurveChart;
import org.trialsim.charts.TrialCharts;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.ScenarioParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The commands that simulate, end to end in-process, on a small scenario. */
class StudyCommandsTest {

    /**
     * Exact power of the two-sided Pearson chi-square test (no continuity correction, alpha 0.05) of response
     * 0.5 vs 0.2 with 20 patients per arm, by enumeration of both binomials: 0.5308455127 (reference case a01;
     * recomputed with SciPy 1.17.1: sum of binom.pmf(x,20,.5)*binom.pmf(y,20,.2) over the (x, y) whose
     * statistic exceeds chi2.ppf(0.95, 1)).
     */
    private static final double EXACT_POWER_40 = 0.5308455127;

    @TempDir
    Path dir;

    private Path tiny;

    @BeforeEach
    void copyScenario() throws IOException {
        tiny = Cli.scenario(dir, "tiny.yaml");
    }

    private static List<String[]> csvRows(String csv) {
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.lines().toList()) {
            if (!line.startsWith("#") && !line.isEmpty()) {
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }

    /**
     * The charts of a textbook event are titled from the event's name: an event named death gets
     * km-death, "Time to death", and no chart of depressive relapse or of response states it cannot have.
     */
    @Test
    void eventChartsAreTitledFromTheEventsName() throws Exception {
        Path out = dir.resolve("events");
        Cli.Result r = Cli.run("run", Path.of("..", "examples", "two-arm-events-logrank.yaml").toString(), "--reps",
                "100", "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.toString());
        String km = svgText(out.resolve(ResultFolder.EVENT_PREFIX + "death.svg"));
        assertTrue(km.contains(TrialCharts.eventTitle("death")), km);
        assertTrue(km.contains("treatment (n=") && km.contains("control (n="), km);
        assertFalse(km.contains("Depressive"), km);
        for (String absent : List.of(ResultFolder.RELAPSE, ResultFolder.BENZODIAZEPINE, ResultFolder.OCCUPANCY)) {
            assertFalse(Files.exists(out.resolve(absent + ".svg")), absent);
        }
        // a relapse timed from randomization is the textbook event: titled by its name too
        Path tte = dir.resolve("tte");
        assertEquals(0, Cli.run("run", Path.of("..", "examples", "two-arm-tte-logrank.yaml").toString(), "--reps",
                "100", "--out", tte.toString(), "-q").exit());
        String relapse = svgText(tte.resolve(ResultFolder.RELAPSE + ".svg"));
        assertTrue(relapse.contains(TrialCharts.eventTitle("relapse")), relapse);
        assertFalse(relapse.contains(TrialCharts.RELAPSE_TITLE), relapse);
        // a rerun with --force into the folder of the events run replaces its outcome charts with this run's
        Cli.Result over = Cli.run("run", Path.of("..", "examples", "two-arm-tte-logrank.yaml").toString(), "--reps",
                "100", "--out", out.toString(), "-q");
        assertEquals(2, over.exit(), "km-death.* are results: kept without --force: " + over);
        assertEquals(0, Cli.run("run", Path.of("..", "examples", "two-arm-tte-logrank.yaml").toString(), "--reps",
                "100", "--out", out.toString(), "-q", "--force").exit());
        assertFalse(Files.exists(out.resolve(ResultFolder.EVENT_PREFIX + "death.svg")), "a stale chart is removed");
    }

    private static String svgText(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getTextContent();
    }

    @Test
    void runWritesTheTableResultsAndCharts() throws Exception {
        Path out = dir.resolve("results");
        Cli.Result r = Cli.run("run", tiny.toString(), "--reps", "400", "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("scenario    tiny"), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("n_total") && l.contains("power:response")), r.out());
        // every file the folder can hold but the mean-score chart, which needs a score trajectory, and the estimand
        // section, which needs an endpoint with a strategy (tiny has neither)
        List<String> expected = ResultFolder.NAMES.stream().filter(f -> !f.startsWith(ResultFolder.MEAN_SCORES + ".")
                && !f.equals(ResultFolder.ESTIMANDS)).sorted().toList();
        assertTrue(r.err().contains("wrote " + expected.size() + " files to " + out), r.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(expected,
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        // the terminal may not encode the plus-minus sign; the file is UTF-8
        assertEquals(r.out().replace("+-", "\u00b1"), Files.readString(out.resolve(ResultFolder.TABLE)));

        String csv = Files.readString(out.resolve(ResultFolder.CSV));
        assertTrue(csv.startsWith("# scenario: tiny\n"), csv);
        assertTrue(csv.contains("# replicates: 400\n# null_replicates: 400\n# partial: false\n"), csv);
        assertTrue(csv.contains("\n# stream_layout: " + ReplicateStreams.LAYOUT + "\n"), csv);
        assertTrue(r.out().contains("\nstreams     " + ReplicateStreams.LAYOUT + "\n"), r.out());
        List<String[]> rows = csvRows(csv);
        assertArrayEquals(new String[] {"cell", "n_total", "measure", "estimate", "mc_se", "ci_lower", "ci_upper",
            "replicates", "statistic", "endpoint", "look", "hypothesis"}, rows.get(0));
        assertTrue(rows.stream().skip(1).anyMatch(row -> row[1].equals("80") && row[2].equals("power:response")), csv);

        JsonNode json = JsonMapper.builder().build().readTree(out.resolve(ResultFolder.JSON).toFile());
        assertEquals("tiny", json.get("scenario").asString());
        assertEquals(400, json.get("provenance").get("replicates").asLong());
        assertEquals(12345, json.get("provenance").get("seed").asLong());
        assertEquals(ReplicateStreams.LAYOUT, json.get("provenance").get("stream_layout").asString());
        assertEquals(rows.size() - 1, json.get("rows").size());

        for (String chart : List.of(ResultFolder.POWER_CURVE, ResultFolder.RELAPSE, ResultFolder.BENZODIAZEPINE,
                ResultFolder.OCCUPANCY)) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out.resolve(chart + ".png"))));
            assertNotNull(png, chart);
            assertTrue(png.getWidth() > 100 && png.getHeight() > 100, chart);
        }
        assertTrue(svgText(out.resolve(ResultFolder.POWER_CURVE + ".svg")).contains(PowerCurveChart.TITLE + ": tiny"));
        assertTrue(svgText(out.resolve(ResultFolder.RELAPSE + ".svg")).contains(TrialCharts.RELAPSE_TITLE));
        assertTrue(svgText(out.resolve(ResultFolder.BENZODIAZEPINE + ".svg")).contains(TrialCharts.BENZODIAZEPINE_TITLE));
        String occupancy = svgText(out.resolve(ResultFolder.OCCUPANCY + ".svg"));
        assertTrue(occupancy.contains(TrialCharts.OCCUPANCY_TITLE), occupancy);
        // the trial charts can be traced to their run: version, model and the start of the run's scenario hash
        String hash = json.get("provenance").get("scenario_sha256").asString();
        for (String chart : List.of(ResultFolder.RELAPSE, ResultFolder.BENZODIAZEPINE, ResultFolder.OCCUPANCY)) {
            String text = svgText(out.resolve(chart + ".svg"));
            assertTrue(text.contains("seed 12345, replicate 0); patient-level model; trialsim "
                    + json.get("provenance").get("trialsim_version").asString() + "; scenario sha256 "
                    + hash.substring(0, PowerCurveChart.HASH_DIGITS)), chart + ": " + text);
        }
        assertTrue(occupancy.contains("ketamine: responding") && occupancy.contains("midazolam: relapsed"), occupancy);
    }

    @Test
    void runRefusesToOverwriteWithoutForceAndReplacesWithIt() throws Exception {
        Path out = dir.resolve("results");
        assertEquals(0, Cli.run("run", tiny.toString(), "--reps", "200", "--out", out.toString(), "-q").exit());
        byte[] before = Files.readAllBytes(out.resolve(ResultFolder.CSV));

        Cli.Result refused = Cli.run("run", tiny.toString(), "--reps", "300", "--out", out.toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("results exist and are kept") && refused.err().contains("--force"),
                refused.toString());
        assertEquals("", refused.out(), "nothing is simulated before refusing");
        assertArrayEquals(before, Files.readAllBytes(out.resolve(ResultFolder.CSV)));

        Cli.Result forced = Cli.run("run", tiny.toString(), "--reps", "300", "--out", out.toString(), "--force", "-q");
        assertEquals(0, forced.exit(), forced.toString());
        assertEquals("", forced.err(), "--quiet: nothing on stderr");
        assertTrue(Files.readString(out.resolve(ResultFolder.CSV)).contains("# replicates: 300\n"));
    }

    @Test
    void forceLeavesOneResultNotAMixOfTwo() throws Exception {
        Path out = dir.resolve("results");
        assertEquals(0, Cli.run("run", tiny.toString(), "--reps", "200", "--out", out.toString(), "-q").exit());
        assertTrue(Files.exists(out.resolve(ResultFolder.RELAPSE + ".png")));
        Path binary = Cli.scenario(dir, "binary.yaml");
        Cli.Result r = Cli.run("run", binary.toString(), "--out", out.toString(), "--force", "-q");
        assertEquals(0, r.exit(), r.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("occupancy.png", "occupancy.svg", "power-curve.png", "power-curve.svg", "power.csv",
                    "power.json", "power.txt", "report.html", "scenario.yaml"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the relapse and benzodiazepine charts of the first scenario are gone");
        }
        assertTrue(Files.readString(out.resolve(ResultFolder.CSV)).startsWith("# scenario: binary\n"));
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() throws Exception {
        Cli.Result one = Cli.run("power", tiny.toString(), "--reps", "1000", "--threads", "1", "--format", "csv");
        Cli.Result two = Cli.run("power", tiny.toString(), "--reps", "1000", "--threads", "2", "--format", "csv");
        assertEquals(0, one.exit(), one.toString());
        assertEquals(one.out(), two.out());
        Cli.Result otherSeed = Cli.run("power", tiny.toString(), "--reps", "1000", "--seed", "7", "--format", "csv");
        assertFalse(one.out().equals(otherSeed.out()), "the seed matters");
    }

    @Test
    void powerAtFortyMatchesExactEnumeration() {
        Cli.Result r = Cli.run("power", tiny.toString(), "--n", "40", "--reps", "4000", "--format", "csv");
        assertEquals(0, r.exit(), r.toString());
        String[] row = csvRows(r.out()).stream().filter(c -> c[2].equals("power:response")).findFirst().orElseThrow();
        assertEquals("40", row[1]);
        double estimate = Double.parseDouble(row[3]);
        double mcse = Double.parseDouble(row[4]);
        // sqrt(0.53 * 0.47 / 4000) = 0.0079; 4 MCSE: a correct simulation fails with probability 6e-5
        assertEquals(Math.sqrt(EXACT_POWER_40 * (1 - EXACT_POWER_40) / 4000), mcse, 0.0005);
        assertEquals(EXACT_POWER_40, estimate, 4 * mcse, r.out());
        assertEquals("4000", row[7]);
    }

    @Test
    void targetMcseRunsUntilEveryPowerIsPreciseEnough() {
        // power near 0.53 at n = 40 needs about 0.53 * 0.47 / 0.02^2 = 623 trials for an MCSE of 0.02; fewer
        // would do only if the estimate were below 0.39 or above 0.67, 6 MCSE from the exact 0.53
        Cli.Result r = Cli.run("power", tiny.toString(), "--n", "40", "--reps", "200", "--target-mcse", "0.02",
                "--max-reps", "5000", "--format", "csv");
        assertEquals(0, r.exit(), r.toString());
        List<String[]> rows = csvRows(r.out()).stream().skip(1).filter(c -> c[2].startsWith("power:")).toList();
        assertFalse(rows.isEmpty());
        for (String[] row : rows) {
            assertTrue(Double.parseDouble(row[4]) <= 0.02, String.join(",", row));
            long reps = Long.parseLong(row[7]);
            assertTrue(reps >= 623 && reps <= 5000, String.join(",", row));
        }
    }

    @Test
    void powerFormatsAndOutputFile() throws Exception {
        Cli.Result json = Cli.run("power", tiny.toString(), "--reps", "200", "--format", "json");
        assertEquals(0, json.exit(), json.toString());
        JsonNode tree = JsonMapper.builder().build().readTree(json.out());
        assertEquals("tiny", tree.get("scenario").asString());
        assertTrue(tree.get("rows").size() > 0);

        Cli.Result table = Cli.run("power", tiny.toString(), "--reps", "200");
        assertTrue(table.out().contains("power:response"), table.toString());

        Path file = dir.resolve("out/power.json");
        Cli.Result toFile = Cli.run("power", tiny.toString(), "--reps", "200", "--out", file.toString());
        assertEquals(0, toFile.exit(), toFile.toString());
        assertTrue(toFile.out().contains("n_total"), "the table is shown: " + toFile);
        assertEquals(tree, JsonMapper.builder().build().readTree(file.toFile()), "format from the file name");

        Cli.Result refused = Cli.run("power", tiny.toString(), "--reps", "200", "--out", file.toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains(file.toString()), refused.toString());
    }

    @Test
    void powerSweepHasOneCellPerValue() {
        Cli.Result r = Cli.run("power", tiny.toString(), "--n", "40", "--reps", "200", "--format", "csv",
                "--sweep", "arms.ketamine.response.probability=0.4:0.6:0.2");
        assertEquals(0, r.exit(), r.toString());
        List<String> cells = csvRows(r.out()).stream().skip(1).map(c -> c[0]).distinct().toList();
        assertEquals(List.of("arms.ketamine.response.probability=0.4", "arms.ketamine.response.probability=0.6"),
                cells);
    }

    @Test
    void aSweepOfAnUnknownKeyIsRefusedBeforeSimulating() {
        Cli.Result r = Cli.run("power", tiny.toString(), "--reps", "200", "--sweep", "arms.ketamine.respons.probability=0.4");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("respons"), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void sizeFindsTheCrossingOfTheExactPowerCurve() {
        // Exact power (enumeration as above, SciPy 1.17.1) at total n 72, 76, 80, 84: 0.7865, 0.7997, 0.8166,
        // 0.8437; the curve crosses 0.8 between 76 and 80. With 2000 replicates the MCSE is 0.009, about two
        // patients on this curve's slope (0.005 per patient): 4 MCSE is +-8 patients, rounded up to the step.
        Cli.Result r = Cli.run("size", tiny.toString(), "--target", "0.8", "--measure", "power:response",
                "--n", "40:120:4", "--reps", "2000", "--seed", "987654321");
        assertEquals(0, r.exit(), r.toString());
        Matcher m = Pattern.compile("n_total\\s+(\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        int n = Integer.parseInt(m.group(1));
        assertTrue(n >= 68 && n <= 92, r.out());
        assertEquals(0, n % 4, "a multiple of the step");
    }

    /**
     * A size is reproducible from its output alone: it carries the provenance lines of the {@code power} table,
     * with the hash of the scenario as searched (its sizes replaced by the search grid, as {@code power --n}
     * records it).
     */
    @Test
    void sizePrintsTheProvenanceOfItsSearch() throws Exception {
        Cli.Result r = Cli.run("size", tiny.toString(), "--target", "0.8", "--measure", "power:response",
                "--n", "40:120:8", "--reps", "200", "--seed", "987654321", "--model", "patients");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        Scenario searched = PowerStudy.of(ScenarioParser.parse(tiny))
                .sampleSizes(IntStream.iterate(40, k -> k <= 120, k -> k + 8).toArray()).scenario();
        assertEquals(List.of(
                "scenario    tiny",
                "replicates  200",
                "seed        987654321  (" + ReplicateStreams.GENERATOR.name() + ", commons-rng "
                        + TrialsimVersion.commonsRngVersion() + ", trialsim " + TrialsimVersion.version() + ")",
                "scenario    sha256:" + ScenarioHash.sha256(searched),
                "model       patient-level",
                "streams     " + ReplicateStreams.LAYOUT,
                "measure     power:response >= 0.8"), lines.subList(0, 7), r.out());
    }

    /**
     * Simple randomization takes any total, so the size found is printed without the note on whole
     * randomization blocks that permuted blocks need. With a block size of 4 given (read, unused by simple
     * randomization) and seed 6 the search lands on 74, not a multiple of 4 (checked below), so the note would
     * appear if it were printed for simple randomization too.
     */
    @Test
    void sizeWithSimpleRandomizationPrintsNoBlockNote() throws Exception {
        Path simple = dir.resolve("simple.yaml");
        Files.writeString(simple, Files.readString(tiny).replace("randomization: {method: blocks, block_size: 4}",
                "randomization: {method: simple, block_size: 4}"));
        Cli.Result r = Cli.run("size", simple.toString(), "--target", "0.8", "--measure", "power:response",
                "--n", "40:120:2", "--reps", "400", "--seed", "6");
        assertEquals(0, r.exit(), r.toString());
        Matcher m = Pattern.compile("n_total\\s+(\\d+)(.*)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(2, Integer.parseInt(m.group(1)) % 4, "not a multiple of the block: " + r.out());
        assertEquals("", m.group(2), "no note on randomization blocks: " + r.out());
    }

    @Test
    void sizeRefusesAnUnknownMeasureBeforeSimulating() {
        Cli.Result r = Cli.run("size", tiny.toString(), "--target", "0.8", "--measure", "power:respons");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("allowed: power:any, power:all, power:response"), r.toString());
    }

    /**
     * A real SIGINT, as Ctrl-C sends. No timing is assumed: the run is held by the test hook at the boundary of
     * 1000 replicates ({@link CheckpointOptions#PAUSE_PROPERTY}) and interrupted once it says so, so the partial
     * result holds exactly those.
     */
    @Test
    void partialResultsFromCtrlCAreWrittenAndExit130() throws Exception {
        // `run` rather than `power`: the charts are drawn while the JVM shuts down, which fails if any library
        // registers a shutdown hook on first use (ImageIO's file cache did)
        Path out = dir.resolve("partial");
        Process p = CheckpointResumeTest.start(List.of("run", tiny.toString(), "--reps", "100000000", "--threads",
                "1", "--out", out.toString()), "1000");
        StringBuilder err = new StringBuilder();
        // wait until the study is held after 1000 replicates, then send SIGINT as Ctrl-C does
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith(CheckpointOptions.PAUSED)) {
            err.append(line).append('\n');
        }
        assertEquals(CheckpointOptions.PAUSED + "1000", line, err.toString());
        CheckpointResumeTest.interrupt(p);
        StringBuilder restOfOutput = new StringBuilder();
        while ((line = lines.readLine()) != null) {
            restOfOutput.append(line).append('\n');
        }
        String rest = restOfOutput.toString();
        assertEquals(130, p.waitFor(), err + rest);
        assertTrue(rest.contains("interrupted; the results hold the 1000 simulated trials completed"), rest);
        // the exact command that continues it: as given, with the checkpoint run keeps in its folder, and --resume
        assertTrue(rest.contains("trialsim: to continue to the full result: trialsim run " + tiny + " --reps 100000000"
                + " --threads 1 --out " + out + " --resume\n"), rest);
        assertFalse(rest.contains("internal error"), rest);
        String csv = Files.readString(out.resolve(ResultFolder.CSV));
        assertTrue(csv.contains("# partial: true\n"), csv);
        assertTrue(Files.readString(out.resolve(ResultFolder.TABLE)).contains("PARTIAL"));
        assertNotNull(ImageIO.read(out.resolve(ResultFolder.POWER_CURVE + ".png").toFile()));
    }

    /**
     * Ctrl-C, then the command it prints: the run continues from the checkpoint it kept in its folder and
     * replaces the partial result (no --force) with the bytes of an uninterrupted run.
     */
    @Test
    void theResumeCommandCtrlCPrintsReplacesThePartialResultWithTheWholeOne() throws Exception {
        Path whole = dir.resolve("whole");
        assertEquals(0, Cli.run("run", tiny.toString(), "--reps", "3000", "--out", whole.toString(), "-q").exit());
        Path out = dir.resolve("stopped");
        Process p = CheckpointResumeTest.start(List.of("run", tiny.toString(), "--reps", "3000", "--threads", "1",
                "--out", out.toString(), "-q"), "1000");
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith(CheckpointOptions.PAUSED)) {
            log.append(line).append('\n');
        }
        assertEquals(CheckpointOptions.PAUSED + "1000", line, log.toString());
        CheckpointResumeTest.interrupt(p);
        String resume = null;
        while ((line = lines.readLine()) != null) {
            log.append(line).append('\n');
            if (line.startsWith("trialsim: to continue to the full result: trialsim ")) {
                resume = line.substring("trialsim: to continue to the full result: trialsim ".length());
            }
        }
        assertEquals(130, p.waitFor(), log.toString());
        assertNotNull(resume, log.toString());
        assertTrue(Files.readString(out.resolve(ResultFolder.CSV)).contains("# partial: true\n"));
        assertTrue(Files.exists(out.resolve(RunCommand.CHECKPOINT)), "run keeps a checkpoint in its folder");

        Cli.Result resumed = Cli.run(resume.split(" "));
        assertEquals(0, resumed.exit(), resumed.toString());
        for (String name : List.of(ResultFolder.CSV, ResultFolder.JSON, ResultFolder.TABLE)) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
        assertFalse(Files.exists(out.resolve(RunCommand.CHECKPOINT)), "the checkpoint of a whole result is deleted");
    }

    @Test
    void aRerunWithoutOutWritesTheNextFreeNumberedFolder() throws IOException {
        Path parent = dir.resolve("trialsim-results");
        assertEquals(parent.resolve("tiny"), ResultFolder.numbered(parent, "tiny", false));
        Files.createDirectories(parent.resolve("tiny"));
        assertEquals(parent.resolve("tiny"), ResultFolder.numbered(parent, "tiny", false), "an empty folder is free");
        Files.writeString(parent.resolve("tiny").resolve(ResultFolder.CSV), "x");
        assertEquals(parent.resolve("tiny-2"), ResultFolder.numbered(parent, "tiny", false));
        Files.createDirectories(parent.resolve("tiny-2"));
        Files.writeString(parent.resolve("tiny-2").resolve(ResultFolder.SCENARIO), "x");
        assertEquals(parent.resolve("tiny-3"), ResultFolder.numbered(parent, "tiny", false));
        // --force and --resume take the last folder written, not a new one
        assertEquals(parent.resolve("tiny-2"), ResultFolder.numbered(parent, "tiny", true));
        assertEquals(parent.resolve("other"), ResultFolder.numbered(parent, "other", true));
    }

    @Test
    void theResultFolderHoldsTheResolvedScenarioThatReproducesIt() throws Exception {
        Path out = dir.resolve("results");
        Cli.Result first = Cli.run("run", tiny.toString(), "--reps", "300", "--n", "40,60", "--out", out.toString(),
                "-q");
        assertEquals(0, first.exit(), first.toString());
        JsonNode json = JsonMapper.builder().build().readTree(out.resolve(ResultFolder.JSON).toFile());
        String hash = json.get("provenance").get("scenario_sha256").asString();
        String resolved = Files.readString(out.resolve(ResultFolder.SCENARIO));
        assertTrue(resolved.contains("scenario_sha256: " + hash), resolved);
        assertEquals(resolved.substring(resolved.indexOf("\nname:") + 1),
                json.get("scenario_file").get("resolved").asString(), "the same in power.json");
        assertEquals(Files.readString(tiny), json.get("scenario_file").get("text").asString());
        // run again from the folder's scenario alone (its sample sizes are those --n gave): the same bytes
        Path again = dir.resolve("again");
        Cli.Result second = Cli.run("run", out.resolve(ResultFolder.SCENARIO).toString(), "--reps", "300", "--out",
                again.toString(), "-q");
        assertEquals(0, second.exit(), second.toString());
        assertArrayEquals(Files.readAllBytes(out.resolve(ResultFolder.CSV)), Files.readAllBytes(again.resolve(
                ResultFolder.CSV)));
    }

    @Test
    void sizeSearchesThePrimaryEndpointByDefaultAndExitsThreeWhenTheTargetIsNotReached() {
        Path holm = Path.of("..", "examples", "two-endpoints-holm.yaml");
        Cli.Result primary = Cli.run("size", holm.toString(), "--target", "0.5", "--reps", "200");
        String first = org.trialsim.scenario.ScenarioParser.parse(holm).endpoints().get(0).name();
        assertTrue(primary.out().contains("measure     power:" + first + " >= 0.5"), primary.toString());

        Cli.Result unreached = Cli.run("size", tiny.toString(), "--target", "0.99", "--n", "20:40:4", "--reps", "400");
        assertEquals(TrialsimCommand.EXIT_NOT_REACHED, unreached.exit(), unreached.toString());
        Matcher m = Pattern.compile("reached     (0\\.\\d{4}) at n_total 40 \\(MCSE (0\\.\\d{4}), 95% ").matcher(
                unreached.out());
        assertTrue(m.find(), unreached.out());
        // the power at 40 is 0.53 (exact enumeration above): the printed estimate is within 4 MCSE of it
        assertEquals(EXACT_POWER_40, Double.parseDouble(m.group(1)), 4 * Double.parseDouble(m.group(2)));
    }

    /**
     * size --format csv|json and --out: the same search as the printed lines, as one row with the provenance;
     * not reached, the sizes are empty and the power reached is there, and the exit is still 3.
     */
    @Test
    void sizeWritesCsvOrJson() throws Exception {
        List<String> search = List.of("size", tiny.toString(), "--target", "0.99", "--n", "20:40:4", "--reps", "400");
        Cli.Result table = Cli.run(search.toArray(String[]::new));
        List<String> asCsv = new ArrayList<>(search);
        asCsv.addAll(List.of("--format", "csv"));
        Cli.Result csv = Cli.run(asCsv.toArray(String[]::new));
        assertEquals(TrialsimCommand.EXIT_NOT_REACHED, csv.exit(), csv.toString());
        List<String> lines = csv.out().lines().toList();
        assertTrue(lines.contains("# seed: " + org.trialsim.scenario.ScenarioParser.parse(tiny).simulation().seed()),
                csv.out());
        int h = lines.indexOf(org.trialsim.report.SampleSizeReport.COLUMNS);
        String[] row = lines.get(h + 1).split(",", -1);
        assertEquals(List.of("power:response", "power", "response", "0.99", "false", "", ""),
                List.of(row).subList(0, 7));
        Matcher m = Pattern.compile("reached     (0\\.\\d{4}) at n_total 40").matcher(table.out());
        assertTrue(m.find(), table.out());
        assertEquals(m.group(1), String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(row[11])));

        Path json = dir.resolve("size.json");
        List<String> toFile = new ArrayList<>(search);
        toFile.addAll(List.of("--out", json.toString(), "-q"));
        Cli.Result written = Cli.run(toFile.toArray(String[]::new));
        assertEquals(TrialsimCommand.EXIT_NOT_REACHED, written.exit(), written.toString());
        assertEquals("", written.out(), "quiet");
        var tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(json));
        assertEquals(400, tree.get("replicates").asInt());
        assertTrue(tree.get("rows").get(0).get("n_total").isNull());
        assertEquals(Double.parseDouble(row[11]), tree.get("rows").get(0).get("power_at_largest").asDouble());
        Cli.Result again = Cli.run(toFile.toArray(String[]::new));
        assertEquals(2, again.exit(), "an existing result is kept without --force: " + again);
    }

    /**
     * check and power print the boundaries beside the design; power adds the analyses' planning figures and
     * warns of an interim that sees more than its planned share. The Lan-DeMets O'Brien-Fleming bounds at
     * information 0.5 and 1 for one-sided alpha 0.025 are gsDesign's (gsDesign(k = 2, test.type = 1, sfu =
     * sfLDOF, alpha = 0.025, timing = c(0.5, 1))$upper$bound: 2.9626, 1.9686).
     */
    @Test
    void checkAndPowerPrintTheBoundariesAndPowerThePlanningFigures() {
        String gs = Path.of("..", "examples", "group-sequential-binary-obf.yaml").toString();
        Cli.Result check = Cli.run("check", gs);
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().contains("boundaries (one-sided alpha 0.025, OBF spending"), check.out());
        assertTrue(check.out().contains("     1        0.500      2.9626    0.00153      0.00153        none\n"),
                check.out());
        assertTrue(check.out().contains("     2        1.000      1.9686    0.02450      0.02500"), check.out());

        Cli.Result power = Cli.run("power", gs, "--reps", "200");
        assertEquals(0, power.exit(), power.toString());
        assertTrue(power.out().contains("efficacy z"), power.out());
        assertTrue(power.out().contains("analyses at n_total 120 (means over 100 replayed trials)"), power.out());
        assertTrue(power.out().contains("  reject:look1  "), power.out());
        assertTrue(power.out().contains("warning: look 1 of response was planned at 50% of the information but saw "
                + "100%"), power.out());
        Cli.Result csv = Cli.run("power", gs, "--reps", "200", "--format", "csv");
        assertFalse(csv.out().contains("efficacy z"), "data formats stay data");
    }

    @Test
    void perTrialWritesEveryAnalysisOfEveryTrial() throws Exception {
        Path file = dir.resolve("trials.csv");
        Cli.Result r = Cli.run("power", tiny.toString(), "--reps", "300", "--per-trial", file.toString(), "-q");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("# model: patient-level") && lines.contains("# replicates: 300"), lines.toString());
        List<String> rows = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(org.trialsim.report.PerTrialCsv.HEADER, rows.get(0));
        assertEquals(300 * 2, rows.size() - 1, "one row per replicate and size (40, 80), one endpoint");
        assertTrue(rows.get(1).startsWith("0,40,response,1,"), rows.get(1));
        // the rejections at 80 are the power table's
        long rejected = rows.stream().skip(1).filter(l -> l.startsWith(l.split(",")[0] + ",80,")
                && l.endsWith(",true")).count();
        Cli.Result csv = Cli.run("power", tiny.toString(), "--reps", "300", "--format", "csv");
        String power = csvRows(csv.out()).stream().filter(c -> c[1].equals("80") && c[2].equals("power:response"))
                .findFirst().orElseThrow()[3];
        assertEquals(Double.parseDouble(power), rejected / 300.0, 1e-12);

        Cli.Result sweep = Cli.run("power", tiny.toString(), "--per-trial", dir.resolve("x.csv").toString(),
                "--sweep", "arms.ketamine.response.probability=0.4,0.5");
        assertEquals(2, sweep.exit(), sweep.toString());
        assertTrue(sweep.err().contains("cannot be combined with --sweep"), sweep.err());
    }

    @Test
    void anOutputFileOfAnUnknownFormatIsRefusedWithTheAllowedOnes() {
        Path xlsx = dir.resolve("p.xlsx");
        Cli.Result r = Cli.run("power", tiny.toString(), "--reps", "200", "--out", xlsx.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("'.xlsx' is not a result format; the file name may end in .txt, .csv, .json, or "
                + "give --format (table, csv or json)"), r.err());
        assertFalse(Files.exists(xlsx));
        Cli.Result given = Cli.run("power", tiny.toString(), "--reps", "200", "--out", xlsx.toString(), "--format",
                "csv", "-q");
        assertEquals(0, given.exit(), "an explicit --format writes any name: " + given);
    }

    /**
     * --set on every command that reads a scenario: a run with a value set equals, to the byte, a run of the file
     * with that value written in it (the same scenario, so the same hash and figures), and the folder's
     * scenario.yaml marks the value as set.
     */
    @Test
    void setChangesTheScenarioAsEditingTheFileWould() throws Exception {
        Path edited = dir.resolve("edited.yaml");
        Files.writeString(edited, Files.readString(tiny).replace("response: {probability: 0.5}",
                "response: {probability: 0.45}").replace("name: tiny", "name: edited"));
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli.Result set = Cli.run("run", tiny.toString(), "--reps", "300", "--set",
                "arms.ketamine.response.probability=0.45", "--out", a.toString(), "-q");
        assertEquals(0, set.exit(), set.toString());
        assertEquals(0, Cli.run("run", edited.toString(), "--reps", "300", "--out", b.toString(), "-q").exit());
        // the name differs (it is not hashed); every figure and the hash are the same
        assertEquals(Files.readString(b.resolve(ResultFolder.CSV)), Files.readString(a.resolve(ResultFolder.CSV))
                .replace("# scenario: tiny\n", "# scenario: edited\n"));
        assertTrue(Files.readString(a.resolve(ResultFolder.SCENARIO)).contains("probability: 0.45"));
        assertTrue(Files.readString(a.resolve(ReportPage.FILE)).contains(
                "<tr class=\"set\"><td><code>arms.ketamine.response.probability</code></td><td>0.45</td>"));

        for (String command : List.of("power", "size", "simulate")) {
            List<String> args = new ArrayList<>(List.of(command, tiny.toString(), "--set", "arms.ketamine.respons"
                    + ".probability=0.45"));
            args.addAll(command.equals("size") ? List.of("--target", "0.8") : command.equals("simulate")
                    ? List.of("--n", "40", "--replicate", "0") : List.of());
            Cli.Result wrong = Cli.run(args.toArray(String[]::new));
            assertEquals(2, wrong.exit(), command + ": " + wrong);
            assertTrue(wrong.err().contains("respons"), command + ": " + wrong.err());
        }
    }
}
