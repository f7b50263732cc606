package org.trialsim.power;

/**
 * The estimate of the treatment effect that goes with an endpoint's test in one analysis of one simulated
 * trial, named as it is reported: the test's own estimate ({@link org.trialsim.stats.TestResult#estimate()}),
 * named by the test's entry in the registry of analyses ({@code Analyses}): a risk difference with the
 * chi-square, Fisher and Wald tests, the Mantel-Haenszel common odds ratio with the CMH test, the response rate
 * with single-arm tests, the difference in means with the t-tests, the baseline-adjusted difference with
 * ANCOVA, and the one-step Cox (Peto) hazard ratio {@code exp((O - E)/V)} with the log-rank tests
 * ({@link org.trialsim.stats.LogRankTest.Result#hazardRatioScore()}; against a hazard-ratio margin the one-step
 * estimate from the margin), the ratio of the event rates (events over person-time) with the gamma-Poisson rule, and with the margin score tests the risk difference, risk ratio or odds ratio. Differences and ratios are treatment
 * versus control, on the data's own scale (a MADRS change: a negative difference favours treatment).
 *
 * @param name what is estimated, for example {@code "risk difference"}
 * @param value the estimate
 */
public record EffectEstimate(String name, double value) {

    /** Name of the difference of two proportions, treatment minus control. */
    public static final String RISK_DIFFERENCE = "risk difference";
    /** Name of the ratio of two proportions, treatment to control. */
    public static final String RISK_RATIO = "risk ratio";
    /** Name of the odds ratio of a two-by-two table, treatment to control. */
    public static final String ODDS_RATIO = "odds ratio";
    /** Name of the Mantel-Haenszel common odds ratio. */
    public static final String COMMON_ODDS_RATIO = "common odds ratio (Mantel-Haenszel)";
    /** Name of the proportion of successes in a single arm. */
    public static final String RESPONSE_RATE = "response rate";
    /** Name of the difference of means, treatment minus control. */
    public static final String MEAN_DIFFERENCE = "mean difference";
    /** Name of the baseline-adjusted difference of means (ANCOVA). */
    public static final String ADJUSTED_MEAN_DIFFERENCE = "adjusted mean difference (ANCOVA)";
    /** Name of the treatment difference in mean change at the assessed visit of a mixed model for repeated measures. */
    public static final String MMRM_DIFFERENCE = "difference in mean change at the visit (MMRM)";
    /** Name of the one-step Cox hazard ratio of the log-rank statistic. */
    public static final String HAZARD_RATIO = "hazard ratio (one-step Cox, exp((O - E)/V))";
    /** Name of the ratio of the arms' event rates, events over person-time at risk, treatment to control. */
    public static final String RATE_RATIO = "event rate ratio (events per person-time)";

    /**
     * Whether the estimate so named is a ratio, whose standard error and interval are taken on the log scale.
     *
     * @param name an estimate's name, one of this class's constants
     * @return whether it is a hazard, rate, risk or odds ratio
     */
    public static boolean isRatio(String name) {
        return name.equals(HAZARD_RATIO) || name.equals(RATE_RATIO) || name.equals(COMMON_ODDS_RATIO)
                || name.equals(RISK_RATIO) || name.equals(ODDS_RATIO);
    }
}
