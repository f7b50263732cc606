package org.trialsim.stats;

/**
 * The sample odds ratio of treatment vs control, {@code (a d) / (b c)} with {@code a = x_T},
 * {@code b = n_T - x_T}, {@code c = x_C}, {@code d = n_C - x_C}, and Woolf's logit interval (Woolf 1955;
 * Agresti, <i>Categorical Data Analysis</i>, 3rd ed., 2013, section 3.1.1):
 * {@code exp(log OR -/+ z sqrt(1/a + 1/b + 1/c + 1/d))}.
 *
 * <p>When any cell is zero, 0.5 is added to every cell before computing both the estimate and the
 * interval (the Haldane-Anscombe correction; Haldane 1956, Anscombe 1956). When an arm is empty the odds
 * ratio is not estimable: the estimate is 1 and the interval is [0, +Infinity]. {@code alpha} is the
 * two-sided error rate. Static, allocation-free, thread-safe; never {@code NaN}.
 */
public final class OddsRatio {

    private OddsRatio() {
    }

    /**
     * The odds ratio, with the 0.5 correction when a cell is zero.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @return the estimate (1 when an arm is empty)
     */
    public static double estimate(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        Counts.check(eventsTreatment, nTreatment, eventsControl, nControl);
        if (nTreatment == 0 || nControl == 0) {
            return 1;
        }
        return Math.exp(logEstimate(eventsTreatment, nTreatment, eventsControl, nControl));
    }

    /**
     * Standard error of the log odds ratio, {@code sqrt(1/a + 1/b + 1/c + 1/d)} (cells corrected as above).
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @return the standard error ({@code +Infinity} when an arm is empty)
     */
    public static double logStandardError(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        Counts.check(eventsTreatment, nTreatment, eventsControl, nControl);
        if (nTreatment == 0 || nControl == 0) {
            return Double.POSITIVE_INFINITY;
        }
        final double shift = shift(eventsTreatment, nTreatment, eventsControl, nControl);
        return Math.sqrt(1 / (eventsTreatment + shift) + 1 / (nTreatment - eventsTreatment + shift)
                + 1 / (eventsControl + shift) + 1 / (nControl - eventsControl + shift));
    }

    /**
     * Lower Woolf limit.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @param alpha two-sided error rate
     * @return the lower limit (0 when an arm is empty)
     */
    public static double woolfLower(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            double alpha) {
        final double z = BinomialInterval.twoSidedQuantile(alpha);
        final double se = logStandardError(eventsTreatment, nTreatment, eventsControl, nControl);
        if (se == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return Math.exp(logEstimate(eventsTreatment, nTreatment, eventsControl, nControl) - z * se);
    }

    /**
     * Upper Woolf limit.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment treatment patients
     * @param eventsControl events in the control arm
     * @param nControl control patients
     * @param alpha two-sided error rate
     * @return the upper limit ({@code +Infinity} when an arm is empty)
     */
    public static double woolfUpper(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            double alpha) {
        final double z = BinomialInterval.twoSidedQuantile(alpha);
        final double se = logStandardError(eventsTreatment, nTreatment, eventsControl, nControl);
        if (se == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.exp(logEstimate(eventsTreatment, nTreatment, eventsControl, nControl) + z * se);
    }

    private static double logEstimate(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        final double shift = shift(eventsTreatment, nTreatment, eventsControl, nControl);
        return Math.log(eventsTreatment + shift) - Math.log(nTreatment - eventsTreatment + shift)
                - Math.log(eventsControl + shift) + Math.log(nControl - eventsControl + shift);
    }

    private static double shift(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        final boolean zeroCell = eventsTreatment == 0 || eventsTreatment == nTreatment
                || eventsControl == 0 || eventsControl == nControl;
        return zeroCell ? 0.5 : 0;
    }
}
