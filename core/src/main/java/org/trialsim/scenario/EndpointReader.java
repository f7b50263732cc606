package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the endpoints and checks each against the rest of the scenario: the arms and strata it names exist,
 * its test analyses its kind of data, single-arm tests have no control and comparative tests have one, the
 * processes it measures are modelled in every arm and stratum of its population.
 */
final class EndpointReader {


    private final Reading r;
    private final Node.MapNode templates;
    private final List<Stratum> strata;
    private final List<Arm> arms;
    private final Map<String, Node> armNodes;
    private final Set<String> invalidArms;
    private final Design design;
    private final Schedule schedule;

    EndpointReader(Reading r, Node.MapNode templates, List<Stratum> strata, List<Arm> arms, Map<String, Node> armNodes,
            Set<String> invalidArms, Design design, Schedule schedule) {
        this.invalidArms = invalidArms;
        this.r = r;
        this.templates = templates;
        this.strata = strata;
        this.arms = arms;
        this.armNodes = armNodes;
        this.design = design;
        this.schedule = schedule;
    }

    List<Endpoint> endpoints(Node node) {
        List<Endpoint> out = new ArrayList<>();
        Node.MapNode m = r.map(node, "an ordered mapping of endpoint name to {kind, outcome, test, treatment, control, "
                + "at_week, strata, p0, simon}");
        if (m == null) {
            return out;
        }
        if (m.members().isEmpty()) {
            r.problems.add(m, "found no endpoints; allowed at least one (the first is the primary endpoint)");
        }
        for (Node.Member member : m.members().values()) {
            if (!member.key().matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
                r.problems.add(member.keyLocation(), member.value().path(), "found the endpoint name '" + member.key()
                        + "'; allowed a letter followed by letters, digits, '_' or '-' (at most 64)");
            }
            Endpoint e = endpoint(member.key(), member.value());
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private Endpoint endpoint(String name, Node node) {
        Node.MapNode m = r.map(node instanceof Node.MapNode ? TreeEdit.merge(templates.get("endpoint"), node) : node,
                "a mapping with kind, outcome, test, treatment, control, at_week, strata, p0, simon", "kind", "outcome",
                "test", "treatment", "control", "at_week", "strata", "p0", "simon");
        if (m == null) {
            return null;
        }
        ProcessRegistry registry = ProcessRegistry.get();
        List<String> kinds = registry.kinds().stream().map(Endpoint.Kind::name).toList();
        Endpoint.Kind kind;
        if (m.has("kind")) {
            String k = r.choice(m.get("kind"), kinds);
            kind = k == null ? null : registry.kind(k);
        } else if (kinds.contains(name)) {
            kind = registry.kind(name);
        } else {
            r.problems.add(m.location(), Node.child(m.path(), "kind"), "missing required key 'kind' (the endpoint name '"
                    + name + "' is not a kind); allowed: " + String.join(", ", kinds));
            kind = null;
        }
        Node where = m.has("kind") ? m.get("kind") : m;
        List<String> armNames = arms.stream().map(Arm::name).toList();
        Analysis.Test given = m.has("test") ? r.enumValue(m.get("test"), Analysis.Test.class) : null;
        boolean singleArmTest = given != null && given.singleArm();

        String control;
        if (m.has("control")) {
            Node c = m.get("control");
            control = c instanceof Node.Scalar s && s.kind() == Node.Kind.NULL ? null : armName(c, armNames);
        } else {
            control = arms.size() > 1 && !singleArmTest ? controlArm() : null;
        }
        String treatment;
        if (m.has("treatment")) {
            treatment = armName(m.get("treatment"), armNames);
        } else {
            List<String> candidates = new ArrayList<>(armNames);
            candidates.remove(control);
            if (arms.size() == 1) {
                treatment = armNames.get(0);
            } else if (candidates.size() == 1) {
                treatment = candidates.get(0);
            } else {
                r.problems.add(m.location(), Node.child(m.path(), "treatment"), "missing key 'treatment': several arms ("
                        + String.join(", ", candidates) + ") could be the experimental arm; name one");
                treatment = null;
            }
        }
        if (treatment != null && treatment.equals(control)) {
            r.problems.add(m.has("control") ? m.get("control") : m, "found treatment and control both '" + treatment
                    + "'; allowed two different arms");
        }

        Analysis.Test test = given;
        if (!m.has("test") && kind != null) {
            String key = kind.type() == Endpoint.Type.BINARY ? (control == null ? "binary_single_arm" : "binary")
                    : kind.type().name().toLowerCase(Locale.ROOT);
            Node.MapNode tests = (Node.MapNode) templates.get("tests");
            test = r.enumValue(tests.get(key), Analysis.Test.class);
        }
        Node testNode = m.has("test") ? m.get("test") : where;
        if (test != null && kind != null && test.type() != kind.type()) {
            List<String> fitting = new ArrayList<>();
            for (Analysis.Test t : Analysis.Test.values()) {
                if (t.type() == kind.type()) {
                    fitting.add(t.name().toLowerCase(Locale.ROOT));
                }
            }
            r.problems.add(testNode, "found test " + lower(test) + ", which analyses " + lower(test.type())
                    + " data, but endpoint kind " + kind + " is " + lower(kind.type()) + "; allowed "
                    + String.join(", ", fitting));
        }
        if (test != null && kind != null && test.type() == kind.type() && test.repeatedMeasures()
                && !registry.offering(kind).repeatedMeasures(kind)) {
            r.problems.add(testNode, "found test " + lower(test) + " on endpoint kind " + kind + ", which has no"
                    + " repeated measures at visits; allowed " + lower(test) + " only with kinds "
                    + String.join(", ", registry.kinds().stream().filter(k -> registry.offering(k).repeatedMeasures(k))
                            .map(Endpoint.Kind::name).toList()) + ", else t_test, welch or ancova");
        }
        if (test != null && test.singleArm() && control != null) {
            r.problems.add(m.has("control") ? m.get("control") : testNode, "found control '" + control + "' with the "
                    + "single-arm test " + lower(test) + "; allowed control: null (single-arm tests compare one arm with p0)");
        }
        if (test != null && !test.singleArm() && control == null && treatment != null) {
            r.problems.add(testNode, "found the two-arm test " + lower(test) + " on an endpoint with no control arm; "
                    + "allowed " + singleArmTests() + " for a single arm, or name a control arm");
        }

        double p0 = Double.NaN;
        SimonDesign simon = null;
        if (test != null && test.singleArm()) {
            p0 = r.number(r.required(m, "p0", "the null response rate p0 of the single-arm test, in (0, 1)"), 0, true, 1,
                    true, "a null rate p0 in (0, 1)");
        } else if (m.has("p0")) {
            r.problems.add(m.get("p0"), "found p0 with test " + (test == null ? "?" : lower(test)) + "; allowed p0 only "
                    + "with " + singleArmTests());
        }
        if (test == Analysis.Test.SIMON) {
            simon = simon(r.required(m, "simon", "the two-stage design {n1, r1, n, r}"));
        } else if (m.has("simon")) {
            r.problems.add(m.get("simon"), "found simon with test " + (test == null ? "?" : lower(test))
                    + "; allowed only with test: simon");
        }

        String outcome = kind == null ? null : outcome(name, m, kind);

        double atWeek = Double.NaN;
        if (kind != null && kind.milestone()) {
            Node w = m.has("at_week") ? m.get("at_week") : kind.afterInduction()
                    ? defaultAt(templates.get("milestone_week"), m)
                    : Double.isNaN(kind.defaultWeek()) ? r.required(m, "at_week", "the assessment week of endpoint kind "
                            + kind + ", in weeks from randomization")
                    : defaultAt(new Node.Scalar(m.location(), "", Node.Kind.FLOAT, Double.toString(kind.defaultWeek())), m);
            atWeek = kind.afterInduction() ? r.positive(w, "weeks from randomization")
                    : r.nonNegative(w, "weeks from randomization");
            if (kind.afterInduction() && schedule != null && !Double.isNaN(atWeek) && atWeek < schedule.inductionWeeks()) {
                r.problems.add(w, "found week " + Reading.fmt(atWeek) + ", before the end of induction (week "
                        + Reading.fmt(schedule.inductionWeeks()) + "); allowed at_week >= schedule.induction_weeks");
            }
            Cutoff cutoff = schedule == null ? null : schedule.cutoff();
            double limit = cutoff instanceof Cutoff.FollowUp f ? f.weeks()
                    : cutoff instanceof Cutoff.Calendar c ? c.week() : Double.POSITIVE_INFINITY;
            if (!Double.isNaN(atWeek) && atWeek > limit) {
                r.problems.add(w, "found week " + Reading.fmt(atWeek) + ", after the data cutoff (week "
                        + Reading.fmt(limit) + " of schedule.cutoff); allowed at_week <= " + Reading.fmt(limit));
            }
        } else if (m.has("at_week") && kind != null) {
            r.problems.add(m.get("at_week"), "found at_week with endpoint kind " + kind + "; allowed only with "
                    + String.join(" and ", registry.kinds().stream().filter(Endpoint.Kind::milestone)
                            .map(Endpoint.Kind::name).toList()));
        }

        List<String> population = population(m.get("strata"));
        boolean named = kind != null && registry.offering(kind).namesOutcomes();
        if (kind != null && treatment != null && population != null && (outcome != null || !named)) {
            checkModels(where, kind, outcome, test, treatment, control, population, atWeek);
        }
        if (kind == null || test == null || treatment == null || population == null || (named && outcome == null)
                || (test.singleArm() && Double.isNaN(p0)) || (test == Analysis.Test.SIMON && simon == null)) {
            return null;
        }
        Endpoint endpoint = new Endpoint(name, kind, atWeek, new Analysis(test, p0, simon), treatment, control,
                population, outcome);
        if (test.singleArm() && !nullDerivable(endpoint)) {
            r.problems.add(m.has("test") ? m.get("test") : where, "found the single-arm test " + lower(test)
                    + " on endpoint kind " + kind + ", whose process cannot make the null scenario at p0 (the "
                    + "type I error run needs the model rescaled to succeed with probability p0); allowed a "
                    + "comparison with a control arm, or a single-arm test on a kind that can: "
                    + String.join(", ", registry.kinds().stream().filter(k -> k.type() == Endpoint.Type.BINARY)
                            .filter(this::scalable).map(Endpoint.Kind::name).toList()));
            return null;
        }
        return endpoint;
    }

    /**
     * The named instance an endpoint of {@code kind} reads, for a kind of a process whose instances the planner
     * names: {@code outcome} if given (one of the names the arms define), else the endpoint's own name if the arms
     * define an instance of that name, else the only instance the arms define; {@code null} for other kinds, and
     * (reported) when it cannot be resolved.
     */
    private String outcome(String name, Node.MapNode m, Endpoint.Kind kind) {
        ProcessRegistry registry = ProcessRegistry.get();
        ProcessDefinition process = registry.offering(kind);
        if (!process.namesOutcomes()) {
            if (m.has("outcome")) {
                r.problems.add(m.get("outcome"), "found outcome with endpoint kind " + kind + ", whose process ("
                        + process.key() + ") has no named outcomes; allowed outcome only with kinds "
                        + String.join(", ", registry.kinds().stream().filter(k -> registry.offering(k).namesOutcomes())
                                .map(Endpoint.Kind::name).toList()));
            }
            return null;
        }
        Set<String> defined = new LinkedHashSet<>();
        for (Arm a : arms) {
            for (PatientModel pm : a.modelByStratum().values()) {
                ProcessModel pmd = pm.process(process.key());
                if (pmd != null) {
                    defined.addAll(process.outcomes(pmd));
                }
            }
        }
        List<String> names = new ArrayList<>(defined);
        if (m.has("outcome")) {
            String given = r.string(m.get("outcome"), "the name of " + process.noun() + " the arms define ("
                    + process.key() + ")");
            if (given != null && !names.contains(given)) {
                String hint = Reading.closest(given, names);
                r.problems.add(m.get("outcome"), "found '" + given + "', which no arm defines under " + process.key()
                        + (hint == null ? "" : "; did you mean '" + hint + "'?") + " Allowed: "
                        + (names.isEmpty() ? "(none defined)" : String.join(", ", names)));
                return null;
            }
            return given;
        }
        if (names.contains(name)) {
            return name;
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        if (!names.isEmpty()) {
            r.problems.add(m.location(), Node.child(m.path(), "outcome"), "missing key 'outcome': the arms define "
                    + names.size() + " under " + process.key() + " (" + String.join(", ", names) + ") and the endpoint's"
                    + " name is none of them; name the one endpoint " + name + " reads");
        }
        // with none defined, the check of the arms' models reports the missing process
        return null;
    }

    /**
     * Whether the null scenario of a single-arm endpoint can be made: the offering process scales the model of
     * every arm and stratum of the population (by a factor of 1 here; whether a factor reaches p0 depends on
     * p0 and is checked when the null scenario is made).
     */
    private boolean nullDerivable(Endpoint endpoint) {
        ProcessDefinition d = ProcessRegistry.get().offering(endpoint.kind());
        Arm arm = arms.stream().filter(a -> a.name().equals(endpoint.treatment())).findFirst().orElse(null);
        if (arm == null || invalidArms.contains(arm.name())) {
            return true; // reported already
        }
        try {
            for (PatientModel m : arm.modelByStratum().values()) {
                d.scaledForNull(endpoint, m, 1);
            }
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (RuntimeException e) {
            return true; // a model problem, reported where it is
        }
    }

    /** Whether the kind's process scales it for a single-arm null scenario (it overrides the default). */
    private boolean scalable(Endpoint.Kind kind) {
        ProcessDefinition d = ProcessRegistry.get().offering(kind);
        Endpoint probe = new Endpoint(kind.name(), kind, Double.NaN, new Analysis(Analysis.Test.BINOMIAL_EXACT, 0.5,
                null), "arm", null, List.of(), null);
        try {
            d.scaledForNull(probe, PatientModel.NONE, 1);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (RuntimeException e) {
            return true; // it tried to scale the (empty) model: it can
        }
    }

    /** A default value re-homed at the endpoint that receives it, so that problems point into the user's file. */
    private static Node defaultAt(Node value, Node.MapNode endpoint) {
        Node.Scalar sc = (Node.Scalar) value;
        return new Node.Scalar(endpoint.location(), Node.child(endpoint.path(), "at_week"), sc.kind(), sc.text());
    }

    private String controlArm() {
        return arms.stream().filter(Arm::control).map(Arm::name).findFirst().orElse(arms.get(arms.size() - 1).name());
    }

    private String armName(Node n, List<String> armNames) {
        String s = r.string(n, "an arm name: " + String.join(", ", armNames));
        if (s != null && !armNames.contains(s)) {
            String hint = Reading.closest(s, armNames);
            r.problems.add(n, "found '" + s + "', which is not an arm" + (hint == null ? "" : "; did you mean '" + hint
                    + "'?") + " Allowed: " + String.join(", ", armNames));
            return null;
        }
        return s;
    }

    private List<String> population(Node n) {
        List<String> names = strata.stream().map(Stratum::name).toList();
        Node.ListNode l = r.list(n, "a list of stratum names (empty for all patients)");
        if (l == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        boolean ok = true;
        for (Node i : l.items()) {
            String s = r.string(i, "a stratum name");
            if (s == null) {
                ok = false;
            } else if (!names.contains(s)) {
                String hint = Reading.closest(s, names);
                r.problems.add(i, "found '" + s + "', which is not a stratum" + (hint == null ? "" : "; did you mean '"
                        + hint + "'?") + " Allowed: " + String.join(", ", names));
                ok = false;
            } else if (!out.add(s)) {
                r.problems.add(i, "found stratum '" + s + "' twice; allowed each stratum once");
                ok = false;
            }
        }
        return ok ? new ArrayList<>(out) : null;
    }

    /** The single-arm tests, for messages: "binomial_exact or simon". */
    private static String singleArmTests() {
        List<String> names = new ArrayList<>();
        for (Analysis.Test t : Analysis.Test.values()) {
            if (t.singleArm()) {
                names.add(lower(t));
            }
        }
        return String.join(" or ", names);
    }

    private SimonDesign simon(Node n) {
        Node.MapNode m = r.map(n, "{n1, r1, n, r}", "n1", "r1", "n", "r");
        if (m == null) {
            return null;
        }
        Long n1 = r.integer(r.required(m, "n1", "the stage-1 sample size"), 1, 100_000, "a positive integer");
        Long r1 = r.integer(r.required(m, "r1", "the stage-1 futility bound"), 0, 100_000, "an integer >= 0");
        Long nn = r.integer(r.required(m, "n", "the total sample size"), 1, 100_000, "a positive integer");
        Long rr = r.integer(r.required(m, "r", "the final bound"), 0, 100_000, "an integer >= 0");
        if (n1 == null || r1 == null || nn == null || rr == null) {
            return null;
        }
        boolean ok = true;
        if (n1 >= nn) {
            r.problems.add(m.get("n1"), "found n1 = " + n1 + " >= n = " + nn + "; allowed n1 < n");
            ok = false;
        }
        if (r1 >= n1) {
            r.problems.add(m.get("r1"), "found r1 = " + r1 + " >= n1 = " + n1 + "; allowed r1 < n1");
            ok = false;
        }
        if (rr < r1 || rr >= nn) {
            r.problems.add(m.get("r"), "found r = " + rr + "; allowed r1 <= r < n (" + r1 + " <= r < " + nn + ")");
            ok = false;
        }
        if (design != null && !design.sampleSizes().equals(List.of(nn.intValue()))) {
            r.problems.add(m.get("n"), "found n = " + nn + " but design.sample_sizes is " + design.sampleSizes()
                    + "; allowed design.sample_sizes: [" + nn + "] (a Simon design has one total sample size)");
            ok = false;
        }
        if (design != null && design.sidedness() != Design.Sidedness.ONE_SIDED) {
            r.problems.add(m, "found a Simon design with design.sides 2; allowed sides: 1 (Simon designs are one-sided)");
            ok = false;
        }
        return ok ? new SimonDesign(n1.intValue(), r1.intValue(), nn.intValue(), rr.intValue()) : null;
    }

    /** Checks that every arm and stratum of the population models what the endpoint measures. */
    private void checkModels(Node where, Endpoint.Kind kind, String outcome, Analysis.Test test, String treatment,
            String control, List<String> population, double atWeek) {
        List<Stratum> pop = population.isEmpty() ? strata
                : strata.stream().filter(s -> population.contains(s.name())).toList();
        ProcessRegistry registry = ProcessRegistry.get();
        List<ProcessDefinition> needed = kind.needs().stream().map(registry::process).toList();
        // The population is the strata of the named ones where every process the kind reads is simulated.
        List<Stratum> applicable = pop.stream().filter(s -> needed.stream().allMatch(d -> d.appliesTo(s))).toList();
        if (applicable.isEmpty()) {
            ProcessDefinition narrow = needed.stream().filter(d -> pop.stream().noneMatch(d::appliesTo)).findFirst()
                    .orElse(needed.get(0));
            r.problems.add(where, "found endpoint kind " + kind + " but " + narrow.notInPopulation());
            return;
        }
        List<String> armsToCheck = new ArrayList<>();
        armsToCheck.add(treatment);
        if (control != null) {
            armsToCheck.add(control);
        }
        for (String armName : armsToCheck) {
            Arm arm = arms.stream().filter(a -> a.name().equals(armName)).findFirst().orElse(null);
            if (arm == null || invalidArms.contains(armName)) {
                continue;
            }
            for (Stratum s : pop) {
                PatientModel pm = arm.modelByStratum().get(s.name());
                if (pm == null) {
                    continue; // the model itself was invalid and has been reported
                }
                String in = strata.size() > 1 ? " in stratum " + s.name() : "";
                String missing = null;
                if (!applicable.contains(s)) {
                    continue;
                }
                for (ProcessDefinition d : needed) {
                    if (missing != null) {
                        break;
                    }
                    ProcessModel pmd = pm.process(d.key());
                    if (pmd == null) {
                        missing = d.noun() + " (arms." + armName + "." + d.key() + ")";
                    } else if (d == registry.offering(kind) && outcome != null && !d.outcomes(pmd).contains(outcome)) {
                        missing = d.noun() + " named " + outcome + " (arms." + armName + "." + d.key() + "." + outcome
                                + ")";
                    } else if (d == registry.offering(kind)) {
                        missing = d.missingFor(kind, outcome, pmd, armName);
                        if (missing == null && !Double.isNaN(atWeek)) {
                            missing = d.missingAt(kind, outcome, atWeek, pmd, armName);
                        }
                    }
                }
                if (missing == null && kind == Endpoint.Kind.REMISSION && !remissionGiven(armName, s.name())) {
                    missing = "a remission probability (arms." + armName + ".response.remission)";
                }
                if (missing == null && test == Analysis.Test.ANCOVA) {
                    ProcessDefinition offering = registry.offering(kind);
                    missing = offering.missingBaseline(kind, outcome, pm.process(offering.key()), armName);
                }
                if (missing != null) {
                    r.problems.add(where, "endpoint kind " + kind + " needs " + missing + ", but arm " + armName
                            + " has none" + in);
                }
            }
        }
    }

    /** Whether the remission probability was written by the user (not left at the not-modelled default). */
    private boolean remissionGiven(String armName, String stratum) {
        Node arm = armNodes.get(armName);
        for (String path : List.of("response.remission", "response.madrs", "strata." + stratum + ".response.remission",
                "strata." + stratum + ".response.madrs")) {
            if (arm != null && TreeEdit.get(arm, path) != null) {
                return true;
            }
        }
        return false;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace("time_to_event", "time-to-event");
    }
}
