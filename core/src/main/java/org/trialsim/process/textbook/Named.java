package org.trialsim.process.textbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;

/**
 * What the textbook processes share: each is a mapping of instances the planner names
 * ({@code arms.<arm>.events: {pfs: {...}, os: {...}}}), each instance with its own random stream
 * ({@code StreamId.of("events.pfs")}) and its own columns ({@code event_pfs}), so that adding, removing or
 * renaming one instance moves no other's numbers and listings and messages carry the planner's names.
 * Public for the processes of named instances in other packages ({@code process.scores}).
 */
public final class Named {

    /** Instance names: lower case, as column names are, and short enough to read in a listing. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private Named() {
    }

    /**
     * Reads the block of a process as named instances, each read by {@code one} from its own mapping; every
     * problem reported. Each name's stream id is taken here, so that a name whose stream would coincide with
     * another's (about one pair in two million) is reported with its line rather than failing later.
     *
     * @param process the process key (the block's key under the arm)
     * @param noun one instance, as a noun phrase ("an event")
     * @return the instances in file order, or {@code null} when a problem was reported
     */
    public static <T> Map<String, T> read(Settings block, String process, String noun,
            BiFunction<String, Settings, T> one) {
        Settings all = block.allowing("a mapping of names to settings, one per " + noun.replaceFirst("^an? ", ""));
        if (all == null) {
            return null;
        }
        List<String> names = all.keys();
        if (names.isEmpty()) {
            all.problem("", "found no names; allowed at least one, such as " + process + ": {name: {...}}");
            return null;
        }
        Map<String, T> out = new LinkedHashMap<>();
        boolean ok = true;
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                all.problem(name, "found the name '" + name + "'; allowed a lower-case letter followed by lower-case"
                        + " letters, digits or '_' (at most 32), as it names columns of the patient listing");
                ok = false;
                continue;
            }
            try {
                stream(process, name);
            } catch (IllegalArgumentException e) {
                all.problem(name, "the name '" + name + "' draws from the same random stream as another name used in"
                        + " this run (" + e.getMessage() + "); allowed any other name");
                ok = false;
                continue;
            }
            T t = one.apply(name, all);
            ok &= t != null;
            out.put(name, t);
        }
        return ok ? Collections.unmodifiableMap(out) : null;
    }

    /**
     * The instances {@code into} with instance {@code name} taken from {@code from} (removed if {@code from} has
     * none), in {@code into}'s order: what a partial null scenario restores of one endpoint
     * ({@code ProcessDefinition.withOutcomeFrom}).
     */
    public static <T> Map<String, T> withInstance(Map<String, T> into, Map<String, T> from, String name) {
        Map<String, T> out = new LinkedHashMap<>(into);
        T t = from.get(name);
        if (t == null) {
            out.remove(name);
        } else {
            out.put(name, t);
        }
        return out;
    }

    /** The stream of instance {@code name} of {@code process}. */
    public static StreamId stream(String process, String name) {
        return StreamId.of(process + "." + name);
    }

    /**
     * The names of a process's instances across the cells of a scenario, in order of first appearance (cells
     * in arm-then-stratum order, names in file order).
     */
    public static List<String> names(ProcessCells cells, Function<ProcessModel, Map<String, ?>> instances) {
        Set<String> out = new LinkedHashSet<>();
        for (int k = 0; k < cells.size(); k++) {
            ProcessModel m = cells.model(k);
            if (m != null) {
                out.addAll(instances.apply(m).keySet());
            }
        }
        return new ArrayList<>(out);
    }

    /** Per cell, instance {@code name} of the cell's model, or {@code null} where the cell has none. */
    public static <T> List<T> perCell(ProcessCells cells, String name, Function<ProcessModel, Map<String, T>> instances) {
        List<T> out = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            ProcessModel m = cells.model(k);
            out.add(m == null ? null : instances.apply(m).get(name));
        }
        return out;
    }

    /** Whether the stratum is in the endpoint's population. */
    public static boolean inPopulation(Endpoint e, Stratum st) {
        return e.strata().isEmpty() || e.strata().contains(st.name());
    }

    /** Whether some arm x stratum of the scenario has process {@code key}. */
    public static boolean any(Scenario s, String key) {
        for (Arm a : s.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                if (m.has(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The names of a process's instances across the arms and strata of a scenario, in first-appearance order. */
    public static List<String> names(Scenario s, String key, Function<ProcessModel, Map<String, ?>> instances) {
        Set<String> out = new LinkedHashSet<>();
        for (Arm a : s.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                ProcessModel p = m.process(key);
                if (p != null) {
                    out.addAll(instances.apply(p).keySet());
                }
            }
        }
        return new ArrayList<>(out);
    }
}
