package org.trialsim.scenario;

/**
 * Default Monte Carlo settings of a scenario, which the command line may override.
 *
 * @param replicates number of simulated trials
 * @param seed master seed; every replicate's stream derives from (seed, replicate index) alone
 * @param targetMcse if positive, run in deterministic batches until every reported power has a Monte Carlo
 *     standard error at or below this, up to {@code maxReplicates}; {@code NaN} or 0 for a fixed number
 * @param maxReplicates the cap when running to a precision target
 */
public record Simulation(int replicates, long seed, double targetMcse, int maxReplicates) {
}
