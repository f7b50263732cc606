package org.trialsim.power;

import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.DataDispersion;
import org.trialsim.stats.TestResult;
import org.trialsim.stats.TwoSampleTTest;
import org.trialsim.stats.bayes.NormalPosterior;

/**
 * The two-arm normal rule on a continuous endpoint ({@link BayesianRule}): the effect is the difference in
 * means in the favourable direction (control minus treatment where lower is better), estimated with Welch's
 * standard error ({@code se = |difference / t|}, so {@code t} and the estimate are Welch's test's), and
 * {@code P = P(effect > d)} under the conjugate normal model ({@link NormalPosterior}). Figures: z is Welch's
 * signed t, the statistic is P, the p-value slot {@code 1 - P}, the estimate the mean difference.
 */
final class BayesianContinuousAnalysis extends EndpointTest.Continuous {

    private final BayesianRule rule;
    private final TwoSampleTTest test;
    private final TwoSampleTTest.Result result = new TwoSampleTTest.Result();

    BayesianContinuousAnalysis(Endpoint endpoint, Alternative alternative) {
        super(endpoint, alternative);
        this.rule = endpoint.analysis().bayesian();
        this.test = TwoSampleTTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).with(direction());
    }

    @Override
    TestResult test(ContinuousOutcomes scores) {
        return test.test(scores.value(), scores.treatment(), scores.size(), result);
    }

    @Override
    void after() {
        double t = result.statistic();
        double difference = result.estimate();
        if (!result.defined() || !(Double.isFinite(t) && t != 0)) {
            set(z(), 1, Double.NaN, difference, false);
            return;
        }
        double se = Math.abs(difference / t);
        double effect = lowerIsBetter() ? -difference : difference;
        double p = NormalPosterior.probabilityAbove(effect, se, rule.priorMean(), rule.priorSd(), rule.margin());
        set(z(), Double.isNaN(p) ? 1 : 1 - p, p, difference, !Double.isNaN(p));
    }
}
