package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.LogRankTest;
import org.trialsim.stats.MantelHaenszelTest;
import org.trialsim.stats.RiskDifference;
import org.trialsim.stats.TwoProportionZTest;
import org.trialsim.stats.TwoSampleTTest;
import org.trialsim.stats.sequential.Decision;

/**
 * {@link PowerStudy#replay}: the replay of replicate K at size n is the engine's own trial, number for number.
 * For each design, replicates 0..49 replayed at every size of the grid give exactly the study's counts over
 * the same 50 replicates: rejections per endpoint after and before multiplicity, trials rejecting any
 * endpoint, uninformative analyses, stops and futility stops per look, and patients enrolled; and replicate by
 * replicate, the decisions of the engine's own trial run over the whole grid.
 */
class TrialReplayTest {

    private static final int REPLICATES = 50;

    static Scenario example(String file, String... edits) throws IOException {
        String text = Files.readString(Path.of("..", "examples", file));
        for (int k = 0; k < edits.length; k += 2) {
            if (!text.contains(edits[k])) {
                throw new IllegalStateException(file + " has no '" + edits[k] + "'");
            }
            text = text.replace(edits[k], edits[k + 1]);
        }
        return ScenarioParser.parse(text, file);
    }

    static Stream<Arguments> designs() throws IOException {
        return Stream.of(
                // fixed, three endpoints (binary, benzodiazepine-free among users, log-rank), fixed sequence
                Arguments.of("fixed sequence", PowerStudy.of(example("ketamine-vs-midazolam.yaml"))
                        .sampleSizes(40, 120)),
                Arguments.of("holm", PowerStudy.of(example("two-endpoints-holm.yaml")).sampleSizes(60, 120)),
                Arguments.of("group-sequential", PowerStudy.of(example("group-sequential-binary-obf.yaml"))
                        .sampleSizes(60, 120)),
                Arguments.of("group-sequential with futility", PowerStudy.of(example(
                        "group-sequential-binary-obf.yaml", "information_fractions: [0.5, 1]",
                        "information_fractions: [0.4, 0.7, 1]", "futility: {rule: none}",
                        "futility: {rule: beta_spending, beta: 0.2}",
                        "response: {probability: 0.5}", "response: {probability: 0.3}")).sampleSizes(80)),
                Arguments.of("group-sequential time to event", PowerStudy.of(example("two-arm-tte-logrank.yaml",
                        "    test: log_rank", "    test: log_rank\ninterim:\n  information_fractions: [0.5, 1]\n"
                        + "  futility: {rule: conditional_power, conditional_power: 0.2}"))
                        .sampleSizes(100)),
                Arguments.of("simon", PowerStudy.of(example("simon-two-stage.yaml")).sampleSizes(20, 43)),
                Arguments.of("time to event, calendar cutoff", PowerStudy.of(example("two-arm-tte-logrank.yaml"))
                        .sampleSizes(80, 200)),
                Arguments.of("time to event, event-driven cutoff, even entry", PowerStudy.of(example(
                        "two-arm-tte-logrank.yaml", "uniform: {weeks: 52}", "even: {weeks: 52}",
                        "cutoff: {calendar_week: 104}", "cutoff: {events: 40, endpoint: time_to_relapse}"))
                        .sampleSizes(120)),
                Arguments.of("continuous", PowerStudy.of(example("two-arm-t-test.yaml")).sampleSizes(30, 60)),
                Arguments.of("maintenance", PowerStudy.of(example("maintenance-withdrawal.yaml")).sampleSizes(90)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void replayedDecisionsAddUpToTheEnginesCounts(String name, PowerStudy design) {
        PowerStudy study = design.replicates(REPLICATES).fixedReplicates().nullHypothesis(false).threads(2);
        OperatingCounts counts = study.alternative(study.counts(ProgressListener.NONE, () -> false));
        TrialLayout layout = counts.layout();
        int endpoints = layout.endpointCount();
        // the engine's own trials, replicate by replicate, over the whole grid (as the study ran them)
        VirtualTrial engine = ScenarioTrials.MODEL.compile(study.scenario(), study.seed()).create();
        ReplicateOutcome[] outcomes = new ReplicateOutcome[REPLICATES];
        for (int r = 0; r < REPLICATES; r++) {
            outcomes[r] = new ReplicateOutcome(layout);
            outcomes[r].clear();
            engine.run(r, outcomes[r]);
        }
        for (int g = 0; g < layout.sizeCount(); g++) {
            int n = layout.sampleSize(g);
            long[] rejected = new long[endpoints];
            long[] unadjusted = new long[endpoints];
            long[] uninformative = new long[endpoints];
            long[] stopped = new long[layout.looks()];
            long[] futility = new long[layout.looks()];
            long any = 0;
            long patients = 0;
            for (int r = 0; r < REPLICATES; r++) {
                TrialReplay replay = study.replay(r, n);
                assertEquals(n, replay.size());
                assertEquals(n, replay.patients().size());
                TrialReplay.Decisions d = replay.decisions();
                ReplicateOutcome o = outcomes[r];
                String trial = name + ", replicate " + r + " at n=" + n;
                assertEquals(o.stopLook[g], d.stopLook(), trial);
                assertEquals(o.patientsUsed[g], d.patientsEnrolled(), trial);
                assertEquals(o.futilityStop[g], d.stop() == TrialReplay.Stop.FUTILITY, trial);
                for (int e = 0; e < endpoints; e++) {
                    assertEquals(o.rejected(g, e), d.endpoints().get(e).rejected(), trial + ", endpoint " + e);
                    assertEquals(o.rejectedUnadjusted(g, e), d.endpoints().get(e).rejectedBeforeMultiplicity(), trial);
                }
                boolean anyRejected = false;
                for (int e = 0; e < endpoints; e++) {
                    TrialReplay.EndpointDecision ed = d.endpoints().get(e);
                    rejected[e] += ed.rejected() ? 1 : 0;
                    unadjusted[e] += ed.rejectedBeforeMultiplicity() ? 1 : 0;
                    uninformative[e] += ed.informative() ? 0 : 1;
                    anyRejected |= ed.rejected();
                }
                any += anyRejected ? 1 : 0;
                stopped[d.stopLook()]++;
                futility[d.stopLook()] += d.stop() == TrialReplay.Stop.FUTILITY ? 1 : 0;
                patients += d.patientsEnrolled();
            }
            String at = name + " at n=" + n;
            for (int e = 0; e < endpoints; e++) {
                assertEquals(counts.rejected(g, e), rejected[e], at + ", rejections of endpoint " + e);
                assertEquals(counts.rejectedUnadjusted(g, e), unadjusted[e], at + ", unadjusted, endpoint " + e);
                assertEquals(counts.uninformative(g, e), uninformative[e], at + ", uninformative, endpoint " + e);
            }
            assertEquals(counts.rejectedAny(g), any, at + ", any");
            assertEquals(counts.patientSum(g), patients, at + ", patients");
            for (int k = 0; k < layout.looks(); k++) {
                assertEquals(counts.stopped(g, k), stopped[k], at + ", stops at look " + k);
                assertEquals(counts.futility(g, k), futility[k], at + ", futility stops at look " + k);
            }
        }
    }

    /** The numbers of each analysis are those its data give: the test and the estimate recomputed from them. */
    @Test
    void statisticsEstimatesAndPValuesAreThoseOfTheData() throws IOException {
        PowerStudy study = PowerStudy.of(example("ketamine-vs-midazolam.yaml"));
        TrialReplay replay = study.replay(4, 160);
        // response and benzodiazepine-free: chi-square, two-sided at alpha 0.05, with the risk difference
        for (String endpoint : List.of("response", "benzo_free")) {
            TrialReplay.Look look = replay.endpoint(endpoint).last().orElseThrow();
            EndpointData.Binary data = (EndpointData.Binary) look.data();
            int xT = data.events(1);
            int nT = data.total(1);
            int xC = data.events(0);
            int nC = data.total(0);
            assertEquals(TwoProportionZTest.z(xT, nT, xC, nC, false), look.statistic(), endpoint);
            assertEquals(TwoProportionZTest.pValue(xT, nT, xC, nC, false, Alternative.TWO_SIDED), look.pValue());
            assertEquals(new EffectEstimate(EffectEstimate.RISK_DIFFERENCE, RiskDifference.estimate(xT, nT, xC, nC)),
                    look.estimate());
            assertEquals(0, look.look());
            assertEquals(160, look.patients());
        }
        // time to relapse: log-rank and its one-step hazard ratio
        TrialReplay.Look look = replay.endpoint("relapse").last().orElseThrow();
        EndpointData.TimeToEvent tte = (EndpointData.TimeToEvent) look.data();
        boolean[] treated = new boolean[tte.size()];
        for (int i = 0; i < treated.length; i++) {
            treated[i] = tte.group()[i] == 1;
        }
        LogRankTest logRank = new LogRankTest();
        assertEquals(logRank.compute(tte.time(), tte.event(), treated, null, tte.size()), look.statistic());
        assertEquals(logRank.pValue(Alternative.TWO_SIDED), look.pValue());
        assertEquals(logRank.hazardRatioScore(), look.estimate().value());
        assertEquals(EffectEstimate.HAZARD_RATIO, look.estimate().name());
        assertTrue(tte.events() > 0);
    }

    @Test
    void continuousAndStratifiedEstimates() throws IOException {
        TrialReplay t = PowerStudy.of(example("two-arm-t-test.yaml")).replay(2, 60);
        TrialReplay.Look look = t.endpoints().get(0).last().orElseThrow();
        EndpointData.Continuous data = (EndpointData.Continuous) look.data();
        boolean[] treated = new boolean[data.size()];
        for (int i = 0; i < treated.length; i++) {
            treated[i] = data.group()[i] == 1;
        }
        TwoSampleTTest test = new TwoSampleTTest(false);
        test.compute(data.value(), treated, data.size());
        assertEquals(new EffectEstimate(EffectEstimate.MEAN_DIFFERENCE, test.difference()), look.estimate());
        // the CMH test's common odds ratio over the analysis strata
        Scenario cmh = example("ketamine-vs-midazolam.yaml", "    kind: response\n    test: chi_square",
                "    kind: response\n    test: cmh");
        TrialReplay c = PowerStudy.of(cmh).replay(1, 200);
        TrialReplay.Look l = c.endpoint("response").last().orElseThrow();
        EndpointData.Binary b = (EndpointData.Binary) l.data();
        assertEquals(2, b.strata().size());
        int[][] events = b.events();
        int[][] totals = b.totals();
        assertEquals(new EffectEstimate(EffectEstimate.COMMON_ODDS_RATIO, MantelHaenszelTest.commonOddsRatio(
                events[1], totals[1], events[0], totals[0], 2)), l.estimate());
        assertEquals(Analysis.Test.CMH, c.endpoint("response").test());
    }

    /** A group-sequential replay lists each look made, with its bounds, and says why it stopped. */
    @Test
    void groupSequentialLooksAndReason() throws IOException {
        PowerStudy study = PowerStudy.of(example("group-sequential-binary-obf.yaml", "information_fractions: [0.5, 1]",
                "information_fractions: [0.4, 0.7, 1]", "futility: {rule: none}",
                "futility: {rule: beta_spending, beta: 0.2}", "response: {probability: 0.5}",
                "response: {probability: 0.3}"));
        List<TrialReplay.Stop> seen = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            TrialReplay t = study.replay(r, 80);
            TrialReplay.Decisions d = t.decisions();
            List<TrialReplay.Look> looks = t.endpoints().get(0).looks();
            assertEquals(d.stopLook() + 1, looks.size(), "one analysis per look made");
            assertEquals(d.stopLook() + 1, d.sequentialLooks().size());
            for (int k = 0; k < looks.size(); k++) {
                TrialReplay.SequentialLook s = d.sequentialLooks().get(k);
                assertEquals(k, looks.get(k).look());
                assertEquals(looks.get(k).statistic(), s.statistic(), "one-sided: the statistic is z itself");
                assertEquals(k < d.stopLook() ? Decision.CONTINUE : s.decision() == Decision.CONTINUE
                        ? Decision.FUTILITY : s.decision(), s.decision());
            }
            TrialReplay.SequentialLook last = d.sequentialLooks().get(d.stopLook());
            switch (d.stop()) {
                case EFFICACY -> {
                    assertTrue(last.statistic() >= last.efficacyBound(), d.explanation());
                    assertTrue(d.endpoints().get(0).rejected());
                    String expected = d.stopLook() < 2 ? "stopped for efficacy at look " + (d.stopLook() + 1)
                            : "rejected at the final look 3";
                    assertTrue(d.explanation().startsWith(expected), d.explanation());
                }
                case FUTILITY -> {
                    assertTrue(d.stopLook() < 2 && last.statistic() <= last.futilityBound(), d.explanation());
                    assertFalse(d.endpoints().get(0).rejected());
                }
                case FINAL_ANALYSIS -> {
                    assertEquals(2, d.stopLook());
                    assertTrue(last.statistic() < last.efficacyBound());
                    assertFalse(d.endpoints().get(0).rejected());
                }
            }
            // each interim analysis had less data than the next
            for (int k = 1; k < looks.size(); k++) {
                assertTrue(looks.get(k - 1).calendarTime() <= looks.get(k).calendarTime());
                assertTrue(((EndpointData.Binary) looks.get(k - 1).data()).total(1)
                        <= ((EndpointData.Binary) looks.get(k).data()).total(1));
            }
            seen.add(d.stop());
        }
        // the 40 replicates show all three endings (checked, so the assertions above are not vacuous)
        assertTrue(seen.containsAll(List.of(TrialReplay.Stop.values())), seen.toString());
    }

    /** Simon's stage 1 is look 0 on the first n1 patients; a stop there analyses nothing else. */
    @Test
    void simonStages() throws IOException {
        PowerStudy study = PowerStudy.of(example("simon-two-stage.yaml"));
        boolean stoppedEarly = false;
        boolean ranOn = false;
        for (int r = 0; r < 30; r++) {
            TrialReplay t = study.replay(r, 43);
            List<TrialReplay.Look> looks = t.endpoints().get(0).looks();
            assertEquals(13, looks.get(0).patients());
            int stage1 = ((EndpointData.Binary) looks.get(0).data()).events(1);
            TrialReplay.Decisions d = t.decisions();
            if (stage1 <= 3) {
                stoppedEarly = true;
                assertEquals(1, looks.size());
                assertEquals(TrialReplay.Stop.FUTILITY, d.stop());
                assertEquals(13, d.patientsEnrolled());
            } else {
                ranOn = true;
                assertEquals(2, looks.size());
                int x = ((EndpointData.Binary) looks.get(1).data()).events(1);
                assertEquals(x > 12, d.endpoints().get(0).rejected(), d.explanation());
                assertEquals(43, d.patientsEnrolled());
                assertEquals(EffectEstimate.RESPONSE_RATE, looks.get(1).estimate().name());
                assertEquals(x / 43.0, looks.get(1).estimate().value(), 1e-15);
            }
        }
        assertTrue(stoppedEarly && ranOn);
    }

    @Test
    void badArgumentsAreRefused() throws IOException {
        PowerStudy study = PowerStudy.of(example("two-arm-t-test.yaml"));
        assertThrows(IllegalArgumentException.class, () -> study.replay(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> study.replay(0, 0));
    }

    /** The replay does not depend on the study's grid, its thread count or what was replayed before. */
    @Test
    void replayIsTheSameWhateverTheGrid() throws IOException {
        Scenario s = example("ketamine-vs-midazolam.yaml");
        TrialReplay a = PowerStudy.of(s).replay(5, 100);
        PowerStudy other = PowerStudy.of(s).sampleSizes(100, 300).threads(1);
        other.replay(4, 300);
        TrialReplay b = other.replay(5, 100);
        assertEquals(a.decisions(), b.decisions());
        for (int e = 0; e < a.endpoints().size(); e++) {
            TrialReplay.Look x = a.endpoints().get(e).last().orElseThrow();
            TrialReplay.Look y = b.endpoints().get(e).last().orElseThrow();
            assertEquals(x.statistic(), y.statistic());
            assertEquals(x.pValue(), y.pValue());
            assertEquals(x.estimate(), y.estimate());
        }
        assertArrayEquals(a.patients().numbers(PatientColumns.CENSORED_AT).values(),
                b.patients().numbers(PatientColumns.CENSORED_AT).values());
    }
}
