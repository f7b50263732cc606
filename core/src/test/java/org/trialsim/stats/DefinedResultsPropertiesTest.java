package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over arbitrary (including extreme) counts: every statistic and p-value is defined (never NaN,
 * p in [0, 1]), and swapping the arms mirrors the result (z to -z, GREATER to LESS), which checks the
 * sign conventions of every binary test at once. Fixed seeds keep the suite reproducible.
 */
class DefinedResultsPropertiesTest {

    private static void assertPValue(double p, String what) {
        assertTrue(p >= 0 && p <= 1, () -> what + ": p = " + p);
    }

    @Property(tries = 2000, seed = "20261122")
    void twoByTwoTestsAreDefinedAndMirror(@ForAll @IntRange(min = 0, max = 60) int nT,
            @ForAll @IntRange(min = 0, max = 60) int nC, @ForAll @IntRange(min = 0, max = 60) int xT0,
            @ForAll @IntRange(min = 0, max = 60) int xC0) {
        final int xT = nT == 0 ? 0 : xT0 % (nT + 1);
        final int xC = nC == 0 ? 0 : xC0 % (nC + 1);
        for (ContinuityCorrection cc : ContinuityCorrection.values()) {
            final double z = TwoProportionZTest.withDefaults().with(cc).test(xT, nT, xC, nC).statistic();
            assertTrue(Double.isFinite(z));
            assertEquals(-z, TwoProportionZTest.withDefaults().with(cc).test(xC, nC, xT, nT).statistic(), 1e-12 * (1 + Math.abs(z)));
            for (Alternative a : Alternative.values()) {
                assertPValue(TwoProportionZTest.withDefaults().with(cc).with(a).test(xT, nT, xC, nC).pValue(), "z test");
            }
            assertEquals(TwoProportionZTest.withDefaults().with(cc).with(Alternative.GREATER).test(xT, nT, xC, nC).pValue(),
                TwoProportionZTest.withDefaults().with(cc).with(Alternative.LESS).test(xC, nC, xT, nT).pValue(), 1e-12);
            final double mh = MantelHaenszelTest.withDefaults().with(cc).test(new int[] {xT}, new int[] {nT}, new int[] {xC}, new int[] {nC}, 1).statistic();
            assertTrue(Double.isFinite(mh));
            if (cc == ContinuityCorrection.DISABLED) {
                // one stratum, no correction: CMH z = pooled z sqrt((N - 1)/N) (hypergeometric vs binomial variance)
                final double n = nT + nC;
                assertEquals(n > 1 ? z * Math.sqrt((n - 1) / n) : 0, mh, 1e-12 * (1 + Math.abs(z)));
            }
        }
        for (Alternative a : Alternative.values()) {
            assertPValue(FisherExactTest.withDefaults().with(a).test(xT, nT, xC, nC).pValue(), "Fisher");
        }
        assertEquals(FisherExactTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC).pValue(),
            FisherExactTest.withDefaults().with(Alternative.LESS).test(xC, nC, xT, nT).pValue(), 1e-12);
        assertEquals(FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(xT, nT, xC, nC).pValue(),
            FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(xC, nC, xT, nT).pValue(), 1e-12);
        final double rd = RiskDifference.estimate(xT, nT, xC, nC);
        final double lo = RiskDifference.newcombeLower(xT, nT, xC, nC, 0.05);
        final double hi = RiskDifference.newcombeUpper(xT, nT, xC, nC, 0.05);
        assertTrue(lo <= rd && rd <= hi && lo >= -1 && hi <= 1, () -> lo + " " + rd + " " + hi);
        final double or = OddsRatio.estimate(xT, nT, xC, nC);
        final double orLo = OddsRatio.woolfLower(xT, nT, xC, nC, 0.05);
        final double orHi = OddsRatio.woolfUpper(xT, nT, xC, nC, 0.05);
        assertTrue(orLo <= or && or <= orHi && orLo >= 0, () -> orLo + " " + or + " " + orHi);
    }

    @Property(tries = 1000, seed = "20261123")
    void exactBinomialIsDefined(@ForAll @IntRange(min = 0, max = 200) int n, @ForAll @IntRange(min = 0, max = 200) int k0,
            @ForAll @IntRange(min = 0, max = 100) int p0Percent) {
        final int k = k0 % (n + 1);
        final ExactBinomialTest test = ExactBinomialTest.withDefaults().withNullProportion(p0Percent / 100.0);
        for (Alternative a : Alternative.values()) {
            final ExactBinomialTest.Result r = test.with(a).test(k, n);
            assertPValue(r.pValue(), "binomial");
            assertTrue(Double.isFinite(r.statistic()) && Double.isFinite(r.estimate()));
        }
        final int c = test.criticalValue(n, 0.05);
        assertTrue(c >= 0 && c <= n + 1);
        assertTrue(test.attainedSize(n, c) <= 0.05);
    }

    @Property(tries = 500, seed = "20261124")
    void mantelHaenszelWithEmptyAndTinyStrataIsDefined(@ForAll @IntRange(min = 0, max = 4) int a,
            @ForAll @IntRange(min = 0, max = 4) int b, @ForAll @IntRange(min = 0, max = 2) int c) {
        // strata of size 0, 1 and small: must never produce NaN
        final int[] xT = {Math.min(a, 2), 0, c};
        final int[] nT = {2, 0, 2};
        final int[] xC = {Math.min(b, 3), 0, 0};
        final int[] nC = {3, 1, 0};
        for (ContinuityCorrection cc : ContinuityCorrection.values()) {
            assertTrue(Double.isFinite(MantelHaenszelTest.withDefaults().with(cc).test(xT, nT, xC, nC, 3).statistic()));
            for (Alternative alt : Alternative.values()) {
                assertPValue(MantelHaenszelTest.withDefaults().with(cc).with(alt).test(xT, nT, xC, nC, 3).pValue(), "CMH");
            }
        }
        assertTrue(!Double.isNaN(MantelHaenszelTest.withDefaults().test(xT, nT, xC, nC, 3).estimate()));
    }
}
