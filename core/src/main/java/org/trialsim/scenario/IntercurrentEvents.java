package org.trialsim.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The intercurrent events of one arm in one stratum ({@code arms.<arm>.intercurrent_events.<name>}), each named
 * by the planner: events after randomization that affect either the interpretation or the existence of the
 * measurements of an endpoint (ICH E9(R1) Addendum, 2019, section A.3.1): discontinuation of the trial treatment,
 * rescue medication, a return to benzodiazepines, death, withdrawal of consent. Each has a reason, its timing and
 * what the outcomes do after it ({@link PostEvent}). An endpoint's {@link Estimand} says which events it is about
 * and by which strategy.
 *
 * @param events the events by name, in file order
 */
public record IntercurrentEvents(Map<String, Event> events) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "intercurrent_events";

    public IntercurrentEvents {
        events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
    }

    @Override
    public String process() {
        return KEY;
    }

    /** Why the event happens; recorded per patient, and deciding what may follow it. */
    public enum Reason {
        /** Discontinuation of the randomized treatment (adverse event, lack of efficacy), the patient stays. */
        TREATMENT_DISCONTINUATION,
        /** Rescue medication started. */
        RESCUE_MEDICATION,
        /** A return to benzodiazepines (for depression endpoints), read from the benzodiazepine course. */
        BENZODIAZEPINE_RETURN,
        /** Death: nothing is observed after it, and no outcome exists after it. */
        DEATH,
        /** Withdrawal of consent: the patient leaves the study, nothing is observed after it. */
        WITHDRAWAL_OF_CONSENT;

        /** The name in scenario files. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether observation necessarily stops at the event (the patient is no longer in the study). */
        public boolean leavesStudy() {
            return this == DEATH || this == WITHDRAWAL_OF_CONSENT;
        }
    }

    /**
     * One intercurrent event.
     *
     * @param reason why it happens
     * @param hazard its hazard from randomization, per week; {@code null} for
     *     {@link Reason#BENZODIAZEPINE_RETURN}, whose time is the patient's return to benzodiazepines, and for an
     *     event by score
     * @param after what the outcomes do after it
     * @param byScore its probability per visit interval given the latest score of a score trajectory ({@code null}:
     *     none, the event has a hazard or is a return to benzodiazepines)
     */
    public record Event(Reason reason, Hazard hazard, PostEvent after, ByScore byScore) {

        /** An event with a hazard from randomization, or a return to benzodiazepines. */
        public Event(Reason reason, Hazard hazard, PostEvent after) {
            this(reason, hazard, after, null);
        }
    }

    /**
     * An event whose probability before each visit depends on the patient's latest score of a score trajectory
     * ({@code by_score}): a discrete-time hazard at the trajectory's visits, as {@code dropout_by_score} is for
     * dropout (users of MMRM software ask for it: openpharma/rbmi issue 225). It depends on scores already
     * observed before the event, so the hypothetical estimand's missing visits are missing at random.
     *
     * @param trajectory the score trajectory whose scores it reads (a name under {@code score_trajectories})
     * @param probability the probability of the event before the next visit given the latest score
     */
    public record ByScore(String trajectory, ScoreProbability probability) {
    }

    /**
     * What the outcomes do after the event, and whether they are still observed.
     *
     * @param model the outcomes' model after the event
     * @param hazardRatio for {@link Model#STATED}: the multiplier on the hazard of an event outcome after it
     * @param shift for {@link Model#STATED}: the amount added to a score from the first visit at or after it
     */
    public record PostEvent(Model model, double hazardRatio, double shift) {

        /** Outcomes continue as before, observed. */
        public static final PostEvent CONTINUES = new PostEvent(Model.CONTINUES, 1, 0);

        /** The four post-event models the issue of estimands asks for. */
        public enum Model {
            /** Observation stops at the event; the outcome itself continues as before, unobserved. */
            STOPS,
            /** Outcomes continue as before, observed. */
            CONTINUES,
            /**
             * Outcomes follow the control arm's model from the event on (jump to reference: Carpenter JR, Roger JH,
             * Kenward MG. J Biopharm Stat 2013;23:1352-1371): an event outcome's remaining cumulative hazard is
             * spent under the control arm's hazard, a score keeps its deviation from its arm's mean and takes the
             * control arm's mean curve from the first visit at or after the event.
             */
            JUMP_TO_REFERENCE,
            /** A stated model: the hazard times {@code hazard_ratio}, the score plus {@code shift}. */
            STATED;

            /** The name in scenario files. */
            public String key() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        /** Whether the outcome changes after the event (needs a kind with a post-event model). */
        public boolean changesOutcome() {
            return model == Model.JUMP_TO_REFERENCE || model == Model.STATED;
        }
    }
}
