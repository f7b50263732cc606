package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input: every case must end in a {@link ScenarioException} with a clear message, never
 * another exception, and fast.
 */
class ScenarioRobustnessTest {

    private static ScenarioException fails(String text, String source) {
        return fails(text.getBytes(StandardCharsets.UTF_8), source);
    }

    private static ScenarioException fails(byte[] bytes, String source) {
        return assertThrows(ScenarioException.class, () -> ScenarioParser.parse(bytes, source, Map.of()));
    }

    @Test
    void emptyAndCommentOnlyFiles() {
        for (String text : new String[] {"", "   \n\n", "# just a comment\n"}) {
            ScenarioException e = fails(text, "empty.yaml");
            assertEquals(1, e.problems().size());
            assertTrue(e.problems().get(0).message().contains("the file is empty"), e.getMessage());
            assertEquals(1, e.problems().get(0).line());
        }
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        SplittableRandom rng = new SplittableRandom(20261122);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[rng.nextInt(1, 400)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) rng.nextInt(256);
            }
            ScenarioException e = fails(b, "random.yaml");
            assertFalse(e.problems().isEmpty());
        }
    }

    @Test
    void randomPrintableTextNeverEscapesAsAnotherException() {
        // Printable ASCII with YAML punctuation over-represented, to reach deeper into the YAML parser.
        String alphabet = "abc: -[]{},&*!|>'\"%@`#\n\t 0123456789.e";
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rng.nextInt(1, 200);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            for (String source : new String[] {"t.yaml", "t.json"}) {
                try {
                    ScenarioParser.parse(sb.toString(), source);
                } catch (ScenarioException expected) {
                    assertFalse(expected.problems().isEmpty());
                }
            }
        }
    }

    @Test
    void binaryFileIsNamedAsSuch() {
        ScenarioException e = fails(new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, (byte) 0xff, (byte) 0xfe}, "x.zip");
        assertTrue(e.getMessage().contains("not UTF-8 text") || e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void documentsLargerThanTheLimitAreRefused() {
        byte[] big = ("description: \"" + "x".repeat(DocumentReader.MAX_BYTES) + "\"\n").getBytes(StandardCharsets.UTF_8);
        ScenarioException e = fails(big, "big.yaml");
        assertTrue(e.getMessage().contains("at most 262,144 bytes (256 KiB)"), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        String flow = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        ScenarioException e = fails(flow, "deep.yaml");
        assertTrue(e.getMessage().toLowerCase().contains("nesting") || e.getMessage().contains("depth"), e.getMessage());
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            block.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        block.append("  ".repeat(200)).append("v: 1\n");
        ScenarioException e2 = fails(block.toString(), "deep2.yaml");
        assertTrue(e2.getMessage().contains("nesting deeper than 32"), e2.getMessage());
        String json = "{\"a\": " + "[".repeat(50_000) + "]".repeat(50_000) + "}";
        ScenarioException e3 = fails(json, "deep.json");
        assertTrue(e3.getMessage().toLowerCase().contains("nesting") || e3.getMessage().contains("depth"), e3.getMessage());
    }

    @Test
    void billionLaughsDoesNotExpand() {
        StringBuilder sb = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        // Refused at the first alias, not expanded (9^10 strings would not fit in memory): asserted by the reason
        // given, not by the clock, which a loaded machine could make fail.
        ScenarioException e = fails(sb.toString(), "lol.yaml");
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
        assertEquals(2, e.problems().get(0).line());
    }

    @Test
    void secondDocumentIsRefused() {
        ScenarioException e = fails("name: a\n---\nname: b\n", "two.yaml");
        assertTrue(e.getMessage().contains("second document"), e.getMessage());
    }

    @Test
    void topLevelMustBeAMapping() {
        ScenarioException e = fails("- 1\n- 2\n", "list.yaml");
        assertTrue(e.getMessage().contains("found a list at the top of the file"), e.getMessage());
        ScenarioException e2 = fails("42\n", "scalar.yaml");
        assertTrue(e2.getMessage().contains("found 42 at the top"), e2.getMessage());
    }

    @Test
    void wrongTypesEverywhereAreReportedTogether() {
        String text = "name: [x]\ndesign: 5\nstrata: [a, b]\narms: yes\nendpoints: 3\nmultiplicity: holm\n"
                + "dropout: {induction: true}\nschedule: {visits: 4}\nsimulation: {seed: 1.5}\n";
        ScenarioException e = fails(text, "types.yaml");
        assertTrue(e.problems().size() >= 8, e.getMessage());
        for (Problem p : e.problems()) {
            assertTrue(p.line() >= 1 && p.line() <= 9, p.format());
        }
    }

    @Test
    void missingOrUnreadableFiles(@TempDir Path dir) throws Exception {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml: the file does not exist"), e.getMessage());
        ScenarioException d = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(dir));
        assertTrue(d.getMessage().contains("the file is a folder; expected a scenario file"), d.getMessage());
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, "design: {sample_sizes: [2]}\narms: {a: {response: {probability: 0.5}}, b: {response: "
                + "{probability: 0.5}}}\nendpoints: {response: {}}\n");
        assertEquals("ok", ScenarioParser.parse(f).name());
    }

    @Test
    void hugeNumbersAndGridsAreRefused() {
        ScenarioException e = fails("design: {sample_sizes: {from: 1, to: 1000000, by: 1}}\narms: {a: {response: "
                + "{probability: 0.5}}}\nendpoints: {response: {p0: 0.5}}\n", "grid.yaml");
        assertTrue(e.getMessage().contains("at most 1000"), e.getMessage());
        ScenarioException e2 = fails("design: {sample_sizes: [1e300]}\narms: {a: {response: {probability: 0.5}}}\n"
                + "endpoints: {response: {p0: 0.5}}\n", "n.yaml");
        assertEquals("design.sample_sizes[0]", e2.problems().get(0).path());
    }
}
