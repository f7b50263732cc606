package org.trialsim.process.rescue;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
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
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Rescue medication or treatment discontinuation, an intercurrent event ({@code arms.<arm>.rescue}): the model
 * ({@link Rescue}), its draws ({@link RescueTime}), and two endpoint kinds, {@code time_to_rescue} (from
 * randomization) and {@code rescue_free} (no event by a week). Added through the recipe of docs/architecture.md:
 * this package and one line in {@code META-INF/services/org.trialsim.scenario.ProcessDefinition}.
 */
public final class RescueProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /** Time from randomization to rescue medication or treatment discontinuation. */
    public static final Endpoint.Kind TIME_TO_RESCUE = Endpoint.Kind.of("time_to_rescue", Endpoint.Type.TIME_TO_EVENT,
            "time to rescue medication or treatment discontinuation", false, false, Rescue.KEY);
    /** Binary: no rescue medication or treatment discontinuation by {@code at_week}. */
    public static final Endpoint.Kind RESCUE_FREE = Endpoint.Kind.of("rescue_free", Endpoint.Type.BINARY,
            "no rescue medication or treatment discontinuation by a week", true, false, Rescue.KEY);

    /** The process's column: weeks from randomization to the event, {@code +Infinity} if none. */
    public static final Column.Doubles TIME = RescueTime.TIME;

    /** The weeks at which {@code check} gives the probability of the event. */
    private static final double[] SUMMARY_WEEKS = {4, 12, 52};

    @Override
    public String key() {
        return Rescue.KEY;
    }

    @Override
    public String description() {
        return "rescue medication or treatment discontinuation (an intercurrent event), hazard from randomization";
    }

    @Override
    public String noun() {
        return "a rescue process";
    }

    @Override
    public String templates() {
        return """
                rescue:                      # arms.<arm>.rescue
                  hazard_ratio_non_responders: 1   # multiplier on the hazard after induction for non-responders
                """;
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Settings m = settings.allowing("a mapping with hazard, hazard_ratio_non_responders", "hazard",
                "hazard_ratio_non_responders");
        Hazard hazard = m.hazard("hazard");
        double ratio = m.number("hazard_ratio_non_responders", 0, true, 100, false, "a hazard ratio in (0, 100]");
        if (!Double.isNaN(ratio) && ratio != 1 && !arm.has(ResponseModel.KEY)) {
            m.problem("hazard_ratio_non_responders", "found a hazard ratio for non-responders in an arm with no "
                    + "response model; allowed 1, or give the arm a response");
            return null;
        }
        return hazard == null || Double.isNaN(ratio) ? null : new Rescue(hazard, ratio);
    }

    /** Only the non-responders' hazard ratio changes the hazard at the end of induction. */
    /** Non-responders may take rescue at their own ratio. */
    @Override
    public java.util.Set<String> reads() {
        return java.util.Set.of("response");
    }

    @Override
    public boolean usesInduction(ProcessModel model) {
        return ((Rescue) model).hazardRatioNonResponders() != 1;
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(TIME_TO_RESCUE, RESCUE_FREE);
    }

    /** Probability of no event by the week: averaged over response at the end of induction. */
    @Override
    public double successProbability(Endpoint.Kind kind, PatientModel m, double induction, double week) {
        if (kind != RESCUE_FREE) {
            return ProcessDefinition.super.successProbability(kind, m, induction, week);
        }
        return free((Rescue) m.process(Rescue.KEY), m, induction, week);
    }

    private static double free(Rescue r, PatientModel m, double induction, double week) {
        if (r == null) {
            return 1;
        }
        double p = m.response() == null ? 0 : PlanningFigures.response(m.response());
        return p * r.survival(week, induction, false) + (1 - p) * r.survival(week, induction, true);
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (s.arms().stream().flatMap(a -> a.modelByStratum().values().stream()).noneMatch(m -> m.has(Rescue.KEY))) {
            return;
        }
        double induction = s.schedule().inductionWeeks();
        out.line("Rescue medication or treatment discontinuation (probability by week, from randomization, averaged"
                + " over strata; latent, before dropout):");
        StringBuilder head = new StringBuilder(String.format(java.util.Locale.ROOT, "  %-20s", "arm"));
        for (double w : SUMMARY_WEEKS) {
            head.append(String.format(java.util.Locale.ROOT, " %10s", "week " + SummaryLines.num(w)));
        }
        out.line("%s", head);
        for (Arm a : s.arms()) {
            StringBuilder row = new StringBuilder(String.format(java.util.Locale.ROOT, "  %-20s", a.name()));
            for (double w : SUMMARY_WEEKS) {
                double free = PlanningFigures.average(s, a, st -> true,
                        m -> free((Rescue) m.process(Rescue.KEY), m, induction, w));
                row.append(String.format(java.util.Locale.ROOT, " %10s", SummaryLines.p3(1 - free)));
            }
            out.line("%s", row);
        }
        out.line("");
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        double induction = s.schedule().inductionWeeks();
        java.util.function.Predicate<Stratum> inPop = st -> e.strata().isEmpty() || e.strata().contains(st.name());
        if (e.kind() == RESCUE_FREE) {
            return SummaryLines.p3(PlanningFigures.average(s, a, inPop,
                    m -> free((Rescue) m.process(Rescue.KEY), m, induction, e.atWeek())));
        }
        return "rescued by week 52: " + SummaryLines.p3(1 - PlanningFigures.average(s, a, inPop,
                m -> free((Rescue) m.process(Rescue.KEY), m, induction, 52)));
    }

    @Override
    public StreamId stream() {
        return StreamId.of(Rescue.KEY);
    }

    @Override
    public List<Column> columns() {
        return RescueTime.COLUMNS;
    }

    @Override
    public ProcessSampler compile(ProcessCells cells) {
        return new RescueTime(cells);
    }

    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        return endpoint.kind() == RESCUE_FREE ? new Free(endpoint.atWeek()) : new TimeToRescue();
    }

    /** No event by the assessment week (the assessment sees any event before it). */
    private static final class Free extends Observation {
        private final double week;
        private double[] time;

        Free(double week) {
            this.week = week;
        }

        @Override
        public void bind(Cohort c) {
            time = c.doubles(RescueTime.TIME);
        }

        @Override
        public Observation copy() {
            return new Free(week);
        }

        @Override
        public boolean success(int i) {
            return time[i] > week;
        }
    }

    /** Time from randomization to the event; every patient is at risk from randomization. */
    private static final class TimeToRescue extends Observation {
        private double[] time;

        @Override
        public void bind(Cohort c) {
            time = c.doubles(RescueTime.TIME);
        }

        @Override
        public Observation copy() {
            return new TimeToRescue();
        }

        @Override
        public double origin(int i) {
            return 0;
        }

        @Override
        public double eventTime(int i) {
            return time[i];
        }
    }
}
