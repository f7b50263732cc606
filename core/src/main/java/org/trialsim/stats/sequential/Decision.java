package org.trialsim.stats.sequential;

/**
 * What a group-sequential trial does at one look, given its standardized statistic.
 */
public enum Decision {
    /** The statistic reached the efficacy bound: reject the null hypothesis and stop. */
    REJECT,
    /**
     * Stop without rejecting: the statistic reached the futility bound at an interim look, or the final
     * look ended below the efficacy bound.
     */
    FUTILITY,
    /** Go on to the next look. */
    CONTINUE
}
