package org.trialsim.endpoint;

import java.util.Arrays;

/**
 * The columns every per-patient outcome buffer carries besides its measurement: group (1 experimental,
 * 0 control), the same as a treatment flag (the form the two-sample tests take), and analysis stratum.
 * Grown in step with the owning buffer's own columns, so all stay the same length.
 */
final class ArmStratumColumns {

    int[] group = new int[0];
    boolean[] treatment = new boolean[0];
    int[] stratum = new int[0];

    /** Replaces the columns by fresh ones of {@code capacity} rows (the caller decides when to). */
    void allocate(int capacity) {
        group = new int[capacity];
        treatment = new boolean[capacity];
        stratum = new int[capacity];
    }

    /** Grows the columns to {@code capacity} rows, keeping their contents. */
    void grow(int capacity) {
        group = Arrays.copyOf(group, capacity);
        treatment = Arrays.copyOf(treatment, capacity);
        stratum = Arrays.copyOf(stratum, capacity);
    }

    void set(int row, int g, int s) {
        group[row] = g;
        treatment[row] = g == 1;
        stratum[row] = s;
    }
}
