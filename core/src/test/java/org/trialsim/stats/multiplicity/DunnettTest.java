package org.trialsim.stats.multiplicity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Dunnett's distribution against R. Two independent references: the same one-factor integral by R's
 * adaptive {@code integrate()} (rel.tol 1e-12, nested for finite df; core/src/test/r/dunnett-integrate-references.R),
 * agreement 1e-8; and one value of mvtnorm's {@code pmvt} with the full correlation matrix (Genz-Bretz
 * randomized quasi-Monte Carlo), within three times its stated error. The rest of
 * core/src/test/r/dunnett-mvtnorm-multcomp-references.R (qmvt critical values, multcomp's adjusted p-values)
 * did not finish within this session's time at the precision asked.
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
}
