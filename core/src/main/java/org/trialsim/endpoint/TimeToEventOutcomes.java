package org.trialsim.endpoint;

import java.util.Arrays;

/**
 * Right-censored times of a time-to-event endpoint, in weeks from the endpoint's origin, with event flag,
 * group and stratum: a reusable buffer, one per thread. Rows 0 to {@link #size()} - 1 are valid; the arrays
 * are live and grow only when needed.
 */
public final class TimeToEventOutcomes {

    private int size;
    private int events;
    private double[] time = new double[0];
    private boolean[] event = new boolean[0];
    private final ArmStratumColumns arm = new ArmStratumColumns();

    /** Empties the buffer, making room for {@code capacity} rows. */
    public void reset(int capacity) {
        size = 0;
        events = 0;
        if (time.length < capacity) {
            time = new double[capacity];
            event = new boolean[capacity];
            arm.allocate(capacity);
        }
    }

    /**
     * Takes rows {@link #size()} to {@code size - 1}, written straight into the arrays by a bulk appender (which
     * keeps its row count in a local variable: counted through this object, each row's stores would wait on the
     * previous row's), with {@code newEvents} events among them.
     */
    void appended(int size, int newEvents) {
        this.size = size;
        this.events += newEvents;
    }

    /** Makes room for {@code capacity} rows, keeping the valid ones. */
    void ensureCapacity(int capacity) {
        if (time.length < capacity) {
            time = Arrays.copyOf(time, capacity);
            event = Arrays.copyOf(event, capacity);
            arm.grow(capacity);
        }
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

    /** Number of events among the valid rows (counted as they are added). */
    public int events() {
        return events;
    }
}
