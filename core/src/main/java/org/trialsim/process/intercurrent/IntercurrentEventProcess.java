package org.trialsim.process.intercurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.CumulativeHazard;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.cohort.Variates;
import org.trialsim.endpoint.IntercurrentTimes;
import org.trialsim.process.scores.ScoreEventTimes;
import org.trialsim.process.scores.ScoreTrajectories;
import org.trialsim.process.scores.ScoreTrajectoryProcess;
import org.trialsim.process.textbook.Named;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.IntercurrentEvents;
import org.trialsim.scenario.IntercurrentEvents.PostEvent;
import org.trialsim.scenario.IntercurrentEvents.Reason;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.ScoreProbability;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Intercurrent events as patient processes ({@code arms.<arm>.intercurrent_events.<name>}; the model
 * {@link IntercurrentEvents}): each event the planner names has a reason (treatment discontinuation, rescue
 * medication, a return to benzodiazepines, death, withdrawal of consent), its timing (a hazard from
 * randomization, or for a return to benzodiazepines the patient's own return, read from the benzodiazepine
 * course) and a post-event model (observation stops; outcomes continue; jump to the control arm's model; a stated
 * model). Each event draws on a stream of its own ({@code intercurrent_events.NAME}) into the column
 * {@code ice_NAME} ({@link IntercurrentTimes}); it offers no endpoint kind: an endpoint's estimand
 * ({@code strategy}, {@code intercurrent_events}) reads it ({@link org.trialsim.endpoint.EndpointExtractor}).
 * Registered after the processes it reads and after every outcome process, so no earlier stream moves.
 */
public final class IntercurrentEventProcess implements ProcessDefinition, SampledProcess {

    private static final String INSTANCE = "a mapping with reason, hazard or by_score, after";
    private static final String BY_SCORE = "a mapping with trajectory and one of logistic: {intercept, per_point} or"
            + " bands: {cuts, probabilities}";
    private static final String AFTER = "stops, continues, jump_to_reference, or a stated model {hazard_ratio, shift}";

    @Override
    public String key() {
        return IntercurrentEvents.KEY;
    }

    @Override
    public String description() {
        return "intercurrent events named by the planner (reason, hazard from randomization, post-event model)";
    }

    @Override
    public String noun() {
        return "an intercurrent event";
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Map<String, IntercurrentEvents.Event> events = Named.read(settings, IntercurrentEvents.KEY, noun(),
                (name, all) -> {
                    Settings e = all.mapping(name, INSTANCE, "reason", "hazard", "after", "by_score");
                    return e == null ? null : event(e, arm);
                });
        return events == null ? null : new IntercurrentEvents(events);
    }

    private static IntercurrentEvents.Event event(Settings e, ArmContext arm) {
        if (!e.has("reason")) {
            e.problem("", "missing required key 'reason'; allowed: " + reasons());
            return null;
        }
        Reason reason = e.choice("reason", Reason.class);
        if (reason == null) {
            return null;
        }
        Hazard hazard = null;
        IntercurrentEvents.ByScore byScore = null;
        if (e.has("by_score")) {
            if (reason == Reason.BENZODIAZEPINE_RETURN || e.has("hazard")) {
                e.problem("by_score", "found by_score " + (e.has("hazard") ? "and hazard" : "with reason "
                        + "benzodiazepine_return, whose time is the patient's own return") + "; allowed exactly one "
                        + "timing: hazard (from randomization) or by_score (a probability per visit by the latest score)"
                        + (e.has("hazard") ? "" : ", with another reason"));
                return null;
            }
            byScore = byScore(e, arm);
            if (byScore == null) {
                return null;
            }
        } else if (reason == Reason.BENZODIAZEPINE_RETURN) {
            if (e.has("hazard")) {
                e.problem("hazard", "found a hazard for reason benzodiazepine_return, whose time is the patient's own "
                        + "return to benzodiazepines; allowed no hazard with this reason");
                return null;
            }
            if (!arm.has(Benzodiazepine.KEY)) {
                e.problem("reason", "found reason benzodiazepine_return in an arm and stratum without a "
                        + "benzodiazepine course; allowed it only where arms.<arm>.benzodiazepine applies, else "
                        + "another reason with a hazard");
                return null;
            }
        } else {
            if (!e.has("hazard")) {
                e.problem("", "missing required key 'hazard' (from randomization) for reason " + reason.key()
                        + "; or by_score: {trajectory, logistic | bands}, a probability per visit by the latest score");
                return null;
            }
            hazard = e.hazard("hazard");
            if (hazard == null) {
                return null;
            }
        }
        PostEvent after = after(e, reason);
        return after == null ? null : new IntercurrentEvents.Event(reason, hazard, after, byScore);
    }

    /**
     * {@code by_score: {trajectory, logistic: {intercept, per_point}} | {trajectory, bands: {cuts, probabilities}}}:
     * the trajectory must be one the arm has in this stratum (the only one may be left out); the probability model
     * is {@code dropout_by_score}'s.
     */
    private static IntercurrentEvents.ByScore byScore(Settings e, ArmContext arm) {
        Settings b = e.mapping("by_score", BY_SCORE, "trajectory", "logistic", "bands");
        if (b == null) {
            return null;
        }
        java.util.Set<String> names = arm.names(ScoreTrajectories.KEY);
        if (names.isEmpty()) {
            b.problem("", "found by_score in an arm and stratum without score trajectories; allowed by_score only "
                    + "where arms.<arm>.score_trajectories applies, else a hazard");
            return null;
        }
        String trajectory;
        if (b.has("trajectory")) {
            trajectory = b.text("trajectory", "the name of one of the arm's score trajectories");
            if (trajectory == null) {
                return null;
            }
            if (!names.contains(trajectory)) {
                b.problem("trajectory", "found trajectory '" + trajectory + "', which arm " + arm.arm() + " does not "
                        + "have; allowed one of its score trajectories: " + String.join(", ", names));
                return null;
            }
        } else if (names.size() == 1) {
            trajectory = names.iterator().next();
        } else {
            b.problem("", "missing required key 'trajectory'; allowed one of the arm's score trajectories: "
                    + String.join(", ", names));
            return null;
        }
        ScoreProbability p = ScoreTrajectoryProcess.probabilityByScore(b);
        return p == null ? null : new IntercurrentEvents.ByScore(trajectory, p);
    }

    /** The post-event model: a name, or a stated model; observation always stops after death or withdrawal. */
    private static PostEvent after(Settings e, Reason reason) {
        if (!e.has("after")) {
            return reason.leavesStudy() ? new PostEvent(PostEvent.Model.STOPS, 1, 0) : PostEvent.CONTINUES;
        }
        PostEvent after;
        if (e.isMapping("after")) {
            Settings m = e.mapping("after", "a stated post-event model {hazard_ratio, shift}", "hazard_ratio", "shift");
            if (m == null) {
                return null;
            }
            double ratio = m.has("hazard_ratio")
                    ? m.number("hazard_ratio", 0, true, 100, false, "a hazard ratio in (0, 100]") : 1;
            double shift = m.has("shift") ? m.number("shift", -1e6, false, 1e6, false, "a finite score shift") : 0;
            if (Double.isNaN(ratio) || Double.isNaN(shift)) {
                return null;
            }
            after = new PostEvent(PostEvent.Model.STATED, ratio, shift);
        } else {
            PostEvent.Model model = e.choice("after", PostEvent.Model.class);
            if (model == null) {
                return null;
            }
            if (model == PostEvent.Model.STATED) {
                e.problem("after", "found after: stated; allowed " + AFTER + " (a stated model is a mapping)");
                return null;
            }
            after = new PostEvent(model, 1, 0);
        }
        if (reason.leavesStudy() && after.model() != PostEvent.Model.STOPS) {
            e.problem("after", "found after: " + after.model().key() + " for reason " + reason.key() + ", after which "
                    + "nothing is observed; allowed after: stops (the default) with this reason");
            return null;
        }
        return after;
    }

    private static String reasons() {
        List<String> out = new ArrayList<>();
        for (Reason r : Reason.values()) {
            out.add(r.key());
        }
        return String.join(", ", out);
    }

    @Override
    public boolean namesOutcomes() {
        return false;
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of();
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (!Named.any(s, IntercurrentEvents.KEY)) {
            return;
        }
        out.line("Intercurrent events (probability by week 12 and 52, from randomization; latent, before dropout):");
        out.line("  %-16s %-20s %-20s %-26s %-18s %8s %8s", "event", "arm", "stratum", "reason", "after", "week 12",
                "week 52");
        for (String name : Named.names(s, IntercurrentEvents.KEY, m -> ((IntercurrentEvents) m).events())) {
            for (Arm a : s.arms()) {
                for (Stratum st : s.strata()) {
                    PatientModel m = a.model(st.name());
                    IntercurrentEvents ice = (IntercurrentEvents) m.process(IntercurrentEvents.KEY);
                    IntercurrentEvents.Event e = ice == null ? null : ice.events().get(name);
                    if (e == null) {
                        continue;
                    }
                    String after = e.after().model() == PostEvent.Model.STATED ? "HR " + SummaryLines.num(
                            e.after().hazardRatio()) + ", shift " + SummaryLines.num(e.after().shift())
                            : e.after().model().key();
                    out.line("  %-16s %-20s %-20s %-26s %-18s %8s %8s", name, a.name(), st.name(), e.reason().key(),
                            after, probability(e, 12), probability(e, 52));
                }
            }
        }
        out.line("");
    }

    private static String probability(IntercurrentEvents.Event e, double week) {
        return e.byScore() != null ? "by score" : e.hazard() == null ? "course" : SummaryLines.p3(1 - Math.exp(-e.hazard().cumulativeHazard(week)));
    }

    @Override
    public StreamId stream() {
        throw new UnsupportedOperationException("each intercurrent event has a stream of its own (parts)");
    }

    /** None of fixed name: each event {@code NAME} has its column {@code ice_NAME}. */
    @Override
    public List<Column> columns() {
        return List.of();
    }

    /** One part per event the scenario names, on the stream {@code intercurrent_events.NAME}. */
    @Override
    public List<Part> parts(ProcessCells cells) {
        List<Part> out = new ArrayList<>();
        for (String name : Named.names(cells, m -> ((IntercurrentEvents) m).events())) {
            Column.Doubles column = IntercurrentTimes.column(name);
            List<IntercurrentEvents.Event> perCell = Named.perCell(cells, name,
                    m -> ((IntercurrentEvents) m).events());
            // an event by score in some cell draws its own way (new with by_score: no earlier stream moves)
            ProcessSampler sampler = perCell.stream().anyMatch(e -> e != null && e.byScore() != null)
                    ? new ScoreEventTimes(perCell, trajectories(cells), cells.strata(), column)
                    : new Times(cells, name, column);
            out.add(new Part(Named.stream(IntercurrentEvents.KEY, name), List.of(column), sampler));
        }
        return out;
    }

    /** The score trajectories of every cell, arm-major ({@code null} where a cell has none). */
    private static List<ScoreTrajectories> trajectories(ProcessCells cells) {
        List<ScoreTrajectories> out = new ArrayList<>();
        for (Arm a : cells.scenario().arms()) {
            for (Stratum st : cells.scenario().strata()) {
                out.add((ScoreTrajectories) a.model(st.name()).process(ScoreTrajectories.KEY));
            }
        }
        return out;
    }

    /**
     * Draws one event of every patient: an exponential E per patient whatever its cell (so the stream stays
     * aligned across arms and values), turned into a time by inverting the cell's cumulative hazard, t = H^-1(E)
     * (Bender R, Augustin T, Blettner M. Stat Med 2005;24:1713-1723); for a return to benzodiazepines, the
     * patient's return ({@link BenzodiazepineCourse#RELAPSE}); {@code +Infinity} where the cell has not the event.
     */
    static final class Times implements ProcessSampler {
        private final Column.Doubles column;
        private final int strata;
        private final CumulativeHazard[] hazard;
        private final boolean[] benzodiazepine;
        private final boolean readsBenzodiazepine;

        Times(ProcessCells cells, String name, Column.Doubles column) {
            this.column = column;
            this.strata = cells.strata();
            List<IntercurrentEvents.Event> events = Named.perCell(cells, name, m -> ((IntercurrentEvents) m).events());
            hazard = new CumulativeHazard[events.size()];
            benzodiazepine = new boolean[events.size()];
            boolean any = false;
            for (int k = 0; k < events.size(); k++) {
                IntercurrentEvents.Event e = events.get(k);
                if (e == null) {
                    continue;
                }
                if (e.reason() == Reason.BENZODIAZEPINE_RETURN) {
                    benzodiazepine[k] = true;
                    any = true;
                } else {
                    hazard[k] = CumulativeHazard.of(e.hazard(), 1);
                }
            }
            readsBenzodiazepine = any;
        }

        @Override
        public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
            final byte[] arm = c.arm;
            final byte[] stratum = c.stratum;
            final double[] time = c.doubles(column);
            final double[] returned = readsBenzodiazepine ? c.doubles(BenzodiazepineCourse.RELAPSE) : null;
            for (int i = 0; i < n; i++) {
                double e = v.exponential();
                int k = arm[i] * strata + stratum[i];
                CumulativeHazard h = hazard[k];
                time[i] = benzodiazepine[k] ? returned[i] : h == null ? Double.POSITIVE_INFINITY : h.inverse(e);
            }
        }
    }
}
