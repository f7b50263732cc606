package org.trialsim.cohort;

import java.util.Arrays;

/**
 * One simulated cohort of up to {@code capacity} patients with their latent (uncensored) trajectories, held
 * as one primitive array per attribute and reused across replicates: no object per patient. The trial's frame
 * (arm, stratum, entry and dropout, which every endpoint's observation reads) are fields; every patient
 * process's attributes are {@link Column}s that the process declares, looked up by key
 * ({@link #doubles(Column.Doubles)}, {@link #booleans(Column.Booleans)}), so a new process needs no change
 * here.
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
    /** The patient processes' columns by {@link Column#index()}, allocated on first use; null where unused. */
    private Object[] columns = new Object[16];
    private Column[] owners = new Column[16];
    private Class<?>[] scratchTypes = new Class<?>[0];
    private Object[] scratchObjects = new Object[0];
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
        resetColumns();
    }

    /**
     * The array of a column of doubles (the patient process's attribute), allocated and filled with the column's
     * default on first use and kept across replicates.
     */
    public double[] doubles(Column.Doubles column) {
        return (double[]) column(column);
    }

    /** The array of a column of yes/no values, as {@link #doubles(Column.Doubles)}. */
    public boolean[] booleans(Column.Booleans column) {
        return (boolean[]) column(column);
    }

    /** The array of a column of labels (each patient's code), as {@link #doubles(Column.Doubles)}. */
    public byte[] labels(Column.Labels column) {
        return (byte[]) column(column);
    }

    /** Writes every allocated column's default over every row (for a sampler switching plans). */
    void resetColumns() {
        for (int k = 0; k < columns.length; k++) {
            if (columns[k] != null) {
                owners[k].fill(columns[k], 0, capacity);
            }
        }
    }

    /**
     * Per-cohort scratch space of a process sampler (immutable and shared by threads, while a cohort is used by
     * one thread at a time): the object of {@code type}, created on first use and kept with the cohort.
     */
    public <T> T scratch(Class<T> type, java.util.function.Supplier<T> create) {
        for (int k = 0; k < scratchTypes.length; k++) {
            if (scratchTypes[k] == type) {
                return type.cast(scratchObjects[k]);
            }
        }
        T made = create.get();
        scratchTypes = Arrays.copyOf(scratchTypes, scratchTypes.length + 1);
        scratchObjects = Arrays.copyOf(scratchObjects, scratchObjects.length + 1);
        scratchTypes[scratchTypes.length - 1] = type;
        scratchObjects[scratchObjects.length - 1] = made;
        return made;
    }

    /** Whether the cohort has allocated {@code column} (some process wrote or read it). */
    public boolean has(Column column) {
        int k = column.index();
        return k < columns.length && columns[k] != null;
    }

    private Object column(Column column) {
        int k = column.index();
        if (k >= columns.length) {
            columns = Arrays.copyOf(columns, Math.max(k + 1, 2 * columns.length));
            owners = Arrays.copyOf(owners, columns.length);
        }
        Object a = columns[k];
        if (a == null) {
            a = column.allocate(capacity);
            columns[k] = a;
            owners[k] = column;
        }
        return a;
    }
}
