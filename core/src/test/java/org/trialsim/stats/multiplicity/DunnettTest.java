package org.trialsim.stats.multiplicity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Dunnett's distribution against R. Two independent references: the same one-factor integral by R's
 * adaptive {@code integrate()} (rel.tol 1e-12, nested for finite df; core/src/test/r/dunnett-integrate-references.R),
 * agreement 1e-8; and one value of mvtnorm's {@code pmvt} with the full correlation matrix (Genz-Bretz
 * randomized quasi-Monte Carlo), within three times its stated error. The larger
 * core/src/test/r/dunnett-mvtnorm-multcomp-references.R did not finish in session 5; qmvt's critical values and
 * multcomp's adjusted p-values come from the smaller core/src/test/r/dunnett-qmvt-multcomp-small.R (session 6).
 */
class DunnettTest {

    @Test
    void cumulativeProbabilityAgainstRIntegrate() {
        Dunnett balanced = new Dunnett(20, new double[] {20, 20, 20}, 76);
        assertEquals(0.950542308674, balanced.cumulativeProbability(2.1, false), 1e-8);
        assertEquals(0.950375773463, balanced.cumulativeProbability(2.4, true), 1e-8);
        assertEquals(0.948537620810, new Dunnett(30, new double[] {15, 20, 25}, 86).cumulativeProbability(2.1, false),
                1e-8);
        assertEquals(0.956708658374, new Dunnett(10, new double[] {10, 10}, 27).cumulativeProbability(2.4, true), 1e-8);
        Dunnett normal = new Dunnett(50, new double[] {50, 50, 50, 50}, Double.POSITIVE_INFINITY);
        assertEquals(0.942603773302, normal.cumulativeProbability(2.1, false), 1e-8);
        assertEquals(0.944295387438, normal.cumulativeProbability(2.4, true), 1e-8);
        assertEquals(2.4417749205, normal.criticalValue(0.025, false), 1e-7);
    }

    /**
     * mvtnorm 1.x {@code pmvt(upper = rep(2.1, 3), corr = R, df = 76, algorithm = GenzBretz(maxpts = 2e7,
     * abseps = 1e-9))} with the full correlation matrix: 0.950542312487, stated error 1.4e-8.
     */
    @Test
    void againstMvtnorm() {
        assertEquals(0.950542312487, new Dunnett(20, new double[] {20, 20, 20}, 76).cumulativeProbability(2.1, false),
                3 * 1.4e-8);
    }

    @Test
    void oneComparisonIsStudentsT() {
        // one arm: T is Student's t on df; R: qt(0.975, 38) = 2.02439416391197
        Dunnett one = Dunnett.oneWay(20, new int[] {20});
        assertEquals(2.02439416391197, one.criticalValue(0.025, false), 1e-8);
        assertEquals(2.02439416391197, one.criticalValue(0.05, true), 1e-8);
    }

    /**
     * {@code mvtnorm::qmvt(0.975, tail = "lower.tail", corr = R, df, algorithm = GenzBretz(maxpts = 1e5,
     * abseps = 1e-5, releps = 0))} after {@code set.seed(1)} (and {@code tail = "both.tails"} at 0.95),
     * core/src/test/r/dunnett-qmvt-multcomp-small.R. The quantile inherits pmvt's absolute error of at most
     * 1e-5 divided by the density of max T near 2.4 (about 0.06), so about 1.7e-4; the tolerance is 3 times that.
     */
    @Test
    void qmvtCriticalValues() {
        double tolerance = 5e-4;
        Dunnett balanced = new Dunnett(20, new double[] {20, 20, 20}, 76);
        assertEquals(2.396865, balanced.criticalValue(0.025, false), tolerance);
        assertEquals(2.396835, balanced.criticalValue(0.05, true), tolerance);
        Dunnett unbalanced = new Dunnett(30, new double[] {15, 20, 25}, 86);
        assertEquals(2.408439, unbalanced.criticalValue(0.025, false), tolerance);
        assertEquals(2.408337, unbalanced.criticalValue(0.05, true), tolerance);
        Dunnett normal = new Dunnett(50, new double[] {50, 50, 50, 50}, Double.POSITIVE_INFINITY);
        assertEquals(2.441687, normal.criticalValue(0.025, false), tolerance);
        assertEquals(2.441678, normal.criticalValue(0.05, true), tolerance);
    }

    /**
     * multcomp's {@code summary(glht(aov(y ~ g), linfct = mcp(g = "Dunnett")), test = adjusted("single-step",
     * abseps = 1e-6))}, two-sided and with {@code alternative = "greater"}, on the 42 observations below
     * (control 12, arms 10, 11, 9; generated in core/src/test/r/dunnett-qmvt-multcomp-small.R). multcomp warns
     * that its error exceeded 1e-6, so the tolerance is 1e-4; the t statistics are exact arithmetic (1e-9).
     */
    @Test
    void multcompAdjustedPValues() {
        double[] y = {11.15, 9.81, 11.23, 10.6, 9.84, 10.58, 12.02, 10.59, 7.62, 12.75, 11.01, 11.79, 13.81, 9.04,
            11.79, 9.93, 13.4, 11.82, 13.14, 10.98, 13.58, 8.05, 14.06, 17.38, 12.47, 14.81, 9.39, 13.81, 10.81,
            12.04, 14.42, 14.01, 13.68, 6.93, 12.93, 12.17, 9.21, 12.14, 10.46, 9.89, 11.2, 7.81};
        int[] sizes = {12, 10, 11, 9};
        int[] group = new int[y.length];
        for (int g = 0, i = 0; g < sizes.length; g++) {
            for (int j = 0; j < sizes[g]; j++) {
                group[i++] = g;
            }
        }
        double[] t = Dunnett.statistics(y, group, 4);
        double[] expectedT = {0.9991301717, 3.3153361995, -0.5360778929};
        double[] twoSided = {0.63972360, 0.00571626, 0.91393261};
        double[] oneSided = {0.33520703, 0.00285873, 0.90891070};
        Dunnett d = Dunnett.oneWay(12, new int[] {10, 11, 9});
        for (int i = 0; i < 3; i++) {
            assertEquals(expectedT[i], t[i], 1e-9);
            assertEquals(twoSided[i], d.adjustedPValue(t[i], true), 1e-4);
            assertEquals(oneSided[i], d.adjustedPValue(t[i], false), 1e-4);
        }
    }
}
