package org.trialsim.stats;

/**
 * Sorts ranges of a {@code double[]} of times in place, each time carrying a {@code byte} tag along (the
 * log-rank test's arm and event status), allocation-free once its scratch has grown: one
 * instance per thread. A range already in ascending or descending order (administrative censorings in entry
 * order, for example) is recognised in one pass and at most reversed. Otherwise the times are distributed
 * into twice as many equal-width buckets between their minimum and maximum as there are times (a distribution
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
    /** Buckets per time: more buckets leave fewer times to move in the insertion pass. */
    private static final int BUCKETS_PER_TIME = 2;

    /** Times and tags in bucket order, before they are copied back. */
    private double[] placed = new double[0];
    private byte[] placedTag = new byte[0];
    /** Bucket counts, then bucket ends. */
    private int[] bucket = new int[0];

    /** Sorts {@code a[from, to)} into ascending order, moving {@code tag[i]} with {@code a[i]}. */
    void sort(double[] a, byte[] tag, int from, int to) {
        final int n = to - from;
        if (n < 2 || ordered(a, tag, from, to)) {
            return;
        }
        if (n < INSERTION_THRESHOLD) {
            insertionSort(a, tag, from, to - 1);
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
        final int buckets = BUCKETS_PER_TIME * n;
        final double scale = buckets / (hi - lo);
        if (!(scale < Double.POSITIVE_INFINITY) || !(hi - lo < Double.POSITIVE_INFINITY)) {
            quicksort(a, tag, from, to - 1); // infinite times, or a range too narrow or too wide to scale
            return;
        }
        if (placed.length < n) {
            placed = new double[Math.max(n, 2 * placed.length)];
            placedTag = new byte[placed.length];
            bucket = new int[BUCKETS_PER_TIME * placed.length];
        }
        final int[] b = bucket;
        final int last = buckets - 1;
        java.util.Arrays.fill(b, 0, buckets, 0);
        for (int i = from; i < to; i++) {
            b[Math.min((int) ((a[i] - lo) * scale), last)]++;
        }
        int largest = 0;
        int end = 0;
        for (int k = 0; k < buckets; k++) {
            final int count = b[k];
            largest = Math.max(largest, count);
            b[k] = end; // start of bucket k
            end += count;
        }
        final double[] p = placed;
        final byte[] pt = placedTag;
        for (int i = from; i < to; i++) {
            final double x = a[i];
            final int k = b[Math.min((int) ((x - lo) * scale), last)]++; // b[k] ends as the end of bucket k
            p[k] = x;
            pt[k] = tag[i];
        }
        System.arraycopy(p, 0, a, from, n);
        System.arraycopy(pt, 0, tag, from, n);
        if (largest > LARGE_BUCKET) {
            int begin = 0;
            for (int k = 0; k < buckets; k++) {
                if (b[k] - begin > LARGE_BUCKET && !ordered(a, tag, from + begin, from + b[k])) {
                    quicksort(a, tag, from + begin, from + b[k] - 1);
                }
                begin = b[k];
            }
        }
        insertionSort(a, tag, from, to - 1);
    }

    /** Whether {@code a[from, to)} is ascending; if it is descending, reverses it (and the tags) and says so too. */
    private static boolean ordered(double[] a, byte[] tag, int from, int to) {
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
            for (int l = from, r = to - 1; l < r; l++, r--) {
                swap(a, tag, l, r);
            }
            return true;
        }
        return false;
    }

    /**
     * Merges the ascending ranges {@code a[from, mid)} and {@code b[bFrom, bTo)}, with their tags, into
     * {@code out} and {@code outTag} from {@code at}.
     */
    static void merge(double[] a, byte[] aTag, int from, int mid, double[] b, byte[] bTag, int bFrom, int bTo,
            double[] out, byte[] outTag, int at) {
        int i = from;
        int j = bFrom;
        int k = at;
        while (i < mid && j < bTo) {
            // ties: either first, only the values and the tags' counts matter
            if (b[j] < a[i]) {
                outTag[k] = bTag[j];
                out[k++] = b[j++];
            } else {
                outTag[k] = aTag[i];
                out[k++] = a[i++];
            }
        }
        System.arraycopy(a, i, out, k, mid - i);
        System.arraycopy(aTag, i, outTag, k, mid - i);
        k += mid - i;
        System.arraycopy(b, j, out, k, bTo - j);
        System.arraycopy(bTag, j, outTag, k, bTo - j);
    }

    private static void quicksort(double[] a, byte[] tag, int lo, int hi) {
        while (hi - lo >= INSERTION_THRESHOLD) {
            // median of three moved to lo as the pivot
            final int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, tag, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, tag, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, tag, hi, mid);
            }
            swap(a, tag, lo, mid);
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
                swap(a, tag, i, j);
            }
            swap(a, tag, lo, j);
            // recurse into the smaller side, loop on the larger: stack depth O(log n)
            if (j - lo < hi - j) {
                quicksort(a, tag, lo, j - 1);
                lo = j + 1;
            } else {
                quicksort(a, tag, j + 1, hi);
                hi = j - 1;
            }
        }
        insertionSort(a, tag, lo, hi);
    }

    private static void insertionSort(double[] a, byte[] tag, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            final double x = a[i];
            final byte g = tag[i];
            int j = i - 1;
            while (j >= lo && a[j] > x) {
                a[j + 1] = a[j];
                tag[j + 1] = tag[j];
                j--;
            }
            a[j + 1] = x;
            tag[j + 1] = g;
        }
    }

    private static void swap(double[] a, byte[] tag, int i, int j) {
        final double t = a[i];
        a[i] = a[j];
        a[j] = t;
        final byte g = tag[i];
        tag[i] = tag[j];
        tag[j] = g;
    }
}
