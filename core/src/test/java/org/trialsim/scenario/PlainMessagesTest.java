package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages in the words of the file (issue #20, point 7): a refusal names the line and key where the problem
 * is (not line 1, column 1), never the parser's internals, and a file of thousands of problems prints the
 * first 50 and a count.
 */
class PlainMessagesTest {

    private static final List<String> INTERNALS = List.of("Feature", "JsonReadFeature", "ALLOW_", "+SEQ", "+MAP",
            "Version{", "VALUE_EMBEDDED_OBJECT", "StreamReadConstraints", "Exception");

    private static ScenarioException refused(String source, String text) {
        return assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(text.getBytes(StandardCharsets.UTF_8), source, Map.of()));
    }

    private static Problem only(String source, String text) {
        ScenarioException e = refused(source, text);
        assertEquals(1, e.problems().size(), e.getMessage());
        for (String internal : INTERNALS) {
            assertFalse(e.getMessage().contains(internal), internal + " in " + e.getMessage());
        }
        return e.problems().get(0);
    }

    @Test
    void limitsExceededAreBlamedOnTheirKeyAndLine() {
        Problem description = only("d.yaml", "name: x\ndescription: \"" + "y".repeat(30_000) + "\"\n");
        assertEquals(2, description.line());
        assertEquals("description", description.path());
        assertTrue(description.message().contains("found a text value of 30000 characters; allowed at most 20000"),
                description.format());
        Problem visits = only("v.yaml", "name: x\nschedule:\n  visits: [" + "1, ".repeat(25_000) + "1]\n");
        assertEquals(3, visits.line());
        assertEquals("schedule.visits", visits.path());
        assertTrue(visits.message().contains("found more than 20000 keys, values and brackets"), visits.format());
    }

    @Test
    void parserInternalsAreNotShown() {
        assertTrue(only("c.json", "{\"name\": \"x\" // note\n}").message()
                .contains("found a comment; JSON has no comments"));
        only("n.json", "{\"name\": NaN}");
        assertTrue(only("v.yaml", "%YAML 2.0\n---\nname: x\n").message()
                .contains("found a %YAML directive of version 2.0; allowed YAML 1.x"));
        Problem binary = only("b.yaml", "name: !!binary aGVsbG8=\n");
        assertEquals("name", binary.path());
        assertTrue(binary.message().contains("found a binary (!!binary) value"), binary.format());
        assertTrue(only("k.yaml", "name: x\n? [a, b]\n: 1\n").message().contains("got this instead: a list"));
    }

    @Test
    void aLineIndentedWithATabIsNamedNotTheLineBefore() {
        // SnakeYAML reports where it began scanning for the next token: the end of the line before the tab
        Problem design = only("t.yaml", "name: t\ntitle: x\ndesign:\n  sample_sizes: [40]\n\talpha: 0.05\n");
        assertEquals(5, design.line(), design.format());
        assertEquals(1, design.column(), design.format());
        assertTrue(design.message().contains("a tab character indents this line; YAML indents with spaces only"),
                design.format());
        Problem arm = only("a.yaml", "name: t\narms:\n  a:\n\n  # a comment\n   \t response: {probability: 0.5}\n");
        assertEquals(6, arm.line(), arm.format());
        assertEquals(4, arm.column(), arm.format());
        assertEquals(-1, DocumentReader.indentingTab("name: t\n", 1));
    }

    @Test
    void aMedianWithUnitsIsNotBothRateAndMedian() {
        ScenarioException e = refused("m.yaml", """
                name: x
                design: {sample_sizes: [20]}
                arms:
                  a: {response: {probability: 0.5}, relapse: {hazard: {exponential: {median: 18, units: days}}}}
                  b: {control: true, response: {probability: 0.3}}
                endpoints: {response: {}}
                """);
        assertFalse(e.getMessage().contains("both rate and median"), e.getMessage());
        assertTrue(e.getMessage().contains("m.yaml:4:")
                && e.getMessage().contains("arms.a.relapse.hazard.exponential.units: unknown key 'units'"),
                e.getMessage());
    }

    @Test
    void thousandsOfProblemsPrintTheFirstFiftyAndACount() {
        StringBuilder text = new StringBuilder("name: x\n");
        for (int i = 0; i < 3000; i++) {
            text.append("unknown_").append(i).append(": 1\n");
        }
        ScenarioException e = refused("many.yaml", text.toString());
        assertTrue(e.problems().size() >= 3000, "every problem is kept: " + e.problems().size());
        List<String> lines = e.getMessage().lines().toList();
        assertEquals(1 + Limits.MAX_PROBLEMS_SHOWN + 1, lines.size(), e.getMessage());
        assertEquals("  ... and " + (e.problems().size() - 50) + " more problems not shown (fix the first ones and "
                + "check again)", lines.get(lines.size() - 1));
    }
}
