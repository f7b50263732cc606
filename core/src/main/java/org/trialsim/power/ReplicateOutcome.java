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
    /**
     * Whether a rejection of a two-sided test ({@link #rejected}) was in the harmful direction (the statistic
     * favours control): counted apart, as {@code reject_harm:<endpoint>}, and not as power.
     */
    final boolean[] harmful;
    /** The same for the rejection before multiplicity control ({@link #rejectedUnadjusted}). */
    final boolean[] harmfulUnadjusted;
    /** Patients enrolled when the trial stopped (the sample size unless it stopped early). */
    final int[] patientsUsed;
    /** Index (0-based) of the look at which the trial stopped; the last look if it ran to the end. */
    final int[] stopLook;
    /** Whether the stop was for futility (a sequential design's futility rule or Simon's stage-1 rule). */
    final boolean[] futilityStop;
    /**
     * Whether the endpoint's last analysis had no information (no events, an empty arm, no variation), so that
     * its test could not reject whatever the truth: such figures are reported with a warning.
     */
    final boolean[] uninformative;
    /** The default of every sample size's patients used (its size) and stop look (the last). */
    private final int[] defaultPatients;
    private final int lastLook;
    /**
     * Whether {@link #stop} or {@link #uninformative} wrote a non-default value since the last {@link #clear}:
     * most trials never do, and then clearing is two small fills per replicate instead of six.
     */
    private boolean stopsWritten;
    private boolean uninformativeWritten;
    private boolean harmWritten;

    /** Scratch for trials of the given layout. */
    public ReplicateOutcome(TrialLayout layout) {
        this.layout = layout;
        this.endpoints = layout.endpointCount();
        int g = layout.sizeCount();
        rejected = new boolean[g * endpoints];
        rejectedUnadjusted = new boolean[g * endpoints];
        harmful = new boolean[g * endpoints];
        harmfulUnadjusted = new boolean[g * endpoints];
        patientsUsed = new int[g];
        stopLook = new int[g];
        futilityStop = new boolean[g];
        uninformative = new boolean[g * endpoints];
        defaultPatients = layout.sampleSizes();
        lastLook = layout.looks() - 1;
        System.arraycopy(defaultPatients, 0, patientsUsed, 0, g);
        Arrays.fill(stopLook, lastLook);
    }

    /** The layout. */
    public TrialLayout layout() {
        return layout;
    }

    /** Resets to "nothing rejected, every trial ran to its final analysis with all its patients". */
    public void clear() {
        Arrays.fill(rejected, false);
        Arrays.fill(rejectedUnadjusted, false);
        if (stopsWritten) {
            System.arraycopy(defaultPatients, 0, patientsUsed, 0, patientsUsed.length);
            Arrays.fill(stopLook, lastLook);
            Arrays.fill(futilityStop, false);
            stopsWritten = false;
        }
        if (uninformativeWritten) {
            Arrays.fill(uninformative, false);
            uninformativeWritten = false;
        }
        if (harmWritten) {
            Arrays.fill(harmful, false);
            Arrays.fill(harmfulUnadjusted, false);
            harmWritten = false;
        }
    }

    /**
     * Records that endpoint {@code e}'s rejections at sample size index {@code g} (after and before multiplicity,
     * as given to {@link #reject}) were in the harmful direction: a two-sided test whose statistic favours control.
     */
    public void harm(int g, int e, boolean adjusted, boolean unadjusted) {
        harmful[g * endpoints + e] = adjusted;
        harmfulUnadjusted[g * endpoints + e] = unadjusted;
        harmWritten |= adjusted | unadjusted;
    }

    /** Whether endpoint {@code e}'s rejection at sample size index {@code g} was in the harmful direction. */
    public boolean harmful(int g, int e) {
        return harmful[g * endpoints + e];
    }

    /** Records that endpoint {@code e}'s last analysis at sample size index {@code g} had no information. */
    public void uninformative(int g, int e, boolean none) {
        uninformative[g * endpoints + e] = none;
        uninformativeWritten |= none;
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
        stopsWritten = true;
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
