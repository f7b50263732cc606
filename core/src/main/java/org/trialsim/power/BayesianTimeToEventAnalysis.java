package org.trialsim.power;

import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.LogRankTest;
import org.trialsim.stats.bayes.NormalPosterior;

/**
 * The two-arm normal rule on minus the log hazard ratio ({@link BayesianRule}): the log-rank test gives the
 * signed score statistic z (positive when the treatment arm has fewer events than expected) and the one-step
 * hazard ratio {@code HR = exp((O - E) / V)}, so {@code -log HR = (E - O) / V = z / sqrt(V)} with standard
 * error {@code 1 / sqrt(V)} (the normal approximation to the log hazard ratio, Spiegelhalter, Abrams
 * and Myles 2004, section 2.4.2); then {@code P = P(-log HR > d)} under the conjugate normal model. Figures:
 * the log-rank z, the statistic P, the p-value slot {@code 1 - P}, the estimate the hazard ratio.
 */
final class BayesianTimeToEventAnalysis extends EndpointTest.TimeToEvent {

    private final BayesianRule rule;
    private final LogRankTest test = LogRankTest.withDefaults().with(Alternative.GREATER);
    private final LogRankTest.Result result = new LogRankTest.Result();

    BayesianTimeToEventAnalysis(Endpoint endpoint) {
        this.rule = endpoint.analysis().bayesian();
    }

    @Override
    void test(TimeToEventOutcomes times, int previous) {
        LogRankTest.Result r = previous < 0
                ? test.test(times.time(), times.event(), times.treatment(), null, times.size(), result)
                : test.testExtended(times.time(), times.event(), times.treatment(), null, previous, times.size(),
                        result);
        double z = r.statistic();
        double hr = r.estimate();
        double v = r.variance();
        if (!(v > 0) || !Double.isFinite(z)) {
            set(0, 1, Double.NaN, hr, false);
            return;
        }
        double p = NormalPosterior.probabilityAbove((r.expectedTreatment() - r.observedTreatment()) / v,
                1 / Math.sqrt(v), rule.priorMean(), rule.priorSd(), rule.margin());
        set(z, Double.isNaN(p) ? 1 : 1 - p, p, hr, !Double.isNaN(p));
    }
}
