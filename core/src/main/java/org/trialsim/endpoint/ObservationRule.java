package org.trialsim.endpoint;

import java.util.Arrays;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.EnrollmentProcess;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;

/**
 * How the latent trajectory of a patient becomes data: when an event is seen (at its exact time or at the
 * first scheduled visit at or after it), until when a patient is followed (dropout, the per-patient follow-up
 * of {@link Cutoff.FollowUp}, the calendar data cutoff), and when a censored patient was last seen event-free
 * (the cutoff or dropout time itself under exact observation; the last visit at or before it under
 * next-visit observation, since between visits nothing is known). Times are weeks from randomization unless
 * named calendar.
 */
public final class ObservationRule {

    private final double[] visits;
    private final boolean nextVisit;
    private final double followUp;
    private final EnrollmentProcess enrollment;
    private final boolean entryDependsOnSize;
    private final boolean entriesFinite;

    private ObservationRule(Scenario scenario) {
        Schedule schedule = scenario.schedule();
        this.visits = schedule.visitWeeks().stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 1; i < visits.length; i++) {
            if (!(visits[i] > visits[i - 1])) {
                throw new IllegalArgumentException("visit weeks must increase: " + schedule.visitWeeks());
            }
        }
        this.nextVisit = schedule.observation() == Schedule.Observation.NEXT_VISIT;
        this.followUp = schedule.cutoff() instanceof Cutoff.FollowUp f ? f.weeks() : Double.POSITIVE_INFINITY;
        this.enrollment = EnrollmentProcess.of(scenario.enrollment());
        this.entryDependsOnSize = scenario.enrollment() instanceof Enrollment.Even;
        // i x duration / n and duration x U, with a finite duration (EnrollmentProcess checks it)
        this.entriesFinite = entryDependsOnSize || scenario.enrollment() instanceof Enrollment.Uniform;
    }

    /** Compiles the observation rule of a scenario. */
    public static ObservationRule of(Scenario scenario) {
        return new ObservationRule(scenario);
    }

    /** When an event at week {@code t} is seen: t itself, or the first visit at or after t ({@code +Infinity} if none). */
    public double observed(double t) {
        if (!nextVisit || t == Double.POSITIVE_INFINITY) {
            return t;
        }
        int k = Arrays.binarySearch(visits, t);
        if (k >= 0) {
            return visits[k];
        }
        int next = -k - 1;
        return next < visits.length ? visits[next] : Double.POSITIVE_INFINITY;
    }

    /**
     * When a patient followed until {@code limit} without a seen event was last known event-free, not before
     * the endpoint's {@code origin} (itself an assessment).
     */
    public double lastContact(double limit, double origin) {
        if (!nextVisit) {
            return limit;
        }
        int k = Arrays.binarySearch(visits, limit);
        int last = k >= 0 ? k : -k - 2;
        return last >= 0 ? Math.max(origin, visits[last]) : origin;
    }

    /**
     * The administrative end of follow-up of patient {@code i} in a trial of {@code n}, in weeks from
     * randomization: the per-patient follow-up, or the calendar cutoff minus the entry, whichever is earlier
     * (negative if the patient entered after the cutoff).
     */
    public double administrativeLimit(Cohort c, int i, int n, double calendarCutoff) {
        return Math.min(followUp, calendarCutoff - entry(c, i, n));
    }

    /** Calendar entry of patient {@code i} in a trial of {@code n}. */
    public double entry(Cohort c, int i, int n) {
        return enrollment.entry(c, i, n);
    }

    /**
     * Whether a patient's entry depends on the size of the trial ({@link Enrollment.Even}: patient i of n
     * enters at i x duration / n, a schedule that depends on i and n alone, so extraction keeps a table of
     * it per size); with the other enrollments the first n patients enter as in any larger trial of the same
     * cohort.
     */
    public boolean entryDependsOnSize() {
        return entryDependsOnSize;
    }

    /**
     * Whether every entry is a finite week by construction (even and uniform enrollment), so that against no
     * calendar cutoff ({@code +Infinity}) every patient has entered and entry + t &lt;= cutoff holds for any
     * non-NaN t: the extraction can then skip computing entries.
     */
    public boolean entriesFinite() {
        return entriesFinite;
    }

    /**
     * Whether events are seen at their exact times ({@link Schedule.Observation#EXACT}): then
     * {@link #observed} and {@link #lastContact} return their time argument itself.
     */
    public boolean exact() {
        return !nextVisit;
    }

    /** The per-patient follow-up of a {@link Cutoff.FollowUp} cutoff, {@code +Infinity} for other cutoffs. */
    public double followUp() {
        return followUp;
    }
}
