package org.trialsim.stats;

/**
 * Sorts a range of a {@code double[]} of times in place, allocation-free: a range already in ascending or
 * descending order (administrative censorings in entry order, for example) is recognised in one pass and
 * at most reversed; anything else goes to a quicksort with Hoare partitioning (Hoare 1962; Sedgewick 1978),
 * which splits evenly on the many exact ties of visit-scheduled data, with median-of-three pivots and
 * insertion sort on short runs.
 *
 * <p>Written here rather than calling {@code java.util.Arrays.sort(double[], int, int)} because the JDK's
 * sort allocates a run table and a merge buffer for partly ordered input (its {@code tryMergeRuns}), and the
 * log-rank test sorts on the per-replicate path, which must not allocate. Times must not be NaN; {@code -0.0}
 * and {@code 0.0} are equal here, as in {@code ==}, so callers that need one representative normalise with
 * {@code t + 0.0}.
 */
final class TimeSort {

    /** Runs shorter than this are insertion-sorted. */
    private static final int INSERTION_THRESHOLD = 24;

    private TimeSort() {
    }

    /** Sorts {@code a[from, to)} into ascending order. */
    static void sort(double[] a, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int i = from + 1;
        while (i < to && a[i - 1] <= a[i]) {
            i++;
        }
        if (i == to) {
            return; // already ascending
        }
        int j = from + 1;
        while (j < to && a[j - 1] >= a[j]) {
            j++;
        }
        if (j == to) {
            reverse(a, from, to);
            return;
        }
        quicksort(a, from, to - 1);
    }

    /** Merges the ascending ranges {@code a[from, mid)} and {@code b[bFrom, bTo)} into {@code out} from {@code at}. */
    static void merge(double[] a, int from, int mid, double[] b, int bFrom, int bTo, double[] out, int at) {
        int i = from;
        int j = bFrom;
        int k = at;
        while (i < mid && j < bTo) {
            // ties: either first, only the values matter
            if (b[j] < a[i]) {
                out[k++] = b[j++];
            } else {
                out[k++] = a[i++];
            }
        }
        System.arraycopy(a, i, out, k, mid - i);
        System.arraycopy(b, j, out, k + mid - i, bTo - j);
    }

    private static void reverse(double[] a, int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            final double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void quicksort(double[] a, int lo, int hi) {
        while (hi - lo >= INSERTION_THRESHOLD) {
            // median of three moved to lo as the pivot
            final int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            swap(a, lo, mid);
            final double pivot = a[lo];
            int i = lo;
            int j = hi + 1;
            while (true) {
                do {
                    i++;
                } while (i <= hi && a[i] < pivot);
                do {
                    j--;
                } while (a[j] > pivot);
                if (i >= j) {
                    break;
                }
                swap(a, i, j);
            }
            swap(a, lo, j);
            // recurse into the smaller side, loop on the larger: stack depth O(log n)
            if (j - lo < hi - j) {
                quicksort(a, lo, j - 1);
                lo = j + 1;
            } else {
                quicksort(a, j + 1, hi);
                hi = j - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            final double x = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    private static void swap(double[] a, int i, int j) {
        final double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
