package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to located nodes that reports, rather than throws, every wrong value: the reader carries on
 * with a placeholder so that all problems of a file are found in one pass.
 */
final class Reading {

    final Problems problems;

    Reading(Problems problems) {
        this.problems = problems;
    }

    /**
     * The node as a mapping whose keys are all among {@code keys}; unknown keys are reported with a "did you
     * mean" suggestion. With no keys given, any key is allowed (a mapping of names, such as arms).
     *
     * @return the mapping, or null (reported) if the node is not a mapping
     */
    Node.MapNode map(Node n, String what, String... keys) {
        if (n == null) {
            return null;
        }
        if (!(n instanceof Node.MapNode m)) {
            problems.add(n, "found " + n.describe() + "; allowed " + what);
            return null;
        }
        for (Node.Member member : m.members().values()) {
            if (keys.length > 0 && !Arrays.asList(keys).contains(member.key())) {
                problems.add(member.keyLocation(), member.value().path(), unknownKey(member.key(), List.of(keys)));
            }
        }
        return m;
    }

    /** The message for an unknown key: a suggestion if one is close, and the allowed keys. */
    static String unknownKey(String key, List<String> allowed) {
        String best = closest(key, allowed);
        String list = allowed.isEmpty() ? "none" : String.join(", ", allowed);
        return "unknown key '" + key + "'" + (best == null ? "" : "; did you mean '" + best + "'?") + " Allowed keys: " + list;
    }

    /** The closest of the candidates by edit distance, if it is close enough to be a likely typo. */
    static String closest(String word, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = EditDistance.levenshtein(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    /** The value of a key that must be present (after defaults), or null (reported). */
    Node required(Node.MapNode m, String key, String what) {
        Node v = m.get(key);
        if (v == null) {
            problems.add(m.location(), Node.child(m.path(), key), "missing required key '" + key + "'; expected " + what);
        }
        return v;
    }

    /** True if the key is present with a non-null value. */
    static boolean present(Node.MapNode m, String key) {
        Node v = m == null ? null : m.get(key);
        return v != null && !(v instanceof Node.Scalar s && s.kind() == Node.Kind.NULL);
    }

    /** A number in [lo, hi] (open ends if asked); NaN (reported) otherwise. */
    double number(Node n, double lo, boolean loOpen, double hi, boolean hiOpen, String what) {
        if (n == null) {
            return Double.NaN;
        }
        if (!(n instanceof Node.Scalar s) || !s.isNumber()) {
            problems.add(n, "found " + n.describe() + "; allowed " + what);
            return Double.NaN;
        }
        double v = s.number();
        boolean ok = !Double.isNaN(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!ok) {
            problems.add(n, "found " + s.text() + "; allowed " + what);
            return Double.NaN;
        }
        return v;
    }

    double probability(Node n) {
        return number(n, 0, false, 1, false, "a probability in [0, 1]");
    }

    double nonNegative(Node n, String unit) {
        return number(n, 0, false, Double.MAX_VALUE, false, "a finite number >= 0 (" + unit + ")");
    }

    double positive(Node n, String unit) {
        return number(n, 0, true, Double.MAX_VALUE, false, "a finite number > 0 (" + unit + ")");
    }

    /** An integer in [lo, hi]; null (reported) otherwise. */
    Long integer(Node n, long lo, long hi, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof Node.Scalar s && s.isNumber()) {
            double v = s.number();
            if (v == Math.rint(v) && v >= lo && v <= hi && Math.abs(v) < 9.0e15) {
                return (long) v;
            }
            if (s.kind() == Node.Kind.INTEGER) {
                try {
                    long l = Long.parseLong(s.text().strip());
                    if (l >= lo && l <= hi) {
                        return l;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(n, "found " + s.text() + "; allowed " + what);
            return null;
        }
        problems.add(n, "found " + n.describe() + "; allowed " + what);
        return null;
    }

    String string(Node n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof Node.Scalar s && s.kind() != Node.Kind.NULL) {
            return s.text();
        }
        problems.add(n, "found " + n.describe() + "; allowed " + what);
        return null;
    }

    Boolean bool(Node n) {
        if (n == null) {
            return null;
        }
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text());
        }
        problems.add(n, "found " + n.describe() + "; allowed true or false");
        return null;
    }

    /** A word among the given choices (as written in scenario files), or null (reported). */
    String choice(Node n, List<String> choices) {
        if (n == null) {
            return null;
        }
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.STRING && choices.contains(s.text())) {
            return s.text();
        }
        String found = n.describe();
        String hint = n instanceof Node.Scalar s ? closest(s.text(), choices) : null;
        problems.add(n, "found " + found + (hint == null ? "" : "; did you mean '" + hint + "'?") + " Allowed: "
                + String.join(", ", choices));
        return null;
    }

    /** An enum constant written in lower case ({@code obrien_fleming} for OBRIEN_FLEMING). */
    <E extends Enum<E>> E enumValue(Node n, Class<E> type) {
        List<String> names = names(type);
        String c = choice(n, names);
        return c == null ? null : Enum.valueOf(type, c.toUpperCase(Locale.ROOT));
    }

    static <E extends Enum<E>> List<String> names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** A list node, or null (reported). */
    Node.ListNode list(Node n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof Node.ListNode l) {
            return l;
        }
        problems.add(n, "found " + n.describe() + "; allowed " + what);
        return null;
    }

    /** A list of numbers each read with {@code item}; null if the node is not a list. */
    List<Double> numbers(Node n, String what, java.util.function.ToDoubleFunction<Node> item) {
        Node.ListNode l = list(n, what);
        if (l == null) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (Node i : l.items()) {
            out.add(item.applyAsDouble(i));
        }
        return out;
    }

    /** Reports unless the values are strictly increasing (NaN entries, already reported, are skipped). */
    boolean increasing(Node n, List<Double> values, String what) {
        for (int i = 1; i < values.size(); i++) {
            double a = values.get(i - 1);
            double b = values.get(i);
            if (!Double.isNaN(a) && !Double.isNaN(b) && b <= a) {
                Node at = n instanceof Node.ListNode l ? l.items().get(i) : n;
                problems.add(at, "found " + fmt(b) + " after " + fmt(a) + "; " + what + " must be strictly increasing");
                return false;
            }
        }
        return true;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
