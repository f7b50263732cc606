package org.trialsim.stats;

/**
 * The Wald test of the risk difference {@code d = p_T - p_C} of two independent proportions, with the
 * unpooled variance (Agresti, <i>Categorical Data Analysis</i>, 3rd ed., 2013, section 3.1.2; Fleiss, Levin
 * and Paik, <i>Statistical Methods for Rates and Proportions</i>, 3rd ed., 2003, section 6.2):
 * <pre>
 *   z = (p_T - p_C) / sqrt(p_T (1 - p_T) / n_T + p_C (1 - p_C) / n_C),     p_T = x_T / n_T, p_C = x_C / n_C
 * </pre>
 * P-values are the normal tails of {@code z}: {@code GREATER} when the treatment rate is higher, two-sided
 * {@code 2 P(Z > |z|)}. This is statsmodels' {@code test_proportions_2indep(x_T, n_T, x_C, n_C,
 * method = "wald", compare = "diff")}, and, where it is defined, the test that rejects at two-sided level
 * {@code alpha} exactly when the Wald interval of {@link RiskDifference} excludes 0. Unlike the pooled chi-square
 * ({@link TwoProportionZTest}) its variance is estimated without assuming the null, so it is the test that
 * matches a confidence interval for {@code d}; its size is known to exceed {@code alpha} in small samples
 * (Newcombe 1998), which simulation under the null scenario shows.
 *
 * <p>Result: the statistic is {@code z}; the estimate is {@code d} (an empty arm counts as rate 0, as in
 * {@link RiskDifference#estimate}). Undefined statistic: an empty arm, or both observed rates 0 or 1 (zero
 * estimated variance, including {@code p_T = 1, p_C = 0}: the Wald test cannot reject there); then
 * {@code z = 0} and p-value 1 (statsmodels gives {@code NaN} or infinities).
 *
 * <p>Use: {@code WaldRiskDifferenceTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC)}, or,
 * in a loop, {@code test(xT, nT, xC, nC, result)} with a reused {@link TestResult}, which allocates nothing.
 * Instances are immutable and thread-safe.
 */
public final class WaldRiskDifferenceTest {

    private static final WaldRiskDifferenceTest DEFAULT = new WaldRiskDifferenceTest(Alternative.TWO_SIDED);

    private final Alternative alternative;

    private WaldRiskDifferenceTest(Alternative alternative) {
        this.alternative = alternative;
    }

    /** @return the two-sided test */
    public static WaldRiskDifferenceTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: treatment rate higher
     * @return this test with that alternative
     */
    public WaldRiskDifferenceTest with(Alternative v) {
        return new WaldRiskDifferenceTest(v);
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
        final double d = RiskDifference.rate(eventsTreatment, nTreatment) - RiskDifference.rate(eventsControl, nControl);
        final double se = RiskDifference.waldSe(eventsTreatment, nTreatment, eventsControl, nControl);
        final boolean defined = nTreatment > 0 && nControl > 0 && se > 0;
        final double z = defined ? d / se : 0;
        into.set(z, defined ? TailProbability.normal(z, alternative) : 1, d, defined);
        return into;
    }
}
