package org.trialsim.report;

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
     * The product-limit estimate from right-censored data. At tied times events are taken to precede
     * censorings, as is conventional (and as R's {@code survival::survfit} does).
     *
     * @param label the legend label
     * @param time observed time of each subject (event or censoring)
     * @param event whether each subject's time is an event ({@code false}: censored)
     * @param count how many leading entries of the arrays to use
     * @return the curve
     */
    public static SurvivalCurve kaplanMeier(String label, double[] time, boolean[] event, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
        double[] times = new double[count];
        double[] survival = new double[count];
        int[] atRisk = new int[count];
        int steps = 0;
        double s = 1;
        int risk = count;
        int i = 0;
        while (i < count) {
            double t = time[order[i]];
            int deaths = 0;
            int leaving = 0;
            while (i < count && time[order[i]] == t) {
                deaths += event[order[i]] ? 1 : 0;
                leaving++;
                i++;
            }
            if (deaths > 0) {
                s *= 1 - (double) deaths / risk;
                times[steps] = t;
                survival[steps] = s;
                atRisk[steps] = risk;
                steps++;
            }
            risk -= leaving;
        }
        return new SurvivalCurve(label, java.util.Arrays.copyOf(times, steps),
                java.util.Arrays.copyOf(survival, steps), java.util.Arrays.copyOf(atRisk, steps), count);
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
