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
 * <p>Computation: the times of each (stratum, arm, event or censoring) cell are sorted separately, as
 * plain {@code double}s ({@link TimeSort}), and the test walks the four sorted cells of a stratum
 * together, visiting only the distinct event times: at an event time {@code t} the patients at risk in an
 * arm are its events and censorings at or after {@code t} (censorings at {@code t} are still at risk),
 * and the events at {@code t} are counted per arm by exact equality ({@code -0.0} counts as {@code 0.0}).
 * Every count is an integer and the sums run over the distinct event times in increasing order, strata in
 * increasing label order, so the result does not depend on the order of the rows.
 *
 * <p>An instance holds grow-only buffers and the results of the last {@link #compute} call; it is not
 * thread-safe: use one per thread. After the buffers have grown to the largest sample, {@code compute}
 * allocates nothing, provided the stratum labels lie in a range no wider than {@code max(size, 64)}
 * (labels 0 to k - 1, as the endpoint extraction gives them); wider labels are first ranked by a sort.
 */
public final class LogRankTest {

    /** Cells of a stratum, in this order: control censored, control events, treatment censored, treatment events. */
    private static final int CELLS = 4;

    private final TimeSort sorter = new TimeSort();
    /** Sorted times, cell after cell: cell {@code 4 s + c} is cell c of (dense) stratum s. */
    private double[] times = new double[0];
    /** The new rows of an extension, cell after cell, before they are merged. */
    private double[] fresh = new double[0];
    /** The target of the merge of an extension, swapped with {@link #times} afterwards. */
    private double[] merged = new double[0];
    /** Cell q occupies {@code times[start[q], start[q + 1])}. */
    private int[] start = new int[CELLS + 1];
    /** For an extension, cell q of the new rows occupies {@code fresh[freshStart[q], freshStart[q + 1])}. */
    private int[] freshStart = new int[CELLS + 1];
    /** Counts, then scatter positions. */
    private int[] fill = new int[CELLS];
    /** Number of (dense) strata of the last computation. */
    private int strata;
    /** Label of dense stratum 0 when the labels are a narrow range. */
    private int lowestLabel;
    /** Whether the labels were ranked ({@link #labels} holds the sorted distinct labels) rather than offset. */
    private boolean ranked;
    private int[] labels = new int[0];
    /** Rows of the last computation ({@code -1}: none), and whether it was stratified. */
    private int rows = -1;
    private boolean stratified;

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
        defineStrata(stratum, size);
        final int cells = CELLS * strata;
        final int[] f = fill;
        java.util.Arrays.fill(f, 0, cells, 0);
        for (int i = 0; i < size; i++) {
            f[cell(event, treatment, stratum, i)]++;
        }
        final int[] s = start;
        s[0] = 0;
        for (int q = 0; q < cells; q++) {
            s[q + 1] = s[q] + f[q];
            f[q] = s[q];
        }
        if (times.length < size) {
            times = new double[Math.max(size, 2 * times.length)];
        }
        final double[] t = times;
        for (int i = 0; i < size; i++) {
            // + 0.0: -0.0 becomes 0.0, so that equal times have one representation
            t[f[cell(event, treatment, stratum, i)]++] = time[i] + 0.0;
        }
        for (int q = 0; q < cells; q++) {
            sorter.sort(t, s[q], s[q + 1]);
        }
        rows = size;
        stratified = stratum != null;
        return accumulate();
    }

    /**
     * As {@link #compute}, for data that extend those of the previous call: rows 0 to {@code previous - 1}
     * of every array are unchanged since then (the same patients, as a nested sample-size grid gives them),
     * rows {@code previous} to {@code size - 1} are new. Only the new rows are sorted, then merged with the
     * sorted cells kept from the previous call, so the result is bit for bit that of {@link #compute}: the
     * sums run over the same distinct times in the same order, and within a tie only counts matter. Falls
     * back to {@link #compute} when the previous call did not cover exactly {@code previous} rows, was
     * stratified differently, or did not place a stratum label of a new row.
     *
     * @param previous number of rows of the previous call's data
     * @return the signed statistic {@code z}, as {@link #z()}
     */
    public double computeExtended(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int previous,
            int size) {
        if (previous != rows || previous > size || stratified != (stratum != null)
                || !placesAll(stratum, previous, size)) {
            return compute(time, event, treatment, stratum, size);
        }
        final int cells = CELLS * strata;
        final int[] f = fill;
        java.util.Arrays.fill(f, 0, cells, 0);
        for (int i = previous; i < size; i++) {
            f[cell(event, treatment, stratum, i)]++;
        }
        final int[] fs = freshStart;
        fs[0] = 0;
        for (int q = 0; q < cells; q++) {
            fs[q + 1] = fs[q] + f[q];
            f[q] = fs[q];
        }
        if (fresh.length < size - previous) {
            fresh = new double[Math.max(size - previous, times.length)];
        }
        if (merged.length < size) {
            merged = new double[Math.max(size, times.length)];
        }
        final double[] nw = fresh;
        for (int i = previous; i < size; i++) {
            nw[f[cell(event, treatment, stratum, i)]++] = time[i] + 0.0;
        }
        final int[] s = start;
        for (int q = 0; q < cells; q++) {
            sorter.sort(nw, fs[q], fs[q + 1]);
            // cell q of the merged data starts after the old and new rows of the cells before it
            TimeSort.merge(times, s[q], s[q + 1], nw, fs[q], fs[q + 1], merged, s[q] + fs[q]);
        }
        for (int q = 1; q <= cells; q++) {
            s[q] += fs[q];
        }
        final double[] old = times;
        times = merged;
        merged = old;
        rows = size;
        return accumulate();
    }

    /**
     * Maps the stratum labels of rows 0 to {@code size - 1} to dense strata 0 to {@link #strata} - 1 in label
     * order: by offset from the lowest label when they span a narrow range, else by rank among the sorted
     * distinct labels.
     */
    private void defineStrata(int[] stratum, int size) {
        ranked = false;
        lowestLabel = 0;
        strata = 1;
        if (stratum != null && size > 0) {
            int lo = stratum[0];
            int hi = stratum[0];
            for (int i = 1; i < size; i++) {
                lo = Math.min(lo, stratum[i]);
                hi = Math.max(hi, stratum[i]);
            }
            final long range = (long) hi - lo + 1;
            if (range <= Math.max(size, 64)) {
                lowestLabel = lo;
                strata = (int) range;
            } else {
                ranked = true;
                if (labels.length < size) {
                    labels = new int[size];
                }
                System.arraycopy(stratum, 0, labels, 0, size);
                java.util.Arrays.sort(labels, 0, size);
                int distinct = 1;
                for (int i = 1; i < size; i++) {
                    if (labels[i] != labels[distinct - 1]) {
                        labels[distinct++] = labels[i];
                    }
                }
                strata = distinct;
            }
        }
        if (fill.length < CELLS * strata) {
            fill = new int[CELLS * strata];
            start = new int[CELLS * strata + 1];
            freshStart = new int[CELLS * strata + 1];
        }
    }

    /** Whether every label of rows {@code from} to {@code size - 1} has a dense stratum in the current map. */
    private boolean placesAll(int[] stratum, int from, int size) {
        if (stratum == null) {
            return true;
        }
        for (int i = from; i < size; i++) {
            if (ranked ? java.util.Arrays.binarySearch(labels, 0, strata, stratum[i]) < 0
                    : (long) stratum[i] - lowestLabel < 0 || (long) stratum[i] - lowestLabel >= strata) {
                return false;
            }
        }
        return true;
    }

    /** The cell of row i: 4 x its dense stratum, + 2 if treated, + 1 if an event. */
    private int cell(boolean[] event, boolean[] treatment, int[] stratum, int i) {
        final int c = (treatment[i] ? 2 : 0) + (event[i] ? 1 : 0);
        if (stratum == null) {
            return c;
        }
        final int s = ranked ? java.util.Arrays.binarySearch(labels, 0, strata, stratum[i]) : stratum[i] - lowestLabel;
        return CELLS * s + c;
    }

    /**
     * Walks the sorted cells of each stratum together over its distinct event times: at event time t the
     * censorings before t leave the risk sets, the events at t are counted per arm, and they leave after t.
     */
    private double accumulate() {
        final double[] t = times;
        double o = 0;
        double e = 0;
        double d = 0;
        double v = 0;
        for (int s = 0; s < strata; s++) {
            final int b = CELLS * s;
            int cc = start[b];
            final int ccEnd = start[b + 1];
            int ce = ccEnd;
            final int ceEnd = start[b + 2];
            int tc = ceEnd;
            final int tcEnd = start[b + 3];
            int te = tcEnd;
            final int teEnd = start[b + 4];
            while (ce < ceEnd || te < teEnd) {
                final double now = ce == ceEnd ? t[te] : te == teEnd || t[ce] <= t[te] ? t[ce] : t[te];
                while (cc < ccEnd && t[cc] < now) {
                    cc++;
                }
                while (tc < tcEnd && t[tc] < now) {
                    tc++;
                }
                // at risk at `now`: the censorings from cc on and the events from ce on (all events before
                // `now` were counted at earlier event times)
                final int atRiskControl = ccEnd - cc + ceEnd - ce;
                final int atRiskTreatment = tcEnd - tc + teEnd - te;
                final int firstControl = ce;
                while (ce < ceEnd && t[ce] == now) {
                    ce++;
                }
                final int firstTreatment = te;
                while (te < teEnd && t[te] == now) {
                    te++;
                }
                final int deathsTreatment = te - firstTreatment;
                final int deaths = ce - firstControl + deathsTreatment;
                final int atRisk = atRiskControl + atRiskTreatment;
                // the same expressions, in the same order, as the textbook walk over sorted rows
                final double share = (double) atRiskTreatment / atRisk;
                o += deathsTreatment;
                e += deaths * share;
                d += deaths;
                if (atRisk > 1) {
                    v += deaths * share * (1 - share) * (atRisk - deaths) / (atRisk - 1.0);
                }
            }
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
