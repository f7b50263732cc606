package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of valid scenarios: lines of the examples are deleted, duplicated or have their value
 * replaced by a hostile one (negative, huge, NaN, text, null, an empty list or mapping, a misspelt word).
 * Whatever the result, parsing must either succeed or throw a {@link ScenarioException} with problems that
 * name a line of the file: never another exception (a NullPointerException or IllegalArgumentException
 * leaking from a record would be a defect of the validator).
 */
class ScenarioMutationTest {

    private static final String[] VALUES = {"-1", "0", "1e300", "-1e-300", ".nan", ".inf", "abc", "null", "[]", "{}",
        "[1, 2]", "{x: 1}", "true", "2.5", "100000000000", "blockz", "response", "ketamine", "[users]", "\"\""};

    @Test
    void mutantsOfValidScenariosFailOnlyWithScenarioException() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(ScenarioLibraryTest.EXAMPLES)) {
            s.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        SplittableRandom rng = new SplittableRandom(20261122);
        int rejected = 0;
        int mutants = 0;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int k = 0; k < 100; k++) {
                List<String> m = new ArrayList<>(lines);
                int i = rng.nextInt(m.size());
                String line = m.get(i);
                switch (rng.nextInt(3)) {
                    case 0:
                        m.remove(i);
                        break;
                    case 1:
                        m.add(i, line);
                        break;
                    default:
                        int colon = line.indexOf(": ");
                        if (colon < 0 || line.stripLeading().startsWith("#")) {
                            continue;
                        }
                        m.set(i, line.substring(0, colon + 2) + VALUES[rng.nextInt(VALUES.length)]);
                        break;
                }
                mutants++;
                String text = String.join("\n", m) + "\n";
                try {
                    ScenarioParser.parse(text, f.getFileName().toString());
                } catch (ScenarioException e) {
                    rejected++;
                    assertFalse(e.problems().isEmpty());
                    for (Problem p : e.problems()) {
                        if (p.line() < 1 || p.line() > m.size() + 1) {
                            fail("problem outside the file: " + p.format() + "\n" + text);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("mutant of " + f + " escaped with " + e + ":\n" + text, e);
                }
            }
        }
        // Most mutants must be rejected; otherwise the mutations did not reach the validator.
        if (rejected < mutants / 3) {
            fail("only " + rejected + " of " + mutants + " mutants rejected");
        }
    }
}
