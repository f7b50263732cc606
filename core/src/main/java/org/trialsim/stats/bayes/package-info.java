/**
 * Bayesian decision rules for conjugate models, computed in closed form or as integer boundaries once per
 * design, so that the per-trial decision is a table look-up.
 *
 * <ul>
 * <li>{@link org.trialsim.stats.bayes.BetaPrior}: a beta prior on a response rate, with its effective sample
 * size;</li>
 * <li>{@link org.trialsim.stats.bayes.BetaBinomial}: the posterior probability that a response rate exceeds
 * p0 and the beta-binomial predictive distribution of future responses;</li>
 * <li>{@link org.trialsim.stats.bayes.PredictiveProbabilityDesign}: the single-arm phase II design of Lee and
 * Liu (Clinical Trials 2008;5:93-106) with predictive-probability monitoring, its stopping boundaries and its
 * exact operating characteristics, and the calibration of its threshold to a type I error;</li>
 * <li>{@link org.trialsim.stats.bayes.BetaDifference}, {@link org.trialsim.stats.bayes.NormalPosterior} and
 * {@link org.trialsim.stats.bayes.GammaRatio} (with {@link org.trialsim.stats.bayes.GammaPrior}): the two-arm
 * posterior probabilities that the effect exceeds a margin, for a difference in response rates (beta-binomial),
 * an effect with a normal likelihood, and minus the log ratio of two event rates (gamma-Poisson).</li>
 * </ul>
 * Imports nothing of trialsim outside {@code org.trialsim.stats}.
 */
package org.trialsim.stats.bayes;
