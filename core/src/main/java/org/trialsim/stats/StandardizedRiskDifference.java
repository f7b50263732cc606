package org.trialsim.stats;

/**
 * The risk difference with outcomes missing at random given arm and stratum, by inverse probability weighting: in
 * each arm, the mean of the observed outcomes weighted by one over the observed fraction of their stratum (the
 * fraction estimated in that arm and stratum), which is the post-stratified mean
 * {@code p_g = sum_s w_gs p_gs}, {@code w_gs = (n_gs + m_gs) / N_g} the stratum's share of the arm as randomized
 * ({@code n} observed, {@code m} missing) and {@code p_gs} the observed proportion (Robins JM, Rotnitzky A, Zhao LP.
 * J Am Stat Assoc 1994;89:846-866; Holt D, Smith TMF. J R Stat Soc A 1979;142:33-46). For the hypothetical
 * strategy of ICH E9(R1) the outcomes after the intercurrent event are the missing ones, and the estimator is
 * unbiased for the outcome had the event not happened when the event is independent of that outcome given arm
 * and stratum (Olarte Parra C, Daniel RM, Bartlett JW. Hypothetical estimands in clinical trials: a unification of
 * causal inference and missing data methods. Stat Biopharm Res 2023;15:421-432). With multiple imputation under
 * the same model (imputing from the arm and stratum's observed responders) it has the same limit.
 *
 * <p>Variance of each arm's mean, by the delta method with the weights estimated (the sandwich of the IPW
 * estimator with a saturated propensity model, Lunceford JK, Davidian M. Stat Med 2004;23:2937-2960):
 * {@code V_g = sum_s w_gs^2 p_gs (1 - p_gs) / n_gs + (1 / N_g) sum_s w_gs (p_gs - p_g)^2}; the statistic is the
 * Wald {@code z = (p_1 - p_0) / sqrt(V_1 + V_0)}, normal p-value. Without missing outcomes and with one stratum it
 * is the unpooled Wald test of the risk difference. Undefined ({@code z = 0}, p-value 1): an arm with nobody, a
 * stratum of an arm with patients randomized but none observed (its proportion cannot be estimated), or a
 * variance of 0.
 *
 * <p>Instances are immutable and thread-safe; a reused {@link TestResult} allocates nothing.
 */
public final class StandardizedRiskDifference {

    private static final StandardizedRiskDifference DEFAULT = new StandardizedRiskDifference(Alternative.TWO_SIDED);

    private final Alternative alternative;

    private StandardizedRiskDifference(Alternative alternative) {
        this.alternative = alternative;
    }

    /** @return the two-sided test */
    public static StandardizedRiskDifference withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: a higher proportion in the treatment arm
     * @return this test with that alternative
     */
    public StandardizedRiskDifference with(Alternative v) {
        return new StandardizedRiskDifference(v);
    }

    /**
     * Tests the difference, treatment minus control, into {@code into}.
     *
     * @param events successes per group ({@code [0]} control, {@code [1]} treatment) and stratum
     * @param totals patients observed per group and stratum
     * @param missing patients randomized whose outcome is missing, per group and stratum
     * @param strata the number of strata (the first entries of each array)
     * @param into the result: statistic z, p-value, estimate the risk difference
     * @return {@code into}
     */
    public TestResult test(int[][] events, int[][] totals, int[][] missing, int strata, TestResult into) {
        double control = mean(events[0], totals[0], missing[0], strata);
        double treatment = mean(events[1], totals[1], missing[1], strata);
        if (Double.isNaN(control) || Double.isNaN(treatment)) {
            into.set(0, 1, 0, false); // an empty arm, or a stratum randomized but never observed
            return into;
        }
        double difference = treatment - control;
        double se = Math.sqrt(variance(events[0], totals[0], missing[0], strata, control)
                + variance(events[1], totals[1], missing[1], strata, treatment));
        if (!(se > 0)) {
            into.set(0, 1, difference, false);
            return into;
        }
        double z = difference / se;
        into.set(z, TailProbability.normal(z, alternative), difference, true);
        return into;
    }

    /** An arm's post-stratified proportion, or {@code NaN} when it cannot be estimated. */
    private static double mean(int[] events, int[] totals, int[] missing, int strata) {
        double randomized = randomized(totals, missing, strata);
        if (randomized == 0) {
            return Double.NaN;
        }
        double p = 0;
        for (int s = 0; s < strata; s++) {
            double w = (totals[s] + missing[s]) / randomized;
            if (w > 0) {
                if (totals[s] == 0) {
                    return Double.NaN; // randomized but none observed: no estimate of the stratum's rate
                }
                p += w * events[s] / totals[s];
            }
        }
        return p;
    }

    /** The variance of an arm's proportion {@code p}: within strata, plus the weights' own variation. */
    private static double variance(int[] events, int[] totals, int[] missing, int strata, double p) {
        double randomized = randomized(totals, missing, strata);
        double within = 0;
        double between = 0;
        for (int s = 0; s < strata; s++) {
            double w = (totals[s] + missing[s]) / randomized;
            if (w > 0) {
                double ps = (double) events[s] / totals[s];
                within += w * w * ps * (1 - ps) / totals[s];
                between += w * (ps - p) * (ps - p);
            }
        }
        return within + between / randomized;
    }

    private static double randomized(int[] totals, int[] missing, int strata) {
        double n = 0;
        for (int s = 0; s < strata; s++) {
            n += totals[s] + missing[s];
        }
        return n;
    }
}
