package org.trialsim.cohort;

import java.util.Arrays;

/**
 * One simulated cohort of up to {@code capacity} patients with their latent (uncensored) trajectories, held
 * as one primitive array per attribute and reused across replicates: no object per patient.
 *
 * <p>Patient {@code i} is row {@code i} of every array. Times are in weeks; event times are measured from the
 * patient's randomization, enrollment is calendar time since the start of recruitment. An event that never
 * happens has time {@code +Infinity}. Observation (exact or at the next visit), dropout and the
 * administrative cutoff are applied afterwards, when endpoint data are extracted for a prefix of the cohort
 * (see {@code org.trialsim.endpoint}); here every time is the true one.
 *
 * <p>Nested cohorts: the first {@code n} rows of a cohort sampled for {@code capacity} patients are
 * distributed as a cohort of {@code n} whenever {@code n} is a sample size of the design grid.
 */
public final class Cohort {

    /** Number of patients the arrays hold. */
    public final int capacity;
    /** Number of rows filled by the last sampling. */
    public int size;

    /** Arm index (into {@code Scenario.arms()}). */
    public final byte[] arm;
    /** Stratum index (into {@code Scenario.strata()}). */
    public final byte[] stratum;
    /** Calendar week of enrollment (= randomization). */
    public final double[] enrolled;
    /** Weeks from randomization to dropout; {@code +Infinity} if the patient never drops out. */
    public final double[] dropout;
    /** Induction response at the end of induction (latent: also set for patients who dropped out earlier). */
    public final boolean[] responded;
    /** Remission at the end of induction (latent). */
    public final boolean[] remitted;
    /** Baseline MADRS, {@code NaN} where no score is modelled. */
    public final double[] madrsBaseline;
    /** MADRS at the end of induction, {@code NaN} where no score is modelled. */
    public final double[] madrsEndOfInduction;
    /** Weeks from randomization to depressive relapse; {@code +Infinity} if none. */
    public final double[] relapse;
    /** Whether the patient is a long-term benzodiazepine user (from the stratum). */
    public final boolean[] benzodiazepineUser;
    /** Whether a user discontinued benzodiazepines by the end of induction. */
    public final boolean[] benzodiazepineDiscontinued;
    /** Weeks from randomization to relapse to benzodiazepine use; {@code +Infinity} if none or not applicable. */
    public final double[] benzodiazepineRelapse;

    /**
     * The plan whose constant columns (those of processes absent from it, and stratum and user status when it
     * has one stratum) hold their values over every row, written once by a {@link CohortSampler} of that plan
     * so that later cohorts need not write them again; {@code null} after {@link #clear()}. Code that writes
     * the arrays by hand and then samples into the same cohort must call {@link #clear()} in between.
     */
    SamplingPlan constantsOf;

    /** Allocates arrays for {@code capacity} patients. */
    public Cohort(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
        this.capacity = capacity;
        arm = new byte[capacity];
        stratum = new byte[capacity];
        enrolled = new double[capacity];
        dropout = new double[capacity];
        responded = new boolean[capacity];
        remitted = new boolean[capacity];
        madrsBaseline = new double[capacity];
        madrsEndOfInduction = new double[capacity];
        relapse = new double[capacity];
        benzodiazepineUser = new boolean[capacity];
        benzodiazepineDiscontinued = new boolean[capacity];
        benzodiazepineRelapse = new double[capacity];
        clear();
    }

    /** Resets every row to "nothing happened". */
    public void clear() {
        size = 0;
        constantsOf = null;
        Arrays.fill(arm, (byte) 0);
        Arrays.fill(stratum, (byte) 0);
        Arrays.fill(enrolled, 0);
        Arrays.fill(dropout, Double.POSITIVE_INFINITY);
        Arrays.fill(responded, false);
        Arrays.fill(remitted, false);
        Arrays.fill(madrsBaseline, Double.NaN);
        Arrays.fill(madrsEndOfInduction, Double.NaN);
        Arrays.fill(relapse, Double.POSITIVE_INFINITY);
        Arrays.fill(benzodiazepineUser, false);
        Arrays.fill(benzodiazepineDiscontinued, false);
        Arrays.fill(benzodiazepineRelapse, Double.POSITIVE_INFINITY);
    }
}
