package org.trialsim.endpoint;

import java.util.Arrays;

/**
 * Event (success) and total counts per group and stratum of a binary endpoint: a reusable buffer, one per
 * thread, refilled by {@link EndpointExtractor#extract(org.trialsim.cohort.Cohort, int, double, BinaryOutcomes)}.
 * Group 1 is the experimental arm, group 0 the control.
 */
public final class BinaryOutcomes {

    private int strata;
    private int[] events = new int[0];
    private int[] totals = new int[0];

    /** Empties the buffer for {@code strata} strata (allocates only when it grows). */
    public void reset(int strata) {
        this.strata = strata;
        if (events.length < 2 * strata) {
            events = new int[2 * strata];
            totals = new int[2 * strata];
        }
        Arrays.fill(events, 0);
        Arrays.fill(totals, 0);
    }

    void add(int group, int stratum, boolean event) {
        int k = group * strata + stratum;
        totals[k]++;
        if (event) {
            events[k]++;
        }
    }

    /** Number of strata. */
    public int strata() {
        return strata;
    }

    /** Events (successes) in a group and stratum. */
    public int events(int group, int stratum) {
        return events[group * strata + stratum];
    }

    /** Patients analysed in a group and stratum. */
    public int total(int group, int stratum) {
        return totals[group * strata + stratum];
    }

    /** Events in a group over all strata. */
    public int events(int group) {
        int e = 0;
        for (int s = 0; s < strata; s++) {
            e += events[group * strata + s];
        }
        return e;
    }

    /** Patients analysed in a group over all strata. */
    public int total(int group) {
        int t = 0;
        for (int s = 0; s < strata; s++) {
            t += totals[group * strata + s];
        }
        return t;
    }
}
