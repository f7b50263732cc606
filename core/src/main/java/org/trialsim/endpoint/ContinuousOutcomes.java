package org.trialsim.endpoint;

/**
 * Per-patient values of a continuous endpoint (change in MADRS from baseline to the end of induction, among
 * completers) with baseline, group and stratum: a reusable buffer, one per thread. Rows 0 to
 * {@link #size()} - 1 of the arrays are valid; the arrays are live and grow only when needed.
 */
public final class ContinuousOutcomes {

    private int size;
    private double[] value = new double[0];
    private double[] baseline = new double[0];
    private int[] group = new int[0];
    private boolean[] treatment = new boolean[0];
    private int[] stratum = new int[0];

    /** Empties the buffer, making room for {@code capacity} rows. */
    public void reset(int capacity) {
        size = 0;
        if (value.length < capacity) {
            value = new double[capacity];
            baseline = new double[capacity];
            group = new int[capacity];
            treatment = new boolean[capacity];
            stratum = new int[capacity];
        }
    }

    void add(double v, double b, int g, int s) {
        value[size] = v;
        baseline[size] = b;
        group[size] = g;
        treatment[size] = g == 1;
        stratum[size] = s;
        size++;
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
        return group;
    }

    /** Whether each row is in the experimental arm (group 1), as the two-sample tests take it. */
    public boolean[] treatment() {
        return treatment;
    }

    /** Strata (index into the endpoint's analysis strata). */
    public int[] stratum() {
        return stratum;
    }
}
