package org.trialsim.stats;

/**
 * The Cochran-Mantel-Haenszel test of a common odds ratio of 1 across strata of two-by-two tables
 * (Mantel and Haenszel 1959; Agresti, <i>Categorical Data Analysis</i>, 3rd ed., 2013, section 6.4.2),
 * exactly as R's {@code mantelhaen.test} for a 2 x 2 x K table with the treatment arm as the first row and
 * events as the first column.
 *
 * <p>In stratum {@code k} with {@code t_k} patients, {@code n_Tk} treated and {@code m_k} events:
 * <pre>
 *   E_k = n_Tk m_k / t_k,   V_k = n_Tk n_Ck m_k (t_k - m_k) / (t_k^2 (t_k - 1)),
 *   D = sum_k (x_Tk - E_k),  X^2 = (|D| - c)^2 / sum_k V_k,   z = sign(D) sqrt(X^2),
 * </pre>
 * with continuity correction {@code c = 1/2} when requested and {@code |D| >= 1/2}, else {@code c = 0}
 * (R's rule). Two-sided p-values are the chi-square (1 df) tail of {@code X^2}; one-sided are the normal
 * tails of the signed {@code z} ({@code GREATER}: treatment odds higher), as in R.
 *
 * <p>Edge cases: a stratum with fewer than two patients, an empty arm, or no events or only events
 * carries no information ({@code x_Tk - E_k = 0}, {@code V_k = 0}) and contributes nothing; R stops with an
 * error on strata of size below 2. When the total variance is 0 the statistic is undefined: {@code z = 0}
 * and the p-value is 1. All methods are static, allocation-free and thread-safe.
 */
public final class MantelHaenszelTest {

    private MantelHaenszelTest() {
    }

    /**
     * The signed CMH statistic.
     *
     * @param eventsTreatment events in the treatment arm, per stratum
     * @param nTreatment treatment patients, per stratum
     * @param eventsControl events in the control arm, per stratum
     * @param nControl control patients, per stratum
     * @param strata number of strata (the first {@code strata} entries of each array are used)
     * @param continuityCorrection whether to apply R's continuity correction
     * @return z, positive when treatment odds are higher; 0 when undefined
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public static double z(int[] eventsTreatment, int[] nTreatment, int[] eventsControl, int[] nControl,
            int strata, boolean continuityCorrection) {
        double deviation = 0;
        double variance = 0;
        for (int k = 0; k < strata; k++) {
            Counts.check(eventsTreatment[k], nTreatment[k], eventsControl[k], nControl[k]);
            final double t = (double) nTreatment[k] + nControl[k];
            if (t < 2) {
                continue;
            }
            final double m = (double) eventsTreatment[k] + eventsControl[k];
            deviation += eventsTreatment[k] - nTreatment[k] * m / t;
            variance += (double) nTreatment[k] * nControl[k] * m * (t - m) / (t * t * (t - 1));
        }
        if (!(variance > 0)) {
            return 0;
        }
        double numerator = Math.abs(deviation);
        if (continuityCorrection && numerator >= 0.5) {
            numerator -= 0.5;
        }
        final double magnitude = numerator / Math.sqrt(variance);
        return deviation < 0 ? -magnitude : magnitude;
    }

    /**
     * The CMH chi-square statistic ({@code z^2}).
     *
     * @param eventsTreatment events in the treatment arm, per stratum
     * @param nTreatment treatment patients, per stratum
     * @param eventsControl events in the control arm, per stratum
     * @param nControl control patients, per stratum
     * @param strata number of strata
     * @param continuityCorrection whether to apply R's continuity correction
     * @return the statistic; 0 when undefined
     */
    public static double chiSquare(int[] eventsTreatment, int[] nTreatment, int[] eventsControl, int[] nControl,
            int strata, boolean continuityCorrection) {
        final double z = z(eventsTreatment, nTreatment, eventsControl, nControl, strata, continuityCorrection);
        return z * z;
    }

    /**
     * The p-value.
     *
     * @param eventsTreatment events in the treatment arm, per stratum
     * @param nTreatment treatment patients, per stratum
     * @param eventsControl events in the control arm, per stratum
     * @param nControl control patients, per stratum
     * @param strata number of strata
     * @param continuityCorrection whether to apply R's continuity correction
     * @param alternative {@code GREATER}: treatment odds higher
     * @return the p-value; 1 when the statistic is undefined
     */
    public static double pValue(int[] eventsTreatment, int[] nTreatment, int[] eventsControl, int[] nControl,
            int strata, boolean continuityCorrection, Alternative alternative) {
        if (!(variance(eventsTreatment, nTreatment, eventsControl, nControl, strata) > 0)) {
            return 1;
        }
        return TailProbability.normal(
                z(eventsTreatment, nTreatment, eventsControl, nControl, strata, continuityCorrection), alternative);
    }

    /**
     * The Mantel-Haenszel estimate of the common odds ratio (treatment vs control),
     * {@code sum_k a_k d_k / t_k  /  sum_k b_k c_k / t_k}, R's {@code mantelhaen.test(...)$estimate}.
     *
     * @param eventsTreatment events in the treatment arm, per stratum
     * @param nTreatment treatment patients, per stratum
     * @param eventsControl events in the control arm, per stratum
     * @param nControl control patients, per stratum
     * @param strata number of strata
     * @return the estimate; {@code +Infinity} when only the denominator is 0, 1 when both sums are 0
     */
    public static double commonOddsRatio(int[] eventsTreatment, int[] nTreatment, int[] eventsControl,
            int[] nControl, int strata) {
        double numerator = 0;
        double denominator = 0;
        for (int k = 0; k < strata; k++) {
            Counts.check(eventsTreatment[k], nTreatment[k], eventsControl[k], nControl[k]);
            final double t = (double) nTreatment[k] + nControl[k];
            if (t == 0) {
                continue;
            }
            final double a = eventsTreatment[k];
            final double b = nTreatment[k] - a;
            final double c = eventsControl[k];
            final double d = nControl[k] - c;
            numerator += a * d / t;
            denominator += b * c / t;
        }
        if (denominator == 0) {
            return numerator == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return numerator / denominator;
    }

    private static double variance(int[] eventsTreatment, int[] nTreatment, int[] eventsControl, int[] nControl,
            int strata) {
        double variance = 0;
        for (int k = 0; k < strata; k++) {
            final double t = (double) nTreatment[k] + nControl[k];
            if (t < 2) {
                continue;
            }
            final double m = (double) eventsTreatment[k] + eventsControl[k];
            variance += (double) nTreatment[k] * nControl[k] * m * (t - m) / (t * t * (t - 1));
        }
        return variance;
    }
}
