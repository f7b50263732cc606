package org.trialsim.stats.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The two-arm posterior probabilities against R (core/src/test/r/bayes-posterior-references.R): R's adaptive
 * {@code integrate()} at relative tolerance 1e-13 and, for d = 0, the closed-form sum of Cook (2003). Both
 * are computed to about 1e-13; 1e-9 is allowed for the fixed 192-node rule.
 */
class BetaDifferenceTest {

    private static final double TOL = 1e-9;

    @Test
    void againstR() {
        assertEquals(0.969198203330980, BetaDifference.probabilityAbove(13, 9, 7, 15, 0), TOL);
        assertEquals(0.885393734755610, BetaDifference.probabilityAbove(13, 9, 7, 15, 0.1), TOL);
        assertEquals(0.001903764863518, BetaDifference.probabilityAbove(0.5, 20.5, 3.5, 17.5, 0.1), TOL);
        assertEquals(0.840424957065744, BetaDifference.probabilityAbove(121, 81, 101, 101, 0.05), TOL);
        assertEquals(0.500727915500242, BetaDifference.probabilityAbove(5, 25, 8, 22, -0.1), TOL);
        assertEquals(0.5, BetaDifference.probabilityAbove(1, 31, 1, 31, 0), TOL);
        assertEquals(0.5, BetaDifference.probabilityAbove(0.5, 0.5, 0.5, 0.5, 0), TOL);
        assertEquals(0.374269257776953, BetaDifference.probabilityAbove(30.5, 2.5, 25.5, 8.5, 0.2), TOL);
        assertEquals(0.977586363272158, BetaDifference.probabilityAbove(121, 81, 101, 101, 0), TOL);
    }

    @Test
    void monotoneInTheMarginAndInTheData() {
        double previous = 1;
        for (double d = -0.9; d < 0.9; d += 0.05) {
            double p = BetaDifference.probabilityAbove(13, 9, 7, 15, d);
            assertTrue(p <= previous + 1e-12, "falls with d");
            previous = p;
        }
        assertTrue(BetaDifference.probabilityAbove(14, 8, 7, 15, 0) > BetaDifference.probabilityAbove(13, 9, 7, 15, 0));
    }

    @Test
    void normalAgainstR() {
        assertEquals(0.918147010083552, NormalPosterior.probabilityAbove(0.4, 0.2, 0.1, 0.5, 0.1), 1e-13);
        assertEquals(0.933192798731142,
                NormalPosterior.probabilityAbove(0.4, 0.2, 0, Double.POSITIVE_INFINITY, 0.1), 1e-13);
        assertEquals(0.976028465612060, NormalPosterior.probabilityAbove(0.3, 0.15, 0, 1, 0), 1e-13);
        assertTrue(Double.isNaN(NormalPosterior.probabilityAbove(0.3, 0, 0, 1, 0)));
    }
}
