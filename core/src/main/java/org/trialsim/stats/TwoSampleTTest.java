package org.trialsim.stats;

/**
 * Two-sample t-tests of the difference in means, treatment minus control: Student's test with pooled
 * variance ({@code df = n_T + n_C - 2}; {@link DataDispersion#HOMOSCEDASTIC}) and Welch's unequal-variance
 * test with Satterthwaite's degrees of freedom (Welch 1947; Satterthwaite 1946;
 * {@link DataDispersion#HETEROSCEDASTIC}, the default), exactly R's
 * {@code t.test(y_T, y_C, var.equal = TRUE/FALSE)}.
 *
 * <p>{@link Alternative#GREATER} means the treatment mean is higher. For endpoints where lower is better
 * (a MADRS change), test {@code LESS} (or negate the scores).
 *
 * <p>Result ({@link Result}): the statistic is {@code t}, the estimate the difference in means, with the
 * degrees of freedom and the standard error. Undefined statistic ({@code t = 0}, p-value 1): an empty arm;
 * fewer than 3 patients in all for the pooled test, or fewer than 2 in an arm for Welch's (R stops with "not
 * enough observations"); and (essentially) zero within-arm variance, meaning a within-arm sum of squares at
 * most {@code 1e-26} times the total sum of squares about the grand mean, i.e. zero up to rounding (R stops
 * with "data are essentially constant"). The degrees of freedom are still reported.
 *
 * <p>Use: {@code TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC).test(y, treatment, n)},
 * or, in a loop, {@code test(y, treatment, n, result)} with a reused {@link Result}, which allocates
 * nothing. Instances are immutable and thread-safe.
 */
public final class TwoSampleTTest {

    /** Relative size of a within-arm sum of squares that counts as zero. */
    static final double ZERO_VARIANCE = 1e-26;

    private static final TwoSampleTTest DEFAULT =
            new TwoSampleTTest(Alternative.TWO_SIDED, DataDispersion.HETEROSCEDASTIC);

    private final Alternative alternative;
    private final boolean welch;
    /** The difference in means under the null hypothesis (R's {@code mu}): 0, or a margin. */
    private final double nullDifference;

    private TwoSampleTTest(Alternative alternative, DataDispersion dispersion) {
        this(alternative, dispersion, 0);
    }

    private TwoSampleTTest(Alternative alternative, DataDispersion dispersion, double nullDifference) {
        if (!Double.isFinite(nullDifference)) {
            throw new IllegalArgumentException("null difference must be finite, found " + nullDifference);
        }
        this.alternative = alternative;
        this.welch = dispersion == DataDispersion.HETEROSCEDASTIC;
        this.nullDifference = nullDifference;
    }

    /** @return the two-sided Welch test (R's {@code t.test} defaults) */
    public static TwoSampleTTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: treatment mean higher
     * @return this test with that alternative
     */
    public TwoSampleTTest with(Alternative v) {
        return new TwoSampleTTest(v, welch ? DataDispersion.HETEROSCEDASTIC : DataDispersion.HOMOSCEDASTIC,
                nullDifference);
    }

    /**
     * A shifted null, for non-inferiority or superiority by a margin: {@code t = (mean_T - mean_C - margin) / SE},
     * R's {@code t.test(y_T, y_C, mu = margin)} (the estimate stays the difference in means).
     *
     * @param margin the difference in means, treatment minus control, under the null hypothesis
     * @return this test against that null
     */
    public TwoSampleTTest withNullDifference(double margin) {
        return new TwoSampleTTest(alternative, welch ? DataDispersion.HETEROSCEDASTIC : DataDispersion.HOMOSCEDASTIC,
                margin);
    }

    /**
     * @param v {@code HOMOSCEDASTIC} for Student's pooled test, {@code HETEROSCEDASTIC} for Welch's
     * @return this test with that variance assumption
     */
    public TwoSampleTTest with(DataDispersion v) {
        return new TwoSampleTTest(alternative, v, nullDifference);
    }

    /**
     * Tests scores and arm labels, into a new result.
     *
     * @param y score per patient
     * @param treatment whether the patient is in the treatment arm
     * @param size number of patients (first {@code size} entries)
     * @return the result
     */
    public Result test(double[] y, boolean[] treatment, int size) {
        return test(y, treatment, size, new Result());
    }

    /**
     * Tests scores and arm labels into {@code into}, allocating nothing.
     *
     * @param y score per patient
     * @param treatment whether the patient is in the treatment arm
     * @param size number of patients (first {@code size} entries)
     * @param into the result to fill
     * @return {@code into}
     */
    public Result test(double[] y, boolean[] treatment, int size, Result into) {
        int nT = 0;
        double sumT = 0;
        double sumC = 0;
        for (int i = 0; i < size; i++) {
            if (treatment[i]) {
                nT++;
                sumT += y[i];
            } else {
                sumC += y[i];
            }
        }
        final int nC = size - nT;
        final double meanT = nT > 0 ? sumT / nT : 0;
        final double meanC = nC > 0 ? sumC / nC : 0;
        final double grand = size > 0 ? (sumT + sumC) / size : 0;
        double ssT = 0;
        double ssC = 0;
        double ssTotal = 0;
        for (int i = 0; i < size; i++) {
            final double dev = y[i] - (treatment[i] ? meanT : meanC);
            if (treatment[i]) {
                ssT += dev * dev;
            } else {
                ssC += dev * dev;
            }
            final double devGrand = y[i] - grand;
            ssTotal += devGrand * devGrand;
        }
        if (ssT + ssC <= ZERO_VARIANCE * ssTotal) {
            ssT = 0;
            ssC = 0;
        }
        return test(meanT, nT > 1 ? ssT / (nT - 1) : 0, nT, meanC, nC > 1 ? ssC / (nC - 1) : 0, nC, into);
    }

    /**
     * Tests summary statistics, into a new result.
     *
     * @param meanTreatment treatment mean
     * @param varianceTreatment treatment sample variance (denominator {@code n - 1})
     * @param nTreatment treatment patients
     * @param meanControl control mean
     * @param varianceControl control sample variance
     * @param nControl control patients
     * @return the result
     */
    public Result test(double meanTreatment, double varianceTreatment, int nTreatment, double meanControl,
            double varianceControl, int nControl) {
        return test(meanTreatment, varianceTreatment, nTreatment, meanControl, varianceControl, nControl,
                new Result());
    }

    /**
     * Tests summary statistics into {@code into}, allocating nothing.
     *
     * @param meanTreatment treatment mean
     * @param varianceTreatment treatment sample variance (denominator {@code n - 1})
     * @param nTreatment treatment patients
     * @param meanControl control mean
     * @param varianceControl control sample variance
     * @param nControl control patients
     * @param into the result to fill
     * @return {@code into}
     */
    public Result test(double meanTreatment, double varianceTreatment, int nTreatment, double meanControl,
            double varianceControl, int nControl, Result into) {
        final double difference = nTreatment > 0 && nControl > 0 ? meanTreatment - meanControl : 0;
        final double variance;
        final double degreesOfFreedom;
        final boolean defined;
        if (welch) {
            final double vt = nTreatment > 0 ? varianceTreatment / nTreatment : 0;
            final double vc = nControl > 0 ? varianceControl / nControl : 0;
            variance = vt + vc;
            final double denominator = (nTreatment > 1 ? vt * vt / (nTreatment - 1) : 0)
                    + (nControl > 1 ? vc * vc / (nControl - 1) : 0);
            degreesOfFreedom = denominator > 0 ? variance * variance / denominator : 0;
            defined = nTreatment >= 2 && nControl >= 2 && variance > 0;
        } else {
            degreesOfFreedom = Math.max(0, nTreatment + nControl - 2);
            final double pooled = degreesOfFreedom > 0
                    ? ((nTreatment - 1) * varianceTreatment + (nControl - 1) * varianceControl) / degreesOfFreedom
                    : 0;
            variance = nTreatment > 0 && nControl > 0 ? pooled * (1.0 / nTreatment + 1.0 / nControl) : 0;
            defined = nTreatment >= 1 && nControl >= 1 && degreesOfFreedom >= 1 && variance > 0;
        }
        final double standardError = Math.sqrt(variance);
        // difference - 0.0 is difference bit for bit, so the unshifted test is unchanged
        final double t = defined ? (difference - nullDifference) / standardError : 0;
        into.degreesOfFreedom = degreesOfFreedom;
        into.standardError = standardError;
        into.set(t, defined ? TailProbability.studentT(t, degreesOfFreedom, alternative) : 1, difference, defined);
        return into;
    }

    /** The result of a two-sample t-test: {@code t}, p-value, difference in means, df and standard error. */
    public static final class Result extends TestResult {
        private double degreesOfFreedom;
        private double standardError;

        /** An empty result. */
        public Result() {
            // filled by TwoSampleTTest
        }

        /** @return the degrees of freedom (Satterthwaite's for Welch; 0 when not computable) */
        public double degreesOfFreedom() {
            return degreesOfFreedom;
        }

        /** @return the standard error of the difference in means */
        public double standardError() {
            return standardError;
        }
    }
}
