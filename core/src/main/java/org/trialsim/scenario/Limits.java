package org.trialsim.scenario;

import java.util.Locale;

/**
 * Every limit trialsim puts on what it is given, in one table, so that a scenario file, a command-line option
 * and the library API accept the same values and refuse them with the same words (docs/reliability.md lists
 * them). The limits are checked before anything large is read or allocated: a value outside them is refused
 * with what is allowed, never met later as an out-of-memory error or an infinite result.
 *
 * <p>Each range is stated once, here, with the phrase a message uses for it (for example {@link #gammaRange()}).
 */
public final class Limits {

    /** Largest scenario file, in bytes (256 KiB): a scenario is a few kilobytes. */
    public static final int MAX_SCENARIO_BYTES = 1 << 18;
    /**
     * Largest checkpoint file, in bytes (64 MiB): one line of counters per study, a few kilobytes for the
     * largest grids; the bound only stops a device, a FIFO or a wrong file from being read whole.
     */
    public static final int MAX_CHECKPOINT_BYTES = 1 << 26;
    /** Largest total sample size (patients) of a design, a grid point or a simulated trial. */
    public static final int MAX_SAMPLE_SIZE = 1_000_000;
    /** Most sample sizes in one design grid. */
    public static final int MAX_GRID = 1_000;
    /** Most replicates (simulated trials) of a study. */
    public static final int MAX_REPLICATES = 100_000_000;
    /** Largest cap on replicates with a precision target. */
    public static final int MAX_REPLICATE_CAP = 1_000_000_000;
    /** Most worker threads of a study (each holds a cohort and its buffers). */
    public static final int MAX_THREADS = 1024;
    /** Largest Monte Carlo standard error target (exclusive). */
    public static final double MAX_TARGET_MCSE = 0.5;
    /** Bound of a Hwang-Shih-DeCani gamma, {@code [-MAX_GAMMA, MAX_GAMMA]}: beyond it the bounds are not finite. */
    public static final double MAX_GAMMA = 40;

    /**
     * Largest size of a multi-arm selection's epsilon or threshold on a continuous endpoint, in its units (the
     * scenario's outcome values are finite below 1e15; a margin this large already keeps or drops every arm).
     */
    public static final double MAX_EFFECT = 1e12;

    /** The largest total sample size of a re-estimation, as a multiple of the planned one. */
    public static final double MAX_REESTIMATION_FACTOR = 10;
    /** Largest one-sided type I error or type II error of a group-sequential design (exclusive). */
    public static final double MAX_SEQUENTIAL_ERROR = 0.5;
    /** Most problems of an invalid input that are printed; the rest are counted. */
    public static final int MAX_PROBLEMS_SHOWN = 50;

    private Limits() {
    }

    /** What a message says is allowed for a Hwang-Shih-DeCani gamma. */
    public static String gammaRange() {
        return "a Hwang-Shih-DeCani gamma in [" + fmt(-MAX_GAMMA) + ", " + fmt(MAX_GAMMA) + "]";
    }

    /** What a message says is allowed for a total sample size. */
    public static String sampleSizeRange() {
        return "a positive integer total sample size (at most " + MAX_SAMPLE_SIZE + ")";
    }

    /** What a message says is allowed for a number of replicates. */
    public static String replicatesRange() {
        return "a number of replicates in [1, " + MAX_REPLICATES + "]";
    }

    /** What a message says is allowed for a cap on replicates. */
    public static String replicateCapRange() {
        return "a cap on replicates in [1, " + MAX_REPLICATE_CAP + "]";
    }

    /** What a message says is allowed for the total beta of beta spending. */
    public static String betaRange() {
        return "a total beta in (0, " + fmt(MAX_SEQUENTIAL_ERROR) + ")";
    }

    /** Whether {@code gamma} is a Hwang-Shih-DeCani gamma trialsim accepts. */
    public static boolean gammaAllowed(double gamma) {
        return gamma >= -MAX_GAMMA && gamma <= MAX_GAMMA;
    }

    /** Whether {@code n} is a total sample size trialsim accepts. */
    public static boolean sampleSizeAllowed(long n) {
        return n >= 1 && n <= MAX_SAMPLE_SIZE;
    }

    /** Whether {@code r} is a number of replicates trialsim accepts. */
    public static boolean replicatesAllowed(long r) {
        return r >= 1 && r <= MAX_REPLICATES;
    }

    /** Whether {@code r} is a cap on replicates trialsim accepts. */
    public static boolean replicateCapAllowed(long r) {
        return r >= 1 && r <= MAX_REPLICATE_CAP;
    }

    /** Whether {@code x} is a Monte Carlo standard error target trialsim accepts (above 0). */
    public static boolean targetMcseAllowed(double x) {
        return x > 0 && x < MAX_TARGET_MCSE;
    }

    /** A size in bytes as a person reads it: {@code 262,144 bytes (256 KiB)}. */
    public static String bytes(long n) {
        String exact = String.format(Locale.ROOT, "%,d bytes", n);
        if (n >= 1L << 30) {
            return exact + String.format(Locale.ROOT, " (%.1f GiB)", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return exact + String.format(Locale.ROOT, " (%.1f MiB)", n / (double) (1L << 20));
        }
        return n >= 1L << 10 ? exact + String.format(Locale.ROOT, " (%.0f KiB)", n / 1024.0) : exact;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
