package org.trialsim.stats;

/**
 * Pearson's chi-square test of a two-by-two table, in its signed form: the pooled two-proportion z
 * statistic, treatment minus control.
 *
 * <p>With {@code a = x_T}, {@code b = n_T - x_T}, {@code c = x_C}, {@code d = n_C - x_C},
 * {@code N = n_T + n_C} and {@code m_1 = x_T + x_C}, {@code m_2 = N - m_1}:
 * <pre>
 *   z = (ad - bc) sqrt(N / (n_T n_C m_1 m_2)),     X^2 = z^2
 * </pre>
 * which is {@code (p_T - p_C) / sqrt(pbar (1 - pbar) (1/n_T + 1/n_C))} with the pooled rate {@code pbar}
 * (Fleiss, Levin and Paik, <i>Statistical Methods for Rates and Proportions</i>, 3rd ed., 2003, sections
 * 6.2-6.3). With Yates' continuity correction (Yates 1934; {@link ContinuityCorrection#ENABLED}) the statistic
 * is R's {@code chisq.test(correct = TRUE)} and {@code prop.test(correct = TRUE)} statistic:
 * {@code X^2 = N (|ad - bc| - min(N/2, |ad - bc|))^2 / (n_T n_C m_1 m_2)}, and the signed z is
 * {@code sign(ad - bc) sqrt(X^2)}.
 *
 * <p>P-values: two-sided is the chi-square (1 df) upper tail of {@code X^2}; one-sided is the normal tail
 * of the signed z, {@code GREATER} when the treatment rate is higher. This is exactly R's
 * {@code prop.test(c(x_T, x_C), c(n_T, n_C), correct = ..., alternative = ...)}.
 *
 * <p>Result: the statistic is the signed z (square it for {@code X^2}); the estimate is the risk difference
 * {@code x_T/n_T - x_C/n_C} ({@link RiskDifference#estimate}). Undefined statistic: when an arm is empty or
 * the pooled rate is 0 or 1 (no events, or all events, in both arms) the statistic is {@code 0/0}; the
 * result is then {@code z = 0} and p-value 1 for every alternative (never reject; R gives {@code NaN}).
 *
 * <p>Use: {@code TwoProportionZTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC)}, or, in a
 * loop, {@code test(xT, nT, xC, nC, result)} with a reused {@link TestResult}, which allocates nothing.
 * Instances are immutable and thread-safe.
 */
public final class TwoProportionZTest {

    private static final TwoProportionZTest DEFAULT =
            new TwoProportionZTest(Alternative.TWO_SIDED, ContinuityCorrection.DISABLED);

    private final Alternative alternative;
    private final ContinuityCorrection correction;

    private TwoProportionZTest(Alternative alternative, ContinuityCorrection correction) {
        this.alternative = alternative;
        this.correction = correction;
    }

    /** @return the two-sided test without continuity correction */
    public static TwoProportionZTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: treatment rate higher
     * @return this test with that alternative
     */
    public TwoProportionZTest with(Alternative v) {
        return new TwoProportionZTest(v, correction);
    }

    /**
     * @param v whether to apply Yates' correction
     * @return this test with that correction
     */
    public TwoProportionZTest with(ContinuityCorrection v) {
        return new TwoProportionZTest(alternative, v);
    }

    /**
     * Tests the table, into a new result.
     *
     * @param eventsTreatment events (responders) in the treatment arm
     * @param nTreatment patients in the treatment arm
     * @param eventsControl events in the control arm
     * @param nControl patients in the control arm
     * @return the result
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public TestResult test(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        return test(eventsTreatment, nTreatment, eventsControl, nControl, new TestResult());
    }

    /**
     * Tests the table into {@code into}, allocating nothing.
     *
     * @param eventsTreatment events (responders) in the treatment arm
     * @param nTreatment patients in the treatment arm
     * @param eventsControl events in the control arm
     * @param nControl patients in the control arm
     * @param into the result to fill
     * @return {@code into}
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public TestResult test(int eventsTreatment, int nTreatment, int eventsControl, int nControl, TestResult into) {
        Counts.check(eventsTreatment, nTreatment, eventsControl, nControl);
        final double z = z(eventsTreatment, nTreatment, eventsControl, nControl,
                correction == ContinuityCorrection.ENABLED);
        final boolean undefined = undefined(eventsTreatment, nTreatment, eventsControl, nControl);
        into.set(z, undefined ? 1 : TailProbability.normal(z, alternative),
                RiskDifference.rate(eventsTreatment, nTreatment) - RiskDifference.rate(eventsControl, nControl),
                !undefined);
        return into;
    }

    /** The signed pooled z statistic of checked counts, treatment minus control; 0 when undefined. */
    static double z(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            boolean continuityCorrection) {
        final double n = (double) nTreatment + nControl;
        final double events = (double) eventsTreatment + eventsControl;
        final double nonEvents = n - events;
        if (nTreatment == 0 || nControl == 0 || events == 0 || nonEvents == 0) {
            return 0;
        }
        // ad - bc = x_T n_C - x_C n_T, exact in double for any realistic trial size
        final double cross = (double) eventsTreatment * nControl - (double) eventsControl * nTreatment;
        double numerator = Math.abs(cross);
        if (continuityCorrection) {
            numerator = Math.max(0, numerator - n / 2);
        }
        final double magnitude = numerator * Math.sqrt(n / ((double) nTreatment * nControl * events * nonEvents));
        return cross < 0 ? -magnitude : magnitude;
    }

    /** Whether the statistic is 0/0: an empty arm, or no events or no non-events overall. */
    static boolean undefined(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        final int events = eventsTreatment + eventsControl;
        return nTreatment == 0 || nControl == 0 || events == 0 || events == nTreatment + nControl;
    }
}
