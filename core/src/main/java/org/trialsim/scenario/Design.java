package org.trialsim.scenario;

import java.util.List;

/**
 * The frame of the trial: which total sample sizes to study, the significance level and sidedness, and how
 * patients are randomized to arms.
 *
 * @param sampleSizes total sample sizes to study, strictly increasing; each must split across arms exactly
 *     as allocated (a multiple of the randomization block)
 * @param alpha significance level (one-sided alpha for one-sided tests, total alpha for two-sided)
 * @param sidedness one- or two-sided testing
 * @param randomization how the allocation sequence is drawn
 */
public record Design(List<Integer> sampleSizes, double alpha, Sidedness sidedness, Randomization randomization) {

    public Design {
        sampleSizes = List.copyOf(sampleSizes);
    }

    /** One- or two-sided hypothesis tests. */
    public enum Sidedness { ONE_SIDED, TWO_SIDED }
}
