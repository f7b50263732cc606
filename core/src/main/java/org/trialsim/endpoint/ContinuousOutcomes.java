package org.trialsim.endpoint;

import java.util.Arrays;

/**
 * Per-patient values of a continuous endpoint (change in MADRS from baseline to the end of induction, among
 * completers) with baseline, group and stratum: a reusable buffer, one per thread. Rows 0 to
 * {@link #size()} - 1 of the arrays are valid; the arrays are live and grow only when needed.
 */
public final class ContinuousOutcomes {

    private int size;
    private double[] value = new double[0];
    private double[] baseline = new double[0];
    private final ArmStratumColumns arm = new ArmStratumColumns();

    /** Empties the buffer, making room for {@code capacity} rows. */
    public void reset(int capacity) {
        size = 0;
        if (value.length < capacity) {
            value = new double[capacity];
            baseline = new double[capacity];
            arm.allocate(capacity);
        }
    }

    void add(double v, double b, int g, int s) {
        value[size] = v;
        baseline[size] = b;
        arm.set(size, g, s);
        size++;
    }

    /** Makes room for {@code capacity} rows, keeping the valid ones. */
    void ensureCapacity(int capacity) {
        if (value.length < capacity) {
            value = Arrays.copyOf(value, capacity);
            baseline = Arrays.copyOf(baseline, capacity);
            arm.grow(capacity);
        }
    }

    /** Number of valid rows. */
    public int size() {
        return size;
    }

    /** The values (end score minus baseline). */
    public double[] value() {
        return value;
    }

    /** Baseline scores. */
    public double[] baseline() {
        return baseline;
    }

    /** Groups (1 experimental, 0 control). */
    public int[] group() {
        return arm.group;
    }

    /** Whether each row is in the experimental arm (group 1), as the two-sample tests take it. */
    public boolean[] treatment() {
        return arm.treatment;
    }

    /** Strata (index into the endpoint's analysis strata). */
    public int[] stratum() {
        return arm.stratum;
    }
}
