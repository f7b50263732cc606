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
 * with continuity correction {@code c = 1/2} when requested ({@link ContinuityCorrection#ENABLED}) and
 * {@code |D| >= 1/2}, else {@code c = 0} (R's rule). Two-sided p-values are the chi-square (1 df) tail of {@code X^2}; one-sided are the normal
 * tails of the signed {@code z} ({@code GREATER}: treatment odds higher), as in R.
 *
 * <p>Edge cases: a stratum with fewer than two patients, an empty arm, or no events or only events
 * carries no information ({@code x_Tk - E_k = 0}, {@code V_k = 0}) and contributes nothing; R stops with an
 * error on strata of size below 2. When the total variance is 0 the statistic is undefined: {@code z = 0}
 * and the p-value is 1.
 *
 * <p>Result: the statistic is the signed {@code z} (square it for {@code X^2}); the estimate is the
 * Mantel-Haenszel common odds ratio {@code sum_k a_k d_k / t_k  /  sum_k b_k c_k / t_k} (R's
 * {@code mantelhaen.test(...)$estimate}; {@code +Infinity} when only the denominator is 0, 1 when both are).
 *
 * <p>Use: {@code MantelHaenszelTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC, k)}, or,
 * in a loop, {@code test(xT, nT, xC, nC, k, result)} with a reused {@link TestResult}, which allocates
 * nothing. Instances are immutable and thread-safe.
 */
public final class MantelHaenszelTest {

    private static final MantelHaenszelTest DEFAULT =
            new MantelHaenszelTest(Alternative.TWO_SIDED, ContinuityCorrection.DISABLED);

    private final Alternative alternative;
    private final ContinuityCorrection correction;

    private MantelHaenszelTest(Alternative alternative, ContinuityCorrection correction) {
        this.alternative = alternative;
        this.correction = correction;
    }

    /** @return the two-sided test without continuity correction */
    public static MantelHaenszelTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: treatment odds higher
     * @return this test with that alternative
     */
    public MantelHaenszelTest with(Alternative v) {
        return new MantelHaenszelTest(v, correction);
    }

    /**
     * @param v whether to apply R's continuity correction
     * @return this test with that correction
     */
    public MantelHaenszelTest with(ContinuityCorrection v) {
        return new MantelHaenszelTest(alternative, v);
    }

    /**
     * Tests the strata, into a new result.
     *
     * @param eventsTreatment events in the treatment arm, per stratum
     * @param nTreatment treatment patients, per stratum
     * @param eventsControl events in the control arm, per stratum
     * @param nControl control patients, per stratum
     * @param strata number of strata (the first {@code strata} entries of each array are used)
     * @return the result
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public TestResult test(int[] eventsTreatment, int[] nTreatment, int[] eventsControl, int[] nControl,
            int strata) {
        return test(eventsTreatment, nTreatment, eventsControl, nControl, strata, new TestResult());
    }

    /**
     * Tests the strata into {@code into}, allocating nothing.
     *
     * @param eventsTreatment events in the treatment arm, per stratum
     * @param nTreatment treatment patients, per stratum
     * @param eventsControl events in the control arm, per stratum
     * @param nControl control patients, per stratum
     * @param strata number of strata (the first {@code strata} entries of each array are used)
     * @param into the result to fill
     * @return {@code into}
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public TestResult test(int[] eventsTreatment, int[] nTreatment, int[] eventsControl, int[] nControl,
            int strata, TestResult into) {
        double deviation = 0;
        double variance = 0;
        double numeratorOr = 0;
        double denominatorOr = 0;
        for (int k = 0; k < strata; k++) {
            Counts.check(eventsTreatment[k], nTreatment[k], eventsControl[k], nControl[k]);
            final double t = (double) nTreatment[k] + nControl[k];
            if (t < 2) {
                // a stratum of one patient has an empty arm, so its odds-ratio terms are 0 too
                continue;
            }
            final double m = (double) eventsTreatment[k] + eventsControl[k];
            deviation += eventsTreatment[k] - nTreatment[k] * m / t;
            variance += (double) nTreatment[k] * nControl[k] * m * (t - m) / (t * t * (t - 1));
            final double a = eventsTreatment[k];
            final double b = nTreatment[k] - a;
            final double c = eventsControl[k];
            final double d = nControl[k] - c;
            numeratorOr += a * d / t;
            denominatorOr += b * c / t;
        }
        final double commonOddsRatio = denominatorOr == 0 ? (numeratorOr == 0 ? 1 : Double.POSITIVE_INFINITY)
                : numeratorOr / denominatorOr;
        if (!(variance > 0)) {
            into.set(0, 1, commonOddsRatio, false);
            return into;
        }
        double numerator = Math.abs(deviation);
        if (correction == ContinuityCorrection.ENABLED && numerator >= 0.5) {
            numerator -= 0.5;
        }
        final double magnitude = numerator / Math.sqrt(variance);
        final double z = deviation < 0 ? -magnitude : magnitude;
        into.set(z, TailProbability.normal(z, alternative), commonOddsRatio, true);
        return into;
    }
}
