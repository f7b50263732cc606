package org.trialsim.stats;

/**
 * The log-rank test comparing the treatment arm with the control arm, optionally stratified, with the
 * usual hypergeometric variance for tied event times (Mantel 1966; Peto and Peto 1972; Kalbfleisch and
 * Prentice, <i>The Statistical Analysis of Failure Time Data</i>, 2nd ed., 2002, section 7.2; the statistic
 * of R's {@code survival::survdiff}, with {@code strata()} for the stratified version).
 *
 * <p>At each distinct time {@code t_j} within a stratum, with {@code n_j} patients at risk ({@code n_Tj}
 * treated), {@code d_j} events ({@code d_Tj} treated):
 * <pre>
 *   E_T = sum d_j n_Tj / n_j,    V = sum d_j (n_Tj / n_j)(1 - n_Tj / n_j)(n_j - d_j) / (n_j - 1),
 *   z = (E_T - O_T) / sqrt(V)
 * </pre>
 * summed over times and strata ({@code O_T} = treatment events). Patients censored at an event time are
 * still at risk at that time. The sign convention is this package's: {@code z > 0} when the treatment arm
 * has fewer events than expected (hazard ratio below 1), so {@link Alternative#GREATER} is "treatment
 * better" and its p-value is {@code 1 - Phi(z)}; two-sided is the chi-square tail of {@code z^2}, which is
 * survdiff's {@code chisq}.
 *
 * <p>Hazard-ratio estimates (treatment vs control): Pike's {@code (O_T/E_T) / (O_C/E_C)} (Pike 1972;
 * Berry, Kitchin and Mock 1991) and the one-step Cox score estimate {@code exp((O_T - E_T)/V)} (the first
 * Newton step from {@code beta = 0} of the partial likelihood; Collett, <i>Modelling Survival Data in
 * Medical Research</i>, 3rd ed., 2015, section 2.6).
 *
 * <p>Edge cases: with no event, or no patient of one arm at risk at any event time, {@code V = 0} and the
 * statistic is undefined: {@code z = 0}, p-value 1, both hazard ratios 1. Pike's estimate is 0 when the
 * treatment arm has no event and {@code +Infinity} when the control arm has none (while {@code V > 0}).
 * An empty stratum contributes nothing.
 *
 * <p>Result ({@link Result}): the statistic is {@code z}, the estimate the one-step Cox hazard ratio (not 0
 * or infinite merely because an arm has no event, as Pike's is), with the observed and expected events, the
 * variance and Pike's estimate. The times are sorted per stratum and
 * walked once ({@code LogRankSums}): every count is an integer and the sums run over the distinct times in
 * increasing order, strata in increasing label order, so the result does not depend on the order of the
 * rows; ties are exact equality ({@code -0.0} counts as {@code 0.0}).
 *
 * <p>Use: {@code LogRankTest.withDefaults().with(Alternative.GREATER).test(time, event, treatment, null, n)},
 * or, in a loop, {@code test(time, event, treatment, stratum, n, result)} with a reused {@link Result}: the
 * result holds the sort buffers, so once they have grown to the largest sample nothing is allocated (provided
 * the stratum labels lie in a range no wider than {@code max(size, 64)}, as the endpoint extraction's 0 to
 * k - 1 do; wider labels are first ranked by a sort). Instances are immutable and thread-safe.
 */
public final class LogRankTest {

    private static final LogRankTest DEFAULT = new LogRankTest(Alternative.TWO_SIDED);

    private final Alternative alternative;
    /** The hazard ratio under the null hypothesis: 1, or a margin ({@link #withNullHazardRatio}). */
    private final double nullRatio;

    private LogRankTest(Alternative alternative) {
        this(alternative, 1);
    }

    private LogRankTest(Alternative alternative, double nullRatio) {
        if (!(nullRatio > 0 && nullRatio < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("null hazard ratio must be positive and finite, found " + nullRatio);
        }
        this.alternative = alternative;
        this.nullRatio = nullRatio;
    }

    /** @return the two-sided test */
    public static LogRankTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: treatment better (hazard ratio below 1)
     * @return this test with that alternative
     */
    public LogRankTest with(Alternative v) {
        return new LogRankTest(v, nullRatio);
    }

    /**
     * A shifted null, for non-inferiority or superiority by a hazard-ratio margin: the Cox score test of
     * {@code H0: HR = margin} (Breslow ties; at a margin of 1 the log-rank test itself, with its hypergeometric
     * variance). {@code z > 0} when the treatment does better than the margin; the result's expected events and
     * variance are those under the margin, the estimate is the one-step Cox hazard ratio from
     * the margin, {@code margin * exp((O_T - E_T) / V)}.
     *
     * @param margin the hazard ratio, treatment to control, under the null hypothesis
     * @return this test against that null
     */
    public LogRankTest withNullHazardRatio(double margin) {
        return new LogRankTest(alternative, margin);
    }

    /**
     * Tests the data, into a new result.
     *
     * @param time observed time per patient (event or censoring), any non-NaN value
     * @param event whether the patient's time is an event ({@code false}: censored)
     * @param treatment whether the patient is in the treatment arm ({@code false}: control)
     * @param stratum stratum per patient (any int labels), or {@code null} for the unstratified test
     * @param size number of patients: the first {@code size} entries of each array are used
     * @return the result
     */
    public Result test(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int size) {
        return test(time, event, treatment, stratum, size, new Result());
    }

    /**
     * Tests the data into {@code into}, sorting in its buffers.
     *
     * @param time observed time per patient (event or censoring), any non-NaN value
     * @param event whether the patient's time is an event ({@code false}: censored)
     * @param treatment whether the patient is in the treatment arm ({@code false}: control)
     * @param stratum stratum per patient (any int labels), or {@code null} for the unstratified test
     * @param size number of patients: the first {@code size} entries of each array are used
     * @param into the result to fill
     * @return {@code into}
     */
    public Result test(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int size, Result into) {
        into.sums.nullRatio(nullRatio);
        into.sums.compute(time, event, treatment, stratum, size);
        return into.fill(alternative, nullRatio);
    }

    /**
     * As {@link #test(double[], boolean[], boolean[], int[], int, Result)}, for data that extend those
     * {@code into} last tested: rows 0 to {@code previous - 1} of every array are unchanged since then (the same
     * patients, as a nested sample-size grid gives them), rows {@code previous} to {@code size - 1} are new.
     * Only the new rows are sorted, then merged with the sorted times {@code into} kept, so the result is bit
     * for bit that of a full test: the sums run over the same distinct times in the same order, and within a
     * tie only counts matter. Falls back to the full test when {@code into} did not last test exactly
     * {@code previous} rows, was stratified differently, or did not place a stratum label of a new row.
     *
     * @param time observed time per patient
     * @param event whether the patient's time is an event
     * @param treatment whether the patient is in the treatment arm
     * @param stratum stratum per patient, or {@code null}
     * @param previous number of rows of the data {@code into} last tested
     * @param size number of patients
     * @param into the result of the previous test, to fill
     * @return {@code into}
     */
    public Result testExtended(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int previous,
            int size, Result into) {
        into.sums.nullRatio(nullRatio);
        into.sums.computeExtended(time, event, treatment, stratum, previous, size);
        return into.fill(alternative, nullRatio);
    }

    /**
     * The result of a log-rank test, and the sort buffers that produced it (kept for the next test, and for
     * {@link #testExtended}): {@code z}, its p-value, the one-step Cox hazard ratio as the estimate, the
     * observed and expected events and the variance. Reuse one per thread.
     */
    public static final class Result extends TestResult {
        private final LogRankSums sums = new LogRankSums();

        /** An empty result. */
        public Result() {
            // filled by LogRankTest
        }

        private Result fill(Alternative alternative, double nullRatio) {
            final double z = sums.z();
            final boolean defined = sums.variance() > 0;
            set(z, defined ? TailProbability.normal(z, alternative) : 1,
                    nullRatio == 1 ? hazardRatioScore() : nullRatio * hazardRatioScore(), defined);
            return this;
        }

        /** @return the chi-square statistic {@code z^2} (survdiff's {@code chisq}) */
        public double chiSquare() {
            final double z = statistic();
            return z * z;
        }

        /** @return observed events in the treatment arm, {@code O_T} */
        public double observedTreatment() {
            return sums.observedTreatment();
        }

        /** @return expected events in the treatment arm under the null, {@code E_T} */
        public double expectedTreatment() {
            return sums.expectedTreatment();
        }

        /** @return observed events in the control arm, {@code O_C} */
        public double observedControl() {
            return sums.observedControl();
        }

        /** @return expected events in the control arm, {@code E_C = events - E_T} */
        public double expectedControl() {
            return sums.expectedControl();
        }

        /** @return total number of events */
        public double events() {
            return sums.events();
        }

        /** @return the hypergeometric variance {@code V} of {@code O_T - E_T} */
        public double variance() {
            return sums.variance();
        }

        /**
         * @return Pike's hazard ratio {@code (O_T/E_T)/(O_C/E_C)}; 1 when the statistic is undefined,
         *     0 with no treatment event, {@code +Infinity} with no control event
         */
        public double hazardRatioPike() {
            if (!(sums.variance() > 0)) {
                return 1;
            }
            final double oc = sums.observedControl();
            if (oc == 0) {
                return Double.POSITIVE_INFINITY;
            }
            return (sums.observedTreatment() / sums.expectedTreatment()) / (oc / sums.expectedControl());
        }

        /** @return the one-step Cox estimate {@code exp((O_T - E_T)/V)}; 1 when the statistic is undefined */
        public double hazardRatioScore() {
            final double v = sums.variance();
            return v > 0 ? Math.exp((sums.observedTreatment() - sums.expectedTreatment()) / v) : 1;
        }
    }
}
