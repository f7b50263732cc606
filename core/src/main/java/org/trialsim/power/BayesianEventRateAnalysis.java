package org.trialsim.power;

import org.apache.commons.numbers.gamma.LogGamma;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.bayes.GammaRatio;

/**
 * The two-arm gamma-Poisson rule on a time-to-event endpoint ({@link BayesianRule}): each arm's events D and
 * exposure E (the sum of the observed times, event or censoring, weeks from the endpoint's origin: the
 * person-time at risk of the data the log-rank tests analyse, after dropout, follow-up and the data cutoff),
 * the arm's event rate with a gamma prior {@code Gamma(a, b)} updated to {@code Gamma(a + D, b + E)} (the
 * exponential or piecewise-constant hazard likelihood is proportional to {@code lambda^D exp(-lambda E)}; Gelman
 * et al., Bayesian Data Analysis, 3rd ed., section 2.6), and {@code P = P(-log(lambdaT / lambdaC) > d)}
 * exactly ({@link GammaRatio}). Figures: the statistic is P, the p-value slot {@code 1 - P} (decisions read
 * P), the estimate the observed rate ratio {@code (D_T / E_T) / (D_C / E_C)} (NaN without control events or
 * without exposure), and z the Wald statistic of minus the log rate ratio, {@code log(rate_C / rate_T) /
 * sqrt(1/D_T + 1/D_C)} (0 when an arm has no events). Informative when both arms have patients.
 *
 * <p>Allocation-free: on a nested grid the sums are extended by the new rows (in row order, so bit-identical
 * to a sum from scratch), and the posteriors' log beta function is a sum of tabulated log gamma functions.
 */
final class BayesianEventRateAnalysis extends EndpointTest.TimeToEvent {

    private final BayesianRule rule;
    /** Events, exposure and patients per group (0 control, 1 treatment) over the rows summed so far. */
    private final int[] events = new int[2];
    private final double[] exposure = new double[2];
    private final int[] patients = new int[2];
    /**
     * log Gamma of {@code aT + k}, {@code aC + k} and {@code aT + aC + k}, k = 0.. the largest count seen:
     * {@code log B(aT + D_T, aC + D_C)} is a sum of these. Grown on demand, rarely.
     */
    private double[][] logGamma = new double[3][0];

    BayesianEventRateAnalysis(Endpoint endpoint) {
        this.rule = endpoint.analysis().bayesian();
    }

    @Override
    void test(TimeToEventOutcomes times, int previous) {
        int from = previous < 0 ? 0 : previous;
        if (from == 0) {
            events[0] = events[1] = 0;
            patients[0] = patients[1] = 0;
            exposure[0] = exposure[1] = 0;
        }
        double[] time = times.time();
        boolean[] event = times.event();
        int[] group = times.group();
        for (int i = from; i < times.size(); i++) {
            int g = group[i];
            exposure[g] += time[i];
            events[g] += event[i] ? 1 : 0;
            patients[g]++;
        }
        if (patients[0] == 0 || patients[1] == 0) {
            set(0, 1, Double.NaN, Double.NaN, false);
            return;
        }
        int dT = events[1];
        int dC = events[0];
        double eT = exposure[1];
        double eC = exposure[0];
        if (dT + dC >= logGamma[2].length) {
            grow(dT + dC + 1);
        }
        double logBeta = logGamma[0][dT] + logGamma[1][dC] - logGamma[2][dT + dC];
        double p = GammaRatio.probabilityAbove(rule.treatmentA() + dT, rule.treatmentB() + eT, rule.controlA() + dC,
                rule.controlB() + eC, logBeta, rule.margin());
        double ratio = dC > 0 && eT > 0 && eC > 0 ? (dT / eT) / (dC / eC) : Double.NaN;
        double z = dT > 0 && dC > 0 ? -Math.log(ratio) / Math.sqrt(1.0 / dT + 1.0 / dC) : 0;
        set(z, 1 - p, p, ratio, true);
    }

    private void grow(int size) {
        int length = Math.max(size, 2 * logGamma[2].length);
        double[] shapes = {rule.treatmentA(), rule.controlA(), rule.treatmentA() + rule.controlA()};
        double[][] table = new double[3][length];
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < length; k++) {
                table[j][k] = LogGamma.value(shapes[j] + k);
            }
        }
        logGamma = table;
    }
}
