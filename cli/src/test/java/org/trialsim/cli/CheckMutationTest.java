package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trialsim check FILE} on a sample of broken scenario files made from the examples (a line deleted,
 * duplicated, misspelt or re-indented, a value of the wrong type, random bytes, an empty file, a 10 MB file,
 * 10,000 levels of nesting, an alias bomb): exit code 2, the problem on stderr naming the file, nothing on
 * stdout, no stack trace (the core's ExampleMutationTest covers every example in full). Each check runs under a
 * hang guard (60 s) that catches an input that never ends; it was a one-second budget, a timing assertion that
 * can fail on a loaded machine with a correct parser.
 */
class CheckMutationTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Pattern LEAK = Pattern.compile("[A-Z]\\w*(Exception|Error)\\b|\\n\\s*at [a-z]+\\.|`");

    private static void checkRefused(Path file, String what) {
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("check", file.toString()),
                what + " did not end (hang guard)");
        assertEquals(2, r.exit(), what + ": " + r);
        assertTrue(r.err().startsWith("trialsim") && r.err().contains(file.toString()), what + ": " + r);
        assertEquals("", r.out(), what + ": " + r);
        assertFalse(LEAK.matcher(r.err()).find(), what + ": internal detail on stderr: " + r.err());
    }

    @Test
    void brokenExamplesExitTwoWithTheProblemOnStderr(@TempDir Path dir) throws IOException {
        // warm the JVM up once, as a user's shell would not: the budget is for the check, not class loading
        Cli.run("check", EXAMPLES.resolve("two-arm-binary-chisq.yaml").toString());
        SplittableRandom rnd = new SplittableRandom(3);
        List<Path> examples;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            examples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int n = 0;
        for (Path example : examples) {
            List<String> lines = Files.readAllLines(example);
            List<Integer> keyLines = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*[a-z_]+:.*")) {
                    keyLines.add(i);
                }
            }
            int i = keyLines.get(rnd.nextInt(keyLines.size()));
            String line = lines.get(i);
            String key = line.strip().substring(0, line.strip().indexOf(':'));
            List<List<String>> mutants = List.of(
                    with(lines, i, line.replaceFirst(key, key.substring(1) + key.charAt(0))), // misspelt
                    with(lines, i, line.substring(0, line.indexOf(':') + 1) + " [oops, {x: 1}]"), // wrong type
                    insert(lines, i, line)); // duplicated
            for (List<String> mutant : mutants) {
                Path file = dir.resolve("m" + n++ + "-" + example.getFileName());
                Files.write(file, mutant);
                Cli.Result r = Cli.run("check", file.toString());
                if (r.exit() != 0) { // a mutation may leave a valid scenario; a refused one must be refused well
                    checkRefused(file, "mutant of " + example.getFileName() + " line " + (i + 1));
                }
            }
        }
        assertTrue(n >= 30);
    }

    @Test
    void hostileFilesExitTwoQuickly(@TempDir Path dir) throws IOException {
        Cli.run("check", EXAMPLES.resolve("two-arm-binary-chisq.yaml").toString());
        Path empty = Files.write(dir.resolve("empty.yaml"), new byte[0]);
        checkRefused(empty, "empty file");
        byte[] random = new byte[4096];
        new SplittableRandom(5).nextBytes(random);
        checkRefused(Files.write(dir.resolve("random.yaml"), random), "random bytes");
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        checkRefused(Files.write(dir.resolve("big.yaml"), big), "10 MB");
        checkRefused(Files.writeString(dir.resolve("deep.yaml"), "arms: " + "[".repeat(10_000) + "]".repeat(10_000)),
                "10,000 levels");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ",").repeat(8))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        checkRefused(Files.writeString(dir.resolve("bomb.yaml"), bomb, StandardCharsets.UTF_8), "alias bomb");
    }

    private static List<String> with(List<String> lines, int i, String line) {
        List<String> l = new ArrayList<>(lines);
        l.set(i, line);
        return l;
    }

    private static List<String> insert(List<String> lines, int i, String line) {
        List<String> l = new ArrayList<>(lines);
        l.add(i + 1, line);
        return l;
    }
}
