package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The IPW risk difference ({@link StandardizedRiskDifference}) against R's stacked estimating equations
 * (M-estimation sandwich with the propensities estimated, Jacobian by numDeriv; {@code core/src/test/r/
 * ipw-risk-difference.R}, which does not use the closed form): estimate, SE, z and both p-values on four cases (two
 * and three strata with missing outcomes, one stratum without any, a stratum with no success). Tolerance 1e-8
 * relative on the SE and z (numDeriv's Richardson extrapolation of a linear-in-mu Jacobian), 1e-12 on the estimate
 * (the root found to 1e-14). Without missing outcomes and one stratum it is the unpooled Wald test of the risk
 * difference ({@link WaldRiskDifferenceTest}), to 1e-12.
 */
class StandardizedRiskDifferenceTest {

    /** The cases of the R script: {events, observed, missing} per stratum, control then treatment. */
    private static final int[][][][] CASES = {
        {{{12, 30}, {40, 50}, {10, 0}}, {{20, 35}, {35, 45}, {15, 5}}},
        {{{5, 9, 14}, {20, 25, 30}, {2, 8, 1}}, {{10, 15, 20}, {18, 22, 27}, {6, 3, 0}}},
        {{{33}, {80}, {0}}, {{47}, {80}, {0}}},
        {{{0, 10}, {12, 20}, {3, 0}}, {{6, 20}, {10, 20}, {5, 2}}},
    };

    private static TestResult test(int[][][] c, Alternative alternative) {
        int[][] events = {c[0][0], c[1][0]};
        int[][] totals = {c[0][1], c[1][1]};
        int[][] missing = {c[0][2], c[1][2]};
        return StandardizedRiskDifference.withDefaults().with(alternative).test(events, totals, missing,
                c[0][0].length, new TestResult());
    }

    @Test
    void agreesWithTheSandwichOfTheEstimatingEquations() throws IOException {
        int checked = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
                "ipw/ipw-reference.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                int[][][] c = CASES[Integer.parseInt(f[0]) - 1];
                TestResult two = test(c, Alternative.TWO_SIDED);
                TestResult greater = test(c, Alternative.GREATER);
                assertEquals(Double.parseDouble(f[1]), two.estimate(), 1e-12, "case " + f[0]);
                Close.assertRelative(Double.parseDouble(f[3]), two.statistic(), 1e-8, "z, case " + f[0]);
                Close.assertRelative(Double.parseDouble(f[4]), two.pValue(), 1e-6, "two-sided p, case " + f[0]);
                Close.assertRelative(Double.parseDouble(f[5]), greater.pValue(), 1e-6, "one-sided p, case " + f[0]);
                checked++;
            }
        }
        assertEquals(CASES.length, checked);
    }

    @Test
    void withoutMissingOutcomesInOneStratumItIsTheWaldTest() {
        TestResult ipw = test(CASES[2], Alternative.TWO_SIDED);
        TestResult wald = WaldRiskDifferenceTest.withDefaults().test(47, 80, 33, 80);
        assertEquals(wald.statistic(), ipw.statistic(), 1e-12);
        assertEquals(wald.estimate(), ipw.estimate(), 1e-12);
    }

    @Test
    void aStratumRandomizedButNeverObservedLeavesItUndefined() {
        int[][][] c = {{{5, 0}, {20, 0}, {0, 4}}, {{9, 3}, {20, 6}, {0, 0}}};
        TestResult r = test(c, Alternative.TWO_SIDED);
        assertFalse(r.defined());
        assertEquals(0, r.statistic());
        assertEquals(1, r.pValue());
    }
}
