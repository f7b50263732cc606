package org.trialsim.power;

/**
 * What is needed to reproduce a result to the bit, recorded in every result file: only raw generator
 * output is stable across commons-rng releases, so the generator and its library version are recorded
 * beside the seed.
 *
 * @param trialsimVersion the trialsim version that produced the result
 * @param generator the commons-rng {@code RandomSource} name of the generator
 * @param commonsRngVersion the commons-rng version
 * @param seed the master seed
 * @param scenarioHash SHA-256 of the scenario's canonical form, hex
 * @param replicates the number of replicates completed
 * @param partial whether the study was cancelled before completing
 * @param model the trial model that drew the replicates ({@link TrialModel#name()}, for example
 *        {@code patient-level} or {@code count-level}): models draw different streams, so the same seed
 *        reproduces a figure to the bit only under the same model
 * @param streamLayout how each replicate's random streams are derived from the seed
 *        ({@link org.trialsim.random.ReplicateStreams#LAYOUT}): the same generator and seed reproduce a figure
 *        to the bit only under the same layout, which checkpoints record for the same reason
 * @param nullReplicates the replicates on which the null scenario ran, giving the type I errors: the first
 *        {@code nullReplicates} of them ({@link PowerStudy#nullReplicates(int)}), 0 if it did not run
 */
public record Provenance(String trialsimVersion, String generator, String commonsRngVersion, long seed,
        String scenarioHash, long replicates, boolean partial, String model, String streamLayout,
        long nullReplicates) {

    /** A provenance whose null scenario ran on every replicate, the only choice before it could be limited. */
    public Provenance(String trialsimVersion, String generator, String commonsRngVersion, long seed,
            String scenarioHash, long replicates, boolean partial, String model, String streamLayout) {
        this(trialsimVersion, generator, commonsRngVersion, seed, scenarioHash, replicates, partial, model,
                streamLayout, replicates);
    }
}
