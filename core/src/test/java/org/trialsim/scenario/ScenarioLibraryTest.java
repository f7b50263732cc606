package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in scenarios and the examples/ directory at the repository root. */
class ScenarioLibraryTest {

    /** Tests run with the module directory as working directory. */
    static final Path EXAMPLES = Path.of("..", "examples");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleParses(Path file) {
        Scenario s = ScenarioParser.parse(file);
        assertFalse(s.endpoints().isEmpty());
        assertEquals(ScenarioParser.defaultName(file.toString()), s.name(), "example names match their files");
    }

    @Test
    void examplesHoldAnIdenticalCopyOfEveryBuiltInScenario() throws IOException {
        for (String name : ScenarioLibrary.names()) {
            Path copy = EXAMPLES.resolve(name + ".yaml");
            assertTrue(Files.exists(copy), copy + " missing");
            assertEquals(ScenarioLibrary.text(name), Files.readString(copy), copy + " differs from the built-in resource");
        }
        assertTrue(examples().count() >= ScenarioLibrary.names().size() + 8);
    }

    @Test
    void theAnnotatedExampleOfTheDocsIsValid() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "scenario-format.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        Scenario s = ScenarioParser.parse(yaml, "scenario-format.md");
        assertEquals(new ResponseModel.Probability(0.45, 0.35), s.arms().get(0).model("benzo_users").response());
        assertEquals(3, s.endpoints().size());
    }

    @Test
    void cutoffEndpointOnlyWithEvents() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("design: {sample_sizes: "
                + "[20]}\narms: {a: {relapse: {from: randomization, hazard: {exponential: {rate: 0.1}}}}, b: {relapse: "
                + "{from: randomization, hazard: {exponential: {rate: 0.1}}}}}\nschedule: {cutoff: {follow_up_weeks: 30, endpoint: x}}\n"
                + "endpoints: {x: {kind: time_to_relapse}}\n", "c.yaml"));
        assertEquals("schedule.cutoff.endpoint", e.problems().get(0).path());
        assertEquals(3, e.problems().get(0).line());
    }

    @Test
    void listHasTitlesAndTheDefaultFirst() {
        List<ScenarioLibrary.Entry> list = ScenarioLibrary.list();
        assertEquals(8, list.size());
        assertEquals(ScenarioLibrary.DEFAULT, list.get(0).name());
        for (ScenarioLibrary.Entry e : list) {
            assertFalse(e.title().isBlank());
            assertEquals(e.name(), ScenarioLibrary.load(e.name()).name());
            assertTrue(ScenarioLibrary.text(e.name()).startsWith("#"), "built-ins begin with their sources");
        }
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLibrary.load("ketamine-vs-midazolan"));
        assertTrue(e.getMessage().contains("did you mean 'ketamine-vs-midazolam'"), e.getMessage());
    }

    @Test
    void defaultScenarioCarriesThePublishedFigures() {
        Scenario s = ScenarioLibrary.load(ScenarioLibrary.DEFAULT);
        assertEquals(0.44, s.strata().get(0).prevalence());
        assertTrue(s.strata().get(0).benzodiazepineUser());
        Arm k = s.arms().get(0);
        Arm m = s.arms().get(1);
        assertEquals(new ResponseModel.Probability(0.50, 0.35), k.model("benzo_users").response());
        assertEquals(new ResponseModel.Probability(0.25, 0.15), m.model("non_users").response());
        assertEquals(new Hazard.Exponential(0.4273), k.model("benzo_users").relapse().hazard());
        // Murrough et al. 2013: median 18 days (2.571 weeks) from response among all responders, to 4 digits
        assertEquals(18 / 7.0, PlanningFigures.relapseMedian(k.model("benzo_users").relapse()), 5e-4);
        assertEquals(0.91, k.model("benzo_users").benzodiazepine().discontinuationResponders());
        assertEquals(0.62, m.model("benzo_users").benzodiazepine().discontinuationNonResponders());
        assertEquals(0.10, s.dropout().inductionProbability());
        assertEquals(4, s.schedule().inductionWeeks());
        assertEquals(List.of("response", "benzo_free", "relapse"), s.endpoints().stream().map(Endpoint::name).toList());
        assertEquals(Multiplicity.Procedure.FIXED_SEQUENCE, s.multiplicity().procedure());
        assertEquals(200, s.maxSampleSize());
    }

    @Test
    void textbookExamplesEncodeTheirReferenceCases() {
        Scenario a01 = ScenarioParser.parse(EXAMPLES.resolve("two-arm-binary-chisq.yaml"));
        assertEquals(List.of(40), a01.design().sampleSizes());
        assertEquals(Analysis.Test.CHI_SQUARE, a01.endpoints().get(0).analysis().test());
        Scenario d02 = ScenarioParser.parse(EXAMPLES.resolve("simon-two-stage.yaml"));
        assertEquals(new SimonDesign(13, 3, 43, 12), d02.endpoints().get(0).analysis().simon());
        Scenario f06 = ScenarioParser.parse(EXAMPLES.resolve("two-arm-tte-logrank.yaml"));
        // median 6 months at 13/3 weeks a month is 26 weeks: 0.1155245 per month
        double perMonth = f06.arms().get(1).model("all").relapse().hazard().cumulativeHazard(13.0 / 3);
        assertEquals(0.1155245301, perMonth, 1e-9);
        assertEquals(new Cutoff.Calendar(104), f06.schedule().cutoff());
        Scenario g01 = ScenarioParser.parse(EXAMPLES.resolve("group-sequential-binary-obf.yaml"));
        assertEquals(List.of(0.5, 1.0), g01.groupSequential().informationFractions());
        Scenario h01 = ScenarioParser.parse(EXAMPLES.resolve("two-endpoints-holm.yaml"));
        assertEquals(0.55, PlanningFigures.benzodiazepineFree(h01.arms().get(0).model("users"), 4, 52), 1e-15);
        assertEquals(0.35, PlanningFigures.benzodiazepineFree(h01.arms().get(1).model("users"), 4, 52), 1e-15);
    }
}
