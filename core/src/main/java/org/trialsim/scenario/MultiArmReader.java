package org.trialsim.scenario;

import java.util.List;
import org.trialsim.multiarm.IntersectionTest;
import org.trialsim.multiarm.Selection;

/**
 * Reads a scenario's {@code multi_arm} or {@code response_adaptive} block ({@link MultiArm}) and checks it against
 * the arms, the endpoints and the design, each problem located at the key it is about.
 */
final class MultiArmReader {

    static final String CLOSED = "multi_arm";
    static final String ADAPTIVE = "response_adaptive";

    private final Reading r;
    private final Problems problems;
    private final Node.MapNode templates;
    private final List<Arm> arms;
    private final List<Endpoint> endpoints;
    private final Design design;

    MultiArmReader(Reading r, Problems problems, Node.MapNode templates, List<Arm> arms, List<Endpoint> endpoints,
            Design design) {
        this.r = r;
        this.problems = problems;
        this.templates = templates;
        this.arms = arms;
        this.endpoints = endpoints;
        this.design = design;
    }

    /** The block of {@code top}, or null when it has none or it is invalid (reported). */
    MultiArm read(Node.MapNode top) {
        if (top.has(CLOSED) && top.has(ADAPTIVE)) {
            problems.add(top.get(ADAPTIVE), "found both multi_arm and response_adaptive; allowed one of them (a design "
                    + "either selects arms under the closed combination test or adapts its randomisation)");
            return null;
        }
        String key = top.has(CLOSED) ? CLOSED : ADAPTIVE;
        Node node = top.get(key);
        if (top.has("interim")) {
            problems.add(top.get("interim"), "found interim together with " + key + "; allowed one of them: the "
                    + key + " block's information_fractions are its analyses");
        }
        if (arms.size() < 2) {
            problems.add(node, "found " + arms.size() + " arm; allowed at least 2 (a control and one or more arms "
                    + "compared with it)");
            return null;
        }
        Node.MapNode merged = node instanceof Node.MapNode ? (Node.MapNode) TreeEdit.merge(templates.get(key), node)
                : null;
        return key.equals(CLOSED) ? closedTest(merged == null ? node : merged)
                : responseAdaptive(merged == null ? node : merged);
    }

    private MultiArm.ClosedTest closedTest(Node node) {
        Node.MapNode m = r.map(node, "a mapping with endpoint, information_fractions, intersection_test, spending, "
                + "gamma, selection, futility_bound, success, variance", "endpoint", "information_fractions",
                "intersection_test", "spending", "gamma", "selection", "futility_bound", "success", "variance");
        if (m == null) {
            return null;
        }
        String endpoint = endpoint(m, true);
        boolean continuous = endpoint != null && type(endpoint) == Endpoint.Type.CONTINUOUS;
        List<Double> fractions = fractions(m);
        IntersectionTest test = r.enumValue(m.get("intersection_test"), IntersectionTest.class);
        GroupSequential.Spending spending = r.enumValue(m.get("spending"), GroupSequential.Spending.class);
        double gamma = r.number(m.get("gamma"), -Limits.MAX_GAMMA, false, Limits.MAX_GAMMA, false, Limits.gammaRange());
        double futility = m.has("futility_bound") ? r.number(m.get("futility_bound"), -10, false, 10, false,
                "a z value in [-10, 10] (an intersection at or below it at an interim is not carried on)")
                : Double.NEGATIVE_INFINITY;
        String success = r.choice(m.get("success"), List.of("any", "all"));
        Node.MapNode sm = r.map(m.get("selection"), "a mapping with rule, keep, epsilon, threshold, futility_stop, "
                + "ties", "rule", "keep", "epsilon", "threshold", "futility_stop", "ties");
        Selection selection = null;
        boolean futilityStop = false;
        if (sm != null) {
            futilityStop = sm.has("futility_stop") && Boolean.TRUE.equals(r.bool(sm.get("futility_stop")));
            selection = selection(sm, futilityStop, continuous);
        }
        if (design != null && design.sidedness() != Design.Sidedness.ONE_SIDED) {
            problems.add(m, "found a multi_arm design with design.sides: 2; allowed design.sides: 1 (the closed "
                    + "combination test of many-to-one comparisons is one-sided at design.alpha)");
        }
        checkAllocation(m);
        boolean estimated = false;
        if (m.has("variance")) {
            String v = r.choice(m.get("variance"), List.of("known", "estimated"));
            if (v == null) {
                return null;
            }
            if (endpoint != null && !continuous) {
                problems.add(m.get("variance"), "found variance with the binary endpoint '" + endpoint + "'; allowed "
                        + "only with a continuous endpoint (a binary comparison's variance follows from its rates)");
                return null;
            }
            estimated = v.equals("estimated");
        }
        if (endpoint == null || fractions == null || test == null || spending == null || Double.isNaN(gamma)
                || Double.isNaN(futility) || success == null || selection == null) {
            return null;
        }
        checkStages(m.get("information_fractions"), fractions, treatmentShare(), "each treatment arm");
        checkStages(m.get("information_fractions"), fractions, controlShare(), "the control");
        return new MultiArm.ClosedTest(endpoint, fractions, test, spending, gamma, selection, futilityStop, futility,
                success.equals("all"), estimated);
    }

    /** The endpoint's data type (the name is one of the endpoints'). */
    private Endpoint.Type type(String endpoint) {
        return endpoints.stream().filter(x -> x.name().equals(endpoint)).findFirst().orElseThrow().kind().type();
    }

    /**
     * The selection rule. Its epsilon and threshold are on the scale of the effect estimate: a risk difference on a
     * binary endpoint, a difference in means (the arm's advantage over the control, in the endpoint's units) on a
     * continuous one.
     */
    private Selection selection(Node.MapNode sm, boolean futilityStop, boolean continuous) {
        Selection.Rule rule = r.enumValue(sm.get("rule"), Selection.Rule.class);
        int treatments = arms.size() - 1;
        int keep = 0;
        if (rule == Selection.Rule.BEST_K) {
            Node k = r.required(sm, "keep", "the number of arms kept, 1 to " + treatments);
            if (k != null) {
                Long v = r.integer(k, Long.MIN_VALUE, Long.MAX_VALUE, "an integer from 1 to " + treatments);
                if (v != null && v < 1) {
                    problems.add(k, "found keep: " + v + ", a selection rule that drops every arm; allowed 1 to "
                            + treatments + " (the arms kept at each interim)");
                } else if (v != null && v > treatments) {
                    problems.add(k, "found keep: " + v + " with " + treatments + " arms compared with the control; "
                            + "allowed 1 to " + treatments);
                } else if (v != null) {
                    keep = v.intValue();
                }
            }
            if (keep == 0) {
                return null;
            }
        } else if (sm.has("keep")) {
            problems.add(sm.get("keep"), "found keep with rule " + Reading.names(Selection.Rule.class).get(
                    rule == null ? 0 : rule.ordinal()) + "; allowed keep only with rule best_k");
        }
        double epsilon = 0;
        if (rule == Selection.Rule.EPSILON && continuous) {
            epsilon = r.number(r.required(sm, "epsilon", "the margin to the best arm's advantage over the control, "
                    + ">= 0 in the endpoint's units"), 0, false, Limits.MAX_EFFECT, false, "a margin >= 0 in the "
                    + "endpoint's units (difference in means to the best arm), at most " + Reading.fmt(Limits.MAX_EFFECT));
        } else if (rule == Selection.Rule.EPSILON) {
            epsilon = r.number(r.required(sm, "epsilon", "the margin to the best arm's risk difference, in [0, 1]"),
                    0, false, 1, false, "a margin in [0, 1] (risk difference to the best arm)");
        } else if (sm.has("epsilon")) {
            problems.add(sm.get("epsilon"), "found epsilon without rule epsilon; allowed epsilon only with rule "
                    + "epsilon");
        }
        double threshold = Double.NEGATIVE_INFINITY;
        if (sm.has("threshold")) {
            Node t = sm.get("threshold");
            threshold = continuous ? r.number(t, -Limits.MAX_EFFECT, false, Limits.MAX_EFFECT, false, "a difference "
                    + "in means in the endpoint's units, at most " + Reading.fmt(Limits.MAX_EFFECT) + " in size: arms "
                    + "whose estimated advantage over the control is at most this are dropped")
                    : r.number(t, -1, true, 1, true, "a risk difference in (-1, 1): arms whose estimated "
                    + "difference from the control is at most this are dropped");
            if (!Double.isNaN(threshold) && !futilityStop) {
                problems.add(t, "found threshold " + Reading.fmt(threshold) + ", a selection rule that can drop every "
                        + "arm (when every estimate is at or below it); allowed only with futility_stop: true (the "
                        + "trial then stops for futility), or remove threshold");
            }
        } else if (sm.has("futility_stop")) {
            problems.add(sm.get("futility_stop"), "found futility_stop without threshold; allowed only with a "
                    + "threshold (no other rule drops every arm)");
        }
        Selection.TieBreak ties = Selection.TieBreak.AT_RANDOM;
        if (sm.has("ties")) {
            String t = r.choice(sm.get("ties"), List.of("random", "first_listed"));
            if (t == null) {
                return null;
            }
            if (rule != null && rule != Selection.Rule.BEST && rule != Selection.Rule.BEST_K) {
                problems.add(sm.get("ties"), "found ties with rule " + Reading.names(Selection.Rule.class).get(
                        rule.ordinal()) + "; allowed ties only with rule best or best_k (epsilon keeps every arm tied "
                        + "with one it keeps, all keeps every arm: no tie is ever broken)");
                return null;
            }
            ties = t.equals("first_listed") ? Selection.TieBreak.FIRST_LISTED : Selection.TieBreak.AT_RANDOM;
        }
        if (rule == null || Double.isNaN(epsilon) || Double.isNaN(threshold)) {
            return null;
        }
        return new Selection(rule, rule == Selection.Rule.BEST_K ? keep : 1, epsilon, threshold, ties);
    }

    private MultiArm.ResponseAdaptive responseAdaptive(Node node) {
        Node.MapNode m = r.map(node, "a mapping with endpoint, information_fractions, prior, transform, floor, cap, "
                + "control_share, inferiority, futility, superiority, success", "endpoint", "information_fractions",
                "prior", "transform", "floor", "cap", "control_share", "inferiority", "futility", "superiority",
                "success");
        if (m == null) {
            return null;
        }
        String endpoint = endpoint(m, false);
        List<Double> fractions = fractions(m);
        double[] prior = m.has("prior") ? prior(m.get("prior")) : new double[] {1, 1};
        double transform = transform(m.get("transform"));
        double floor = r.number(m.get("floor"), 0, false, 1, true, "an allocation probability in [0, 1)");
        double cap = r.number(m.get("cap"), 0, true, 1, false, "an allocation probability in (0, 1]");
        if (!Double.isNaN(floor) && !Double.isNaN(cap) && cap < floor) {
            problems.add(m.get("cap"), "found cap " + Reading.fmt(cap) + " below floor " + Reading.fmt(floor)
                    + "; allowed a cap at least the floor");
        }
        if (!Double.isNaN(floor) && floor * arms.size() > 1) {
            problems.add(m.get("floor"), "found floor " + Reading.fmt(floor) + " with " + arms.size() + " arms ("
                    + Reading.fmt(floor * arms.size()) + " in all); allowed at most " + Reading.fmt(1.0 / arms.size()));
        }
        double share = m.has("control_share") ? r.number(m.get("control_share"), 0, true, 1, true,
                "the control's fixed allocation probability, in (0, 1)") : Double.NaN;
        double inferiority = threshold(m, "inferiority", 0);
        double futility = threshold(m, "futility", 0);
        double superiority = threshold(m, "superiority", 1);
        Node sn = r.required(m, "success", "the posterior probability of beating the control that declares success, "
                + "in (0, 1)");
        double success = sn == null ? Double.NaN : threshold(m, "success", Double.NaN);
        if (endpoint == null || fractions == null || prior == null || Double.isNaN(transform) || Double.isNaN(floor)
                || Double.isNaN(cap) || cap < floor || floor * arms.size() > 1 || m.has("control_share")
                && Double.isNaN(share) || Double.isNaN(inferiority) || Double.isNaN(futility)
                || Double.isNaN(superiority) || Double.isNaN(success)) {
            return null;
        }
        if (design != null) {
            int smallest = design.sampleSizes().get(0);
            double previous = 0;
            for (int i = 0; i < fractions.size(); i++) {
                long look = Math.round(fractions.get(i) * smallest);
                if (look <= previous) {
                    problems.add(((Node.ListNode) m.get("information_fractions")).items().get(i), "found an "
                            + "analysis after " + look + " patients at the sample size " + smallest + ", not after the "
                            + "one before; allowed fractions that give each analysis at least one new patient at "
                            + "every sample size");
                    return null;
                }
                previous = look;
            }
        }
        double exponent = transform < 0 ? Double.NaN : transform; // NaN: Thall and Wathen's n / (2 N)
        return new MultiArm.ResponseAdaptive(endpoint, fractions, prior[0], prior[1], exponent, floor, cap, share,
                inferiority, futility, superiority, success);
    }

    /** A decision threshold: absent its default, else a probability strictly inside (0, 1). */
    private double threshold(Node.MapNode m, String key, double absent) {
        if (!m.has(key)) {
            return absent;
        }
        return r.number(m.get(key), 0, true, 1, true, "a posterior probability threshold in (0, 1)");
    }

    private double transform(Node n) {
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
            return r.choice(n, List.of("thall_wathen")) == null ? Double.NaN : -1;
        }
        return r.number(n, 0, false, 100, false, "thall_wathen (exponent n / 2N) or a fixed exponent in [0, 100]");
    }

    /** The beta prior of every arm, {a, b} or {mean, ess}; each shape at least 1. */
    private double[] prior(Node n) {
        Node.MapNode m = r.map(n, "{a, b} or {mean, ess}", "a", "b", "mean", "ess");
        if (m == null) {
            return null;
        }
        boolean shapes = m.has("a") || m.has("b");
        if (shapes == (m.has("mean") || m.has("ess"))) {
            problems.add(m, "found " + (shapes ? "both shapes and mean/ess" : "no parameters") + "; allowed either "
                    + "{a, b} (the beta shapes) or {mean, ess} (the prior mean and effective sample size)");
            return null;
        }
        String shape = "a beta shape >= 1 (P(best) is integrated for shapes of at least 1; a shape <= 0 is no prior)";
        if (shapes) {
            double a = r.number(r.required(m, "a", "the first beta shape, >= 1"), 1, false, 1e6, false, shape);
            double b = r.number(r.required(m, "b", "the second beta shape, >= 1"), 1, false, 1e6, false, shape);
            return Double.isNaN(a) || Double.isNaN(b) ? null : new double[] {a, b};
        }
        double mean = r.number(r.required(m, "mean", "the prior mean response rate, in (0, 1)"), 0, true, 1, true,
                "a prior mean in (0, 1)");
        double ess = r.number(r.required(m, "ess", "the prior's effective sample size, > 0"), 0, true, 2e6, false,
                "a positive effective sample size ess (patients)");
        if (Double.isNaN(mean) || Double.isNaN(ess)) {
            return null;
        }
        double a = mean * ess;
        double b = (1 - mean) * ess;
        if (a < 1 || b < 1) {
            problems.add(m.get("ess"), "found mean " + Reading.fmt(mean) + " and ess " + Reading.fmt(ess) + ", the "
                    + "shapes a = " + Reading.fmt(a) + ", b = " + Reading.fmt(b) + "; allowed shapes >= 1 (P(best) is "
                    + "integrated for shapes of at least 1): a larger ess");
            return null;
        }
        return new double[] {a, b};
    }

    /**
     * The endpoint: the first by default; binary, or continuous for the closed test ({@code continuous}) when its
     * figures have a closed form ({@link #checkFigures}, once the scenario is built).
     */
    private String endpoint(Node.MapNode m, boolean continuousAllowed) {
        List<String> names = endpoints.stream().map(Endpoint::name).toList();
        String name = names.isEmpty() ? null : names.get(0);
        Node at = m.has("endpoint") ? m.get("endpoint") : m;
        if (m.has("endpoint")) {
            name = r.string(m.get("endpoint"), "an endpoint name");
            if (name != null && !names.contains(name)) {
                String hint = Reading.closest(name, names);
                problems.add(at, "found '" + name + "', which is not an endpoint" + (hint == null ? ""
                        : "; did you mean '" + hint + "'?") + " Allowed: " + String.join(", ", names));
                return null;
            }
        }
        String chosen = name;
        Endpoint e = endpoints.stream().filter(x -> x.name().equals(chosen)).findFirst().orElse(null);
        if (e != null && e.kind().type() == Endpoint.Type.CONTINUOUS && !continuousAllowed) {
            problems.add(at, "found the continuous endpoint '" + name + "' in response_adaptive; allowed a binary "
                    + "endpoint (the allocation rule's posteriors are beta-binomial, of responder counts; trialsim has "
                    + "no normal model for response-adaptive randomisation): use multi_arm for a continuous endpoint");
            return null;
        }
        if (e != null && e.kind().type() != Endpoint.Type.BINARY && e.kind().type() != Endpoint.Type.CONTINUOUS) {
            problems.add(at, "found the " + e.kind().type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + " endpoint '" + name + "'; allowed a binary endpoint (responder counts)" + (continuousAllowed
                    ? " or a continuous one (means)" : ""));
            return null;
        }
        if (e != null && e.control() == null) {
            problems.add(at, "found the single-arm endpoint '" + name + "'; allowed an endpoint with a control arm");
            return null;
        }
        return e == null ? null : name;
    }

    /**
     * Checks, once the scenario is built, that a {@code multi_arm} design's continuous endpoint has a closed-form
     * analysed mean and SD in every arm ({@link PlanningFigures#analysedMoments}), the figures its simulation draws
     * from; the problem is located at the block's {@code endpoint} (or the block).
     */
    static void checkFigures(Scenario scenario, Node.MapNode top, Problems problems) {
        MultiArm plan = scenario.multiArm();
        if (!(plan instanceof MultiArm.ClosedTest) || !top.has(CLOSED)) {
            return;
        }
        Endpoint e = scenario.endpoints().stream().filter(x -> x.name().equals(plan.endpoint())).findFirst()
                .orElse(null);
        if (e == null || e.kind().type() != Endpoint.Type.CONTINUOUS) {
            return;
        }
        Node block = top.get(CLOSED);
        Node at = block instanceof Node.MapNode bm && bm.has("endpoint") ? bm.get("endpoint") : block;
        for (Arm a : scenario.arms()) {
            if (PlanningFigures.analysedMoments(scenario, e, a) == null) {
                problems.add(at, "found the continuous endpoint '" + e.name() + "' (" + e.measured() + "), whose "
                        + "analysed mean and SD in arm " + a.name() + " have no closed form; allowed in multi_arm: "
                        + "madrs_change of a MADRS response model, or continuous or change_from_baseline of a "
                        + "continuous outcome without lower, upper or round_to, each with dropout that does not depend "
                        + "on the outcome and no estimand (strategy, intercurrent_events)");
                return;
            }
        }
    }

    /** At least one analysis, strictly increasing in (0, 1], the last 1. */
    private List<Double> fractions(Node.MapNode m) {
        Node fn = r.required(m, "information_fractions", "a list of analyses as fractions of the sample size, "
                + "increasing to 1");
        List<Double> fractions = r.numbers(fn, "a list of fractions in (0, 1], strictly increasing, the last 1",
                n -> r.number(n, 0, true, 1, false, "an information fraction in (0, 1]"));
        if (fractions == null || fractions.isEmpty() || fractions.contains(Double.NaN)) {
            if (fractions != null && fractions.isEmpty()) {
                problems.add(fn, "found no analyses; allowed at least one, the last 1");
            }
            return null;
        }
        if (!r.increasing(fn, fractions, "information fractions")) {
            return null;
        }
        double last = fractions.get(fractions.size() - 1);
        if (Math.abs(last - 1) > 1e-9) {
            problems.add(((Node.ListNode) fn).items().get(fractions.size() - 1), "found a last fraction of "
                    + Reading.fmt(last) + "; allowed 1 (the final analysis uses all patients)");
            return null;
        }
        return fractions;
    }

    private int allocationSum() {
        return arms.stream().mapToInt(Arm::allocation).sum();
    }

    private int treatmentShare() {
        return arms.stream().filter(a -> !a.equals(control())).findFirst().map(Arm::allocation).orElse(1);
    }

    private int controlShare() {
        return control().allocation();
    }

    private Arm control() {
        return arms.stream().filter(Arm::control).findFirst().orElse(arms.get(arms.size() - 1));
    }

    /** Every treatment arm has the same ratio (the design's planned size is one per treatment arm). */
    private void checkAllocation(Node.MapNode m) {
        Arm control = control();
        List<Arm> treatments = arms.stream().filter(a -> !a.equals(control)).toList();
        if (treatments.stream().mapToInt(Arm::allocation).distinct().count() > 1) {
            problems.add(m, "found treatment arms with different allocation ratios ("
                    + String.join(", ", treatments.stream().map(a -> a.name() + " " + a.allocation()).toList())
                    + "); allowed one ratio for every arm compared with the control (the control's may differ)");
        }
        if (design != null) {
            int sum = allocationSum();
            for (int n : design.sampleSizes()) {
                if (n % sum != 0) {
                    problems.add(m, "found the sample size " + n + ", which does not split into the allocation ratios "
                            + "(sum " + sum + "); allowed sample sizes that are multiples of " + sum);
                    return;
                }
            }
        }
    }

    /** Every stage has at least one patient on an arm of allocation {@code share} at the smallest sample size. */
    private void checkStages(Node fn, List<Double> fractions, int share, String who) {
        if (design == null || design.sampleSizes().isEmpty()) {
            return;
        }
        int smallest = design.sampleSizes().get(0);
        int perArm = smallest / allocationSum() * share;
        long previous = 0;
        for (int i = 0; i < fractions.size(); i++) {
            long cumulative = Math.round(fractions.get(i) * perArm);
            if (cumulative <= previous) {
                problems.add(((Node.ListNode) fn).items().get(i), "found a stage with no patients on " + who + " ("
                        + perArm + " in all at the sample size " + smallest + "); allowed fractions that give every "
                        + "stage at least one patient on every arm");
                return;
            }
            previous = cumulative;
        }
    }
}
