package org.trialsim.stats;

/**
 * The alternative hypothesis of a test. For two-arm comparisons {@link #GREATER} means the treatment arm
 * does better (a higher rate or mean, or fewer events in time-to-event tests, i.e. hazard ratio below 1).
 */
public enum Alternative { TWO_SIDED, GREATER, LESS }
