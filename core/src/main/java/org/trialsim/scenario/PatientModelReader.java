package org.trialsim.scenario;

import java.util.List;

/**
 * Reads one arm's patient model in one stratum (the arm's settings with the stratum's overrides already
 * merged in): induction response, depressive relapse and the benzodiazepine process, with their hazards.
 */
final class PatientModelReader {

    private final Reading r;
    private final Node.MapNode templates;

    PatientModelReader(Reading r, Node.MapNode templates) {
        this.r = r;
        this.templates = templates;
    }

    private Node withTemplate(String name, Node n) {
        return n instanceof Node.MapNode ? TreeEdit.merge(templates.get(name), n) : n;
    }

    PatientModel read(Node.MapNode model, Stratum stratum) {
        ResponseModel response = model.has("response") ? response(model.get("response")) : null;
        Relapse relapse = model.has("relapse") ? relapse(model.get("relapse"), model.has("response")) : null;
        Benzodiazepine benzo = model.has("benzodiazepine")
                ? benzodiazepine(model.get("benzodiazepine"), model.has("response")) : null;
        // The benzodiazepine process is simulated only for long-term users; elsewhere it is absent.
        return new PatientModel(response, relapse, stratum.benzodiazepineUser() ? benzo : null);
    }

    private ResponseModel response(Node n) {
        Node.MapNode m = r.map(n, "{probability, remission} or {madrs: {baseline_mean, baseline_sd, change_mean, "
                + "change_sd, response_reduction, remission_threshold}}", "probability", "remission", "madrs");
        if (m == null) {
            return null;
        }
        if (m.has("madrs")) {
            for (String k : List.of("probability", "remission")) {
                if (m.has(k)) {
                    r.problems.add(m.get(k), "found " + k + " together with madrs; allowed either probability/remission "
                            + "or a madrs score model, not both");
                }
            }
            return madrs(m.get("madrs"));
        }
        Node.MapNode p = (Node.MapNode) withTemplate("response_probability", m);
        double response = r.probability(r.required(p, "probability", "the probability of response, in [0, 1]"));
        double remission = r.probability(p.get("remission"));
        if (!Double.isNaN(response) && !Double.isNaN(remission) && remission > response) {
            r.problems.add(p.get("remission"), "found remission " + Reading.fmt(remission) + " above the response "
                    + "probability " + Reading.fmt(response) + "; allowed remission <= response (a remitter is also a "
                    + "responder)");
            return null;
        }
        return Double.isNaN(response) || Double.isNaN(remission) ? null : new ResponseModel.Probability(response, remission);
    }

    private ResponseModel madrs(Node n) {
        Node.MapNode m = r.map(withTemplate("madrs", n), "a mapping with baseline_mean, baseline_sd, change_mean, "
                + "change_sd, response_reduction, remission_threshold", "baseline_mean", "baseline_sd", "change_mean",
                "change_sd", "response_reduction", "remission_threshold");
        if (m == null) {
            return null;
        }
        double bm = r.number(r.required(m, "baseline_mean", "the mean baseline MADRS"), 0, false, 60, false,
                "a mean baseline MADRS in [0, 60]");
        double bs = r.number(r.required(m, "baseline_sd", "the SD of baseline MADRS"), 0, false, 60, false,
                "a standard deviation in [0, 60]");
        double cm = r.number(r.required(m, "change_mean", "the mean change of MADRS (negative is improvement)"), -60,
                false, 60, false, "a mean change in [-60, 60] MADRS points (negative is improvement)");
        double cs = r.number(r.required(m, "change_sd", "the SD of the change"), 0, true, 60, false,
                "a standard deviation in (0, 60]");
        double red = r.number(m.get("response_reduction"), 0, true, 1, false, "a fraction of baseline in (0, 1]");
        double thr = r.number(m.get("remission_threshold"), 0, false, 60, false, "a MADRS score in [0, 60]");
        if (Double.isNaN(bm + bs + cm + cs + red + thr)) {
            return null;
        }
        return new ResponseModel.Madrs(bm, bs, cm, cs, red, thr);
    }

    private Relapse relapse(Node n, boolean hasResponse) {
        Node.MapNode m = r.map(withTemplate("relapse", n), "a mapping with from, hazard, durable_fraction, hazard_ratio",
                "from", "hazard", "durable_fraction", "hazard_ratio");
        if (m == null) {
            return null;
        }
        Relapse.Origin origin = r.enumValue(m.get("from"), Relapse.Origin.class);
        if (origin == Relapse.Origin.RESPONSE && !hasResponse) {
            r.problems.add(m.get("from"), "found relapse from response in an arm with no response model; allowed "
                    + "from: randomization, or give the arm a response");
        }
        Hazard hazard = hazard(r, r.required(m, "hazard", "a hazard: {exponential: {rate | median}}, {weibull: {shape, "
                + "scale}} or {piecewise: {starts, rates}}"));
        double durable = r.number(m.get("durable_fraction"), 0, false, 1, true, "a probability in [0, 1)");
        double hr = r.number(m.get("hazard_ratio"), 0, true, 100, false, "a hazard ratio in (0, 100]");
        if (origin == null || hazard == null || Double.isNaN(durable) || Double.isNaN(hr)) {
            return null;
        }
        return new Relapse(origin, hazard, durable, hr);
    }

    private Benzodiazepine benzodiazepine(Node n, boolean hasResponse) {
        Node.MapNode m = r.map(withTemplate("benzodiazepine", n), "a mapping with discontinuation, relapse_hazard, "
                + "hazard_ratio_after_depressive_relapse", "discontinuation", "relapse_hazard",
                "hazard_ratio_after_depressive_relapse");
        if (m == null) {
            return null;
        }
        Node d = r.required(m, "discontinuation", "a probability, or {responders, non_responders}");
        double responders = Double.NaN;
        double nonResponders = Double.NaN;
        if (d instanceof Node.MapNode) {
            Node.MapNode dm = r.map(d, "{responders, non_responders}", "responders", "non_responders");
            responders = r.probability(r.required(dm, "responders", "the probability that a responder discontinues"));
            nonResponders = r.probability(r.required(dm, "non_responders",
                    "the probability that a non-responder discontinues"));
            if (!hasResponse) {
                r.problems.add(d, "found discontinuation by response status in an arm with no response model; "
                        + "allowed a single probability, or give the arm a response");
            }
        } else if (d != null) {
            responders = r.probability(d);
            nonResponders = responders;
        }
        Hazard hazard = hazard(r, r.required(m, "relapse_hazard", "the hazard of returning to benzodiazepines"));
        double hr = r.number(m.get("hazard_ratio_after_depressive_relapse"), 0, true, 100, false,
                "a hazard ratio in (0, 100]");
        if (Double.isNaN(responders) || Double.isNaN(nonResponders) || hazard == null || Double.isNaN(hr)) {
            return null;
        }
        return new Benzodiazepine(responders, nonResponders, hazard, hr);
    }

    /** Reads {exponential: {rate | median}}, {weibull: {shape, scale}} or {piecewise: {starts, rates}}. */
    static Hazard hazard(Reading r, Node n) {
        Node.MapNode m = r.map(n, "one of {exponential: {rate | median}}, {weibull: {shape, scale}}, "
                + "{piecewise: {starts, rates}}", "exponential", "weibull", "piecewise");
        if (m == null) {
            return null;
        }
        if (m.members().size() != 1) {
            r.problems.add(m, "found " + (m.members().isEmpty() ? "none" : String.join(" and ", m.members().keySet()))
                    + "; allowed exactly one of exponential, weibull, piecewise");
            return null;
        }
        Node.Member only = m.members().values().iterator().next();
        switch (only.key()) {
            case "exponential": {
                Node.MapNode e = r.map(only.value(), "{rate: per week} or {median: weeks}", "rate", "median");
                if (e == null) {
                    return null;
                }
                if (e.members().size() != 1) {
                    r.problems.add(e, "found " + (e.members().isEmpty() ? "none" : "both rate and median")
                            + "; allowed exactly one of rate (events per week) or median (weeks)");
                    return null;
                }
                if (e.has("rate")) {
                    double rate = r.nonNegative(e.get("rate"), "events per week");
                    return Double.isNaN(rate) ? null : new Hazard.Exponential(rate);
                }
                double median = r.positive(e.get("median"), "median time in weeks");
                return Double.isNaN(median) ? null : new Hazard.Exponential(Math.log(2) / median);
            }
            case "weibull": {
                Node.MapNode w = r.map(only.value(), "{shape, scale (weeks)}", "shape", "scale");
                if (w == null) {
                    return null;
                }
                double shape = r.number(r.required(w, "shape", "the Weibull shape"), 0, true, 100, false,
                        "a shape in (0, 100]");
                double scale = r.positive(r.required(w, "scale", "the Weibull scale in weeks"), "scale in weeks");
                return Double.isNaN(shape) || Double.isNaN(scale) ? null : new Hazard.Weibull(shape, scale);
            }
            default: {
                Node.MapNode p = r.map(only.value(), "{starts: [weeks], rates: [per week]}", "starts", "rates");
                if (p == null) {
                    return null;
                }
                List<List<Double>> sr = ScenarioReader.piecewise(r, p, "events per week");
                return sr == null ? null : new Hazard.PiecewiseExponential(sr.get(0), sr.get(1));
            }
        }
    }
}
