package org.trialsim.power;

import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Endpoint;
import org.apache.commons.numbers.gamma.LogGamma;
import org.trialsim.stats.bayes.BetaDifference;

/**
 * The two-arm beta-binomial rule ({@link BayesianRule}): the posterior probability {@code P = P(pT - pC > d)}
 * with independent beta priors updated by each arm's responders ({@link BetaDifference}). Its figures: the
 * statistic is P, the p-value slot holds {@code 1 - P} (so that replays and tables show a small number for a
 * convincing result; decisions read P, the statistic), the estimate is the observed risk
 * difference and {@code z} its Wald statistic (zero when undefined). Informative when both arms have patients.
 */
final class BayesianBinaryAnalysis extends EndpointTest.Binary {

    private final BayesianRule rule;
    /**
     * log Gamma of each prior shape plus k (treatment a, b, a + b; control a, b, a + b), k = 0.. the largest
     * count seen: the posteriors' log beta functions are sums of these, so the rule's integral runs without
     * calling (and allocating in) commons-numbers per trial. Grown on demand, rarely.
     */
    private double[][] logGamma = new double[6][0];

    BayesianBinaryAnalysis(Endpoint endpoint) {
        this.rule = endpoint.analysis().bayesian();
    }

    /** {@code log B(a0 + x, b0 + n - x)} of arm {@code arm} (0 treatment, 1 control). */
    private double logBeta(int arm, int x, int n) {
        if (n >= logGamma[0].length) {
            grow(n + 1);
        }
        double[] a = logGamma[3 * arm];
        double[] b = logGamma[3 * arm + 1];
        double[] ab = logGamma[3 * arm + 2];
        return a[x] + b[n - x] - ab[n];
    }

    private void grow(int size) {
        int length = Math.max(size, 2 * logGamma[0].length);
        double[] shapes = {rule.treatmentA(), rule.treatmentB(), rule.treatmentA() + rule.treatmentB(),
            rule.controlA(), rule.controlB(), rule.controlA() + rule.controlB()};
        double[][] table = new double[6][length];
        for (int j = 0; j < 6; j++) {
            for (int k = 0; k < length; k++) {
                table[j][k] = LogGamma.value(shapes[j] + k);
            }
        }
        logGamma = table;
    }

    @Override
    void test(BinaryOutcomes counts) {
        int xT = counts.events(1);
        int nT = counts.total(1);
        int xC = counts.events(0);
        int nC = counts.total(0);
        if (nT == 0 || nC == 0) {
            set(0, 1, Double.NaN, Double.NaN, false);
            return;
        }
        double p = BetaDifference.probabilityAbove(rule.treatmentA() + xT, rule.treatmentB() + nT - xT,
                logBeta(0, xT, nT), rule.controlA() + xC, rule.controlB() + nC - xC, logBeta(1, xC, nC),
                rule.margin());
        double pT = (double) xT / nT;
        double pC = (double) xC / nC;
        double var = pT * (1 - pT) / nT + pC * (1 - pC) / nC;
        set(var > 0 ? (pT - pC) / Math.sqrt(var) : 0, 1 - p, p, pT - pC, true);
    }
}
