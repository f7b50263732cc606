package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a scenario document that remembers where it came from: its source location and its key path.
 * Jackson's tree model does not keep token locations, so the scenario parser builds this tree from the
 * streaming parser and carries it through defaults, per-stratum overrides and sweeps, so that every error
 * can name the file, line, column and key that caused it.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

    /** Where the node starts. */
    Location location();

    /** The key path of the node, such as {@code arms.ketamine.response}. */
    String path();

    /** The same node (and its children) re-homed at another key path, keeping locations. */
    Node withPath(String newPath);

    /** What the node is, for messages such as "found a list". */
    String describe();

    /** Child path of a key. */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Child path of a list index. */
    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /**
     * A position in a source.
     *
     * @param source file name or description
     * @param line 1-based line (0 if none)
     * @param column 1-based column (0 if none)
     */
    record Location(String source, int line, int column) {
    }

    /**
     * A key of a mapping with the location of the key itself.
     *
     * @param key the key
     * @param keyLocation where the key is written
     * @param value its value
     */
    record Member(String key, Location keyLocation, Node value) {
    }

    /**
     * A mapping, in document order.
     *
     * @param location where the mapping starts
     * @param path key path
     * @param members the members by key
     */
    record MapNode(Location location, String path, Map<String, Member> members) implements Node {
        public MapNode {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        Node get(String key) {
            Member m = members.get(key);
            return m == null ? null : m.value();
        }

        boolean has(String key) {
            return members.containsKey(key);
        }

        @Override
        public MapNode withPath(String newPath) {
            Map<String, Member> moved = new LinkedHashMap<>();
            members.forEach((k, m) -> moved.put(k, new Member(k, m.keyLocation(), m.value().withPath(child(newPath, k)))));
            return new MapNode(location, newPath, moved);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /**
     * A list.
     *
     * @param location where the list starts
     * @param path key path
     * @param items the items
     */
    record ListNode(Location location, String path, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public ListNode withPath(String newPath) {
            List<Node> moved = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                moved.add(items.get(i).withPath(index(newPath, i)));
            }
            return new ListNode(location, newPath, moved);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar value as written.
     *
     * @param location where the value is written
     * @param path key path
     * @param kind the scalar's type as the YAML/JSON parser resolved it
     * @param text the text of the scalar
     */
    record Scalar(Location location, String path, Kind kind, String text) implements Node {

        @Override
        public Scalar withPath(String newPath) {
            return new Scalar(location, newPath, kind, text);
        }

        /** Whether the scalar is a number (also an unquoted-looking number the YAML resolver left as text). */
        boolean isNumber() {
            return kind == Kind.INTEGER || kind == Kind.FLOAT || (kind == Kind.STRING && PLAIN_NUMBER.matcher(text).matches());
        }

        /** The numeric value; call only when {@link #isNumber()}. */
        double number() {
            String t = text.strip();
            switch (t) {
                case ".inf", "+.inf", ".Inf", "+.Inf", ".INF", "+.INF":
                    return Double.POSITIVE_INFINITY;
                case "-.inf", "-.Inf", "-.INF":
                    return Double.NEGATIVE_INFINITY;
                case ".nan", ".NaN", ".NAN":
                    return Double.NaN;
                default:
                    return Double.parseDouble(t);
            }
        }

        @Override
        public String describe() {
            switch (kind) {
                case NULL:
                    return "null (no value)";
                case STRING:
                    return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
                default:
                    return text;
            }
        }

        private static final java.util.regex.Pattern PLAIN_NUMBER =
                java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    }

    /** Scalar types. */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }
}
