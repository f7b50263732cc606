package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds malformed scenario files (core/src/test/resources/org/trialsim/scenario/malformed), each with one
 * defect, and checks that the defect is reported with its key path, its line and a message saying what is
 * allowed. The defect is marked in each file by a trailing comment {@code # <-- defect: PATH | FRAGMENT} on the
 * line the problem must point at; a file with several markers must have every one of them reported, and no
 * problem may be reported on an unmarked line (no spurious or cascading problems).
 */
class ScenarioMalformedTest {

    /** A marker: the expected line, key path and message fragment. */
    record Expected(int line, String path, String fragment) {
    }

    static Path dir() throws URISyntaxException {
        return Path.of(ScenarioMalformedTest.class.getResource("malformed").toURI());
    }

    static Stream<Path> files() throws IOException, URISyntaxException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir())) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream();
    }

    static List<Expected> markers(Path file) throws IOException {
        List<Expected> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            int at = lines.get(i).indexOf("# <-- defect:");
            if (at >= 0) {
                String spec = lines.get(i).substring(at + "# <-- defect:".length());
                String[] parts = spec.split("\\|", 2);
                out.add(new Expected(i + 1, parts[0].strip(), parts.length > 1 ? parts[1].strip() : ""));
            }
        }
        return out;
    }

    @Test
    void thereAreAtLeastThirtySingleDefectFiles() throws Exception {
        long single;
        try (Stream<Path> s = files()) {
            single = s.filter(p -> {
                try {
                    return markers(p).size() == 1;
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).count();
        }
        assertTrue(single >= 30, "only " + single + " single-defect files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyMarkedDefectIsReportedWithPathAndLine(Path file) throws Exception {
        List<Expected> expected = markers(file);
        assertFalse(expected.isEmpty(), "no defect marker in " + file);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(file));
        List<Problem> problems = e.problems();
        for (Expected x : expected) {
            boolean found = problems.stream().anyMatch(p -> p.line() == x.line() && p.path().equals(x.path())
                    && p.message().contains(x.fragment()) && p.source().equals(file.toString()));
            assertTrue(found, "expected a problem at line " + x.line() + " path '" + x.path() + "' containing '"
                    + x.fragment() + "'; got:\n" + e.getMessage());
            String formatted = e.getMessage();
            assertTrue(formatted.contains(file.toString() + ":" + x.line() + ":"), formatted);
        }
        for (Problem p : problems) {
            assertTrue(expected.stream().anyMatch(x -> x.line() == p.line()), "unexpected problem " + p.format()
                    + " in " + file.getFileName());
            assertTrue(p.column() >= 1, p.format());
        }
    }

    @Test
    void severalDefectsAreAllReportedInFileOrder() throws Exception {
        Path file = dir().resolve("multiple-defects.yaml");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(file));
        assertEquals(markers(file).size(), e.problems().size(), e.getMessage());
        assertEquals(6, e.problems().size());
        for (int i = 1; i < e.problems().size(); i++) {
            assertTrue(e.problems().get(i - 1).line() <= e.problems().get(i).line());
        }
        assertTrue(e.getMessage().startsWith("6 problems in the scenario:"), e.getMessage());
    }

    @Test
    void jsonIsReadWithTheSameSchemaAndLocations() throws Exception {
        Path file = dir().resolve("45-json-probability.json");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(file));
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals("arms.drug.response.probability", p.path());
        assertEquals(6, p.line());
        assertTrue(p.message().contains("found 2.5; allowed a probability in [0, 1]"), p.message());
    }
}
