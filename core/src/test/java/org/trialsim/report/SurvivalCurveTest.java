package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SurvivalCurveTest {

    /**
     * The Maintained group of the acute myelogenous leukaemia data (Miller 1981; R's survival::aml):
     * 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+. Reference survival from SciPy 1.17.1:
     * {@code stats.ecdf(stats.CensoredData(uncensored=[9,13,18,23,31,34,48], right=[13,28,45,161])).sf},
     * the same product-limit values R's survfit prints (0.909, 0.818, 0.716, 0.614, 0.491, 0.368, 0.184).
     */
    @Test
    void matchesTheProductLimitEstimateOfTheAmlData() {
        double[] time = {161, 13, 9, 13, 45, 18, 28, 23, 34, 31, 48};
        boolean[] event = {false, true, true, false, false, true, false, true, true, true, true};
        SurvivalCurve c = SurvivalCurve.kaplanMeier("maintained", time, event, time.length);
        assertArrayEquals(new double[] {9, 13, 18, 23, 31, 34, 48}, c.times());
        double[] scipy = {0.9090909090909091, 0.8181818181818181, 0.7159090909090908, 0.6136363636363635,
            0.49090909090909085, 0.36818181818181817, 0.18409090909090908};
        assertArrayEquals(scipy, c.survival(), 1e-15);
        assertArrayEquals(new int[] {11, 10, 8, 7, 5, 4, 2}, c.atRisk());
        assertEquals(11, c.subjects());
        assertEquals(1.0, c.at(8.9));
        assertEquals(c.survival()[3], c.at(30));
        assertEquals(c.survival()[6], c.at(1000));
    }

    @Test
    void usesOnlyTheLeadingEntriesAndHandlesNoEvents() {
        double[] time = {5, 6, 1};
        boolean[] event = {false, false, true};
        SurvivalCurve c = SurvivalCurve.kaplanMeier("x", time, event, 2);
        assertEquals(0, c.times().length);
        assertEquals(1.0, c.at(10));
        assertEquals(2, c.subjects());
    }
}
