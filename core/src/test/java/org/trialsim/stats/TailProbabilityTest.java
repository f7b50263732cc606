package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialsim.stats.Close.assertRelative;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** Tail probabilities against commons-statistics' distributions, and the chi-square statistic against its ChiSquareTest. */
class TailProbabilityTest {

    /**
     * {df, t, P(T > t)} to 20 digits from mpmath 1.3 at 40 digits:
     * {@code betainc(v/2, 1/2, 0, v/(v + t^2), regularized=True)/2} (script
     * {@code core/src/test/r/student-t-tails-mpmath.py}). Tolerance 1e-13 relative: the measured worst
     * error of the continued fraction over this grid is 7e-14 (at 1e4 df).
     */
    private static final double[][] MPMATH = {
        {0.5, 1e-09, 0.49999999973032369941},
        {0.5, 0.3, 0.42242957606524541001},
        {0.5, 1.96, 0.22486148886918957317},
        {0.5, 5, 0.14299570157942940041},
        {0.5, 12, 0.092530260534601059551},
        {0.5, 100, 0.032069857021536655403},
        {1, 1e-09, 0.49999999968169011382},
        {1, 0.3, 0.40722642092225765968},
        {1, 1.96, 0.15017144588801657468},
        {1, 5, 0.062832958189001183814},
        {1, 12, 0.026464676059589875452},
        {1, 100, 0.0031829927649082551491},
        {1.7, 1e-09, 0.49999999965337614637},
        {1.7, 0.3, 0.39840145919872500415},
        {1.7, 1.96, 0.10550481071483813468},
        {1.7, 5, 0.025971043846225412612},
        {1.7, 12, 0.0060637897787409382807},
        {1.7, 100, 0.00016613830589984585597},
        {3, 1e-09, 0.49999999963244740305},
        {3, 0.3, 0.39188164601995952115},
        {3, 1.96, 0.07242610428242682761},
        {3, 5, 0.0076962190366511504933},
        {3, 12, 0.000622507900394668369},
        {3, 100, 1.1022609615924555587e-6},
        {9.5, 1e-09, 0.49999999961140062502},
        {9.5, 0.3, 0.38531917900559020413},
        {9.5, 1.96, 0.039977737895713686828},
        {9.5, 5, 0.00031379881531855726367},
        {9.5, 12, 2.3562585071971601064e-7},
        {9.5, 100, 5.5339969853004701775e-16},
        {30, 1e-09, 0.49999999960436781511},
        {30, 0.3, 0.38312305264217640883},
        {30, 1.96, 0.029671156448025238157},
        {30, 5, 0.000011648342733503897566},
        {30, 12, 2.7900927075996280315e-13},
        {30, 100, 9.9230589836351243042e-40},
        {100, 1e-09, 0.49999999960205381306},
        {100, 0.3, 0.38239994015015174392},
        {100, 1.96, 0.026389450683114833022},
        {100, 5, 1.2250867067519002115e-6},
        {100, 12, 2.1975438578021890726e-21},
        {100, 100, 2.431497222269739671e-102},
        {1000, 1e-09, 0.49999999960115744269},
        {1000, 0.3, 0.38211975208362202221},
        {1000, 1.96, 0.025136592477874359217},
        {1000, 5, 3.3836281823243151909e-7},
        {1000, 12, 2.1620286933872637331e-31},
        {10000.0, 1e-09, 0.49999999960106769303},
        {10000.0, 0.3, 0.38209169561466614439},
        {10000.0, 1.96, 0.025011760115916524769},
        {10000.0, 5, 2.9151633068313236453e-7},
        {10000.0, 12, 2.9898898039056625822e-33},
    };

    @Test
    void studentTailsMatchFortyDigitReferences() {
        for (double[] c : MPMATH) {
            final String what = "df=" + c[0] + " t=" + c[1];
            assertRelative(c[2], TailProbability.studentT(c[1], c[0], Alternative.GREATER), 1e-13, what);
            assertRelative(c[2], TailProbability.studentT(-c[1], c[0], Alternative.LESS), 1e-13, what);
            if (c[2] < 0.5) {
                assertRelative(2 * c[2], TailProbability.studentT(-c[1], c[0], Alternative.TWO_SIDED), 1e-13, what);
            }
        }
    }

    @Test
    void studentTailsMatchTDistribution() {
        // Same quantity as commons-statistics' TDistribution, computed by a different algorithm (its
        // RegularizedBeta is a port of Boost's ibeta). |t| >= 1e-3 only: for 1 df and |t| = 1e-9 commons
        // 1.2 returns exactly 0.5 (relative error 6e-10; R: pt(-1e-9, 1, lower.tail = FALSE) =
        // 0.50000000031830982), which is checked separately below.
        for (double df : new double[] {0.5, 1, 2.5, 3, 7.3, 21, 118, 5000, 1e4, 2e4, 1e6, 1e9}) {
            final TDistribution t = TDistribution.of(df);
            for (double x : new double[] {-40, -5, -2.1, -0.3, -1e-3, 0, 1e-3, 0.4, 1.96, 3.3, 12, 1e3}) {
                final String what = "t=" + x + " df=" + df;
                assertRelative(t.survivalProbability(x), TailProbability.studentT(x, df, Alternative.GREATER), 2e-13, what);
                assertRelative(t.cumulativeProbability(x), TailProbability.studentT(x, df, Alternative.LESS), 2e-13, what);
                assertRelative(Math.min(1, 2 * t.survivalProbability(Math.abs(x))),
                    TailProbability.studentT(x, df, Alternative.TWO_SIDED), 2e-13, what);
            }
        }
        // R 4.2.2: pt(-1e-9, 1, lower.tail = FALSE) and pt(-1e-9, 2.5, lower.tail = FALSE)
        assertRelative(0.50000000031830982, TailProbability.studentT(-1e-9, 1, Alternative.GREATER), 1e-15, "Cauchy near 0");
        assertRelative(0.50000000036180869, TailProbability.studentT(-1e-9, 2.5, Alternative.GREATER), 1e-15, "2.5 df near 0");
    }

    @Test
    void normalTailsMatchCommonsStatistics() {
        // Cody's rational approximations against commons' erfc (a port of Boost's): two independent
        // algorithms for the same function; both are accurate to a few ulps, including the far tails.
        final NormalDistribution n = NormalDistribution.of(0, 1);
        for (double z = -38; z <= 38; z += 0.0137) {
            assertRelative(n.survivalProbability(z), TailProbability.normal(z, Alternative.GREATER), 2e-15, "z=" + z);
            assertRelative(n.cumulativeProbability(z), TailProbability.normal(z, Alternative.LESS), 2e-15, "z=" + z);
        }
        for (double z : new double[] {0, 1e-300, 0.66291, 5.656854248, 37.5, 38.4}) {
            assertRelative(n.survivalProbability(z), TailProbability.normal(z, Alternative.GREATER), 2e-15, "z=" + z);
        }
        assertEquals(0, TailProbability.normal(40, Alternative.GREATER));
        assertEquals(1, TailProbability.normal(-1e300, Alternative.GREATER));
        assertEquals(0, TailProbability.normal(Double.POSITIVE_INFINITY, Alternative.GREATER));
    }

    @Test
    void normalTailsMatchR() {
        // R 4.2.2: pnorm(qnorm(0.975), lower.tail = FALSE) * 2 = 0.050000000000000065
        assertRelative(0.050000000000000065, TailProbability.normal(1.959963984540054, Alternative.TWO_SIDED), 1e-15, "two-sided 1.96");
        // R: 2 * pnorm(-8) = 1.244192114854357e-15 (far tail kept to full relative precision)
        assertRelative(1.244192114854357e-15, TailProbability.normal(8, Alternative.TWO_SIDED), 1e-15, "far tail");
        // R: pnorm(-30) = 4.9067139271481872e-198; pnorm(0.3) = 0.61791142218895267
        assertRelative(4.9067139271481872e-198, TailProbability.normal(30, Alternative.GREATER), 1e-15, "z=30");
        assertRelative(0.61791142218895267, TailProbability.normal(0.3, Alternative.LESS), 1e-15, "z=0.3");
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
                            assertEquals(0, Close.square(TwoProportionZTest.withDefaults().test(xT, nT, xC, nC).statistic()));
                            continue;
                        }
                        final long[][] table = {{xT, nT - xT}, {xC, nC - xC}};
                        final String what = xT + "/" + nT + " vs " + xC + "/" + nC;
                        assertRelative(chi.statistic(table), Close.square(TwoProportionZTest.withDefaults().test(xT, nT, xC, nC).statistic()), 1e-12, what);
                        assertRelative(chi.test(table).getPValue(),
                            TwoProportionZTest.withDefaults().with(Alternative.TWO_SIDED).test(xT, nT, xC, nC).pValue(), 1e-12, what);
                    }
                }
            }
        }
    }
}
