package org.trialsim.process;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.RelapseTime;
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
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Induction response and remission at the end of the induction course ({@code arms.<arm>.response}), given
 * as probabilities or derived from a MADRS score model ({@link ResponseModel}); offers the endpoint kinds
 * response, remission, MADRS change and sustained response. Its draws are {@link InductionResponse}'s.
 */
public final class InductionResponseProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /** The process key. */
    public static final String KEY = ResponseModel.KEY;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String description() {
        return "induction response and remission at the end of induction (probabilities or a MADRS score model)";
    }

    @Override
    public String noun() {
        return "a response model";
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Settings m = settings.allowing("{probability, remission} or {madrs: {baseline_mean, baseline_sd, change_mean, "
                + "change_sd, response_reduction, remission_threshold}}", "probability", "remission", "madrs");
        if (m == null) {
            return null;
        }
        if (m.has("madrs")) {
            for (String k : List.of("probability", "remission")) {
                if (m.has(k)) {
                    m.problem(k, "found " + k + " together with madrs; allowed either probability/remission or a madrs "
                            + "score model, not both");
                }
            }
            return madrs(m.mapping("madrs", "a mapping with baseline_mean, baseline_sd, change_mean, change_sd, "
                    + "response_reduction, remission_threshold"));
        }
        Settings p = m.withTemplate("response_probability", "{probability, remission}", "probability", "remission");
        double response = p.number("probability", 0, false, 1, false, "a probability in [0, 1]");
        double remission = p.probability("remission");
        if (!Double.isNaN(response) && !Double.isNaN(remission) && remission > response) {
            p.problem("remission", "found remission " + SummaryLines.num(remission) + " above the response probability "
                    + SummaryLines.num(response) + "; allowed remission <= response (a remitter is also a responder)");
            return null;
        }
        return Double.isNaN(response) || Double.isNaN(remission) ? null : new ResponseModel.Probability(response, remission);
    }

    private static ResponseModel madrs(Settings given) {
        if (given == null) {
            return null;
        }
        Settings m = given.withTemplate("madrs", "a mapping with baseline_mean, baseline_sd, change_mean, change_sd, "
                + "response_reduction, remission_threshold", "baseline_mean", "baseline_sd", "change_mean", "change_sd",
                "response_reduction", "remission_threshold");
        double bm = m.number("baseline_mean", 0, false, 60, false, "a mean baseline MADRS in [0, 60]");
        double bs = m.number("baseline_sd", 0, false, 60, false, "a standard deviation in [0, 60]");
        double cm = m.number("change_mean", -60, false, 60, false,
                "a mean change in [-60, 60] MADRS points (negative is improvement)");
        double cs = m.number("change_sd", 0, true, 60, false, "a standard deviation in (0, 60]");
        double red = m.number("response_reduction", 0, true, 1, false, "a fraction of baseline in (0, 1]");
        double thr = m.number("remission_threshold", 0, false, 60, false, "a MADRS score in [0, 60]");
        if (Double.isNaN(bm + bs + cm + cs + red + thr)) {
            return null;
        }
        return new ResponseModel.Madrs(bm, bs, cm, cs, red, thr);
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(Endpoint.Kind.RESPONSE, Endpoint.Kind.REMISSION, Endpoint.Kind.MADRS_CHANGE,
                Endpoint.Kind.SUSTAINED_RESPONSE);
    }

    @Override
    public String missingFor(Endpoint.Kind kind, ProcessModel model, String armName) {
        if (kind == Endpoint.Kind.MADRS_CHANGE && !(model instanceof ResponseModel.Madrs)) {
            return "a MADRS score model (arms." + armName + ".response.madrs)";
        }
        return null;
    }

    /** Response and remission are assessed at the end of induction. */
    @Override
    public boolean usesInduction(ProcessModel model) {
        return true;
    }

    /** The MADRS score model's baseline. */
    @Override
    public String missingBaseline(Endpoint.Kind kind, String outcome, ProcessModel model, String armName) {
        return model instanceof ResponseModel.Madrs ? null
                : "a MADRS score model for ANCOVA on baseline (arms." + armName + ".response.madrs)";
    }

    @Override
    public double successProbability(Endpoint.Kind kind, PatientModel m, double induction, double week) {
        if (kind == Endpoint.Kind.RESPONSE) {
            return PlanningFigures.response(m.response());
        } else if (kind == Endpoint.Kind.REMISSION) {
            return PlanningFigures.remission(m.response());
        } else if (kind == Endpoint.Kind.SUSTAINED_RESPONSE) {
            return PlanningFigures.response(m.response()) * (m.relapse() == null ? 1
                    : m.relapse().survival(m.relapse().origin() == Relapse.Origin.RESPONSE ? week - induction : week));
        }
        return ProcessDefinition.super.successProbability(kind, m, induction, week);
    }

    /** Response (response, sustained response) or remission multiplied by k; MADRS models become probabilities. */
    @Override
    public PatientModel scaledForNull(Endpoint.Kind kind, PatientModel m, double k) {
        if (kind == Endpoint.Kind.RESPONSE || kind == Endpoint.Kind.SUSTAINED_RESPONSE) {
            double response = Processes.capped(k * PlanningFigures.response(m.response()));
            double remission = Math.min(response, PlanningFigures.remission(m.response()));
            return m.with(new ResponseModel.Probability(response, remission));
        } else if (kind == Endpoint.Kind.REMISSION) {
            double remission = Processes.capped(k * PlanningFigures.remission(m.response()));
            double response = Math.max(remission, PlanningFigures.response(m.response()));
            return m.with(new ResponseModel.Probability(response, remission));
        }
        return ProcessDefinition.super.scaledForNull(kind, m, k);
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (!Processes.anyModel(s, m -> m.response() != null)) {
            return;
        }
        out.line("Induction response at week %s (averaged over strata by prevalence):",
                SummaryLines.num(s.schedule().inductionWeeks()));
        out.line("  %-20s %9s %9s %26s", "arm", "response", "remission", "response net of dropout");
        for (Arm a : s.arms()) {
            double resp = PlanningFigures.average(s, a, st -> true, m -> PlanningFigures.response(m.response()));
            double rem = PlanningFigures.average(s, a, st -> true, m -> PlanningFigures.remission(m.response()));
            out.line("  %-20s %9s %9s %26s", a.name(), SummaryLines.p3(resp), SummaryLines.p3(rem),
                    SummaryLines.p3(PlanningFigures.average(s, a, st -> true, m -> PlanningFigures.response(m.response())
                            * (1 - PlanningFigures.dropout(s, m).inductionProbability()))));
        }
        if (Processes.anyModel(s, m -> m.response() instanceof ResponseModel.Madrs)) {
            out.line("  (MADRS models: normal closed form for the linear combination, ignoring truncation to [0, 60])");
        }
        out.line("");
    }

    /**
     * The MADRS change from baseline to the end of induction as the model draws it: baseline and end score each
     * clamped to [0, 60] ({@link PlanningFigures#clampedChangeMoments}); other kinds: none.
     */
    @Override
    public double[] continuousMoments(Endpoint e, PatientModel m, double induction, double week) {
        if (e.kind() != Endpoint.Kind.MADRS_CHANGE || !(m.response() instanceof ResponseModel.Madrs md)) {
            return null;
        }
        return PlanningFigures.clampedChangeMoments(md.baselineMean(), md.baselineSd(), md.changeMean(),
                md.changeSd(), InductionResponse.MADRS_MIN, InductionResponse.MADRS_MAX, true);
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        java.util.function.Predicate<Stratum> inPop = st -> e.strata().isEmpty() || e.strata().contains(st.name());
        if (e.kind() == Endpoint.Kind.MADRS_CHANGE) {
            return "mean change " + SummaryLines.num3(PlanningFigures.average(s, a, inPop,
                    m -> m.response() instanceof ResponseModel.Madrs md ? md.changeMean() : Double.NaN));
        }
        if (e.kind() == Endpoint.Kind.SUSTAINED_RESPONSE) {
            return SummaryLines.p3(PlanningFigures.average(s, a, inPop, m -> m.relapse() == null ? Double.NaN
                    : successProbability(e.kind(), m, s.schedule().inductionWeeks(), e.atWeek())));
        }
        return SummaryLines.p3(PlanningFigures.average(s, a, inPop,
                m -> successProbability(e.kind(), m, s.schedule().inductionWeeks(), e.atWeek())));
    }

    @Override
    public StreamId stream() {
        return StreamId.RESPONSE;
    }

    @Override
    public List<Column> columns() {
        return InductionResponse.COLUMNS;
    }

    @Override
    public ProcessSampler compile(ProcessCells cells) {
        return InductionResponse.compile(cells);
    }

    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        Endpoint.Kind kind = endpoint.kind();
        if (kind == Endpoint.Kind.MADRS_CHANGE) {
            Processes.requireEveryModel(scenario, endpoint, m -> m.response() instanceof ResponseModel.Madrs,
                    "a MADRS response model");
            return new MadrsChange();
        }
        if (kind == Endpoint.Kind.SUSTAINED_RESPONSE) {
            return new SustainedResponse(endpoint.atWeek());
        }
        return new Responded(kind == Endpoint.Kind.REMISSION);
    }

    /** Response (or remission) at the end of induction. */
    private static final class Responded extends Observation {
        private final boolean remission;
        private boolean[] outcome;

        Responded(boolean remission) {
            this.remission = remission;
        }

        @Override
        public void bind(Cohort c) {
            outcome = c.booleans(remission ? InductionResponse.REMITTED : InductionResponse.RESPONDED);
        }

        @Override
        public Observation copy() {
            return new Responded(remission);
        }

        @Override
        public boolean success(int i) {
            return outcome[i];
        }
    }

    /** Responded and no depressive relapse by the assessment week (the assessment sees any relapse before it). */
    private static final class SustainedResponse extends Observation {
        private final double week;
        private boolean[] responded;
        private double[] relapse;

        SustainedResponse(double week) {
            this.week = week;
        }

        @Override
        public void bind(Cohort c) {
            responded = c.booleans(InductionResponse.RESPONDED);
            relapse = c.doubles(RelapseTime.TIME);
        }

        @Override
        public Observation copy() {
            return new SustainedResponse(week);
        }

        @Override
        public boolean success(int i) {
            return responded[i] && relapse[i] > week;
        }
    }

    /** The end-of-induction MADRS minus baseline, with baseline as the covariate. */
    private static final class MadrsChange extends Observation {
        private double[] baseline;
        private double[] end;

        @Override
        public void bind(Cohort c) {
            baseline = c.doubles(InductionResponse.MADRS_BASELINE);
            end = c.doubles(InductionResponse.MADRS_END);
        }

        @Override
        public Observation copy() {
            return new MadrsChange();
        }

        @Override
        public double value(int i) {
            return end[i] - baseline[i];
        }

        @Override
        public double baseline(int i) {
            return baseline[i];
        }
    }
}
