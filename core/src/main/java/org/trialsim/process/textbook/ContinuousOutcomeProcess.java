package org.trialsim.process.textbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.endpoint.Observation;
import org.trialsim.endpoint.ObservedProcess;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Continuous outcomes named by the planner ({@code arms.<arm>.continuous_outcomes.<name>: {mean, sd, baseline,
 * lower, upper, round_to}}): the model ({@link ContinuousOutcomes}), the draws of each outcome on a stream of its
 * own ({@link NormalDraw}), and two endpoint kinds assessed at the endpoint's {@code at_week} (default 0):
 * {@code continuous}, the value (with the baseline as ANCOVA's covariate when there is one), and
 * {@code change_from_baseline}, the value minus the baseline. As for every continuous endpoint, only patients
 * who have not dropped out before the assessment are analysed; higher values favour the treatment in one-sided
 * tests.
 */
public final class ContinuousOutcomeProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /** Continuous: a named outcome's value at {@code at_week} (default 0). */
    public static final Endpoint.Kind CONTINUOUS = Endpoint.Kind.assessedAt("continuous", Endpoint.Type.CONTINUOUS,
            "the value of a named continuous outcome at a week", 0, ContinuousOutcomes.KEY);
    /** Continuous: a named outcome's change from its baseline at {@code at_week} (default 0). */
    public static final Endpoint.Kind CHANGE = Endpoint.Kind.assessedAt("change_from_baseline",
            Endpoint.Type.CONTINUOUS, "the change of a named continuous outcome from its baseline at a week", 0,
            ContinuousOutcomes.KEY);

    private static final String INSTANCE = "a mapping with mean, sd, baseline, lower, upper, round_to";
    private static final String BASELINE = "a mapping with mean, sd, correlation";

    @Override
    public String key() {
        return ContinuousOutcomes.KEY;
    }

    @Override
    public String description() {
        return "continuous outcomes named by the planner, each normal, with an optional correlated baseline";
    }

    @Override
    public String noun() {
        return "a continuous outcome";
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Map<String, ContinuousOutcomes.Outcome> outcomes = Named.read(settings, ContinuousOutcomes.KEY, noun(),
                (name, all) -> outcome(all.mapping(name, INSTANCE, "mean", "sd", "baseline", "lower", "upper",
                        "round_to")));
        return outcomes == null ? null : new ContinuousOutcomes(outcomes);
    }

    private static ContinuousOutcomes.Outcome outcome(Settings o) {
        if (o == null) {
            return null;
        }
        double mean = o.number("mean", -1e15, false, 1e15, false, "a finite mean");
        double sd = o.number("sd", 0, true, 1e15, false, "a standard deviation > 0");
        ContinuousOutcomes.Baseline baseline = null;
        boolean ok = !Double.isNaN(mean + sd);
        if (o.has("baseline")) {
            Settings b = o.mapping("baseline", BASELINE, "mean", "sd", "correlation");
            double bm = b == null ? Double.NaN : b.number("mean", -1e15, false, 1e15, false, "a finite mean");
            double bs = b == null ? Double.NaN : b.number("sd", 0, false, 1e15, false, "a standard deviation >= 0");
            double rho = b == null ? Double.NaN : b.number("correlation", -1, false, 1, false,
                    "a correlation in [-1, 1] of baseline and value");
            ok &= !Double.isNaN(bm + bs + rho);
            baseline = new ContinuousOutcomes.Baseline(bm, bs, rho);
        }
        double lower = o.has("lower") ? o.number("lower", -1e15, false, 1e15, false, "a finite lower bound")
                : Double.NEGATIVE_INFINITY;
        double upper = o.has("upper") ? o.number("upper", -1e15, false, 1e15, false, "a finite upper bound")
                : Double.POSITIVE_INFINITY;
        double step = o.has("round_to") ? o.number("round_to", 0, true, 1e15, false,
                "a rounding step > 0 (1 for whole points)") : 0;
        ok &= !Double.isNaN(lower) && !Double.isNaN(upper) && !Double.isNaN(step);
        if (ok && !(lower < upper)) {
            o.problem("upper", "found upper " + SummaryLines.num(upper) + " not above lower " + SummaryLines.num(lower)
                    + "; allowed upper > lower");
            ok = false;
        }
        if (ok && baseline != null && (baseline.mean() < lower || baseline.mean() > upper)
                || ok && (mean < lower || mean > upper)) {
            o.problem(mean < lower || mean > upper ? "mean" : "baseline", "found a mean outside [lower, upper] = ["
                    + SummaryLines.num(lower) + ", " + SummaryLines.num(upper) + "]; allowed a mean within the bounds");
            ok = false;
        }
        return ok ? new ContinuousOutcomes.Outcome(mean, sd, baseline, lower, upper, step) : null;
    }

    /** Takes the endpoint's instance alone, so that the other instances stay as they were. */
    @Override
    public PatientModel withOutcomeFrom(Endpoint endpoint, PatientModel model, PatientModel from) {
        ContinuousOutcomes own = (ContinuousOutcomes) model.process(ContinuousOutcomes.KEY);
        ContinuousOutcomes other = (ContinuousOutcomes) from.process(ContinuousOutcomes.KEY);
        return model.with(new ContinuousOutcomes(Named.withInstance(own == null ? java.util.Map.of() : own.outcomes(),
                other == null ? java.util.Map.of() : other.outcomes(), endpoint.outcome())));
    }

    @Override
    public boolean namesOutcomes() {
        return true;
    }

    @Override
    public List<String> outcomes(ProcessModel model) {
        return List.copyOf(((ContinuousOutcomes) model).outcomes().keySet());
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(CONTINUOUS, CHANGE);
    }

    /**
     * The outcome's mean plus {@code shift} (with no bounds or rounding, the observed difference in means is then
     * exactly {@code shift}, for the value and for the change from baseline alike).
     */
    @Override
    public PatientModel shiftedForMargin(Endpoint endpoint, PatientModel m, double shift) {
        ContinuousOutcomes c = (ContinuousOutcomes) m.process(ContinuousOutcomes.KEY);
        ContinuousOutcomes.Outcome o = c.outcomes().get(endpoint.outcome());
        Map<String, ContinuousOutcomes.Outcome> copy = new java.util.LinkedHashMap<>(c.outcomes());
        copy.put(endpoint.outcome(), new ContinuousOutcomes.Outcome(o.mean() + shift, o.sd(), o.baseline(), o.lower(),
                o.upper(), o.roundTo()));
        return m.with(new ContinuousOutcomes(copy));
    }

    /** The change from baseline needs a baseline. */
    @Override
    public String missingFor(Endpoint.Kind kind, String outcome, ProcessModel model, String armName) {
        return kind == CHANGE ? missingBaseline(kind, outcome, model, armName) : null;
    }

    @Override
    public String missingBaseline(Endpoint.Kind kind, String outcome, ProcessModel model, String armName) {
        ContinuousOutcomes.Outcome o = ((ContinuousOutcomes) model).outcomes().get(outcome);
        return o != null && o.baseline() != null ? null : "a baseline of the continuous outcome " + outcome + " (arms."
                + armName + "." + ContinuousOutcomes.KEY + "." + outcome + ".baseline)";
    }

    private static ContinuousOutcomes.Outcome outcome(PatientModel m, String name) {
        ContinuousOutcomes c = (ContinuousOutcomes) m.process(ContinuousOutcomes.KEY);
        return c == null ? null : c.outcomes().get(name);
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (!Named.any(s, ContinuousOutcomes.KEY)) {
            return;
        }
        out.line("Continuous outcomes (normal; value and change from baseline, mean and SD; ANCOVA's residual SD"
                + " is SD x sqrt(1 - rho^2); bounds and rounding ignored):");
        out.line("  %-16s %-20s %-20s %9s %9s %9s %9s %7s %9s %9s %9s", "outcome", "arm", "stratum", "mean", "SD",
                "base", "base SD", "rho", "change", "change SD", "resid SD");
        for (String name : Named.names(s, ContinuousOutcomes.KEY, m -> ((ContinuousOutcomes) m).outcomes())) {
            boolean bounded = false;
            for (Arm a : s.arms()) {
                for (Stratum st : s.strata()) {
                    ContinuousOutcomes.Outcome o = outcome(a.model(st.name()), name);
                    if (o == null) {
                        out.line("  %-16s %-20s %-20s %9s", name, a.name(), st.name(), "none");
                        continue;
                    }
                    ContinuousOutcomes.Baseline b = o.baseline();
                    out.line("  %-16s %-20s %-20s %9s %9s %9s %9s %7s %9s %9s %9s", name, a.name(), st.name(),
                            SummaryLines.num3(o.mean()), SummaryLines.num3(o.sd()),
                            b == null ? "-" : SummaryLines.num3(b.mean()), b == null ? "-" : SummaryLines.num3(b.sd()),
                            b == null ? "-" : SummaryLines.num(b.correlation()),
                            b == null ? "-" : SummaryLines.num3(o.changeMean()),
                            b == null ? "-" : SummaryLines.num3(o.changeSd()), SummaryLines.num3(o.residualSd()));
                    bounded |= o.transformed();
                }
            }
            if (bounded) {
                out.line("  (%s: values rounded or bounded as given; the figures above ignore it)", name);
            }
        }
        out.line("");
    }

    /**
     * The value's (or the change's) normal mean and SD; {@code null} for an outcome with bounds or rounding (not
     * normal, and its change's variance needs the clamped pair's joint moments, which are not computed here).
     */
    @Override
    public double[] continuousMoments(Endpoint e, PatientModel m, double induction, double week) {
        ContinuousOutcomes.Outcome o = outcome(m, e.outcome());
        if (o == null || o.transformed()) {
            return null;
        }
        boolean change = e.kind() == CHANGE;
        double mean = change ? o.changeMean() : o.mean();
        double sd = change ? o.changeSd() : o.sd();
        return new double[] {mean, sd * sd + mean * mean};
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        boolean change = e.kind() == CHANGE;
        double mean = PlanningFigures.average(s, a, st -> Named.inPopulation(e, st), m -> {
            ContinuousOutcomes.Outcome o = outcome(m, e.outcome());
            return o == null ? Double.NaN : change ? o.changeMean() : o.mean();
        });
        List<Stratum> pop = s.strata().stream().filter(st -> Named.inPopulation(e, st)).toList();
        String sd = "";
        if (pop.size() == 1) {
            ContinuousOutcomes.Outcome o = outcome(a.model(pop.get(0).name()), e.outcome());
            if (o != null) {
                sd = ", SD " + SummaryLines.num3(change ? o.changeSd() : o.sd());
            }
        }
        return (change ? "mean change " : "mean ") + SummaryLines.num3(mean) + sd;
    }

    /**
     * The mean as observed: with bounds, the value and the baseline are each set into them, so the mean is
     * E[T(Y)] (minus E[T(B)] for a change), each a clamped normal's ({@link PlanningFigures#clampedNormalMean}),
     * whatever their correlation, by linearity; rounding to the step is left out (its mean effect is a small
     * fraction of the step). Without bounds the {@link #expected} value.
     */
    @Override
    public String analysed(Endpoint e, Arm a, Scenario s) {
        boolean bounded = s.arms().stream().flatMap(x -> x.modelByStratum().values().stream())
                .map(m -> outcome(m, e.outcome()))
                .anyMatch(o -> o != null && (o.lower() > Double.NEGATIVE_INFINITY || o.upper() < Double.POSITIVE_INFINITY));
        if (!bounded) {
            return expected(e, a, s);
        }
        boolean change = e.kind() == CHANGE;
        double mean = PlanningFigures.average(s, a, st -> Named.inPopulation(e, st), m -> {
            ContinuousOutcomes.Outcome o = outcome(m, e.outcome());
            if (o == null) {
                return Double.NaN;
            }
            double y = PlanningFigures.clampedNormalMean(o.mean(), o.sd(), o.lower(), o.upper());
            return change ? y - PlanningFigures.clampedNormalMean(o.baseline().mean(), o.baseline().sd(), o.lower(),
                    o.upper()) : y;
        });
        return (change ? "mean change " : "mean ") + SummaryLines.num3(mean) + " (values set into their bounds)";
    }

    @Override
    public StreamId stream() {
        throw new UnsupportedOperationException("each continuous outcome has a stream of its own (parts)");
    }

    /** None of fixed name: each outcome {@code NAME} has the columns {@code continuous_NAME} and {@code baseline_NAME}. */
    @Override
    public List<Column> columns() {
        return List.of();
    }

    /** The value's column of outcome {@code name}. */
    static Column.Doubles valueColumn(String name) {
        return Column.namedDoubles("continuous_" + name, "", "the continuous outcome " + name + " at its assessment",
                Double.NaN);
    }

    /** The baseline's column of outcome {@code name}. */
    static Column.Doubles baselineColumn(String name) {
        return Column.namedDoubles("baseline_" + name, "", "the baseline of the continuous outcome " + name,
                Double.NaN);
    }

    /** One part per outcome the scenario names, on the stream {@code continuous_outcomes.NAME}. */
    @Override
    public List<Part> parts(ProcessCells cells) {
        List<Part> out = new ArrayList<>();
        for (String name : Named.names(cells, m -> ((ContinuousOutcomes) m).outcomes())) {
            Column.Doubles value = valueColumn(name);
            Column.Doubles baseline = baselineColumn(name);
            out.add(new Part(Named.stream(ContinuousOutcomes.KEY, name), List.of(baseline, value),
                    new NormalDraw(cells, name, value, baseline)));
        }
        return out;
    }

    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        if (endpoint.outcome() == null) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + " names no continuous outcome");
        }
        return new Value(valueColumn(endpoint.outcome()), baselineColumn(endpoint.outcome()),
                endpoint.kind() == CHANGE);
    }

    /** The value (or its change from baseline) of a patient assessed, with the baseline as covariate. */
    private static final class Value extends Observation {
        private final Column.Doubles valueColumn;
        private final Column.Doubles baselineColumn;
        private final boolean change;
        private double[] value;
        private double[] baseline;

        Value(Column.Doubles valueColumn, Column.Doubles baselineColumn, boolean change) {
            this.valueColumn = valueColumn;
            this.baselineColumn = baselineColumn;
            this.change = change;
        }

        @Override
        public void bind(Cohort c) {
            value = c.doubles(valueColumn);
            baseline = c.doubles(baselineColumn);
        }

        @Override
        public Observation copy() {
            return new Value(valueColumn, baselineColumn, change);
        }

        @Override
        public double value(int i) {
            return change ? value[i] - baseline[i] : value[i];
        }

        @Override
        public double baseline(int i) {
            return baseline[i];
        }
    }
}
