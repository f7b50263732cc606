package org.trialsim.endpoint;

/**
 * Right-censored times of a time-to-event endpoint, in weeks from the endpoint's origin, with event flag,
 * group and stratum: a reusable buffer, one per thread. Rows 0 to {@link #size()} - 1 are valid; the arrays
 * are live and grow only when needed.
 */
public final class TimeToEventOutcomes {

    private int size;
    private double[] time = new double[0];
    private boolean[] event = new boolean[0];
    private int[] group = new int[0];
    private boolean[] treatment = new boolean[0];
    private int[] stratum = new int[0];

    /** Empties the buffer, making room for {@code capacity} rows. */
    public void reset(int capacity) {
        size = 0;
        if (time.length < capacity) {
            time = new double[capacity];
            event = new boolean[capacity];
            group = new int[capacity];
            treatment = new boolean[capacity];
            stratum = new int[capacity];
        }
    }

    void add(double t, boolean e, int g, int s) {
        time[size] = t;
        event[size] = e;
        group[size] = g;
        treatment[size] = g == 1;
        stratum[size] = s;
        size++;
    }

    /** Number of valid rows. */
    public int size() {
        return size;
    }

    /** Observed times: event time or censoring time, weeks from the origin. */
    public double[] time() {
        return time;
    }

    /** Whether each time is an event (else censored). */
    public boolean[] event() {
        return event;
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

    /** Number of events among the valid rows. */
    public int events() {
        int d = 0;
        for (int i = 0; i < size; i++) {
            if (event[i]) {
                d++;
            }
        }
        return d;
    }
}
