package org.trialsim.endpoint;

import java.util.Arrays;

/**
 * Per-patient repeated measures of a continuous endpoint with visits (the change from baseline at every visit
 * up to the assessment, as a mixed model for repeated measures takes them): for each patient in the analysis
 * population, the baseline, group, stratum, the number of visits observed (a prefix: the visits before
 * dropout, within follow-up and before the calendar cutoff) and the changes at them, row-major
 * ({@code change[row * visits + t]}). A reusable buffer, one per thread; the arrays are live and grow only
 * when needed.
 */
public final class RepeatedMeasures {

    private int size;
    private int visits;
    private double[] change = new double[0];
    private double[] baseline = new double[0];
    private int[] observed = new int[0];
    private final ArmStratumColumns arm = new ArmStratumColumns();

    /** Empties the buffer, making room for {@code capacity} rows of {@code t} visits. */
    public void reset(int capacity, int t) {
        size = 0;
        visits = t;
        ensureCapacity(capacity);
    }

    /** Makes room for {@code capacity} rows, keeping the valid ones. */
    void ensureCapacity(int capacity) {
        if (baseline.length < capacity || change.length < capacity * visits) {
            change = Arrays.copyOf(change, capacity * visits);
            baseline = Arrays.copyOf(baseline, capacity);
            observed = Arrays.copyOf(observed, capacity);
            arm.grow(capacity);
        }
    }

    /** Starts a row; its changes are then written with {@link #set}, which also counts them ({@link #observed()}). */
    int add(double b, int g, int s) {
        baseline[size] = b;
        observed[size] = 0;
        arm.set(size, g, s);
        return size++;
    }

    void set(int row, int t, double value) {
        change[row * visits + t] = value;
        observed[row] = t + 1;
    }

    /** Number of valid rows. */
    public int size() {
        return size;
    }

    /** Number of visits per row. */
    public int visits() {
        return visits;
    }

    /** The changes from baseline, {@code [row * visits + t]}; entries past a row's observed count are stale. */
    public double[] change() {
        return change;
    }

    /** Baseline scores. */
    public double[] baseline() {
        return baseline;
    }

    /** Visits observed per row (a prefix of the visits). */
    public int[] observed() {
        return observed;
    }

    /** Groups (1 experimental, 0 control). */
    public int[] group() {
        return arm.group;
    }

    /** Whether each row is in the experimental arm (group 1). */
    public boolean[] treatment() {
        return arm.treatment;
    }

    /** Strata (index into the endpoint's analysis strata). */
    public int[] stratum() {
        return arm.stratum;
    }
}
