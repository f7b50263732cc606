package org.trialsim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The scenario a result was run from, as a planner reads it: the file's own text (its comments cite the sources
 * of the assumptions), the scenario resolved with its defaults and any values set at key paths, as a YAML
 * file that reads back to the same scenario (the same SHA-256), and every value with where it came from and
 * the comment written beside it.
 *
 * <p>"Resolved" means the file merged with the scenario defaults of {@code defaults.yaml} (design, simulation,
 * enrollment, dropout, schedule, multiplicity) and with {@code --set} or sweep values; the defaults of each
 * arm, stratum and endpoint ({@code templates} in {@code defaults.yaml}) are filled in when the file is read,
 * as for any file, and the scenario's {@code check} summary shows them.
 *
 * @param source where the scenario came from (a file name or a built-in name)
 * @param text the file's text as given
 * @param resolved the resolved scenario as YAML (a valid scenario file)
 * @param header the comment lines at the top of the file, without their {@code #}: the sources a built-in
 *     scenario and the examples cite there
 * @param values every value of the resolved scenario, in document order
 */
public record ScenarioDocument(String source, String text, String resolved, List<String> header,
        List<Value> values) {

    public ScenarioDocument {
        header = List.copyOf(header);
        values = List.copyOf(values);
    }

    /**
     * One value of the resolved scenario.
     *
     * @param key its key path, for example {@code arms.ketamine.response.probability}
     * @param value the value as written
     * @param origin {@code file}, {@code default} or {@code set} (a value given at the command line)
     * @param note the comment written on the value's line in the file (for example {@code [3] pooled 46.5%}), or
     *     an empty string
     */
    public record Value(String key, String value, String origin, String note) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    /**
     * Reads the document of a scenario file; it must be valid (parse it first).
     *
     * @param bytes the file's content
     * @param source the file name or built-in name, as given to {@link ScenarioParser#parse(byte[], String, Map)}
     * @param overrides the values set at key paths
     * @param name the scenario's name, written into the resolved file so that it keeps it under another file name
     * @return the document
     * @throws ScenarioException if the file cannot be read
     */
    public static ScenarioDocument of(byte[] bytes, String source, Map<String, Double> overrides, String name) {
        return of(bytes, source, overrides, name, null);
    }

    /**
     * Reads the document of a scenario file studied at other sample sizes than its own ({@code --n}): the
     * resolved scenario then lists them as {@code design.sample_sizes}, so that it hashes as the study's
     * scenario does.
     *
     * @param bytes the file's content
     * @param source the file name or built-in name
     * @param overrides the values set at key paths
     * @param name the scenario's name
     * @param sampleSizes the sample sizes studied, or {@code null} for the file's
     * @return the document
     */
    public static ScenarioDocument of(byte[] bytes, String source, Map<String, Double> overrides, String name,
            List<Integer> sampleSizes) {
        Problems problems = new Problems();
        Node.MapNode merged = ScenarioParser.mergedTree(bytes, source, overrides, problems);
        problems.throwIfAny();
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", name);
        @SuppressWarnings("unchecked")
        Map<String, Object> rest = (Map<String, Object>) plain(merged);
        rest.remove("name");
        tree.putAll(rest);
        java.util.Set<String> set = new java.util.HashSet<>(overrides.keySet());
        if (sampleSizes != null && !sampleSizes.equals(ScenarioParser.parse(bytes, source, overrides).design()
                .sampleSizes())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> design = (Map<String, Object>) tree.computeIfAbsent("design",
                    k -> new LinkedHashMap<String, Object>());
            design.put("sample_sizes", List.copyOf(sampleSizes));
            set.add("design.sample_sizes");
        }
        // the defaults merged under the file take the location of the mapping they join, so what the file
        // itself gives is told by its own tree's key paths
        java.util.Set<String> given = new java.util.HashSet<>();
        paths(DocumentReader.read(bytes, source, new Problems()), given);
        List<Value> values = new ArrayList<>();
        collect(merged, new Origins(given, set, lines), values);
        if (set.contains("design.sample_sizes")) {
            values.removeIf(v -> v.key().startsWith("design.sample_sizes"));
            values.add(new Value("design.sample_sizes", sampleSizes.toString(), "set", ""));
        }
        return new ScenarioDocument(source, text, YAML.writeValueAsString(tree), header(lines), values);
    }

    /** The leading comment lines of the file, without the {@code #} and one space. */
    private static List<String> header(String[] lines) {
        List<String> header = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (!t.startsWith("#")) {
                break;
            }
            String c = t.substring(1);
            header.add(c.startsWith(" ") ? c.substring(1) : c);
        }
        while (!header.isEmpty() && header.get(header.size() - 1).isBlank()) {
            header.remove(header.size() - 1);
        }
        return header;
    }

    /** Every key path of a tree, of mappings, lists and values alike. */
    private static void paths(Node node, java.util.Set<String> out) {
        out.add(node.path());
        if (node instanceof Node.MapNode m) {
            m.members().values().forEach(member -> paths(member.value(), out));
        } else if (node instanceof Node.ListNode l) {
            l.items().forEach(i -> paths(i, out));
        }
    }

    /** What tells a value's origin: the key paths the file gives, those set at the command line, its lines. */
    private record Origins(java.util.Set<String> given, java.util.Set<String> set, String[] lines) {
    }

    private static void collect(Node node, Origins origins, List<Value> out) {
        if (node instanceof Node.MapNode m) {
            m.members().values().forEach(member -> collect(member.value(), origins, out));
        } else if (node instanceof Node.ListNode l) {
            if (l.items().stream().allMatch(i -> i instanceof Node.Scalar)) {
                List<String> items = l.items().stream().map(i -> ((Node.Scalar) i).text()).toList();
                out.add(value(l.path(), "[" + String.join(", ", items) + "]", l.location(), origins));
            } else {
                l.items().forEach(i -> collect(i, origins, out));
            }
        } else if (node instanceof Node.Scalar s) {
            out.add(value(s.path(), s.text(), s.location(), origins));
        }
    }

    private static Value value(String key, String text, Node.Location at, Origins origins) {
        String origin = origins.set().contains(key) ? "set" : origins.given().contains(key) ? "file" : "default";
        String note = "";
        if (origin.equals("file") && at.line() >= 1 && at.line() <= origins.lines().length) {
            note = comment(origins.lines()[at.line() - 1], Math.max(0, at.column() - 1));
        }
        return new Value(key, text, origin, note);
    }

    /** The comment of a YAML line after column {@code from}: text after a {@code #} that follows a blank. */
    static String comment(String line, int from) {
        boolean quoted = false;
        char quote = 0;
        for (int i = Math.min(from, line.length()); i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                quoted = c != quote;
            } else if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(i + 1).strip();
            }
        }
        return "";
    }

    /** The tree as maps, lists and scalars of their YAML type, numbers as written. */
    private static Object plain(Node node) {
        if (node instanceof Node.MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.members().forEach((k, member) -> out.put(k, plain(member.value())));
            return out;
        }
        if (node instanceof Node.ListNode l) {
            return l.items().stream().map(ScenarioDocument::plain).toList();
        }
        Node.Scalar s = (Node.Scalar) node;
        switch (s.kind()) {
            case NULL:
                return null;
            case BOOLEAN:
                return Boolean.parseBoolean(s.text().strip().toLowerCase(java.util.Locale.ROOT));
            case INTEGER:
            case FLOAT:
                return number(s);
            default:
                return s.text();
        }
    }

    private static Object number(Node.Scalar s) {
        String t = s.text().strip();
        try {
            return t.matches("[-+]?\\d+") ? new BigInteger(t) : new BigDecimal(t);
        } catch (NumberFormatException e) {
            return s.number(); // .inf, .nan, 0x..: the value as a double
        }
    }
}
