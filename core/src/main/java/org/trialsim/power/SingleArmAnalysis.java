package org.trialsim.power;

import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.ExactBinomialTest;

/**
 * The exact binomial test of the (treatment) arm's response rate against the endpoint's {@code p0}, for
 * single-arm endpoints (binomial exact and Simon designs, whose stage decisions read the responder count).
 * The signed {@code z} is the standardized {@code (x - n p0) / sqrt(n p0 (1 - p0))}, for sequential looks.
 * Informative when the arm has patients. The result keeps one binomial distribution per number of patients
 * analysed, so each is built once per thread.
 */
final class SingleArmAnalysis extends EndpointTest.Binary {

    private final ExactBinomialTest test;
    private final ExactBinomialTest.Result result = new ExactBinomialTest.Result();

    SingleArmAnalysis(Endpoint endpoint, Alternative alternative) {
        this.test = ExactBinomialTest.withDefaults().withNullProportion(endpoint.analysis().nullValue())
                .with(alternative);
    }

    @Override
    void test(BinaryOutcomes counts) {
        ExactBinomialTest.Result r = test.test(counts.events(1), counts.total(1), result);
        set(r.statistic(), r.pValue(), r, counts.total(1) > 0);
    }
}
