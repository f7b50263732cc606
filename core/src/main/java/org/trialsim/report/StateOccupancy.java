package org.trialsim.report;

/**
 * The share of one arm's patients in each clinical state over time, from the latent trajectories of one
 * simulated trial (before dropout and administrative censoring, so it shows what the scenario assumes
 * happens to patients rather than what a trial observes). The states are not exclusive: a benzodiazepine user
 * can be responding and benzodiazepine-free at once.
 *
 * @param arm the arm's name
 * @param weeks the time grid, weeks from randomization
 * @param responding share of the arm's patients who responded at the end of induction and have not relapsed
 * @param relapsed share of the arm's patients who have had a depressive relapse
 * @param benzodiazepineFree share of the arm's long-term benzodiazepine users who discontinued and are not
 *     back on benzodiazepines ({@code NaN} where the arm has no users)
 * @param patients the arm's patients
 * @param benzodiazepineUsers the arm's long-term benzodiazepine users
 */
public record StateOccupancy(String arm, double[] weeks, double[] responding, double[] relapsed,
        double[] benzodiazepineFree, int patients, int benzodiazepineUsers) {
}
