package org.trialsim.process.textbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * The continuous outcomes process ({@code arms.<arm>.continuous_outcomes.<name>}): the bivariate normal draws of
 * value and baseline, no bounds unless given, rounding and bounds when given, one stream per named outcome,
 * {@code check}'s section, and the needs of the change from baseline and of ANCOVA. Powers against the noncentral
 * t and exact ANCOVA power are in {@link TextbookReferenceTest}.
 */
class ContinuousOutcomeProcessTest {

    private static final String HAMD = """
            name: hamd
            design: {sample_sizes: [100]}
            arms:
              trt:
                continuous_outcomes:
                  hamd: {mean: 10, sd: 8, baseline: {mean: 25, sd: 6, correlation: 0.5}}
              ctl:
                continuous_outcomes:
                  hamd: {mean: 13, sd: 8, baseline: {mean: 25, sd: 6, correlation: 0.5}}
            endpoints:
              hamd: {kind: continuous, test: ancova}
              change: {kind: change_from_baseline, outcome: hamd, test: t_test, at_week: 8}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    /**
     * Value and baseline of the treatment arm have the given means, SDs and correlation: 40,000 patients, 20,000
     * in the arm; tolerances 4 standard errors of each estimate (mean: sd / sqrt(m); SD: about sd / sqrt(2m);
     * correlation: about (1 - rho^2) / sqrt(m)). Nothing is bounded: some values fall below 0, far outside any
     * score's range, as the normal model says (P(Y < 0) = Phi(-10/8) = 0.106).
     */
    @Test
    void valueAndBaselineAreBivariateNormalAndUnbounded() {
        Scenario s = parse(HAMD);
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 21, 0);
        double[] y = c.doubles(ContinuousOutcomeProcess.valueColumn("hamd"));
        double[] x = c.doubles(ContinuousOutcomeProcess.baselineColumn("hamd"));
        int m = 0;
        double sy = 0;
        double sx = 0;
        double syy = 0;
        double sxx = 0;
        double sxy = 0;
        int below = 0;
        for (int i = 0; i < n; i++) {
            if (c.arm[i] != 0) {
                continue;
            }
            m++;
            sy += y[i];
            sx += x[i];
            syy += y[i] * y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
            below += y[i] < 0 ? 1 : 0;
        }
        double my = sy / m;
        double mx = sx / m;
        double vy = syy / m - my * my;
        double vx = sxx / m - mx * mx;
        double r = (sxy / m - mx * my) / Math.sqrt(vx * vy);
        assertEquals(10, my, 4 * 8 / Math.sqrt(m));
        assertEquals(25, mx, 4 * 6 / Math.sqrt(m));
        assertEquals(8, Math.sqrt(vy), 4 * 8 / Math.sqrt(2.0 * m));
        assertEquals(6, Math.sqrt(vx), 4 * 6 / Math.sqrt(2.0 * m));
        assertEquals(0.5, r, 4 * 0.75 / Math.sqrt(m));
        double pBelow = NormalDistribution.of(10, 8).cumulativeProbability(0);
        assertEquals(pBelow, below / (double) m, 4 * Math.sqrt(pBelow * (1 - pBelow) / m));
    }

    /**
     * With round_to 1 and bounds [0, 60] every value is a whole number in the range, and the share at 0 is
     * P(Y < 0.5) of the unbounded normal (values are rounded, then bounded), within 4 binomial standard errors.
     */
    @Test
    void roundingAndBoundsOnlyWhenGiven() {
        Scenario s = parse(HAMD.replace("hamd: {mean: 10, sd: 8,", "hamd: {mean: 10, sd: 8, lower: 0, upper: 60, round_to: 1,"));
        int n = 20_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 2, 0);
        double[] y = c.doubles(ContinuousOutcomeProcess.valueColumn("hamd"));
        double[] x = c.doubles(ContinuousOutcomeProcess.baselineColumn("hamd"));
        int m = 0;
        int zero = 0;
        for (int i = 0; i < n; i++) {
            if (c.arm[i] != 0) {
                continue;
            }
            m++;
            assertTrue(y[i] == Math.rint(y[i]) && y[i] >= 0 && y[i] <= 60, "value " + y[i]);
            assertTrue(x[i] == Math.rint(x[i]) && x[i] >= 0 && x[i] <= 60, "baseline " + x[i]);
            zero += y[i] == 0 ? 1 : 0;
        }
        double p = NormalDistribution.of(10, 8).cumulativeProbability(0.5);
        assertEquals(p, zero / (double) m, 4 * Math.sqrt(p * (1 - p) / m));
        // the control arm was not given bounds: its values are not rounded
        boolean fractional = false;
        for (int i = 0; i < n && !fractional; i++) {
            fractional = c.arm[i] == 1 && y[i] != Math.rint(y[i]);
        }
        assertTrue(fractional);
    }

    /** One stream per outcome: hamd's values are the same bit for bit with or without a second outcome. */
    @Test
    void eachOutcomeHasItsOwnStream() {
        Scenario two = parse(HAMD.replace("hamd: {mean: 13, sd: 8,", "qol: {mean: 50, sd: 20}\n      hamd: {mean: 13, sd: 8,"));
        double[][] hamd = new double[2][];
        int k = 0;
        for (Scenario s : new Scenario[] {parse(HAMD), two}) {
            Cohort c = new Cohort(300);
            SamplingPlan.compile(s).newSampler().sample(c, 300, 8, 5);
            hamd[k++] = c.doubles(ContinuousOutcomeProcess.valueColumn("hamd")).clone();
        }
        assertArrayEquals(hamd[0], hamd[1]);
    }

    /** check gives value, baseline, change and ANCOVA's residual SD, and each endpoint's expected mean and SD. */
    @Test
    void checkSummarisesTheOutcomes() {
        String text = ScenarioSummary.of(parse(HAMD));
        assertTrue(text.contains("no induction (no process uses one)"), text);
        // change SD sqrt(64 + 36 - 2 x 0.5 x 8 x 6) = sqrt(52) = 7.211; residual 8 sqrt(0.75) = 6.928
        assertTrue(text.contains("  hamd             trt                  all                     10.000     8.000"
                + "    25.000     6.000     0.5   -15.000     7.211     6.928"), text);
        assertTrue(text.contains("1. hamd: continuous at week 0, ancova, trt vs ctl"), text);
        assertTrue(text.contains("expected: trt mean 10.000, SD 8.000; ctl mean 13.000, SD 8.000"), text);
        assertTrue(text.contains("2. change: change_from_baseline at week 8, t_test"), text);
        assertTrue(text.contains("expected: trt mean change -15.000, SD 7.211; ctl mean change -12.000, SD 7.211"), text);
    }

    /** The change from baseline and ANCOVA need a baseline; bounds must hold the mean; each with line and key. */
    @Test
    void inputErrorsNameTheirLineAndKey() {
        String noBaseline = HAMD.replace(", baseline: {mean: 25, sd: 6, correlation: 0.5}}", "}");
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(noBaseline));
        assertTrue(has(e, 11, "endpoints.hamd.kind", "needs a baseline of the continuous outcome hamd "
                + "(arms.trt.continuous_outcomes.hamd.baseline), but arm trt has none"), e.problems().toString());
        assertTrue(has(e, 12, "endpoints.change.kind", "needs a baseline of the continuous outcome hamd"),
                e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(HAMD.replace("correlation: 0.5}}\n  ctl", "correlation: 1.5}}\n  ctl")));
        assertTrue(has(e, 6, "arms.trt.continuous_outcomes.hamd.baseline.correlation", "a correlation in [-1, 1]"),
                e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(HAMD.replace("hamd: {mean: 10, sd: 8,", "hamd: {mean: 10, sd: 8, upper: 5,")));
        assertTrue(has(e, 6, "arms.trt.continuous_outcomes.hamd.mean", "found a mean outside [lower, upper]"),
                e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(HAMD.replace("hamd: {mean: 10, sd: 8,", "hamd: {mean: 10, sd: 0,")));
        assertTrue(has(e, 6, "arms.trt.continuous_outcomes.hamd.sd", "a standard deviation > 0"), e.problems().toString());
    }

    private static boolean has(ScenarioException e, int line, String path, String text) {
        for (Problem p : e.problems()) {
            if (p.line() == line && p.path().equals(path) && p.message().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
