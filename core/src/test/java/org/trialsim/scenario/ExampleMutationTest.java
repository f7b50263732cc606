package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Mutation test over the example scenarios ({@code examples/*.yaml} at the repository root): keys deleted,
 * duplicated, misspelt and re-nested, values of the wrong type, random bytes, an empty file, a 10 MB file,
 * 10,000 levels of nesting and YAML alias bombs. Every input must either be a valid scenario or end in a
 * {@link ScenarioException} whose message names the file and says what is wrong, never in another exception
 * and never with a stack trace in the message. Each parse runs under a hang guard ({@link #BUDGET}): it catches an
 * input that never ends (an alias bomb expanded, a loop), not a slow machine. It was a one-second budget, which
 * failed on a loaded 2-core machine (load average 16, 2026-12-06): a timing assertion that can fail on a
 * correct parser. That refusals are cheap is asserted by what they read (a file over the size limit is refused
 * by its size, before its bytes are parsed), not by the clock.
 */
class ExampleMutationTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    /** A hang guard, not a speed requirement: far above any correct parse on any machine. */
    private static final Duration BUDGET = Duration.ofSeconds(60);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** A Java class name of an exception or error, or a stack frame: never part of a user's message. */
    private static final Pattern LEAK = Pattern.compile("[A-Z]\\w*(Exception|Error|Constraints)\\b|\\n\\s*at [a-z]+\\.|\\$\\d|`");

    private static final String[] WRONG_VALUES = {"text", "3.5", "-1", "true", "[1, 2]", "{a: 1}", "null", "1e308",
        ".nan", "''", "[]", "{}"};

    static List<Path> examples() throws IOException {
        assertTrue(Files.isDirectory(EXAMPLES), "run from the module folder: " + EXAMPLES.toAbsolutePath());
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(l.isEmpty(), "no examples");
            return l;
        }
    }

    /** Outcome counts, to show that the mutations reach the validation (a test that cannot fail proves nothing). */
    private int rejected;
    private int accepted;

    /** Parses within the budget: a valid scenario or a clear ScenarioException; anything else fails. */
    private void check(byte[] bytes, String source, String mutation) {
        Object outcome = assertTimeoutPreemptively(BUDGET, () -> {
            try {
                return ScenarioParser.parse(bytes, source, Map.of());
            } catch (ScenarioException e) {
                return e;
            } catch (Throwable t) {
                return new AssertionError(mutation + " of " + source + " escaped as " + t, t);
            }
        }, () -> mutation + " of " + source + " took more than " + BUDGET);
        if (outcome instanceof AssertionError e) {
            throw e;
        }
        if (outcome instanceof ScenarioException e) {
            rejected++;
            assertClear(e, source, mutation);
        } else {
            accepted++;
        }
    }

    static void assertClear(ScenarioException e, String source, String mutation) {
        assertFalse(e.problems().isEmpty());
        String message = e.getMessage();
        assertFalse(LEAK.matcher(message).find(), mutation + ": internal detail in the message:\n" + message);
        for (Problem p : e.problems()) {
            assertTrue(p.source().equals(source) || p.source().startsWith(source), mutation + ": " + p);
            assertTrue(p.message().length() >= 15, mutation + ": message too short: " + p);
            assertTrue(p.line() >= 1, mutation + ": no line: " + p);
        }
    }

    @Test
    void everyExampleIsValid() throws IOException {
        for (Path p : examples()) {
            ScenarioParser.parse(p);
        }
    }

    /**
     * Structured mutations of every key of every example: delete, misspell, re-nest under its sibling or
     * under itself, and each wrong-typed value in its place.
     */
    @Test
    void structuredMutationsOfEveryExample() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20261122);
        int misspeltRejected = 0;
        for (Path file : examples()) {
            String source = file.getFileName().toString();
            JsonNode original = YAML.readTree(Files.readString(file));
            List<List<String>> paths = new ArrayList<>();
            collect(original, new ArrayList<>(), paths);
            // 20 keys per example, drawn at random (every key of every example would take 20 s)
            java.util.Collections.shuffle(paths, new java.util.Random(rnd.nextLong()));
            paths = paths.subList(0, Math.min(20, paths.size()));
            for (List<String> path : paths) {
                String key = path.get(path.size() - 1);
                // delete
                check(mutate(original, path, (parent, k) -> parent.remove(k)), source, "delete " + path);
                // misspell (what a typing slip does): the message must name the key involved
                String misspelt = misspell(key, rnd);
                byte[] m = mutate(original, path, (parent, k) -> rename(parent, k, misspelt));
                int before = rejected;
                check(m, source, "misspell " + path + " as " + misspelt);
                if (rejected > before) {
                    misspeltRejected++;
                }
                // re-nest: the value one level deeper under its own key
                check(mutate(original, path, (parent, k) -> {
                    ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
                    wrapper.set(k, parent.get(k));
                    parent.set(k, wrapper);
                }), source, "re-nest " + path + " under itself");
                // re-nest: the key moved into a sibling mapping (or to the top)
                check(mutate(original, path, (parent, k) -> moveIntoSibling(parent, k)), source,
                        "move " + path + " into a sibling");
                // a wrong-typed value
                String wrong = WRONG_VALUES[rnd.nextInt(WRONG_VALUES.length)];
                JsonNode wrongNode = YAML.readTree("v: " + wrong).get("v");
                check(mutate(original, path, (parent, k) -> parent.set(k, wrongNode)), source,
                        "set " + path + " to " + wrong);
            }
        }
        assertTrue(rejected > 3 * accepted, "mutations too mild: " + rejected + " rejected, " + accepted + " accepted");
        assertTrue(misspeltRejected > 40, "misspellings rejected: " + misspeltRejected);
    }

    /** Text-level mutations: every key line duplicated, and lines deleted, swapped and re-indented. */
    @Test
    void textMutationsOfEveryExample() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        for (Path file : examples()) {
            String source = file.getFileName().toString();
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                List<String> dup = new ArrayList<>(lines);
                dup.add(i + 1, line); // a duplicated key (or list item)
                check(bytes(dup), source, "duplicate line " + (i + 1));
                List<String> del = new ArrayList<>(lines);
                del.remove(i);
                check(bytes(del), source, "delete line " + (i + 1));
                List<String> indent = new ArrayList<>(lines);
                indent.set(i, (rnd.nextBoolean() ? "   " : "") + line.stripLeading());
                check(bytes(indent), source, "re-indent line " + (i + 1));
                List<String> cut = new ArrayList<>(lines);
                cut.set(i, line.substring(0, rnd.nextInt(line.length() + 1)));
                check(bytes(cut), source, "truncate line " + (i + 1));
            }
        }
        assertTrue(rejected > accepted, rejected + " rejected, " + accepted + " accepted");
    }

    @Test
    void duplicatedKeysNameTheKeyAndTheFirstLine() throws IOException {
        Path file = EXAMPLES.resolve("two-arm-binary-chisq.yaml");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("name:")) {
                at = i;
            }
        }
        lines.add(at + 1, "name: again");
        ScenarioException e = parseFails(bytes(lines), "two-arm-binary-chisq.yaml");
        assertTrue(e.getMessage().contains("duplicated key 'name'") && e.getMessage().contains("line " + (at + 1)),
                e.getMessage());
    }

    @Test
    void randomBytesEmptyFilesAndBinaryPrefixes() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[rnd.nextInt(0, 2000)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) rnd.nextInt(256);
            }
            expectRejected(b, "random.yaml", "random bytes " + i);
            expectRejected(b, "random.json", "random bytes as JSON " + i);
        }
        expectRejected(new byte[0], "empty.yaml", "empty file");
        expectRejected(new byte[0], "empty.json", "empty JSON file");
        // an example with random bytes spliced in
        for (Path file : examples()) {
            byte[] b = Files.readAllBytes(file);
            int at = rnd.nextInt(b.length);
            for (int j = at; j < Math.min(b.length, at + 8); j++) {
                b[j] = (byte) (0x80 | rnd.nextInt(128));
            }
            check(b, file.getFileName().toString(), "bytes spliced at " + at);
        }
    }

    @Test
    void aTenMegabyteFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        System.arraycopy("name: x\ndescription: ".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 21);
        ScenarioException e = expectRejected(big, "big.yaml", "10 MB");
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
        Path file = dir.resolve("big.yaml");
        Files.write(file, big);
        ScenarioException fromFile = assertTimeoutPreemptively(BUDGET,
                () -> parseFailsFile(file), "10 MB file");
        assertTrue(fromFile.getMessage().contains("has 10,485,760 bytes (10.0 MiB)"), fromFile.getMessage());
        // just under the size limit: one long scalar (refused by the string-length limit) and a long flow
        // list (refused by the token-count limit)
        byte[] almost = new byte[DocumentReader.MAX_BYTES - 100];
        Arrays.fill(almost, (byte) 'a');
        System.arraycopy("description: ".getBytes(StandardCharsets.US_ASCII), 0, almost, 0, 13);
        assertTrue(expectRejected(almost, "long.yaml", "long scalar").getMessage()
                .contains("description: not valid YAML: found a text value of")); // in the file's words (#20 point 7)
        byte[] list = new byte[DocumentReader.MAX_BYTES - 100];
        Arrays.fill(list, (byte) ' ');
        System.arraycopy("x: [".getBytes(StandardCharsets.US_ASCII), 0, list, 0, 4);
        for (int i = 4; i + 2 < list.length; i += 2) {
            list[i] = '1';
            list[i + 1] = ',';
        }
        list[list.length - 2] = ']';
        expectRejected(list, "list.yaml", "long flow list");
        expectRejected(("x: [" + "1,".repeat(30_000) + "1]").getBytes(StandardCharsets.US_ASCII), "list.yaml",
                "30,000 values");
    }

    @Test
    void tenThousandLevelsOfNesting() {
        int depth = 10_000;
        String flowLists = "[".repeat(depth) + "]".repeat(depth);
        String flowMaps = "{a: ".repeat(depth) + "1" + "}".repeat(depth);
        String blockLists = "- ".repeat(depth) + "x\n";
        String jsonLists = "[".repeat(depth) + "]".repeat(depth);
        for (String[] c : new String[][] {{flowLists, "lists.yaml"}, {flowMaps, "maps.yaml"},
            {blockLists, "block.yaml"}, {"arms: " + flowMaps, "under-key.yaml"}, {jsonLists, "deep.json"},
            {"{\"a\":".repeat(depth) + "1" + "}".repeat(depth), "deep-maps.json"}}) {
            ScenarioException e = expectRejected(c[0].getBytes(StandardCharsets.UTF_8), c[1], "nesting " + c[1]);
            assertTrue(e.getMessage().contains("nesting") || e.getMessage().contains("depth"), e.getMessage());
        }
    }

    @Test
    void aliasBombsNeverExpand() {
        // "billion laughs": 9 levels of 9 aliases would expand to 9^9 = 387 million strings
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int k = 0; k < 9; k++) {
                bomb.append(k == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        ScenarioException e = expectRejected(bomb.toString().getBytes(StandardCharsets.UTF_8), "bomb.yaml", "alias bomb");
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
        // a scalar alias, a merge key and a recursive anchor
        for (String text : new String[] {"name: &n x\ntitle: *n\n", "base: &b {x: 1}\narms:\n  <<: *b\n",
            "a: &a [*a]\n", "&a a: *a\n"}) {
            expectRejected(text.getBytes(StandardCharsets.UTF_8), "alias.yaml", "alias " + text);
        }
    }

    private ScenarioException expectRejected(byte[] bytes, String source, String what) {
        int before = rejected;
        check(bytes, source, what);
        assertTrue(rejected > before, what + " was accepted");
        return lastRejection(bytes, source);
    }

    private static ScenarioException lastRejection(byte[] bytes, String source) {
        try {
            ScenarioParser.parse(bytes, source, Map.of());
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    private static ScenarioException parseFails(byte[] bytes, String source) {
        return lastRejection(bytes, source);
    }

    private static ScenarioException parseFailsFile(Path file) {
        try {
            ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            return e;
        }
        return fail("accepted " + file);
    }

    // ------------------------------------------------------------------ tree mutations

    private interface Edit {
        void apply(ObjectNode parent, String key);
    }

    private static void collect(JsonNode node, List<String> path, List<List<String>> out) {
        if (node instanceof ObjectNode o) {
            for (String k : o.propertyNames()) {
                List<String> p = new ArrayList<>(path);
                p.add(k);
                out.add(p);
                collect(o.get(k), p, out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                List<String> p = new ArrayList<>(path);
                p.add("#" + i);
                collect(a.get(i), p, out);
            }
        }
    }

    private static byte[] mutate(JsonNode original, List<String> path, Edit edit) {
        JsonNode copy = original.deepCopy();
        JsonNode parent = copy;
        for (String k : path.subList(0, path.size() - 1)) {
            parent = k.startsWith("#") ? parent.get(Integer.parseInt(k.substring(1))) : parent.get(k);
        }
        edit.apply((ObjectNode) parent, path.get(path.size() - 1));
        return YAML.writeValueAsString(copy).getBytes(StandardCharsets.UTF_8);
    }

    private static void rename(ObjectNode parent, String key, String to) {
        List<String> keys = new ArrayList<>(parent.propertyNames());
        List<JsonNode> values = keys.stream().map(parent::get).toList();
        parent.removeAll();
        for (int i = 0; i < keys.size(); i++) {
            parent.set(keys.get(i).equals(key) ? to : keys.get(i), values.get(i));
        }
    }

    private static void moveIntoSibling(ObjectNode parent, String key) {
        JsonNode value = parent.remove(key);
        for (String k : parent.propertyNames()) {
            if (parent.get(k) instanceof ObjectNode sibling) {
                sibling.set(key, value);
                return;
            }
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set(key, value);
        parent.set("nested", wrapper);
    }

    /** A typing slip: two letters swapped, one dropped, one doubled or a wrong one. */
    private static String misspell(String key, SplittableRandom rnd) {
        if (key.length() < 2) {
            return key + "x";
        }
        int i = rnd.nextInt(key.length() - 1);
        StringBuilder sb = new StringBuilder(key);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                char c = sb.charAt(i);
                sb.setCharAt(i, sb.charAt(i + 1));
                sb.setCharAt(i + 1, c);
            }
            case 1 -> sb.deleteCharAt(i);
            case 2 -> sb.insert(i, sb.charAt(i));
            default -> sb.setCharAt(i, sb.charAt(i) == 'x' ? 'q' : 'x');
        }
        return sb.toString().equals(key) ? key + "x" : sb.toString();
    }

    private static byte[] bytes(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
