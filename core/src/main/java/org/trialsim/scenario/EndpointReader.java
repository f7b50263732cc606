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
            Set<String> invalidArms, Design design, Schedule schedule, boolean multiArm) {
        this.multiArm = multiArm;
        this.invalidArms = invalidArms;
        this.r = r;
        this.templates = templates;
        this.strata = strata;
        this.arms = arms;
        this.armNodes = armNodes;
        this.design = design;
        this.schedule = schedule;
    }

    /**
     * Whether the scenario has a multi-arm block, which compares every arm with the control: an endpoint then
     * needs no {@code treatment} (the first arm that is not the control stands in for it).
     */
    private final boolean multiArm;

    List<Endpoint> endpoints(Node node) {
        List<Endpoint> out = new ArrayList<>();
        Node.MapNode m = r.map(node, "an ordered mapping of endpoint name to {kind, outcome, test, treatment, control, "
                + "at_week, strata, p0, simon, predictive, bayesian, strategy, intercurrent_events}");
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
            } else if (RESERVED.containsKey(member.key())) {
                r.problems.add(member.keyLocation(), member.value().path(), "found the endpoint name '" + member.key()
                        + "', which the results use for " + RESERVED.get(member.key()) + "; allowed any other name");
            }
            Endpoint e = endpoint(member.key(), member.value());
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Names the measures of a result use for other things than an endpoint ({@code power:any},
     * {@code expected_n:null}), so that a measure's text always says which endpoint it is of.
     */
    private static final java.util.Map<String, String> RESERVED = java.util.Map.of(
            "any", "power:any and type1:any (at least one endpoint rejected)",
            "all", "power:all (every endpoint rejected)",
            "null", "the measures under the null scenario (expected_n:null)");

    private Endpoint endpoint(String name, Node node) {
        Node.MapNode m = r.map(node instanceof Node.MapNode ? TreeEdit.merge(templates.get("endpoint"), node) : node,
                "a mapping with kind, outcome, test, treatment, control, at_week, strata, p0, simon, predictive, bayesian, "
                + "strategy, intercurrent_events, margin, hypothesis",
                "kind", "outcome", "test", "treatment", "control", "at_week", "strata", "p0", "simon", "predictive",
                "bayesian", "strategy", "intercurrent_events", "margin", "hypothesis");
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
            } else if (candidates.size() == 1 || multiArm && !candidates.isEmpty()) {
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

        PredictiveDesign predictive = null;
        if (test == Analysis.Test.PREDICTIVE_PROBABILITY) {
            predictive = predictive(r.required(m, "predictive", "the predictive-probability design {n_max, prior, "
                    + "theta_t or alpha, theta_l, theta_u, first_look, every}"));
        } else if (m.has("predictive")) {
            r.problems.add(m.get("predictive"), "found predictive with test " + (test == null ? "?" : lower(test))
                    + "; allowed only with test: predictive_probability");
        }

        BayesianRule bayesian = null;
        if (test != null && test.bayesian()) {
            bayesian = bayesian(r.required(m, "bayesian", "the Bayesian rule {margin, success, futility, prior}"),
                    test);
        } else if (m.has("bayesian")) {
            r.problems.add(m.get("bayesian"), "found bayesian with test " + (test == null ? "?" : lower(test))
                    + "; allowed only with test: bayesian_binary, bayesian_continuous, bayesian_time_to_event or "
                    + "bayesian_event_rate");
        }

        double margin = margin(m, test, kind);

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
        Estimand estimand = kind == null ? null : estimand(m, kind, treatment, control);
        if ((m.has("strategy") || m.has("intercurrent_events")) && estimand == null) {
            return null;
        }
        if (estimand != null && estimand.strategy() == Estimand.Strategy.HYPOTHETICAL
                && kind.type() == Endpoint.Type.BINARY && test != null && test != Analysis.Test.IPW_RISK_DIFFERENCE) {
            r.problems.add(m.has("test") ? m.get("test") : m.get("strategy"), "found strategy hypothetical on binary "
                    + "endpoint kind " + kind + " with test " + lower(test) + ", which would analyse only the patients "
                    + "without the event (a complete-case analysis, biased where the event and the outcome both depend "
                    + "on the stratum); allowed test: ipw_risk_difference (the outcomes after the event missing, "
                    + "weighted by arm and stratum)");
            return null;
        }
        if (kind == null || test == null || treatment == null || population == null || (named && outcome == null)
                || (test.singleArm() && Double.isNaN(p0)) || (test == Analysis.Test.SIMON && simon == null)
                || (test == Analysis.Test.PREDICTIVE_PROBABILITY && predictive == null)
                || (test.bayesian() && bayesian == null) || (test.needsMargin() && Double.isNaN(margin))) {
            return null;
        }
        Endpoint endpoint = new Endpoint(name, kind, atWeek, new Analysis(test, p0, simon, predictive, bayesian, margin),
                treatment, control, population, outcome, estimand);
        if (endpoint.analysis().hasMargin() && !marginDerivable(endpoint)) {
            r.problems.add(m.get("margin"), "found margin on endpoint kind " + kind + ", whose process ("
                    + registry.offering(kind).key() + ") cannot put the treatment arm at the margin (the type I error "
                    + "run needs it there); allowed a margin on the kinds of binary_outcomes, continuous_outcomes, "
                    + "events (time_to_event) and the binary kinds whose single-arm null can be made");
            return null;
        }
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
     * The endpoint's margin ({@code NaN} if none): allowed only with a test that takes one
     * ({@link Analysis.Test#marginScale()}), required with the binary score tests, in a one-sided design, on its
     * scale's range, not the value of no effect, and on the side its {@code hypothesis} states: a non-inferiority
     * margin on the harmful side of no effect, a superiority margin on the beneficial side (which side is
     * beneficial: higher for risk differences, ratios of successes and mean differences, lower for a kind where
     * lower is better and for hazard ratios).
     */
    private double margin(Node.MapNode m, Analysis.Test test, Endpoint.Kind kind) {
        Analysis.MarginScale scale = test == null ? null : test.marginScale();
        if (!m.has("margin")) {
            if (test != null && test.needsMargin()) {
                r.required(m, "margin", scale.noun() + " under the null hypothesis (the non-inferiority or "
                        + "superiority margin of test " + lower(test) + ")");
            }
            if (m.has("hypothesis")) {
                r.problems.add(m.get("hypothesis"), "found hypothesis without a margin; allowed hypothesis only with "
                        + "margin");
            }
            return Double.NaN;
        }
        Node node = m.get("margin");
        if (test == null) {
            return Double.NaN;
        }
        if (scale == null) {
            r.problems.add(node, "found margin with test " + lower(test) + ", which tests the null of no effect; "
                    + "allowed margin only with tests " + String.join(", ", java.util.Arrays.stream(Analysis.Test.values())
                            .filter(t -> t.marginScale() != null).map(EndpointReader::lower).toList()));
            return Double.NaN;
        }
        double v = scale == Analysis.MarginScale.RISK_DIFFERENCE
                ? r.number(node, -1, true, 1, true, "a risk difference in (-1, 1)")
                : scale.ratio() ? r.number(node, 0, true, Double.MAX_VALUE, false, scale.noun() + " > 0")
                : r.number(node, -Double.MAX_VALUE, false, Double.MAX_VALUE, false, "a finite " + scale.noun());
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        if (v == scale.noEffect()) {
            r.problems.add(node, "found margin " + Reading.fmt(v) + ", which is no effect on " + scale.noun()
                    + "; allowed a margin other than " + Reading.fmt(v) + " (leave margin out to test the null of no "
                    + "effect" + (test.needsMargin() ? ", with test chi_square" : "") + ")");
            return Double.NaN;
        }
        if (design != null && design.sidedness() == Design.Sidedness.TWO_SIDED) {
            r.problems.add(node, "found margin in a two-sided design; allowed a margin only with design.sides: 1 (a "
                    + "non-inferiority or superiority-by-margin test is one-sided: alpha 0.025 one-sided matches a "
                    + "two-sided 95% interval's bound)");
            return Double.NaN;
        }
        String hypothesis = m.has("hypothesis")
                ? r.choice(m.get("hypothesis"), List.of("non_inferiority", "superiority"))
                : null;
        if (!m.has("hypothesis")) {
            r.required(m, "hypothesis", "non_inferiority or superiority: what the margin is for");
        }
        if (hypothesis == null) {
            return Double.NaN;
        }
        boolean higherBetter = scale.higherBetter() != (scale == Analysis.MarginScale.MEAN_DIFFERENCE && kind != null
                && kind.lowerIsBetter());
        boolean beneficial = higherBetter ? v > scale.noEffect() : v < scale.noEffect();
        boolean nonInferiority = hypothesis.equals("non_inferiority");
        if (beneficial == nonInferiority) {
            String harmful = (higherBetter ? "< " : "> ") + Reading.fmt(scale.noEffect());
            String good = (higherBetter ? "> " : "< ") + Reading.fmt(scale.noEffect());
            r.problems.add(node, "found margin " + Reading.fmt(v) + " with hypothesis " + hypothesis + ": on "
                    + scale.noun() + (scale == Analysis.MarginScale.MEAN_DIFFERENCE && kind != null && kind.lowerIsBetter()
                    ? " of endpoint kind " + kind + " (lower is better)" : "") + " a " + (nonInferiority
                    ? "non-inferiority margin lies on the harmful side of no effect" : "superiority margin lies on the "
                    + "beneficial side of no effect") + "; allowed margin " + (nonInferiority ? harmful : good)
                    + ", or hypothesis " + (nonInferiority ? "superiority" : "non_inferiority"));
            return Double.NaN;
        }
        return v;
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
        return derivable(endpoint, (d, m) -> d.scaledForNull(endpoint, m, 1));
    }

    /** Whether the offering process can move the treatment arm's models to the endpoint's margin. */
    private boolean marginDerivable(Endpoint endpoint) {
        return derivable(endpoint, (d, m) -> {
            if (endpoint.kind().type() == Endpoint.Type.BINARY) {
                d.scaledForNull(endpoint, m, 1);
            } else {
                d.shiftedForMargin(endpoint, m, endpoint.analysis().test().marginScale().noEffect());
            }
        });
    }

    /**
     * Whether {@code derive} succeeds on every stratum's model of the endpoint's treatment arm with the kind's
     * offering process: false only when the process does not support it; an arm already reported, or a model
     * problem reported where it is, counts as derivable (no second message).
     */
    private boolean derivable(Endpoint endpoint,
            java.util.function.BiConsumer<ProcessDefinition, PatientModel> derive) {
        ProcessDefinition d = ProcessRegistry.get().offering(endpoint.kind());
        Arm arm = arms.stream().filter(a -> a.name().equals(endpoint.treatment())).findFirst().orElse(null);
        if (arm == null || invalidArms.contains(arm.name())) {
            return true; // reported already
        }
        try {
            for (PatientModel m : arm.modelByStratum().values()) {
                derive.accept(d, m);
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

    /**
     * The endpoint's estimand ({@code strategy}, {@code intercurrent_events}), or {@code null} when it gives none
     * or (reported) when it is wrong: a strategy the kind cannot take, events no arm defines, a post-event model
     * the kind cannot follow, treatment policy over death.
     */
    private Estimand estimand(Node.MapNode m, Endpoint.Kind kind, String treatment, String control) {
        if (!m.has("strategy")) {
            if (m.has("intercurrent_events")) {
                r.problems.add(m.get("intercurrent_events"), "found intercurrent_events without a strategy; allowed "
                        + "intercurrent_events only with strategy: " + String.join(", ", Reading.names(
                                Estimand.Strategy.class)));
            }
            return null;
        }
        Node where = m.get("strategy");
        Estimand.Strategy strategy = r.enumValue(where, Estimand.Strategy.class);
        if (strategy == null) {
            return null;
        }
        ProcessDefinition process = ProcessRegistry.get().offering(kind);
        java.util.Set<Estimand.Strategy> allowed = process.strategies(kind);
        if (!allowed.contains(strategy)) {
            r.problems.add(where, "found strategy " + strategy.key() + " on endpoint kind " + kind + "; allowed "
                    + (allowed.isEmpty() ? "no strategy on this kind (strategies apply to kinds " + String.join(", ",
                            ProcessRegistry.get().kinds().stream().filter(k -> !ProcessRegistry.get().offering(k)
                                    .strategies(k).isEmpty()).map(Endpoint.Kind::name).toList()) + ")"
                            : String.join(", ", allowed.stream().map(Estimand.Strategy::key).toList())));
            return null;
        }
        Map<String, Map<String, IntercurrentEvents.Event>> byArm = new java.util.LinkedHashMap<>();
        Set<String> defined = new LinkedHashSet<>();
        for (Arm a : arms) {
            if (!a.name().equals(treatment) && !a.name().equals(control)) {
                continue;
            }
            for (PatientModel pm : a.modelByStratum().values()) {
                if (pm.process(IntercurrentEvents.KEY) instanceof IntercurrentEvents ice) {
                    defined.addAll(ice.events().keySet());
                    ice.events().forEach((n, e) -> byArm.computeIfAbsent(a.name(), k -> new java.util.LinkedHashMap<>())
                            .putIfAbsent(n, e));
                }
            }
        }
        List<String> events = new ArrayList<>();
        if (m.has("intercurrent_events")) {
            Node.ListNode l = r.list(m.get("intercurrent_events"), "a list of intercurrent event names (under "
                    + "arms.<arm>.intercurrent_events)");
            if (l == null) {
                return null;
            }
            for (Node i : l.items()) {
                String s = r.string(i, "an intercurrent event name");
                if (s == null) {
                    return null;
                }
                if (!defined.contains(s)) {
                    String hint = Reading.closest(s, new ArrayList<>(defined));
                    r.problems.add(i, "found '" + s + "', which neither arm of the endpoint defines under "
                            + "intercurrent_events" + (hint == null ? "" : "; did you mean '" + hint + "'?")
                            + " Allowed: " + (defined.isEmpty() ? "(none defined)" : String.join(", ", defined)));
                    return null;
                }
                if (events.contains(s)) {
                    r.problems.add(i, "found intercurrent event '" + s + "' twice; allowed each once");
                    return null;
                }
                events.add(s);
            }
        }
        if (defined.isEmpty()) {
            if (invalidArms.contains(treatment) || invalidArms.contains(control)) {
                return null; // the arm's own problem is reported where it is
            }
            r.problems.add(where, "found strategy " + strategy.key() + " but neither arm of the endpoint ("
                    + treatment + (control == null ? "" : ", " + control) + ") defines intercurrent_events; allowed a "
                    + "strategy only with arms.<arm>.intercurrent_events");
            return null;
        }
        List<String> named = events.isEmpty() ? new ArrayList<>(defined) : events;
        for (Map.Entry<String, Map<String, IntercurrentEvents.Event>> arm : byArm.entrySet()) {
            for (String n : named) {
                IntercurrentEvents.Event e = arm.getValue().get(n);
                if (e == null) {
                    continue;
                }
                String key = "arms." + arm.getKey() + ".intercurrent_events." + n;
                if (e.after().changesOutcome() && !process.postEventModel(kind)) {
                    r.problems.add(where, "found strategy " + strategy.key() + " over event " + n + " whose after is "
                            + e.after().model().key() + " (" + key + ".after), which endpoint kind " + kind
                            + " cannot follow; allowed after: stops or continues with this kind, or kinds "
                            + String.join(", ", ProcessRegistry.get().kinds().stream().filter(k -> ProcessRegistry
                                    .get().offering(k).postEventModel(k)).map(Endpoint.Kind::name).toList()));
                    return null;
                }
                if (e.after().model() == IntercurrentEvents.PostEvent.Model.JUMP_TO_REFERENCE && control == null) {
                    r.problems.add(where, "found strategy " + strategy.key() + " over event " + n + " whose after is "
                            + "jump_to_reference (" + key + ".after), but the endpoint has no control arm to jump to; "
                            + "allowed after: stops, continues or a stated model {hazard_ratio, shift} on a single-arm "
                            + "endpoint");
                    return null;
                }
                if (e.reason() == IntercurrentEvents.Reason.DEATH && strategy == Estimand.Strategy.TREATMENT_POLICY) {
                    r.problems.add(where, "found strategy treatment_policy over event " + n + " (" + key + ", reason "
                            + "death): no outcome exists after death; allowed composite, hypothetical or "
                            + "while_on_treatment, as the kind permits");
                    return null;
                }
            }
        }
        return new Estimand(strategy, events);
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

    /**
     * The block of a predictive-probability design (Lee and Liu, Clin Trials 2008;5:93-106): {@code n_max};
     * {@code prior} as {@code {a, b}} or {@code {mean, ess}}; {@code theta_t} or {@code alpha} (calibrate
     * theta_t to that type I error); {@code theta_l} (default 0: no futility stop); {@code theta_u} (default 1:
     * no efficacy stop); {@code first_look} (default 1) and {@code every} (default 1: continuous monitoring).
     */
    private PredictiveDesign predictive(Node n) {
        Node.MapNode m = r.map(n, "{n_max, prior, theta_t or alpha, theta_l, theta_u, first_look, every}", "n_max",
                "prior", "theta_t", "alpha", "theta_l", "theta_u", "first_look", "every");
        if (m == null) {
            return null;
        }
        Long nMax = r.integer(r.required(m, "n_max", "the maximum number of patients"), 1, 100_000,
                "a positive integer");
        double[] prior = betaPrior(r.required(m, "prior", "the beta prior {a, b} or {mean, ess}"));
        double thetaT = Double.NaN;
        double alpha = Double.NaN;
        boolean ok = true;
        if (m.has("theta_t") == m.has("alpha")) {
            r.problems.add(m, "found " + (m.has("theta_t") ? "both theta_t and alpha" : "neither theta_t nor alpha")
                    + "; allowed exactly one: theta_t (the posterior threshold at the end) or alpha (calibrate "
                    + "theta_t to this type I error)");
            ok = false;
        } else if (m.has("theta_t")) {
            thetaT = r.number(m.get("theta_t"), 0, true, 1, true, "a posterior threshold theta_t in (0, 1)");
            ok = !Double.isNaN(thetaT);
        } else {
            alpha = r.number(m.get("alpha"), 0, true, 1, true, "a type I error alpha in (0, 1) to calibrate theta_t to");
            ok = !Double.isNaN(alpha);
        }
        double thetaL = m.has("theta_l") ? r.number(m.get("theta_l"), 0, false, 1, true,
                "a futility threshold theta_l in [0, 1) on the predictive probability (0: no futility stop)") : 0;
        double thetaU = m.has("theta_u") ? r.number(m.get("theta_u"), 0, true, 1, false,
                "an efficacy threshold theta_u in (0, 1] on the predictive probability (1: no efficacy stop)") : 1;
        if (thetaL >= thetaU) {
            r.problems.add(m.get("theta_u"), "found theta_u = " + Reading.fmt(thetaU) + " <= theta_l = "
                    + Reading.fmt(thetaL) + "; allowed theta_l < theta_u");
            ok = false;
        }
        Long first = m.has("first_look") ? r.integer(m.get("first_look"), 1, 100_000, "a positive integer") : Long.valueOf(1);
        Long every = m.has("every") ? r.integer(m.get("every"), 1, 100_000, "a positive integer") : Long.valueOf(1);
        if (nMax == null || prior == null || first == null || every == null || Double.isNaN(thetaL)
                || Double.isNaN(thetaU) || !ok) {
            return null;
        }
        if (first > nMax) {
            r.problems.add(m.get("first_look"), "found first_look = " + first + " > n_max = " + nMax
                    + "; allowed 1 <= first_look <= n_max");
            return null;
        }
        if (design != null && !design.sampleSizes().equals(List.of(nMax.intValue()))) {
            r.problems.add(m.get("n_max"), "found n_max = " + nMax + " but design.sample_sizes is "
                    + design.sampleSizes() + "; allowed design.sample_sizes: [" + nMax + "] (a predictive-probability "
                    + "design has one maximum sample size)");
            return null;
        }
        if (design != null && design.sidedness() != Design.Sidedness.ONE_SIDED) {
            r.problems.add(m, "found a predictive-probability design with design.sides 2; allowed sides: 1 (it "
                    + "tests p > p0)");
            return null;
        }
        return new PredictiveDesign(nMax.intValue(), prior[0], prior[1], thetaT, alpha, thetaL, thetaU,
                first.intValue(), every.intValue());
    }

    /**
     * The block of a two-arm Bayesian rule: {@code margin} (default 0), {@code success} (required, in (0, 1)),
     * {@code futility} (default 0, in [0, success)), {@code prior}: for binary endpoints {@code {treatment,
     * control}}, each a beta prior (default {@code {a: 1, b: 1}}); for the event-rate rule {@code {treatment,
     * control}}, each a gamma prior on the arm's event rate per week (required: no proper gamma prior is flat,
     * and the rate has units); otherwise a normal prior {@code {mean, sd}} on the effect (default flat).
     */
    private BayesianRule bayesian(Node n, Analysis.Test test) {
        boolean binary = test.type() == Endpoint.Type.BINARY;
        boolean rates = test == Analysis.Test.BAYESIAN_EVENT_RATE;
        boolean perArm = test.priorPerArm();
        Node.MapNode m = r.map(n, "{margin, success, futility, prior}", "margin", "success", "futility", "prior");
        if (m == null) {
            return null;
        }
        double margin = m.has("margin") ? r.number(m.get("margin"), -1e300, false, 1e300, false, "a finite margin d "
                + "(the effect to exceed)") : 0;
        if (binary && !(margin > -1 && margin < 1)) {
            if (!Double.isNaN(margin)) {
                r.problems.add(m.get("margin"), "found margin " + Reading.fmt(margin) + "; allowed a difference in "
                        + "response rates in (-1, 1)");
            }
            margin = Double.NaN;
        }
        double success = r.number(r.required(m, "success", "the posterior probability c for success, in (0, 1)"), 0,
                true, 1, true, "a posterior probability threshold success in (0, 1)");
        double futility = m.has("futility") ? r.number(m.get("futility"), 0, false, 1, true,
                "a posterior probability threshold futility in [0, 1) (0: never stop for futility)") : 0;
        if (futility >= success) {
            r.problems.add(m.get("futility"), "found futility " + Reading.fmt(futility) + " >= success "
                    + Reading.fmt(success) + "; allowed futility < success");
            return null;
        }
        double[] t = {1, 1};
        double[] c = {1, 1};
        double mean = Double.NaN;
        double sd = Double.NaN;
        Node.MapNode prior = m.has("prior") ? (perArm ? r.map(m.get("prior"), "{treatment, control}", "treatment",
                "control") : r.map(m.get("prior"), "{mean, sd}", "mean", "sd"))
                : rates ? r.map(r.required(m, "prior", "the gamma priors of the arms' event rates {treatment, "
                        + "control}"), "{treatment, control}", "treatment", "control") : null;
        if ((m.has("prior") || rates) && prior == null) {
            return null;
        }
        if (rates) {
            t = gammaPrior(r.required(prior, "treatment", "the gamma prior of the treatment arm's event rate per "
                    + "week, {a, b} or {mean, ess}"));
            c = gammaPrior(r.required(prior, "control", "the gamma prior of the control arm's event rate per "
                    + "week, {a, b} or {mean, ess}"));
            if (t == null || c == null) {
                return null;
            }
        } else if (binary) {
            t = prior != null && prior.has("treatment") ? betaPrior(prior.get("treatment")) : t;
            c = prior != null && prior.has("control") ? betaPrior(prior.get("control")) : c;
            if (t == null || c == null) {
                return null;
            }
            if (t[0] < 0.5 || t[1] < 0.5 || c[0] < 0.5 || c[1] < 0.5) {
                r.problems.add(m.get("prior"), "found a beta prior shape below 0.5; allowed shapes of at least 0.5 for "
                        + "the two-arm rule (its integral is exact for them: Jeffreys' Beta(0.5, 0.5) and flatter)");
                return null;
            }
        } else {
            mean = prior != null && prior.has("mean") ? r.number(prior.get("mean"), -1e300, false, 1e300, false,
                    "a finite prior mean of the effect") : 0;
            sd = prior != null && prior.has("sd") ? r.number(prior.get("sd"), 0, true, Double.POSITIVE_INFINITY,
                    false, "a positive prior standard deviation of the effect (.inf: flat)") : Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(margin) || Double.isNaN(success) || Double.isNaN(futility) || !perArm
                && (Double.isNaN(mean) || Double.isNaN(sd))) {
            return null;
        }
        return new BayesianRule(margin, success, futility, perArm ? t[0] : Double.NaN, perArm ? t[1] : Double.NaN,
                perArm ? c[0] : Double.NaN, perArm ? c[1] : Double.NaN, mean, sd);
    }

    /**
     * A gamma prior on an event rate per week as {a, b} (shape: prior events; rate: prior weeks of exposure) or
     * as {mean, ess} (a = ess, b = ess / mean: the prior mean rate worth ess events); null (reported) if bad.
     */
    private double[] gammaPrior(Node n) {
        if (n == null) {
            return null;
        }
        Node.MapNode m = r.map(n, "{a, b} or {mean, ess}", "a", "b", "mean", "ess");
        if (m == null) {
            return null;
        }
        boolean shapes = m.has("a") || m.has("b");
        if (shapes == (m.has("mean") || m.has("ess"))) {
            r.problems.add(m, "found " + (shapes ? "both a/b and mean/ess" : "no parameters") + "; allowed either "
                    + "{a, b} (the gamma shape, prior events, and rate, prior weeks of exposure) or {mean, ess} (the "
                    + "prior mean event rate per week and effective sample size in events)");
            return null;
        }
        if (shapes) {
            double a = r.number(r.required(m, "a", "the gamma shape (prior events), > 0"), 0, true, Double.MAX_VALUE,
                    false, "a positive gamma shape a (prior events)");
            double b = r.number(r.required(m, "b", "the gamma rate (prior weeks of exposure), > 0"), 0, true,
                    Double.MAX_VALUE, false, "a positive gamma rate b (prior weeks of exposure)");
            return Double.isNaN(a) || Double.isNaN(b) ? null : new double[] {a, b};
        }
        double mean = r.number(r.required(m, "mean", "the prior mean event rate per week, > 0"), 0, true,
                Double.MAX_VALUE, false, "a positive prior mean event rate per week");
        double ess = r.number(r.required(m, "ess", "the prior's effective sample size in events, > 0"), 0, true,
                Double.MAX_VALUE, false, "a positive effective sample size ess (events)");
        if (Double.isNaN(mean) || Double.isNaN(ess)) {
            return null;
        }
        if (!Double.isFinite(ess / mean)) {
            r.problems.add(m.get("mean"), "found mean " + Reading.fmt(mean) + " with ess " + Reading.fmt(ess)
                    + ", whose gamma rate ess / mean overflows; allowed a mean rate with a finite ess / mean");
            return null;
        }
        return new double[] {ess, ess / mean};
    }

    /** A beta prior as {a, b} or as {mean, ess} (a = mean ess, b = (1 - mean) ess); null (reported) if bad. */
    private double[] betaPrior(Node n) {
        Node.MapNode m = r.map(n, "{a, b} or {mean, ess}", "a", "b", "mean", "ess");
        if (m == null) {
            return null;
        }
        boolean shapes = m.has("a") || m.has("b");
        if (shapes == (m.has("mean") || m.has("ess"))) {
            r.problems.add(m, "found " + (shapes ? "both shapes and mean/ess" : "no parameters") + "; allowed either "
                    + "{a, b} (the beta shapes) or {mean, ess} (the prior mean and effective sample size)");
            return null;
        }
        if (shapes) {
            double a = r.number(r.required(m, "a", "the first beta shape, > 0"), 0, true, Double.MAX_VALUE, false,
                    "a positive beta shape a (prior responses)");
            double b = r.number(r.required(m, "b", "the second beta shape, > 0"), 0, true, Double.MAX_VALUE, false,
                    "a positive beta shape b (prior non-responses)");
            return Double.isNaN(a) || Double.isNaN(b) ? null : new double[] {a, b};
        }
        double mean = r.number(r.required(m, "mean", "the prior mean response rate, in (0, 1)"), 0, true, 1, true,
                "a prior mean in (0, 1)");
        double ess = r.number(r.required(m, "ess", "the prior's effective sample size, > 0"), 0, true,
                Double.MAX_VALUE, false, "a positive effective sample size ess (patients)");
        return Double.isNaN(mean) || Double.isNaN(ess) ? null : new double[] {mean * ess, (1 - mean) * ess};
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
