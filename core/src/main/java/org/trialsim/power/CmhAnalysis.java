package org.trialsim.power;

import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.MantelHaenszelTest;
import org.trialsim.stats.TestResult;

/**
 * The Cochran-Mantel-Haenszel test over the endpoint's analysis strata ({@link MantelHaenszelTest}, no
 * continuity correction). Informative when the arms' totals are: patients in both arms and both outcomes
 * among them (a stratum-wise zero variance still gives p-value 1).
 */
final class CmhAnalysis extends EndpointTest.Binary {

    private final MantelHaenszelTest test;
    private final TestResult result = new TestResult();

    CmhAnalysis(Alternative alternative) {
        this.test = MantelHaenszelTest.withDefaults().with(alternative);
    }

    @Override
    void test(BinaryOutcomes counts) {
        int xT = counts.events(1);
        int nT = counts.total(1);
        int xC = counts.events(0);
        int nC = counts.total(0);
        TestResult r = test.test(counts.eventsByStratum(1), counts.totalsByStratum(1), counts.eventsByStratum(0),
                counts.totalsByStratum(0), counts.strata(), result);
        set(r.statistic(), r.pValue(), r, nT > 0 && nC > 0 && xT + xC > 0 && xT + xC < nT + nC);
    }
}
