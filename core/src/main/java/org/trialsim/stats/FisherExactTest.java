package org.trialsim.stats;

/**
 * Fisher's exact test of a two-by-two table (Fisher 1935; Agresti, <i>Categorical Data Analysis</i>, 3rd
 * ed., 2013, section 3.5), conditional on both margins: under the null hypothesis the treatment event count
 * {@code X} is hypergeometric, {@code P(X = x) = C(m, x) C(N - m, n_T - x) / C(N, n_T)} with
 * {@code m = x_T + x_C} events among {@code N = n_T + n_C} patients.
 *
 * <ul>
 * <li>{@code GREATER} (treatment odds higher): {@code P(X >= x_T)};</li>
 * <li>{@code LESS}: {@code P(X <= x_T)};</li>
 * <li>{@code TWO_SIDED}: exactly as R's {@code fisher.test}: the total probability of the tables no more
 *     probable than the observed one, with R's relative tolerance,
 *     {@code sum of P(X = x) over x with P(X = x) <= P(X = x_T) (1 + 1e-7)}. The tolerance keeps tables of
 *     mathematically equal probability (e.g. mirror tables when {@code n_T = n_C}) in the sum despite
 *     rounding. commons-statistics' {@code FisherExactTest} 1.2 compares without this tolerance and so can
 *     differ from R on such ties; this class follows R.</li>
 * </ul>
 *
 * <p>Implementation: the hypergeometric weights are generated relative to the mode by the ratio
 * recurrence {@code P(x+1)/P(x) = (m - x)(n_T - x) / ((x + 1)(n_C - m + x + 1))} and normalised by their
 * sum, which is R's own normalisation ({@code d/sum(d)}); weights that underflow are zero, as in R. The
 * cost is two passes over the support ({@code <= min(m, n_T) + 1} values), with no allocation, no
 * logarithm and no call to a special function. Relative error of the weights is about
 * {@code 1e-16} per step of the recurrence.
 *
 * <p>Result: the p-value is the exact one above; the statistic is the signed pooled z of the table
 * ({@link TwoProportionZTest}, uncorrected), the standardized difference that group-sequential looks and the
 * power engine compare, and the estimate the risk difference {@code x_T/n_T - x_C/n_C}. A table with a single
 * possible value of {@code X} (an empty arm, or no events, or all events) is undefined: statistic 0, p-value
 * 1 for every alternative.
 *
 * <p>Use: {@code FisherExactTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC)}, or, in a
 * loop, {@code test(xT, nT, xC, nC, result)} with a reused {@link TestResult}, which allocates nothing.
 * Instances are immutable and thread-safe.
 */
public final class FisherExactTest {

    /** R's {@code relErr} in {@code fisher.test} and {@code binom.test}. */
    static final double RELATIVE_TOLERANCE = 1 + 1e-7;

    private static final FisherExactTest DEFAULT = new FisherExactTest(Alternative.TWO_SIDED);

    private final Alternative alternative;

    private FisherExactTest(Alternative alternative) {
        this.alternative = alternative;
    }

    /** @return the two-sided test */
    public static FisherExactTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code GREATER}: treatment odds higher
     * @return this test with that alternative
     */
    public FisherExactTest with(Alternative v) {
        return new FisherExactTest(v);
    }

    /**
     * Tests the table, into a new result.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment patients in the treatment arm
     * @param eventsControl events in the control arm
     * @param nControl patients in the control arm
     * @return the result; its p-value is in (0, 1]
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public TestResult test(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        return test(eventsTreatment, nTreatment, eventsControl, nControl, new TestResult());
    }

    /**
     * Tests the table into {@code into}, allocating nothing.
     *
     * @param eventsTreatment events in the treatment arm
     * @param nTreatment patients in the treatment arm
     * @param eventsControl events in the control arm
     * @param nControl patients in the control arm
     * @param into the result to fill
     * @return {@code into}; its p-value is in (0, 1]
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public TestResult test(int eventsTreatment, int nTreatment, int eventsControl, int nControl, TestResult into) {
        Counts.check(eventsTreatment, nTreatment, eventsControl, nControl);
        into.set(TwoProportionZTest.z(eventsTreatment, nTreatment, eventsControl, nControl, false),
                pValue(eventsTreatment, nTreatment, eventsControl, nControl, alternative),
                RiskDifference.rate(eventsTreatment, nTreatment) - RiskDifference.rate(eventsControl, nControl),
                !TwoProportionZTest.undefined(eventsTreatment, nTreatment, eventsControl, nControl));
        return into;
    }

    /** The p-value of checked counts. */
    private static double pValue(int eventsTreatment, int nTreatment, int eventsControl, int nControl,
            Alternative alternative) {
        final int m = eventsTreatment + eventsControl;
        final int lo = Math.max(0, m - nControl);
        final int hi = Math.min(m, nTreatment);
        if (lo == hi) {
            return 1;
        }
        final int x = eventsTreatment;
        final int mode = Math.max(lo, Math.min(hi,
                (int) Math.floor(((double) m + 1) * ((double) nTreatment + 1) / ((double) nTreatment + nControl + 2))));
        // First pass: total mass, the tails at x and the weight of x, all relative to w(mode) = 1.
        double total = 1;
        double upper = x <= mode ? 1 : 0;
        double lower = x >= mode ? 1 : 0;
        double wx = x == mode ? 1 : 0;
        double w = 1;
        for (int k = mode; k > lo && w > 0; k--) {
            // w(k - 1) = w(k) P(k - 1) / P(k)
            w *= ratioDown(k, m, nTreatment, nControl);
            total += w;
            if (k - 1 >= x) {
                upper += w;
            }
            if (k - 1 <= x) {
                lower += w;
            }
            if (k - 1 == x) {
                wx = w;
            }
        }
        w = 1;
        for (int k = mode; k < hi && w > 0; k++) {
            w *= ratioUp(k, m, nTreatment, nControl);
            total += w;
            if (k + 1 >= x) {
                upper += w;
            }
            if (k + 1 <= x) {
                lower += w;
            }
            if (k + 1 == x) {
                wx = w;
            }
        }
        switch (alternative) {
            case GREATER:
                return Math.min(1, upper / total);
            case LESS:
                return Math.min(1, lower / total);
            default:
                return Math.min(1, twoSidedMass(wx * RELATIVE_TOLERANCE, mode, lo, hi, m, nTreatment, nControl)
                        / total);
        }
    }

    /** Second pass: the mass of the weights not above {@code threshold} (weights relative to the mode). */
    private static double twoSidedMass(double threshold, int mode, int lo, int hi, int m, int nTreatment,
            int nControl) {
        double sum = 1 <= threshold ? 1 : 0;
        double w = 1;
        for (int k = mode; k > lo && w > 0; k--) {
            w *= ratioDown(k, m, nTreatment, nControl);
            if (w <= threshold) {
                sum += w;
            }
        }
        w = 1;
        for (int k = mode; k < hi && w > 0; k++) {
            w *= ratioUp(k, m, nTreatment, nControl);
            if (w <= threshold) {
                sum += w;
            }
        }
        return sum;
    }

    /** {@code P(k + 1) / P(k)}. */
    private static double ratioUp(int k, int m, int nTreatment, int nControl) {
        return ((double) (m - k) * (nTreatment - k)) / ((double) (k + 1) * (nControl - m + k + 1));
    }

    /** {@code P(k - 1) / P(k)}. */
    private static double ratioDown(int k, int m, int nTreatment, int nControl) {
        return ((double) k * (nControl - m + k)) / ((double) (m - k + 1) * (nTreatment - k + 1));
    }
}
