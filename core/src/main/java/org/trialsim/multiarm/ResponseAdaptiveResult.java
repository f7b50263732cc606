package org.trialsim.multiarm;

/**
 * Operating characteristics of a {@link ResponseAdaptiveDesign} under one set of true rates, each with its
 * Monte Carlo standard error.
 *
 * @param label what was simulated ("as assumed", "null")
 * @param rates the true rates
 * @param replicates the number of simulated trials
 * @param patients per arm, the expected number of patients (the expected allocation)
 * @param selected per arm, the probability that it is the arm selected at the end (a futility stop selects none)
 * @param dropped per arm, the probability that it is dropped at an interim
 * @param success the probability that the trial succeeds: power, or the type I error under the null
 * @param superiorityStop the probability of stopping early for superiority
 * @param futilityStop the probability of stopping early with no arm left
 * @param total the expected total number of patients
 * @param successWith per arm, the probability that the trial succeeds with that arm selected (summed over the
 *     arms no better than the control: the familywise error of a partial or the global null)
 */
public record ResponseAdaptiveResult(String label, double[] rates, long replicates, Estimate[] patients,
        Estimate[] selected, Estimate[] dropped, Estimate success, Estimate superiorityStop, Estimate futilityStop,
        Estimate total, Estimate[] successWith) {

    /** The expected share of the patients on each arm, {@code E[n_i] / E[N]}. */
    public double[] shares() {
        double[] s = new double[patients.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = patients[i].estimate() / total.estimate();
        }
        return s;
    }
}
