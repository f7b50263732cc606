package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a located scenario tree (defaults already merged in) into the immutable {@link Scenario} records,
 * reporting every invalid value and every inconsistency between parts of the scenario. Nothing is thrown
 * until the whole tree has been read, so all problems of a file are reported together.
 */
final class ScenarioReader {

    static final String[] ROOT_KEYS = {"name", "title", "description", "design", "simulation", "strata", "arms",
        "enrollment", "dropout", "schedule", "endpoints", "multiplicity", "interim", MultiArmReader.CLOSED,
        MultiArmReader.ADAPTIVE};

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_SAMPLE_SIZE = Limits.MAX_SAMPLE_SIZE;
    private static final int MAX_GRID = Limits.MAX_GRID;

    private final Reading r;
    private final Problems problems;
    private final Node.MapNode templates;
    /** Whether the file gives {@code schedule.cutoff} (else the template's applies, with induction only). */
    private boolean cutoffGiven;
    /** The keys of the registered patient processes: the blocks an arm may have. */
    private final List<String> processes = ProcessRegistry.get().keys();

    private ScenarioReader(Problems problems, Node.MapNode templates) {
        this.r = new Reading(problems);
        this.problems = problems;
        this.templates = templates;
    }

    /**
     * Reads a scenario.
     *
     * @param root the merged tree
     * @param templates the {@code templates} section of the defaults
     * @param defaultName the name to use if the file gives none
     * @param problems collector
     * @return the scenario, or null if there were problems (which are then in {@code problems})
     */
    static Scenario read(Node root, Node.MapNode templates, String defaultName, Problems problems) {
        return new ScenarioReader(problems, templates).read(root, defaultName);
    }

    private Node template(String name) {
        return templates.get(name);
    }

    private Node withTemplate(String name, Node n) {
        return n instanceof Node.MapNode ? TreeEdit.merge(template(name), n) : n;
    }

    /**
     * The scenario-wide defaults of {@code defaults.yaml}, read as the same keys of a file are read: where
     * {@link Scenario#builder()} starts, so that a scenario built in code and one parsed from a file that
     * leaves these keys out agree.
     */
    record Defaults(double alpha, Design.Sidedness sidedness, Randomization.Method method, boolean stratified,
            Enrollment enrollment, Dropout dropout, Schedule schedule, Multiplicity multiplicity,
            Simulation simulation, double inductionWeeks) {

        static final Defaults INSTANCE = readDefaults();
    }

    /**
     * The induction length of a scenario whose file does not give {@code schedule.induction_weeks}: the
     * {@code induction_weeks} template of the defaults (4 weeks) if some process of some arm and stratum runs on
     * the induction clock ({@link ProcessDefinition#usesInduction}), else 0: a design without induction has none.
     */
    static double inductionWeeks(List<Arm> arms) {
        for (Arm a : arms) {
            for (PatientModel m : a.modelByStratum().values()) {
                for (Map.Entry<String, ProcessModel> e : m.processes().entrySet()) {
                    ProcessDefinition d = ProcessRegistry.get().process(e.getKey());
                    if (d != null && d.usesInduction(e.getValue())) {
                        return Defaults.INSTANCE.inductionWeeks();
                    }
                }
            }
        }
        return 0;
    }

    private static Defaults readDefaults() {
        ScenarioDefaults d = ScenarioDefaults.get();
        Problems problems = new Problems();
        ScenarioReader reader = new ScenarioReader(problems, d.templates);
        Node.MapNode design = (Node.MapNode) d.scenario.get("design");
        Node.MapNode randomization = (Node.MapNode) design.get("randomization");
        Defaults out = new Defaults(reader.alpha(design.get("alpha")), reader.sides(design.get("sides")),
                reader.r.enumValue(randomization.get("method"), Randomization.Method.class),
                Boolean.TRUE.equals(reader.r.bool(randomization.get("stratified"))),
                reader.enrollment(d.scenario.get("enrollment")), reader.dropout(d.scenario.get("dropout")),
                reader.schedule(d.scenario.get("schedule")), reader.multiplicity(d.scenario.get("multiplicity"),
                        List.of()), reader.simulation(d.scenario.get("simulation")),
                reader.r.nonNegative(d.templates.get("induction_weeks"), "weeks"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the built-in defaults.yaml is malformed (a build defect)");
        }
        return out;
    }

    private Scenario read(Node root, String defaultName) {
        Node.MapNode top = r.map(root, "a mapping of scenario keys (" + String.join(", ", ROOT_KEYS) + ")", ROOT_KEYS);
        if (top == null) {
            return null;
        }
        String name = defaultName;
        if (Reading.present(top, "name")) {
            Node n = top.get("name");
            String s = r.string(n, "a scenario name");
            if (s != null && !SCENARIO_NAME.matcher(s).matches()) {
                problems.add(n, "found '" + s + "'; allowed a name of letters, digits, '.', '_' and '-' (at most 128)");
            }
            name = s == null ? defaultName : s;
        }
        String title = Reading.present(top, "title") ? r.string(top.get("title"), "a one-line title") : name;
        String description = r.string(top.get("description"), "free text");
        description = description == null ? "" : description.strip();

        List<Stratum> strata = strata(top.get("strata"));
        Map<String, Node> armNodes = new LinkedHashMap<>();
        Set<String> invalidArms = new HashSet<>();
        // An arm's or a stratum's dropout takes the scenario-wide dropout as its defaults.
        Node.MapNode armTemplates = top.get(Dropout.KEY) instanceof Node.MapNode wide
                ? TreeEdit.set(templates, new String[] {Dropout.KEY}, 0, wide) : templates;
        List<Arm> arms = arms(r.required(top, "arms", "a mapping of arm name to arm settings"), strata, armNodes,
                invalidArms, armTemplates);
        Design design = design(top.get("design"), top, arms);
        checkApplicable(strata, armNodes);
        Schedule schedule = schedule(top.get("schedule"));
        if (schedule != null && Double.isNaN(schedule.inductionWeeks())) {
            schedule = new Schedule(inductionWeeks(arms), schedule.visitWeeks(), schedule.observation(),
                    schedule.cutoff());
        }
        Enrollment enrollment = enrollment(top.get("enrollment"));
        Dropout dropout = dropout(top.get("dropout"));
        if (dropout != null) {
            dropoutStates(dropout, (Node.MapNode) top.get("dropout"), arms, armNodes);
        }
        if (dropout != null && schedule != null && schedule.inductionWeeks() == 0 && dropout.inductionProbability() > 0
                && !Reading.present((Node.MapNode) top.get("schedule"), "induction_weeks")) {
            // No process uses induction and the file gives none, so the design has none: a probability of dropping
            // out during it would silently become a loss at randomization (before, it ran over a default four weeks
            // whether or not any process had them). A file that gives 0 weeks keeps the former meaning.
            problems.add(((Node.MapNode) top.get("dropout")).get("induction"), "found a probability of dropping out "
                    + "during induction, but the design has no induction (no process uses one); allowed 0: give "
                    + "losses from randomization as dropout.per_week, or give schedule.induction_weeks");
        }
        Node endpointsNode = r.required(top, "endpoints", "an ordered mapping of endpoint name to endpoint settings");
        boolean multiArmBlock = top.has(MultiArmReader.CLOSED) || top.has(MultiArmReader.ADAPTIVE);
        List<Endpoint> endpoints = new EndpointReader(r, templates, strata, arms, armNodes, invalidArms, design,
                schedule, multiArmBlock)
                .endpoints(endpointsNode);
        MultiArm multiArm = multiArmBlock ? new MultiArmReader(r, problems, templates, arms, endpoints, design)
                .read(top) : null;
        schedule = checkCutoff(top, schedule, endpoints, design);
        Multiplicity multiplicity = multiplicity(top.get("multiplicity"), endpoints);
        GroupSequential interim = top.has("interim") ? interim(top.get("interim"), endpoints) : null;
        boolean acrossEndpoints = multiplicity != null && multiplicity.procedure() != Multiplicity.Procedure.NONE
                && (endpoints.size() > 1 || multiplicity.procedure() == Multiplicity.Procedure.GRAPH);
        if (interim != null && interim.reestimation() != null) {
            Node.MapNode in = (Node.MapNode) top.get("interim");
            if (acrossEndpoints) {
                problems.add(in.get("sample_size_reestimation"), "found sample_size_reestimation with multiplicity "
                        + "procedure " + name(multiplicity.procedure()) + "; allowed only with multiplicity: "
                        + "{procedure: none}");
            }
            if (design != null && design.sidedness() == Design.Sidedness.TWO_SIDED) {
                problems.add(in.get("sample_size_reestimation"), "found sample_size_reestimation in a two-sided design; "
                        + "allowed with design.sides: 1 (the combination test and conditional power are one-sided)");
            }
        } else if (interim != null && acrossEndpoints) {
            graphicalInterim((Node.MapNode) top.get("interim"), interim, multiplicity);
        } else if (interim != null && !interim.endpointSpending().isEmpty()) {
            problems.add(((Node.MapNode) top.get("interim")).get("endpoint_spending"), "found endpoint_spending "
                    + "without a multiplicity procedure across endpoints; allowed only in a graphical group-sequential "
                    + "design (multiplicity bonferroni, holm, fixed_sequence, fallback or graph over two or more "
                    + "endpoints)");
        }
        List<String> staged = endpoints.stream().filter(e -> e.analysis().test() == Analysis.Test.SIMON
                || e.analysis().test() == Analysis.Test.PREDICTIVE_PROBABILITY).map(Endpoint::name).toList();
        boolean predictive = endpoints.stream()
                .anyMatch(e -> e.analysis().test() == Analysis.Test.PREDICTIVE_PROBABILITY);
        if (predictive && staged.size() > 1) {
            // one trial stops at one time: two designs that each decide when to stop cannot both govern it
            problems.add(endpointsNode, "found " + staged.size() + " endpoints with their own stopping rules (simon or "
                    + "predictive_probability): " + String.join(", ", staged) + "; allowed at most one");
        }
        if (interim != null && predictive && staged.size() == 1) {
            problems.add(top.get("interim"), "found interim looks together with the " + staged.get(0) + " endpoint's "
                    + "own stopping rule (predictive_probability); remove interim (its looks are its first_look and every)");
        }
        boolean bayesian = endpoints.stream().anyMatch(e -> e.analysis().test().bayesian());
        if (bayesian && multiplicity != null && multiplicity.procedure() != Multiplicity.Procedure.NONE
                && (endpoints.size() > 1 || multiplicity.procedure() == Multiplicity.Procedure.GRAPH)) {
            problems.add(top.has("multiplicity") ? top.get("multiplicity") : endpointsNode, "found multiplicity "
                    + "procedure " + name(multiplicity.procedure()) + " with a Bayesian rule among " + endpoints.size()
                    + " endpoints; a posterior probability is not a p-value: allowed multiplicity: {procedure: none}");
        }
        if (interim != null && interim.futility().rule() != GroupSequential.Futility.Rule.NONE
                && endpoints.stream().anyMatch(e -> e.name().equals(interim.endpoint()) && e.analysis().test().bayesian())) {
            Node.MapNode in = (Node.MapNode) top.get("interim");
            problems.add(in.has("futility") ? in.get("futility") : in, "found a futility rule in interim with "
                    + "the Bayesian endpoint '" + interim.endpoint() + "'; its bayesian.futility threshold is its "
                    + "futility rule: allowed futility: {rule: none}");
        }
        Simulation simulation = simulation(top.get("simulation"));
        if (!problems.isEmpty()) {
            return null;
        }
        Scenario scenario = new Scenario(name, title, description, design, strata, arms, enrollment, dropout,
                schedule, endpoints, multiplicity, interim, simulation, multiArm);
        if (multiArm != null) {
            MultiArmReader.checkFigures(scenario, top, problems); // needs the whole scenario: strata, dropout
            if (!problems.isEmpty()) {
                return null;
            }
        }
        return scenario;
    }

    // ---------------------------------------------------------------- design

    private Design design(Node node, Node.MapNode top, List<Arm> arms) {
        Node.MapNode m = r.map(node, "a mapping with sample_sizes, alpha, sides, randomization", "sample_sizes",
                "alpha", "sides", "randomization");
        if (m == null) {
            if (node == null) {
                problems.add(top.location(), "design", "missing required key 'design'; expected a mapping with "
                        + "sample_sizes (and optionally alpha, sides, randomization)");
            }
            return null;
        }
        Node sizesNode = r.required(m, "sample_sizes", "a list of total sample sizes or {from, to, by}");
        List<Integer> sizes = sampleSizes(sizesNode);
        double alpha = alpha(m.get("alpha"));
        Design.Sidedness sides = sides(m.get("sides"));
        Node.MapNode rm = r.map(m.get("randomization"), "a mapping with method, block_size, stratified", "method",
                "block_size", "stratified");
        Randomization randomization = null;
        if (rm != null) {
            Randomization.Method method = r.enumValue(rm.get("method"), Randomization.Method.class);
            Boolean stratified = r.bool(rm.get("stratified"));
            int allocationSum = arms.stream().mapToInt(Arm::allocation).sum();
            int block = allocationSum;
            Node blockNode = rm.get("block_size");
            if (blockNode != null && method == Randomization.Method.ALTERNATING) {
                problems.add(blockNode, "found block_size with method alternating, which has no blocks (it repeats "
                        + "the allocation ratios " + ratios(arms) + " in lowest terms, the control arm last); allowed "
                        + "block_size only with method blocks or simple, or remove it");
            } else if (blockNode != null) {
                Long b = r.integer(blockNode, 1, 10_000, "a positive integer block size (a multiple of the "
                        + "allocation-ratio sum " + allocationSum + ")");
                if (b != null) {
                    block = b.intValue();
                    if (allocationSum > 0 && block % allocationSum != 0) {
                        problems.add(blockNode, "found " + block + ", which is not a multiple of the allocation-ratio "
                                + "sum " + allocationSum + " (" + ratios(arms) + "); allowed " + allocationSum + ", "
                                + 2 * allocationSum + ", " + 3 * allocationSum + ", ...");
                    }
                }
            }
            if (method == Randomization.Method.BLOCKS && sizes != null && block > 0) {
                Node.ListNode listed = sizesNode instanceof Node.ListNode l ? l : null;
                for (int i = 0; i < sizes.size(); i++) {
                    if (sizes.get(i) % block != 0) {
                        Node at = listed != null ? listed.items().get(i) : sizesNode;
                        problems.add(at, "found sample size " + sizes.get(i) + ", which cannot be split across arms "
                                + ratios(arms) + " in whole randomization blocks of " + block + "; allowed multiples of "
                                + block);
                        if (listed == null) {
                            break;
                        }
                    }
                }
            }
            if (method != null && stratified != null) {
                randomization = new Randomization(method, block, stratified);
            }
        }
        if (sizes == null || Double.isNaN(alpha) || sides == null || randomization == null) {
            return null;
        }
        return new Design(sizes, alpha, sides, randomization);
    }

    private double alpha(Node n) {
        return r.number(n, 0, true, 0.5, false, "a significance level in (0, 0.5]");
    }

    private Design.Sidedness sides(Node n) {
        Long sides = r.integer(n, 1, 2, "1 or 2 (one- or two-sided tests)");
        return sides == null ? null : sides == 1 ? Design.Sidedness.ONE_SIDED : Design.Sidedness.TWO_SIDED;
    }

    private static String ratios(List<Arm> arms) {
        StringBuilder sb = new StringBuilder();
        for (Arm a : arms) {
            sb.append(sb.length() == 0 ? "" : ":").append(a.allocation());
        }
        return sb.toString();
    }

    private List<Integer> sampleSizes(Node n) {
        if (n == null) {
            return null;
        }
        String what = Limits.sampleSizeRange();
        if (n instanceof Node.MapNode) {
            Node.MapNode m = r.map(n, "{from, to, by}", "from", "to", "by");
            Long from = r.integer(r.required(m, "from", "the smallest total sample size"), 1, MAX_SAMPLE_SIZE, what);
            Long to = r.integer(r.required(m, "to", "the largest total sample size"), 1, MAX_SAMPLE_SIZE, what);
            Long by = m.has("by") ? r.integer(m.get("by"), 1, MAX_SAMPLE_SIZE, "a positive integer step") : Long.valueOf(1);
            if (from == null || to == null || by == null) {
                return null;
            }
            if (to < from) {
                problems.add(m.get("to"), "found " + to + " below from = " + from + "; allowed to >= from");
                return null;
            }
            long count = (to - from) / by + 1;
            if (count > MAX_GRID) {
                problems.add(n, "found a grid of " + count + " sample sizes; allowed at most " + MAX_GRID + " (increase by)");
                return null;
            }
            List<Integer> out = new ArrayList<>();
            for (long v = from; v <= to; v += by) {
                out.add((int) v);
            }
            return out;
        }
        Node.ListNode l = r.list(n, "a list of total sample sizes, such as [40, 80, 120], or {from: 40, to: 200, by: 20}");
        if (l == null) {
            return null;
        }
        if (l.items().isEmpty()) {
            problems.add(n, "found an empty list; allowed at least one total sample size");
            return null;
        }
        if (l.items().size() > MAX_GRID) {
            problems.add(n, "found " + l.items().size() + " sample sizes; allowed at most " + MAX_GRID);
            return null;
        }
        List<Integer> out = new ArrayList<>();
        List<Double> asDouble = new ArrayList<>();
        boolean ok = true;
        for (Node i : l.items()) {
            Long v = r.integer(i, 1, MAX_SAMPLE_SIZE, what);
            ok &= v != null;
            out.add(v == null ? -1 : v.intValue());
            asDouble.add(v == null ? Double.NaN : v);
        }
        ok &= r.increasing(l, asDouble, "sample sizes");
        return ok ? out : null;
    }

    // ---------------------------------------------------------------- strata

    private List<Stratum> strata(Node node) {
        List<Stratum> out = new ArrayList<>();
        if (node == null || node instanceof Node.MapNode m0 && m0.members().isEmpty()) {
            out.add(new Stratum("all", 1, false));
            return out;
        }
        Node.MapNode m = r.map(node, "a mapping of stratum name to {prevalence, benzodiazepine_user}");
        if (m == null) {
            return out;
        }
        double sum = 0;
        boolean allRead = true;
        for (Node.Member member : m.members().values()) {
            checkName(member, "stratum");
            Node.MapNode s = r.map(withTemplate("stratum", member.value()), "a mapping with prevalence, benzodiazepine_user",
                    "prevalence", "benzodiazepine_user");
            if (s == null) {
                allRead = false;
                continue;
            }
            double p = m.members().size() == 1 && !s.has("prevalence") ? 1
                    : r.probability(r.required(s, "prevalence", "the stratum's share of patients, in [0, 1]"));
            Boolean user = r.bool(s.get("benzodiazepine_user"));
            allRead &= !Double.isNaN(p) && user != null;
            sum += Double.isNaN(p) ? 0 : p;
            out.add(new Stratum(member.key(), Double.isNaN(p) ? 0 : p, user != null && user));
        }
        if (allRead && Math.abs(sum - 1) > 1e-9) {
            problems.add(m, "prevalences sum to " + Reading.fmt(sum) + "; allowed prevalences that sum to 1");
        }
        return out;
    }

    private void checkName(Node.Member member, String what) {
        if (!NAME.matcher(member.key()).matches()) {
            problems.add(member.keyLocation(), member.value().path(), "found the " + what + " name '" + member.key()
                    + "'; allowed a letter followed by letters, digits, '_' or '-' (at most 64)");
        }
    }

    // ---------------------------------------------------------------- arms

    private List<Arm> arms(Node node, List<Stratum> strata, Map<String, Node> armNodes, Set<String> invalidArms,
            Node.MapNode armTemplates) {
        List<Arm> out = new ArrayList<>();
        Node.MapNode m = r.map(node, "a mapping of arm name to arm settings");
        if (m == null) {
            return out;
        }
        if (m.members().isEmpty()) {
            problems.add(m, "found no arms; allowed one arm (single-arm design) or more");
            return out;
        }
        List<String> strataNames = strata.stream().map(Stratum::name).toList();
        int controls = 0;
        List<Boolean> controlFlags = new ArrayList<>();
        for (Node.Member member : m.members().values()) {
            checkName(member, "arm");
            List<String> armKeys = new ArrayList<>(List.of("allocation", "control"));
            armKeys.addAll(processes);
            armKeys.add("strata");
            Node.MapNode a = r.map(withTemplate("arm", member.value()), "a mapping of arm settings ("
                    + String.join(", ", armKeys) + ")", armKeys.toArray(String[]::new));
            if (a == null) {
                continue;
            }
            armNodes.put(member.key(), a);
            int before = problems.size();
            Long allocation = r.integer(a.get("allocation"), 1, 1000, "a positive integer allocation ratio (1 to 1000)");
            Boolean control = r.bool(a.get("control"));
            if (Boolean.TRUE.equals(control)) {
                controls++;
                if (controls > 1) {
                    problems.add(a.get("control"), "found a second control arm; allowed at most one arm with control: true");
                }
                if (m.members().size() == 1) {
                    problems.add(a.get("control"), "found control: true in a single-arm scenario; allowed false "
                            + "(a single-arm design has no control arm)");
                }
            }
            controlFlags.add(Boolean.TRUE.equals(control));
            Node.MapNode overrides = a.has("strata") ? r.map(a.get("strata"), "a mapping of stratum name to overrides "
                    + "of " + String.join(", ", processes), strataNames.toArray(String[]::new)) : null;
            Node.MapNode base = baseModel(a);
            Map<String, PatientModel> models = new LinkedHashMap<>();
            for (Stratum s : strata) {
                Node model = base;
                if (overrides != null && overrides.has(s.name())) {
                    Node.MapNode o = r.map(overrides.get(s.name()), "overrides of " + String.join(", ", processes)
                            + " (allocation and control cannot vary by stratum)", processes.toArray(String[]::new));
                    if (o != null) {
                        model = TreeEdit.merge(base, o);
                    }
                }
                models.put(s.name(), new PatientModelReader(r, armTemplates).read((Node.MapNode) model, member.key(), s));
            }
            if (problems.size() > before) {
                invalidArms.add(member.key()); // its endpoints' model checks would only repeat these problems
            }
            out.add(new Arm(member.key(), allocation == null ? 1 : allocation.intValue(), Boolean.TRUE.equals(control),
                    models));
        }
        if (controls == 0 && out.size() > 1) {
            // The documented convention (and Scenario.controlArm()): the last arm is the control.
            Arm last = out.remove(out.size() - 1);
            out.add(new Arm(last.name(), last.allocation(), true, last.modelByStratum()));
        }
        return out;
    }

    /**
     * A process block in no stratum where the process applies (a benzodiazepine course with no user stratum) would
     * be silently unused: most likely a forgotten flag.
     */
    private void checkApplicable(List<Stratum> strata, Map<String, Node> armNodes) {
        for (ProcessDefinition d : ProcessRegistry.get().all()) {
            if (strata.stream().anyMatch(d::appliesTo)) {
                continue;
            }
            for (Node arm : armNodes.values()) {
                Node.Member b = arm instanceof Node.MapNode a ? a.members().get(d.key()) : null;
                if (b != null) {
                    problems.add(b.keyLocation(), b.value().path(), "found a " + d.key() + " process, but "
                            + d.whereApplicable());
                }
            }
        }
    }

    private Node.MapNode baseModel(Node.MapNode arm) {
        Map<String, Node.Member> members = new LinkedHashMap<>();
        for (String k : processes) {
            if (arm.has(k)) {
                members.put(k, arm.members().get(k));
            }
        }
        return new Node.MapNode(arm.location(), arm.path(), members);
    }

    // ---------------------------------------------------------------- schedule, enrollment, dropout

    private Schedule schedule(Node node) {
        Node.MapNode m = r.map(node, "a mapping with induction_weeks, visits, observation, cutoff", "induction_weeks",
                "visits", "observation", "cutoff");
        if (m == null) {
            return null;
        }
        // Not in the defaults' schedule: left NaN here when the file does not give it, and then resolved from the
        // processes (inductionWeeks).
        boolean given = m.has("induction_weeks");
        double induction = given ? r.nonNegative(m.get("induction_weeks"), "weeks") : Double.NaN;
        List<Double> visits = r.numbers(m.get("visits"), "a list of visit weeks", n -> r.nonNegative(n, "weeks"));
        if (visits != null) {
            r.increasing(m.get("visits"), visits, "visits");
        }
        Schedule.Observation observation = r.enumValue(m.get("observation"), Schedule.Observation.class);
        if (observation == Schedule.Observation.NEXT_VISIT && visits != null && visits.isEmpty()) {
            problems.add(m.get("observation"), "found next_visit with no visits; allowed exact, or give schedule.visits");
        }
        // Not in the defaults' schedule either: a design with induction takes the template (the ketamine
        // trajectory's 52-week follow-up); checkCutoff refuses a time-to-event design without induction or cutoff.
        cutoffGiven = m.has("cutoff");
        Cutoff cutoff = cutoff(cutoffGiven ? m.get("cutoff") : templates.get("cutoff"));
        if (given && Double.isNaN(induction) || visits == null || observation == null || cutoff == null) {
            return null;
        }
        return new Schedule(induction, visits, observation, cutoff);
    }

    private Cutoff cutoff(Node node) {
        Node.MapNode m = r.map(node, "one of {follow_up_weeks: W}, {calendar_week: W}, {events: D, endpoint: NAME}",
                "follow_up_weeks", "calendar_week", "events", "endpoint");
        if (m == null) {
            return null;
        }
        List<String> given = new ArrayList<>(m.members().keySet());
        given.retainAll(List.of("follow_up_weeks", "calendar_week", "events"));
        if (given.size() != 1) {
            problems.add(m, "found " + (given.isEmpty() ? "none" : String.join(" and ", given)) + "; allowed exactly "
                    + "one of follow_up_weeks, calendar_week, events");
            return null;
        }
        if (!given.get(0).equals("events") && m.has("endpoint")) {
            problems.add(m.get("endpoint"), "found endpoint with a " + given.get(0) + " cutoff; allowed endpoint only "
                    + "with an event-driven cutoff (events)");
        }
        switch (given.get(0)) {
            case "follow_up_weeks": {
                double w = r.positive(m.get("follow_up_weeks"), "weeks of follow-up per patient");
                return Double.isNaN(w) ? null : new Cutoff.FollowUp(w);
            }
            case "calendar_week": {
                double w = r.positive(m.get("calendar_week"), "calendar weeks since the first patient entered");
                return Double.isNaN(w) ? null : new Cutoff.Calendar(w);
            }
            default: {
                Long d = r.integer(m.get("events"), 1, MAX_SAMPLE_SIZE, "a positive integer number of events");
                String ep = m.has("endpoint") ? r.string(m.get("endpoint"), "the name of a time-to-event endpoint") : "";
                return d == null || ep == null ? null : new Cutoff.Events(d.intValue(), ep);
            }
        }
    }

    /** Resolves the endpoint of an event-driven cutoff (default: the first time-to-event endpoint) and checks it. */
    private Schedule checkCutoff(Node.MapNode top, Schedule schedule, List<Endpoint> endpoints, Design design) {
        if (schedule != null && schedule.inductionWeeks() == 0 && !cutoffGiven) {
            endpoints.stream().filter(e -> e.kind().type() == Endpoint.Type.TIME_TO_EVENT).findFirst()
                    .ifPresent(e -> problems.add(TreeEdit.get(top, "endpoints." + e.name()),
                            "found time-to-event endpoint " + e.name() + " in a design without induction and without "
                            + "schedule.cutoff; allowed: give the analysis time as schedule.cutoff, one of "
                            + "{follow_up_weeks: W} (each patient followed W weeks), {calendar_week: W} (since the "
                            + "first entry) or {events: E} (event-driven); the 52-week follow-up default belongs to "
                            + "the ketamine trajectory (designs with induction)"));
        }
        if (schedule == null || !(schedule.cutoff() instanceof Cutoff.Events ev)) {
            return schedule;
        }
        Node cutoffNode = TreeEdit.get(top, "schedule.cutoff");
        Node at = cutoffNode instanceof Node.MapNode cm && cm.has("endpoint") ? cm.get("endpoint") : cutoffNode;
        List<String> tte = endpoints.stream().filter(e -> e.kind().type() == Endpoint.Type.TIME_TO_EVENT)
                .map(Endpoint::name).toList();
        String name = ev.endpoint();
        if (name.isEmpty()) {
            if (tte.isEmpty()) {
                problems.add(at, "found an event-driven cutoff but no time-to-event endpoint; allowed events only "
                        + "with an endpoint of a time-to-event kind (" + String.join(", ", ProcessRegistry.get().kinds()
                                .stream().filter(k -> k.type() == Endpoint.Type.TIME_TO_EVENT).map(Endpoint.Kind::name)
                                .toList()) + ")");
                return schedule;
            }
            name = tte.get(0);
        } else if (!tte.contains(name)) {
            problems.add(at, "found '" + name + "'; allowed the name of a time-to-event endpoint: "
                    + (tte.isEmpty() ? "(none defined)" : String.join(", ", tte)));
            return schedule;
        }
        if (design != null && ev.events() > Collections.max(design.sampleSizes())) {
            problems.add(cutoffNode instanceof Node.MapNode cm && cm.has("events") ? cm.get("events") : cutoffNode,
                    "found " + ev.events() + " events, more than the largest sample size "
                    + Collections.max(design.sampleSizes()) + "; allowed at most one event per patient");
        }
        return new Schedule(schedule.inductionWeeks(), schedule.visitWeeks(), schedule.observation(),
                new Cutoff.Events(ev.events(), name));
    }

    private Enrollment enrollment(Node node) {
        Node.MapNode m = r.map(node, "one of {uniform: {weeks}}, {even: {weeks}}, {piecewise: {starts, rates}}",
                "uniform", "even", "piecewise");
        if (m == null) {
            return null;
        }
        if (m.members().size() != 1) {
            problems.add(m, "found " + (m.members().isEmpty() ? "none" : String.join(" and ", m.members().keySet()))
                    + "; allowed exactly one of uniform, even, piecewise");
            return null;
        }
        Node.Member only = m.members().values().iterator().next();
        if (only.key().equals("piecewise")) {
            Node.MapNode p = r.map(only.value(), "{starts: [weeks], rates: [patients per week]}", "starts", "rates");
            if (p == null) {
                return null;
            }
            List<List<Double>> sr = piecewise(p, "patients per week");
            if (sr == null) {
                return null;
            }
            List<Double> rates = sr.get(1);
            if (rates.get(rates.size() - 1) <= 0) {
                problems.add(((Node.ListNode) p.get("rates")).items().get(rates.size() - 1), "found a last rate of 0; "
                        + "allowed a last rate > 0 (otherwise recruitment may never finish)");
                return null;
            }
            return new Enrollment.Piecewise(sr.get(0), rates);
        }
        Node.MapNode w = r.map(only.value(), "{weeks: W}", "weeks");
        if (w == null) {
            return null;
        }
        double weeks = r.nonNegative(r.required(w, "weeks", "the length of recruitment in weeks"), "weeks of recruitment");
        if (Double.isNaN(weeks)) {
            return null;
        }
        return only.key().equals("uniform") ? new Enrollment.Uniform(weeks) : new Enrollment.Even(weeks);
    }

    /** Reads {starts, rates} lists: starts from 0 strictly increasing, rates >= 0, equal lengths. */
    List<List<Double>> piecewise(Node.MapNode p, String unit) {
        return piecewise(r, p, unit);
    }

    static List<List<Double>> piecewise(Reading r, Node.MapNode p, String unit) {
        Node startsNode = r.required(p, "starts", "a list of period starts in weeks, the first 0");
        Node ratesNode = r.required(p, "rates", "a list of rates (" + unit + "), one per start");
        List<Double> starts = r.numbers(startsNode, "a list of starts in weeks", n -> r.nonNegative(n, "weeks"));
        List<Double> rates = r.numbers(ratesNode, "a list of rates", n -> r.nonNegative(n, unit));
        if (starts == null || rates == null) {
            return null;
        }
        boolean ok = r.increasing(startsNode, starts, "starts");
        if (starts.isEmpty()) {
            r.problems.add(startsNode, "found an empty list; allowed at least one start (the first is 0)");
            return null;
        }
        if (!starts.isEmpty() && !Double.isNaN(starts.get(0)) && starts.get(0) != 0) {
            r.problems.add(((Node.ListNode) startsNode).items().get(0), "found " + Reading.fmt(starts.get(0))
                    + "; the first start must be 0");
            ok = false;
        }
        if (starts.size() != rates.size()) {
            r.problems.add(ratesNode, "found " + rates.size() + " rates for " + starts.size() + " starts; allowed one "
                    + "rate per start");
            ok = false;
        }
        if (!ok || starts.contains(Double.NaN) || rates.contains(Double.NaN)) {
            return null;
        }
        return List.of(starts, rates);
    }

    /** The scenario-wide dropout, read by the dropout process (the same reader as an arm's). */
    private Dropout dropout(Node node) {
        ProcessDefinition d = ProcessRegistry.get().process(Dropout.KEY);
        Settings settings = Settings.of(r, templates, node, "a mapping of dropout settings (" + d.description() + ")");
        if (settings == null) {
            return null;
        }
        return (Dropout) d.read(settings, new ProcessDefinition.ArmContext() {
            @Override
            public String arm() {
                return null;
            }

            @Override
            public Stratum stratum() {
                return null;
            }

            @Override
            public boolean has(String key) {
                return false;
            }
        });
    }

    /**
     * A scenario-wide hazard after a state that no arm has (after non-response with no response process
     * anywhere, say) is a mistake, not a model: it could never apply.
     */
    private void dropoutStates(Dropout dropout, Node.MapNode node, List<Arm> arms, Map<String, Node> armNodes) {
        String[][] states = {{"after_non_response", ResponseModel.KEY}, {"after_relapse", Relapse.KEY},
            {"after_benzodiazepine_relapse", Benzodiazepine.KEY}};
        for (String[] state : states) {
            String key = state[0];
            String process = state[1];
            if (Reading.present(node, key) && arms.stream().flatMap(a -> a.modelByStratum().values().stream())
                    .noneMatch(m -> m.has(process))) {
                problems.add(node.get(key), "found a dropout hazard " + key.replace('_', ' ') + ", but no arm has "
                        + "a " + process + " process, so the state never occurs; allowed only in a scenario with one "
                        + "(or remove " + key + ")");
            }
            for (Arm a : arms) {
                Node own = armNodes.get(a.name()) instanceof Node.MapNode m && m.get(Dropout.KEY) instanceof Node.MapNode d
                        ? d.get(key) : null;
                if (own != null && a.modelByStratum().values().stream().noneMatch(m -> m.has(process))) {
                    problems.add(own, "found a dropout hazard " + key.replace('_', ' ') + " in arm " + a.name()
                            + ", which has no " + process + " process, so the state never occurs; allowed only in "
                            + "an arm with one (or remove " + key + ")");
                }
            }
        }
    }

    // ---------------------------------------------------------------- multiplicity, interim, simulation

    private Multiplicity multiplicity(Node node, List<Endpoint> endpoints) {
        Node.MapNode m = r.map(node, "a mapping with procedure, weights, transitions", "procedure", "weights",
                "transitions");
        if (m == null) {
            return null;
        }
        Multiplicity.Procedure procedure = r.enumValue(m.get("procedure"), Multiplicity.Procedure.class);
        if (procedure == null) {
            return null;
        }
        int k = endpoints.size();
        List<Double> weights = List.of();
        List<List<Double>> transitions = List.of();
        boolean weighted = Set.of(Multiplicity.Procedure.BONFERRONI, Multiplicity.Procedure.HOLM,
                Multiplicity.Procedure.FALLBACK, Multiplicity.Procedure.GRAPH).contains(procedure);
        if (m.has("weights")) {
            if (!weighted) {
                problems.add(m.get("weights"), "found weights with procedure " + name(procedure) + "; allowed weights "
                        + "only with bonferroni, holm, fallback, graph");
            } else {
                Node wn = m.get("weights");
                List<Double> w = r.numbers(wn, "a list of " + k + " weights, one per endpoint, summing to at most 1",
                        r::probability);
                if (w != null) {
                    if (w.size() != k) {
                        problems.add(wn, "found " + w.size() + " weights for " + k + " endpoints; allowed one weight per "
                                + "endpoint, in endpoint order");
                    } else if (!w.contains(Double.NaN)) {
                        double sum = w.stream().mapToDouble(Double::doubleValue).sum();
                        if (sum > 1 + 1e-9) {
                            problems.add(wn, "found weights summing to " + Reading.fmt(sum) + "; allowed a sum of at most 1");
                        }
                        weights = w;
                    }
                }
            }
        } else if (procedure == Multiplicity.Procedure.GRAPH) {
            problems.add(m.location(), Node.child(m.path(), "weights"), "missing required key 'weights'; the graph "
                    + "procedure needs one weight per endpoint");
        }
        if (m.has("transitions")) {
            if (procedure != Multiplicity.Procedure.GRAPH) {
                problems.add(m.get("transitions"), "found transitions with procedure " + name(procedure) + "; allowed "
                        + "transitions only with procedure graph");
            } else {
                transitions = transitions(m.get("transitions"), k);
            }
        } else if (procedure == Multiplicity.Procedure.GRAPH) {
            problems.add(m.location(), Node.child(m.path(), "transitions"), "missing required key 'transitions'; the "
                    + "graph procedure needs a " + k + " x " + k + " transition matrix");
        }
        return new Multiplicity(procedure, weights, transitions == null ? List.of() : transitions);
    }

    private List<List<Double>> transitions(Node node, int k) {
        String what = "a " + k + " x " + k + " matrix (list of " + k + " rows), entries in [0, 1], zero diagonal, "
                + "rows summing to at most 1";
        Node.ListNode rows = r.list(node, what);
        if (rows == null) {
            return null;
        }
        if (rows.items().size() != k) {
            problems.add(node, "found " + rows.items().size() + " rows for " + k + " endpoints; allowed " + what);
            return null;
        }
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Node rowNode = rows.items().get(i);
            List<Double> row = r.numbers(rowNode, what, r::probability);
            if (row == null) {
                return null;
            }
            if (row.size() != k) {
                problems.add(rowNode, "found a row of " + row.size() + " entries; allowed " + k + " (one per endpoint)");
                return null;
            }
            if (row.get(i) != 0) {
                problems.add(((Node.ListNode) rowNode).items().get(i), "found " + Reading.fmt(row.get(i))
                        + " on the diagonal; allowed 0 (an endpoint passes no weight to itself)");
            }
            double sum = row.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).sum();
            if (sum > 1 + 1e-9) {
                problems.add(rowNode, "found a row summing to " + Reading.fmt(sum) + "; allowed at most 1");
            }
            out.add(row);
        }
        return out;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private GroupSequential interim(Node node, List<Endpoint> endpoints) {
        Node.MapNode m = r.map(withTemplate("interim", node), "a mapping with endpoint, information_fractions, spending, "
                + "gamma, futility, endpoint_spending, sample_size_reestimation", "endpoint", "information_fractions",
                "spending", "gamma", "futility", "endpoint_spending", "sample_size_reestimation");
        if (m == null) {
            return null;
        }
        List<String> names = endpoints.stream().map(Endpoint::name).toList();
        String endpoint = names.isEmpty() ? null : names.get(0);
        if (m.has("endpoint")) {
            endpoint = r.string(m.get("endpoint"), "an endpoint name");
            if (endpoint != null && !names.isEmpty() && !names.contains(endpoint)) {
                String hint = Reading.closest(endpoint, names);
                problems.add(m.get("endpoint"), "found '" + endpoint + "', which is not an endpoint"
                        + (hint == null ? "" : "; did you mean '" + hint + "'?") + " Allowed: " + String.join(", ", names));
                endpoint = null;
            }
        }
        for (Endpoint e : endpoints) {
            if (e.name().equals(endpoint) && e.analysis().test() == Analysis.Test.SIMON) {
                problems.add(m, "found interim looks on the Simon endpoint '" + endpoint + "'; a Simon design has "
                        + "its own two stages: remove interim");
            }
        }
        Node fn = r.required(m, "information_fractions", "a list of cumulative information fractions, increasing to 1");
        List<Double> fractions = r.numbers(fn, "a list of cumulative information fractions in (0, 1], increasing, "
                + "the last 1", n -> r.number(n, 0, true, 1, false, "an information fraction in (0, 1]"));
        if (fractions != null) {
            if (fractions.size() < 2) {
                problems.add(fn, "found " + fractions.size() + " look(s); allowed at least 2 (an interim and the final "
                        + "analysis)");
            } else {
                r.increasing(fn, fractions, "information fractions");
                double last = fractions.get(fractions.size() - 1);
                if (!Double.isNaN(last) && Math.abs(last - 1) > 1e-9) {
                    problems.add(((Node.ListNode) fn).items().get(fractions.size() - 1), "found a last fraction of "
                            + Reading.fmt(last) + "; allowed 1 (the final analysis uses all information)");
                }
            }
        }
        GroupSequential.Spending spending = r.enumValue(m.get("spending"), GroupSequential.Spending.class);
        double gamma = r.number(m.get("gamma"), -Limits.MAX_GAMMA, false, Limits.MAX_GAMMA, false, Limits.gammaRange());
        GroupSequential.Futility futility = futility(m.get("futility"));
        if (endpoint == null || fractions == null || spending == null || Double.isNaN(gamma) || futility == null) {
            return null;
        }
        Map<String, GroupSequential.EndpointSpending> own = m.has("endpoint_spending")
                ? endpointSpending(m.get("endpoint_spending"), names, spending, gamma) : Map.of();
        GroupSequential.SampleSizeReestimation ssr = null;
        if (m.has("sample_size_reestimation")) {
            ssr = reestimation(m.get("sample_size_reestimation"), m, fractions, futility, endpoints, endpoint);
            if (ssr == null) {
                return null;
            }
        }
        return new GroupSequential(endpoint, fractions, spending, gamma, futility, own, ssr);
    }

    /**
     * Interim looks with multiplicity across endpoints: a graphical group-sequential design (Maurer and Bretz 2013),
     * which needs a graph (Hochberg is not one) and has no futility rule (a hypothesis that is not rejected keeps its
     * level for the later looks; stopping for futility would need a rule across the family).
     */
    private void graphicalInterim(Node.MapNode node, GroupSequential interim, Multiplicity multiplicity) {
        if (multiplicity.procedure() == Multiplicity.Procedure.HOCHBERG) {
            problems.add(node, "found interim looks together with multiplicity procedure hochberg; a group-sequential "
                    + "design across endpoints is graphical (Maurer and Bretz 2013): allowed bonferroni, holm, "
                    + "fixed_sequence, fallback, graph (or remove interim)");
        }
        if (interim.futility().rule() != GroupSequential.Futility.Rule.NONE) {
            problems.add(node.has("futility") ? node.get("futility") : node, "found futility rule "
                    + name(interim.futility().rule()) + " in a graphical group-sequential design across endpoints; "
                    + "allowed futility: {rule: none}");
        }
    }

    /** {@code interim.endpoint_spending}: endpoint name to {spending, gamma}, each defaulting to the interim's. */
    private Map<String, GroupSequential.EndpointSpending> endpointSpending(Node node, List<String> names,
            GroupSequential.Spending spending, double gamma) {
        Map<String, GroupSequential.EndpointSpending> out = new java.util.LinkedHashMap<>();
        Node.MapNode m = r.map(node, "a mapping of endpoint name to {spending, gamma}");
        if (m == null) {
            return out;
        }
        Map<String, GroupSequential.EndpointSpending> byName = new java.util.HashMap<>();
        for (Node.Member member : m.members().values()) {
            if (!names.contains(member.key())) {
                String hint = Reading.closest(member.key(), names);
                problems.add(member.keyLocation(), member.value().path(), "found '" + member.key() + "', which is not "
                        + "an endpoint" + (hint == null ? "" : "; did you mean '" + hint + "'?") + " Allowed: "
                        + String.join(", ", names));
                continue;
            }
            Node.MapNode e = r.map(member.value(), "a mapping with spending, gamma", "spending", "gamma");
            if (e == null) {
                continue;
            }
            GroupSequential.Spending own = e.has("spending")
                    ? r.enumValue(e.get("spending"), GroupSequential.Spending.class) : spending;
            double g = e.has("gamma") ? r.number(e.get("gamma"), -Limits.MAX_GAMMA, false, Limits.MAX_GAMMA, false,
                    Limits.gammaRange()) : gamma;
            if (own != null && !Double.isNaN(g)) {
                byName.put(member.key(), new GroupSequential.EndpointSpending(own, g));
            }
        }
        for (String name : names) {
            if (byName.containsKey(name)) {
                out.put(name, byName.get(name));
            }
        }
        return out;
    }

    /**
     * {@code interim.sample_size_reestimation}: a two-stage design (two information fractions) on a two-arm endpoint
     * with a p-value, one-sided, without a futility rule (Mehta and Pocock's unfavourable zone continues as planned).
     */
    private GroupSequential.SampleSizeReestimation reestimation(Node node, Node.MapNode interim, List<Double> fractions,
            GroupSequential.Futility futility, List<Endpoint> endpoints, String endpoint) {
        Node.MapNode m = r.map(node, "a mapping with maximum_factor, conditional_power, promising_zone, early_efficacy",
                "maximum_factor", "conditional_power", "promising_zone", "early_efficacy");
        if (m == null) {
            return null;
        }
        double factor = r.number(r.required(m, "maximum_factor", "the largest total sample size as a multiple of the "
                + "planned one, in (1, " + Reading.fmt(Limits.MAX_REESTIMATION_FACTOR) + "]"), 1, true,
                Limits.MAX_REESTIMATION_FACTOR, false, "a factor in (1, " + Reading.fmt(Limits.MAX_REESTIMATION_FACTOR)
                        + "]");
        double target = m.has("conditional_power") ? r.number(m.get("conditional_power"), 0, true, 1, true,
                "a conditional power in (0, 1)") : 0.8;
        Node zoneNode = r.required(m, "promising_zone", "[lower, upper): the conditional power at the planned size in "
                + "which the size is raised, 0 <= lower < upper <= 1");
        List<Double> zone = zoneNode == null ? null : r.numbers(zoneNode, "[lower, upper] with 0 <= lower < upper <= 1",
                r::probability);
        if (zone != null && (zone.size() != 2 || !(zone.get(0) < zone.get(1)))) {
            problems.add(zoneNode, "found " + zone + "; allowed two conditional powers [lower, upper] with 0 <= lower "
                    + "< upper <= 1");
            zone = null;
        }
        Boolean early = m.has("early_efficacy") ? r.bool(m.get("early_efficacy")) : Boolean.TRUE;
        if (fractions != null && fractions.size() != 2) {
            problems.add(interim.get("information_fractions"), "found " + fractions.size() + " looks with "
                    + "sample_size_reestimation; allowed 2 (the interim that re-estimates, and the final analysis)");
        }
        if (futility.rule() != GroupSequential.Futility.Rule.NONE) {
            problems.add(interim.has("futility") ? interim.get("futility") : interim, "found futility rule "
                    + name(futility.rule()) + " with sample_size_reestimation; allowed futility: {rule: none} (the "
                    + "unfavourable zone continues with the planned size)");
        }
        for (Endpoint e : endpoints) {
            if (e.name().equals(endpoint) && e.kind().type() == Endpoint.Type.TIME_TO_EVENT) {
                problems.add(node, "found sample_size_reestimation on the time-to-event endpoint '" + endpoint + "'; "
                        + "allowed a binary or continuous endpoint (the stage sizes are patients)");
            } else if (e.name().equals(endpoint) && (!e.comparative() || e.analysis().test().bayesian())) {
                problems.add(node, "found sample_size_reestimation on endpoint '" + endpoint + "', which is "
                        + (e.comparative() ? "Bayesian" : "single-arm") + "; allowed a two-arm endpoint with a p-value");
            }
        }
        if (Double.isNaN(factor) || Double.isNaN(target) || zone == null || early == null) {
            return null;
        }
        return new GroupSequential.SampleSizeReestimation(factor, target, zone.get(0), zone.get(1), early);
    }

    private GroupSequential.Futility futility(Node node) {
        Node.MapNode m = r.map(withTemplate("futility", node), "a mapping with rule, spending, gamma, beta, "
                + "conditional_power", "rule", "spending", "gamma", "beta", "conditional_power");
        if (m == null) {
            return null;
        }
        GroupSequential.Futility.Rule rule = r.enumValue(m.get("rule"), GroupSequential.Futility.Rule.class);
        GroupSequential.Spending spending = r.enumValue(m.get("spending"), GroupSequential.Spending.class);
        double gamma = r.number(m.get("gamma"), -Limits.MAX_GAMMA, false, Limits.MAX_GAMMA, false, Limits.gammaRange());
        double beta = Double.NaN;
        double cp = Double.NaN;
        if (rule == GroupSequential.Futility.Rule.BETA_SPENDING) {
            beta = r.number(r.required(m, "beta", "the total beta to spend, " + Limits.betaRange()), 0, true,
                    Limits.MAX_SEQUENTIAL_ERROR, true, Limits.betaRange());
        } else if (m.has("beta")) {
            problems.add(m.get("beta"), "found beta with futility rule " + name(rule) + "; allowed only with beta_spending");
        }
        if (rule == GroupSequential.Futility.Rule.CONDITIONAL_POWER) {
            cp = r.number(r.required(m, "conditional_power", "the conditional-power threshold, in (0, 1)"), 0, true, 1,
                    true, "a conditional-power threshold in (0, 1)");
        } else if (m.has("conditional_power")) {
            problems.add(m.get("conditional_power"), "found conditional_power with futility rule " + name(rule)
                    + "; allowed only with conditional_power");
        }
        if (rule == null || spending == null || Double.isNaN(gamma)) {
            return null;
        }
        if (rule == GroupSequential.Futility.Rule.NONE) {
            return GroupSequential.Futility.NONE;
        }
        return new GroupSequential.Futility(rule, spending, gamma, beta, cp);
    }

    private Simulation simulation(Node node) {
        Node.MapNode m = r.map(node, "a mapping with replicates, seed, target_mcse, max_replicates", "replicates", "seed",
                "target_mcse", "max_replicates");
        if (m == null) {
            return null;
        }
        Long replicates = r.integer(m.get("replicates"), 1, Limits.MAX_REPLICATES, Limits.replicatesRange());
        Long seed = r.integer(m.get("seed"), Long.MIN_VALUE, Long.MAX_VALUE, "an integer seed (64-bit)");
        double target = r.number(m.get("target_mcse"), 0, false, Limits.MAX_TARGET_MCSE, true, "a Monte Carlo standard error target in "
                + "[0, 0.5) (0 for a fixed number of replicates)");
        Long max = r.integer(m.get("max_replicates"), 1, Limits.MAX_REPLICATE_CAP, Limits.replicateCapRange());
        if (replicates == null || seed == null || Double.isNaN(target) || max == null) {
            return null;
        }
        if (target > 0 && max < replicates) {
            problems.add(m.get("max_replicates"), "found " + max + " below replicates = " + replicates + "; allowed "
                    + "max_replicates >= replicates");
        }
        return new Simulation(replicates.intValue(), seed, target, max.intValue());
    }

    /** The names of strata, for messages. */
    static Set<String> names(List<Stratum> strata) {
        Set<String> s = new HashSet<>();
        strata.forEach(x -> s.add(x.name()));
        return s;
    }
}
