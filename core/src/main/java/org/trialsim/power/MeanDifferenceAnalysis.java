package org.trialsim.power;

import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.DataDispersion;
import org.trialsim.stats.TestResult;
import org.trialsim.stats.TwoSampleTTest;

/** The two-sample t-test of the scores, Student's pooled or Welch's ({@link TwoSampleTTest}). */
final class MeanDifferenceAnalysis extends EndpointTest.Continuous {

    private final TwoSampleTTest test;
    private final TwoSampleTTest.Result result = new TwoSampleTTest.Result();

    MeanDifferenceAnalysis(Endpoint endpoint, Alternative alternative, DataDispersion dispersion) {
        super(endpoint, alternative);
        TwoSampleTTest t = TwoSampleTTest.withDefaults().with(dispersion).with(direction());
        // against a margin (a difference in means on the data's scale): t.test(mu = margin)
        this.test = endpoint.analysis().hasMargin() ? t.withNullDifference(endpoint.analysis().margin()) : t;
    }

    @Override
    TestResult test(ContinuousOutcomes scores) {
        return test.test(scores.value(), scores.treatment(), scores.size(), result);
    }
}
