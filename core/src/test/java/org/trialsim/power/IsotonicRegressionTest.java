package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IsotonicRegressionTest {

    @Test
    void poolsAdjacentViolators() {
        // Worked example: (1, 3, 2, 4) pools 3 and 2 into 2.5.
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, IsotonicRegression.fit(new double[] {1, 3, 2, 4}), 0);
        // A violation that spreads backwards: (3, 2, 1) becomes its mean.
        assertArrayEquals(new double[] {2, 2, 2}, IsotonicRegression.fit(new double[] {3, 2, 1}), 1e-15);
        // Weighted: (5 with weight 3, 1 with weight 1) pools to 4.
        assertArrayEquals(new double[] {4, 4}, IsotonicRegression.fit(new double[] {5, 1}, new double[] {3, 1}),
                1e-15);
        double[] monotone = {0.1, 0.2, 0.2, 0.9};
        assertArrayEquals(monotone, IsotonicRegression.fit(monotone), 0);
    }

    @Property(tries = 200)
    void fitIsMonotoneKeepsTheMeanAndIsNoFartherThanAnyShiftedMonotoneSequence(
            @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = 0, max = 1) Double> values) {
        double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] f = IsotonicRegression.fit(y);
        double sumY = 0;
        double sumF = 0;
        for (int i = 0; i < y.length; i++) {
            sumY += y[i];
            sumF += f[i];
            if (i > 0) {
                assertTrue(f[i] >= f[i - 1]);
            }
        }
        // The least-squares isotonic fit preserves the total (the constant is in the cone's lineality space).
        assertTrue(Math.abs(sumY - sumF) < 1e-9);
        // It is at least as close to y as the best constant, which is monotone.
        double mean = sumY / y.length;
        double dFit = 0;
        double dConst = 0;
        for (int i = 0; i < y.length; i++) {
            dFit += (y[i] - f[i]) * (y[i] - f[i]);
            dConst += (y[i] - mean) * (y[i] - mean);
        }
        assertTrue(dFit <= dConst + 1e-12);
    }
}
