package org.trialsim.multiarm;

import java.util.List;

/**
 * Operating characteristics of one multi-arm selection design under one set of true values, each with its
 * Monte Carlo standard error.
 *
 * @param label what was simulated (for example "as assumed", "global null")
 * @param values the treatment arms' true values
 * @param replicates the number of simulated trials
 * @param selected per stage after the first, per arm: the probability that the trial reaches the stage with
 *     the arm in it ({@code selected.get(0)} is stage 2)
 * @param rejected per arm: the probability that its hypothesis is rejected
 * @param anyRejected the probability that some hypothesis is rejected (power, or the familywise error under
 *     the global null)
 * @param familywiseError the probability that some true null hypothesis (an arm no better than the control) is
 *     rejected; NaN when every arm is better than the control
 * @param successStop per stage, the probability of stopping there for success
 * @param futilityStop per interim, the probability of stopping there for futility
 * @param patients per arm and the control last, the expected number of patients
 * @param total the expected total number of patients
 */
public record MultiArmResult(String label, double[] values, long replicates, List<Estimate[]> selected,
        Estimate[] rejected, Estimate anyRejected, Estimate familywiseError, Estimate[] successStop,
        Estimate[] futilityStop, Estimate[] patients, Estimate total) {
}
