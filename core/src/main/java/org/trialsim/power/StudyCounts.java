package org.trialsim.power;

/**
 * The raw counts of a study before they are turned into estimates: under the scenario as given and, if it
 * was run, under its null version; with the number of replicates and whether the study was cancelled.
 *
 * @param alternative counts under the scenario as given
 * @param nullHypothesis counts under {@link NullScenario}, or {@code null}
 * @param replicates replicates completed (the same for both)
 * @param partial whether the study was cancelled before completing
 */
public record StudyCounts(OperatingCounts alternative, OperatingCounts nullHypothesis, long replicates,
        boolean partial) {
}
