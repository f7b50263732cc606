package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resolved scenario written beside a result reads back to the same scenario (the same SHA-256, the same
 * name) for every example and built-in scenario, with and without values set at key paths; its values carry
 * their origin and the comment that cites their source.
 */
class ScenarioDocumentTest {

    private static List<Path> files() throws IOException {
        List<Path> all = new ArrayList<>(ExampleMutationTest.examples());
        return all;
    }

    @Test
    void theResolvedFileReadsBackToTheSameScenario() throws IOException {
        for (Path p : files()) {
            byte[] bytes = Files.readAllBytes(p);
            Scenario original = ScenarioParser.parse(bytes, p.toString(), Map.of());
            ScenarioDocument doc = ScenarioDocument.of(bytes, p.toString(), Map.of(), original.name());
            Scenario again = ScenarioParser.parse(doc.resolved(), "scenario.yaml");
            assertEquals(ScenarioHash.sha256(original), ScenarioHash.sha256(again), p + "\n" + doc.resolved());
            assertEquals(original.name(), again.name(), p.toString());
            assertEquals(original.title(), again.title(), p.toString());
        }
        for (String name : ScenarioLibrary.names()) {
            byte[] bytes = ScenarioLibrary.text(name).getBytes(StandardCharsets.UTF_8);
            Scenario original = ScenarioLibrary.load(name);
            ScenarioDocument doc = ScenarioDocument.of(bytes, name, Map.of(), original.name());
            assertEquals(ScenarioHash.sha256(original),
                    ScenarioHash.sha256(ScenarioParser.parse(doc.resolved(), "scenario.yaml")), name);
        }
    }

    @Test
    void valuesSetAtKeyPathsAreResolvedAndMarked() {
        String name = ScenarioLibrary.DEFAULT;
        byte[] bytes = ScenarioLibrary.text(name).getBytes(StandardCharsets.UTF_8);
        Map<String, Double> set = Map.of("arms.ketamine.response.probability", 0.45);
        Scenario original = ScenarioParser.parse(bytes, name, set);
        ScenarioDocument doc = ScenarioDocument.of(bytes, name, set, original.name());
        assertEquals(ScenarioHash.sha256(original),
                ScenarioHash.sha256(ScenarioParser.parse(doc.resolved(), "scenario.yaml")));
        ScenarioDocument.Value p = value(doc, "arms.ketamine.response.probability");
        assertEquals("set", p.origin());
        assertEquals(0.45, Double.parseDouble(p.value()));
    }

    @Test
    void valuesKeepTheCommentThatCitesTheirSource() {
        String name = ScenarioLibrary.DEFAULT;
        byte[] bytes = ScenarioLibrary.text(name).getBytes(StandardCharsets.UTF_8);
        ScenarioDocument doc = ScenarioDocument.of(bytes, name, Map.of(), name);
        ScenarioDocument.Value prevalence = value(doc, "strata.benzo_users.prevalence");
        assertEquals("0.44", prevalence.value());
        assertEquals("file", prevalence.origin());
        assertEquals("[6]", prevalence.note());
        assertTrue(value(doc, "arms.ketamine.response.probability").note().startsWith("[3] pooled 46.5%"));
        assertEquals("default", value(doc, "simulation.target_mcse").origin(), doc.values().toString());
        assertEquals("", value(doc, "simulation.target_mcse").note());
        assertEquals("[3], [7]", value(doc, "dropout.induction").note());
        assertTrue(doc.header().stream().anyMatch(l -> l.strip().startsWith("[2] Murrough JW et al.")), doc.header().toString());
    }

    @Test
    void aCommentIsTextAfterAHashThatFollowsABlankOutsideQuotes() {
        assertEquals("note", ScenarioDocument.comment("  p: 0.5  # note", 5));
        assertEquals("", ScenarioDocument.comment("  title: 'a # b'", 9));
        assertEquals("c", ScenarioDocument.comment("  title: \"a # b\" # c", 9));
        assertEquals("", ScenarioDocument.comment("  url: a#b", 7));
    }

    private static ScenarioDocument.Value value(ScenarioDocument doc, String key) {
        return doc.values().stream().filter(v -> v.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + doc.values()));
    }
}
