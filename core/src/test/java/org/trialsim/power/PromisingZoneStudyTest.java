package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;

/**
 * Sample-size re-estimation simulated patient by patient: the shipped example {@code examples/promising-zone.yaml}
 * (Mehta and Pocock's schizophrenia design with the Cui-Hung-Wang combination test) against rpact 3.3.4's
 * {@code getSimulationMeans} of the same design with a {@code calcSubjectsFunction} applying the zone (100,000
 * iterations; script {@code src/test/resources/org/trialsim/stats/combination/promising-zone.R}, run 2026-12-06):
 * power 0.83289 and expected total 488.07 at a mean difference of 2, 0.65759 and 495.27 at 1.6, type I error
 * 0.02498 (with expected total 463.61 under the null). rpact simulates stage-wise normal means with known SD;
 * trialsim simulates patients, analyses them by t-tests (their p-values' normal scores) and obtains the stage-2
 * statistic by independent increments, so agreement within 3 combined MCSE (the root of the sum of both squared
 * MCSEs: rpact's proportion sqrt(p(1-p)/100,000), its expected total this study's MCSE scaled to 100,000) checks
 * the whole path. 20,000 replicates each.
 */
class PromisingZoneStudyTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "promising-zone.yaml");
    private static final int REPLICATES = 20_000;
    private static final int RPACT = 100_000;

    @Test
    void operatingCharacteristicsAgreeWithRpact() throws Exception {
        String text = Files.readString(EXAMPLE);
        StudyResult at2 = PowerStudy.of(ScenarioParser.parse(text, "pz.yaml")).replicates(REPLICATES)
                .fixedReplicates().seed(31).run();
        proportion(at2, "power:nsa", 0.83289);
        mean(at2, "expected_n", 488.07278);
        proportion(at2, "type1:nsa", 0.02498);
        mean(at2, "expected_n:null", 463.61185);
        StudyResult at16 = PowerStudy.of(ScenarioParser.parse(text.replace("nsa: {mean: 2, sd: 7.5}",
                "nsa: {mean: 1.6, sd: 7.5}"), "pz16.yaml")).replicates(REPLICATES).fixedReplicates().seed(32).run();
        proportion(at16, "power:nsa", 0.65759);
        mean(at16, "expected_n", 495.27329);
    }

    @Test
    void aReplayShowsTheRaisedSizeAndTheCombinationBound() {
        PowerStudy study = PowerStudy.of(ScenarioParser.parse(EXAMPLE)).replicates(200).fixedReplicates().seed(3);
        boolean raised = false;
        for (int r = 0; r < 200 && !raised; r++) {
            TrialReplay replay = study.replay(r, 442);
            TrialReplay.Decisions d = replay.decisions();
            assertEquals(d.patientsEnrolled(), replay.size(), "the listing holds every patient the trial took");
            assertTrue(replay.size() >= 442 && replay.size() <= 884, "size " + replay.size());
            TrialReplay.SequentialLook last = d.sequentialLooks().get(d.sequentialLooks().size() - 1);
            assertEquals(1.959963984540054, last.efficacyBound(), 1e-12, "no early rejection: Phi^-1(0.975)");
            assertEquals(last.statistic() >= last.efficacyBound(), d.endpoints().get(0).rejected());
            raised = replay.size() > 442;
        }
        assertTrue(raised, "some of 200 trials at a difference of 2 land in the promising zone");
        assertTrue(study.boundaries().isEmpty(), "no spending table for a design whose interim cannot reject");
    }

    @Test
    void badPlansAreRefusedWithLineAndKey() throws Exception {
        String text = Files.readString(EXAMPLE);
        problem(text.replace("[0.47058, 1]", "[0.47058, 0.4, 1]"), "interim.information_fractions", "increasing");
        problem(text.replace("[0.47058, 1]", "[0.3, 0.6, 1]"), "interim.information_fractions", "allowed 2");
        problem(text.replace("maximum_factor: 2 ", "maximum_factor: 1 "), "interim.sample_size_reestimation.maximum_factor",
                "(1, 10]");
        problem(text.replace("[0.365, 0.8]", "[0.8, 0.365]"), "interim.sample_size_reestimation.promising_zone",
                "lower < upper");
        problem(text.replace("conditional_power: 0.8 ", "conditional_power: 1.2 "),
                "interim.sample_size_reestimation.conditional_power", "(0, 1)");
        problem(text.replace("sides: 1", "sides: 2"), "interim.sample_size_reestimation", "two-sided");
        problem(text.replace("    early_efficacy: false", "    early_efficacy: false\n  futility: {rule: conditional_power, "
                + "conditional_power: 0.1}"), "interim.futility", "sample_size_reestimation");
        problem(text.replace("    early_efficacy: false", "    early_efficacy: false\n    stage_two: 3"),
                "interim.sample_size_reestimation.stage_two", "unknown key");
    }

    private static void problem(String text, String path, String message) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "bad.yaml"));
        List<Problem> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.source().equals("bad.yaml") && p.line() > 0
                && p.path().startsWith(path) && p.message().contains(message)), problems.toString());
    }

    private static void proportion(StudyResult r, String measure, double rpact) {
        Estimate e = ReferenceCasesTest.row(r, measure, 442);
        double v = rpact * (1 - rpact);
        double se = Math.sqrt(v / e.replicates() + v / RPACT);
        assertEquals(rpact, e.estimate(), 3 * se, measure + " (3 combined MCSE = " + 3 * se + ")");
    }

    private static void mean(StudyResult r, String measure, double rpact) {
        Estimate e = ReferenceCasesTest.row(r, measure, 442);
        double se = e.mcSe() * Math.sqrt(1 + e.replicates() / (double) RPACT);
        assertEquals(rpact, e.estimate(), 3 * se, measure + " (3 combined MCSE = " + 3 * se + ")");
    }
}
