package org.trialsim.stats;

/**
 * How a two-sample test of means treats the variances of the arms (commons-statistics'
 * {@code DataDispersion}).
 */
public enum DataDispersion {
    /** Equal variances: Student's pooled-variance test. */
    HOMOSCEDASTIC,
    /** Unequal variances: Welch's test with Satterthwaite's degrees of freedom (the default, as in R). */
    HETEROSCEDASTIC
}
