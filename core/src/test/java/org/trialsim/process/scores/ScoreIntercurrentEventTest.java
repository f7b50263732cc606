package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.IntercurrentTimes;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.ScenarioParser;

/**
 * An intercurrent event whose probability before each visit depends on the latest score
 * ({@code intercurrent_events.<name>.by_score}): the probability of the event in each interval against an exact
 * computation (numerical integration over the baseline and the first visit's score, written here independently
 * of the sampler, as {@link ScoreDropoutTest} does for dropout by score), the times uniform within their
 * interval, no event after the last visit, the draws of every other column unchanged (the event has its own
 * stream), the hash of a scenario without it unchanged, and the input errors with file, line and key.
 * Tolerances: 4 Monte Carlo standard errors (binomial for fractions, 1/sqrt(12 m) for the mean of a uniform over
 * a unit interval).
 */
class ScoreIntercurrentEventTest {

    static final String SCORES = """
            name: score-ice
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
                intercurrent_events:
                  rescue: {reason: rescue_medication, by_score: {trajectory: madrs, bands: {cuts: [28], probabilities: [0.05, 0.3]}}}
                  stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.1}}}
              ctl:
                control: true
                score_trajectories:
                  madrs:
                    visits: [1, 2]
                    baseline: {mean: 30, sd: 6}
                    change: [-6, -10]
                    sd: 5
                    correlation: {structure: ar1, rho: 0.5}
                intercurrent_events:
                  rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -6, per_point: 0.15}}}
                  stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.1}}}
            dropout: {per_week: 0.05}
            endpoints:
              change: {kind: score_change, outcome: madrs, test: mmrm, at_week: 2, strategy: hypothetical}
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
     * The exact probabilities of the event before week 1 and between weeks 1 and 2: with X ~ N(30, 36) the baseline
     * and Y1 = X + C1, C1 ~ N(-6, 25) independent of X, {@code P0 = E p(X)} and {@code P1 = E[(1 - p(X)) p(Y1)]},
     * integrated over X within 10 SD (2,000 Simpson pieces) and, given X, over C1 (bands: the normal probabilities
     * of the bands; logistic: 400 Simpson pieces within 10 SD): accurate far below the Monte Carlo error.
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
     * 40,000 patients, 20,000 per arm: per arm the fraction with the event in each interval against
     * {@link #exact}, the mean time within each interval at its midpoint (uniform), and no event after the last
     * visit.
     */
    @Test
    void theEventFollowsTheLatestScore() {
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(parse(SCORES)).newSampler().sample(c, n, 21, 0);
        double[][] expected = {exact(y -> y >= 28 ? 0.3 : 0.05, true),
            exact(y -> 1 / (1 + Math.exp(-(-6 + 0.15 * y))), false)};
        double[] rescue = c.doubles(IntercurrentTimes.column("rescue"));
        for (int arm = 0; arm < 2; arm++) {
            int m = 0;
            int[] count = new int[2];
            double[] timeSum = new double[2];
            for (int i = 0; i < n; i++) {
                if (c.arm[i] != arm) {
                    continue;
                }
                m++;
                double d = rescue[i];
                assertTrue(d < 2 || d == Double.POSITIVE_INFINITY, "no event after the last visit: " + d);
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
     * The event has its own stream: the scores, the dropout and the other event's times are bit-identical with the
     * event by score and with it removed, and the scenario without it hashes as it did before {@code by_score}
     * existed (the component is written only where given).
     */
    @Test
    void noOtherDrawChanges() {
        String without = SCORES.replaceAll("\\n +rescue: [^\\n]*", "");
        assertTrue(!without.contains("rescue"), without);
        int n = 3_000;
        Cohort with = new Cohort(n);
        SamplingPlan.compile(parse(SCORES)).newSampler().sample(with, n, 5, 2);
        Cohort plain = new Cohort(n);
        SamplingPlan.compile(parse(without)).newSampler().sample(plain, n, 5, 2);
        assertArrayEquals(plain.dropout, with.dropout, "dropout");
        assertArrayEquals(plain.doubles(IntercurrentTimes.column("stop")), with.doubles(IntercurrentTimes.column("stop")));
        for (double week : new double[] {0, 1, 2}) {
            assertArrayEquals(plain.doubles(ScoreTrajectoryProcess.column("madrs", week)),
                    with.doubles(ScoreTrajectoryProcess.column("madrs", week)), "week " + week);
        }
        assertTrue(!ScenarioHash.canonicalForm(parse(without)).contains("byScore"));
        assertTrue(ScenarioHash.canonicalForm(parse(SCORES)).contains("\"byScore\""));
    }

    private static Problem problem(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem p = e.problems().get(0);
        assertEquals("test.yaml", p.source());
        return p;
    }

    @Test
    void refusesMalformedEvents() {
        Problem unknown = problem(SCORES.replace("trajectory: madrs,", "trajectory: hamd,"));
        assertEquals(13, unknown.line(), unknown.toString());
        assertEquals("arms.trt.intercurrent_events.rescue.by_score.trajectory", unknown.path());
        assertTrue(unknown.message().contains("found trajectory 'hamd', which arm trt does not have; allowed one of "
                + "its score trajectories: madrs"), unknown.message());
        Problem both = problem(SCORES.replace("{reason: rescue_medication, by_score: {trajectory",
                "{reason: rescue_medication, hazard: {exponential: {rate: 0.1}}, by_score: {trajectory"));
        assertEquals("arms.trt.intercurrent_events.rescue.by_score", both.path());
        assertTrue(both.message().contains("found by_score and hazard; allowed exactly one timing"), both.message());
        Problem bands = problem(SCORES.replace("probabilities: [0.05, 0.3]}", "probabilities: [0.05]}"));
        assertEquals(13, bands.line(), bands.toString());
        assertTrue(bands.message().contains("found 1 probabilities for 1 cuts; allowed 2"), bands.message());
        Problem kind = problem(SCORES.replace("strategy: hypothetical", "strategy: composite"));
        assertEquals("endpoints.change.strategy", kind.path());
        assertTrue(kind.message().contains("found strategy composite on endpoint kind score_change; allowed "
                + "treatment_policy, hypothetical"), kind.message());
        Problem none = problem("""
                name: no-scores
                design: {sample_sizes: [100]}
                arms:
                  trt:
                    binary_outcomes:
                      response: {probability: 0.5}
                    intercurrent_events:
                      rescue: {reason: rescue_medication, by_score: {logistic: {intercept: -6, per_point: 0.15}}}
                  ctl:
                    control: true
                    binary_outcomes:
                      response: {probability: 0.4}
                endpoints:
                  response: {kind: binary}
                """);
        assertEquals(8, none.line(), none.toString());
        assertTrue(none.message().contains("found by_score in an arm and stratum without score trajectories"),
                none.message());
    }
}
