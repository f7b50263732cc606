package org.trialsim.stats;

/**
 * Analysis of covariance of the change from baseline adjusted for the baseline score: the least-squares
 * fit of {@code y = a + b g + c x} ({@code g} = 1 for treatment, 0 for control; {@code x} = baseline) and
 * the t-test of the treatment effect {@code b} with {@code n - 3} degrees of freedom (Senn,
 * <i>Statistical Issues in Drug Development</i>, 2nd ed., 2007, chapter 7; Draper and Smith, <i>Applied
 * Regression Analysis</i>, 3rd ed., 1998), exactly R's
 * {@code summary(lm(y ~ g + x))$coefficients["g", ]}. The effect is the same whether {@code y} is the
 * change or the final score.
 *
 * <p>Computed from centred sums of squares and cross-products (three passes over the data, no matrix):
 * with {@code S} the centred cross-products, {@code D = S_gg S_xx - S_gx^2},
 * {@code b = (S_gy S_xx - S_xy S_gx)/D}, {@code c = (S_xy S_gg - S_gy S_gx)/D},
 * {@code s^2 = RSS/(n - 3)} and {@code se(b) = sqrt(s^2 S_xx / D)}.
 *
 * <p>Edge cases: when the baseline is constant or completely determined by the arm
 * ({@code D <= 1e-14 S_gg S_xx}), the baseline term is aliased and dropped, as R's {@code lm} does: the
 * result is the pooled t-test of {@code y} with {@code n - 2} degrees of freedom. Undefined ({@code t = 0},
 * p-value 1): an empty arm, too few patients for a positive residual df, or a residual sum of squares at
 * most {@code 1e-26} times the total (an exact fit up to rounding).
 *
 * <p>{@link Alternative#GREATER} means a higher adjusted mean change in the treatment arm; for MADRS,
 * where a more negative change is better, test {@code LESS}.
 *
 * <p>Against a margin ({@link #withNullDifference}) the statistic is {@code (b - margin) / se(b)}.
 *
 * <p>Result ({@link Result}): the statistic is the t of {@code b}, the estimate the adjusted effect {@code b},
 * with the baseline slope {@code c}, the standard error and the degrees of freedom.
 *
 * <p>Use: {@code AncovaTest.withDefaults().with(Alternative.LESS).test(change, baseline, treatment, n)}, or,
 * in a loop, {@code test(change, baseline, treatment, n, result)} with a reused {@link Result}, which
 * allocates nothing. Instances are immutable and thread-safe.
 */
public final class AncovaTest {

    /** Relative size of the residual variance of the baseline given the arm that counts as zero. */
    static final double ALIASED = 1e-14;
    /** Relative residual sum of squares that counts as an exact fit. */
    private static final double ZERO_FIT = TwoSampleTTest.ZERO_VARIANCE;

    private static final AncovaTest DEFAULT = new AncovaTest(Alternative.TWO_SIDED, 0);

    private final Alternative alternative;
    /** The adjusted difference under the null hypothesis: 0, or a margin. */
    private final double nullDifference;

    private AncovaTest(Alternative alternative, double nullDifference) {
        if (!Double.isFinite(nullDifference)) {
            throw new IllegalArgumentException("null difference must be finite, found " + nullDifference);
        }
        this.alternative = alternative;
        this.nullDifference = nullDifference;
    }

    /** @return the two-sided test */
    public static AncovaTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: higher adjusted mean in the treatment arm
     * @return this test with that alternative
     */
    public AncovaTest with(Alternative v) {
        return new AncovaTest(v, nullDifference);
    }

    /**
     * A shifted null, for non-inferiority or superiority by a margin on the adjusted difference:
     * {@code t = (b - margin) / se(b)} with the same {@code n - 3} degrees of freedom, R's
     * {@code summary(lm(y ~ g + x + offset(margin * g)))$coefficients["g", ]} (the estimate stays {@code b}).
     *
     * @param margin the adjusted difference, treatment minus control, under the null hypothesis
     * @return this test against that null
     */
    public AncovaTest withNullDifference(double margin) {
        return new AncovaTest(alternative, margin);
    }

    /**
     * Fits the model and tests the treatment effect, into a new result.
     *
     * @param y response per patient (change from baseline)
     * @param baseline baseline score per patient
     * @param treatment whether the patient is in the treatment arm
     * @param size number of patients (first {@code size} entries)
     * @return the result
     */
    public Result test(double[] y, double[] baseline, boolean[] treatment, int size) {
        return test(y, baseline, treatment, size, new Result());
    }

    /**
     * Fits the model and tests the treatment effect into {@code into}, allocating nothing.
     *
     * @param y response per patient (change from baseline)
     * @param baseline baseline score per patient
     * @param treatment whether the patient is in the treatment arm
     * @param size number of patients (first {@code size} entries)
     * @param into the result to fill
     * @return {@code into}
     */
    public Result test(double[] y, double[] baseline, boolean[] treatment, int size, Result into) {
        double sumY = 0;
        double sumX = 0;
        int nT = 0;
        for (int i = 0; i < size; i++) {
            sumY += y[i];
            sumX += baseline[i];
            if (treatment[i]) {
                nT++;
            }
        }
        final double n = size;
        final double meanY = size > 0 ? sumY / n : 0;
        final double meanX = size > 0 ? sumX / n : 0;
        final double meanG = size > 0 ? nT / n : 0;
        double sgg = 0;
        double sxx = 0;
        double syy = 0;
        double sgx = 0;
        double sgy = 0;
        double sxy = 0;
        for (int i = 0; i < size; i++) {
            final double g = (treatment[i] ? 1 : 0) - meanG;
            final double x = baseline[i] - meanX;
            final double v = y[i] - meanY;
            sgg += g * g;
            sxx += x * x;
            syy += v * v;
            sgx += g * x;
            sgy += g * v;
            sxy += x * v;
        }
        final double det = sgg * sxx - sgx * sgx;
        final boolean aliased = !(det > ALIASED * sgg * sxx);
        final double effect;
        final double slope;
        final double degreesOfFreedom;
        if (aliased) {
            effect = sgg > 0 ? sgy / sgg : 0;
            slope = 0;
            degreesOfFreedom = Math.max(0, size - 2);
        } else {
            effect = (sgy * sxx - sxy * sgx) / det;
            slope = (sxy * sgg - sgy * sgx) / det;
            degreesOfFreedom = Math.max(0, size - 3);
        }
        double rss = 0;
        for (int i = 0; i < size; i++) {
            final double r = (y[i] - meanY) - effect * ((treatment[i] ? 1 : 0) - meanG) - slope * (baseline[i] - meanX);
            rss += r * r;
        }
        final boolean defined = nT > 0 && nT < size && degreesOfFreedom >= 1 && rss > ZERO_FIT * syy;
        final double standardError;
        final double statistic;
        if (defined) {
            final double s2 = rss / degreesOfFreedom;
            standardError = Math.sqrt(aliased ? s2 / sgg : s2 * sxx / det);
            statistic = (effect - nullDifference) / standardError;
        } else {
            standardError = 0;
            statistic = 0;
        }
        into.slope = slope;
        into.standardError = standardError;
        into.degreesOfFreedom = degreesOfFreedom;
        into.set(statistic, defined ? TailProbability.studentT(statistic, degreesOfFreedom, alternative) : 1, effect,
                defined);
        return into;
    }

    /**
     * The result of an ANCOVA: the t of the treatment effect, its p-value, the adjusted effect {@code b}, the
     * baseline slope, the standard error of {@code b} and the residual degrees of freedom.
     */
    public static final class Result extends TestResult {
        private double slope;
        private double standardError;
        private double degreesOfFreedom;

        /** An empty result. */
        public Result() {
            // filled by AncovaTest
        }

        /** @return the baseline slope {@code c} (0 when the baseline is aliased) */
        public double slope() {
            return slope;
        }

        /** @return the standard error of {@code b} (0 when undefined) */
        public double standardError() {
            return standardError;
        }

        /** @return the residual degrees of freedom, {@code n - 3} ({@code n - 2} when the baseline is aliased) */
        public double degreesOfFreedom() {
            return degreesOfFreedom;
        }
    }
}
