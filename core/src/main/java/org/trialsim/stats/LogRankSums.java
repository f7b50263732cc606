package org.trialsim.stats;

/**
 * The sums of the log-rank test ({@link LogRankTest}) over one data set: observed and expected treatment
 * events, total events and the hypergeometric variance, from the times sorted per stratum.
 *
 * <p>Computation: the times of each stratum are sorted as plain {@code double}s, each carrying a tag of
 * its arm and event status ({@link TimeSort}), and one walk over the sorted times counts, at each distinct
 * time, the events per arm and the patients leaving the risk sets; ties are exact equality ({@code -0.0}
 * counts as {@code 0.0}). Every count is an integer and the sums run over the distinct event times in
 * increasing order, strata in increasing label order, so the result does not depend on the order of the
 * rows.
 *
 * <p>Holds grow-only buffers and the sorted times of the last {@link #compute} call (which
 * {@link #computeExtended} extends); not thread-safe. After the buffers have grown to the largest sample,
 * {@code compute} allocates nothing, provided the stratum labels lie in a range no wider than
 * {@code max(size, 64)} (labels 0 to k - 1, as the endpoint extraction gives them); wider labels are first
 * ranked by a sort.
 */
final class LogRankSums {

    /** Tag bits: the time is an event; the patient is treated. */
    private static final int EVENT = 1;
    private static final int TREATED = 2;

    private final TimeSort sorter = new TimeSort();
    /** Sorted times and their tags, stratum after stratum. */
    private double[] times = new double[0];
    private byte[] tags = new byte[0];
    /** The new rows of an extension, stratum after stratum, before they are merged. */
    private double[] fresh = new double[0];
    private byte[] freshTags = new byte[0];
    /** The target of the merge of an extension, swapped with {@link #times} afterwards. */
    private double[] merged = new double[0];
    private byte[] mergedTags = new byte[0];
    /** Dense stratum s occupies {@code times[start[s], start[s + 1])}. */
    private int[] start = new int[2];
    /** For an extension, stratum s of the new rows occupies {@code fresh[freshStart[s], freshStart[s + 1])}. */
    private int[] freshStart = new int[2];
    /** Counts, then scatter positions. */
    private int[] fill = new int[1];
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
     * Sorts the data and computes the sums, keeping them and the sorted times in this object.
     *
     * @param time observed time per patient (event or censoring), any non-NaN value
     * @param event whether the patient's time is an event ({@code false}: censored)
     * @param treatment whether the patient is in the treatment arm ({@code false}: control)
     * @param stratum stratum per patient (any int labels), or {@code null} for the unstratified test
     * @param size number of patients: the first {@code size} entries of each array are used
     * @return the signed statistic {@code z}, as {@link #z()}
     */
    double compute(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int size) {
        defineStrata(stratum, size);
        if (times.length < size) {
            times = new double[Math.max(size, 2 * times.length)];
            tags = new byte[times.length];
        }
        final double[] t = times;
        final byte[] g = tags;
        final int[] s = start;
        s[0] = 0;
        if (stratum == null) {
            for (int i = 0; i < size; i++) {
                // + 0.0: -0.0 becomes 0.0, so that equal times have one representation
                t[i] = time[i] + 0.0;
                g[i] = tag(event, treatment, i);
            }
            s[1] = size;
        } else {
            final int[] f = fill;
            java.util.Arrays.fill(f, 0, strata, 0);
            for (int i = 0; i < size; i++) {
                f[dense(stratum[i])]++;
            }
            for (int k = 0; k < strata; k++) {
                s[k + 1] = s[k] + f[k];
                f[k] = s[k];
            }
            for (int i = 0; i < size; i++) {
                final int at = f[dense(stratum[i])]++;
                t[at] = time[i] + 0.0;
                g[at] = tag(event, treatment, i);
            }
        }
        for (int k = 0; k < strata; k++) {
            sorter.sort(t, g, s[k], s[k + 1]);
        }
        rows = size;
        stratified = stratum != null;
        return accumulate();
    }

    /**
     * As {@link #compute}, for data that extend those of the previous call: rows 0 to {@code previous - 1}
     * of every array are unchanged since then (the same patients, as a nested sample-size grid gives them),
     * rows {@code previous} to {@code size - 1} are new. Only the new rows are sorted, then merged with the
     * sorted times kept from the previous call, so the result is bit for bit that of {@link #compute}: the
     * sums run over the same distinct times in the same order, and within a tie only counts matter. Falls
     * back to {@link #compute} when the previous call did not cover exactly {@code previous} rows, was
     * stratified differently, or did not place a stratum label of a new row.
     *
     * @param previous number of rows of the previous call's data
     * @return the signed statistic {@code z}, as {@link #z()}
     */
    double computeExtended(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int previous,
            int size) {
        if (previous != rows || previous > size || stratified != (stratum != null)
                || !placesAll(stratum, previous, size)) {
            return compute(time, event, treatment, stratum, size);
        }
        final int[] f = fill;
        final int[] fs = freshStart;
        fs[0] = 0;
        if (stratum == null) {
            f[0] = 0;
            fs[1] = size - previous;
        } else {
            java.util.Arrays.fill(f, 0, strata, 0);
            for (int i = previous; i < size; i++) {
                f[dense(stratum[i])]++;
            }
            for (int k = 0; k < strata; k++) {
                fs[k + 1] = fs[k] + f[k];
                f[k] = fs[k];
            }
        }
        if (fresh.length < size - previous) {
            fresh = new double[Math.max(size - previous, times.length)];
            freshTags = new byte[fresh.length];
        }
        if (merged.length < size) {
            merged = new double[Math.max(size, times.length)];
            mergedTags = new byte[merged.length];
        }
        final double[] nw = fresh;
        final byte[] ng = freshTags;
        for (int i = previous; i < size; i++) {
            final int at = stratum == null ? i - previous : f[dense(stratum[i])]++;
            nw[at] = time[i] + 0.0;
            ng[at] = tag(event, treatment, i);
        }
        final int[] s = start;
        for (int k = 0; k < strata; k++) {
            sorter.sort(nw, ng, fs[k], fs[k + 1]);
            // stratum k of the merged data starts after the old and new rows of the strata before it
            TimeSort.merge(times, tags, s[k], s[k + 1], nw, ng, fs[k], fs[k + 1], merged, mergedTags, s[k] + fs[k]);
        }
        for (int k = 1; k <= strata; k++) {
            s[k] += fs[k];
        }
        final double[] oldTimes = times;
        times = merged;
        merged = oldTimes;
        final byte[] oldTags = tags;
        tags = mergedTags;
        mergedTags = oldTags;
        rows = size;
        return accumulate();
    }

    private static byte tag(boolean[] event, boolean[] treatment, int i) {
        return (byte) ((event[i] ? EVENT : 0) | (treatment[i] ? TREATED : 0));
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
        if (fill.length < strata) {
            fill = new int[strata];
            start = new int[strata + 1];
            freshStart = new int[strata + 1];
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

    /** The dense stratum of a label placed by {@link #defineStrata}. */
    private int dense(int label) {
        return ranked ? java.util.Arrays.binarySearch(labels, 0, strata, label) : label - lowestLabel;
    }

    /**
     * One walk over the sorted times of each stratum: at each distinct time, the events per arm and the
     * patients leaving the risk sets (events and censorings: censored patients are at risk at their time).
     */
    private double accumulate() {
        if (nullRatio != 1) {
            return accumulateShifted();
        }
        final double[] t = times;
        final byte[] g = tags;
        double o = 0;
        double e = 0;
        double d = 0;
        double v = 0;
        for (int s = 0; s < strata; s++) {
            final int end = start[s + 1];
            int atRisk = end - start[s];
            int atRiskTreatment = 0;
            for (int i = start[s]; i < end; i++) {
                atRiskTreatment += g[i] >> 1;
            }
            int i = start[s];
            while (i < end) {
                final double now = t[i];
                int deaths = 0;
                int deathsTreatment = 0;
                int leavingTreatment = 0;
                int j = i;
                do {
                    final int c = g[j];
                    deaths += c & EVENT;
                    deathsTreatment += c & (c >> 1);
                    leavingTreatment += c >> 1;
                    j++;
                } while (j < end && t[j] == now);
                // The same expressions, in the same order, as the walk over rows sorted with their indices,
                // evaluated at censoring-only times too, where they add exactly +0.0 (every sum is +0.0 or
                // positive, so x + 0.0 == x bit for bit): no branch on whether the time has events.
                final double share = (double) atRiskTreatment / atRisk;
                o += deathsTreatment;
                e += deaths * share;
                d += deaths;
                v += atRisk > 1 ? deaths * share * (1 - share) * (atRisk - deaths) / (atRisk - 1.0) : 0.0;
                atRisk -= j - i;
                atRiskTreatment -= leavingTreatment;
                i = j;
            }
        }
        observedTreatment = o;
        expectedTreatment = e;
        events = d;
        variance = v;
        z = v > 0 ? (e - o) / Math.sqrt(v) : 0;
        return z;
    }

    /**
     * The hazard ratio (treatment to control) under the null hypothesis: 1 for the log-rank test, else a margin,
     * for which the sums are the Cox partial-likelihood score and information at {@code beta = log(ratio)}.
     */
    private double nullRatio = 1;

    /** Sets the null hazard ratio of the next computations (1: the log-rank test). */
    void nullRatio(double ratio) {
        nullRatio = ratio;
    }

    /**
     * The walk of {@link #accumulate()} at a null hazard ratio {@code r} other than 1: the Cox score test at
     * {@code beta0 = log r} with Breslow's handling of ties (Cox 1972; Collett 2015, section 3.4; R's
     * {@code coxph(..., ties = "breslow", init = log(r), iter.max = 0)$score}): at each time the treatment's
     * expected share of the deaths is {@code r n_T / (r n_T + n_C)} and the information {@code d share (1 -
     * share)}; with no ties this is the log-rank test of the hazards of the control arm scaled by r
     * (Jung SH et al. J Biopharm Stat 2005;15:969-979, a non-inferiority log-rank test).
     */
    private double accumulateShifted() {
        final double[] t = times;
        final byte[] g = tags;
        final double r = nullRatio;
        double o = 0;
        double e = 0;
        double d = 0;
        double v = 0;
        for (int s = 0; s < strata; s++) {
            final int end = start[s + 1];
            int atRisk = end - start[s];
            int atRiskTreatment = 0;
            for (int i = start[s]; i < end; i++) {
                atRiskTreatment += g[i] >> 1;
            }
            int i = start[s];
            while (i < end) {
                final double now = t[i];
                int deaths = 0;
                int deathsTreatment = 0;
                int leavingTreatment = 0;
                int j = i;
                do {
                    final int c = g[j];
                    deaths += c & EVENT;
                    deathsTreatment += c & (c >> 1);
                    leavingTreatment += c >> 1;
                    j++;
                } while (j < end && t[j] == now);
                final double weighted = r * atRiskTreatment;
                final double share = weighted / (weighted + (atRisk - atRiskTreatment));
                o += deathsTreatment;
                e += deaths * share;
                d += deaths;
                v += deaths * share * (1 - share);
                atRisk -= j - i;
                atRiskTreatment -= leavingTreatment;
                i = j;
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
    double z() {
        return z;
    }

    /** @return observed events in the treatment arm, {@code O_T} */
    double observedTreatment() {
        return observedTreatment;
    }

    /** @return expected events in the treatment arm under the null, {@code E_T} */
    double expectedTreatment() {
        return expectedTreatment;
    }

    /** @return observed events in the control arm, {@code O_C} */
    double observedControl() {
        return events - observedTreatment;
    }

    /** @return expected events in the control arm, {@code E_C = events - E_T} */
    double expectedControl() {
        return events - expectedTreatment;
    }

    /** @return total number of events */
    double events() {
        return events;
    }

    /** @return the hypergeometric variance {@code V} of {@code O_T - E_T} */
    double variance() {
        return variance;
    }
}
