package org.trialsim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates scenario files (YAML, or JSON with the same keys) into an immutable {@link Scenario}.
 *
 * <p>The file is read into a tree that keeps every key's line and column, the built-in defaults
 * ({@code defaults.yaml}) are merged under it, optional numeric overrides are set at key paths (for sweeps),
 * and the result is read and cross-checked. Every problem found is reported at once in a
 * {@link ScenarioException}; no other exception escapes for any input, however malformed.
 *
 * <p>Overrides ({@code arms.ketamine.response.probability=0.45}) set a number at a dotted key path of the
 * merged scenario, creating mappings on the way, and are validated like values in the file. Setting the
 * prevalence of one stratum rescales the prevalences of the strata not themselves overridden in proportion,
 * so that prevalences still sum to 1: in a two-stratum scenario the other stratum gets 1 - p.
 */
public final class ScenarioParser {

    private ScenarioParser() {
    }

    /** Reads a scenario file. */
    public static Scenario parse(Path file) {
        return parse(file, Map.of());
    }

    /**
     * Reads a scenario file with numeric values set at key paths.
     *
     * @param file the file
     * @param overrides key path to value, applied in iteration order
     */
    public static Scenario parse(Path file, Map<String, Double> overrides) {
        return parse(read(file), file.toString(), overrides);
    }

    /**
     * The bytes of a scenario file, refused before it is read whole if it is not a regular file (a folder, a
     * device such as {@code /dev/zero}, a FIFO) or is larger than {@link Limits#MAX_SCENARIO_BYTES}
     * ({@link BoundedInput}): refusing any input costs at most that much memory.
     *
     * @param file the file
     * @return its content
     * @throws ScenarioException naming the file and what is allowed if it cannot be read
     */
    public static byte[] read(Path file) {
        String source = file.toString();
        try {
            return BoundedInput.read(file, Limits.MAX_SCENARIO_BYTES, "a scenario file (.yaml, .yml or .json)");
        } catch (BoundedInput.Refused e) {
            throw fail(source, e.getMessage());
        } catch (NoSuchFileException e) {
            throw fail(source, "does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw fail(source, "cannot be read: permission denied");
        } catch (IOException | SecurityException e) {
            throw fail(source, "cannot be read (" + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + ")");
        }
    }

    /** Reads a scenario from text; {@code source} names it in messages ({@code .json} selects JSON). */
    public static Scenario parse(String text, String source) {
        return parse(text.getBytes(StandardCharsets.UTF_8), source, Map.of());
    }

    /**
     * Reads a scenario from bytes with numeric overrides.
     *
     * @param bytes the file content
     * @param source the file name, for messages and the default scenario name
     * @param overrides key path to value, applied in iteration order (may be empty)
     */
    public static Scenario parse(byte[] bytes, String source, Map<String, Double> overrides) {
        Problems problems = new Problems();
        Node.MapNode merged = mergedTree(bytes, source, overrides, problems);
        Scenario s = ScenarioReader.read(merged, ScenarioDefaults.get().templates, defaultName(source), problems);
        problems.throwIfAny();
        return s;
    }

    /**
     * The user's tree with defaults merged under it and overrides applied; throws if the file cannot be read
     * as a mapping.
     */
    static Node.MapNode mergedTree(byte[] bytes, String source, Map<String, Double> overrides, Problems problems) {
        Node root = DocumentReader.read(bytes, source, problems);
        problems.throwIfAny();
        if (!(root instanceof Node.MapNode user)) {
            problems.add(root, "found " + root.describe() + " at the top of the file; a scenario is a mapping of keys "
                    + "such as name, design, strata, arms, endpoints");
            problems.throwIfAny();
            throw new AssertionError();
        }
        problems.setFallback(user.location());
        Node.MapNode merged = (Node.MapNode) TreeEdit.merge(ScenarioDefaults.get().scenario, user);
        merged = applyOverrides(merged, overrides, problems);
        return merged;
    }

    private static ScenarioException fail(String source, String what) {
        return new ScenarioException(List.of(new Problem(source, 0, 0, "", "the file " + what)));
    }

    static String defaultName(String source) {
        String name = Path.of(source.isEmpty() ? "scenario" : source).getFileName().toString();
        for (String ext : List.of(".yaml", ".yml", ".json")) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                name = name.substring(0, name.length() - ext.length());
            }
        }
        return name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}") ? name : "scenario";
    }

    private static Node.MapNode applyOverrides(Node.MapNode root, Map<String, Double> overrides, Problems problems) {
        Node.MapNode out = root;
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            String path = e.getKey();
            double value = e.getValue();
            Node.Location at = new Node.Location("override " + path + "=" + Reading.fmt(value), 0, 0);
            if (!path.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
                problems.add(at, path, "found the key path '" + path + "'; allowed dotted keys such as "
                        + "arms.ketamine.response.probability");
                continue;
            }
            String[] keys = path.split("\\.");
            String unnamed = unknownEntry(out, keys);
            if (unnamed != null) {
                problems.add(at, path, unnamed);
                continue;
            }
            Node.MapNode next = TreeEdit.set(out, keys, 0, number(at, path, value));
            if (next == null) {
                problems.add(at, path, "cannot set a value here: part of the path is a list or a value, not a mapping");
                continue;
            }
            if (keys.length == 3 && keys[0].equals("strata") && keys[2].equals("prevalence")) {
                next = rescalePrevalences(next, keys[1], value, overrides, at, problems);
            }
            out = next;
        }
        return out;
    }

    /** The mappings whose keys are names the user gives (an override must name one of them). */
    private static final List<String> NAMED = List.of("arms", "strata", "endpoints");

    /**
     * Why an override path cannot be set, if it names an arm, stratum or endpoint the scenario does not have:
     * setting it would create one (a typo in a sweep key would otherwise become a new arm, and be reported as
     * some consequence of that arm, far from the typo). Null if the path is fine on that count.
     */
    private static String unknownEntry(Node.MapNode root, String[] keys) {
        if (keys.length < 2 || !NAMED.contains(keys[0]) || !(root.get(keys[0]) instanceof Node.MapNode named)
                || named.get(keys[1]) != null) {
            return null;
        }
        List<String> names = new ArrayList<>(named.members().keySet());
        String what = keys[0].equals("strata") ? "stratum" : keys[0].substring(0, keys[0].length() - 1);
        String best = Reading.closest(keys[1], names);
        return "found the " + what + " '" + keys[1] + "', which the scenario does not have"
                + (best == null ? "." : "; did you mean '" + best + "'?") + " Allowed " + keys[0] + ": "
                + String.join(", ", names);
    }

    private static Node number(Node.Location at, String path, double value) {
        return new Node.Scalar(at, path, Double.isNaN(value) || Double.isInfinite(value) ? Node.Kind.STRING
                : Node.Kind.FLOAT, Double.toString(value));
    }

    /**
     * Keeps prevalences summing to 1 after one is overridden: the strata not overridden themselves share
     * 1 - (sum of overridden prevalences) in proportion to their prevalences in the file.
     */
    private static Node.MapNode rescalePrevalences(Node.MapNode root, String stratum, double value,
            Map<String, Double> overrides, Node.Location at, Problems problems) {
        if (!(root.get("strata") instanceof Node.MapNode strata)) {
            return root;
        }
        double fixed = 0;
        List<String> free = new ArrayList<>();
        Map<String, Double> current = new LinkedHashMap<>();
        for (Node.Member m : strata.members().values()) {
            String p = "strata." + m.key() + ".prevalence";
            if (overrides.containsKey(p)) {
                fixed += overrides.get(p);
            } else if (m.value() instanceof Node.MapNode sm && sm.get("prevalence") instanceof Node.Scalar s && s.isNumber()) {
                free.add(m.key());
                current.put(m.key(), s.number());
            } else {
                return root; // the file's own problem will be reported when it is read
            }
        }
        double freeSum = current.values().stream().mapToDouble(Double::doubleValue).sum();
        if (free.isEmpty() || Double.isNaN(value) || value < 0 || value > 1) {
            return root;
        }
        double remaining = 1 - fixed;
        if (remaining < -1e-12) {
            problems.add(at, "strata", "overridden prevalences sum to " + Reading.fmt(fixed) + "; allowed at most 1");
            return root;
        }
        if (freeSum <= 0 && remaining > 1e-12) {
            problems.add(at, "strata." + stratum + ".prevalence", "cannot rescale the other strata: their prevalences "
                    + "sum to 0; override them too");
            return root;
        }
        Node.MapNode out = root;
        for (String s : free) {
            double v = freeSum <= 0 ? 0 : current.get(s) * Math.max(remaining, 0) / freeSum;
            Node.Location loc = new Node.Location(at.source() + " (rescaled)", 0, 0);
            out = TreeEdit.set(out, new String[] {"strata", s, "prevalence"}, 0, number(loc, "", v));
        }
        return out;
    }

    /** Parses {@code key=value} override arguments (as given on a command line) into an ordered map. */
    public static Map<String, Double> overrides(List<String> assignments) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            String source = "override " + a;
            if (eq <= 0) {
                problems.add(new Problem(source, 0, 0, "", "found '" + a + "'; allowed key.path=number, such as "
                        + "arms.ketamine.response.probability=0.45"));
                continue;
            }
            String key = a.substring(0, eq).strip();
            String value = a.substring(eq + 1).strip();
            try {
                out.put(key, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                problems.add(new Problem(source, 0, 0, key, "found '" + value + "'; allowed a number"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return out;
    }
}
