package org.trialsim.multiarm;

/**
 * The one counting shape of the multi-arm simulations ({@link MultiArmSimulation}, {@link
 * ResponseAdaptiveSimulation}): integer counters of any replicate range, the first being the number of
 * replicates, so that the counts of a partition of {@code [0, R)} summed in any order are the counts of one run
 * ({@link MultiArmStudy} lays the counters of every configuration and size end to end in one
 * {@link org.trialsim.power.StudyCounts}).
 */
interface ReplicateCounter {

    /** The counters of replicates {@code [from, to)}, on the calling thread. */
    long[] counts(long from, long to);

    /** How many counters {@link #counts} gives. */
    int counters();

    /**
     * What each counter holds, in order, with a version: recorded in shard files, so that counts laid out
     * otherwise (another trialsim) are refused rather than misread. Change it with the layout.
     */
    String layout();
}
