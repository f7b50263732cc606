package org.trialsim.stats.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.numbers.gamma.LogBeta;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free incomplete beta against R 4 {@code pbeta} and {@code dbeta} (printed with 15
 * significant digits: {@code sprintf("%.15e", pbeta(x, a, b))}), relative 1e-12.
 */
class IncompleteBetaTest {

    @Test
    void againstR() {
        check(0.3, 2.5, 7.5, 6.789434858661818e-01, 2.359462952778202e+00);
        check(0.6, 16.6, 7.4, 1.640191947789422e-01, 2.405574553243382e+00);
        check(0.05, 0.5, 20.5, 8.505294950469933e-01, 4.176182031369869e+00);
        check(0.9, 121, 81, 1.0, 1.069213073821736e-26);
        check(0.55, 121, 81, 7.872931572028208e-02, 4.173370761593126e+00);
        check(0.02, 1, 31, 4.654253670052116e-01, 1.691001390085555e+01);
    }

    private static void check(double x, double a, double b, double p, double density) {
        double lb = LogBeta.value(a, b);
        assertEquals(p, IncompleteBeta.regularized(x, a, b, lb), Math.max(1e-300, 1e-12 * p));
        assertEquals(1 - p, IncompleteBeta.complement(x, a, b, lb), 1e-12);
        assertEquals(density, IncompleteBeta.density(x, a, b, lb), 1e-12 * Math.max(1, density));
    }
}
