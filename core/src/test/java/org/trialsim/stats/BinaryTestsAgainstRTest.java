package org.trialsim.stats;

import static org.trialsim.stats.Close.assertRelative;

import org.junit.jupiter.api.Test;

/**
 * The binary tests against values computed with R 4.2 (Debian r-base-core), printed with
 * {@code options(digits = 17)}. The generating script is {@code core/src/test/r/stats-part-a-references.R};
 * each block quotes its command. Tolerance: 1e-10 relative, because every quantity is a closed form or an
 * exact sum evaluated in double precision in both programs (observed agreement is about 1e-14).
 */
class BinaryTestsAgainstRTest {

    private static final double REL = 1e-10;

    /**
     * {xT, nT, xC, nC, X2, p two-sided, p greater, p less} without then with continuity correction, from
     * <pre>
     * x &lt;- c(xT, xC); n &lt;- c(nT, nC)
     * prop.test(x, n, correct = cc)            # statistic, p.value
     * prop.test(x, n, correct = cc, alternative = "greater")$p.value
     * prop.test(x, n, correct = cc, alternative = "less")$p.value
     * chisq.test(matrix(c(x, n - x), 2), correct = cc)   # same statistic and p-value
     * </pre>
     */
    private static final double[][] PROP_TEST_PLAIN = {
        {15, 30, 8, 30, 3.454759106933019908, 0.063069924629561555, 0.031534962314780701, 0.968465037685219299},
        {3, 17, 10, 40, 0.36636157959687338, 0.54499422952617282, 0.72750288523691364, 0.27249711476308636},
        {12, 20, 9, 20, 0.90225563909774431, 0.34217761061304564, 0.17108880530652273, 0.82891119469347729},
        {0, 10, 3, 12, 2.894736842105263275, 0.088869286472645553, 0.955565356763677154, 0.044434643236322867},
        {40, 60, 25, 55, 5.254079254079254468, 0.021895383085184929, 0.010947691542592453, 0.989052308457407547},
        {1, 5, 0, 4, 0.90000000000000002, 0.34278171114791145, 0.17139085557395570, 0.82860914442604428},
    };

    private static final double[][] PROP_TEST_YATES = {
        {15, 30, 8, 30, 2.538190364277320921, 0.111122079333044216, 0.055561039666522226, 0.944438960333477739},
        {3, 17, 10, 40, 0.067740256067461813, 0.794655833182612237, 0.602672083408693937, 0.397327916591306118},
        {12, 20, 9, 20, 0.40100250626566414, 0.52657197459685645, 0.26328598729842811, 0.73671401270157189},
        {0, 10, 3, 12, 1.16111111111111098, 0.28123522492541625, 0.85938238753729190, 0.14061761246270815},
        {40, 60, 25, 55, 4.426360722610723109, 0.035387886099825488, 0.017693943049912734, 0.982306056950087214},
        // |ad - bc| = 4 < N/2 = 4.5: R's min(0.5, |DELTA|/sum(1/n)) correction makes the statistic 0
        // (R prints 2.65e-32 and p = 0.99999999999999989, 0.49999999999999994, 0.50000000000000011).
        {1, 5, 0, 4, 0, 1, 0.5, 0.5},
    };

    @Test
    void pooledZAndChiSquareMatchPropTest() {
        check(PROP_TEST_PLAIN, ContinuityCorrection.DISABLED);
        check(PROP_TEST_YATES, ContinuityCorrection.ENABLED);
    }

    private static void check(double[][] cases, ContinuityCorrection correction) {
        for (double[] c : cases) {
            final int xT = (int) c[0];
            final int nT = (int) c[1];
            final int xC = (int) c[2];
            final int nC = (int) c[3];
            final String what = "prop.test(c(" + xT + "," + xC + "), c(" + nT + "," + nC + "), correct=" + correction + ")";
            assertRelative(c[4], Close.square(TwoProportionZTest.withDefaults().with(correction).test(xT, nT, xC, nC).statistic()), REL, what + " statistic");
            assertRelative(c[5], TwoProportionZTest.withDefaults().with(correction).with(Alternative.TWO_SIDED).test(xT, nT, xC, nC).pValue(), REL, what + " two-sided");
            assertRelative(c[6], TwoProportionZTest.withDefaults().with(correction).with(Alternative.GREATER).test(xT, nT, xC, nC).pValue(), REL, what + " greater");
            assertRelative(c[7], TwoProportionZTest.withDefaults().with(correction).with(Alternative.LESS).test(xT, nT, xC, nC).pValue(), REL, what + " less");
            // the signed z: sign of p_T - p_C, magnitude sqrt(X2)
            final double z = TwoProportionZTest.withDefaults().with(correction).test(xT, nT, xC, nC).statistic();
            assertRelative(Math.signum((double) xT / nT - (double) xC / nC) * Math.sqrt(c[4]), z, REL, what + " z");
        }
    }

    /**
     * {xT, nT, xC, nC, p two-sided, p greater, p less} from
     * {@code m <- matrix(c(xT, xC, nT - xT, nC - xC), 2); fisher.test(m)$p.value;
     * fisher.test(m, alternative = "greater")$p.value; fisher.test(m, alternative = "less")$p.value}.
     * Includes mirror-symmetric tables (n_T = n_C), where R's relative tolerance matters.
     */
    private static final double[][] FISHER = {
        {3, 10, 7, 10, 0.178895407997575501, 0.988492931217389459, 0.089447703998787806},
        {7, 10, 3, 10, 0.178895407997575501, 0.089447703998787806, 0.988492931217389459},
        {5, 10, 5, 10, 1.00000000000000000, 0.67185910065167032, 0.67185910065167043},
        {2, 12, 9, 14, 0.021416072149683642, 0.998398169336384367, 0.018703728631040490},
        {10, 20, 3, 20, 0.040742395024931266, 0.020371197512465623, 0.997132163149960671},
        {0, 8, 6, 9, 0.0090497737556561111, 1.0000000000000000000, 0.0067873303167420860},
        {15, 40, 20, 40, 0.36747220791973212, 0.91203012792444094, 0.18373610395986600},
        {1, 2, 1, 3, 0.99999999999999989, 0.69999999999999984, 0.90000000000000002},
        {30, 100, 45, 100, 0.040534006514982686, 0.990422279575704501, 0.020267003257491305},
    };

    @Test
    void fisherMatchesFisherTest() {
        for (double[] c : FISHER) {
            final int xT = (int) c[0];
            final int nT = (int) c[1];
            final int xC = (int) c[2];
            final int nC = (int) c[3];
            final String what = "fisher.test " + xT + "/" + nT + " vs " + xC + "/" + nC;
            assertRelative(c[4], FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(xT, nT, xC, nC).pValue(), REL, what + " two-sided");
            assertRelative(c[5], FisherExactTest.withDefaults().with(Alternative.GREATER).test(xT, nT, xC, nC).pValue(), REL, what + " greater");
            assertRelative(c[6], FisherExactTest.withDefaults().with(Alternative.LESS).test(xT, nT, xC, nC).pValue(), REL, what + " less");
        }
    }

    /**
     * Strata as {xT[], nT[], xC[], nC[]}, with {X2, p two-sided, p greater, p less, MH odds ratio} without
     * and with continuity correction, from
     * <pre>
     * mk &lt;- function(xT, nT, xC, nC) { a &lt;- array(0, c(2, 2, length(xT)))
     *   for (k in seq_along(xT)) a[, , k] &lt;- matrix(c(xT[k], xC[k], nT[k] - xT[k], nC[k] - xC[k]), 2); a }
     * mantelhaen.test(a, correct = cc); mantelhaen.test(a, correct = cc, alternative = "greater"); ... "less"
     * </pre>
     */
    private static final int[][][] CMH_STRATA = {
        {{8, 12, 5}, {20, 25, 15}, {4, 7, 5}, {20, 24, 16}},
        {{3, 10, 2}, {10, 30, 8}, {5, 9, 1}, {12, 28, 9}},
        {{6, 6}, {10, 10}, {5, 5}, {10, 10}},
    };

    private static final double[][] CMH_PLAIN = {
        {2.905257227586716784, 0.088291166981308816, 0.044145583490654568, 0.955854416509345439, 1.956609997462573025},
        {0.0029577948813433565, 0.9566279411999633053, 0.4783139705999815972, 0.5216860294000184028, 1.0246241528597264114},
        {0.38383838383838387, 0.53555612335846747, 0.26777806167923379, 0.73222193832076621, 1.5},
    };

    private static final double[][] CMH_CORRECTED = {
        {2.291327679462086042, 0.130098593284110914, 0.065049296642055665, 0.934950703357944279, 1.956609997462573025},
        // |DELTA| < 1/2: R applies no correction (its rule), so the same as without
        {0.0029577948813433565, 0.9566279411999633053, 0.4783139705999815972, 0.5216860294000184028, 1.0246241528597264114},
        {0.095959595959595967, 0.756733236048944269, 0.378366618024472134, 0.621633381975527866, 1.5},
    };

    @Test
    void cochranMantelHaenszelMatchesMantelhaenTest() {
        for (int i = 0; i < CMH_STRATA.length; i++) {
            final int[][] s = CMH_STRATA[i];
            final int k = s[0].length;
            for (ContinuityCorrection cc : ContinuityCorrection.values()) {
                final double[] r = cc == ContinuityCorrection.ENABLED ? CMH_CORRECTED[i] : CMH_PLAIN[i];
                final String what = "mantelhaen.test case " + i + " correct=" + cc;
                assertRelative(r[0], Close.square(MantelHaenszelTest.withDefaults().with(cc).test(s[0], s[1], s[2], s[3], k).statistic()), REL, what + " statistic");
                assertRelative(r[1], MantelHaenszelTest.withDefaults().with(cc).with(Alternative.TWO_SIDED).test(s[0], s[1], s[2], s[3], k).pValue(), REL, what + " two-sided");
                assertRelative(r[2], MantelHaenszelTest.withDefaults().with(cc).with(Alternative.GREATER).test(s[0], s[1], s[2], s[3], k).pValue(), REL, what + " greater");
                assertRelative(r[3], MantelHaenszelTest.withDefaults().with(cc).with(Alternative.LESS).test(s[0], s[1], s[2], s[3], k).pValue(), REL, what + " less");
                assertRelative(r[4], MantelHaenszelTest.withDefaults().test(s[0], s[1], s[2], s[3], k).estimate(), REL, what + " odds ratio");
            }
        }
    }

    /**
     * {k, n, p0, p two-sided, p greater, p less, Clopper-Pearson 95% lower, upper} from
     * {@code binom.test(k, n, p0)} ({@code $p.value}, {@code $conf.int}) and the one-sided alternatives.
     */
    private static final double[][] BINOM_TEST = {
        {7, 20, 0.5, 0.26317596435546875, 0.94234085083007812, 0.13158798217773438, 0.15390920478454115, 0.59218853453282816},
        {15, 20, 0.5, 0.041389465332031285, 0.020694732666015642, 0.994091033935546875, 0.508954128292042451, 0.913428530898565461},
        {3, 25, 0.2, 0.453957928674123712, 0.901774777156311380, 0.233993259226191019, 0.025465396647733222, 0.312190307286235424},
        {12, 40, 0.3, 1.00000000000000000, 0.55939289609712417, 0.57718092450343883, 0.16562720439323556, 0.46531628525412339},
        {10, 20, 0.5, 1.00000000000000000, 0.58809852600097634, 0.58809852600097634, 0.27195784956079183, 0.72804215043920817},
        {0, 15, 0.1, 0.38995220120104024, 1.00000000000000000, 0.20589113209464899, 0.00000000000000000, 0.21801936091053398},
        {9, 30, 0.3, 1.00000000000000000, 0.56848209371705760, 0.58880868524072261, 0.14734518475470104, 0.49395904146255365},
        {25, 30, 0.6, 0.0085126789792105279, 0.0056587963713998048, 0.9984899259336171840, 0.6527883011658561774, 0.9435783035319285084},
        // p0 = 1/3 in R (5, 12, 1/3)
        {5, 12, 1.0 / 3, 0.54960193135268076, 0.36847928556509552, 0.82227754350906301, 0.15165222980843010, 0.72333031431789419},
    };

    @Test
    void exactBinomialMatchesBinomTest() {
        for (double[] c : BINOM_TEST) {
            final int k = (int) c[0];
            final int n = (int) c[1];
            final ExactBinomialTest test = ExactBinomialTest.withDefaults().withNullProportion(c[2]);
            final String what = "binom.test(" + k + ", " + n + ", " + c[2] + ")";
            assertRelative(c[3], test.test(k, n).pValue(), REL, what + " two-sided");
            assertRelative(c[4], test.with(Alternative.GREATER).test(k, n).pValue(), REL, what + " greater");
            assertRelative(c[5], test.with(Alternative.LESS).test(k, n).pValue(), REL, what + " less");
            // Clopper-Pearson limits are beta quantiles found by root finding in both programs (R's qbeta,
            // commons' inverse CDF), so they agree to the solvers' accuracy, about 1e-9 relative, not to rounding.
            assertRelative(c[6], BinomialInterval.clopperPearsonLower(k, n, 0.05), 1e-8, what + " CP lower");
            assertRelative(c[7], BinomialInterval.clopperPearsonUpper(k, n, 0.05), 1e-8, what + " CP upper");
        }
    }

    /**
     * {x, n, 95% lower, 95% upper, 90% lower, 90% upper} from
     * {@code prop.test(x, n, correct = FALSE)$conf.int} and with {@code conf.level = 0.9}.
     */
    private static final double[][] WILSON = {
        {7, 20, 0.18119182410108206, 0.56714572331476365, 0.20226004005676107, 0.53348731115152825},
        {0, 15, 0, 0.20388330103584854, 0, 0.15280770461014009},
        {15, 15, 0.79611669896415138, 1, 0.84719229538985996, 1},
        {1, 50, 0.0035392592716462297, 0.1049544358963781093, 0.0044745641065098516, 0.0848052942483094180},
        {33, 100, 0.24563122734128034, 0.42694656204909476, 0.25802938811058479, 0.41092713695569449},
    };

    @Test
    void wilsonMatchesPropTestInterval() {
        for (double[] c : WILSON) {
            final int x = (int) c[0];
            final int n = (int) c[1];
            final String what = "prop.test(" + x + ", " + n + ", correct=FALSE)$conf.int";
            assertRelative(c[2], BinomialInterval.wilsonLower(x, n, 0.05), REL, what);
            assertRelative(c[3], BinomialInterval.wilsonUpper(x, n, 0.05), REL, what);
            assertRelative(c[4], BinomialInterval.wilsonLower(x, n, 0.10), REL, what + " 90%");
            assertRelative(c[5], BinomialInterval.wilsonUpper(x, n, 0.10), REL, what + " 90%");
        }
    }

    /**
     * One-sided tails against commons-statistics' {@code BinomialTest} (same definition); two-sided, R's
     * tolerance can only add outcomes of (nearly) equal probability to the sum, so trialsim's p-value is
     * never below commons' and equal to it away from such ties.
     */
    @Test
    void exactBinomialAgainstCommonsBinomialTest() {
        final org.apache.commons.statistics.inference.BinomialTest commons =
            org.apache.commons.statistics.inference.BinomialTest.withDefaults();
        int ties = 0;
        int cases = 0;
        for (int n = 1; n <= 60; n += 3) {
            for (double p0 : new double[] {0.1, 0.25, 0.37, 0.5, 0.8}) {
                final ExactBinomialTest test = ExactBinomialTest.withDefaults().withNullProportion(p0);
                // one reused result for all three alternatives and every k: the allocation-free form
                final ExactBinomialTest.Result result = new ExactBinomialTest.Result();
                for (int k = 0; k <= n; k++) {
                    final String what = "binom " + k + "/" + n + " p0=" + p0;
                    assertRelative(commons.with(org.apache.commons.statistics.inference.AlternativeHypothesis.GREATER_THAN)
                        .test(n, k, p0).getPValue(), test.with(Alternative.GREATER).test(k, n, result).pValue(), 1e-12, what);
                    assertRelative(commons.with(org.apache.commons.statistics.inference.AlternativeHypothesis.LESS_THAN)
                        .test(n, k, p0).getPValue(), test.with(Alternative.LESS).test(k, n, result).pValue(), 1e-12, what);
                    final double c = commons.test(n, k, p0).getPValue();
                    final double mine = test.test(k, n, result).pValue();
                    org.junit.jupiter.api.Assertions.assertTrue(mine >= c * (1 - 1e-12), what);
                    if (Math.abs(mine - c) > 1e-12 * c) {
                        ties++;
                    }
                    cases++;
                }
            }
        }
        // ties (mirror outcomes at p0 = 0.5 and a few coincidences) are a small minority: 43 of 3050 here
        org.junit.jupiter.api.Assertions.assertTrue(ties < cases / 20, ties + " of " + cases);
    }
}
