package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * {@code check} states its expectations with dropout and the endpoint's strategy applied (issue #15, point 6):
 * the figures it prints as analysed against closed forms and against what the simulation analyses.
 *
 * <p>Tolerances: one cohort of 40,000 patients (about 20,000 per arm) per scenario; each simulated proportion is
 * compared within 4 binomial standard errors sqrt(P(1 - P)/m) of the closed form, each simulated mean within 4
 * standard errors SD/sqrt(m) with SD the sample SD (a chance of 6e-5 per comparison under a correct closed form).
 */
class CheckAnalysedFiguresTest {

    private static final int N = 40_000;

    /**
     * One binary outcome read by three endpoints at week 12: without a strategy, composite over the intercurrent
     * events, and treatment policy over them. Per-arm dropout hazards 0.01 and 0.03 per week; the treatment arm
     * has a treatment discontinuation (hazard 0.02, outcomes continue) and a withdrawal of consent (0.01,
     * observation stops), the control arm a discontinuation (0.04).
     */
    static Scenario strategies() {
        return ScenarioParser.parse("""
                name: strategies
                design: {sample_sizes: [100], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    binary_outcomes:
                      resp: {probability: 0.6}
                    dropout: {per_week: 0.01}
                    intercurrent_events:
                      stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.02}}, after: continues}
                      gone: {reason: withdrawal_of_consent, hazard: {exponential: {rate: 0.01}}, after: stops}
                  control:
                    control: true
                    binary_outcomes:
                      resp: {probability: 0.3}
                    dropout: {per_week: 0.03}
                    intercurrent_events:
                      stop: {reason: treatment_discontinuation, hazard: {exponential: {rate: 0.04}}, after: continues}
                endpoints:
                  plain: {kind: binary, outcome: resp, at_week: 12, test: chi_square}
                  composite: {kind: binary, outcome: resp, at_week: 12, test: chi_square, strategy: composite}
                  policy: {kind: binary, outcome: resp, at_week: 12, test: chi_square, strategy: treatment_policy}
                multiplicity: {procedure: bonferroni}
                """, "strategies.yaml");
    }

    /**
     * The closed forms by hand, with retention from dropout exp(-d 12) (dropout is a hazard per week): without a
     * strategy p exp(-12 d); composite p exp(-12 d) exp(-12 sum of event hazards); treatment policy p exp(-12 d)
     * (1 - P(the first event is the withdrawal, by week 12)) = p exp(-12 d) (1 - 0.01/0.03 (1 - exp(-0.36))).
     */
    @Test
    void binaryFiguresApplyDropoutAndTheStrategyAsTheExtractorDoes() {
        Scenario s = strategies();
        Arm treatment = s.arms().get(s.armIndex("treatment"));
        Arm control = s.arms().get(s.armIndex("control"));
        double rt = Math.exp(-12 * 0.01);
        double rc = Math.exp(-12 * 0.03);
        double[][] expected = {
            {0.6 * rt, 0.3 * rc},
            {0.6 * rt * Math.exp(-12 * 0.03), 0.3 * rc * Math.exp(-12 * 0.04)},
            {0.6 * rt * (1 - 0.01 / 0.03 * (1 - Math.exp(-0.36))), 0.3 * rc}};
        String summary = ScenarioSummary.of(s);
        for (int k = 0; k < 3; k++) {
            Endpoint e = s.endpoints().get(k);
            double t = PlanningFigures.analysed(s, e, treatment);
            double c = PlanningFigures.analysed(s, e, control);
            // the midpoint rule on 4,096 steps: far below any Monte Carlo error
            assertEquals(expected[k][0], t, 1e-9, e.name());
            assertEquals(expected[k][1], c, 1e-9, e.name());
            BinaryOutcomes data = binary(s, e);
            compare(t, data, 1, e.name() + " treatment");
            compare(c, data, 0, e.name() + " control");
            assertTrue(summary.contains(String.format(Locale.ROOT, "treatment %.3f; control %.3f", t, c)), summary);
        }
        assertTrue(summary.contains("analysed (composite over every intercurrent event: the event before week 12 is a"
                + " failure; a loss before week 12 is a failure)"), summary);
        assertTrue(summary.contains("analysed (treatment_policy over every intercurrent event: the outcome whatever"
                + " the event"), summary);
        assertTrue(summary.contains("analysed (no strategy; a loss before week 12 is a failure)"), summary);
    }

    @Test
    void whereTheStrategyChangesTheDistributionTheFigureIsLeftToSimulation() {
        // treatment policy with jump to reference on a MADRS change, hypothetical on a time to event
        Scenario s = ScenarioParser.parse(new String(readFixture(), java.nio.charset.StandardCharsets.UTF_8),
                "all-keys-estimand.yaml");
        String summary = ScenarioSummary.of(s);
        assertTrue(summary.contains("analysed (treatment_policy over stop, rescue, gone: the outcome whatever the "
                + "event, under its post-event model; unobserved after an event that stops observation; a loss "
                + "leaves the later visits missing, which the MMRM takes as missing at random): treatment by "
                + "simulation; control by simulation"), summary);
        assertTrue(summary.contains("analysed (hypothetical over every intercurrent event: the outcome had the event"
                + " not happened: what follows it is censored; a loss censors the time): treatment median"), summary);
    }

    /**
     * A bounded continuous outcome (a scale from 0): the mean as analysed is that of the normal set into the bound,
     * mu Phi(mu/sd) + sd phi(mu/sd) (the clamped normal's mean with lower 0), here with mu = 2, sd = 3 on the
     * treatment arm and mu = 1 on the control; the completers' simulated mean agrees within 4 standard errors.
     */
    @Test
    void aBoundedContinuousOutcomeIsAnalysedWithinItsBounds() {
        Scenario s = ScenarioParser.parse("""
                name: bounded
                design: {sample_sizes: [100], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    continuous_outcomes:
                      y: {mean: 2, sd: 3, lower: 0}
                    dropout: {per_week: 0.02}
                  control:
                    control: true
                    continuous_outcomes:
                      y: {mean: 1, sd: 3, lower: 0}
                endpoints:
                  y: {kind: continuous, at_week: 8, test: t_test}
                """, "bounded.yaml");
        org.apache.commons.statistics.distribution.NormalDistribution z =
                org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);
        double[] mu = {2, 1};
        String summary = ScenarioSummary.of(s);
        ContinuousOutcomes data = continuous(s, s.endpoints().get(0));
        for (int g = 0; g < 2; g++) {
            double expected = mu[g] * z.cumulativeProbability(mu[g] / 3) + 3 * z.density(mu[g] / 3);
            assertEquals(expected, PlanningFigures.clampedNormalMean(mu[g], 3, 0, Double.POSITIVE_INFINITY), 1e-12);
            String arm = g == 0 ? "treatment" : "control";
            assertTrue(summary.contains(String.format(Locale.ROOT, "%s mean %.3f (values set into their bounds)", arm,
                    expected)), summary);
            double sum = 0;
            double sq = 0;
            int m = 0;
            for (int i = 0; i < data.size(); i++) {
                if (data.group()[i] == 1 - g) {
                    sum += data.value()[i];
                    sq += data.value()[i] * data.value()[i];
                    m++;
                }
            }
            double mean = sum / m;
            double sd = Math.sqrt((sq - m * mean * mean) / (m - 1));
            assertEquals(expected, mean, 4 * sd / Math.sqrt(m), arm + " (" + m + " completers)");
        }
        assertTrue(summary.contains("analysed (no strategy; a loss before week 8 is missing: completers)"), summary);
    }

    private static byte[] readFixture() {
        try (var in = CheckAnalysedFiguresTest.class.getResourceAsStream(
                "/org/trialsim/scenario/valid/all-keys-estimand.yaml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Every built-in scenario: every endpoint has an analysed line, and no figure is said to ignore dropout; the
     * MADRS change that {@code ketamine-madrs-mmrm} analyses (scores set into [0, 60]) is the mean the simulation
     * observes among the patients assessed at week 4 (dropout there does not depend on the score, so the
     * completers' mean is the mean the MMRM estimates under missing at random).
     */
    @Test
    void builtInsStateEveryFigureAsAnalysed() {
        for (String name : ScenarioLibrary.names()) {
            Scenario s = ScenarioLibrary.load(name);
            String summary = ScenarioSummary.of(s);
            assertFalse(summary.toLowerCase(Locale.ROOT).contains("dropout ignored"), name);
            assertFalse(summary.contains("composite estimand of today"), name);
            long analysed = summary.lines().filter(l -> l.startsWith("     analysed (")).count();
            assertEquals(s.endpoints().size(), analysed, name + "\n" + summary);
        }
        Scenario s = ScenarioLibrary.load("ketamine-madrs-mmrm");
        Endpoint e = s.endpoints().stream().filter(x -> x.name().equals("madrs_week4")).findFirst().orElseThrow();
        String summary = ScenarioSummary.of(s);
        ContinuousOutcomes data = continuous(s, e);
        List<String> arms = List.of(e.treatment(), e.control());
        for (int g = 0; g < 2; g++) {
            String line = summary.lines().filter(l -> l.startsWith("     analysed (") && l.contains("MMRM"))
                    .findFirst().orElseThrow();
            String arm = arms.get(g);
            String after = line.substring(line.indexOf(arm + " mean change ") + (arm + " mean change ").length());
            double printed = Double.parseDouble(after.split("[;\\s]")[0]);
            int group = 1 - g;
            double sum = 0;
            double sq = 0;
            int m = 0;
            for (int i = 0; i < data.size(); i++) {
                if (data.group()[i] == group) {
                    sum += data.value()[i];
                    sq += data.value()[i] * data.value()[i];
                    m++;
                }
            }
            double mean = sum / m;
            double sd = Math.sqrt((sq - m * mean * mean) / (m - 1));
            // the printed figure has three decimals: add half a unit of the third
            assertEquals(printed, mean, 4 * sd / Math.sqrt(m) + 5e-4, arm + " (" + m + " assessed)");
        }
    }

    private static BinaryOutcomes binary(Scenario s, Endpoint e) {
        Cohort c = sample(s);
        BinaryOutcomes data = new BinaryOutcomes();
        EndpointExtractor.compile(s, e).extract(c, N, DataCutoff.compile(s).calendarTime(c, N), data);
        return data;
    }

    private static ContinuousOutcomes continuous(Scenario s, Endpoint e) {
        Cohort c = sample(s);
        ContinuousOutcomes data = new ContinuousOutcomes();
        EndpointExtractor.compile(s, e).extract(c, N, DataCutoff.compile(s).calendarTime(c, N), data);
        return data;
    }

    private static Cohort sample(Scenario s) {
        Cohort c = new Cohort(N);
        SamplingPlan.compile(s).newSampler().sample(c, N, 20_261_207L, 0);
        return c;
    }

    private static void compare(double expected, BinaryOutcomes data, int group, String what) {
        int m = data.total(group);
        double observed = (double) data.events(group) / m;
        double se = Math.sqrt(expected * (1 - expected) / m);
        assertEquals(expected, observed, 4 * se, what + " (" + m + " patients)");
    }
}
