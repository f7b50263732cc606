package org.trialsim.stats.combination;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * The weighted inverse-normal combination test of a two-stage design (Lehmacher W, Wassmer G. Adaptive sample
 * size calculations in group sequential trials. Biometrics 1999;55:1286-1290; with weights fixed at the planned
 * information fraction, the test of Cui L, Hung HMJ, Wang SJ. Modification of sample size in group sequential
 * clinical trials. Biometrics 1999;55:853-857). Stage-wise standardized statistics Z1 (stage-1 data) and Z2 (the
 * data added after the interim only) are combined as {@code w1 Z1 + w2 Z2}, {@code w1 = sqrt(t1)},
 * {@code w2 = sqrt(1 - t1)}, t1 the planned information fraction of the interim; the null hypothesis is rejected at
 * the interim if {@code Z1 >= c1}, else at the end if {@code w1 Z1 + w2 Z2 >= c2}. Because the weights are fixed
 * before the data are seen and Z2 is standard normal under the null given stage 1 whatever the stage-2 sample size,
 * the type I error is alpha however the stage-2 size is chosen from the interim data. The bounds are those of the
 * group-sequential design with the same fractions ({@link GroupSequentialBoundaries}: Lan-DeMets spending), or
 * with no early rejection {@code c1 = +inf, c2 = Phi^-1(1 - alpha)} (rpact {@code typeOfDesign = "noEarlyEfficacy"}).
 * Immutable.
 *
 * @param t1 the planned information fraction of the interim, in (0, 1)
 * @param alpha the one-sided type I error
 * @param c1 the efficacy bound of the interim (+inf: no early rejection)
 * @param c2 the bound of the combination at the final analysis
 */
public record InverseNormalCombination(double t1, double alpha, double c1, double c2) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    public InverseNormalCombination {
        if (!(t1 > 0 && t1 < 1)) {
            throw new IllegalArgumentException("the interim's information fraction must be in (0, 1), found " + t1);
        }
    }

    /**
     * A design with an efficacy bound at the interim from a spending function.
     *
     * @param t1 the planned information fraction of the interim
     * @param spending the alpha spending function
     * @param alpha the one-sided type I error, in (0, 0.5)
     * @return the design
     */
    public static InverseNormalCombination withSpending(double t1, SpendingFunction spending, double alpha) {
        double[] b = GroupSequentialBoundaries.efficacyOnly(new double[] {t1, 1}, spending, alpha).efficacyBounds();
        return new InverseNormalCombination(t1, alpha, b[0], b[1]);
    }

    /**
     * A design with no rejection at the interim (the interim only adapts the sample size).
     *
     * @param t1 the planned information fraction of the interim
     * @param alpha the one-sided type I error, in (0, 0.5)
     * @return the design
     */
    public static InverseNormalCombination noEarlyEfficacy(double t1, double alpha) {
        return new InverseNormalCombination(t1, alpha, Double.POSITIVE_INFINITY,
                STANDARD_NORMAL.inverseSurvivalProbability(alpha));
    }

    /** @return the weight of the first stage, sqrt(t1) */
    public double w1() {
        return Math.sqrt(t1);
    }

    /** @return the weight of the second stage, sqrt(1 - t1) */
    public double w2() {
        return Math.sqrt(1 - t1);
    }

    /**
     * The combination statistic.
     *
     * @param z1 the stage-1 statistic
     * @param z2 the statistic of the stage-2 data alone
     * @return {@code w1 z1 + w2 z2}
     */
    public double combined(double z1, double z2) {
        return w1() * z1 + w2() * z2;
    }

    /**
     * The bound the stage-2 statistic alone must reach given the interim's: {@code (c2 - w1 z1) / w2} (rpact's
     * conditional critical value).
     *
     * @param z1 the stage-1 statistic
     * @return the conditional critical value
     */
    public double conditionalCriticalValue(double z1) {
        return (c2 - w1() * z1) / w2();
    }

    /**
     * The conditional power: the probability that the final analysis rejects given the interim, when the stage-2
     * statistic has mean {@code stage2Drift} (the standardized effect times the square root of stage 2's
     * information): {@code 1 - Phi(ccv(z1) - stage2Drift)}; 1 when the interim already rejects.
     *
     * @param z1 the stage-1 statistic
     * @param stage2Drift the mean of the stage-2 statistic
     * @return the conditional power
     */
    public double conditionalPower(double z1, double stage2Drift) {
        if (z1 >= c1) {
            return 1;
        }
        return STANDARD_NORMAL.survivalProbability(conditionalCriticalValue(z1) - stage2Drift);
    }

    /**
     * The conditional power under the interim's trend: the stage-2 drift is {@code z1 sqrt(i2 / i1)}, the effect
     * estimated at the interim carried to stage 2's information.
     *
     * @param z1 the stage-1 statistic
     * @param informationRatio stage 2's information over stage 1's (for equal allocation, patients over patients)
     * @return the conditional power
     */
    public double conditionalPowerUnderTrend(double z1, double informationRatio) {
        return conditionalPower(z1, z1 * Math.sqrt(informationRatio));
    }

    /**
     * The stage-2 information (as a multiple of stage 1's) that gives conditional power {@code target} under the
     * interim's trend: {@code ((ccv(z1) + Phi^-1(target)) / z1)^2}; +inf when the trend is not favourable
     * ({@code z1 <= 0}), 0 when the interim rejects.
     *
     * @param z1 the stage-1 statistic
     * @param target the conditional power wanted, in (0, 1)
     * @return the ratio of stage-2 to stage-1 information
     */
    public double informationRatioFor(double z1, double target) {
        if (z1 >= c1) {
            return 0;
        }
        if (z1 <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double root = (conditionalCriticalValue(z1) + STANDARD_NORMAL.inverseCumulativeProbability(target)) / z1;
        return root <= 0 ? 0 : root * root;
    }

    /**
     * The stage-2 statistic from cumulative statistics, by the independent increments of the score process:
     * {@code (sqrt(ic) zc - sqrt(i1) z1) / sqrt(ic - i1)} (Jennison and Turnbull 2000, section 3.1), exact for
     * known-variance normal data and asymptotically for the others; the information may be on any common scale
     * (for equal allocation, patients analysed).
     *
     * @param z1 the statistic of the interim (stage-1 data)
     * @param i1 the information of the interim
     * @param zc the statistic of all data at the final analysis
     * @param ic the information of the final analysis, above {@code i1}
     * @return the statistic of the data added after the interim
     */
    public static double stage2Statistic(double z1, double i1, double zc, double ic) {
        if (!(ic > i1)) {
            return Double.NaN;
        }
        return (Math.sqrt(ic) * zc - Math.sqrt(i1) * z1) / Math.sqrt(ic - i1);
    }
}
