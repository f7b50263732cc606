package org.trialsim.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Boundaries and operating characteristics against rpact 3.3.4 (Debian r-cran-rpact 3.3.4-1; the script that
 * printed every value is core/src/test/r/stats-part-b-references.R). Each block records the R call; rpact
 * solves its spending equations to about 1e-8 in alpha (it reports alpha spent 0.024999990), so bounds are
 * compared to 1e-5 and probabilities to 1e-6.
 */
class GroupSequentialBoundariesTest {

    private static final NormalDistribution N01 = NormalDistribution.of(0, 1);
    private static final double Z_TOL = 1e-5;
    private static final double P_TOL = 1e-6;

    private static double[] equal(int k) {
        final double[] t = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = (i + 1.0) / k;
        }
        t[k - 1] = 1;
        return t;
    }

    private static void assertEfficacy(GroupSequentialBoundaries g, double[] crit, double[] alphaSpent) {
        assertArrayEquals(crit, g.efficacyBounds(), Z_TOL, () -> Arrays.toString(g.efficacyBounds()));
        // the bounds spend what the spending function says, computed back by integration
        final ExitProbabilities null0 = g.exitProbabilities(0, false);
        for (int k = 0; k < g.looks(); k++) {
            assertEquals(alphaSpent[k], null0.cumulativeRejection(k), P_TOL);
            assertEquals(alphaSpent[k], g.cumulativeAlphaSpent(k), P_TOL);
        }
    }

    /**
     * Reference case g01 and rpact: getDesignGroupSequential(kMax=2, alpha=0.025, sided=1, typeOfDesign="asOF",
     * informationRates=c(0.5,1)): criticalValues 2.9625880 1.9685956, alphaSpent 0.001525323 0.024999990.
     */
    @Test
    void obrienFlemingTwoLooksReferenceG01() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(new double[] {0.5, 1},
                SpendingFunction.obrienFleming(), 0.025);
        assertEfficacy(g, new double[] {2.962588, 1.9685956}, new double[] {0.001525323, 0.025});
        assertEquals(0.024499771, g.nominalAlpha(1), P_TOL, "rpact stageLevels[2]");
    }

    /** getDesignGroupSequential(kMax=3, alpha=0.025, sided=1, typeOfDesign="asOF"). */
    @Test
    void obrienFlemingThreeEqualLooks() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(equal(3),
                SpendingFunction.obrienFleming(), 0.025);
        assertEfficacy(g, new double[] {3.7103029, 2.5114275, 1.9930475},
                new double[] {0.000103506, 0.006048389, 0.025});
        assertEquals(0.023128124, g.nominalAlpha(2), P_TOL);
    }

    /** getDesignGroupSequential(kMax=5, alpha=0.025, sided=1, typeOfDesign="asOF"). */
    @Test
    void obrienFlemingFiveEqualLooks() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(equal(5),
                SpendingFunction.obrienFleming(), 0.025);
        assertEfficacy(g, new double[] {4.8768849, 3.3570119, 2.6802801, 2.2898168, 2.0310321},
                new double[] {0.000000539, 0.000394152, 0.003808063, 0.012211790, 0.025});
    }

    /** getDesignGroupSequential(kMax=4, alpha=0.05, sided=1, typeOfDesign="asOF", informationRates=c(0.2,0.45,0.7,1)). */
    @Test
    void obrienFlemingUnequalLooksAlpha05() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(
                new double[] {0.2, 0.45, 0.7, 1}, SpendingFunction.obrienFleming(), 0.05);
        assertEfficacy(g, new double[] {4.2291951, 2.6990844, 2.0957008, 1.7050831},
                new double[] {0.000011726, 0.003480800, 0.019149644, 0.05});
    }

    /** getDesignGroupSequential(kMax=4, alpha=0.025, sided=1, typeOfDesign="asP"). */
    @Test
    void pocockFourEqualLooks() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(equal(4),
                SpendingFunction.pocock(), 0.025);
        assertEfficacy(g, new double[] {2.3683277, 2.3675243, 2.3581683, 2.3500360},
                new double[] {0.008934350, 0.015502863, 0.020699723, 0.025});
    }

    /** getDesignGroupSequential(kMax=5, alpha=0.05, sided=1, typeOfDesign="asP"). */
    @Test
    void pocockFiveEqualLooksAlpha05() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(equal(5),
                SpendingFunction.pocock(), 0.05);
        assertEfficacy(g, new double[] {2.1762115, 2.1437477, 2.1132853, 2.0895992, 2.0709984},
                new double[] {0.014769726, 0.026156858, 0.035425653, 0.043241986, 0.05});
    }

    /** getDesignGroupSequential(kMax=3, alpha=0.05, sided=1, typeOfDesign="asP", informationRates=c(0.4,0.8,1)). */
    @Test
    void pocockUnequalLooksAlpha05() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(new double[] {0.4, 0.8, 1},
                SpendingFunction.pocock(), 0.05);
        assertEfficacy(g, new double[] {1.9405431, 1.9435946, 2.0262267},
                new double[] {0.026156858, 0.043241986, 0.05});
    }

    /** getDesignGroupSequential(kMax=5, alpha=0.025, sided=1, typeOfDesign="asHSD", gammaA=-4). */
    @Test
    void hwangShihDeCaniMinus4FiveLooks() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(equal(5),
                SpendingFunction.hwangShihDeCani(-4), 0.025);
        assertEfficacy(g, new double[] {3.2526685, 2.9860459, 2.6916574, 2.3736670, 2.0253214},
                new double[] {0.000571634, 0.001843829, 0.004675150, 0.010976372, 0.025});
    }

    /** getDesignGroupSequential(kMax=3, alpha=0.05, sided=1, typeOfDesign="asHSD", gammaA=-2, informationRates=c(0.3,0.7,1)). */
    @Test
    void hwangShihDeCaniMinus2Unequal() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(new double[] {0.3, 0.7, 1},
                SpendingFunction.hwangShihDeCani(-2), 0.05);
        assertEfficacy(g, new double[] {2.4874125, 2.0539739, 1.7483840},
                new double[] {0.006433805, 0.023909635, 0.05});
    }

    /** getDesignGroupSequential(kMax=3, alpha=0.025, sided=1, typeOfDesign="asHSD", gammaA=1, informationRates=c(0.25,0.6,1)). */
    @Test
    void hwangShihDeCaniPlus1Unequal() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(new double[] {0.25, 0.6, 1},
                SpendingFunction.hwangShihDeCani(1), 0.025);
        assertEfficacy(g, new double[] {2.3761025, 2.2809045, 2.2703810},
                new double[] {0.008748300, 0.017844237, 0.025});
    }

    /**
     * rpact: d &lt;- getDesignGroupSequential(kMax=3, alpha=0.025, sided=1, typeOfDesign="asOF");
     * getPowerAndAverageSampleNumber(d, theta=c(0, 0.2, 0.3), nMax=100) (normal mean, so drift = theta*10):
     * rejectPerStage, overallReject and averageSampleNumber.
     */
    @Test
    void powerAndExpectedSampleSizeMatchRpact() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.efficacyOnly(equal(3),
                SpendingFunction.obrienFleming(), 0.025);
        assertExits(g.exitProbabilities(0, true), new double[] {0.00010351, 0.00594488, 0.01895161}, 99.794937);
        assertExits(g.exitProbabilities(2, true), new double[] {0.00530021, 0.18485988, 0.31990515}, 93.484657);
        assertExits(g.exitProbabilities(3, true), new double[] {0.02395014, 0.45171288, 0.37085604}, 83.346228);
        assertEquals(0.84651906, g.exitProbabilities(3, true).rejectionProbability(), 1e-7);
        // d <- getDesignGroupSequential(kMax=4, alpha=0.025, sided=1, typeOfDesign="asP",
        //   informationRates=c(0.2,0.5,0.8,1)); getPowerAndAverageSampleNumber(d, theta=0.25, nMax=100)
        final GroupSequentialBoundaries p = GroupSequentialBoundaries.efficacyOnly(new double[] {0.2, 0.5, 0.8, 1},
                SpendingFunction.pocock(), 0.025);
        assertExits(p.exitProbabilities(2.5, true), new double[] {0.09342707, 0.21548579, 0.20125129, 0.10670734},
                77.726518);
    }

    private static void assertExits(ExitProbabilities e, double[] rejectPerStage, double asnPer100) {
        assertArrayEquals(rejectPerStage, e.efficacy(), 2e-8 + P_TOL);
        assertEquals(asnPer100, 100 * e.expectedInformationFraction(), 1e-4);
        double total = 0;
        for (int k = 0; k < rejectPerStage.length; k++) {
            total += e.efficacy()[k] + e.futility()[k];
        }
        // Simpson on the truncated grid conserves mass to Jennison and Turnbull's stated accuracy (1e-6)
        assertEquals(1, total, 1e-6, "every trial stops somewhere");
    }

    /**
     * Beta-spending futility against rpact: d &lt;- getDesignGroupSequential(kMax=3, alpha=0.025, beta=0.2,
     * sided=1, typeOfDesign="asOF", typeBetaSpending="bsOF", bindingFutility=FALSE);
     * ch &lt;- getDesignCharacteristics(d): futilityBounds -0.2361446 1.1703720, shift 8.66778493 (drift
     * sqrt(shift)), inflationFactor 1.10433402, futilityProbabilities 0.02643829 0.09007602,
     * rejectionProbabilities 0.02218809 0.43510266 0.34270925, averageSampleNumber1 0.87520995 (relative to
     * the fixed design).
     */
    @Test
    void betaSpendingObrienFleming() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withBetaSpending(equal(3),
                SpendingFunction.obrienFleming(), 0.025, SpendingFunction.obrienFleming(), 0.2);
        assertArrayEquals(new double[] {3.7103029, 2.5114275, 1.9930475}, g.efficacyBounds(), Z_TOL);
        assertArrayEquals(new double[] {-0.2361446, 1.1703720, 1.9930475}, g.futilityBounds(), Z_TOL);
        assertEquals(Math.sqrt(8.66778493), g.designDrift(), 1e-5);
        final double fixed = N01.inverseSurvivalProbability(0.025) + N01.inverseSurvivalProbability(0.2);
        final double inflation = Math.pow(g.designDrift() / fixed, 2);
        assertEquals(1.10433402, inflation, 1e-5);
        final ExitProbabilities h1 = g.exitProbabilities(g.designDrift(), true);
        assertArrayEquals(new double[] {0.02218809, 0.43510266, 0.34270925}, h1.efficacy(), 1e-6);
        assertEquals(0.02643829, h1.futility()[0], 1e-6);
        assertEquals(0.09007602, h1.futility()[1], 1e-6);
        assertEquals(0.8, h1.rejectionProbability(), 1e-8);
        assertEquals(0.87520995, h1.expectedInformationFraction() * inflation, 1e-5);
        for (int k = 0; k < 3; k++) {
            assertEquals(g.cumulativeBetaSpent(k), cumulativeFutility(h1, k), 1e-8, "beta spent at look " + k);
        }
    }

    private static double cumulativeFutility(ExitProbabilities e, int look) {
        double sum = 0;
        for (int k = 0; k <= look; k++) {
            sum += e.futility()[k];
        }
        return sum;
    }

    /**
     * getDesignGroupSequential(kMax=2, alpha=0.025, beta=0.1, sided=1, typeOfDesign="asOF",
     * typeBetaSpending="bsP", bindingFutility=FALSE, informationRates=c(0.5,1)): futility 0.9231405,
     * shift 12.11546088, rejectionProbabilities 0.30806511 0.59193489, futilityProbabilities 0.06201145.
     */
    @Test
    void betaSpendingPocockTwoLooks() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withBetaSpending(new double[] {0.5, 1},
                SpendingFunction.obrienFleming(), 0.025, SpendingFunction.pocock(), 0.1);
        assertEquals(0.9231405, g.futilityBound(0), Z_TOL);
        assertEquals(Math.sqrt(12.11546088), g.designDrift(), 1e-5);
        final ExitProbabilities h1 = g.exitProbabilities(g.designDrift(), true);
        assertArrayEquals(new double[] {0.30806511, 0.59193489}, h1.efficacy(), 1e-6);
        assertEquals(0.06201145, h1.futility()[0], 1e-6);
    }

    /**
     * getDesignGroupSequential(kMax=4, alpha=0.025, beta=0.1, sided=1, typeOfDesign="asHSD", gammaA=-4,
     * typeBetaSpending="bsHSD", gammaB=-2, bindingFutility=FALSE): criticalValues 3.1553730 2.8183471
     * 2.4391318 2.0136473, futilityBounds -0.6299236 0.3566321 1.2028410, shift 11.43384186.
     */
    @Test
    void betaSpendingHwangShihDeCani() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withBetaSpending(equal(4),
                SpendingFunction.hwangShihDeCani(-4), 0.025, SpendingFunction.hwangShihDeCani(-2), 0.1);
        assertArrayEquals(new double[] {3.1553730, 2.8183471, 2.4391318, 2.0136473}, g.efficacyBounds(), Z_TOL);
        assertArrayEquals(new double[] {-0.6299236, 0.3566321, 1.2028410, 2.0136473}, g.futilityBounds(), Z_TOL);
        assertEquals(Math.sqrt(11.43384186), g.designDrift(), 1e-5);
    }

    /**
     * getDesignGroupSequential(kMax=3, alpha=0.05, beta=0.2, sided=1, typeOfDesign="asP",
     * typeBetaSpending="bsOF", bindingFutility=FALSE, informationRates=c(0.3,0.6,1)): criticalValues
     * 2.0377642 2.0236631 1.9544564, futilityBounds -0.5468766 0.8300185, shift 7.71812436.
     */
    @Test
    void betaSpendingPocockAlpha05Unequal() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withBetaSpending(new double[] {0.3, 0.6, 1},
                SpendingFunction.pocock(), 0.05, SpendingFunction.obrienFleming(), 0.2);
        assertArrayEquals(new double[] {2.0377642, 2.0236631, 1.9544564}, g.efficacyBounds(), Z_TOL);
        assertEquals(-0.5468766, g.futilityBound(0), Z_TOL);
        assertEquals(0.8300185, g.futilityBound(1), Z_TOL);
        assertEquals(Math.sqrt(7.71812436), g.designDrift(), 1e-5);
    }

    /**
     * With two looks the conditional power under the trend at the interim is Lan and Wittes' closed form
     * Phi((z / sqrt(t) - b_2) / sqrt(1 - t)); the precomputed futility bound is where it equals the threshold.
     */
    @Test
    void conditionalPowerFutilityTwoLooksIsLanWittes() {
        final double t = 0.5;
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withConditionalPowerFutility(
                new double[] {t, 1}, SpendingFunction.obrienFleming(), 0.025, 0.2);
        final double b2 = g.efficacyBound(1);
        for (double z : new double[] {-1, 0, 0.5, 1.3, 2.2}) {
            final double closed = N01.cumulativeProbability((z / Math.sqrt(t) - b2) / Math.sqrt(1 - t));
            assertEquals(closed, g.conditionalPowerUnderTrend(0, z), 1e-7, "z=" + z);
        }
        // CP(a) = 0.2  <=>  a = sqrt(t) (b2 + sqrt(1 - t) Phi^-1(0.2))
        final double a = Math.sqrt(t) * (b2 + Math.sqrt(1 - t) * N01.inverseCumulativeProbability(0.2));
        assertEquals(a, g.futilityBound(0), 1e-8);
        assertEquals(Decision.FUTILITY, g.decide(0, a - 1e-6));
        assertEquals(Decision.CONTINUE, g.decide(0, a + 1e-6));
    }

    /**
     * With three looks the conditional power counts both later bounds: check it against a direct bivariate
     * normal computation (Simpson integration over the next look) done here independently.
     */
    @Test
    void conditionalPowerCountsLaterInterims() {
        final double[] t = {0.3, 0.6, 1};
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withConditionalPowerFutility(t,
                SpendingFunction.pocock(), 0.025, 0.1);
        final double z1 = 0.4;
        final double theta = z1 / Math.sqrt(t[0]);
        final double b2 = g.efficacyBound(1);
        final double b3 = g.efficacyBound(2);
        // B-values: B1 = z1 sqrt(t1); B2 = B1 + theta (t2 - t1) + sqrt(t2 - t1) U; B3 = B2 + theta (t3 - t2) + ...
        final double b1v = z1 * Math.sqrt(t[0]);
        final double mean2 = b1v + theta * (t[1] - t[0]);
        final double sd2 = Math.sqrt(t[1] - t[0]);
        final double cross2 = N01.survivalProbability((b2 * Math.sqrt(t[1]) - mean2) / sd2);
        // integrate over B2 below its bound
        final int n = 20000;
        final double lo = mean2 - 10 * sd2;
        final double hi = b2 * Math.sqrt(t[1]);
        final double h = (hi - lo) / n;
        double integral = 0;
        for (int i = 0; i <= n; i++) {
            final double bv = lo + i * h;
            final double w = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            final double dens = N01.density((bv - mean2) / sd2) / sd2;
            final double pass = N01.survivalProbability((b3 - bv - theta * (t[2] - t[1])) / Math.sqrt(t[2] - t[1]));
            integral += w * dens * pass;
        }
        integral *= h / 3;
        assertEquals(cross2 + integral, g.conditionalPowerUnderTrend(0, z1), 1e-6);
        assertEquals(0.1, g.conditionalPowerUnderTrend(0, g.futilityBound(0)), 1e-8);
        assertEquals(0.1, g.conditionalPowerUnderTrend(1, g.futilityBound(1)), 1e-8);
    }

    @Test
    void decisionsFollowTheBounds() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withBetaSpending(equal(3),
                SpendingFunction.obrienFleming(), 0.025, SpendingFunction.obrienFleming(), 0.2);
        assertEquals(Decision.REJECT, g.decide(0, 3.72));
        assertEquals(Decision.CONTINUE, g.decide(0, 3.70));
        assertEquals(Decision.FUTILITY, g.decide(0, -0.3));
        assertEquals(Decision.CONTINUE, g.decide(1, 1.2));
        assertEquals(Decision.FUTILITY, g.decide(1, 1.1));
        assertEquals(Decision.REJECT, g.decide(2, 1.9931));
        assertEquals(Decision.FUTILITY, g.decide(2, 1.9929));
        assertEquals(Decision.CONTINUE, g.decide(0, Double.NaN));
        assertEquals(Decision.FUTILITY, g.decide(2, Double.NaN));
    }

    /**
     * The default grid (r = 18) agrees with a grid four times finer to Jennison and Turnbull's stated
     * accuracy of 1e-6 (2000, p. 350; measured here: 3e-7 at worst), far inside the 1e-4 promised for bounds.
     */
    @Test
    void gridIsConverged() {
        final double[] t = {0.2, 0.4, 0.6, 0.8, 1};
        final double[] lower = {-0.5, 0, 0.5, 1, 2};
        final double[] upper = {3.5, 3, 2.6, 2.3, 2};
        final double[] up18 = new double[5];
        final double[] low18 = new double[5];
        final double[] up72 = new double[5];
        final double[] low72 = new double[5];
        new CanonicalJointDistribution(t, 18).exitProbabilities(lower, upper, 1.7, up18, low18);
        new CanonicalJointDistribution(t, 72).exitProbabilities(lower, upper, 1.7, up72, low72);
        assertArrayEquals(up72, up18, 1e-6);
        assertArrayEquals(low72, low18, 1e-6);
    }

    /**
     * The per-trial decisions, applied to simulated canonical B-value paths, stop where the integration says:
     * 40,000 trials under the design drift, per-look rejection and futility frequencies within 4 Monte Carlo
     * standard errors of the exact exit probabilities (with 6 such comparisons a correct implementation fails
     * with probability below 4e-4; the seed is fixed, so the outcome is reproducible).
     */
    @Test
    void decisionsOnSimulatedTrialsMatchExitProbabilities() {
        final double[] t = {0.3, 0.6, 1};
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withBetaSpending(t,
                SpendingFunction.hwangShihDeCani(-4), 0.025, SpendingFunction.hwangShihDeCani(-2), 0.15);
        final double drift = g.designDrift();
        final ExitProbabilities exact = g.exitProbabilities(drift, true);
        final org.apache.commons.rng.UniformRandomProvider rng =
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(20261122L);
        final org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler gauss =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        final int trials = 40000;
        final int[] rejections = new int[3];
        final int[] futilities = new int[3];
        for (int i = 0; i < trials; i++) {
            double b = 0;
            double previous = 0;
            for (int k = 0; k < 3; k++) {
                final double dt = t[k] - previous;
                b += drift * dt + Math.sqrt(dt) * gauss.sample();
                previous = t[k];
                final Decision d = g.decide(k, b / Math.sqrt(t[k]));
                if (d == Decision.REJECT) {
                    rejections[k]++;
                    break;
                }
                if (d == Decision.FUTILITY) {
                    futilities[k]++;
                    break;
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            assertWithinMcse(exact.efficacy()[k], rejections[k], trials, "rejection at look " + k);
            assertWithinMcse(exact.futility()[k], futilities[k], trials, "futility at look " + k);
        }
    }

    private static void assertWithinMcse(double p, int count, int trials, String what) {
        final double se = Math.sqrt(p * (1 - p) / trials);
        assertEquals(p, (double) count / trials, 4 * se, what);
    }

    /**
     * gsDesign 3.x, as printed in its own test snapshots (keaven/gsDesign,
     * tests/testthat/_snaps/independent-test-gsBoundSummary.md, four decimals): the default
     * {@code gsDesign(k = 3, test.type = 4, alpha = 0.025, beta = 0.1, sfu = sfHSD, sfupar = -4, sfl = sfHSD,
     * sflpar = -2)} has efficacy Z 3.0107 2.5465 1.9992 and futility Z -0.2387 0.9411 1.9992, futility crossing
     * 0.0148 at the first look under the alternative; with {@code k = 5}: efficacy 3.2527 2.9860 2.6917 2.3737
     * 2.0253, futility -0.9016 -0.0367 0.6945 1.3603, maximum N / fixed N 1.1 (printed to two digits).
     */
    @Test
    void gsDesignDefaultDesignsFromItsSnapshots() {
        final GroupSequentialBoundaries three = GroupSequentialBoundaries.withBetaSpending(equal(3),
                SpendingFunction.hwangShihDeCani(-4), 0.025, SpendingFunction.hwangShihDeCani(-2), 0.1);
        assertArrayEquals(new double[] {3.0107, 2.5465, 1.9992}, three.efficacyBounds(), 5e-5 + 1e-9);
        assertArrayEquals(new double[] {-0.2387, 0.9411, 1.9992}, three.futilityBounds(), 5e-5 + 1e-9);
        assertEquals(0.0148, three.exitProbabilities(three.designDrift(), true).futility()[0], 5e-5);
        final GroupSequentialBoundaries five = GroupSequentialBoundaries.withBetaSpending(equal(5),
                SpendingFunction.hwangShihDeCani(-4), 0.025, SpendingFunction.hwangShihDeCani(-2), 0.1);
        assertArrayEquals(new double[] {3.2527, 2.9860, 2.6917, 2.3737, 2.0253}, five.efficacyBounds(), 5e-5 + 1e-9);
        assertArrayEquals(new double[] {-0.9016, -0.0367, 0.6945, 1.3603, 2.0253}, five.futilityBounds(),
                5e-5 + 1e-9);
        final double fixed = N01.inverseSurvivalProbability(0.025) + N01.inverseSurvivalProbability(0.1);
        assertEquals(1.1, Math.pow(five.designDrift() / fixed, 2), 0.005);
    }

    /** One look is the fixed design: b = z_(1-alpha); with beta spending the drift is z_alpha + z_beta. */
    @Test
    void singleLookIsTheFixedDesign() {
        final GroupSequentialBoundaries fixed = GroupSequentialBoundaries.efficacyOnly(new double[] {1},
                SpendingFunction.pocock(), 0.025);
        assertEquals(N01.inverseSurvivalProbability(0.025), fixed.efficacyBound(0), 1e-12);
        assertEquals(Decision.FUTILITY, fixed.decide(0, 1.9));
        final GroupSequentialBoundaries beta = GroupSequentialBoundaries.withBetaSpending(new double[] {1},
                SpendingFunction.obrienFleming(), 0.025, SpendingFunction.obrienFleming(), 0.1);
        assertEquals(N01.inverseSurvivalProbability(0.025) + N01.inverseSurvivalProbability(0.1), beta.designDrift(),
                1e-9);
        assertEquals(0.9, beta.exitProbabilities(beta.designDrift(), true).rejectionProbability(), 1e-9);
    }

    @Test
    void spendingFunctionsHaveTheirClosedForms() {
        assertEquals(0.025, SpendingFunction.obrienFleming().spent(0.025, 1), 1e-15);
        assertEquals(0, SpendingFunction.obrienFleming().spent(0.025, 0), 0);
        assertEquals(0.025 * Math.log(1 + (Math.E - 1) * 0.5), SpendingFunction.pocock().spent(0.025, 0.5), 1e-16);
        assertEquals(0.05 * 0.3, SpendingFunction.hwangShihDeCani(0).spent(0.05, 0.3), 1e-16);
        assertEquals(0.05 * (1 - Math.exp(4 * 0.3)) / (1 - Math.exp(4)),
                SpendingFunction.hwangShihDeCani(-4).spent(0.05, 0.3), 1e-15);
    }

    @Test
    void rejectsBadDesigns() {
        final SpendingFunction obf = SpendingFunction.obrienFleming();
        assertThrows(IllegalArgumentException.class,
                () -> GroupSequentialBoundaries.efficacyOnly(new double[] {0.5, 0.9}, obf, 0.025));
        assertThrows(IllegalArgumentException.class,
                () -> GroupSequentialBoundaries.efficacyOnly(new double[] {0.6, 0.5, 1}, obf, 0.025));
        assertThrows(IllegalArgumentException.class,
                () -> GroupSequentialBoundaries.efficacyOnly(new double[] {0.5, 1}, obf, 0.6));
        assertThrows(IllegalArgumentException.class,
                () -> GroupSequentialBoundaries.withConditionalPowerFutility(new double[] {0.5, 1}, obf, 0.025, 1));
        assertThrows(IllegalArgumentException.class, () -> SpendingFunction.hwangShihDeCani(Double.NaN));
    }
}
