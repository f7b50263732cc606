package org.trialsim.power;

import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.stats.TestResult;

/**
 * A two-group binary test of the arms' totals, one two-by-two table (chi-square, Fisher): the table test's
 * statistic is the signed {@code z}. Informative when the test's statistic is defined (for these tests:
 * patients in both arms and both outcomes among them).
 */
final class TableAnalysis extends EndpointTest.Binary {

    private final AnalysisKind.TableTest test;
    private final TestResult result = new TestResult();

    TableAnalysis(AnalysisKind.TableTest test) {
        this.test = test;
    }

    @Override
    void test(BinaryOutcomes counts) {
        TestResult r = test.test(counts.events(1), counts.total(1), counts.events(0), counts.total(0), result);
        set(r.statistic(), r.pValue(), r, r.defined());
    }
}
