package org.trialsim.stats;

/**
 * Sorts ranges of a {@code double[]} of times in place, allocation-free once its scratch has grown: one
 * instance per thread. A range already in ascending or descending order (administrative censorings in entry
 * order, for example) is recognised in one pass and at most reversed. Otherwise the times are distributed
 * into as many equal-width buckets between their minimum and maximum as there are times (a distribution
 * sort, Knuth, <i>The Art of Computer Programming</i>, vol. 3, 2nd ed., 1998, section 5.2.5; bucket sort in
 * Cormen et al., <i>Introduction to Algorithms</i>, 3rd ed., 2009, section 8.4): the bucket of a time is a
 * non-decreasing function of it, so after three linear passes (count, place, copy back) every time lies in
 * its final bucket, and an insertion sort finishes each bucket, moving each time only within its bucket.
 * Survival times of a smooth distribution leave a few times per bucket, so the sort costs a few linear
 * passes with predictable branches instead of the n log n mispredicted comparisons of a quicksort. A bucket
 * holding more than {@value #LARGE_BUCKET} times (heavy ties, or an outlier squeezing everything else into
 * one bucket) is first quicksorted with Hoare partitioning (Hoare 1962; Sedgewick 1978), median-of-three
 * pivots, unless already ordered; so is a range whose width is not finite (infinite times).
 *
 * <p>Written here rather than calling {@code java.util.Arrays.sort(double[], int, int)} because the JDK's
 * sort allocates a run table and a merge buffer for partly ordered input (its {@code tryMergeRuns}), and the
 * log-rank test sorts on the per-replicate path, which must not allocate. Times must not be NaN; {@code -0.0}
 * and {@code 0.0} are equal here, as in {@code ==}, so callers that need one representative normalise with
 * {@code t + 0.0}.
 */
final class TimeSort {

    /** Ranges shorter than this are insertion-sorted directly. */
    private static final int INSERTION_THRESHOLD = 24;
    /** Buckets larger than this are quicksorted before the final insertion pass. */
    private static final int LARGE_BUCKET = 32;

    /** Times in bucket order, before they are copied back. */
    private double[] placed = new double[0];
    /** Bucket counts, then bucket ends. */
    private int[] bucket = new int[0];

    /** Sorts {@code a[from, to)} into ascending order. */
    void sort(double[] a, int from, int to) {
        final int n = to - from;
        if (n < 2 || ordered(a, from, to)) {
            return;
        }
        if (n < INSERTION_THRESHOLD) {
            insertionSort(a, from, to - 1);
            return;
        }
        double lo = a[from];
        double hi = lo;
        for (int i = from + 1; i < to; i++) {
            final double x = a[i];
            if (x < lo) {
                lo = x;
            }
            if (x > hi) {
                hi = x;
            }
        }
        final double scale = n / (hi - lo);
        if (!(scale < Double.POSITIVE_INFINITY) || !(hi - lo < Double.POSITIVE_INFINITY)) {
            quicksort(a, from, to - 1); // infinite times, or a range too narrow or too wide to scale
            return;
        }
        if (placed.length < n) {
            placed = new double[Math.max(n, 2 * placed.length)];
            bucket = new int[placed.length + 1];
        }
        final int[] b = bucket;
        final int last = n - 1;
        java.util.Arrays.fill(b, 0, n, 0);
        for (int i = from; i < to; i++) {
            b[Math.min((int) ((a[i] - lo) * scale), last)]++;
        }
        int largest = 0;
        int end = 0;
        for (int k = 0; k < n; k++) {
            final int count = b[k];
            largest = Math.max(largest, count);
            b[k] = end; // start of bucket k
            end += count;
        }
        final double[] p = placed;
        for (int i = from; i < to; i++) {
            final double x = a[i];
            p[b[Math.min((int) ((x - lo) * scale), last)]++] = x; // b[k] ends as the end of bucket k
        }
        System.arraycopy(p, 0, a, from, n);
        if (largest > LARGE_BUCKET) {
            int begin = 0;
            for (int k = 0; k < n; k++) {
                if (b[k] - begin > LARGE_BUCKET && !ordered(a, from + begin, from + b[k])) {
                    quicksort(a, from + begin, from + b[k] - 1);
                }
                begin = b[k];
            }
        }
        insertionSort(a, from, to - 1);
    }

    /** Whether {@code a[from, to)} is ascending; if it is descending, reverses it and says so too. */
    private static boolean ordered(double[] a, int from, int to) {
        int i = from + 1;
        while (i < to && a[i - 1] <= a[i]) {
            i++;
        }
        if (i == to) {
            return true;
        }
        int j = from + 1;
        while (j < to && a[j - 1] >= a[j]) {
            j++;
        }
        if (j == to) {
            reverse(a, from, to);
            return true;
        }
        return false;
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
        insertionSort(a, lo, hi);
    }

    private static void insertionSort(double[] a, int lo, int hi) {
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
