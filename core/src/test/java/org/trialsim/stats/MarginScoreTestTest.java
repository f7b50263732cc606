package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.trialsim.stats.MarginScoreTest.Scale;

/**
 * The shifted-null tests against R: {@link MarginScoreTest} against the Rao score test of the binomial GLM
 * with the margin as an offset (identity, log and logit links) and against Farrington and Manning's closed form
 * coded by hand; {@link TwoSampleTTest#withNullDifference} against {@code t.test(mu = )}; and
 * {@link LogRankTest#withNullHazardRatio} against {@code coxph(init = log(margin), iter.max = 0)$score}. Every
 * value printed by {@code Rscript core/src/test/r/margin-tests.R} (R 4.x, survival 3.x). The glm fits converge
 * to about 1e-8 in z (their Farrington-Manning closed forms agree with them to that), hence the tolerance 1e-7
 * against the Rao values and 1e-12 against the closed form.
 */
class MarginScoreTestTest {

    private static double z(Scale scale, double margin, int xT, int nT, int xC, int nC) {
        return MarginScoreTest.withDefaults().with(scale, margin).test(xT, nT, xC, nC).statistic();
    }

    /** ELEKT-D's primary result (Anand et al. NEJM 2023): 108 of 195 vs 70 of 170, margin -10 points. */
    @Test
    void elektDRiskDifferenceAgreesWithFarringtonManningAndGlmScore() {
        TestResult r = MarginScoreTest.withDefaults().with(Scale.RISK_DIFFERENCE, -0.10).test(108, 195, 70, 170);
        assertEquals(4.637473803464021, r.statistic(), 1e-12);   // hand-coded FM
        assertEquals(4.637473803641973, r.statistic(), 1e-7);    // glm identity link, Rao
        assertEquals(1.76346647188441e-06, r.pValue(), 1e-12);  // the paper: P < 0.001 for non-inferiority
        assertEquals(108.0 / 195 - 70.0 / 170, r.estimate(), 1e-15);
    }

    @Test
    void riskDifferenceAgreesWithR() {
        assertEquals(6.653966296544134, z(Scale.RISK_DIFFERENCE, -0.20, 108, 195, 70, 170), 1e-12);
        assertEquals(1.758159460378848, z(Scale.RISK_DIFFERENCE, 0.05, 108, 195, 70, 170), 1e-12);
        assertEquals(0.0, z(Scale.RISK_DIFFERENCE, -0.10, 30, 50, 35, 50), 1e-12);
        assertEquals(1.067414641908806, z(Scale.RISK_DIFFERENCE, -0.20, 30, 50, 35, 50), 1e-12);
        assertEquals(-1.572086935706347, z(Scale.RISK_DIFFERENCE, 0.05, 30, 50, 35, 50), 1e-12);
        assertEquals(1.612720721098473, z(Scale.RISK_DIFFERENCE, -0.10, 12, 40, 9, 38), 1e-12);
        assertEquals(2.595406779203343, z(Scale.RISK_DIFFERENCE, -0.20, 12, 40, 9, 38), 1e-12);
        assertEquals(0.131419002199040, z(Scale.RISK_DIFFERENCE, 0.05, 12, 40, 9, 38), 1e-12);
        assertEquals(-0.167758111957979, z(Scale.RISK_DIFFERENCE, -0.10, 45, 60, 50, 58), 1e-12);
        assertEquals(1.213887240861834, z(Scale.RISK_DIFFERENCE, -0.20, 45, 60, 50, 58), 1e-12);
        assertEquals(-2.191446428647548, z(Scale.RISK_DIFFERENCE, 0.05, 45, 60, 50, 58), 1e-12);
    }

    @Test
    void riskRatioAgreesWithGlmLogLinkScore() {
        assertEquals(4.794873566562372, z(Scale.RISK_RATIO, 0.8, 108, 195, 70, 170), 1e-7);
        assertEquals(6.502019794143180, z(Scale.RISK_RATIO, 0.667, 108, 195, 70, 170), 1e-7);
        assertEquals(0.658869973834946, z(Scale.RISK_RATIO, 1.25, 108, 195, 70, 170), 1e-7);
        assertEquals(0.462303463848722, z(Scale.RISK_RATIO, 0.8, 30, 50, 35, 50), 1e-7);
        assertEquals(1.629894659061374, z(Scale.RISK_RATIO, 0.667, 30, 50, 35, 50), 1e-7);
        assertEquals(-2.517826333941567, z(Scale.RISK_RATIO, 1.25, 30, 50, 35, 50), 1e-7);
        assertEquals(1.231949116724807, z(Scale.RISK_RATIO, 0.8, 12, 40, 9, 38), 1e-7);
        assertEquals(1.734086986107696, z(Scale.RISK_RATIO, 0.667, 12, 40, 9, 38), 1e-7);
        assertEquals(0.035019246081923, z(Scale.RISK_RATIO, 1.25, 12, 40, 9, 38), 1e-7);
        assertEquals(0.887304205268666, z(Scale.RISK_RATIO, 0.8, 45, 60, 50, 58), 1e-7);
        assertEquals(2.556778902712041, z(Scale.RISK_RATIO, 0.667, 45, 60, 50, 58), 1e-7);
    }

    @Test
    void oddsRatioAgreesWithGlmLogitScore() {
        assertEquals(6.067302808158212, z(Scale.ODDS_RATIO, 0.5, 108, 195, 70, 170), 1e-7);
        assertEquals(3.776202174945011, z(Scale.ODDS_RATIO, 0.8, 108, 195, 70, 170), 1e-7);
        assertEquals(0.789178378730062, z(Scale.ODDS_RATIO, 1.5, 108, 195, 70, 170), 1e-7);
        assertEquals(0.595231417134630, z(Scale.ODDS_RATIO, 0.5, 30, 50, 35, 50), 1e-7);
        assertEquals(-0.517844188927667, z(Scale.ODDS_RATIO, 0.8, 30, 50, 35, 50), 1e-7);
        assertEquals(-2.024237449560025, z(Scale.ODDS_RATIO, 1.5, 30, 50, 35, 50), 1e-7);
        assertEquals(2.010093498405293, z(Scale.ODDS_RATIO, 0.5, 12, 40, 9, 38), 1e-7);
        assertEquals(1.066637637483892, z(Scale.ODDS_RATIO, 0.8, 12, 40, 9, 38), 1e-7);
        assertEquals(-0.160762758480536, z(Scale.ODDS_RATIO, 1.5, 12, 40, 9, 38), 1e-7);
        assertEquals(-0.084412524570675, z(Scale.ODDS_RATIO, 0.5, 45, 60, 50, 58), 1e-7);
        assertEquals(-1.062634793453544, z(Scale.ODDS_RATIO, 0.8, 45, 60, 50, 58), 1e-7);
        assertEquals(-2.425335598310644, z(Scale.ODDS_RATIO, 1.5, 45, 60, 50, 58), 1e-7);
    }

    /** At no effect every scale's score test is the pooled two-proportion z (the chi-square's signed root). */
    @Test
    void atNoEffectEachIsThePooledZ() {
        double pooled = TwoProportionZTest.withDefaults().with(Alternative.GREATER).test(12, 40, 9, 38).statistic();
        for (Scale s : Scale.values()) {
            assertEquals(pooled, z(s, s.noEffect(), 12, 40, 9, 38), 1e-12, s.name());
        }
    }

    @Test
    void undefinedTablesDoNotReject() {
        TestResult r = MarginScoreTest.withDefaults().with(Scale.RISK_RATIO, 0.8).test(0, 20, 0, 20);
        assertFalse(r.defined());
        assertEquals(1, r.pValue());
        assertFalse(MarginScoreTest.withDefaults().with(Scale.ODDS_RATIO, 0.8).test(20, 20, 20, 20).defined());
        assertFalse(MarginScoreTest.withDefaults().with(Scale.RISK_DIFFERENCE, -0.1).test(0, 0, 3, 20).defined());
        assertThrows(IllegalArgumentException.class, () -> MarginScoreTest.withDefaults().with(Scale.RISK_RATIO, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MarginScoreTest.withDefaults().with(Scale.RISK_DIFFERENCE, -1));
    }

    private static final double[] X = {12.1, 9.8, 14.3, 11.0, 8.7, 13.5, 10.2, 12.9, 9.1, 11.8};
    private static final double[] Y = {10.4, 12.2, 9.9, 13.1, 11.7, 10.8, 12.5, 9.5};

    /** R: {@code t.test(x, y, mu = -1.5, var.equal = TRUE/FALSE, alternative = "greater")}. */
    @Test
    void shiftedTTestsAgreeWithR() {
        double[] y = new double[X.length + Y.length];
        boolean[] trt = new boolean[y.length];
        for (int i = 0; i < X.length; i++) {
            y[i] = X[i];
            trt[i] = true;
        }
        System.arraycopy(Y, 0, y, X.length, Y.length);
        TwoSampleTTest.Result pooled = TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC)
                .with(Alternative.GREATER).withNullDifference(-1.5).test(y, trt, y.length);
        assertEquals(1.998134649937495, pooled.statistic(), 1e-12);
        assertEquals(0.0314960957462061, pooled.pValue(), 1e-12);
        TwoSampleTTest.Result welch = TwoSampleTTest.withDefaults().withNullDifference(-1.5).with(Alternative.GREATER)
                .test(y, trt, y.length);
        assertEquals(2.084437908764630, welch.statistic(), 1e-12);
        assertEquals(15.717406346451119, welch.degreesOfFreedom(), 1e-10);
        assertEquals(0.0269042089604613, welch.pValue(), 1e-10);
    }

    private static final double[] TIME = {2.1, 3.5, 4.0, 4.0, 5.2, 6.8, 7.1, 8.3, 9.9, 10.5, 11.2, 12.0, 1.4, 2.9, 3.3,
        5.5, 6.0, 6.0, 7.7, 8.8, 9.4, 13.1};
    private static final int[] EVENT = {1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1};

    /**
     * R: {@code coxph(Surv(time, event) ~ trt, ties = "breslow", init = log(m), iter.max = 0)$score}, signed by
     * the direction of the first Newton step (ties at 4.0 and 6.0 included).
     */
    @Test
    void coxScoreAtAHazardRatioMarginAgreesWithR() {
        boolean[] event = new boolean[TIME.length];
        boolean[] trt = new boolean[TIME.length];
        for (int i = 0; i < TIME.length; i++) {
            event[i] = EVENT[i] == 1;
            trt[i] = i < 12;
        }
        LogRankTest.Result r13 = LogRankTest.withDefaults().with(Alternative.GREATER).withNullHazardRatio(1.3)
                .test(TIME, event, trt, null, TIME.length);
        assertEquals(0.907369385892535, r13.statistic(), 1e-12);
        assertEquals(0.823319202454997, r13.chiSquare(), 1e-12);
        LogRankTest.Result r08 = LogRankTest.withDefaults().withNullHazardRatio(0.8).test(TIME, event, trt, null,
                TIME.length);
        assertEquals(-0.031216546635586, r08.statistic(), 1e-12);
    }
}
