package org.trialsim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Operations on located trees: deep merge of a base (defaults, or an arm's settings) under an override (the
 * user's file, or a per-stratum override), keeping every node's location.
 *
 * <p>Mappings merge key by key; lists and scalars are replaced whole. A mapping that is one of several
 * alternatives (an enrollment, hazard, cutoff or response model, or an exponential given by rate or by
 * median) is merged only when base and override pick the same alternative; otherwise the override replaces
 * it, so that an override {@code {weibull: ...}} is not mixed with a base {@code {exponential: ...}}.
 */
final class TreeEdit {

    /** Keys that select an alternative of a mapping. */
    static final Set<String> ALTERNATIVE_KEYS = Set.of("uniform", "even", "piecewise", "follow_up_weeks",
            "calendar_week", "events", "exponential", "weibull", "madrs", "probability", "rate", "median");

    private TreeEdit() {
    }

    /**
     * Merges {@code over} onto {@code base}; the result lives at {@code over}'s path (nodes taken from the base
     * are re-homed at the corresponding path, keeping their locations).
     */
    static Node merge(Node base, Node over) {
        if (base == null) {
            return over;
        }
        if (over == null) {
            return base;
        }
        if (!(base instanceof Node.MapNode b) || !(over instanceof Node.MapNode o)) {
            return over;
        }
        Set<String> bAlt = alternative(b);
        Set<String> oAlt = alternative(o);
        if (!bAlt.isEmpty() && !oAlt.isEmpty() && !bAlt.equals(oAlt)) {
            return over;
        }
        Map<String, Node.Member> out = new LinkedHashMap<>();
        for (Node.Member m : b.members().values()) {
            if (!o.has(m.key())) {
                Node v = relocate(m.value().withPath(Node.child(o.path(), m.key())), o.location());
                out.put(m.key(), new Node.Member(m.key(), relocate(m.keyLocation(), o.location()), v));
            }
        }
        for (Node.Member m : o.members().values()) {
            Node.Member bm = b.members().get(m.key());
            Node v = bm == null ? m.value() : merge(bm.value(), m.value());
            out.put(m.key(), new Node.Member(m.key(), m.keyLocation(), v));
        }
        // Keep the base's key order for the keys it has (defaults list keys in a readable order), then the rest.
        Map<String, Node.Member> ordered = new LinkedHashMap<>();
        for (String k : b.members().keySet()) {
            if (out.containsKey(k)) {
                ordered.put(k, out.get(k));
            }
        }
        out.forEach(ordered::putIfAbsent);
        return new Node.MapNode(o.location(), o.path(), ordered);
    }

    /**
     * Points a default (a node from the built-in defaults) at the user's mapping that received it, so that a
     * problem with a defaulted value names the block in the user's file.
     */
    private static Node relocate(Node n, Node.Location target) {
        if (n instanceof Node.MapNode m) {
            Map<String, Node.Member> members = new LinkedHashMap<>();
            m.members().forEach((k, v) -> members.put(k, new Node.Member(k, relocate(v.keyLocation(), target),
                    relocate(v.value(), target))));
            return new Node.MapNode(relocate(m.location(), target), m.path(), members);
        }
        if (n instanceof Node.ListNode l) {
            return new Node.ListNode(relocate(l.location(), target), l.path(),
                    l.items().stream().map(i -> relocate(i, target)).toList());
        }
        Node.Scalar s = (Node.Scalar) n;
        return new Node.Scalar(relocate(s.location(), target), s.path(), s.kind(), s.text());
    }

    private static Node.Location relocate(Node.Location l, Node.Location target) {
        return l.source().equals(ScenarioDefaults.SOURCE) && !target.source().equals(ScenarioDefaults.SOURCE) ? target : l;
    }

    private static Set<String> alternative(Node.MapNode m) {
        Set<String> s = new java.util.TreeSet<>(m.members().keySet());
        s.retainAll(ALTERNATIVE_KEYS);
        return s;
    }

    /**
     * Returns a copy of {@code root} with {@code value} at the dotted {@code path}, creating mappings on the way.
     *
     * @return the new root, or {@code null} if the path runs through a list or scalar
     */
    static Node.MapNode set(Node.MapNode root, String[] keys, int from, Node value) {
        String key = keys[from];
        String childPath = Node.child(root.path(), key);
        Node existing = root.get(key);
        Node newChild;
        if (from == keys.length - 1) {
            newChild = value.withPath(childPath);
        } else {
            Node.MapNode next;
            if (existing == null) {
                next = new Node.MapNode(value.location(), childPath, Map.of());
            } else if (existing instanceof Node.MapNode m) {
                next = m;
            } else {
                return null;
            }
            newChild = set(next, keys, from + 1, value);
            if (newChild == null) {
                return null;
            }
        }
        Map<String, Node.Member> members = new LinkedHashMap<>(root.members());
        Node.Member old = members.get(key);
        members.put(key, new Node.Member(key, old == null ? value.location() : old.keyLocation(), newChild));
        return new Node.MapNode(root.location(), root.path(), members);
    }

    /** The node at a dotted path, or null. */
    static Node get(Node root, String path) {
        Node n = root;
        for (String k : path.split("\\.")) {
            if (!(n instanceof Node.MapNode m) || !m.has(k)) {
                return null;
            }
            n = m.get(k);
        }
        return n;
    }
}
