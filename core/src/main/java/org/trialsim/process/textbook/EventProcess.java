package org.trialsim.process.textbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.CumulativeHazard;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.endpoint.Observation;
import org.trialsim.endpoint.ObservedProcess;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Estimand;
import org.trialsim.scenario.IntercurrentEvents.PostEvent;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Events timed from randomization, named by the planner ({@code arms.<arm>.events.<name>}: progression-free
 * survival, overall survival, any event a textbook or a trial protocol defines): the model ({@link Events}),
 * the draws of each event on a stream of its own ({@link EventTime}), and two endpoint kinds,
 * {@code time_to_event} (every patient at risk from randomization) and {@code event_free} (binary: no event by
 * {@code at_week}), each reading the event the endpoint names ({@code outcome}).
 */
public final class EventProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /** Time from randomization to a named event. */
    public static final Endpoint.Kind TIME_TO_EVENT = Endpoint.Kind.of("time_to_event", Endpoint.Type.TIME_TO_EVENT,
            "time from randomization to a named event", false, false, Events.KEY);
    /** Binary: no named event by {@code at_week} (which the endpoint must give). */
    public static final Endpoint.Kind EVENT_FREE = Endpoint.Kind.assessedAt("event_free", Endpoint.Type.BINARY,
            "free of a named event at a week", Double.NaN, Events.KEY);

    private static final String INSTANCE = "a mapping with hazard, cure_fraction, hazard_ratio";

    @Override
    public String key() {
        return Events.KEY;
    }

    @Override
    public String description() {
        return "events named by the planner, each timed from randomization (hazard, cure fraction, hazard ratio)";
    }

    @Override
    public String noun() {
        return "an event";
    }

    @Override
    public String templates() {
        return """
                event:                       # each event of arms.<arm>.events
                  cure_fraction: 0           # never has the event
                  hazard_ratio: 1            # multiplies the hazard
                """;
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Map<String, Events.Event> events = Named.read(settings, Events.KEY, noun(), (name, all) -> {
            Settings given = all.mapping(name, INSTANCE, "hazard", "cure_fraction", "hazard_ratio");
            if (given == null) {
                return null;
            }
            Settings e = given.withTemplate("event", INSTANCE, "hazard", "cure_fraction", "hazard_ratio");
            Hazard hazard = e.hazard("hazard");
            double cure = e.number("cure_fraction", 0, false, 1, true, "a probability in [0, 1)");
            double ratio = e.number("hazard_ratio", 0, true, 100, false, "a hazard ratio in (0, 100]");
            return hazard == null || Double.isNaN(cure) || Double.isNaN(ratio) ? null
                    : new Events.Event(hazard, cure, ratio);
        });
        return events == null ? null : new Events(events);
    }

    /** Takes the endpoint's instance alone, so that the other instances stay as they were. */
    @Override
    public PatientModel withOutcomeFrom(Endpoint endpoint, PatientModel model, PatientModel from) {
        Events own = (Events) model.process(Events.KEY);
        Events other = (Events) from.process(Events.KEY);
        return model.with(new Events(Named.withInstance(own == null ? java.util.Map.of() : own.events(),
                other == null ? java.util.Map.of() : other.events(), endpoint.outcome())));
    }

    @Override
    public boolean namesOutcomes() {
        return true;
    }

    @Override
    public List<String> outcomes(ProcessModel model) {
        return List.copyOf(((Events) model).events().keySet());
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(TIME_TO_EVENT, EVENT_FREE);
    }

    /**
     * Every strategy for the time to the event; composite, treatment policy and while on treatment (the event-free
     * status at the intercurrent event) for the event-free status.
     */
    @Override
    public Set<Estimand.Strategy> strategies(Endpoint.Kind kind) {
        return kind == TIME_TO_EVENT ? java.util.EnumSet.allOf(Estimand.Strategy.class)
                : java.util.EnumSet.of(Estimand.Strategy.COMPOSITE, Estimand.Strategy.TREATMENT_POLICY,
                        Estimand.Strategy.WHILE_ON_TREATMENT, Estimand.Strategy.HYPOTHETICAL);
    }

    /** Both kinds follow a post-event hazard ({@link Hazards#after}). */
    @Override
    public boolean postEventModel(Endpoint.Kind kind) {
        return true;
    }

    private static Events.Event event(PatientModel m, String name) {
        Events e = (Events) m.process(Events.KEY);
        return e == null ? null : e.events().get(name);
    }

    /** No event by the week: the latent figure, before dropout. */
    @Override
    public double successProbability(Endpoint endpoint, PatientModel m, double induction, double week) {
        if (endpoint.kind() != EVENT_FREE) {
            return ProcessDefinition.super.successProbability(endpoint, m, induction, week);
        }
        Events.Event e = event(m, endpoint.outcome());
        return e == null ? 1 : e.survival(week);
    }

    /**
     * The event's model with S(w) = k S(w) at the endpoint's week w: the hazard ratio that gives it with the same
     * cure fraction c when k S(w) > c, else no cure fraction and the hazard ratio that gives it alone (only S(w)
     * matters to the binary endpoint).
     */
    @Override
    public PatientModel scaledForNull(Endpoint endpoint, PatientModel m, double k) {
        if (endpoint.kind() != EVENT_FREE) {
            return ProcessDefinition.super.scaledForNull(endpoint, m, k);
        }
        Events events = (Events) m.process(Events.KEY);
        Events.Event e = events.events().get(endpoint.outcome());
        double week = endpoint.atWeek();
        double target = k * e.survival(week);
        double h = e.hazard().cumulativeHazard(week);
        if (!(target > 0 && target < 1 && h > 0)) {
            throw new IllegalArgumentException("needs an event-free probability of " + target + " at week "
                    + SummaryLines.num(week) + ", which no hazard ratio of this event gives");
        }
        Events.Event scaled = target > e.cureFraction()
                ? new Events.Event(e.hazard(), e.cureFraction(),
                        -Math.log((target - e.cureFraction()) / (1 - e.cureFraction())) / h)
                : new Events.Event(e.hazard(), 0, -Math.log(target) / h);
        Map<String, Events.Event> copy = new java.util.LinkedHashMap<>(events.events());
        copy.put(endpoint.outcome(), scaled);
        return m.with(new Events(copy));
    }

    /**
     * The event's hazard ratio multiplied by {@code shift} (proportional hazards: with no cure fraction, the
     * hazard ratio to the unshifted model is exactly {@code shift}; with one, it holds among the uncured).
     */
    @Override
    public PatientModel shiftedForMargin(Endpoint endpoint, PatientModel m, double shift) {
        if (endpoint.kind() != TIME_TO_EVENT) {
            return ProcessDefinition.super.shiftedForMargin(endpoint, m, shift);
        }
        Events events = (Events) m.process(Events.KEY);
        Events.Event e = events.events().get(endpoint.outcome());
        Map<String, Events.Event> copy = new java.util.LinkedHashMap<>(events.events());
        copy.put(endpoint.outcome(), new Events.Event(e.hazard(), e.cureFraction(), e.hazardRatio() * shift));
        return m.with(new Events(copy));
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (!Named.any(s, Events.KEY)) {
            return;
        }
        double week = s.schedule().cutoff() instanceof Cutoff.FollowUp f ? f.weeks() : 52;
        out.line("Events (timed from randomization; latent, before dropout): median and event-free at week %s",
                SummaryLines.num(week));
        out.line("  %-16s %-20s %-20s %12s %10s %10s", "event", "arm", "stratum", "median", "free", "HR");
        for (String name : Named.names(s, Events.KEY, m -> ((Events) m).events())) {
            for (Arm a : s.arms()) {
                for (Stratum st : s.strata()) {
                    Events.Event e = event(a.model(st.name()), name);
                    if (e == null) {
                        out.line("  %-16s %-20s %-20s %12s %10s %10s", name, a.name(), st.name(), "none", "1", "-");
                    } else {
                        out.line("  %-16s %-20s %-20s %12s %10s %10s", name, a.name(), st.name(),
                                SummaryLines.num3(e.median()), SummaryLines.p3(e.survival(week)),
                                SummaryLines.num(e.hazardRatio()));
                    }
                }
            }
        }
        out.line("  (HR: the hazard_ratio written for the arm; the planning hazard ratio between two arms is the"
                + " ratio of their hazards)");
        out.line("");
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        if (e.kind() == EVENT_FREE) {
            return SummaryLines.p3(PlanningFigures.average(s, a, st -> Named.inPopulation(e, st),
                    m -> event(m, e.outcome()) == null ? Double.NaN : event(m, e.outcome()).survival(e.atWeek())));
        }
        Set<Double> medians = new TreeSet<>();
        for (Stratum st : s.strata()) {
            Events.Event ev = event(a.model(st.name()), e.outcome());
            if (Named.inPopulation(e, st) && ev != null) {
                medians.add(ev.median());
            }
        }
        return medians.size() == 1 ? "median " + SummaryLines.num3(medians.iterator().next()) + " weeks"
                : "median varies by stratum (see above)";
    }

    @Override
    public StreamId stream() {
        throw new UnsupportedOperationException("each event has a stream of its own (parts)");
    }

    /** None of fixed name: each event {@code NAME} has its column {@code event_NAME}. */
    @Override
    public List<Column> columns() {
        return List.of();
    }

    /** The column of event {@code name}. */
    static Column.Doubles column(String name) {
        return Column.namedDoubles("event_" + name, "weeks from randomization", "the event " + name + " (latent)",
                Double.POSITIVE_INFINITY);
    }

    /** One part per event the scenario names, on the stream {@code events.NAME}. */
    @Override
    public List<Part> parts(ProcessCells cells) {
        List<Part> out = new ArrayList<>();
        for (String name : Named.names(cells, m -> ((Events) m).events())) {
            Column.Doubles column = column(name);
            out.add(new Part(Named.stream(Events.KEY, name), List.of(column), new EventTime(cells, name, column)));
        }
        return out;
    }

    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        if (endpoint.outcome() == null) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + " names no event");
        }
        Column.Doubles column = column(endpoint.outcome());
        Hazards hazards = new Hazards(scenario, endpoint);
        return endpoint.kind() == EVENT_FREE ? new Free(column, endpoint.atWeek(), hazards)
                : new TimeToEvent(column, hazards);
    }

    /**
     * The event's cumulative hazard per cell (arm x stratum) and the cell of the endpoint's control arm in the same
     * stratum, for the outcome after an intercurrent event: the event week t of a patient whose intercurrent event
     * comes at c &lt; t is moved by spending the patient's remaining cumulative hazard E - H(c) = H(t) - H(c) (an
     * Exp(1) variate given no event by c) under the post-event hazard from c: the control arm's (jump to
     * reference), or the arm's own times the stated hazard ratio (inversion of a piecewise cumulative hazard: Austin
     * PC. Stat Med 2012;31:3946-3958). A cured patient (no event) stays without one.
     */
    static final class Hazards {
        private final CumulativeHazard[] hazard;
        private final int[] reference;
        private final int strata;

        Hazards(Scenario scenario, Endpoint endpoint) {
            List<Stratum> st = scenario.strata();
            strata = st.size();
            int arms = scenario.arms().size();
            hazard = new CumulativeHazard[arms * strata];
            reference = new int[arms * strata];
            int control = endpoint.control() == null ? -1 : scenario.armIndex(endpoint.control());
            for (int a = 0; a < arms; a++) {
                for (int s = 0; s < strata; s++) {
                    Events.Event e = event(scenario.arms().get(a).model(st.get(s).name()), endpoint.outcome());
                    int k = a * strata + s;
                    hazard[k] = e == null ? null : CumulativeHazard.of(e.hazard(), e.hazardRatio());
                    reference[k] = control < 0 ? k : control * strata + s;
                }
            }
        }

        /** The event week of patient i of cell k whose latent week is t, when from week c on it follows after. */
        double after(int k, double t, double c, PostEvent after) {
            CumulativeHazard h = hazard[k];
            if (t <= c || h == null || t == Double.POSITIVE_INFINITY || !after.changesOutcome()) {
                return t;
            }
            double remaining = h.value(t) - h.value(c);
            if (after.model() == PostEvent.Model.STATED) {
                return h.inverse(h.value(c) + remaining / after.hazardRatio());
            }
            CumulativeHazard r = hazard[reference[k]];
            return r == null ? Double.POSITIVE_INFINITY : r.inverse(r.value(c) + remaining);
        }

        int cell(Cohort c, int i) {
            return c.arm[i] * strata + c.stratum[i];
        }
    }

    /** No event by the assessment week (the assessment sees any event before it). */
    private static final class Free extends Observation {
        private final Column.Doubles column;
        private final double week;
        private final Hazards hazards;
        private double[] time;
        private Cohort cohort;

        Free(Column.Doubles column, double week, Hazards hazards) {
            this.column = column;
            this.week = week;
            this.hazards = hazards;
        }

        @Override
        public void bind(Cohort c) {
            time = c.doubles(column);
            cohort = c;
        }

        @Override
        public Observation copy() {
            return new Free(column, week, hazards);
        }

        @Override
        public boolean success(int i) {
            return time[i] > week;
        }

        @Override
        public boolean successAfter(int i, double event, PostEvent after) {
            return hazards.after(hazards.cell(cohort, i), time[i], event, after) > week;
        }

        @Override
        public boolean successBy(int i, double at) {
            return time[i] > at;
        }
    }

    /** Time from randomization to the event; every patient is at risk from randomization. */
    private static final class TimeToEvent extends Observation {
        private final Column.Doubles column;
        private final Hazards hazards;
        private double[] time;
        private Cohort cohort;

        TimeToEvent(Column.Doubles column, Hazards hazards) {
            this.column = column;
            this.hazards = hazards;
        }

        @Override
        public void bind(Cohort c) {
            time = c.doubles(column);
            cohort = c;
        }

        @Override
        public Observation copy() {
            return new TimeToEvent(column, hazards);
        }

        @Override
        public double eventTimeAfter(int i, double event, PostEvent after) {
            return hazards.after(hazards.cell(cohort, i), time[i], event, after);
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
