package org.trialsim.stats.bayes;

import org.apache.commons.numbers.gamma.Erfc;

/**
 * The conjugate normal rule for an effect estimated with a normal likelihood: a continuous endpoint's mean
 * difference, or a log hazard ratio (Spiegelhalter DJ, Abrams KR, Myles JP. Bayesian Approaches to Clinical
 * Trials and Health-Care Evaluation. Wiley 2004, section 2.7 and 3.6). With prior {@code theta ~ N(m0, s0^2)}
 * and estimate {@code theta_hat ~ N(theta, se^2)}, the posterior is normal with precision
 * {@code 1/s0^2 + 1/se^2} and mean the precision-weighted average, and {@code P(theta > d) = Phi((mean - d) /
 * sd)}. A prior standard deviation of {@code +Infinity} is flat: the posterior is {@code N(theta_hat, se^2)}.
 * The prior's effective sample size, in units of one patient's variance {@code sigma^2}, is
 * {@code sigma^2 / s0^2} (Morita, Thall and Müller, Biometrics 2008).
 */
public final class NormalPosterior {

    private NormalPosterior() {
    }

    /**
     * {@code P(theta > d | data)}.
     *
     * @param estimate the effect estimate, oriented so that larger favours treatment
     * @param se its standard error, positive
     * @param priorMean the prior mean
     * @param priorSd the prior standard deviation, positive ({@code +Infinity}: flat)
     * @param d the threshold
     * @return the posterior probability; NaN when se is not positive and finite
     */
    public static double probabilityAbove(double estimate, double se, double priorMean, double priorSd, double d) {
        if (!(se > 0 && se < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double dataPrecision = 1 / (se * se);
        double priorPrecision = priorSd == Double.POSITIVE_INFINITY ? 0 : 1 / (priorSd * priorSd);
        double precision = dataPrecision + priorPrecision;
        double mean = (estimate * dataPrecision + priorMean * priorPrecision) / precision;
        double z = (mean - d) * Math.sqrt(precision);
        return 0.5 * Erfc.value(-z / Math.sqrt(2));
    }
}
