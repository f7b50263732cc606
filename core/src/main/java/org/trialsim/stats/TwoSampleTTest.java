package org.trialsim.stats;

/**
 * Two-sample t-tests of the difference in means, treatment minus control: Student's test with pooled
 * variance ({@code df = n_T + n_C - 2}) and Welch's unequal-variance test with Satterthwaite's degrees of
 * freedom (Welch 1947; Satterthwaite 1946), exactly R's {@code t.test(y_T, y_C, var.equal = TRUE/FALSE)}.
 *
 * <p>{@link Alternative#GREATER} means the treatment mean is higher. For endpoints where lower is better
 * (a MADRS change), test {@code LESS} (or negate the scores).
 *
 * <p>Undefined statistic ({@code t = 0}, p-value 1): an empty arm; fewer than 3 patients in all for the
 * pooled test, or fewer than 2 in an arm for Welch's (R stops with "not enough observations"); and
 * (essentially) zero within-arm variance, meaning a within-arm sum of squares at most {@code 1e-26} times
 * the total sum of squares about the grand mean, i.e. zero up to rounding (R stops with "data are
 * essentially constant"). The degrees of freedom are still reported.
 *
 * <p>An instance holds the result of the last computation (statistic, degrees of freedom, means); it is
 * a reusable per-thread object, allocation-free.
 */
public final class TwoSampleTTest {

    /** Relative size of a within-arm sum of squares that counts as zero. */
    static final double ZERO_VARIANCE = 1e-26;

    private final boolean welch;

    private double statistic;
    private double degreesOfFreedom;
    private double difference;
    private double standardError;
    private boolean defined;

    /**
     * @param welch {@code true} for Welch's test, {@code false} for Student's pooled-variance test
     */
    public TwoSampleTTest(boolean welch) {
        this.welch = welch;
    }

    /**
     * Runs the test on scores and arm labels.
     *
     * @param y score per patient
     * @param treatment whether the patient is in the treatment arm
     * @param size number of patients (first {@code size} entries)
     * @return the statistic {@code t}
     */
    public double compute(double[] y, boolean[] treatment, int size) {
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
        return computeFromSummary(meanT, nT > 1 ? ssT / (nT - 1) : 0, nT, meanC, nC > 1 ? ssC / (nC - 1) : 0, nC);
    }

    /**
     * Runs the test on summary statistics.
     *
     * @param meanTreatment treatment mean
     * @param varianceTreatment treatment sample variance (denominator {@code n - 1})
     * @param nTreatment treatment patients
     * @param meanControl control mean
     * @param varianceControl control sample variance
     * @param nControl control patients
     * @return the statistic {@code t}
     */
    public double computeFromSummary(double meanTreatment, double varianceTreatment, int nTreatment,
            double meanControl, double varianceControl, int nControl) {
        difference = nTreatment > 0 && nControl > 0 ? meanTreatment - meanControl : 0;
        double variance;
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
        standardError = Math.sqrt(variance);
        statistic = defined ? difference / standardError : 0;
        return statistic;
    }

    /** @return whether the last statistic was defined (enough patients per arm and a positive variance) */
    public boolean defined() {
        return defined;
    }

    /** @return the t statistic of the last computation (0 when undefined) */
    public double statistic() {
        return statistic;
    }

    /** @return its degrees of freedom (Satterthwaite's for Welch; 0 when not computable) */
    public double degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** @return the difference in means, treatment minus control (0 with an empty arm) */
    public double difference() {
        return difference;
    }

    /** @return the standard error of the difference */
    public double standardError() {
        return standardError;
    }

    /**
     * @param alternative {@code GREATER}: treatment mean higher
     * @return the p-value of the last computation; 1 when undefined
     */
    public double pValue(Alternative alternative) {
        return defined ? TailProbability.studentT(statistic, degreesOfFreedom, alternative) : 1;
    }
}
