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
 * <p>An instance holds grow-only sorting buffers and the results of the last {@link #compute} call; it is
 * not thread-safe: use one per thread. After the buffers have grown to the largest sample, {@code compute}
 * allocates nothing.
 */
public final class LogRankTest {

    private final TimeOrder order = new TimeOrder();

    private double observedTreatment;
    private double expectedTreatment;
    private double events;
    private double variance;
    private double z;

    /**
     * Runs the test and keeps its results in this object.
     *
     * @param time observed time per patient (event or censoring), any non-NaN value
     * @param event whether the patient's time is an event ({@code false}: censored)
     * @param treatment whether the patient is in the treatment arm ({@code false}: control)
     * @param stratum stratum per patient (any int labels), or {@code null} for the unstratified test
     * @param size number of patients: the first {@code size} entries of each array are used
     * @return the signed statistic {@code z}, as {@link #z()}
     */
    public double compute(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int size) {
        order.sort(time, stratum, null, true, size);
        return accumulate(event, treatment, size);
    }

    /**
     * As {@link #compute}, for data that extend those of the previous call: rows 0 to {@code previous - 1}
     * of every array are unchanged since then (the same patients, as a nested sample-size grid gives them),
     * rows {@code previous} to {@code size - 1} are new. Only the new rows are sorted, then merged with the
     * order kept from the previous call, so the result is bit for bit that of {@link #compute}: the sums run
     * over the distinct times in the same order, and within a tie only counts matter. Falls back to
     * {@link #compute} when the previous call did not cover exactly {@code previous} rows.
     *
     * @param previous number of rows of the previous call's data
     * @return the signed statistic {@code z}, as {@link #z()}
     */
    public double computeExtended(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int previous,
            int size) {
        if (previous != order.size || previous > size) {
            return compute(time, event, treatment, stratum, size);
        }
        order.extend(time, stratum, size);
        return accumulate(event, treatment, size);
    }

    private double accumulate(boolean[] event, boolean[] treatment, int size) {
        final int[] row = order.row;
        double o = 0;
        double e = 0;
        double d = 0;
        double v = 0;
        int start = 0;
        while (start < size) {
            // one stratum: rows [start, end)
            int end = start + 1;
            while (end < size && order.stratum[end] == order.stratum[start]) {
                end++;
            }
            int atRisk = end - start;
            int atRiskTreatment = 0;
            for (int i = start; i < end; i++) {
                if (treatment[row[i]]) {
                    atRiskTreatment++;
                }
            }
            int i = start;
            while (i < end) {
                int deaths = 0;
                int deathsTreatment = 0;
                int leavingTreatment = 0;
                int j = i;
                do {
                    final int r = row[j];
                    if (treatment[r]) {
                        leavingTreatment++;
                    }
                    if (event[r]) {
                        deaths++;
                        if (treatment[r]) {
                            deathsTreatment++;
                        }
                    }
                    j++;
                } while (j < end && order.key[j] == order.key[i]);
                if (deaths > 0) {
                    final double share = (double) atRiskTreatment / atRisk;
                    o += deathsTreatment;
                    e += deaths * share;
                    d += deaths;
                    if (atRisk > 1) {
                        v += deaths * share * (1 - share) * (atRisk - deaths) / (atRisk - 1.0);
                    }
                }
                atRisk -= j - i;
                atRiskTreatment -= leavingTreatment;
                i = j;
            }
            start = end;
        }
        observedTreatment = o;
        expectedTreatment = e;
        events = d;
        variance = v;
        z = v > 0 ? (e - o) / Math.sqrt(v) : 0;
        return z;
    }

    /** @return the signed statistic of the last computation, positive when treatment has fewer events than expected */
    public double z() {
        return z;
    }

    /** @return the chi-square statistic {@code z^2} (survdiff's {@code chisq}) */
    public double chiSquare() {
        return z * z;
    }

    /**
     * @param alternative {@code GREATER}: treatment better (hazard ratio below 1)
     * @return the p-value of the last computation; 1 when the statistic is undefined
     */
    public double pValue(Alternative alternative) {
        return variance > 0 ? TailProbability.normal(z, alternative) : 1;
    }

    /** @return observed events in the treatment arm, {@code O_T} */
    public double observedTreatment() {
        return observedTreatment;
    }

    /** @return expected events in the treatment arm under the null, {@code E_T} */
    public double expectedTreatment() {
        return expectedTreatment;
    }

    /** @return observed events in the control arm, {@code O_C} */
    public double observedControl() {
        return events - observedTreatment;
    }

    /** @return expected events in the control arm, {@code E_C = events - E_T} */
    public double expectedControl() {
        return events - expectedTreatment;
    }

    /** @return total number of events */
    public double events() {
        return events;
    }

    /** @return the hypergeometric variance {@code V} of {@code O_T - E_T} */
    public double variance() {
        return variance;
    }

    /**
     * @return Pike's hazard ratio {@code (O_T/E_T)/(O_C/E_C)}; 1 when the statistic is undefined,
     *     0 with no treatment event, {@code +Infinity} with no control event
     */
    public double hazardRatioPike() {
        if (!(variance > 0)) {
            return 1;
        }
        final double oc = observedControl();
        if (oc == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (observedTreatment / expectedTreatment) / (oc / expectedControl());
    }

    /** @return the one-step Cox estimate {@code exp((O_T - E_T)/V)}; 1 when the statistic is undefined */
    public double hazardRatioScore() {
        return variance > 0 ? Math.exp((observedTreatment - expectedTreatment) / variance) : 1;
    }
}
