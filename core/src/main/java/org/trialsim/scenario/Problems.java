package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one scenario so that all are reported together, in file order. */
final class Problems {

    private final List<Problem> list = new ArrayList<>();
    private Node.Location fallback;

    /** Where to point problems located in the built-in defaults: the start of the user's file. */
    void setFallback(Node.Location fallback) {
        this.fallback = fallback;
    }

    void add(Node.Location at, String path, String message) {
        if (fallback != null && at.source().equals(ScenarioDefaults.SOURCE)) {
            at = fallback;
        }
        Problem p = new Problem(at.source(), at.line(), at.column(), path, message);
        if (!list.contains(p)) {
            list.add(p);
        }
    }

    void add(Node node, String message) {
        add(node.location(), node.path(), message);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** Throws a {@link ScenarioException} with every problem, sorted by source and position, if there are any. */
    void throwIfAny() {
        if (!list.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(Problem::source).thenComparingInt(Problem::line)
                    .thenComparingInt(Problem::column));
            throw new ScenarioException(sorted);
        }
    }
}
