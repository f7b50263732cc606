package org.trialsim.stats;

/**
 * The risk difference {@code p_T - p_C} of two independent proportions with two-sided confidence limits:
 *
 * <ul>
 * <li>Wald: {@code d -/+ z sqrt(p_T (1 - p_T)/n_T + p_C (1 - p_C)/n_C)} (Newcombe 1998b, method 1);
 *     degenerate (both limits equal {@code d}) when both observed rates are 0 or 1.</li>
 * <li>Newcombe's hybrid score interval (Newcombe, <i>Stat Med</i> 17:873-890, 1998b, method 10), built
 *     from the Wilson limits {@code [l_T, u_T]} and {@code [l_C, u_C]}:
 *     {@code d - sqrt((p_T - l_T)^2 + (u_C - p_C)^2)} to {@code d + sqrt((u_T - p_T)^2 + (p_C - l_C)^2)}.
 *     Never degenerate, always within [-1, 1].</li>
 * </ul>
 *
 * <p>{@code alpha} is the two-sided error rate (0.05 for a 95% interval; use {@code 2 alpha} for a
 * one-sided bound at level {@code alpha}, e.g. a non-inferiority margin check). An empty arm carries no
 * information: its rate is taken as 0 for the estimate and, for the limits, its Wilson interval is [0, 1]
 * and its Wald variance term is 0. Static, allocation-free, thread-safe.
 */
public final class RiskDifference {

    private RiskDifference() {
    }

    /**
     * The estimate {@code x_T/n_T - x_C/n_C}.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @return the risk difference (an empty arm counts as rate 0)
     */
    public static double estimate(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        Counts.check(eventsTreatment, nTreatment, eventsControl, nControl);
        return rate(eventsTreatment, nTreatment) - rate(eventsControl, nControl);
    }

    /**
     * Lower Wald limit.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @param alpha two-sided error rate
     * @return the lower limit (not clipped to [-1, 1], as is usual for Wald)
     */
    public static double waldLower(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            double alpha) {
        return estimate(eventsTreatment, nTreatment, eventsControl, nControl)
                - BinomialInterval.twoSidedQuantile(alpha) * waldSe(eventsTreatment, nTreatment, eventsControl, nControl);
    }

    /**
     * Upper Wald limit.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @param alpha two-sided error rate
     * @return the upper limit
     */
    public static double waldUpper(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            double alpha) {
        return estimate(eventsTreatment, nTreatment, eventsControl, nControl)
                + BinomialInterval.twoSidedQuantile(alpha) * waldSe(eventsTreatment, nTreatment, eventsControl, nControl);
    }

    /**
     * Lower Newcombe hybrid score limit.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @param alpha two-sided error rate
     * @return the lower limit in [-1, 1]
     */
    public static double newcombeLower(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            double alpha) {
        final double z = BinomialInterval.twoSidedQuantile(alpha);
        final double pT = rate(eventsTreatment, nTreatment);
        final double pC = rate(eventsControl, nControl);
        final double a = pT - BinomialInterval.wilson(eventsTreatment, nTreatment, z, -1);
        final double b = BinomialInterval.wilson(eventsControl, nControl, z, 1) - pC;
        return Math.max(-1, pT - pC - Math.sqrt(a * a + b * b));
    }

    /**
     * Upper Newcombe hybrid score limit.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @param alpha two-sided error rate
     * @return the upper limit in [-1, 1]
     */
    public static double newcombeUpper(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            double alpha) {
        final double z = BinomialInterval.twoSidedQuantile(alpha);
        final double pT = rate(eventsTreatment, nTreatment);
        final double pC = rate(eventsControl, nControl);
        final double a = BinomialInterval.wilson(eventsTreatment, nTreatment, z, 1) - pT;
        final double b = pC - BinomialInterval.wilson(eventsControl, nControl, z, -1);
        return Math.min(1, pT - pC + Math.sqrt(a * a + b * b));
    }

    static double waldSe(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        return Math.sqrt(binomialVariance(eventsTreatment, nTreatment) + binomialVariance(eventsControl, nControl));
    }

    private static double binomialVariance(int x, int n) {
        if (n == 0) {
            return 0;
        }
        final double p = (double) x / n;
        return p * (1 - p) / n;
    }

    static double rate(int x, int n) {
        return n == 0 ? 0 : (double) x / n;
    }
}
