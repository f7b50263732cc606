package org.trialsim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one arm's patient model in one stratum (the arm's settings with the stratum's overrides already
 * merged in): the block of every registered process the arm gives ({@link ProcessRegistry}), each read by its
 * process with its default template merged in. Holds the hazard reader that processes share.
 */
final class PatientModelReader {

    private final Reading r;
    private final Node.MapNode templates;

    PatientModelReader(Reading r, Node.MapNode templates) {
        this.r = r;
        this.templates = templates;
    }

    PatientModel read(Node.MapNode model, String armName, Stratum stratum) {
        ProcessDefinition.ArmContext context = new ProcessDefinition.ArmContext() {
            @Override
            public String arm() {
                return armName;
            }

            @Override
            public Stratum stratum() {
                return stratum;
            }

            @Override
            public boolean has(String key) {
                return model.has(key);
            }

            @Override
            public java.util.Set<String> names(String key) {
                return model.get(key) instanceof Node.MapNode m ? m.members().keySet() : java.util.Set.of();
            }
        };
        Map<String, ProcessModel> models = new LinkedHashMap<>();
        for (ProcessDefinition d : ProcessRegistry.get().all()) {
            Node block = model.get(d.key());
            if (block == null) {
                continue;
            }
            Node merged = block instanceof Node.MapNode && templates.get(d.key()) != null
                    ? TreeEdit.merge(templates.get(d.key()), block) : block;
            Settings settings = Settings.of(r, templates, merged, "a mapping of " + d.key() + " settings ("
                    + d.description() + ")");
            ProcessModel m = settings == null ? null : d.read(settings, context);
            // A process that does not apply in this stratum (ProcessDefinition.appliesTo) is read,
            // so that its problems are reported, and then left out.
            if (m != null && d.appliesTo(stratum)) {
                models.put(d.key(), m);
            }
        }
        return new PatientModel(models);
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
                // count only rate and median: another key (units: days) is reported by r.map as unknown, and
                // {median: 18, units: days} is not "both rate and median"
                int given = (e.has("rate") ? 1 : 0) + (e.has("median") ? 1 : 0);
                if (given != 1) {
                    r.problems.add(e, "found " + (given == 0 ? "neither rate nor median" : "both rate and median")
                            + "; allowed exactly one of rate (events per week) or median (weeks); times are always"
                            + " in weeks");
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
