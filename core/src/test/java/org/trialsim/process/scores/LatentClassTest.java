package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;

/**
 * Latent classes of a score trajectory ({@code classes}): the class frequencies, each class's mean
 * trajectory and the marginal mean against the stated mixture, the response probability against its closed
 * form (a mixture of normal probabilities), the normals unchanged by adding classes (their own stream), and the
 * input errors with line and key. Tolerances: 4 Monte Carlo standard errors (binomial for frequencies and
 * proportions, sd / sqrt(m) for means), so a correct sampler fails about once in 16,000 per comparison.
 */
class LatentClassTest {

    static final String MIXTURE = """
            name: mixture
            design: {sample_sizes: [100]}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    instrument: MADRS
                    visits: [1, 2, 4]
                    baseline: {mean: 30, sd: 5}
                    classes:
                      rapid: {probability: 0.3, change: [-15, -18, -20]}
                      delayed: {probability: 0.45, change: {plateau: -16, half_life_weeks: 2}}
                      non_responders: {probability: 0.25, change: [-3, -4, -5]}
                    sd: 6
                    correlation: {structure: ar1, rho: 0.5}
              ctl:
                score_trajectories:
                  madrs:
                    instrument: MADRS
                    visits: [1, 2, 4]
                    baseline: {mean: 30, sd: 5}
                    change: [-3, -5, -7]
                    sd: 6
                    correlation: {structure: ar1, rho: 0.5}
            endpoints:
              change: {kind: score_change, outcome: madrs, test: ancova, at_week: 4}
              response: {kind: score_response, outcome: madrs, test: chi_square, at_week: 4}
            """;

    /** The classes' curves at weeks 1, 2, 4 (the delayed class: -16 (1 - 2^(-w/2))). */
    private static final double[][] CURVES = {{-15, -18, -20},
        {-16 * (1 - Math.pow(2, -0.5)), -8, -12}, {-3, -4, -5}};
    private static final double[] PROBABILITIES = {0.3, 0.45, 0.25};
    private static final double[] WEEKS = {1, 2, 4};

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    private static Cohort sample(Scenario s, int n) {
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 11, 0);
        return c;
    }

    /**
     * 40,000 patients (about 20,000 in the arm with classes): each class's frequency, each class's mean change
     * at each visit, and the arm's mean change against the mixture mean {@code sum_c p_c mu_c(t)} computed here,
     * whose SD is the within-class SD and the spread of the class means (law of total variance).
     */
    @Test
    void classesHaveTheirFrequenciesAndCurves() {
        Scenario s = parse(MIXTURE);
        int n = 40_000;
        Cohort c = sample(s, n);
        double[] cls = c.doubles(ScoreTrajectoryProcess.classColumn("madrs"));
        double[] base = c.doubles(ScoreTrajectoryProcess.column("madrs", 0));
        int[] count = new int[3];
        double[][] sum = new double[3][3];
        double[] all = new double[3];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (c.arm[i] != 0) {
                assertTrue(Double.isNaN(cls[i]), "no class in the control arm");
                continue;
            }
            int j = (int) cls[i] - 1;
            count[j]++;
            m++;
            for (int t = 0; t < 3; t++) {
                double change = c.doubles(ScoreTrajectoryProcess.column("madrs", WEEKS[t]))[i] - base[i];
                sum[j][t] += change;
                all[t] += change;
            }
        }
        for (int j = 0; j < 3; j++) {
            double p = PROBABILITIES[j];
            assertEquals(p, count[j] / (double) m, 4 * Math.sqrt(p * (1 - p) / m), "frequency of class " + j);
            for (int t = 0; t < 3; t++) {
                assertEquals(CURVES[j][t], sum[j][t] / count[j], 4 * 6 / Math.sqrt(count[j]),
                        "mean change of class " + j + " at week " + WEEKS[t]);
            }
        }
        ScoreTrajectories.Trajectory o = ((ScoreTrajectories) s.arms().get(0).model(s.strata().get(0).name())
                .process(ScoreTrajectories.KEY)).trajectories().get("madrs");
        for (int t = 0; t < 3; t++) {
            double mixture = 0;
            double spread = 0;
            for (int j = 0; j < 3; j++) {
                mixture += PROBABILITIES[j] * CURVES[j][t];
            }
            for (int j = 0; j < 3; j++) {
                spread += PROBABILITIES[j] * (CURVES[j][t] - mixture) * (CURVES[j][t] - mixture);
            }
            double sd = Math.sqrt(36 + spread);
            assertEquals(mixture, o.change(t), 1e-12, "the model's change is the mixture mean");
            assertEquals(sd, o.marginalChangeSd(t), 1e-12, "the model's marginal SD");
            assertEquals(mixture, all[t] / m, 4 * sd / Math.sqrt(m), "marginal mean change at week " + WEEKS[t]);
        }
    }

    /**
     * Response at week 4 (a reduction of at least 50%): the closed form is the classes' normal probabilities
     * mixed, {@code sum_c p_c Phi((-mu_c - 0.5 mu_X) / sqrt(sigma^2 + 0.25 sigma_X^2))}, computed here and
     * compared with the process's {@code successProbability} (1e-6, its integration's accuracy) and with the
     * simulated fraction of 20,000 patients (4 binomial SE).
     */
    @Test
    void responseIsTheMixtureOfTheClassesProbabilities() {
        Scenario s = parse(MIXTURE);
        org.apache.commons.statistics.distribution.NormalDistribution z =
                org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);
        double expected = 0;
        for (int j = 0; j < 3; j++) {
            expected += PROBABILITIES[j] * z.cumulativeProbability((-CURVES[j][2] - 0.5 * 30)
                    / Math.sqrt(36 + 0.25 * 25));
        }
        org.trialsim.scenario.Endpoint response = s.endpoints().get(1);
        double closed = new ScoreTrajectoryProcess().successProbability(response,
                s.arms().get(0).model(s.strata().get(0).name()), 0, 4);
        assertEquals(expected, closed, 1e-6);
        int n = 40_000;
        Cohort c = sample(s, n);
        double[] base = c.doubles(ScoreTrajectoryProcess.column("madrs", 0));
        double[] y = c.doubles(ScoreTrajectoryProcess.column("madrs", 4));
        int m = 0;
        int responders = 0;
        for (int i = 0; i < n; i++) {
            if (c.arm[i] == 0) {
                m++;
                responders += y[i] <= 0.5 * base[i] ? 1 : 0;
            }
        }
        assertEquals(expected, responders / (double) m, 4 * Math.sqrt(expected * (1 - expected) / m));
    }

    /**
     * The classes draw from a stream of their own: the same scenario with every class's change replaced by a
     * single curve of zeros draws the same baselines and normals, so each patient's score differs by exactly
     * the mean change of the patient's class; the control arm's scores are identical.
     */
    @Test
    void classesMoveNoOtherDraw() {
        String flat = MIXTURE.replaceFirst("(?s)classes:\n.*?non_responders: \\{[^\n]*\n",
                "change: [0, 0, 0]\n");
        assertTrue(!flat.contains("classes"), flat);
        int n = 2_000;
        Cohort with = sample(parse(MIXTURE), n);
        double[] cls = with.doubles(ScoreTrajectoryProcess.classColumn("madrs")).clone();
        double[][] withScores = new double[4][];
        double[] weeks = {0, 1, 2, 4};
        for (int t = 0; t < 4; t++) {
            withScores[t] = with.doubles(ScoreTrajectoryProcess.column("madrs", weeks[t])).clone();
        }
        Cohort without = sample(parse(flat), n);
        for (int i = 0; i < n; i++) {
            assertEquals(with.arm[i], without.arm[i]);
            for (int t = 0; t < 4; t++) {
                double shift = t == 0 ? 0 : with.arm[i] == 0 ? CURVES[(int) cls[i] - 1][t - 1]
                        : new double[] {-3, -5, -7}[t - 1];
                double flatScore = without.doubles(ScoreTrajectoryProcess.column("madrs", weeks[t]))[i];
                if (with.arm[i] == 1) {
                    assertEquals(withScores[t][i], flatScore, 0, "control unchanged");
                } else {
                    assertEquals(withScores[t][i], flatScore + shift, 1e-9, "patient " + i + " week " + weeks[t]);
                }
            }
        }
    }

    private static Problem problem(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void refusesProbabilitiesThatDoNotSumToOne() {
        Problem p = problem(MIXTURE.replace("non_responders: {probability: 0.25", "non_responders: {probability: 0.2"));
        assertTrue(p.message().contains("class probabilities summing to 0.95") && p.message().contains("sum to 1"),
                p.toString());
        assertEquals(11, p.line(), p.toString()); // the classes' mapping, which starts with the first class
        assertTrue(p.toString().contains("test.yaml"), p.toString());
    }

    @Test
    void refusesChangeWithClassesAndCurvesOutsideTheScale() {
        Problem both = problem(MIXTURE.replace("        sd: 6\n        correlation: {structure: ar1, rho: 0.5}\n  ctl:",
                "        sd: 6\n        change: [1, 2, 3]\n        correlation: {structure: ar1, rho: 0.5}\n  ctl:"));
        assertTrue(both.message().contains("found change with classes"), both.toString());
        Problem bounds = problem(MIXTURE.replace("baseline: {mean: 30, sd: 5}\n        classes",
                "baseline: {mean: 30, sd: 5}\n        lower: 0\n        upper: 60\n        classes")
                .replace("[-15, -18, -20]", "[-15, -18, -31]"));
        assertTrue(bounds.message().contains("mean score of -1 at week 4"), bounds.toString());
        assertEquals(13, bounds.line(), bounds.toString());
        assertTrue(bounds.toString().contains("classes.rapid.change[2]"), bounds.toString());
        Problem zero = problem(MIXTURE.replace("rapid: {probability: 0.3", "rapid: {probability: 0"));
        assertTrue(zero.message().contains("(0, 1]"), zero.toString());
        Problem name = problem(MIXTURE.replace("rapid:", "Rapid:"));
        assertTrue(name.message().contains("class name 'Rapid'"), name.toString());
    }
}
