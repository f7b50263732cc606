package org.trialsim.power;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessRegistry;
import org.trialsim.scenario.Scenario;

/**
 * The partial null scenarios of a design with several endpoints, from which the familywise error rate is
 * estimated in the strong sense: the probability of rejecting at least one true null hypothesis under every
 * configuration of true and false nulls, not only under the global null ({@link NullScenario}). A procedure
 * controls the familywise error strongly when that probability is at most alpha under each configuration
 * (Hochberg Y, Tamhane AC. Multiple Comparison Procedures. Wiley 1987, section 1.2; Dmitrienko A, Tamhane AC,
 * Bretz F. Multiple Testing Problems in Pharmaceutical Statistics. CRC 2010, section 2.2); the global null alone
 * checks it only in the weak sense, and a procedure can hold alpha there and exceed it elsewhere (unadjusted
 * testing of two endpoints: alpha under one true null, but not under the global; a gatekeeping rule whose later
 * endpoints are tested at full alpha once the first is rejected: alpha under the global null, more under some
 * partial nulls).
 *
 * <p>Each hypothesis is an endpoint (its treatment arm against the control arm). The configuration with the
 * null endpoints {@code S} is built as the global null is, and from it: every arm that holds an endpoint of
 * {@code S} takes the control arm's patient model in every stratum (its dropout, intercurrent events and every
 * other process too, so that the null endpoints are null in every respect the analysis sees); then each endpoint
 * outside {@code S} gets back, in its treatment arm and in the strata of its population, what it reads of the
 * scenario as given: its own process (for a process of named instances, its instance alone,
 * {@link ProcessDefinition#withOutcomeFrom}) and the processes its kind needs. An arm with no endpoint of {@code S}
 * keeps its whole model. Endpoints of {@code S} with a margin are then put at their margin, as in the global null.
 * A configuration in which an endpoint of {@code S} shares what it reads with an endpoint kept at its alternative
 * (two endpoints of one process, such as response and a relapse that needs response) cannot be built: it is
 * left out and {@link #of} says why.
 *
 * <p>The trials of every configuration run on the null scenario's seed stream ({@link NullScenario#seed}) over
 * the same replicate indices as the global null (common random numbers across the null configurations, as across
 * the sizes of the grid), within the study's null replicates. Every null endpoint's rejection, after multiplicity
 * control and in either direction, counts ({@link PartialNullCounts}).
 */
public final class PartialNulls {

    /** Most endpoints for which {@link Choice#ALL} enumerates every configuration (2^k - 2 of them). */
    public static final int MAX_ENDPOINTS_ALL = 6;

    /** Most endpoints for which {@link Choice#AUTO} enumerates every configuration. */
    public static final int AUTO_ALL_UP_TO = 4;

    /** Prefix of the measure of the familywise error under a partial null. */
    public static final String MEASURE = "fwer_partial:";

    /** Joins the null endpoints' names in a measure: endpoint names cannot hold it. */
    public static final String JOIN = "+";

    private PartialNulls() {
    }

    /** Which partial null configurations a study simulates. */
    public enum Choice {
        /** None (the default): only the global null, as before. */
        NONE,
        /** The k configurations with one endpoint null and the others at their alternative. */
        ONE,
        /**
         * Every proper non-empty subset of the k endpoints null (2^k - 2), for k up to
         * {@value PartialNulls#MAX_ENDPOINTS_ALL}.
         */
        ALL,
        /** {@link #ALL} for at most {@value PartialNulls#AUTO_ALL_UP_TO} endpoints, else {@link #ONE}. */
        AUTO;

        /** The name on the command line and in the fingerprint. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The choice of a label, in any case. */
        public static Choice parse(String label) {
            for (Choice c : values()) {
                if (c.label().equalsIgnoreCase(label.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("'" + label + "' is not a choice of partial nulls; allowed: none, one,"
                    + " all, auto");
        }
    }

    /**
     * One partial null configuration.
     *
     * @param label the null endpoints' names joined by {@value PartialNulls#JOIN}, in the scenario's endpoint order: the
     *     measure is {@value PartialNulls#MEASURE} followed by it
     * @param trueNull per endpoint, in the scenario's order, whether its null hypothesis holds
     * @param scenario the scenario of the configuration
     */
    public record Configuration(String label, List<Boolean> trueNull, Scenario scenario) {
        public Configuration {
            Objects.requireNonNull(label, "label");
            trueNull = List.copyOf(trueNull);
            Objects.requireNonNull(scenario, "scenario");
        }

        /** The measure of this configuration's familywise error. */
        public String measure() {
            return MEASURE + label;
        }
    }

    /**
     * The configurations of {@code choice}, and, in {@code notBuilt}, a sentence for each configuration or reason
     * that leaves some out.
     *
     * @throws IllegalArgumentException if the design has no partial nulls of this kind (fewer than two endpoints,
     *     a single-arm design, an endpoint against another arm than the control, or {@link Choice#ALL} beyond
     *     {@value #MAX_ENDPOINTS_ALL} endpoints)
     */
    public static List<Configuration> of(Scenario scenario, Choice choice, List<String> notBuilt) {
        if (choice == Choice.NONE) {
            return List.of();
        }
        List<Endpoint> endpoints = scenario.endpoints();
        int k = endpoints.size();
        if (k < 2) {
            throw new IllegalArgumentException("partial nulls need at least two endpoints (hypotheses); this design"
                    + " has one, whose only null is the global one (type1:any)");
        }
        String control = scenario.controlArm() == null ? null : scenario.controlArm().name();
        for (Endpoint e : endpoints) {
            if (!e.comparative() || !e.control().equals(control)) {
                throw new IllegalArgumentException("partial nulls need every endpoint to compare a treatment arm with"
                        + " the control arm " + control + "; endpoint " + e.name() + " does not");
            }
        }
        boolean all = choice == Choice.ALL || choice == Choice.AUTO && k <= AUTO_ALL_UP_TO;
        if (all && k > MAX_ENDPOINTS_ALL) {
            throw new IllegalArgumentException("every partial null of " + k + " endpoints is " + ((1 << k) - 2)
                    + " configurations; allowed up to " + MAX_ENDPOINTS_ALL + " endpoints (" + ((1 << MAX_ENDPOINTS_ALL)
                    - 2) + "); ask for one (the " + k + " configurations with one endpoint null)");
        }
        List<Integer> masks = new ArrayList<>();
        if (all) {
            for (int mask = 1; mask < (1 << k) - 1; mask++) {
                masks.add(mask);
            }
            // fewer null endpoints first, then in endpoint order: the one-null configurations lead
            masks.sort(java.util.Comparator.comparingInt(Integer::bitCount).thenComparing(PartialNulls::members,
                    java.util.Arrays::compare));
        } else {
            for (int e = 0; e < k; e++) {
                masks.add(1 << e);
            }
        }
        List<Configuration> out = new ArrayList<>();
        for (int mask : masks) {
            String why = conflict(endpoints, mask);
            if (why != null) {
                notBuilt.add(MEASURE + label(endpoints, mask) + ": " + why);
                continue;
            }
            List<Boolean> trueNull = new ArrayList<>();
            for (int e = 0; e < k; e++) {
                trueNull.add((mask & (1 << e)) != 0);
            }
            out.add(new Configuration(label(endpoints, mask), trueNull, build(scenario, mask)));
        }
        return out;
    }

    /** The indices of the endpoints in {@code mask}, in order. */
    private static int[] members(int mask) {
        return java.util.stream.IntStream.range(0, Integer.SIZE - 1).filter(e -> (mask & (1 << e)) != 0).toArray();
    }

    private static String label(List<Endpoint> endpoints, int mask) {
        List<String> names = new ArrayList<>();
        for (int e = 0; e < endpoints.size(); e++) {
            if ((mask & (1 << e)) != 0) {
                names.add(endpoints.get(e).name());
            }
        }
        return String.join(JOIN, names);
    }

    /**
     * Why the configuration {@code mask} cannot be built, or {@code null}: a null endpoint that reads what an
     * endpoint at its alternative reads, or that a null endpoint's margin moves.
     */
    private static String conflict(List<Endpoint> endpoints, int mask) {
        for (int e = 0; e < endpoints.size(); e++) {
            if ((mask & (1 << e)) == 0) {
                continue;
            }
            Endpoint nullOne = endpoints.get(e);
            for (int f = 0; f < endpoints.size(); f++) {
                Endpoint other = endpoints.get(f);
                if (f == e) {
                    continue;
                }
                if ((mask & (1 << f)) == 0 && shares(nullOne, other)) {
                    return "endpoint " + nullOne.name() + " reads what endpoint " + other.name() + " reads in arm "
                            + other.treatment() + ", so one cannot be null while the other keeps its effect";
                }
                if ((mask & (1 << f)) != 0 && nullOne.analysis().hasMargin() && NullScenario.moves(nullOne, other)) {
                    return "putting endpoint " + nullOne.name() + " at its margin moves endpoint " + other.name()
                            + " off its null";
                }
            }
        }
        return null;
    }

    /**
     * Whether restoring {@code kept}'s parts (its own process or instance, and the processes its kind needs) in its
     * treatment arm changes what the null endpoint {@code nullOne} depends on there, in a common stratum: its own
     * process or instance, the processes its kind needs, and the processes those read
     * ({@link ProcessDefinition#reads()}, followed through). Directional: response kept at its alternative moves a
     * relapse timed from response off its null, but relapse kept at its alternative leaves response null.
     */
    private static boolean shares(Endpoint nullOne, Endpoint kept) {
        if (!nullOne.treatment().equals(kept.treatment()) || !nullOne.strata().isEmpty() && !kept.strata().isEmpty()
                && nullOne.strata().stream().noneMatch(kept.strata()::contains)) {
            return false;
        }
        ProcessRegistry registry = ProcessRegistry.get();
        String ownNull = registry.offering(nullOne.kind()).key();
        String ownKept = registry.offering(kept.kind()).key();
        if (ownNull.equals(ownKept) && (nullOne.outcome() == null || kept.outcome() == null
                || nullOne.outcome().equals(kept.outcome()))) {
            return true;
        }
        java.util.Set<String> dependsOn = new java.util.LinkedHashSet<>(nullOne.kind().needs());
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(dependsOn);
        todo.add(ownNull);
        while (!todo.isEmpty()) {
            for (String read : registry.process(todo.pop()).reads()) {
                if (dependsOn.add(read)) {
                    todo.add(read);
                }
            }
        }
        dependsOn.remove(ownNull);
        // a kind's needs may name its own process (read by instance above), every other one is restored whole
        java.util.Set<String> restored = new java.util.LinkedHashSet<>(kept.kind().needs());
        restored.remove(ownKept);
        restored.add(ownKept);
        return restored.stream().anyMatch(dependsOn::contains) || !ownNull.equals(ownKept) && restored.contains(ownNull);
    }

    /** The scenario of configuration {@code mask} (see the class comment). */
    private static Scenario build(Scenario scenario, int mask) {
        List<Endpoint> endpoints = scenario.endpoints();
        Arm control = scenario.controlArm();
        List<Arm> arms = new ArrayList<>();
        for (Arm a : scenario.arms()) {
            boolean holdsNull = false;
            for (int e = 0; e < endpoints.size(); e++) {
                holdsNull |= (mask & (1 << e)) != 0 && endpoints.get(e).treatment().equals(a.name());
            }
            arms.add(holdsNull ? new Arm(a.name(), a.allocation(), a.control(), control.modelByStratum()) : a);
        }
        ProcessRegistry registry = ProcessRegistry.get();
        for (int f = 0; f < endpoints.size(); f++) {
            Endpoint kept = endpoints.get(f);
            if ((mask & (1 << f)) != 0) {
                continue;
            }
            int index = scenario.armIndex(kept.treatment());
            Arm now = arms.get(index);
            Arm given = scenario.arms().get(index);
            if (now == given) {
                continue;
            }
            ProcessDefinition own = registry.offering(kept.kind());
            Map<String, PatientModel> models = new LinkedHashMap<>();
            for (Map.Entry<String, PatientModel> m : now.modelByStratum().entrySet()) {
                PatientModel model = m.getValue();
                if (kept.strata().isEmpty() || kept.strata().contains(m.getKey())) {
                    PatientModel alternative = given.model(m.getKey());
                    model = own.withOutcomeFrom(kept, model, alternative);
                    for (String needed : kept.kind().needs()) {
                        if (needed.equals(own.key())) {
                            continue;
                        }
                        // a needed process is taken whole (the endpoint reads none of its named instances)
                        Map<String, org.trialsim.scenario.ProcessModel> whole = new LinkedHashMap<>(model.processes());
                        whole.put(needed, alternative.process(needed));
                        model = new PatientModel(whole);
                    }
                }
                models.put(m.getKey(), model);
            }
            arms.set(index, new Arm(now.name(), now.allocation(), now.control(), models));
        }
        for (int e = 0; e < endpoints.size(); e++) {
            if ((mask & (1 << e)) != 0 && endpoints.get(e).analysis().hasMargin()) {
                NullScenario.atMargin(scenario, endpoints.get(e), arms);
            }
        }
        return scenario.toBuilder().arms(arms).build();
    }
}
