package org.trialsim.report;

import org.trialsim.stats.KaplanMeier;

/**
 * A Kaplan-Meier survival curve: a right-continuous step function that starts at 1 at time 0 and drops at
 * each distinct event time. Kaplan EL, Meier P. Nonparametric estimation from incomplete observations.
 * J Am Stat Assoc 1958;53:457-481.
 *
 * @param label the legend label, for example the arm
 * @param times the distinct event times, increasing
 * @param survival the estimated survival just after each event time
 * @param atRisk the number at risk just before each event time
 * @param subjects the number of subjects the curve rests on
 */
public record SurvivalCurve(String label, double[] times, double[] survival, int[] atRisk, int subjects) {

    /**
     * The product-limit estimate from right-censored data: {@link KaplanMeier}'s step function over the whole
     * follow-up, the computation that also gives its milestone estimates. At tied times events are taken to precede
     * censorings, as is conventional (and as R's {@code survival::survfit} does); {@code -0.0} is time 0.
     *
     * @param label the legend label
     * @param time observed time of each subject (event or censoring), not NaN
     * @param event whether each subject's time is an event ({@code false}: censored)
     * @param count how many leading entries of the arrays to use
     * @return the curve
     * @throws IllegalArgumentException if a time is NaN
     */
    public static SurvivalCurve kaplanMeier(String label, double[] time, boolean[] event, int count) {
        for (int i = 0; i < count; i++) {
            // KaplanMeier's sort requires it: a NaN time has no place on the curve
            if (Double.isNaN(time[i])) {
                throw new IllegalArgumentException("time of subject " + i + " of " + label + " is NaN");
            }
        }
        KaplanMeier km = new KaplanMeier();
        km.compute(time, event, count, Double.POSITIVE_INFINITY);
        return new SurvivalCurve(label, km.eventTimes(), km.survivalAtEventTimes(), km.atRiskAtEventTimes(), count);
    }

    /** The estimated survival at {@code t}: 1 before the first event, then the last step at or before t. */
    public double at(double t) {
        double s = 1;
        for (int k = 0; k < times.length && times[k] <= t; k++) {
            s = survival[k];
        }
        return s;
    }
}
