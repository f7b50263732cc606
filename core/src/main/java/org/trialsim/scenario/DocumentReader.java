package org.trialsim.scenario;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.LoadSettings;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads a YAML or JSON scenario document into a {@link Node} tree that keeps the line and column of every key
 * and value, using Jackson's streaming parser (whose token locations the tree model would discard).
 *
 * <p>Hostile input fails fast with a problem, never with another exception: documents are limited to
 * {@link #MAX_BYTES} bytes, must be UTF-8 text, may nest at most {@link #MAX_DEPTH} levels and may not use
 * YAML aliases (Jackson's YAML parser reports an alias as its anchor's name without expanding it, and the
 * scenario format has no use for them, so "billion laughs" alias bombs cannot expand); duplicated keys are
 * errors rather than silent overwrites; only one YAML document is allowed.
 */
final class DocumentReader {

    /**
     * Largest accepted document, in bytes (scenario files are a few kilobytes). Kept well below what the YAML
     * parser reads in a second on a cold JVM (about 1 MB of plain scalar, or 50,000 flow-list tokens in 0.7 s
     * warm), so that every refusal is quick.
     */
    static final int MAX_BYTES = Limits.MAX_SCENARIO_BYTES;

    /** Deepest accepted nesting of mappings and lists (the format needs about 8). */
    static final int MAX_DEPTH = 32;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH + 2)
            .maxDocumentLength(MAX_BYTES)
            .maxTokenCount(20_000)
            .maxStringLength(20_000)
            .maxNameLength(1_000)
            .maxNumberLength(100)
            .build();

    // Duplicates are detected here (with the key path in the message), not by Jackson's generic check.
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(LIMITS)
            .loadSettings(LoadSettings.builder()
                    .setAllowDuplicateKeys(true) // false would re-enable Jackson's own check, whose message lacks the path
                    .setMaxAliasesForCollections(0)
                    .setAllowRecursiveKeys(false)
                    .setCodePointLimit(MAX_BYTES)
                    .build())
            .build();

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).streamReadConstraints(LIMITS).build();

    private final String source;
    private final Problems problems;
    private JsonParser parser;
    /** The key path and place of the value being read, for a failure Jackson reports without a location. */
    private String readingPath;
    private Node.Location readingAt;

    private DocumentReader(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /**
     * Reads a document.
     *
     * @param bytes the raw file content
     * @param source the file name, used in messages; a name ending in {@code .json} is read as JSON, else YAML
     * @param problems where to report problems
     * @return the root node, or {@code null} if the document could not be read (problems were reported)
     */
    static Node read(byte[] bytes, String source, Problems problems) {
        return new DocumentReader(source, problems).read(bytes);
    }

    private Node read(byte[] bytes) {
        Node.Location start = new Node.Location(source, 1, 1);
        if (bytes.length > MAX_BYTES) {
            problems.add(start, "", "the file has " + Limits.bytes(bytes.length) + "; a scenario file may have at most "
                    + Limits.bytes(MAX_BYTES));
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(start, "", "the file is not UTF-8 text (is it a binary file?); a scenario is a YAML or JSON text file");
            return null;
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            problems.add(locationOfOffset(text, nul), "", "the file contains a NUL character (is it a binary file?); "
                    + "a scenario is a YAML or JSON text file");
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        TokenStreamFactory factory = source.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(start, "", "the file is empty; a scenario is a mapping of keys such as name, design, "
                        + "strata, arms, endpoints");
                return null;
            }
            Node root = value(first, "", 1);
            if (root != null && p.nextToken() != null) {
                problems.add(here(), "", "found a second document or value after the scenario; a file holds exactly "
                        + "one scenario (remove the extra '---' document)");
            }
            return root;
        } catch (JacksonException e) {
            TokenStreamLocation l = e.getLocation();
            // A limit exceeded (a text value too long, too many tokens) is reported by Jackson without a
            // location: the value being read when it was met is named instead, with its key.
            boolean located = l != null && l.getLineNr() >= 1;
            Node.Location at = located ? new Node.Location(source, l.getLineNr(), l.getColumnNr())
                    : readingAt != null ? readingAt : start;
            String path = located || readingPath == null ? "" : readingPath;
            String message = e.getOriginalMessage();
            int tab = factory == YAML && located && message != null && message.contains("(TAB)")
                    ? indentingTab(text, l.getLineNr()) : -1;
            if (tab >= 0) {
                // the scanner reports where it started looking for the next token, often the line before
                problems.add(locationOfOffset(text, tab), "", "not valid YAML: a tab character indents this line; "
                        + "YAML indents with spaces only (replace the tab with spaces)");
                return null;
            }
            message = message == null ? "cannot be read" : plain(yamlMessage(message));
            problems.add(at, path, "not valid " + (factory == JSON ? "JSON" : "YAML") + ": " + message);
            return null;
        } catch (StackOverflowError | RuntimeException e) {
            // Defensive: no exception other than ScenarioException may escape the parser.
            problems.add(start, "", "the file could not be read as " + (factory == JSON ? "JSON" : "YAML") + " ("
                    + e.getClass().getSimpleName() + "); check its syntax");
            return null;
        }
    }

    /** Reads the value starting at the current token; returns null after reporting a fatal problem. */
    private Node value(JsonToken token, String path, int depth) {
        Node.Location at = here();
        if (depth > MAX_DEPTH) {
            problems.add(at, path, "nesting deeper than " + MAX_DEPTH + " levels; a scenario nests at most about 8");
            return null;
        }
        if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
            problems.add(at, path, "found the YAML alias *" + parser.getString() + "; aliases and anchors are not "
                    + "supported in scenarios: write the value out (per-stratum overrides share arm settings)");
            return null;
        }
        switch (token) {
            case START_OBJECT:
                return mapping(at, path, depth);
            case START_ARRAY:
                return list(at, path, depth);
            case VALUE_STRING:
                return new Node.Scalar(at, path, Node.Kind.STRING, parser.getString());
            case VALUE_NUMBER_INT:
                return new Node.Scalar(at, path, Node.Kind.INTEGER, parser.getString());
            case VALUE_NUMBER_FLOAT:
                return new Node.Scalar(at, path, Node.Kind.FLOAT, parser.getString());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.Scalar(at, path, Node.Kind.BOOLEAN, parser.getString());
            case VALUE_NULL:
                return new Node.Scalar(at, path, Node.Kind.NULL, "null");
            default:
                // VALUE_EMBEDDED_OBJECT: a !!binary value; any other token is no value a scenario holds either
                problems.add(at, path, (token == JsonToken.VALUE_EMBEDDED_OBJECT ? "found a binary (!!binary) value"
                        : "found a value of an unsupported type") + "; allowed numbers, text, true or false, lists and "
                        + "mappings");
                return null;
        }
    }

    private Node mapping(Node.Location at, String path, int depth) {
        Map<String, Node.Member> members = new LinkedHashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t == null) {
                problems.add(here(), path, "the document ends inside a mapping");
                return null;
            }
            String key = parser.currentName();
            Node.Location keyAt = here();
            String childPath = Node.child(path, key);
            readingPath = childPath;
            readingAt = keyAt;
            Node v = value(parser.nextToken(), childPath, depth + 1);
            if (v == null) {
                return null;
            }
            Node.Member previous = members.get(key);
            if (previous != null) {
                problems.add(keyAt, childPath, "duplicated key '" + key + "' (first given at line "
                        + previous.keyLocation().line() + "); each key may appear once in a mapping");
            } else {
                members.put(key, new Node.Member(key, keyAt, v));
            }
        }
        return new Node.MapNode(at, path, members);
    }

    private Node list(Node.Location at, String path, int depth) {
        List<Node> items = new ArrayList<>();
        JsonToken t;
        while (markReading(path, at) && (t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                problems.add(here(), path, "the document ends inside a list");
                return null;
            }
            Node v = value(t, Node.index(path, items.size()), depth + 1);
            if (v == null) {
                return null;
            }
            items.add(v);
        }
        return new Node.ListNode(at, path, items);
    }

    /** Notes that the items of the list at {@code path} are being read (a list is named as a whole). */
    private boolean markReading(String path, Node.Location at) {
        readingPath = path;
        readingAt = at;
        return true;
    }

    /**
     * A parser's message in the words of the file, without the parser's internals (feature and class names,
     * event codes, record dumps), which mean nothing to a planner.
     */
    static String plain(String message) {
        String m = message.replaceAll(",? from `StreamReadConstraints[^`]*`", "");
        if (m.contains("ALLOW_COMMENTS")) {
            return "found a comment; JSON has no comments (write the scenario in YAML to keep comments, with #)";
        }
        java.util.regex.Matcher limit = java.util.regex.Pattern.compile(
                "(String value|Name) length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\)").matcher(m);
        if (limit.find()) {
            return "found a " + (limit.group(1).equals("Name") ? "key" : "text value") + " of " + limit.group(2)
                    + " characters; allowed at most " + limit.group(3);
        }
        limit = java.util.regex.Pattern.compile("Token count \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\)")
                .matcher(m);
        if (limit.find()) {
            return "found more than " + limit.group(2) + " keys, values and brackets in the file; allowed at most "
                    + limit.group(2) + " (a scenario has a few hundred)";
        }
        if (m.contains("Version{major=")) {
            return "found a %YAML directive of version " + m.replaceAll(".*Version\\{major=(\\d+), minor=(\\d+)\\}.*",
                    "$1.$2") + "; allowed YAML 1.x (or no %YAML line)";
        }
        m = m.replaceAll("\\s*\\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)", "")
                .replaceAll(":? ?enable `?JsonReadFeature\\.[A-Z_]+`? to allow", "")
                .replaceAll("\\s*\\(?(JsonReadFeature|StreamReadFeature|JsonParser\\.Feature)\\.[A-Z_]+\\)?", "")
                .replaceAll("\\(Scalar value in YAML\\)", "(a key)")
                .replace("+SEQ []", "a list").replace("+SEQ", "a list").replace("+MAP {}", "a mapping")
                .replace("+MAP", "a mapping").replace("=ALI", "an alias").replace("=VAL", "a value");
        return m.strip();
    }

    /**
     * The reason lines of a snakeyaml message, without its "in reader, line L, column C" and source snippet
     * lines (the location is reported separately): "while scanning a quoted scalar; found unexpected end of
     * stream".
     */
    static String yamlMessage(String message) {
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("in reader")) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "; ").append(line.strip());
        }
        return sb.length() == 0 ? message.strip() : sb.toString();
    }

    private Node.Location here() {
        TokenStreamLocation l = parser.currentTokenLocation();
        return new Node.Location(source, Math.max(l.getLineNr(), 1), Math.max(l.getColumnNr(), 1));
    }

    /**
     * The offset of the first tab in a line's indentation from line {@code fromLine} on (where the YAML scanner
     * says it met a tab), or of the first tab there at all, or -1.
     */
    static int indentingTab(String text, int fromLine) {
        int offset = 0;
        for (int line = 1; line < fromLine && offset >= 0; line++) {
            offset = text.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        if (offset < 0) {
            return -1;
        }
        boolean indentation = true;
        for (int i = offset; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' && indentation) {
                return i;
            }
            indentation = c == '\n' || (indentation && c == ' ');
        }
        return text.indexOf('\t', offset);
    }

    private Node.Location locationOfOffset(String text, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Node.Location(source, line, col);
    }
}
