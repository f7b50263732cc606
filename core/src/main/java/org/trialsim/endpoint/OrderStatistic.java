package org.trialsim.endpoint;

/**
 * The k-th smallest of a range of a double array, by quickselect with a median-of-three pivot (Hoare CAR.
 * Algorithm 65: FIND. Commun ACM 1961;4:321-322; Sedgewick R. Algorithms in C, 3rd ed. 1998, section 7.8),
 * reordering the array in place. Written here because commons-numbers' {@code Selection.select} allocates a
 * small object per call, and this sits on the per-replicate path; NaN is not expected (times are never NaN).
 */
final class OrderStatistic {

    private OrderStatistic() {
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
