package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.ScenarioParser;

/**
 * Interim looks with multiplicity across endpoints, simulated patient by patient (the shipped example
 * {@code examples/graphical-group-sequential.yaml}: two independent normal endpoints, 200 per arm, one interim
 * at half the information, a Holm-type graph passing all of alpha on, OBF spending for the primary and Pocock for
 * the secondary), against exact values for Brownian z statistics computed in R with mvtnorm
 * ({@code src/test/resources/org/trialsim/stats/multiplicity/graphical-group-sequential.R}): each endpoint's
 * power (drift 2.5 each: 0.6561251 and 0.5969939) and the familywise error under the global null,
 * {@code alpha - alpha^2 / 4 = 0.02484375} for independent endpoints. The t statistics of 200 per arm are
 * * met at the levels of their p-values (the normal score of the p-value is compared with the bounds), so the null
 * figures are those of z statistics; the power of a t-test with 198 degrees of freedom at the interim is a little
 * below the known-variance z (0.003 here, under one MCSE). Tolerances: 4 MCSE of
 * the estimate (sqrt(p(1-p)/R), R = 20,000: 0.013 at p = 0.6, 0.0044 at p = 0.025); the familywise error must
 * moreover not exceed alpha by 3 MCSE. The seed is 7, chosen before it was run. The familywise error was looked at
 * over other seeds while this test was written: 20,000 replicates from seeds 1-6 gave 0.0244, 0.0246, 0.02325,
 * 0.0262, 0.0238, 0.0232; seed 20261206 gave 0.02875, a 3.6-MCSE excursion whose 100,000 replicates gave 0.0258,
 * and seed 11's 100,000 gave 0.0250. Together they show no bias.
 */
class GraphicalGroupSequentialStudyTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "graphical-group-sequential.yaml");
    private static final int REPLICATES = 20_000;

    @Test
    void powerAndFamilywiseErrorAgreeWithTheExactValues() {
        Scenario s = ScenarioParser.parse(EXAMPLE);
        StudyResult r = PowerStudy.of(s).replicates(REPLICATES).fixedReplicates().seed(7).run();
        proportion(r, "power:primary", 0.6561251383);
        proportion(r, "power:secondary", 0.5969939474);
        proportion(r, "type1:any", 0.02484375);
        Estimate fwer = ReferenceCasesTest.row(r, "type1:any", 400);
        double mcse = Math.sqrt(0.025 * 0.975 / fwer.replicates());
        assertTrue(fwer.estimate() <= 0.025 + 3 * mcse, "familywise error " + fwer.estimate());
        // the trial stops at the interim only when both endpoints are rejected there
        Estimate stop = ReferenceCasesTest.row(r, "stop:look1", 400);
        assertTrue(stop.estimate() > 0 && stop.estimate() < ReferenceCasesTest.row(r, "power:all", 400).estimate(),
                "stopping at the interim needs both rejected: " + stop.estimate());
    }

    @Test
    void eachEndpointsUnadjustedTestIsItsOwnGroupSequentialTestAtFullAlpha() {
        Scenario s = ScenarioParser.parse(EXAMPLE);
        StudyResult r = PowerStudy.of(s).replicates(2000).fixedReplicates().seed(5).run();
        for (String e : List.of("primary", "secondary")) {
            double adjusted = ReferenceCasesTest.row(r, "power:" + e, 400).estimate();
            double unadjusted = ReferenceCasesTest.row(r, "power_unadjusted:" + e, 400).estimate();
            assertTrue(unadjusted >= adjusted, e + ": " + unadjusted + " < " + adjusted);
        }
    }

    @Test
    void aReplayExplainsTheFamilysDecision() {
        PowerStudy study = PowerStudy.of(ScenarioParser.parse(EXAMPLE)).replicates(50).fixedReplicates().seed(3);
        for (int r = 0; r < 20; r++) {
            TrialReplay.Decisions d = study.replay(r, 400).decisions();
            long rejected = d.endpoints().stream().filter(TrialReplay.EndpointDecision::rejected).count();
            assertTrue(d.explanation().startsWith("graphical group-sequential design: " + rejected + " of 2"),
                    d.explanation());
            // every endpoint not yet rejected is analysed at each look the trial reached, a rejected one no more
            TrialReplay replay = study.replay(r, 400);
            for (TrialReplay.EndpointDecision e : d.endpoints()) {
                int looks = replay.endpoint(e.endpoint()).looks().size();
                if (!e.rejected()) {
                    assertEquals(d.stopLook() + 1, looks, e.endpoint());
                } else {
                    assertTrue(looks >= 1 && looks <= d.stopLook() + 1, e.endpoint() + ": " + looks);
                }
            }
        }
        assertTrue(study.boundaries().isEmpty(), "no single table of bounds for a graphical design");
    }

    @Test
    void aDesignWithoutOwnSpendingHashesAsBefore() throws Exception {
        // endpoint_spending is written into the hash only where given, so earlier group-sequential scenarios keep
        // their hashes (NestedGridIdentityTest holds them); here: the same text with and without an empty block
        String text = Files.readString(EXAMPLE).replace("  endpoint_spending:\n    secondary: {spending: pocock}\n", "");
        Scenario without = ScenarioParser.parse(text, "a.yaml");
        assertTrue(!ScenarioHash.canonicalForm(without).contains("endpointSpending"));
        assertTrue(ScenarioHash.canonicalForm(ScenarioParser.parse(EXAMPLE)).contains("endpointSpending"));
    }

    @Test
    void badPlansAreRefusedWithLineAndKey() throws Exception {
        String text = Files.readString(EXAMPLE);
        problem(text.replace("information_fractions: [0.5, 1]", "information_fractions: [0.6, 0.5, 1]"),
                "interim.information_fractions", "increasing");
        problem(text.replace("- [0, 1]\n    - [1, 0]", "- [0, 1]\n    - [1.2, 0]"), "multiplicity.transitions", "");
        problem(text.replace("- [0, 1]\n    - [1, 0]", "- [0, 0.7]\n    - [0.6, 0]").replace("weights: [0.5, 0.5]",
                "weights: [0.5, 0.6]"), "multiplicity.weights", "at most 1");
        problem(text.replace("secondary: {spending: pocock}", "secondry: {spending: pocock}"),
                "interim.endpoint_spending.secondry", "did you mean 'secondary'");
        problem(text.replace("secondary: {spending: pocock}", "secondary: {spending: pocok}"),
                "interim.endpoint_spending.secondary.spending", "");
        problem(text.replace("procedure: graph\n  weights: [0.5, 0.5]\n  transitions:\n    - [0, 1]\n    - [1, 0]",
                "procedure: hochberg"), "interim", "hochberg");
        problem(text.replace("    secondary: {spending: pocock}", "    secondary: {spending: pocock}\n"
                + "  futility: {rule: conditional_power, conditional_power: 0.2}"), "interim.futility", "futility");
        problem(text.replace("procedure: graph\n  weights: [0.5, 0.5]\n  transitions:\n    - [0, 1]\n    - [1, 0]",
                "procedure: none"), "interim.endpoint_spending", "graphical");
    }

    private static void problem(String text, String path, String message) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "bad.yaml"));
        List<Problem> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.source().equals("bad.yaml") && p.line() > 0
                && p.path().startsWith(path) && p.message().contains(message)), problems.toString());
    }

    private static void proportion(StudyResult r, String measure, double exact) {
        Estimate e = ReferenceCasesTest.row(r, measure, 400);
        double se = Math.sqrt(exact * (1 - exact) / e.replicates());
        assertEquals(exact, e.estimate(), 4 * se, measure + " (4 MCSE = " + 4 * se + ")");
    }
}
