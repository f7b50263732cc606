package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.bayes.GammaRatio;

/**
 * The gamma-Poisson rule on a time-to-event endpoint ({@code test: bayesian_event_rate}) run from scenario
 * files: its posterior probability on the extracted data against commons-statistics' F distribution on events
 * and exposure summed here; and its operating characteristics on a two-arm exponential design with
 * administrative censoring against an independent simulation of the same design in R
 * (core/src/test/r/bayes-event-rate-references.R, part 2, 10^6 replicates per hazard ratio): the rule with
 * vague priors at the final analysis, and with informative priors, a margin and an interim look with success
 * and futility thresholds.
 *
 * <p>Tolerance: 4 combined Monte Carlo standard errors, {@code 4 sqrt(p(1 - p)(1/R_java + 1/R_R))} at the R
 * estimate p: the difference of two independent simulated proportions of the same p has that standard error,
 * so a correct engine fails a check about once in 16,000.
 */
class BayesianEventRateStudyTest {

    private static final long SEED = 20261207L;
    private static final int REPLICATES = 20_000;
    /** The R simulation's replicates per hazard ratio. */
    private static final int R_REPLICATES = 1_000_000;

    private static final String DESIGN = """
            name: bayes-rate
            design: {sample_sizes: [200], alpha: 0.025, sides: 1, randomization: {method: alternating}}
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
              death: {kind: time_to_event, test: %s, bayesian: %s}
            %s""";

    private static final String VAGUE = "{success: 0.975, prior: {treatment: {a: 0.001, b: 0.001}, "
            + "control: {a: 0.001, b: 0.001}}}";

    static String scenario(String test, String rule, String interim) {
        return DESIGN.formatted(test, rule, interim);
    }

    /**
     * Vague priors, margin 0, success above 0.975, one analysis at week 104. R, 10^6 replicates: power
     * 0.894604, type I error 0.025288. Beside it, in R on the same trials, the exact conditional test of equal
     * rates (one-sided 0.025) rejects 0.879376 and 0.021184: the vague rule is close to that test and, as
     * {@code GammaRatioTest} shows exactly, never stricter (its P is the test's with one event fewer), so its
     * type I error is near the nominal 0.025 where the exact test's is below it.
     */
    @Test
    void vaguePriorsAgainstAnIndependentSimulationInR() {
        StudyResult r = PowerStudy.of(ScenarioParser.parse(scenario("bayesian_event_rate", VAGUE, ""), "r.yaml"))
                .replicates(REPLICATES).seed(SEED).run();
        agrees(r, "power:death", 0.894604);
        agrees(r, "type1:death", 0.025288);
    }

    /**
     * Gamma(5, 5 / 0.02666) priors on both arms (the control's median of 26 weeks, worth 5 events), margin
     * 0.1, success above 0.9, futility below 0.2, an interim look at half the events. R, 10^6 replicates:
     * power 0.907829, stop at the interim 0.663742, futility there 0.004085; under the null success 0.044370
     * (stop at the interim 0.387243, futility there 0.356187).
     * The scenario is the example {@code examples/two-arm-events-bayesian-rate.yaml} (permuted blocks of two
     * where R alternates: with entry times independent of the allocation order, the same design).
     */
    @Test
    void informativePriorsMarginAndInterimLookAgainstR() {
        StudyResult r = PowerStudy.of(ScenarioParser.parse(java.nio.file.Path.of("..", "examples",
                "two-arm-events-bayesian-rate.yaml"))).replicates(REPLICATES).seed(SEED).run();
        agrees(r, "power:death", 0.907829);
        agrees(r, "stop:look1", 0.663742);
        agrees(r, "futility:look1", 0.004085);
        agrees(r, "type1:death", 0.044370);
    }

    /**
     * The one-sided log-rank test at 0.025 on the same trials (same seed): the vague rule at 0.975 and the
     * test succeed in nearly the same trials but not exactly the same ones (measured: power 0.8945 against
     * 0.8917, type I error 0.0238 against 0.0244); the rule's is the exponential likelihood of events over
     * exposure, the test's the rank statistic.
     */
    @Test
    void closeToTheLogRankTestWithVaguePriors() {
        StudyResult rate = PowerStudy.of(ScenarioParser.parse(scenario("bayesian_event_rate", VAGUE, ""), "r.yaml"))
                .replicates(REPLICATES).seed(SEED).run();
        StudyResult logRank = PowerStudy.of(ScenarioParser.parse(DESIGN.formatted("log_rank", "null", "")
                .replace(", bayesian: null", ""), "l.yaml")).replicates(REPLICATES).seed(SEED).run();
        double pRate = ReferenceCasesTest.row(rate, "power:death", 200).estimate();
        double pLogRank = ReferenceCasesTest.row(logRank, "power:death", 200).estimate();
        // paired on the same trials, the difference is a few discordant trials: well within 0.02
        assertEquals(pLogRank, pRate, 0.02, "power: rate rule " + pRate + ", log-rank " + pLogRank);
        assertTrue(pRate != pLogRank || ReferenceCasesTest.row(rate, "type1:death", 200).estimate()
                != ReferenceCasesTest.row(logRank, "type1:death", 200).estimate(), "close, not identical");
    }

    /**
     * The analysis as the engine runs it (nested grid: the second size extends the first one's data) reports P
     * computed here from scratch: events and exposure summed over freshly extracted data, the posterior
     * parameters, and commons-statistics' F distribution ({@link GammaRatio#probabilityAbove(double, double,
     * double, double, double)}); the estimate is the rate ratio and the p-value slot {@code 1 - P}.
     */
    @Test
    void reportsThePosteriorProbabilityOfTheExtractedData() {
        Scenario s = ScenarioParser.parse(AnalysesTest.TWO_ARM, "every.yaml");
        Endpoint e = s.endpoints().stream().filter(x -> x.name().equals("brate")).findFirst().orElseThrow();
        BayesianRule rule = e.analysis().bayesian();
        assertEquals(1, rule.treatmentA());
        assertEquals(10, rule.treatmentB());
        assertEquals(2, rule.controlA());
        assertEquals(20, rule.controlB(), 1e-12, "{mean: 0.1, ess: 2} is Gamma(2, 20)");
        int nMax = s.design().sampleSizes().get(s.design().sampleSizes().size() - 1);
        Cohort cohort = new Cohort(nMax);
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        DataCutoff cutoff = DataCutoff.compile(s);
        EndpointAnalysis analysis = EndpointAnalysis.compile(s, e, Alternative.GREATER);
        EndpointExtractor extractor = EndpointExtractor.compile(s, e);
        int compared = 0;
        for (long replicate = 0; replicate < 20; replicate++) {
            sampler.sample(cohort, nMax, 17, replicate);
            analysis.newCohort();
            for (int n : s.design().sampleSizes()) {
                double time = cutoff.calendarTime(cohort, n);
                double p = analysis.analyse(cohort, n, time);
                TimeToEventOutcomes t = new TimeToEventOutcomes();
                extractor.extract(cohort, n, time, t);
                double[] events = new double[2];
                double[] exposure = new double[2];
                for (int i = 0; i < t.size(); i++) {
                    events[t.group()[i]] += t.event()[i] ? 1 : 0;
                    exposure[t.group()[i]] += t.time()[i];
                }
                double expected = GammaRatio.probabilityAbove(rule.treatmentA() + events[1],
                        rule.treatmentB() + exposure[1], rule.controlA() + events[0], rule.controlB() + exposure[0],
                        rule.margin());
                String where = "replicate " + replicate + " n " + n;
                assertTrue(analysis.informative(), where);
                assertEquals(expected, analysis.statistic(), 1e-12, where);
                assertEquals(1 - analysis.statistic(), p, 0, where);
                assertEquals((events[1] / exposure[1]) / (events[0] / exposure[0]), analysis.estimateValue(),
                        1e-12, where);
                compared++;
            }
        }
        assertEquals(40, compared);
    }

    /**
     * A replay shows each look's data and the rule's figures: P recomputed here from the replayed data (events
     * and exposure per arm) is one minus the look's p-value slot, the estimate is named the rate ratio, and each
     * sequential look's statistic is P against the success and (interim only) futility thresholds, deciding as
     * the rule says; over 60 replicates a stop for success at the interim and a final analysis both occur.
     */
    @Test
    void replaysShowEachLooksPosteriorProbabilityAgainstTheThresholds() {
        String rule = "{margin: 0.1, success: 0.9, futility: 0.2, prior: {treatment: {mean: 0.02666, ess: 5}, "
                + "control: {mean: 0.02666, ess: 5}}}";
        Scenario s = ScenarioParser.parse(scenario("bayesian_event_rate", rule,
                "interim: {endpoint: death, information_fractions: [0.5, 1]}\n"), "i.yaml");
        BayesianRule b = s.endpoints().get(0).analysis().bayesian();
        PowerStudy study = PowerStudy.of(s).replicates(60).fixedReplicates().seed(SEED);
        java.util.Set<TrialReplay.Stop> stops = java.util.EnumSet.noneOf(TrialReplay.Stop.class);
        for (int i = 0; i < 60; i++) {
            TrialReplay r = study.replay(i, 200);
            List<TrialReplay.Look> looks = r.endpoint("death").looks();
            List<TrialReplay.SequentialLook> decided = r.decisions().sequentialLooks();
            assertEquals(looks.size(), decided.size());
            for (int k = 0; k < looks.size(); k++) {
                TrialReplay.Look look = looks.get(k);
                EndpointData.TimeToEvent d = (EndpointData.TimeToEvent) look.data();
                double[] events = new double[2];
                double[] exposure = new double[2];
                for (int j = 0; j < d.time().length; j++) {
                    events[d.group()[j]] += d.event()[j] ? 1 : 0;
                    exposure[d.group()[j]] += d.time()[j];
                }
                double p = GammaRatio.probabilityAbove(b.treatmentA() + events[1], b.treatmentB() + exposure[1],
                        b.controlA() + events[0], b.controlB() + exposure[0], b.margin());
                assertEquals(1 - p, look.pValue(), 1e-12, "replicate " + i + " look " + k);
                assertEquals(EffectEstimate.RATE_RATIO, look.estimate().name());
                TrialReplay.SequentialLook q = decided.get(k);
                assertEquals(p, q.statistic(), 1e-12);
                assertEquals(0.9, q.efficacyBound());
                assertEquals(k == 0 ? 0.2 : Double.NEGATIVE_INFINITY, q.futilityBound());
                org.trialsim.stats.sequential.Decision expected = p > 0.9
                        ? org.trialsim.stats.sequential.Decision.REJECT
                        : k == 1 || p < 0.2 ? org.trialsim.stats.sequential.Decision.FUTILITY
                        : org.trialsim.stats.sequential.Decision.CONTINUE;
                assertEquals(expected, q.decision(), "replicate " + i + " look " + k + " P " + p);
            }
            stops.add(r.decisions().stop());
        }
        assertTrue(stops.contains(TrialReplay.Stop.EFFICACY) && stops.contains(TrialReplay.Stop.FINAL_ANALYSIS),
                stops.toString());
    }

    @Test
    void priorFormsReadAsGammaShapeAndRate() {
        Scenario s = ScenarioParser.parse(scenario("bayesian_event_rate", "{margin: -0.2, success: 0.8, futility: "
                + "0.1, prior: {treatment: {a: 2, b: 75}, control: {mean: 0.04, ess: 3}}}", ""), "ok.yaml");
        BayesianRule rule = s.endpoints().get(0).analysis().bayesian();
        assertEquals(-0.2, rule.margin());
        assertEquals(0.8, rule.success());
        assertEquals(0.1, rule.futility());
        assertEquals(2, rule.treatmentA());
        assertEquals(75, rule.treatmentB());
        assertEquals(3, rule.controlA());
        assertEquals(75, rule.controlB(), 1e-12);
        assertTrue(s.endpoints().get(0).analysis().test().bayesian());
        assertFalse(Double.isFinite(rule.priorMean()));
    }

    private static void agrees(StudyResult r, String measure, double reference) {
        Estimate e = ReferenceCasesTest.row(r, measure, 200);
        double se = Math.sqrt(reference * (1 - reference) * (1.0 / e.replicates() + 1.0 / R_REPLICATES));
        assertTrue(Math.abs(e.estimate() - reference) <= 4 * se,
                measure + ": trialsim " + e.estimate() + " vs R " + reference + " (4 combined MCSE = " + 4 * se + ")");
    }
}
