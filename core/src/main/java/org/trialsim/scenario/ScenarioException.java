package org.trialsim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario that cannot be read or is invalid. Carries every problem found in the file, not just the first,
 * so that a planner can fix them all in one pass; the message is the formatted list, one problem per line.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param problems the problems, at least one
     */
    public ScenarioException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        String head = problems.size() == 1 ? "1 problem in the scenario:" : problems.size() + " problems in the scenario:";
        return problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
