package org.trialsim.power;

import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.AncovaTest;
import org.trialsim.stats.TestResult;

/** The ANCOVA of the scores adjusted for the baseline MADRS ({@link AncovaTest}). */
final class AncovaAnalysis extends EndpointTest.Continuous {

    private final AncovaTest test;
    private final AncovaTest.Result result = new AncovaTest.Result();

    AncovaAnalysis(Endpoint endpoint, Alternative alternative) {
        super(endpoint, alternative);
        AncovaTest t = AncovaTest.withDefaults().with(direction());
        // against a margin (an adjusted difference on the data's scale): lm(y ~ g + x + offset(margin * g))
        this.test = endpoint.analysis().hasMargin() ? t.withNullDifference(endpoint.analysis().margin()) : t;
    }

    @Override
    TestResult test(ContinuousOutcomes scores) {
        return test.test(scores.value(), scores.baseline(), scores.treatment(), scores.size(), result);
    }
}
