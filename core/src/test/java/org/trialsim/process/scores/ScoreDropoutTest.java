package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.process.DropoutProcess;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;

/**
 * Dropout by the latest observed score ({@code dropout_by_score}): the probability of dropping out in each
 * interval of the schedule against an exact computation (numerical integration over the bivariate normal of
 * the baseline and the first visit's score, written here independently of the sampler), the times uniform
 * within their interval, the reason recorded, the dropout process's own draws kept where they are earlier, and
 * the input errors. Tolerances: 4 Monte Carlo standard errors (binomial for fractions, 1/sqrt(12 m) for the
 * mean of a uniform over a unit interval).
 */
class ScoreDropoutTest {

    static final String SCORES = """
            name: score-dropout
            design: {sample_sizes: [100]}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    visits: [1, 2]
                    baseline: {mean: 30, sd: 6}
                    change: [-6, -10]
                    sd: 5
                    correlation: {structure: ar1, rho: 0.5}
                    dropout_by_score: {bands: {cuts: [28], probabilities: [0.05, 0.3]}}
              ctl:
                score_trajectories:
                  madrs:
                    visits: [1, 2]
                    baseline: {mean: 30, sd: 6}
                    change: [-6, -10]
                    sd: 5
                    correlation: {structure: ar1, rho: 0.5}
                    dropout_by_score: {logistic: {intercept: -6, per_point: 0.15}}
            endpoints:
              change: {kind: score_change, outcome: madrs, test: mmrm, at_week: 2}
            """;

    private static final NormalDistribution Z = NormalDistribution.of(0, 1);

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    /** Composite Simpson's rule with {@code k} (even) pieces. */
    private static double simpson(DoubleUnaryOperator f, double a, double b, int k) {
        double h = (b - a) / k;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < k; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return sum * h / 3;
    }

    /**
     * The exact probabilities of dropping out before week 1 and between weeks 1 and 2: with X ~ N(30, 36) the
     * baseline and Y1 = X + C1, C1 ~ N(-6, 25) independent of X, {@code P0 = E p(X)} and
     * {@code P1 = E[(1 - p(X)) p(Y1)]}, integrated over X within 10 SD (2,000 Simpson pieces) and, given X, over
     * C1 (bands: the normal probabilities of the bands; logistic: 400 Simpson pieces within 10 SD), so accurate
     * to far below the Monte Carlo error.
     */
    private static double[] exact(DoubleUnaryOperator p, boolean bands) {
        DoubleUnaryOperator given = x -> bands
                ? 0.05 * Z.cumulativeProbability((28 - x + 6) / 5) + 0.3 * (1 - Z.cumulativeProbability((28 - x + 6) / 5))
                : simpson(c -> Z.density((c + 6) / 5) / 5 * p.applyAsDouble(x + c), -56, 44, 400);
        double p0 = simpson(x -> Z.density((x - 30) / 6) / 6 * p.applyAsDouble(x), -30, 90, 2000);
        double p1 = simpson(x -> Z.density((x - 30) / 6) / 6 * (1 - p.applyAsDouble(x)) * given.applyAsDouble(x),
                -30, 90, 2000);
        return new double[] {p0, p1};
    }

    /**
     * 40,000 patients, 20,000 per arm: per arm the fraction dropping out in each interval against
     * {@link #exact}, the mean time within each interval at its midpoint (uniform), every such dropout's reason
     * {@code after_score}, and nobody dropping out after the last visit.
     */
    @Test
    void dropoutFollowsTheLatestScore() {
        Scenario s = parse(SCORES);
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 21, 0);
        double[][] expected = {exact(y -> y >= 28 ? 0.3 : 0.05, true),
            exact(y -> 1 / (1 + Math.exp(-(-6 + 0.15 * y))), false)};
        byte[] reason = c.labels(DropoutProcess.REASON);
        for (int arm = 0; arm < 2; arm++) {
            int m = 0;
            int[] count = new int[2];
            double[] timeSum = new double[2];
            for (int i = 0; i < n; i++) {
                if (c.arm[i] != arm) {
                    continue;
                }
                m++;
                double d = c.dropout[i];
                assertTrue(d < 2 || d == Double.POSITIVE_INFINITY, "no dropout after the last visit: " + d);
                assertEquals(d < 2 ? DropoutProcess.AFTER_SCORE : 0, reason[i]);
                if (d < 2) {
                    int t = (int) d;
                    count[t]++;
                    timeSum[t] += d;
                }
            }
            for (int t = 0; t < 2; t++) {
                double p = expected[arm][t];
                assertEquals(p, count[t] / (double) m, 4 * Math.sqrt(p * (1 - p) / m), "arm " + arm + " interval " + t);
                assertEquals(t + 0.5, timeSum[t] / count[t], 4 / Math.sqrt(12.0 * count[t]), "mean time, interval " + t);
            }
        }
    }

    /**
     * With the dropout process present, its times stand where they are earlier (and its reason with them): each
     * patient's dropout is the minimum of the dropout process's (the same scenario without dropout by score)
     * and the score's; reason {@code after_score} exactly where the score's time is the earlier. Sampling
     * another replicate into the same cohort and then the first again gives the first again (no state left
     * over between replicates, with and without the dropout process).
     */
    @Test
    void keepsTheDropoutProcessDrawsWhereEarlier() {
        String withHazard = SCORES + "dropout: {per_week: 0.3}\n";
        String hazardOnly = withHazard.replaceAll("\\n +dropout_by_score: [^\\n]*", "");
        assertTrue(!hazardOnly.contains("dropout_by_score"), hazardOnly);
        int n = 5_000;
        Cohort both = new Cohort(n);
        CohortSampler sampler = SamplingPlan.compile(parse(withHazard)).newSampler();
        sampler.sample(both, n, 4, 0);
        double[] dropout = both.dropout.clone();
        byte[] reason = both.labels(DropoutProcess.REASON).clone();
        Cohort hazard = new Cohort(n);
        SamplingPlan.compile(parse(hazardOnly)).newSampler().sample(hazard, n, 4, 0);
        Cohort scores = new Cohort(n);
        CohortSampler scoreSampler = SamplingPlan.compile(parse(SCORES)).newSampler();
        scoreSampler.sample(scores, n, 4, 0);
        double[] scoreDropout = scores.dropout.clone();
        int earlier = 0;
        for (int i = 0; i < n; i++) {
            double h = hazard.dropout[i];
            double sc = scores.dropout[i];
            assertEquals(Math.min(h, sc), dropout[i], 0, "patient " + i);
            byte expected = sc < h ? DropoutProcess.AFTER_SCORE : hazard.labels(DropoutProcess.REASON)[i];
            assertEquals(expected, reason[i], "reason of patient " + i);
            earlier += sc < h ? 1 : 0;
        }
        assertTrue(earlier > 100 && earlier < n - 100, "both kinds of dropout occur: " + earlier);
        sampler.sample(both, n, 4, 1);
        sampler.sample(both, n, 4, 0);
        assertArrayEquals(dropout, both.dropout);
        scoreSampler.sample(scores, n, 4, 1);
        scoreSampler.sample(scores, n, 4, 0);
        assertArrayEquals(scoreDropout, scores.dropout);
    }

    private static Problem problem(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void refusesMalformedModels() {
        Problem count = problem(SCORES.replace("probabilities: [0.05, 0.3]", "probabilities: [0.05]"));
        assertTrue(count.message().contains("found 1 probabilities for 1 cuts; allowed 2"), count.toString());
        assertEquals(12, count.line(), count.toString());
        Problem order = problem(SCORES.replace("cuts: [28]", "cuts: [28, 20]").replace("[0.05, 0.3]",
                "[0.05, 0.3, 0.4]"));
        assertTrue(order.message().contains("found cut 20 after 28"), order.toString());
        Problem both = problem(SCORES.replace("{logistic: {intercept: -6, per_point: 0.15}}",
                "{logistic: {intercept: -6, per_point: 0.15}, bands: {cuts: [], probabilities: [0.1]}}"));
        assertTrue(both.message().contains("both logistic and bands"), both.toString());
        Problem range = problem(SCORES.replace("[0.05, 0.3]", "[0.05, 1.3]"));
        assertTrue(range.message().contains("[0, 1]"), range.toString());
    }
}
