package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialsim.stats.Close.assertRelative;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** Tail probabilities against commons-statistics' distributions, and the chi-square statistic against its ChiSquareTest. */
class TailProbabilityTest {

    @Test
    void studentTailsMatchTDistribution() {
        for (double df : new double[] {0.5, 1, 2.5, 3, 7.3, 21, 118, 1e4, 1e9}) {
            final TDistribution t = TDistribution.of(df);
            for (double x : new double[] {-40, -5, -2.1, -0.3, -1e-9, 0, 1e-9, 0.4, 1.96, 3.3, 12, 1e3}) {
                final String what = "t=" + x + " df=" + df;
                // same special function (regularized beta) in both: agreement to rounding
                assertRelative(t.survivalProbability(x), TailProbability.studentT(x, df, Alternative.GREATER), 1e-13, what);
                assertRelative(t.cumulativeProbability(x), TailProbability.studentT(x, df, Alternative.LESS), 1e-13, what);
                assertRelative(Math.min(1, 2 * t.survivalProbability(Math.abs(x))),
                    TailProbability.studentT(x, df, Alternative.TWO_SIDED), 1e-13, what);
            }
        }
    }

    @Test
    void normalTails() {
        final NormalDistribution n = NormalDistribution.of(0, 1);
        for (double z : new double[] {-38, -8, -1.96, 0, 0.5, 1.959963984540054, 6, 37}) {
            assertRelative(n.survivalProbability(z), TailProbability.normal(z, Alternative.GREATER), 1e-15, "z=" + z);
            assertRelative(n.cumulativeProbability(z), TailProbability.normal(z, Alternative.LESS), 1e-15, "z=" + z);
        }
        // R: pnorm(qnorm(0.975), lower.tail = FALSE) * 2 = 0.05
        assertRelative(0.05, TailProbability.normal(1.959963984540054, Alternative.TWO_SIDED), 1e-14, "two-sided 1.96");
        // R: 2 * pnorm(-8) = 1.244192114854357e-15 (far tail kept to full relative precision)
        assertRelative(1.244192114854357e-15, TailProbability.normal(8, Alternative.TWO_SIDED), 1e-12, "far tail");
    }

    @Test
    void undefinedInputsGivePValueOne() {
        for (Alternative a : Alternative.values()) {
            assertEquals(1, TailProbability.normal(Double.NaN, a));
            assertEquals(1, TailProbability.studentT(Double.NaN, 3, a));
            assertEquals(1, TailProbability.studentT(2, 0, a));
            assertEquals(1, TailProbability.studentT(2, Double.NaN, a));
        }
    }

    @Test
    void pearsonStatisticMatchesCommonsChiSquareTestOnEveryTable() {
        // commons computes sum (O - E)^2 / E over the four cells: an independent formula for the same statistic
        final ChiSquareTest chi = ChiSquareTest.withDefaults();
        for (int nT = 1; nT <= 30; nT++) {
            for (int nC = 1; nC <= 30; nC += 3) {
                for (int xT = 0; xT <= nT; xT++) {
                    for (int xC = 0; xC <= nC; xC++) {
                        if (TwoProportionZTest.undefined(xT, nT, xC, nC)) {
                            assertEquals(0, TwoProportionZTest.chiSquare(xT, nT, xC, nC, false));
                            continue;
                        }
                        final long[][] table = {{xT, nT - xT}, {xC, nC - xC}};
                        final String what = xT + "/" + nT + " vs " + xC + "/" + nC;
                        assertRelative(chi.statistic(table), TwoProportionZTest.chiSquare(xT, nT, xC, nC, false), 1e-12, what);
                        assertRelative(chi.test(table).getPValue(),
                            TwoProportionZTest.pValue(xT, nT, xC, nC, false, Alternative.TWO_SIDED), 1e-12, what);
                    }
                }
            }
        }
    }
}
