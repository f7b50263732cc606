package org.trialsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in scenarios shipped in the jar (resources {@code org/trialsim/scenarios/NAME.yaml}), each
 * citing the published sources of its assumptions in comments.
 */
public final class ScenarioLibrary {

    /** The scenario {@code trialsim run} uses when given none. */
    public static final String DEFAULT = "ketamine-vs-midazolam";

    private static final List<String> NAMES = List.of("ketamine-vs-midazolam", "benzo-discontinuation-single-arm",
            "ketamine-taper-vs-taper", "maintenance-withdrawal", "benzo-phase2-predictive",
            "ketamine-madrs-mmrm", "elekt-d", "ketamine-schedules");

    /**
     * A built-in scenario.
     *
     * @param name its name, as given to {@link #load(String)}
     * @param title its one-line title
     */
    public record Entry(String name, String title) {
    }

    private ScenarioLibrary() {
    }

    /** The built-in scenarios with their titles, the default first. */
    public static List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (String n : NAMES) {
            out.add(new Entry(n, load(n).title()));
        }
        return out;
    }

    /** The names of the built-in scenarios. */
    public static List<String> names() {
        return NAMES;
    }

    /** Whether a built-in scenario has this name. */
    public static boolean contains(String name) {
        return NAMES.contains(name);
    }

    /** Loads a built-in scenario; a {@link ScenarioException} names the available ones if there is none such. */
    public static Scenario load(String name) {
        return load(name, Map.of());
    }

    /** Loads a built-in scenario with numeric overrides at key paths (see {@link ScenarioParser}). */
    public static Scenario load(String name, Map<String, Double> overrides) {
        return ScenarioParser.parse(bytes(name), name + ".yaml (built-in)", overrides);
    }

    /** The text of a built-in scenario, comments included (for {@code trialsim scenarios show}). */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        if (!NAMES.contains(name)) {
            String hint = Reading.closest(name, NAMES);
            throw new ScenarioException(List.of(new Problem(name, 0, 0, "", "there is no built-in scenario '" + name
                    + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?") + " Built-in: "
                    + String.join(", ", NAMES))));
        }
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream("/org/trialsim/scenarios/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
