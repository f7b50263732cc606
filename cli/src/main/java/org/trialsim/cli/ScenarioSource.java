package org.trialsim.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioParser;

/**
 * The scenario a {@code FILE|NAME} argument names: an existing path is a scenario file; otherwise a name in
 * the built-in library; neither is bad usage, answered with the built-in names. The text is read once, so a
 * sweep re-parses the same bytes with its values substituted and every validation rule applies to every cell.
 *
 * @param label the file as given, or the built-in name
 * @param builtin whether it is a built-in scenario
 * @param bytes the scenario text
 * @param set numbers set at key paths by {@code --set}, applied to every scenario read from it
 */
record ScenarioSource(String label, boolean builtin, byte[] bytes, Map<String, Double> set) {

    /** The built-in scenario used when no argument is given. */
    static final String DEFAULT = ScenarioLibrary.DEFAULT;

    /**
     * Resolves the argument.
     *
     * @param argument a path or a built-in name; {@code null} for the default
     * @return the source
     * @throws UsageException if it is neither an existing file nor a built-in name
     * @throws org.trialsim.scenario.ScenarioException if the file cannot be read (not a regular file, too large)
     */
    static ScenarioSource resolve(String argument) {
        String a = argument == null ? DEFAULT : argument;
        Path path = null;
        try {
            path = Path.of(a);
        } catch (InvalidPathException e) {
            // not a usable path: may still be a name
        }
        if (path != null && Files.exists(path)) {
            // refused before it is read whole: a folder, a device, a FIFO, or more than the size limit
            return new ScenarioSource(a, false, ScenarioParser.read(path), Map.of());
        }
        if (ScenarioLibrary.contains(a)) {
            return new ScenarioSource(a, true, ScenarioLibrary.text(a).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of());
        }
        throw new UsageException("'" + a + "' is neither a scenario file nor a built-in scenario; built-in scenarios: "
                + String.join(", ", ScenarioLibrary.names()) + " (see 'trialsim scenarios')");
    }

    /**
     * The same source with numbers set at key paths ({@code --set KEY=VALUE}, repeatable); a bad assignment is an
     * invalid scenario (exit 2, naming it).
     */
    ScenarioSource set(java.util.List<String> assignments) {
        return assignments == null || assignments.isEmpty() ? this
                : new ScenarioSource(label, builtin, bytes, ScenarioParser.overrides(assignments));
    }

    /** The scenario, parsed and validated, with the values {@code --set} gave. */
    Scenario scenario() {
        return ScenarioParser.parse(bytes, label, set);
    }

    /**
     * The scenario's document: its text, its resolved form and its values with their cited sources.
     *
     * @param studied the scenario as studied (its name, and the sample sizes {@code --n} gave)
     */
    org.trialsim.scenario.ScenarioDocument document(Scenario studied) {
        return org.trialsim.scenario.ScenarioDocument.of(bytes, label, set, studied.name(),
                studied.design().sampleSizes());
    }

    /** The scenario with numeric values substituted at key paths (a sweep cell), parsed and validated. */
    Scenario with(Map<String, Double> values) {
        Map<String, Double> all = new java.util.LinkedHashMap<>(set);
        all.putAll(values);
        return ScenarioParser.parse(bytes, label, all);
    }
}
