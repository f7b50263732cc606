package org.trialsim.endpoint;

import org.trialsim.cohort.Cohort;
import org.trialsim.scenario.IntercurrentEvents.PostEvent;

/**
 * What one endpoint kind reads of a patient's latent trajectory, supplied by the process that offers the kind
 * ({@link ObservedProcess}); the observation rules that turn it into data (dropout, the administrative limit,
 * the calendar cutoff, visits) are the extractor's, the same for every kind ({@link EndpointExtractor}).
 *
 * <ul>
 * <li>Binary kinds: {@link #success(int)}, the latent outcome at the assessment week (the extractor counts a
 * patient who dropped out before it as a failure).</li>
 * <li>Continuous kinds: {@link #value(int)} and {@link #baseline(int)} of a patient who completed the
 * assessment.</li>
 * <li>Time-to-event kinds: {@link #origin(int)}, the week from randomization at which the patient becomes at risk
 * ({@code NaN} if never, for example a non-responder for relapse after response), and {@link #eventTime(int)},
 * the latent event week from randomization ({@code +Infinity} if none).</li>
 * </ul>
 *
 * <p>Holds the arrays of the cohort it is bound to ({@link #bind(Cohort)}, once per extraction), so one instance
 * per thread ({@link #copy()}).
 */
public abstract class Observation {

    /** Reads the arrays of {@code cohort}; called before the per-patient methods. */
    public abstract void bind(Cohort cohort);

    /** A fresh instance for another thread. */
    public abstract Observation copy();

    /** Binary kinds: whether patient i succeeds at the assessment week, had it been assessed. */
    public boolean success(int i) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not binary");
    }

    /** Continuous kinds: patient i's value at the assessment. */
    public double value(int i) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not continuous");
    }

    /** Continuous kinds: patient i's baseline, the covariate of an ANCOVA ({@code NaN} if none). */
    public double baseline(int i) {
        return Double.NaN;
    }

    /**
     * Continuous kinds with repeated measures: the number of visits at or before the assessment week, whose
     * values {@link #valueAt} gives (0, as by default, for a kind with one value per patient).
     */
    public int visits() {
        return 0;
    }

    /** Repeated measures: the week of visit {@code t} (0-based, in order). */
    public double visitWeek(int t) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no visits");
    }

    /** Repeated measures: patient i's value at visit {@code t} (the change from baseline; NaN if not scheduled). */
    public double valueAt(int i, int t) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no visits");
    }

    /** Time-to-event kinds: the week from randomization at which patient i becomes at risk, {@code NaN} if never. */
    public double origin(int i) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not a time to event");
    }

    /** Time-to-event kinds: patient i's latent event week from randomization, {@code +Infinity} if none. */
    public double eventTime(int i) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not a time to event");
    }

    // The outcome after an intercurrent event (an endpoint with an estimand, EndpointExtractor): kinds whose
    // process offers a post-event model (ProcessDefinition#postEventModel) override these.

    /**
     * Binary kinds: whether patient i succeeds at the assessment week when from week {@code event} on the
     * outcome follows {@code after} (jump to reference, a stated model); by default the latent success.
     */
    public boolean successAfter(int i, double event, PostEvent after) {
        if (after.changesOutcome()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no post-event model");
        }
        return success(i);
    }

    /** Binary kinds read while on treatment: whether patient i succeeds if read at {@code week} instead. */
    public boolean successBy(int i, double week) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be read at another week");
    }

    /** Continuous kinds: patient i's value when from week {@code event} on it follows {@code after}. */
    public double valueAfter(int i, double event, PostEvent after) {
        if (after.changesOutcome()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no post-event model");
        }
        return value(i);
    }

    /** Repeated measures: patient i's value at visit {@code t} when from week {@code event} on it follows {@code after}. */
    public double valueAtAfter(int i, int t, double event, PostEvent after) {
        if (after.changesOutcome()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no post-event model");
        }
        return valueAt(i, t);
    }

    /**
     * Time-to-event kinds: patient i's event week when from week {@code event} on its hazard follows
     * {@code after}; the latent event week if it comes first.
     */
    public double eventTimeAfter(int i, double event, PostEvent after) {
        if (after.changesOutcome()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no post-event model");
        }
        return eventTime(i);
    }
}
