package org.trialsim.scenario;

/**
 * How patients are allocated to arms.
 *
 * <p>{@link Method#BLOCKS}: permuted blocks whose size is a multiple of the sum of the allocation ratios, so
 * the sequence is exactly balanced at the end of every block and therefore at every sample size of the
 * design grid (each of which is a multiple of the block size). {@link Method#SIMPLE}: each patient drawn
 * independently with the allocation probabilities. Reference: Rosenberger WF, Lachin JM. Randomization in
 * Clinical Trials, 2nd ed. Wiley 2016, chapters 3 and 7.
 *
 * @param method permuted blocks or simple randomization
 * @param blockSize block size in patients (a multiple of the allocation-ratio sum)
 * @param stratified whether a separate block sequence runs within each stratum
 */
public record Randomization(Method method, int blockSize, boolean stratified) {

    /** Allocation method. */
    public enum Method { BLOCKS, SIMPLE }
}
