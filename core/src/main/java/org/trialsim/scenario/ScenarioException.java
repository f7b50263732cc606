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
        return lines(problems).stream().map(line -> "  " + line).collect(Collectors.joining("\n", head + "\n", ""));
    }

    /**
     * The problems as lines to print: the first {@link Limits#MAX_PROBLEMS_SHOWN}, each formatted, then one line
     * counting the rest (a file of thousands of problems would otherwise print megabytes; the first ones are
     * what to fix first, often the cause of the rest).
     *
     * @param problems the problems, in file order
     * @return the lines
     */
    public static List<String> lines(List<Problem> problems) {
        int shown = Math.min(problems.size(), Limits.MAX_PROBLEMS_SHOWN);
        List<String> lines = new java.util.ArrayList<>(shown + 1);
        for (int i = 0; i < shown; i++) {
            lines.add(problems.get(i).format());
        }
        if (problems.size() > shown) {
            int more = problems.size() - shown;
            lines.add("... and " + more + " more problem" + (more == 1 ? "" : "s") + " not shown (fix the first ones"
                    + " and check again)");
        }
        return lines;
    }
}
