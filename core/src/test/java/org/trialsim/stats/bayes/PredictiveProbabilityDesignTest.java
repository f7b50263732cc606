package org.trialsim.stats.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.trialsim.stats.sequential.Decision;

/**
 * Lee and Liu's predictive-probability design against their published worked example and an independent
 * base-R implementation, core/src/test/r/bayes-predictive-references.R (PP with the posterior indicator per
 * future count, beta-binomial by choose() and beta(), operating characteristics by whole-cohort binomial
 * increments). The R values were printed with 15 digits; both sides are exact sums in double precision, so
 * they agree to about 1e-12 (1e-10 allowed, far below any figure a design reports).
 */
class PredictiveProbabilityDesignTest {

    private static final double EXACT = 1e-10;

    /**
     * Lee and Liu (Clin Trials 2008;5:93-106) Table 1: Nmax 40, 16 responses of 23, Beta(0.6, 0.4), p0 0.6,
     * thetaT 0.9: PP = 0.5656 as published (four decimals), 0.565558897524797 in R; 12 more responses are
     * needed (s = 28). The Genentech phase1b package's predprob documentation gives 70.8% at thetaT 0.8 and
     * 40.7% at 0.95.
     */
    @Test
    void leeLiuTable1() {
        BetaPrior prior = new BetaPrior(0.6, 0.4);
        PredictiveProbabilityDesign d = design(40, 0.6, prior, 0.9, 0, 1, new int[] {23, 40});
        assertEquals(0.5656, d.predictiveProbability(16, 23), 0.5e-4);
        assertEquals(0.565558897524797, d.predictiveProbability(16, 23), EXACT);
        assertEquals(28, d.successBound());
        assertEquals(0.708190673645914, design(40, 0.6, prior, 0.8, 0, 1, new int[] {40}).predictiveProbability(16, 23),
                EXACT);
        assertEquals(0.406823533777106,
                design(40, 0.6, prior, 0.95, 0, 1, new int[] {40}).predictiveProbability(16, 23), EXACT);
        // the table's rows: P(Y = i | x) and B_i = P(p > 0.6 | x, Y = i)
        assertEquals(1.88519627332869e-06, BetaBinomial.predictive(prior, 16, 23, 17, 0), 1e-18);
        assertEquals(0.158735363747691, BetaBinomial.predictive(prior, 16, 23, 17, 12), EXACT);
        assertEquals(0.00988166643612608, BetaBinomial.predictive(prior, 16, 23, 17, 17), EXACT);
        assertEquals(0.84148279795614067, BetaBinomial.posteriorProbabilityAbove(prior, 27, 40, 0.6), EXACT);
        assertEquals(0.90891210583853288, BetaBinomial.posteriorProbabilityAbove(prior, 28, 40, 0.6), EXACT);
        double total = 0;
        for (int i = 0; i <= 17; i++) {
            total += BetaBinomial.predictive(prior, 16, 23, 17, i);
        }
        assertEquals(1, total, 1e-13);
    }

    /** D1 of the R script: continuous monitoring from 10 to 36, Beta(0.2, 0.8), thetaT 0.9, thetaL 0.05. */
    @Test
    void continuousMonitoringAgainstR() {
        PredictiveProbabilityDesign d = design(36, 0.2, new BetaPrior(0.2, 0.8), 0.90, 0.05, 1,
                IntStream.rangeClosed(10, 36).toArray());
        assertEquals(11, d.successBound());
        int[] futility = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7, 7, 8, 8, 9};
        for (int n = 10; n < 36; n++) {
            assertEquals(futility[n - 10], d.futilityBound(n), "n = " + n);
            assertEquals(n + 1, d.efficacyBound(n), "thetaU = 1 never stops for efficacy");
        }
        check(d.operatingCharacteristics(0.2), 0.0742538922767719, 0.8884769798397173, 0, 19.3930482454087745);
        check(d.operatingCharacteristics(0.4), 0.860618249605649, 0.117841932118318, 0, 33.958303020501695);
    }

    /** D2: Table 1's setting as a design with looks every 5 from 10 and an efficacy stop at PP > 0.99. */
    @Test
    void efficacyStopsAgainstR() {
        PredictiveProbabilityDesign d = design(40, 0.6, new BetaPrior(0.6, 0.4), 0.90, 0.10, 0.99,
                new int[] {10, 15, 20, 25, 30, 35, 40});
        assertEquals(28, d.successBound());
        int[] looks = {10, 15, 20, 25, 30, 35};
        int[] futility = {5, 8, 11, 15, 19, 22};
        int[] efficacy = {10, 14, 18, 21, 24, 27};
        for (int k = 0; k < looks.length; k++) {
            assertEquals(futility[k], d.futilityBound(looks[k]));
            assertEquals(efficacy[k], d.efficacyBound(looks[k]));
        }
        check(d.operatingCharacteristics(0.6), 0.113596656289771, 0.787289099708856, 0.036803206920774,
                21.715557428979718);
        check(d.operatingCharacteristics(0.8), 0.9235589948687049, 0.0591905160647984, 0.7590734828507191,
                26.5632375700762040);
    }

    /** D3: a uniform prior and two looks (15, 30); D4: Lee and Liu's setting, the built-in scenario's design. */
    @Test
    void twoLooksAndTheBuiltInDesignAgainstR() {
        PredictiveProbabilityDesign d3 = design(30, 0.3, new BetaPrior(1, 1), 0.95, 0.01, 1, new int[] {15, 30});
        assertEquals(14, d3.successBound());
        assertEquals(3, d3.futilityBound(15));
        check(d3.operatingCharacteristics(0.3), 0.0399295800097837, 0.2968679278870480, 0, 25.5469810816942910);
        check(d3.operatingCharacteristics(0.5), 0.706787110306323, 0.017578125, 0, 29.736328125000011);
        PredictiveProbabilityDesign d4 = design(36, 0.2, BetaPrior.ofMean(0.2, 1), 0.90, 0.001, 1,
                PredictiveProbabilityDesign.looksEvery(10, 1, 36));
        check(d4.operatingCharacteristics(0.2), 0.0877792621402586, 0.8571164673240521, 0, 27.6676680937580031);
        check(d4.operatingCharacteristics(0.4), 0.9061814993930734, 0.0619708014259313, 0, 35.6541121114832791);
        assertArrayEquals(new double[] {0.8511131, 0.9226639}, d4.thetaTRange(), 1e-7);
    }

    /** C1 and C2 of the R script: the smallest thetaT meeting alpha 0.05, with its range of thetaT. */
    @Test
    void calibrationAgainstR() {
        PredictiveProbabilityDesign c1 = PredictiveProbabilityDesign.calibrate(36, 0.2, new BetaPrior(0.2, 0.8), 0.05,
                1, IntStream.rangeClosed(10, 36).toArray(), 0.05);
        assertEquals(12, c1.successBound());
        assertArrayEquals(new double[] {0.922663884986921, 0.963869473677684}, c1.thetaTRange(), EXACT);
        assertEquals(0.035458242186967, c1.operatingCharacteristics(0.2).rejection(), EXACT);
        assertEquals(c1.thetaTRange()[0], c1.thetaT());
        PredictiveProbabilityDesign c2 = PredictiveProbabilityDesign.calibrate(40, 0.6, new BetaPrior(0.6, 0.4), 0.10,
                0.99, new int[] {10, 15, 20, 25, 30, 35, 40}, 0.05);
        assertEquals(30, c2.successBound());
        assertArrayEquals(new double[] {0.952764732643166, 0.978098513668815}, c2.thetaTRange(), EXACT);
        assertEquals(0.038889590244315, c2.operatingCharacteristics(0.6).rejection(), EXACT);
        // one step looser exceeds alpha: the calibration is the smallest thetaT that meets it
        PredictiveProbabilityDesign looser = design(40, 0.6, new BetaPrior(0.6, 0.4), 0.93, 0.10, 0.99,
                new int[] {10, 15, 20, 25, 30, 35, 40});
        assertEquals(29, looser.successBound());
        assertTrue(looser.operatingCharacteristics(0.6).rejection() > 0.05);
    }

    @Test
    void decisionsReadTheBounds() {
        PredictiveProbabilityDesign d = design(40, 0.6, new BetaPrior(0.6, 0.4), 0.90, 0.10, 0.99,
                new int[] {10, 15, 20, 25, 30, 35, 40});
        assertEquals(Decision.FUTILITY, d.decide(10, 5, false));
        assertEquals(Decision.CONTINUE, d.decide(10, 6, false));
        assertEquals(Decision.REJECT, d.decide(10, 10, false));
        assertEquals(Decision.REJECT, d.decide(40, 28, true));
        assertEquals(Decision.FUTILITY, d.decide(40, 27, true));
        // a final analysis with fewer patients analysed (dropouts) uses the posterior at that count
        int x = 0;
        while (BetaBinomial.posteriorProbabilityAbove(new BetaPrior(0.6, 0.4), x, 38, 0.6) <= 0.9) {
            x++;
        }
        assertEquals(Decision.REJECT, d.decide(38, x, true));
        assertEquals(Decision.FUTILITY, d.decide(38, x - 1, true));
    }

    @Test
    void badInput() {
        BetaPrior prior = new BetaPrior(1, 1);
        assertThrows(IllegalArgumentException.class, () -> new BetaPrior(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BetaPrior(1, -2));
        assertThrows(IllegalArgumentException.class, () -> BetaPrior.ofMean(1, 2));
        assertThrows(IllegalArgumentException.class, () -> design(20, 0.2, prior, 1, 0, 1, new int[] {20}));
        assertThrows(IllegalArgumentException.class, () -> design(20, 0.2, prior, 0.9, 0.5, 0.4, new int[] {20}));
        assertThrows(IllegalArgumentException.class, () -> design(20, 0.2, prior, 0.9, 0, 1, new int[] {10}));
        assertThrows(IllegalArgumentException.class, () -> design(20, 0.2, prior, 0.9, 0, 1, new int[] {10, 10, 20}));
        assertEquals(1.0, BetaPrior.ofMean(0.2, 1).effectiveSampleSize(), 1e-15);
        assertEquals(0.2, BetaPrior.ofMean(0.2, 1).a(), 1e-15);
    }

    private static PredictiveProbabilityDesign design(int nMax, double p0, BetaPrior prior, double thetaT,
            double thetaL, double thetaU, int[] looks) {
        return new PredictiveProbabilityDesign(nMax, p0, prior, thetaT, thetaL, thetaU, looks);
    }

    private static void check(PredictiveProbabilityDesign.OperatingCharacteristics oc, double rejection,
            double earlyFutility, double earlyEfficacy, double expectedN) {
        assertEquals(rejection, oc.rejection(), EXACT, "rejection");
        assertEquals(earlyFutility, oc.earlyFutility(), EXACT, "early futility");
        assertEquals(earlyEfficacy, oc.earlyEfficacy(), EXACT, "early efficacy");
        assertEquals(expectedN, oc.expectedN(), 1e-9, "expected n");
    }
}
