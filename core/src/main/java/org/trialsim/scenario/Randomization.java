package org.trialsim.scenario;

/**
 * How patients are allocated to arms.
 *
 * <p>{@link Method#BLOCKS}: permuted blocks whose size is a multiple of the sum of the allocation ratios, so
 * the sequence is exactly balanced at the end of every block and therefore at every sample size of the
 * design grid (each of which is a multiple of the block size). {@link Method#SIMPLE}: each patient drawn
 * independently with the allocation probabilities. Reference: Rosenberger WF, Lachin JM. Randomization in
 * Clinical Trials, 2nd ed. Wiley 2016, chapters 3 and 7. {@link Method#ALTERNATING}: no randomization at all,
 * the deterministic sequence rpact's simulations use, so that their trials can be matched patient for patient:
 * for 1:1, patients 1, 3, 5, ... on the experimental arm and 2, 4, 6, ... on the control; for other ratios,
 * reduced to lowest terms, a repeating cycle in which the arms take turns (control last) until each has its
 * share, as rpact's getSimulationSurvival with {@code allocation1} and {@code allocation2} (2:1 repeats
 * treatment, control, treatment).
 *
 * @param method permuted blocks, simple randomization or alternating allocation
 * @param blockSize block size in patients (a multiple of the allocation-ratio sum); with the other methods the
 *     allocation-ratio sum, unused by the sampler
 * @param stratified whether a separate block sequence (or alternating cycle) runs within each stratum
 */
public record Randomization(Method method, int blockSize, boolean stratified) {

    /** Allocation method. */
    public enum Method { BLOCKS, SIMPLE, ALTERNATING }
}
