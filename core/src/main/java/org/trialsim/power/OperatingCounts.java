package org.trialsim.power;

import java.util.Arrays;

/**
 * The sufficient statistics of a Monte Carlo study: counts of events (rejections, stops) and integer sums
 * (patients enrolled and their squares) per sample size, all {@code long}. Memory does not grow with the
 * number of replicates, and because integer addition is exact and commutative, merging counts from batches
 * in any order gives the same bits: this is what makes results independent of the thread count.
 *
 * <p>All counters live in one {@code long[]} so that a completed study (or any prefix of its batches) can be
 * serialized with {@link #toArray()} and resumed with {@link #fromArray(TrialLayout, long[])}.
 */
public final class OperatingCounts {

    private final TrialLayout layout;
    private final int sizes;
    private final int endpoints;
    private final int looks;
    // Offsets into the single counter array.
    private final int offRejected;
    private final int offUnadjusted;
    private final int offAny;
    private final int offAll;
    private final int offAnyUnadjusted;
    private final int offPatients;
    private final int offPatientsSq;
    private final int offStop;
    private final int offFutility;
    private final int offUninformative;
    // Added after the others (issue #15, point 5), so that the counters before them keep their places.
    private final int offHarm;
    private final int offHarmUnadjusted;
    private final int offAnyBeneficial;
    private final int offAllBeneficial;
    private final long[] c;

    /** Empty counts for trials of the given layout. */
    public OperatingCounts(TrialLayout layout) {
        this.layout = layout;
        sizes = layout.sizeCount();
        endpoints = layout.endpointCount();
        looks = layout.looks();
        int o = 1;
        offRejected = o;
        o += sizes * endpoints;
        offUnadjusted = o;
        o += sizes * endpoints;
        offAny = o;
        o += sizes;
        offAll = o;
        o += sizes;
        offAnyUnadjusted = o;
        o += sizes;
        offPatients = o;
        o += sizes;
        offPatientsSq = o;
        o += sizes;
        offStop = o;
        o += sizes * looks;
        offFutility = o;
        o += sizes * looks;
        offUninformative = o;
        o += sizes * endpoints;
        offHarm = o;
        o += sizes * endpoints;
        offHarmUnadjusted = o;
        o += sizes * endpoints;
        offAnyBeneficial = o;
        o += sizes;
        offAllBeneficial = o;
        o += sizes;
        c = new long[o];
    }

    /** Counts restored from {@link #toArray()}. */
    public static OperatingCounts fromArray(TrialLayout layout, long[] counters) {
        OperatingCounts r = new OperatingCounts(layout);
        if (counters.length != r.c.length) {
            throw new IllegalArgumentException("expected " + r.c.length + " counters for " + layout + ", got "
                    + counters.length);
        }
        System.arraycopy(counters, 0, r.c, 0, counters.length);
        return r;
    }

    /** A copy of every counter, for checkpoints. */
    public long[] toArray() {
        return c.clone();
    }

    /** The layout. */
    public TrialLayout layout() {
        return layout;
    }

    /** Adds one replicate's outcome. */
    public void record(ReplicateOutcome out) {
        c[0]++;
        for (int g = 0; g < sizes; g++) {
            boolean any = false;
            boolean all = true;
            boolean anyUnadjusted = false;
            boolean anyBeneficial = false;
            boolean allBeneficial = true;
            for (int e = 0; e < endpoints; e++) {
                int i = g * endpoints + e;
                boolean r = out.rejected[i];
                boolean u = out.rejectedUnadjusted[i];
                if (r) {
                    c[offRejected + i]++;
                }
                if (u) {
                    c[offUnadjusted + i]++;
                }
                if (out.uninformative[i]) {
                    c[offUninformative + i]++;
                }
                boolean h = out.harmful[i];
                if (h) {
                    c[offHarm + i]++;
                }
                if (out.harmfulUnadjusted[i]) {
                    c[offHarmUnadjusted + i]++;
                }
                any |= r;
                all &= r;
                anyUnadjusted |= u;
                anyBeneficial |= r && !h;
                allBeneficial &= r && !h;
            }
            if (anyBeneficial) {
                c[offAnyBeneficial + g]++;
            }
            if (allBeneficial) {
                c[offAllBeneficial + g]++;
            }
            if (any) {
                c[offAny + g]++;
            }
            if (all) {
                c[offAll + g]++;
            }
            if (anyUnadjusted) {
                c[offAnyUnadjusted + g]++;
            }
            long n = out.patientsUsed[g];
            c[offPatients + g] += n;
            c[offPatientsSq + g] += n * n;
            c[offStop + g * looks + out.stopLook[g]]++;
            if (out.futilityStop[g]) {
                c[offFutility + g * looks + out.stopLook[g]]++;
            }
        }
    }

    /** Adds another study's counts (of the same layout) to these. */
    public void add(OperatingCounts other) {
        if (!layout.equals(other.layout)) {
            throw new IllegalArgumentException("cannot merge counts of different layouts");
        }
        for (int i = 0; i < c.length; i++) {
            c[i] += other.c[i];
        }
    }

    /** Replicates in which endpoint {@code e}'s analysis at sample size index {@code g} had no information. */
    public long uninformative(int g, int e) {
        return c[offUninformative + g * endpoints + e];
    }

    /** Number of replicates counted. */
    public long replicates() {
        return c[0];
    }

    /** Replicates that rejected endpoint {@code e} (after multiplicity) at sample size index {@code g}. */
    public long rejected(int g, int e) {
        return c[offRejected + g * endpoints + e];
    }

    /** Replicates that rejected endpoint {@code e} before multiplicity control. */
    public long rejectedUnadjusted(int g, int e) {
        return c[offUnadjusted + g * endpoints + e];
    }

    /** Replicates that rejected at least one endpoint (after multiplicity). */
    public long rejectedAny(int g) {
        return c[offAny + g];
    }

    /** Replicates that rejected every endpoint (after multiplicity). */
    public long rejectedAll(int g) {
        return c[offAll + g];
    }

    /** Replicates that rejected at least one endpoint before multiplicity control. */
    public long rejectedAnyUnadjusted(int g) {
        return c[offAnyUnadjusted + g];
    }

    /**
     * Replicates that rejected endpoint {@code e} (after multiplicity) in the harmful direction: a two-sided
     * test whose statistic favoured control.
     */
    public long harmful(int g, int e) {
        return c[offHarm + g * endpoints + e];
    }

    /** Replicates that rejected endpoint {@code e} in the beneficial direction, after multiplicity: its power. */
    public long beneficial(int g, int e) {
        return rejected(g, e) - harmful(g, e);
    }

    /** Replicates that rejected endpoint {@code e} in the beneficial direction before multiplicity control. */
    public long beneficialUnadjusted(int g, int e) {
        return rejectedUnadjusted(g, e) - c[offHarmUnadjusted + g * endpoints + e];
    }

    /** Replicates that rejected at least one endpoint in the beneficial direction (after multiplicity). */
    public long beneficialAny(int g) {
        return c[offAnyBeneficial + g];
    }

    /** Replicates that rejected every endpoint in the beneficial direction (after multiplicity). */
    public long beneficialAll(int g) {
        return c[offAllBeneficial + g];
    }

    /** Sum over replicates of the patients enrolled. */
    public long patientSum(int g) {
        return c[offPatients + g];
    }

    /** Sum over replicates of the squared number of patients enrolled. */
    public long patientSumOfSquares(int g) {
        return c[offPatientsSq + g];
    }

    /** Replicates that stopped at look {@code k} (0-based; the last look counts the trials run to the end). */
    public long stopped(int g, int k) {
        return c[offStop + g * looks + k];
    }

    /** Replicates that stopped for futility at look {@code k}. */
    public long futility(int g, int k) {
        return c[offFutility + g * looks + k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperatingCounts other && layout.equals(other.layout) && Arrays.equals(c, other.c);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(c);
    }
}
