package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * P(best) by quadrature against R's adaptive {@code integrate} of the same integral (rel.tol 1e-12;
 * core/src/test/r/probability-best-references.R), for recorded posteriors: flat priors, three arms after 40
 * patients each, three arms near a tie, four arms with one clear leader, and two arms (where it is
 * {@code P(p_1 > p_2)}). Agreement 1e-9.
 */
class ProbabilityBestTest {

    private static void check(double[] a, double[] b, double... expected) {
        ProbabilityBest pb = new ProbabilityBest(a.length);
        double[] out = new double[a.length];
        pb.compute(a, b, (1 << a.length) - 1, out);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], out[i], 1e-9, "arm " + i);
            sum += out[i];
        }
        assertEquals(1, sum, 1e-9);
    }

    @Test
    void againstRIntegrate() {
        check(new double[] {1, 1, 1}, new double[] {1, 1, 1}, 1.0 / 3, 1.0 / 3, 1.0 / 3);
        check(new double[] {13, 19, 9}, new double[] {29, 23, 33}, 0.084388071350, 0.909505003616, 0.006106925034);
        check(new double[] {31, 46, 44}, new double[] {41, 26, 28}, 0.001071213432, 0.635013034027, 0.363915752541);
        check(new double[] {2, 1, 7, 3}, new double[] {9, 12, 4, 10}, 0.008946861003, 0.000511082080,
                0.974400390868, 0.016141666049);
        check(new double[] {61, 58}, new double[] {81, 85}, 0.659779732861, 0.340220267139);
        ProbabilityBest two = new ProbabilityBest(2);
        two.compute(new double[] {61, 58}, new double[] {81, 85}, 0b11, new double[2]);
        assertEquals(0.659779732861, two.exceeds(0, 1), 1e-9);
    }

    @Test
    void onlyTheArmsOfTheMaskCompete() {
        double[] out = new double[3];
        new ProbabilityBest(3).compute(new double[] {13, 19, 9}, new double[] {29, 23, 33}, 0b101, out);
        assertEquals(0, out[1]);
        assertEquals(1, out[0] + out[2], 1e-9);
    }
}
