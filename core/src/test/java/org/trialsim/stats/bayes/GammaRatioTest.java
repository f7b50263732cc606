package org.trialsim.stats.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * The gamma-Poisson posterior probability {@code P(-log(lambdaT / lambdaC) > d)} against R
 * (core/src/test/r/bayes-event-rate-references.R, part 1): {@code pf(exp(-d) bT aC / (bC aT), 2 aT, 2 aC)}
 * with the posterior parameters, which the script also checks against R's {@code integrate()} of
 * {@code pgamma x dgamma} and against 10^6 {@code rgamma} draws per arm (all within 4 MCSE). The cases include
 * tiny shapes (a vague {@code Gamma(0.001, 0.001)} prior with 0 or 1 event), small and large counts, negative
 * and positive margins. Tolerance 1e-10 absolute, as asked; the tiny probability also to 1e-9 relative.
 */
class GammaRatioTest {

    private static final double TOL = 1e-10;

    /** {aT, bT, DT, ET, aC, bC, DC, EC, d, R's pf}. */
    private static final double[][] CASES = {
        {0.001, 0.001, 0, 10, 0.001, 0.001, 1, 12, 0, 0.99921298422715865},
        {1, 10, 1, 35.5, 1, 10, 3, 30.2, 0, 0.84876633607207352},
        {0.5, 1, 2, 50, 0.5, 1, 7, 48, 0.2, 0.92726926522619268},
        {2, 50, 25, 1500, 3, 60, 40, 1450, 0.1, 0.94806294924884738},
        {0.001, 0.001, 300, 12000, 0.001, 0.001, 380, 11800, 0, 0.99950283224997938},
        {1, 20, 10, 400, 1, 20, 8, 410, -0.3, 0.56009979074061778},
        {0.01, 0.01, 20, 100, 0.01, 0.01, 0, 100, 0, 9.3174472765622004e-10},
        {5, 187.5, 0, 3.7, 5, 187.5, 2, 4.1, 0.1, 0.66529167021824587},
    };

    @Test
    void againstRsPf() {
        for (double[] c : CASES) {
            GammaPrior t = new GammaPrior(c[0], c[1]).posterior(c[2], c[3]);
            GammaPrior k = new GammaPrior(c[4], c[5]).posterior(c[6], c[7]);
            double byF = GammaRatio.probabilityAbove(t.a(), t.b(), k.a(), k.b(), c[8]);
            double byBeta = GammaRatio.probabilityAboveByBeta(t.a(), t.b(), k.a(), k.b(), c[8]);
            String where = java.util.Arrays.toString(c);
            assertEquals(c[9], byF, TOL, where + " (FDistribution)");
            assertEquals(c[9], byBeta, TOL, where + " (incomplete beta)");
            if (c[9] < 1e-6) {
                assertEquals(1, byF / c[9], 1e-9, where + " relative");
                assertEquals(1, byBeta / c[9], 1e-9, where + " relative");
            }
        }
    }

    /**
     * An exact identity that fixes the orientation and the parameterisation: with the treatment's shape
     * {@code D_T + 1} and the control's {@code D_C} (rates the exposures), {@code P(lambdaT < lambdaC)} is
     * {@code I_pi(D_T + 1, D_C) = P(X > D_T)} for {@code X ~ Bin(D, pi)}, {@code pi = E_T / (E_T + E_C)}:
     * one minus the one-sided p-value of the exact conditional test of equal rates (fewer treatment events).
     * A vague prior ({@code Gamma(eps, eps)} on both arms, so shapes {@code D_T + eps}, {@code D_C + eps}) is
     * therefore close to that test but never more conservative: its P is at least the test's {@code 1 - p}, and
     * it equals {@code P(X' >= D_T)} for {@code X' ~ Bin(D - 1, pi)}, the test with one event fewer.
     */
    @Test
    void vaguePriorAgainstTheExactConditionalTest() {
        double eps = 1e-9;
        for (double et : new double[] {40, 100, 250}) {
            double ec = 100;
            double pi = et / (et + ec);
            for (int dt = 0; dt <= 30; dt++) {
                for (int dc = 1; dc <= 30; dc++) {
                    int d = dt + dc;
                    double oneMinusP = 1 - BinomialDistribution.of(d, pi).cumulativeProbability(dt);
                    assertEquals(oneMinusP, GammaRatio.probabilityAboveByBeta(dt + 1, et, dc, ec, 0), 1e-12);
                    double vague = GammaRatio.probabilityAboveByBeta(dt + eps, et + eps, dc + eps, ec + eps, 0);
                    assertTrue(vague >= oneMinusP - 1e-12, dt + " " + dc);
                    if (dt > 0) {
                        double oneFewer = 1 - BinomialDistribution.of(d - 1, pi).cumulativeProbability(dt - 1);
                        assertEquals(oneFewer, vague, 1e-7, dt + " " + dc);
                    }
                }
            }
        }
    }

    @Test
    void monotoneInTheMarginAndInTheData() {
        double previous = 1;
        for (double d = -2; d < 2; d += 0.05) {
            double p = GammaRatio.probabilityAboveByBeta(11, 410, 19, 400, d);
            assertTrue(p <= previous + 1e-15, "falls with d");
            previous = p;
        }
        assertTrue(GammaRatio.probabilityAboveByBeta(10, 410, 19, 400, 0)
                > GammaRatio.probabilityAboveByBeta(11, 410, 19, 400, 0), "fewer treatment events");
        assertTrue(GammaRatio.probabilityAboveByBeta(11, 450, 19, 400, 0)
                > GammaRatio.probabilityAboveByBeta(11, 410, 19, 400, 0), "more treatment exposure");
        assertEquals(0.5, GammaRatio.probabilityAboveByBeta(7, 300, 7, 300, 0), 1e-14, "symmetric");
    }

    @Test
    void priorByMeanAndEffectiveSampleSize() {
        GammaPrior p = GammaPrior.ofMean(0.02, 5);
        assertEquals(5, p.a());
        assertEquals(250, p.b(), 1e-12);
        assertEquals(0.02, p.mean(), 1e-15);
        assertEquals(5, p.effectiveSampleSize());
        GammaPrior q = p.posterior(3, 100);
        assertEquals(8, q.a());
        assertEquals(350, q.b(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new GammaPrior(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GammaPrior(1, -1));
        assertThrows(IllegalArgumentException.class, () -> GammaPrior.ofMean(0, 1));
        assertThrows(IllegalArgumentException.class, () -> p.posterior(-1, 1));
    }
}
