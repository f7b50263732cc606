package org.trialsim.scenario;

/**
 * A two-arm Bayesian decision rule on the treatment effect: success when the posterior probability that the
 * effect exceeds {@code margin} is above {@code success}, and (at an interim look) futility when it is below
 * {@code futility}. The effect is oriented so that positive favours treatment: the difference in response
 * rates (treatment minus control) for binary endpoints, with independent beta priors per arm (beta-binomial
 * model); the difference in means in the favourable direction for continuous endpoints, and minus the log
 * hazard ratio for time-to-event endpoints, with a normal prior on the effect and a normal likelihood
 * (Spiegelhalter, Abrams and Myles, Bayesian Approaches to Clinical Trials and Health-Care Evaluation, 2004);
 * minus the log ratio of the event rates (events over person-time) for the gamma-Poisson rule on a
 * time-to-event endpoint, with independent gamma priors per arm (the same four fields as the beta priors:
 * shape a and rate b, per week).
 *
 * @param margin the effect threshold d
 * @param success the posterior probability c above which the trial succeeds, in (0, 1)
 * @param futility the posterior probability below which an interim look stops for futility, in [0, success);
 *     0 never stops
 * @param treatmentA the treatment arm's beta prior first shape (binary), or its gamma prior's shape (event
 *     rate); NaN otherwise
 * @param treatmentB its second shape (binary), or its gamma prior's rate per week (event rate)
 * @param controlA the control arm's beta prior first shape (binary), or its gamma prior's shape (event rate);
 *     NaN otherwise
 * @param controlB its second shape (binary), or its gamma prior's rate per week (event rate)
 * @param priorMean the normal prior's mean on the effect (continuous and time to event; NaN for the rules with
 *     a prior per arm)
 * @param priorSd the normal prior's standard deviation ({@code +Infinity}: flat; NaN for the rules with a prior
 *     per arm)
 */
public record BayesianRule(double margin, double success, double futility, double treatmentA, double treatmentB,
        double controlA, double controlB, double priorMean, double priorSd) {
}
