package org.trialsim.process;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioSummary;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Depressive relapse ({@code arms.<arm>.relapse}): timed from the end of induction among responders, or from
 * randomization for every patient (the textbook time-to-event trial), with a durable fraction that never
 * relapses ({@link Relapse}); offers the endpoint kind time to relapse. Its draws are {@link RelapseTime}'s.
 */
public final class RelapseProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /** The process key. */
    public static final String KEY = Relapse.KEY;

    /**
     * Time from randomization to treatment failure: non-response at the end of induction, or depressive relapse
     * after response. The randomized alternative to time to relapse among responders, which compares subgroups
     * formed after randomization (responders), not protected by it.
     */
    public static final Endpoint.Kind TIME_TO_TREATMENT_FAILURE = Endpoint.Kind.of("time_to_treatment_failure",
            Endpoint.Type.TIME_TO_EVENT, "time from randomization to non-response at the end of induction or "
                    + "depressive relapse after response", false, false, Relapse.KEY, ResponseModel.KEY);

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String description() {
        return "depressive relapse, from response or from randomization, with a durable fraction";
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Settings m = settings.allowing("a mapping with from, hazard, durable_fraction, hazard_ratio", "from", "hazard",
                "durable_fraction", "hazard_ratio");
        Relapse.Origin origin = m.choice("from", Relapse.Origin.class);
        if (origin == Relapse.Origin.RESPONSE && !arm.has(InductionResponseProcess.KEY)) {
            m.problem("from", "found relapse from response in an arm with no response model; allowed from: "
                    + "randomization, or give the arm a response");
        }
        Hazard hazard = m.hazard("hazard");
        double durable = m.number("durable_fraction", 0, false, 1, true, "a probability in [0, 1)");
        double hr = m.number("hazard_ratio", 0, true, 100, false, "a hazard ratio in (0, 100]");
        if (origin == null || hazard == null || Double.isNaN(durable) || Double.isNaN(hr)) {
            return null;
        }
        return new Relapse(origin, hazard, durable, hr);
    }

    /** A relapse timed from response starts at the end of induction. */
    /** Relapse is timed from response, and only responders can relapse where it is. */
    @Override
    public java.util.Set<String> reads() {
        return java.util.Set.of("response");
    }

    @Override
    public boolean usesInduction(ProcessModel model) {
        return ((Relapse) model).origin() == Relapse.Origin.RESPONSE;
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(Endpoint.Kind.TIME_TO_RELAPSE, TIME_TO_TREATMENT_FAILURE);
    }

    /** Time to treatment failure needs relapse timed from response (the failure it adds is non-response). */
    @Override
    public String missingFor(Endpoint.Kind kind, ProcessModel model, String armName) {
        if (kind == TIME_TO_TREATMENT_FAILURE && ((Relapse) model).origin() != Relapse.Origin.RESPONSE) {
            return "relapse from response (arm " + armName + " times relapse from randomization)";
        }
        return null;
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (!Processes.anyModel(s, m -> m.relapse() != null)) {
            return;
        }
        double year = ScenarioSummary.YEAR_WEEKS;
        out.line("Depressive relapse (median from its origin; relapse-free %s weeks after the origin):",
                SummaryLines.num(year));
        out.line("  %-20s %-20s %-14s %10s %12s", "arm", "stratum", "from", "median", "relapse-free");
        for (Arm a : s.arms()) {
            for (Stratum st : s.strata()) {
                Relapse r = a.model(st.name()).relapse();
                if (r == null) {
                    out.line("  %-20s %-20s %-14s %10s %12s", a.name(), st.name(), "-", "none", "1");
                    continue;
                }
                double median = PlanningFigures.relapseMedian(r);
                out.line("  %-20s %-20s %-14s %10s %12s", a.name(), st.name(), r.origin().name().toLowerCase(Locale.ROOT),
                        SummaryLines.num3(median), SummaryLines.p3(r.survival(year)));
            }
        }
        out.line("");
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        if (e.kind() == TIME_TO_TREATMENT_FAILURE) {
            double induction = s.schedule().inductionWeeks();
            double free = PlanningFigures.average(s, a, st -> e.strata().isEmpty() || e.strata().contains(st.name()),
                    m -> PlanningFigures.response(m.response()) * m.relapse().survival(52 - induction));
            return "failure-free at week 52: " + SummaryLines.p3(free);
        }
        Set<Double> medians = new TreeSet<>();
        for (Stratum st : s.strata()) {
            Relapse r = a.model(st.name()).relapse();
            if ((e.strata().isEmpty() || e.strata().contains(st.name())) && r != null) {
                medians.add(PlanningFigures.relapseMedian(r));
            }
        }
        return medians.size() == 1 ? "median " + SummaryLines.num3(medians.iterator().next()) + " weeks from "
                + a.model(s.strata().get(0).name()).relapse().origin().name().toLowerCase(Locale.ROOT)
                : "median varies by stratum (see above)";
    }

    @Override
    public StreamId stream() {
        return StreamId.RELAPSE;
    }

    @Override
    public List<Column> columns() {
        return RelapseTime.COLUMNS;
    }

    @Override
    public ProcessSampler compile(ProcessCells cells) {
        return RelapseTime.compile(cells);
    }

    /**
     * Time to relapse from the end of induction among responders who completed induction (origin response), or
     * from randomization for everyone (origin randomization); the origin must be the same in every arm and
     * stratum of the endpoint.
     */
    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        Set<Relapse.Origin> origins = Processes.endpointModels(scenario, endpoint).stream()
                .map(PatientModel::relapse).filter(r -> r != null).map(Relapse::origin)
                .collect(Collectors.toSet());
        if (origins.size() > 1) {
            throw new IllegalArgumentException("endpoint " + endpoint.name()
                    + ": relapse origins differ between arms or strata");
        }
        boolean fromResponse = !origins.contains(Relapse.Origin.RANDOMIZATION);
        if (endpoint.kind() == TIME_TO_TREATMENT_FAILURE) {
            return new TimeToFailure(scenario.schedule().inductionWeeks());
        }
        return new TimeToRelapse(fromResponse, scenario.schedule().inductionWeeks());
    }

    /** Time to relapse, from response (responders who completed induction) or from randomization. */
    private static final class TimeToRelapse extends Observation {
        private final boolean fromResponse;
        private final double induction;
        private boolean[] responded;
        private double[] dropout;
        private double[] relapse;

        TimeToRelapse(boolean fromResponse, double induction) {
            this.fromResponse = fromResponse;
            this.induction = induction;
        }

        @Override
        public void bind(Cohort c) {
            responded = c.booleans(InductionResponse.RESPONDED);
            dropout = c.dropout;
            relapse = c.doubles(RelapseTime.TIME);
        }

        @Override
        public Observation copy() {
            return new TimeToRelapse(fromResponse, induction);
        }

        @Override
        public double origin(int i) {
            if (!fromResponse) {
                return 0;
            }
            return responded[i] && dropout[i] >= induction ? induction : Double.NaN;
        }

        @Override
        public double eventTime(int i) {
            return relapse[i];
        }
    }

    /**
     * Time from randomization to non-response (an event at the end of induction) or relapse after response;
     * every randomized patient is at risk from randomization, and dropout censors as for every kind.
     */
    private static final class TimeToFailure extends Observation {
        private final double induction;
        private boolean[] responded;
        private double[] relapse;

        TimeToFailure(double induction) {
            this.induction = induction;
        }

        @Override
        public void bind(Cohort c) {
            responded = c.booleans(InductionResponse.RESPONDED);
            relapse = c.doubles(RelapseTime.TIME);
        }

        @Override
        public Observation copy() {
            return new TimeToFailure(induction);
        }

        @Override
        public double origin(int i) {
            return 0;
        }

        @Override
        public double eventTime(int i) {
            return responded[i] ? relapse[i] : induction;
        }
    }
}
