package org.trialsim.endpoint;

/**
 * The k-th smallest of a range of a double array, reordering the array in place. {@link #find} first
 * narrows the search by one distribution pass (Knuth, <i>The Art of Computer Programming</i>, vol. 3, 2nd
 * ed., 1998, section 5.2.5): the values are counted in as many equal-width buckets between their minimum
 * and maximum as there are values, the bucket holding rank k is found from the cumulative counts, its
 * values are moved to the front, and only they go to a quickselect. The bucket of a value is a
 * non-decreasing function of it, so the k-th smallest overall is the (k - values in lower buckets)-th
 * smallest of its bucket. Four linear passes with predictable branches replace most of the mispredicted
 * comparisons of a quickselect over the whole range. The quickselect ({@link #select}) uses a
 * median-of-three pivot (Hoare CAR. Algorithm 65: FIND. Commun ACM 1961;4:321-322; Sedgewick R.
 * Algorithms in C, 3rd ed. 1998, section 7.8).
 *
 * <p>Written here because commons-numbers' {@code Selection.select} allocates a small object per call, and
 * this sits on the per-replicate path; an instance holds a grow-only count buffer (one per thread). NaN is
 * not expected (times are never NaN). The value returned is the k-th smallest whichever pass finds it; only
 * the sign of a zero could depend on the pass if {@code -0.0} and {@code 0.0} were both present at rank k.
 */
final class OrderStatistic {

    /** Below this size the quickselect runs directly. */
    private static final int DIRECT = 64;

    private int[] count = new int[0];

    /** The element of rank {@code k} (0-based) of {@code a[0..size)}, which is reordered (the same values). */
    double find(double[] a, int size, int k) {
        if (k < 0 || k >= size) {
            throw new IllegalArgumentException("rank " + k + " outside 0.." + (size - 1));
        }
        if (size < DIRECT) {
            return select(a, size, k);
        }
        double lo = a[0];
        double hi = lo;
        for (int i = 1; i < size; i++) {
            final double x = a[i];
            if (x < lo) {
                lo = x;
            }
            if (x > hi) {
                hi = x;
            }
        }
        final double scale = size / (hi - lo);
        if (!(scale < Double.POSITIVE_INFINITY) || !(hi - lo < Double.POSITIVE_INFINITY)) {
            return select(a, size, k); // all equal, infinite values, or a width too narrow to scale
        }
        if (count.length < size) {
            count = new int[Math.max(size, 2 * count.length)];
        }
        final int[] c = count;
        final int last = size - 1;
        java.util.Arrays.fill(c, 0, size, 0);
        for (int i = 0; i < size; i++) {
            c[Math.min((int) ((a[i] - lo) * scale), last)]++;
        }
        int bucket = 0;
        int below = 0;
        while (below + c[bucket] <= k) {
            below += c[bucket++];
        }
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (Math.min((int) ((a[i] - lo) * scale), last) == bucket) {
                swap(a, i, m++);
            }
        }
        return select(a, m, k - below);
    }

    /** The element of rank {@code k} (0-based) of {@code a[0..size)}, which is partially reordered. */
    static double select(double[] a, int size, int k) {
        if (k < 0 || k >= size) {
            throw new IllegalArgumentException("rank " + k + " outside 0.." + (size - 1));
        }
        int lo = 0;
        int hi = size - 1;
        while (hi - lo > 8) {
            int mid = (lo + hi) >>> 1;
            // Median of three to a[lo] <= a[mid] <= a[hi]; the pivot is a[mid].
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        for (int i = lo + 1; i <= hi; i++) { // insertion sort of the small remaining range
            double x = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
