package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * The score-trajectory process ({@code arms.<arm>.score_trajectories.<name>}): the multivariate normal draws
 * (means, SDs and correlations of the changes against the stated model), rounding and bounds, the closed-form
 * response and remission probabilities against the simulated fractions, and the input errors with line and key.
 */
class ScoreTrajectoryProcessTest {

    static final String MADRS = """
            name: madrs
            design: {sample_sizes: [100]}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    instrument: MADRS
                    visits: [1, 2, 4]
                    baseline: {mean: 32, sd: 5}
                    change: [-8, -12, -16]
                    sd: [8, 9, 10]
                    correlation: {structure: ar1, rho: 0.6}
                    remission_at_most: 10
              ctl:
                score_trajectories:
                  madrs:
                    instrument: MADRS
                    visits: [1, 2, 4]
                    baseline: {mean: 32, sd: 5}
                    change: {plateau: -10, half_life_weeks: 1}
                    sd: 9
                    correlation: {structure: compound_symmetry, rho: 0.5}
                    remission_at_most: 10
            endpoints:
              change: {kind: score_change, outcome: madrs, test: ancova, at_week: 4}
              response: {kind: score_response, outcome: madrs, test: chi_square, at_week: 4}
              remission: {kind: score_remission, outcome: madrs, test: chi_square, at_week: 2}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    /**
     * The treatment arm's changes have the stated means, SDs and AR(1) correlations, the control's follow the
     * exponential approach to the plateau with compound symmetry: 40,000 patients, 20,000 per arm; tolerances
     * 4 standard errors (mean: sd / sqrt(m); SD: sd / sqrt(2m); correlation: (1 - rho^2) / sqrt(m)).
     */
    @Test
    void changesAreMultivariateNormalAsStated() {
        Scenario s = parse(MADRS);
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 5, 0);
        double[] base = c.doubles(ScoreTrajectoryProcess.column("madrs", 0));
        double[][] y = {c.doubles(ScoreTrajectoryProcess.column("madrs", 1)),
            c.doubles(ScoreTrajectoryProcess.column("madrs", 2)), c.doubles(ScoreTrajectoryProcess.column("madrs", 4))};
        double[][] means = {{-8, -12, -16}, {-5, -7.5, -9.375}};
        double[][] sds = {{8, 9, 10}, {9, 9, 9}};
        double[][] rho = {{0.6, 0.36, 0.6}, {0.5, 0.5, 0.5}}; // pairs (1,2), (1,4), (2,4)
        for (int arm = 0; arm < 2; arm++) {
            double[][] moments = moments(c.arm, arm, base, y);
            int m = (int) moments[3][0];
            for (int t = 0; t < 3; t++) {
                double sd = sds[arm][t];
                assertEquals(means[arm][t], moments[0][t], 4 * sd / Math.sqrt(m), "mean arm " + arm + " visit " + t);
                assertEquals(sd, moments[1][t], 4 * sd / Math.sqrt(2.0 * m), "SD arm " + arm + " visit " + t);
                double r = rho[arm][t];
                assertEquals(r, moments[2][t], 4 * (1 - r * r) / Math.sqrt(m), "correlation arm " + arm + " pair " + t);
            }
        }
        assertEquals(32, mean(c.arm, 0, base), 4 * 5 / Math.sqrt(20_000.0), "baseline mean");
    }

    /** Means, SDs of the changes per visit, correlations of the pairs (0,1), (0,2), (1,2), and the count. */
    private static double[][] moments(byte[] arm, int which, double[] base, double[][] y) {
        int t = y.length;
        double[] sum = new double[t];
        double[][] cross = new double[t][t];
        int m = 0;
        for (int i = 0; i < arm.length; i++) {
            if (arm[i] != which) {
                continue;
            }
            m++;
            for (int a = 0; a < t; a++) {
                double ca = y[a][i] - base[i];
                sum[a] += ca;
                for (int b = 0; b < t; b++) {
                    cross[a][b] += ca * (y[b][i] - base[i]);
                }
            }
        }
        double[] mean = new double[t];
        double[] sd = new double[t];
        for (int a = 0; a < t; a++) {
            mean[a] = sum[a] / m;
            sd[a] = Math.sqrt(cross[a][a] / m - mean[a] * mean[a]);
        }
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        double[] r = new double[3];
        for (int k = 0; k < 3; k++) {
            int a = pairs[k][0];
            int b = pairs[k][1];
            r[k] = (cross[a][b] / m - mean[a] * mean[b]) / (sd[a] * sd[b]);
        }
        return new double[][] {mean, sd, r, {m}};
    }

    private static double mean(byte[] arm, int which, double[] x) {
        double s = 0;
        int m = 0;
        for (int i = 0; i < arm.length; i++) {
            if (arm[i] == which) {
                s += x[i];
                m++;
            }
        }
        return s / m;
    }

    /**
     * The closed-form response and remission probabilities (no rounding, no bounds) against the simulated
     * fractions of 20,000 patients per arm: within 4 binomial standard errors.
     */
    @Test
    void responseAndRemissionMatchTheirClosedForms() {
        Scenario s = parse(MADRS);
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 9, 0);
        ScoreTrajectoryProcess process = new ScoreTrajectoryProcess();
        for (Endpoint e : s.endpoints()) {
            if (e.kind() == ScoreTrajectoryProcess.CHANGE) {
                continue;
            }
            ScoreTrajectoryProcess.Visit v = (ScoreTrajectoryProcess.Visit) process.observation(s, e);
            v.bind(c);
            for (int arm = 0; arm < 2; arm++) {
                int m = 0;
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (c.arm[i] == arm) {
                        m++;
                        k += v.success(i) ? 1 : 0;
                    }
                }
                double p = process.successProbability(e, s.arms().get(arm).model(s.strata().get(0).name()), 0,
                    e.atWeek());
                assertEquals(p, k / (double) m, 4 * Math.sqrt(p * (1 - p) / m), e.name() + " arm " + arm);
                assertTrue(p > 0.05 && p < 0.95, "a probability that tests something: " + p);
            }
        }
    }

    @Test
    void roundingAndBoundsApplyToEveryScore() {
        Scenario s = parse(MADRS.replace("instrument: MADRS\n        visits: [1, 2, 4]\n        baseline: {mean: 32, sd: 5}\n        change: [-8",
            "instrument: MADRS\n        lower: 0\n        upper: 60\n        round_to: 1\n        visits: [1, 2, 4]\n        baseline: {mean: 32, sd: 5}\n        change: [-8"));
        int n = 20_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 5, 0);
        int atZero = 0;
        for (double week : new double[] {0, 1, 2, 4}) {
            double[] y = c.doubles(ScoreTrajectoryProcess.column("madrs", week));
            for (int i = 0; i < n; i++) {
                if (c.arm[i] == 0) {
                    assertTrue(y[i] >= 0 && y[i] <= 60 && y[i] == Math.rint(y[i]), "bounded whole points: " + y[i]);
                    atZero += y[i] == 0 ? 1 : 0;
                }
            }
        }
        assertTrue(atZero > 0, "the lower bound is reached (mean 16 at week 4, SD about 11)");
    }

    @Test
    void checkSummaryListsTheTrajectories() {
        String text = ScenarioSummary.of(parse(MADRS));
        assertTrue(text.contains("Score trajectories"), text);
        assertTrue(text.contains("MADRS baseline 32.000 (SD 5.000)"), text);
        assertTrue(text.contains("week 4 -16.000 (SD 10.000)"), text);
    }

    private static Problem only(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void visitsOutOfOrderAreReportedAtTheItem() {
        Problem p = only(MADRS.replace("visits: [1, 2, 4]\n        baseline: {mean: 32, sd: 5}\n        change: [-8",
            "visits: [1, 4, 2]\n        baseline: {mean: 32, sd: 5}\n        change: [-8"));
        assertTrue(p.message().contains("found week 2 after week 4; visits must be in order"), p.toString());
        assertEquals(8, p.line(), p.toString());
        assertTrue(p.path().endsWith("madrs.visits[2]") || p.path().contains("visits"), p.toString());
    }

    @Test
    void aCovarianceThatIsNotPositiveDefiniteNamesTheVisitPair() {
        Problem p = only(MADRS.replace("correlation: {structure: ar1, rho: 0.6}",
            "correlation: {structure: unstructured, lower: [0.9, -0.9, 0.5]}"));
        assertTrue(p.message().contains("not positive definite") && p.message().contains("week 4")
            && p.message().contains("weeks 1 and 4"), p.toString());
        assertTrue(p.path().contains("trt.score_trajectories.madrs.correlation"), p.toString());
        String yaml = MADRS.replace("correlation: {structure: ar1, rho: 0.6}",
            "correlation: {structure: unstructured, lower: [0.9, -0.9, 0.5]}");
        int line = yaml.substring(0, yaml.indexOf("structure: unstructured")).split("\n", -1).length;
        assertEquals(line, p.line(), "located at the correlation's line: " + p);
    }

    @Test
    void anEndpointAtAWeekWithNoVisitIsReported() {
        List<Problem> ps = assertThrows(ScenarioException.class,
            () -> parse(MADRS.replace("test: ancova, at_week: 4", "test: ancova, at_week: 3"))).problems();
        assertEquals(2, ps.size(), "one per arm: " + ps);
        for (Problem p : ps) {
            assertTrue(p.message().contains("needs a visit at week 3") && p.message().contains("visits: 1, 2, 4"),
                p.toString());
            assertEquals("endpoints.change.kind", p.path(), p.toString());
            assertEquals(25, p.line(), p.toString());
        }
    }

    @Test
    void aMeanScoreOutsideTheBoundsIsReported() {
        Problem p = only(MADRS.replace("change: [-8, -12, -16]", "change: [-8, -12, -36]")
            .replace("instrument: MADRS\n        visits: [1, 2, 4]\n        baseline: {mean: 32, sd: 5}\n        change: [-8",
                "instrument: MADRS\n        lower: 0\n        upper: 60\n        visits: [1, 2, 4]\n        baseline: {mean: 32, sd: 5}\n        change: [-8"));
        assertTrue(p.message().contains("mean score of -4 at week 4") && p.message().contains("[0, 60]"), p.toString());
    }

    @Test
    void remissionNeedsItsThresholdAndSdsOnePerVisit() {
        Problem p = only(MADRS.replace("        remission_at_most: 10\n  ctl:", "  ctl:"));
        assertTrue(p.message().contains("remission_at_most"), p.toString());
        Problem q = only(MADRS.replace("sd: [8, 9, 10]", "sd: [8, 9]"));
        assertTrue(q.message().contains("found 2 SDs for 3 visits"), q.toString());
        List<Problem> unknown = assertThrows(ScenarioException.class, () -> parse(MADRS.replace("rho: 0.6}",
            "rho: 0.6, lower: [0.1]}"))).problems();
        assertTrue(unknown.toString().contains("lower"), unknown.toString());
    }
    /** Deterministic trajectories (SD 0.001): response at weeks 1-2, scores of 25 from week 3 on. */
    static final String RELAPSING = """
            name: relapsing
            design: {sample_sizes: [200]}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    visits: [1, 2, 3, 4, 6]
                    baseline: {mean: 30, sd: 0}
                    change: [-20, -19, -5, -5, -5]
                    sd: 0.001
                    correlation: {structure: compound_symmetry, rho: 0}
                    sustained_from_week: 1
                    relapse_at_least: 22
                    relapse_visits: 2
              ctl:
                score_trajectories:
                  madrs:
                    visits: [1, 2, 3, 4, 6]
                    baseline: {mean: 30, sd: 0}
                    change: [-20, -19, -5, -5, -5]
                    sd: 0.001
                    correlation: {structure: compound_symmetry, rho: 0}
                    sustained_from_week: 1
                    relapse_at_least: 22
            dropout: {per_week: 0.15}
            schedule: {cutoff: {follow_up_weeks: 8}}
            endpoints:
              relapse: {kind: time_to_score_relapse, outcome: madrs, test: log_rank}
              sustained2: {kind: score_sustained_response, outcome: madrs, at_week: 2}
              sustained3: {kind: score_sustained_response, outcome: madrs, at_week: 3}
            """;

    /**
     * Relapse on scores: at risk from the first response seen (week 1), relapse seen at week 4 (scores of 25 >=
     * 22 at weeks 3 and 4, two in a row), censored at dropout before it, never at risk when dropping out before
     * week 1; sustained response from week 1 holds at week 2 and fails at week 3. Every patient is checked
     * through the engine's extractor.
     */
    @Test
    void relapseAndSustainedResponseFollowTheVisits() {
        Scenario s = parse(RELAPSING);
        int n = 200;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 3, 0);
        org.trialsim.endpoint.EndpointExtractor relapse = org.trialsim.endpoint.EndpointExtractor.observing(s,
            ScoreTrajectoryProcess.RELAPSE, "madrs", Double.NaN, 0, 0);
        org.trialsim.endpoint.TimeToEventOutcomes row = new org.trialsim.endpoint.TimeToEventOutcomes();
        int events = 0;
        int censored = 0;
        int none = 0;
        for (int i = 0; i < n; i++) {
            if (c.arm[i] != 0) {
                continue;
            }
            boolean has = relapse.observe(c, i, n, Double.POSITIVE_INFINITY, row);
            double d = c.dropout[i];
            if (d < 1) {
                assertTrue(!has, "no response seen: not at risk");
                none++;
            } else if (d < 4) {
                assertTrue(has && !row.event()[0], "censored");
                assertEquals(d - 1, row.time()[0], 1e-12, "censored at dropout, from week 1");
                censored++;
            } else {
                assertTrue(has && row.event()[0], "relapse seen");
                assertEquals(3, row.time()[0], 1e-12, "from week 1 to week 4");
                events++;
            }
        }
        assertTrue(events > 0 && censored > 0 && none > 0, events + " " + censored + " " + none);
        ScoreTrajectoryProcess process = new ScoreTrajectoryProcess();
        org.trialsim.endpoint.Observation two = process.observation(s, s.endpoints().get(1));
        org.trialsim.endpoint.Observation three = process.observation(s, s.endpoints().get(2));
        two.bind(c);
        three.bind(c);
        for (int i = 0; i < n; i++) {
            assertTrue(two.success(i), "responded at weeks 1 and 2");
            assertTrue(!three.success(i), "not at week 3");
        }
    }

    @Test
    void sustainedResponseNeedsAVisitToStartFrom() {
        Problem p = only(RELAPSING.replaceFirst("sustained_from_week: 1", "sustained_from_week: 5"));
        assertTrue(p.message().contains("found week 5, which is not a visit"), p.toString());
        Problem q = only(RELAPSING.replaceFirst(" *relapse_at_least: 22\n *relapse_visits: 2\n", ""));
        assertTrue(q.message().contains("relapse_at_least"), q.toString());
    }
}
