package org.trialsim.endpoint;

import java.util.Arrays;

/**
 * Event (success) and total counts per group and stratum of a binary endpoint: a reusable buffer, one per
 * thread, refilled by {@link EndpointExtractor#extract(org.trialsim.cohort.Cohort, int, double, BinaryOutcomes)}.
 * Group 1 is the experimental arm, group 0 the control. The per-stratum arrays are live (the first
 * {@link #strata()} entries are valid), in the shape the stratified tests of {@code org.trialsim.stats} take.
 */
public final class BinaryOutcomes {

    private int strata;
    private int[][] events = {new int[0], new int[0]};
    private int[][] totals = {new int[0], new int[0]};
    private int[][] missing = {new int[0], new int[0]};

    /** Empties the buffer for {@code strata} strata (allocates only when it grows). */
    public void reset(int strata) {
        this.strata = strata;
        for (int g = 0; g < 2; g++) {
            if (events[g].length < strata) {
                events[g] = new int[strata];
                totals[g] = new int[strata];
                missing[g] = new int[strata];
            }
            Arrays.fill(events[g], 0);
            Arrays.fill(totals[g], 0);
            Arrays.fill(missing[g], 0);
        }
    }

    void add(int group, int stratum, boolean event) {
        totals[group][stratum]++;
        if (event) {
            events[group][stratum]++;
        }
    }

    /**
     * A patient randomized whose outcome is missing (the hypothetical strategy: the outcome had the intercurrent
     * event not happened is not observed after it); not counted in the totals.
     */
    void addMissing(int group, int stratum) {
        missing[group][stratum]++;
    }

    /** Live per-stratum counts of patients whose outcome is missing, per group (first {@link #strata()} valid). */
    public int[][] missingByGroup() {
        return missing;
    }

    /** Live per-stratum event counts of both groups ({@code [group][stratum]}). */
    public int[][] eventsByGroup() {
        return events;
    }

    /** Live per-stratum patient counts of both groups ({@code [group][stratum]}). */
    public int[][] totalsByGroup() {
        return totals;
    }

    /** Number of strata. */
    public int strata() {
        return strata;
    }

    /** Events (successes) in a group and stratum. */
    public int events(int group, int stratum) {
        return events[group][stratum];
    }

    /** Patients analysed in a group and stratum. */
    public int total(int group, int stratum) {
        return totals[group][stratum];
    }

    /** Events in a group over all strata. */
    public int events(int group) {
        int e = 0;
        for (int s = 0; s < strata; s++) {
            e += events[group][s];
        }
        return e;
    }

    /** Patients analysed in a group over all strata. */
    public int total(int group) {
        int t = 0;
        for (int s = 0; s < strata; s++) {
            t += totals[group][s];
        }
        return t;
    }

    /** Live per-stratum event counts of a group (first {@link #strata()} entries valid). */
    public int[] eventsByStratum(int group) {
        return events[group];
    }

    /** Live per-stratum patient counts of a group (first {@link #strata()} entries valid). */
    public int[] totalsByStratum(int group) {
        return totals[group];
    }
}
