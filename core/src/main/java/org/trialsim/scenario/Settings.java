package org.trialsim.scenario;

import java.util.List;

/**
 * A mapping of a scenario file as a patient process reads it: typed values by key, each bad value reported
 * with the file, line, key path and what is allowed, and reading carried on (the value comes back as
 * {@code NaN} or {@code null}) so that all problems of a file are reported together. The public face of the
 * scenario reader for processes outside this package ({@link ProcessDefinition#read}).
 */
public final class Settings {

    private final Reading r;
    private final Node.MapNode templates;
    private final Node.MapNode m;

    private Settings(Reading r, Node.MapNode templates, Node.MapNode m) {
        this.r = r;
        this.templates = templates;
        this.m = m;
    }

    /**
     * The node as settings whose keys are all among {@code keys} (unknown keys reported with a suggestion), or
     * {@code null} (reported) if it is not a mapping.
     */
    static Settings of(Reading r, Node.MapNode templates, Node n, String what, String... keys) {
        Node.MapNode m = r.map(n, what, keys);
        return m == null ? null : new Settings(r, templates, m);
    }

    /**
     * These settings with the default template {@code name} merged under them (keys given here win), the keys
     * checked again against {@code keys}; see {@link ProcessDefinition#templates()}.
     */
    public Settings withTemplate(String name, String what, String... keys) {
        Node t = templates.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no default template named " + name);
        }
        return of(r, templates, TreeEdit.merge(t, m), what, keys);
    }

    /** These settings checked against {@code keys} (unknown keys reported with a suggestion). */
    public Settings allowing(String what, String... keys) {
        return of(r, templates, m, what, keys);
    }

    /** Whether the key is present (written by the user or filled in by a default) with a non-null value. */
    public boolean has(String key) {
        return Reading.present(m, key);
    }

    /** Whether the value of {@code key} is a mapping (for keys that take either a number or a mapping). */
    public boolean isMapping(String key) {
        return m.get(key) instanceof Node.MapNode;
    }

    /** The key path of this mapping, for example {@code arms.ketamine.rescue}. */
    public String path() {
        return m.path();
    }

    /**
     * A number in [lo, hi] (open ends if asked); {@code NaN} (reported) if it is missing, not a number or out of
     * range.
     *
     * @param allowed what is allowed, as the message says it (for example "a probability in [0, 1)")
     */
    public double number(String key, double lo, boolean loOpen, double hi, boolean hiOpen, String allowed) {
        return r.number(required(key, allowed), lo, loOpen, hi, hiOpen, allowed);
    }

    /** A probability in [0, 1]. */
    public double probability(String key) {
        return number(key, 0, false, 1, false, "a probability in [0, 1]");
    }

    /** A finite number >= 0 in the given unit. */
    public double nonNegative(String key, String unit) {
        return number(key, 0, false, Double.MAX_VALUE, false, "a finite number >= 0 (" + unit + ")");
    }

    /** A finite number > 0 in the given unit. */
    public double positive(String key, String unit) {
        return number(key, 0, true, Double.MAX_VALUE, false, "a finite number > 0 (" + unit + ")");
    }

    /**
     * A hazard: {@code {exponential: {rate | median}}}, {@code {weibull: {shape, scale}}} or
     * {@code {piecewise: {starts, rates}}}; {@code null} (reported) otherwise.
     */
    public Hazard hazard(String key) {
        Node n = required(key, "a hazard: {exponential: {rate | median}}, {weibull: {shape, scale}} or "
                + "{piecewise: {starts, rates}}");
        return n == null ? null : PatientModelReader.hazard(r, n);
    }

    /** An enum constant written in lower case; {@code null} (reported) otherwise. */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        Node n = required(key, "one of " + String.join(", ", Reading.names(type)));
        return n == null ? null : r.enumValue(n, type);
    }

    /**
     * A list of numbers each in [lo, hi] (open ends if asked); {@code null} (reported) if the value is missing
     * or not a list, and {@code null} also when some item was reported.
     *
     * @param allowed what each item may be, as the message says it
     */
    public double[] numbers(String key, double lo, boolean loOpen, double hi, boolean hiOpen, String allowed) {
        Node n = required(key, "a list of numbers, each " + allowed);
        java.util.List<Double> values = n == null ? null
                : r.numbers(n, "a list of numbers, each " + allowed, i -> r.number(i, lo, loOpen, hi, hiOpen, allowed));
        if (values == null || values.stream().anyMatch(v -> Double.isNaN(v))) {
            return null;
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A string; {@code null} (reported) if missing or not a string. */
    public String text(String key, String allowed) {
        Node n = required(key, allowed);
        return n == null ? null : r.string(n, allowed);
    }

    /** Whether the value of {@code key} is a list (for keys that take either a list or a mapping). */
    public boolean isList(String key) {
        return m.get(key) instanceof Node.ListNode;
    }

    /**
     * Reports a problem with item {@code index} of the list under {@code key} (or with the key's value if it
     * is not a list that long).
     */
    public void problem(String key, int index, String message) {
        if (m.get(key) instanceof Node.ListNode l && index >= 0 && index < l.items().size()) {
            r.problems.add(l.items().get(index), message);
        } else {
            problem(key, message);
        }
    }

    /** A nested mapping whose keys are among {@code keys}, or {@code null} (reported). */
    public Settings mapping(String key, String what, String... keys) {
        Node n = required(key, what);
        return n == null ? null : of(r, templates, n, what, keys);
    }

    /** Reports a problem with the value of {@code key} (or with this mapping if it is absent). */
    public void problem(String key, String message) {
        Node n = m.get(key);
        if (n != null) {
            r.problems.add(n, message);
        } else {
            r.problems.add(m, message);
        }
    }

    /** The keys present, in file order. */
    public List<String> keys() {
        return List.copyOf(m.members().keySet());
    }

    private Node required(String key, String what) {
        return r.required(m, key, what);
    }
}
