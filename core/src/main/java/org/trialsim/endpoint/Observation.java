package org.trialsim.endpoint;

import org.trialsim.cohort.Cohort;

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
}
