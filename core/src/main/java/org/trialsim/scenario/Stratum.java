package org.trialsim.scenario;

/**
 * A patient stratum, for example long-term benzodiazepine users (about 44% of ketamine TRD cohorts:
 * Andrashko et al. 2020; Feeney et al. 2023).
 *
 * @param name stratum name, unique within the scenario
 * @param prevalence probability that a patient belongs to this stratum; prevalences sum to 1
 * @param benzodiazepineUser whether patients of this stratum are long-term benzodiazepine users, for whom
 *     the benzodiazepine discontinuation and relapse process is simulated
 */
public record Stratum(String name, double prevalence, boolean benzodiazepineUser) {
}
