package org.trialsim.stats;

/**
 * Test fixture: the (stratum, time) ordering the log-rank test and Kaplan-Meier used before {@link TimeSort}
 * (2026-11-22), kept for {@link SortedRowsLogRank}, the former log-rank against which LogRankIdentityTest checks
 * the current one bit for bit. Reusable scratch that puts patients in (stratum, time) order: grow-only
 * primitive buffers, no allocation once they are large enough, one instance per thread.
 *
 * <p>Times are compared through their IEEE 754 bit patterns mapped to an order-preserving {@code long}
 * (negative values flipped), so ties are exact equality of the double values ({@code -0.0} counts as
 * {@code 0.0}). Sorting is an in-place quicksort with Hoare partitioning (Hoare 1962; Sedgewick 1978),
 * which splits evenly on the many exact ties of visit-scheduled data, with median-of-three pivots and
 * insertion sort on short runs; the order among equal keys is irrelevant to every caller.
 */
final class TimeOrder {

    /** Runs shorter than this are insertion-sorted. */
    private static final int INSERTION_THRESHOLD = 16;

    /** Order-preserving time keys, sorted. */
    long[] key = new long[0];
    /** Stratum of each sorted row (0 when unstratified). */
    int[] stratum = new int[0];
    /** Original row of each sorted row. */
    int[] row = new int[0];
    /** Number of sorted rows. */
    int size;
    private long[] spareKey = new long[0];
    private int[] spareStratum = new int[0];
    private int[] spareRow = new int[0];

    /**
     * Selects and sorts rows.
     *
     * @param time times (any non-NaN double)
     * @param strata stratum per row, or {@code null} for a single stratum
     * @param group group per row, or {@code null} to select every row
     * @param selected the group value to select when {@code group} is not {@code null}
     * @param n number of rows to consider
     */
    void sort(double[] time, int[] strata, boolean[] group, boolean selected, int n) {
        if (key.length < n) {
            final int capacity = Math.max(n, 2 * key.length);
            key = new long[capacity];
            stratum = new int[capacity];
            row = new int[capacity];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (group == null || group[i] == selected) {
                key[m] = sortable(time[i]);
                stratum[m] = strata == null ? 0 : strata[i];
                row[m] = i;
                m++;
            }
        }
        size = m;
        quicksort(0, m - 1);
    }

    /**
     * Extends the sorted rows 0 to {@code size - 1} (all rows of an unselective {@link #sort}, or of an
     * earlier extend, over the same first rows) with rows {@code size} to {@code n - 1}: sorts the new rows and
     * merges the two runs, O(new log new + n) instead of a sort of all n.
     *
     * @param time times (any non-NaN double); rows below {@link #size} must be unchanged since they were sorted
     * @param strata stratum per row, or {@code null} for a single stratum
     * @param n number of rows to consider
     */
    void extend(double[] time, int[] strata, int n) {
        final int old = size;
        if (key.length < n) {
            final int capacity = Math.max(n, 2 * key.length);
            key = java.util.Arrays.copyOf(key, capacity);
            stratum = java.util.Arrays.copyOf(stratum, capacity);
            row = java.util.Arrays.copyOf(row, capacity);
        }
        for (int i = old; i < n; i++) {
            key[i] = sortable(time[i]);
            stratum[i] = strata == null ? 0 : strata[i];
            row[i] = i;
        }
        size = n;
        quicksort(old, n - 1);
        merge(old, n);
    }

    /** Merges the sorted runs [0, mid) and [mid, n) in place, through the spare buffers, from the back. */
    private void merge(int mid, int n) {
        final int extra = n - mid;
        if (mid == 0 || extra == 0 || !less(mid, mid - 1)) {
            return; // one run is empty, or the runs are already in order
        }
        if (spareKey.length < extra) {
            // as large as the main buffers, so it grows only when they do
            final int capacity = Math.max(extra, key.length);
            spareKey = new long[capacity];
            spareStratum = new int[capacity];
            spareRow = new int[capacity];
        }
        System.arraycopy(key, mid, spareKey, 0, extra);
        System.arraycopy(stratum, mid, spareStratum, 0, extra);
        System.arraycopy(row, mid, spareRow, 0, extra);
        int i = mid - 1;
        int j = extra - 1;
        int k = n - 1;
        while (j >= 0) {
            if (i >= 0 && (stratum[i] > spareStratum[j] || (stratum[i] == spareStratum[j] && key[i] > spareKey[j]))) {
                key[k] = key[i];
                stratum[k] = stratum[i];
                row[k] = row[i];
                i--;
            } else {
                key[k] = spareKey[j];
                stratum[k] = spareStratum[j];
                row[k] = spareRow[j];
                j--;
            }
            k--;
        }
    }

    /** Maps a double to a long with the same order; {@code -0.0} and {@code 0.0} map to the same key. */
    static long sortable(double t) {
        final long bits = Double.doubleToLongBits(t + 0.0);
        return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
    }

    /** Whether sorted rows {@code i} and {@code j} have the same stratum and time. */
    boolean tied(int i, int j) {
        return key[i] == key[j] && stratum[i] == stratum[j];
    }

    private boolean less(int i, int j) {
        return stratum[i] < stratum[j] || (stratum[i] == stratum[j] && key[i] < key[j]);
    }

    private void quicksort(int lo, int hi) {
        while (hi - lo >= INSERTION_THRESHOLD) {
            // median of three moved to lo as the pivot
            final int mid = (lo + hi) >>> 1;
            if (less(mid, lo)) {
                swap(mid, lo);
            }
            if (less(hi, lo)) {
                swap(hi, lo);
            }
            if (less(hi, mid)) {
                swap(hi, mid);
            }
            swap(lo, mid);
            final long pivotKey = key[lo];
            final int pivotStratum = stratum[lo];
            int i = lo;
            int j = hi + 1;
            while (true) {
                do {
                    i++;
                } while (i <= hi && before(i, pivotStratum, pivotKey));
                do {
                    j--;
                } while (after(j, pivotStratum, pivotKey));
                if (i >= j) {
                    break;
                }
                swap(i, j);
            }
            swap(lo, j);
            // recurse into the smaller side, loop on the larger: stack depth O(log n)
            if (j - lo < hi - j) {
                quicksort(lo, j - 1);
                lo = j + 1;
            } else {
                quicksort(j + 1, hi);
                hi = j - 1;
            }
        }
        insertionSort(lo, hi);
    }

    private boolean before(int i, int pivotStratum, long pivotKey) {
        return stratum[i] < pivotStratum || (stratum[i] == pivotStratum && key[i] < pivotKey);
    }

    private boolean after(int j, int pivotStratum, long pivotKey) {
        return stratum[j] > pivotStratum || (stratum[j] == pivotStratum && key[j] > pivotKey);
    }

    private void insertionSort(int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && less(j, j - 1); j--) {
                swap(j, j - 1);
            }
        }
    }

    private void swap(int i, int j) {
        final long k = key[i];
        key[i] = key[j];
        key[j] = k;
        final int s = stratum[i];
        stratum[i] = stratum[j];
        stratum[j] = s;
        final int r = row[i];
        row[i] = row[j];
        row[j] = r;
    }
}
