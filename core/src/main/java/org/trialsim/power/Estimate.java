package org.trialsim.power;

/**
 * A Monte Carlo estimate of an operating characteristic with its error: the estimate, its Monte Carlo
 * standard error and a 95% interval (Wilson's score interval for proportions: Wilson EB. J Am Stat Assoc
 * 1927;22:209-212; a normal interval for means such as the expected sample size).
 *
 * @param estimate the point estimate
 * @param mcSe the Monte Carlo standard error
 * @param ciLower lower end of the 95% Monte Carlo interval
 * @param ciUpper upper end of the 95% Monte Carlo interval
 * @param replicates the number of simulated trials it rests on
 */
public record Estimate(double estimate, double mcSe, double ciLower, double ciUpper, long replicates) {
}
