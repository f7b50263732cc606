package org.trialsim.cohort;

import org.trialsim.random.ReplicateRandom;

/**
 * One patient process compiled for one scenario: draws it for patients 0 to n - 1 of a cohort, in patient
 * order, from the process's own stream (positioned at its start for the replicate). Immutable and shared by
 * every thread; the per-thread state is the cohort and the generator.
 *
 * <p>The contract that keeps cohorts nested and sweeps on common random numbers ({@link CohortSampler}): which
 * variates patient i draws depends on the scenario's structure and on patient i's arm and stratum only, never on
 * parameter values, on n, or on later patients; a patient to whom the process does not apply gets the columns'
 * defaults. A sampler allocates nothing per patient or per replicate.
 */
public interface ProcessSampler {

    /**
     * Writes the process's columns of patients 0 to n - 1.
     *
     * @param rng the process's stream, positioned at the start of the replicate's stream
     * @param variates uniform, exponential and Gaussian variates bound to {@code rng}
     */
    void sample(Cohort cohort, int n, ReplicateRandom rng, Variates variates);
}
