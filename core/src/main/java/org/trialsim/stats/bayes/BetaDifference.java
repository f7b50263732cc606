package org.trialsim.stats.bayes;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.numbers.gamma.LogBeta;

/**
 * The posterior probability that one response rate exceeds another by more than {@code d}, for independent
 * beta posteriors {@code pT ~ Beta(aT, bT)}, {@code pC ~ Beta(aC, bC)}: the two-arm beta-binomial rule
 * (for example Thall PF, Simon R. Practical Bayesian guidelines for phase IIB clinical trials. Biometrics
 * 1994;50:337-349, and the binary rules of adaptr, Granholm et al. J Clin Epidemiol 2022).
 *
 * <p>{@code P(pT - pC > d) = F_C(-d) + integral over q in [max(0, -d), min(1, 1 - d)] of f_C(q) S_T(q + d)},
 * where F_C and f_C are the control's distribution and density and S_T the treatment's survival function
 * (the first term, the control mass where {@code pT > q + d} is certain, is exact). The integral runs over
 * the control's effective support (its mean plus or minus 14 standard deviations, cut to that interval) with
 * the change of variable {@code q = lo + (hi - lo)(1 - cos(pi v)) / 2}, whose Jacobian vanishes like
 * {@code sqrt} at both ends and so absorbs the density's integrable singularities of shapes at or above 1/2,
 * then 12 panels of 16-point Gauss-Legendre: 192 evaluations, no allocation, agreement with R's adaptive
 * {@code integrate()} to 1e-9 (BetaDifferenceTest).
 */
public final class BetaDifference {

    private static final int PANELS = 12;
    private static final double[] NODES;
    private static final double[] WEIGHTS;

    static {
        GaussIntegrator g = new GaussIntegratorFactory().legendreHighPrecision(16, -1, 1);
        NODES = new double[g.getNumberOfPoints()];
        WEIGHTS = new double[NODES.length];
        for (int i = 0; i < NODES.length; i++) {
            NODES[i] = g.getPoint(i);
            WEIGHTS[i] = g.getWeight(i);
        }
    }

    private BetaDifference() {
    }

    /**
     * {@code P(pT - pC > d)} for independent {@code pT ~ Beta(aT, bT)} and {@code pC ~ Beta(aC, bC)}.
     *
     * @param aT the treatment posterior's first shape, at least 1/2
     * @param bT its second shape, at least 1/2
     * @param aC the control posterior's first shape, at least 1/2
     * @param bC its second shape, at least 1/2
     * @param d the margin, in (-1, 1)
     * @return the posterior probability
     */
    public static double probabilityAbove(double aT, double bT, double aC, double bC, double d) {
        return probabilityAbove(aT, bT, LogBeta.value(aT, bT), aC, bC, LogBeta.value(aC, bC), d);
    }

    /**
     * {@link #probabilityAbove(double, double, double, double, double)} given the two log beta functions
     * (which a caller tabulates once): allocation-free.
     *
     * @param aT the treatment posterior's first shape, at least 1/2
     * @param bT its second shape, at least 1/2
     * @param logBetaT {@code log B(aT, bT)}
     * @param aC the control posterior's first shape, at least 1/2
     * @param bC its second shape, at least 1/2
     * @param logBetaC {@code log B(aC, bC)}
     * @param d the margin, in (-1, 1)
     * @return the posterior probability
     */
    public static double probabilityAbove(double aT, double bT, double logBetaT, double aC, double bC,
            double logBetaC, double d) {
        double certain = d < 0 ? IncompleteBeta.regularized(-d, aC, bC, logBetaC) : 0;
        double mean = aC / (aC + bC);
        double sd = Math.sqrt(aC * bC / ((aC + bC) * (aC + bC) * (aC + bC + 1)));
        double lo = Math.max(Math.max(0, -d), mean - 14 * sd);
        double hi = Math.min(Math.min(1, 1 - d), mean + 14 * sd);
        if (!(hi > lo)) {
            return Math.min(1, certain);
        }
        double half = (hi - lo) / 2;
        double panel = 1.0 / PANELS;
        double sum = 0;
        for (int p = 0; p < PANELS; p++) {
            double centre = (p + 0.5) * panel;
            for (int i = 0; i < NODES.length; i++) {
                double v = centre + NODES[i] * panel / 2;
                double q = lo + half * (1 - Math.cos(Math.PI * v));
                double jacobian = half * Math.PI * Math.sin(Math.PI * v);
                double t = q + d;
                double survival = t <= 0 ? 1 : t >= 1 ? 0 : IncompleteBeta.complement(t, aT, bT, logBetaT);
                sum += WEIGHTS[i] * panel / 2 * jacobian * IncompleteBeta.density(q, aC, bC, logBetaC) * survival;
            }
        }
        return Math.max(0, Math.min(1, certain + sum));
    }
}
