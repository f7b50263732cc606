package org.trialsim.power;

/**
 * The smallest total sample size that reaches a target for a measure, with its Monte Carlo uncertainty.
 *
 * @param measure the measure searched, for example {@code power:response}
 * @param target the target value, for example 0.8
 * @param reached whether the fitted curve reaches the target within the searched sizes
 * @param nTotal the smallest allowed total sample size (a multiple of the step) at or above {@code nExact};
 *     -1 if not reached
 * @param nExact the crossing of the fitted curve, interpolated between grid points
 * @param nLower the crossing of the curve of upper 95% Wilson bounds: below it the target is excluded;
 *     -1 if that curve never reaches the target
 * @param nUpper the crossing of the curve of lower 95% Wilson bounds: above it the target is reached with
 *     confidence; -1 if that curve never reaches the target within the searched sizes
 * @param replicates replicates behind the curve
 * @param partial whether the study behind the curve was cancelled (the figures rest on the whole batches
 *     completed)
 * @param provenance what reproduces the curve to the bit (seed, generator, versions, scenario hash, model, stream
 *     layout), as a {@code run} result records it; {@code null} from {@link SampleSizeSearch#locate}, which sees
 *     counts only
 * @param largestSize the largest size searched
 * @param largestPower the measure's estimate at the largest size searched: the power reached, which is what a
 *     planner needs when the target is not reached
 */
public record SampleSize(String measure, double target, boolean reached, int nTotal, double nExact, double nLower,
        double nUpper, long replicates, boolean partial, Provenance provenance, int largestSize,
        Estimate largestPower) {
}
