package org.trialsim.power;

import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.StandardizedRiskDifference;
import org.trialsim.stats.TestResult;

/**
 * The risk difference by inverse probability weighting within arm and stratum ({@link StandardizedRiskDifference}):
 * the binary estimator of the hypothetical strategy, which reads the patients whose outcome is missing after the
 * intercurrent event ({@link BinaryOutcomes#missingByGroup()}) as well as the counts of those observed.
 */
final class IpwRiskDifferenceAnalysis extends EndpointTest.Binary {

    private final StandardizedRiskDifference test;
    private final TestResult result = new TestResult();

    IpwRiskDifferenceAnalysis(Alternative alternative) {
        this.test = StandardizedRiskDifference.withDefaults().with(alternative);
    }

    @Override
    void test(BinaryOutcomes counts) {
        TestResult r = test.test(counts.eventsByGroup(), counts.totalsByGroup(), counts.missingByGroup(),
                counts.strata(), result);
        set(r.statistic(), r.pValue(), r, r.defined());
    }
}
