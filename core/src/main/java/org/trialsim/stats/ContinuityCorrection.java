package org.trialsim.stats;

/**
 * Whether a test of counts corrects its normal approximation for continuity (commons-statistics'
 * {@code ContinuityCorrection}): Yates' correction for the two-by-two chi-square, R's {@code 1/2} for
 * Cochran-Mantel-Haenszel. See each test for the exact rule.
 */
public enum ContinuityCorrection {
    /** No correction (the default). */
    DISABLED,
    /** The test's continuity correction. */
    ENABLED
}
