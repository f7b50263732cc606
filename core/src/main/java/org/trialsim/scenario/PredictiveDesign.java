package org.trialsim.scenario;

/**
 * A single-arm phase II design with predictive-probability monitoring (Lee JJ, Liu DD. A predictive
 * probability design for phase II cancer clinical trials. Clin Trials 2008;5:93-106): prior
 * {@code Beta(priorA, priorB)} on the response rate; at the end, success if {@code P(p > p0 | data) > thetaT};
 * at each look from {@code firstLook} patients, every {@code every} patients, stop for futility if the
 * predictive probability of that success is below {@code thetaL} and for efficacy if above {@code thetaU}.
 *
 * @param nMax the maximum number of patients (the design's one sample size)
 * @param priorA the prior's first shape, positive
 * @param priorB the prior's second shape, positive
 * @param thetaT the posterior threshold at the end, in (0, 1); {@code NaN} when calibrated to {@code alpha}
 * @param alpha the type I error thetaT is calibrated to (exactly, the smallest thetaT meeting it), in (0, 1);
 *     {@code NaN} when thetaT is given
 * @param thetaL the futility threshold on the predictive probability, in [0, 1)
 * @param thetaU the efficacy threshold on the predictive probability, in (thetaL, 1]; 1 never stops for
 *     efficacy
 * @param firstLook the number of patients at the first look, in [1, nMax]
 * @param every the number of patients between looks, at least 1 (1: continuous monitoring)
 */
public record PredictiveDesign(int nMax, double priorA, double priorB, double thetaT, double alpha, double thetaL,
        double thetaU, int firstLook, int every) {

    /** Whether thetaT is calibrated to a type I error rather than given. */
    public boolean calibrated() {
        return Double.isNaN(thetaT);
    }
}
