package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.stats.bayes.BetaDifference;

/**
 * Two-arm Bayesian rules run from scenario files, against exact values: the beta-binomial rule's power and
 * type I error by enumeration of both arms' responders (R: core/src/test/r/bayes-posterior-references.R, and
 * the same enumeration here), at the final analysis and with an interim look; the normal rule on a mean
 * difference with a flat prior, whose success set is {@code t > qnorm(c)} (the noncentral t, exact in R); and
 * the normal rule on the log hazard ratio with a flat prior and margin 0, which succeeds exactly when the
 * one-sided log-rank test rejects at {@code 1 - c}, so the two studies count the same trials.
 *
 * <p>Tolerance: 4 Monte Carlo standard errors of the simulated proportion at the exact value
 * ({@code sqrt(p(1 - p)/R)}); a correct engine fails about once in 16,000 checks.
 */
class BayesianRuleStudyTest {

    private static final long SEED = 20261206L;
    private static final int REPLICATES = 20_000;

    /** The two-arm beta-binomial design of these tests (60 patients, 0.55 vs 0.30), with a rule and an interim block. */
    static String binary(String interim, String success) {
        return """
                name: bayes-binary
                design: {sample_sizes: [60], sides: 1, randomization: {method: alternating}}
                enrollment: {even: {weeks: 30}}
                arms:
                  treatment:
                    binary_outcomes:
                      responder: {probability: 0.55}
                  control:
                    control: true
                    binary_outcomes:
                      responder: {probability: 0.3}
                endpoints:
                  responder:
                    kind: binary
                    test: bayesian_binary
                    bayesian: %s
                %s""".formatted(success, interim);
    }

    @Test
    void betaBinomialRuleAgainstExactEnumeration() {
        assertEquals(0.614381506674319, exactPower(0.55, 0.3), 1e-9, "enumeration here against R's");
        assertEquals(0.049010240303610, exactPower(0.3, 0.3), 1e-9);
        StudyResult r = PowerStudy.of(ScenarioParser.parse(binary("", "{success: 0.95}"), "b.yaml"))
                .replicates(REPLICATES).seed(SEED).run();
        proportion(r, "power:responder", 0.614381506674319);
        proportion(r, "type1:responder", 0.049010240303610);
    }

    /**
     * An interim look at half the patients (15 per arm: alternating allocation, evenly spaced entries, the
     * outcome at entry) with success above 0.95 and futility below 0.2 at both looks, the final success
     * above 0.95: enumerated over the first 15 and the last 15 responders of each arm.
     */
    @Test
    void interimLookAgainstExactEnumeration() {
        String interim = """
                interim:
                  endpoint: responder
                  information_fractions: [0.5, 1]
                """;
        String rule = "{success: 0.95, futility: 0.2}";
        double[] h1 = exactTwoLooks(0.55, 0.3, 0.95, 0.2);
        double[] h0 = exactTwoLooks(0.3, 0.3, 0.95, 0.2);
        StudyResult r = PowerStudy.of(ScenarioParser.parse(binary(interim, rule), "i.yaml")).replicates(REPLICATES)
                .seed(SEED).run();
        proportion(r, "power:responder", h1[0]);
        proportion(r, "stop:look1", h1[1]);
        proportion(r, "futility:look1", h1[2]);
        proportion(r, "type1:responder", h0[0]);
    }

    @Test
    void normalRuleOnAMeanDifference() {
        String text = """
                name: bayes-continuous
                design: {sample_sizes: [80], sides: 1}
                arms:
                  treatment:
                    continuous_outcomes:
                      score: {mean: 5, sd: 10}
                  control:
                    control: true
                    continuous_outcomes:
                      score: {mean: 0, sd: 10}
                endpoints:
                  score:
                    kind: continuous
                    test: bayesian_continuous
                    bayesian: {success: 0.975}
                """;
        StudyResult r = PowerStudy.of(ScenarioParser.parse(text, "c.yaml")).replicates(REPLICATES).seed(SEED).run();
        proportion(r, "power:score", 0.609884769585838);
        proportion(r, "type1:score", 0.026785840331573);
    }

    @Test
    void normalRuleOnTheLogHazardRatioIsTheLogRankTestWithAFlatPrior() {
        String text = """
                name: bayes-tte
                design: {sample_sizes: [200], alpha: 0.025, sides: 1}
                arms:
                  treatment:
                    events:
                      death: {hazard: {exponential: {median: 26}}, hazard_ratio: 0.6}
                  control:
                    control: true
                    events:
                      death: {hazard: {exponential: {median: 26}}}
                enrollment: {uniform: {weeks: 52}}
                schedule: {cutoff: {calendar_week: 104}}
                endpoints:
                  death: %s
                """;
        StudyResult bayes = PowerStudy.of(ScenarioParser.parse(text.formatted(
                "{kind: time_to_event, test: bayesian_time_to_event, bayesian: {success: 0.975}}"), "t.yaml"))
                .replicates(4000).seed(SEED).run();
        StudyResult logRank = PowerStudy.of(ScenarioParser.parse(text.formatted(
                "{kind: time_to_event, test: log_rank}"), "t.yaml")).replicates(4000).seed(SEED).run();
        assertEquals(ReferenceCasesTest.row(logRank, "power:death", 200).estimate(),
                ReferenceCasesTest.row(bayes, "power:death", 200).estimate());
        assertEquals(ReferenceCasesTest.row(logRank, "type1:death", 200).estimate(),
                ReferenceCasesTest.row(bayes, "type1:death", 200).estimate());
        // an informative prior that the treatment does nothing lowers the power
        StudyResult sceptical = PowerStudy.of(ScenarioParser.parse(text.formatted("{kind: time_to_event, "
                + "test: bayesian_time_to_event, bayesian: {success: 0.975, prior: {mean: 0, sd: 0.1}}}"), "t.yaml"))
                .replicates(4000).seed(SEED).run();
        assertTrue(ReferenceCasesTest.row(sceptical, "power:death", 200).estimate()
                < ReferenceCasesTest.row(bayes, "power:death", 200).estimate() - 0.05);
    }

    @Test
    void badInputNamesFileLineAndKey() {
        problem(binary("", "{success: 1.5}"), "endpoints.responder.bayesian.success", "in (0, 1)");
        problem(binary("", "{success: 0.9, futility: 0.95}"), "endpoints.responder.bayesian.futility",
                "futility < success");
        problem(binary("", "{success: 0.9, prior: {treatment: {a: 0, b: 1}}}"),
                "endpoints.responder.bayesian.prior.treatment.a", "positive beta shape");
        problem(binary("", "{success: 0.9, prior: {treatment: {a: 0.2, b: 1}}}"), "endpoints.responder.bayesian.prior",
                "at least 0.5");
        problem(binary("", "{success: 0.9, margin: 1}"), "endpoints.responder.bayesian.margin", "(-1, 1)");
        problem(binary("interim: {endpoint: responder, information_fractions: [0.5, 1], futility: {rule: "
                + "conditional_power, threshold: 0.1}}\n", "{success: 0.9}"), "interim.futility", "rule: none");
    }

    /**
     * Bad input of the gamma-Poisson rule on event rates ({@code bayesian_event_rate}; its study-level checks are
     * in {@link BayesianEventRateStudyTest}): non-positive prior parameters, a missing prior, thresholds outside
     * (0, 1), the rule on a binary endpoint, with a multiplicity procedure, with an interim futility rule.
     */
    @Test
    void eventRateBadInputNamesFileLineAndKey() {
        String base = "{success: 0.9, prior: {treatment: %s, control: {a: 1, b: 30}}}";
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 0, b: 30}"), ""),
                "endpoints.death.bayesian.prior.treatment.a", "positive gamma shape");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: -2}"), ""),
                "endpoints.death.bayesian.prior.treatment.b", "positive gamma rate");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{mean: 0, ess: 2}"), ""),
                "endpoints.death.bayesian.prior.treatment.mean", "positive prior mean event rate");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{mean: 0.02, ess: 0}"), ""),
                "endpoints.death.bayesian.prior.treatment.ess", "effective sample size");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: 30, mean: 0.02}"), ""),
                "endpoints.death.bayesian.prior.treatment", "either {a, b}");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", "{success: 0.9}", ""), "endpoints.death.bayesian.prior",
                "missing required key 'prior'");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", "{success: 0.9, prior: {treatment: {a: 1, b: 30}}}", ""),
                "endpoints.death.bayesian.prior.control", "missing required key 'control'");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", "{success: 0.9, prior: {mean: 0, sd: 1}}", ""),
                "endpoints.death.bayesian.prior.mean", "unknown key 'mean'");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: 30}").replace("0.9", "1"), ""),
                "endpoints.death.bayesian.success", "in (0, 1)");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: 30}").replace("0.9", "0"), ""),
                "endpoints.death.bayesian.success", "in (0, 1)");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: 30}")
                .replace("success: 0.9", "success: 0.9, futility: 0.95"), ""),
                "endpoints.death.bayesian.futility", "futility < success");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: 30}")
                .replace("success: 0.9", "success: 0.9, futility: 1"), ""),
                "endpoints.death.bayesian.futility", "[0, 1)");
        // not on a non-time-to-event endpoint
        String binary = """
                name: rate-on-binary
                design: {sample_sizes: [60], sides: 1}
                arms:
                  treatment:
                    binary_outcomes:
                      responder: {probability: 0.55}
                  control:
                    control: true
                    binary_outcomes:
                      responder: {probability: 0.3}
                endpoints:
                  responder: {kind: binary, test: bayesian_event_rate, bayesian: {success: 0.9,
                              prior: {treatment: {a: 1, b: 30}, control: {a: 1, b: 30}}}}
                """;
        problem(binary, "endpoints.responder.test", "analyses time-to-event data");
        // the posterior probability is not a p-value: no multiplicity, no interim futility rule of its own
        String two = BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: 30}"), "")
                .replace("endpoints:\n", "endpoints:\n  second: {kind: time_to_event, outcome: death, test: log_rank}\n")
                + "multiplicity: {procedure: holm}\n";
        problem(two, "multiplicity", "a posterior probability is not a p-value");
        problem(BayesianEventRateStudyTest.scenario("bayesian_event_rate", base.formatted("{a: 1, b: 30}"), "interim: {endpoint: death, "
                + "information_fractions: [0.5, 1], futility: {rule: conditional_power, threshold: 0.1}}\n"),
                "interim.futility", "rule: none");
        // a bayesian block with another test says which tests take one
        problem(BayesianEventRateStudyTest.scenario("log_rank", "{success: 0.9}", ""), "endpoints.death.bayesian", "bayesian_event_rate");
    }

    /** P(success) for 30 per arm, Beta(1, 1) priors, d = 0, success above 0.95. */
    private static double exactPower(double pT, double pC) {
        BinomialDistribution t = BinomialDistribution.of(30, pT);
        BinomialDistribution c = BinomialDistribution.of(30, pC);
        double power = 0;
        for (int xT = 0; xT <= 30; xT++) {
            for (int xC = 0; xC <= 30; xC++) {
                if (BetaDifference.probabilityAbove(1 + xT, 31 - xT, 1 + xC, 31 - xC, 0) > 0.95) {
                    power += t.probability(xT) * c.probability(xC);
                }
            }
        }
        return power;
    }

    /** {power, P(stop at the interim), P(stop for futility at the interim)}: 15 + 15 per arm. */
    private static double[] exactTwoLooks(double pT, double pC, double success, double futility) {
        BinomialDistribution t = BinomialDistribution.of(15, pT);
        BinomialDistribution c = BinomialDistribution.of(15, pC);
        double power = 0;
        double stop = 0;
        double stopFutility = 0;
        for (int t1 = 0; t1 <= 15; t1++) {
            for (int c1 = 0; c1 <= 15; c1++) {
                double w1 = t.probability(t1) * c.probability(c1);
                double p1 = BetaDifference.probabilityAbove(1 + t1, 16 - t1, 1 + c1, 16 - c1, 0);
                if (p1 > success) {
                    power += w1;
                    stop += w1;
                    continue;
                }
                if (p1 < futility) {
                    stop += w1;
                    stopFutility += w1;
                    continue;
                }
                for (int t2 = 0; t2 <= 15; t2++) {
                    for (int c2 = 0; c2 <= 15; c2++) {
                        int xT = t1 + t2;
                        int xC = c1 + c2;
                        if (BetaDifference.probabilityAbove(1 + xT, 31 - xT, 1 + xC, 31 - xC, 0) > success) {
                            power += w1 * t.probability(t2) * c.probability(c2);
                        }
                    }
                }
            }
        }
        return new double[] {power, stop, stopFutility};
    }

    private static void problem(String text, String path, String message) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "bad.yaml"));
        List<Problem> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.source().equals("bad.yaml") && p.line() > 0
                && p.path().equals(path) && p.message().contains(message)), problems.toString());
    }

    private static void proportion(StudyResult r, String measure, double exact) {
        Estimate e = ReferenceCasesTest.row(r, measure, r.rows().get(0).nTotal());
        double se = Math.sqrt(exact * (1 - exact) / e.replicates());
        assertTrue(Math.abs(e.estimate() - exact) <= 4 * se + 1e-12,
                measure + ": simulated " + e.estimate() + " vs exact " + exact + " (4 MCSE = " + 4 * se + ")");
    }
}
