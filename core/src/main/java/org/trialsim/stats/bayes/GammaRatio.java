package org.trialsim.stats.bayes;

import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.statistics.distribution.FDistribution;

/**
 * The posterior probability that one event rate is lower than another by more than a factor, for independent
 * gamma posteriors {@code lambdaT ~ Gamma(aT, bT)}, {@code lambdaC ~ Gamma(aC, bC)} (shape, rate): the two-arm
 * gamma-Poisson rule on the effect {@code -log(lambdaT / lambdaC)} (positive favours a treatment that lowers
 * the rate; Spiegelhalter, Abrams and Myles 2004, section 2.7; Gelman et al., Bayesian Data Analysis, 3rd ed.,
 * section 2.6).
 *
 * <p>Exact, no integration: {@code 2 b lambda} is chi-square with {@code 2a} degrees of freedom, so
 * {@code (lambdaT bT / aT) / (lambdaC bC / aC) ~ F(2 aT, 2 aC)} and
 * {@code P(-log(lambdaT / lambdaC) > d) = P(lambdaT / lambdaC < r) = F_{2aT, 2aC}(r bT aC / (bC aT))}, with
 * {@code r = exp(-d)}. The F distribution function is the regularized incomplete beta
 * {@code I_x(aT, aC)} at {@code x = r bT / (r bT + bC)} (Abramowitz and Stegun 26.6.2), which the
 * allocation-free form evaluates with {@link IncompleteBeta} given {@code log B(aT, aC)} (a caller tabulates the
 * log gamma functions); the other form calls commons-statistics' {@link FDistribution}. Both agree with R's
 * {@code pf} to 1e-10 (GammaRatioTest).
 */
public final class GammaRatio {

    private GammaRatio() {
    }

    /**
     * {@code P(-log(lambdaT / lambdaC) > d)} by commons-statistics' F distribution (allocates).
     *
     * @param aT the treatment posterior's shape, positive
     * @param bT its rate, positive
     * @param aC the control posterior's shape, positive
     * @param bC its rate, positive
     * @param d the margin on minus the log rate ratio, finite
     * @return the posterior probability
     */
    public static double probabilityAbove(double aT, double bT, double aC, double bC, double d) {
        return FDistribution.of(2 * aT, 2 * aC).cumulativeProbability(Math.exp(-d) * bT * aC / (bC * aT));
    }

    /**
     * {@link #probabilityAbove(double, double, double, double, double)} given {@code log B(aT, aC)}:
     * allocation-free.
     *
     * @param aT the treatment posterior's shape, positive
     * @param bT its rate, positive
     * @param aC the control posterior's shape, positive
     * @param bC its rate, positive
     * @param logBeta {@code log B(aT, aC)}
     * @param d the margin on minus the log rate ratio, finite
     * @return the posterior probability
     */
    public static double probabilityAbove(double aT, double bT, double aC, double bC, double logBeta, double d) {
        double scaled = Math.exp(-d) * bT;
        return IncompleteBeta.regularized(scaled / (scaled + bC), aT, aC, logBeta);
    }

    /**
     * {@link #probabilityAbove(double, double, double, double, double, double)} computing the log beta
     * function (allocation-free as well; for callers that do not tabulate).
     *
     * @param aT the treatment posterior's shape, positive
     * @param bT its rate, positive
     * @param aC the control posterior's shape, positive
     * @param bC its rate, positive
     * @param d the margin on minus the log rate ratio, finite
     * @return the posterior probability
     */
    public static double probabilityAboveByBeta(double aT, double bT, double aC, double bC, double d) {
        return probabilityAbove(aT, bT, aC, bC, LogBeta.value(aT, aC), d);
    }
}
