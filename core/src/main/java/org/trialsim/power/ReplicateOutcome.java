package org.trialsim.power;

import java.util.Arrays;

/**
 * What one simulated trial concluded at every sample size of the grid: scratch filled by a
 * {@link VirtualTrial} and read by {@link OperatingCounts}. One instance per worker thread, reused for every
 * replicate, so nothing is allocated per replicate.
 *
 * <p>Indexing: sample size {@code g}, endpoint {@code e} is slot {@code g * endpoints + e}.
 */
public final class ReplicateOutcome {

    private final TrialLayout layout;
    private final int endpoints;
    /** Rejection of each endpoint's null hypothesis after multiplicity control (and sequential decision). */
    final boolean[] rejected;
    /** Rejection at the endpoint's own level, before multiplicity control. */
    final boolean[] rejectedUnadjusted;
    /** Patients enrolled when the trial stopped (the sample size unless it stopped early). */
    final int[] patientsUsed;
    /** Index (0-based) of the look at which the trial stopped; the last look if it ran to the end. */
    final int[] stopLook;
    /** Whether the stop was for futility (a sequential design's futility rule or Simon's stage-1 rule). */
    final boolean[] futilityStop;

    /** Scratch for trials of the given layout. */
    public ReplicateOutcome(TrialLayout layout) {
        this.layout = layout;
        this.endpoints = layout.endpointCount();
        int g = layout.sizeCount();
        rejected = new boolean[g * endpoints];
        rejectedUnadjusted = new boolean[g * endpoints];
        patientsUsed = new int[g];
        stopLook = new int[g];
        futilityStop = new boolean[g];
        clear();
    }

    /** The layout. */
    public TrialLayout layout() {
        return layout;
    }

    /** Resets to "nothing rejected, every trial ran to its final analysis with all its patients". */
    public void clear() {
        Arrays.fill(rejected, false);
        Arrays.fill(rejectedUnadjusted, false);
        for (int g = 0; g < patientsUsed.length; g++) {
            patientsUsed[g] = layout.sampleSize(g);
        }
        Arrays.fill(stopLook, layout.looks() - 1);
        Arrays.fill(futilityStop, false);
    }

    /** Records endpoint {@code e}'s decisions at sample size index {@code g}. */
    public void reject(int g, int e, boolean adjusted, boolean unadjusted) {
        rejected[g * endpoints + e] = adjusted;
        rejectedUnadjusted[g * endpoints + e] = unadjusted;
    }

    /**
     * Records that the trial of sample size index {@code g} stopped at look {@code look} (0-based) with
     * {@code patients} enrolled, for futility or not.
     */
    public void stop(int g, int look, int patients, boolean futility) {
        if (look < 0 || look >= layout.looks()) {
            throw new IllegalArgumentException("look " + look + " outside 0.." + (layout.looks() - 1));
        }
        stopLook[g] = look;
        patientsUsed[g] = patients;
        futilityStop[g] = futility;
    }

    /** Whether endpoint {@code e} was rejected (after multiplicity) at sample size index {@code g}. */
    public boolean rejected(int g, int e) {
        return rejected[g * endpoints + e];
    }

    /** Whether endpoint {@code e} was rejected before multiplicity control at sample size index {@code g}. */
    public boolean rejectedUnadjusted(int g, int e) {
        return rejectedUnadjusted[g * endpoints + e];
    }
}
