package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.multiarm.IntersectionTest;
import org.trialsim.multiarm.Selection;

/**
 * The {@code multi_arm} and {@code response_adaptive} blocks: read into {@link Scenario#multiArm()}, hashed only
 * where given (every earlier scenario's hash stands), and each bad input of issue #16 refused with the file, the
 * line, the key and what is allowed.
 */
class MultiArmInputTest {

    /** Three arms and a binary endpoint; the block starts on line 8, its keys on lines 9 onwards. */
    private static String scenario(String sides, String block) {
        return """
                design: {sample_sizes: [150, 210], alpha: 0.025, sides: %s}
                arms:
                  high: {binary_outcomes: {cure: {probability: 0.5}}}
                  low: {binary_outcomes: {cure: {probability: 0.4}}}
                  placebo: {control: true, binary_outcomes: {cure: {probability: 0.3}}}
                endpoints:
                  cure: {kind: binary}
                %s
                """.formatted(sides, block.strip().replace("\n", "\n"));
    }

    private static Problem only(String block, int line, String path) {
        return only("1", block, line, path);
    }

    private static Problem only(String sides, String block, int line, String path) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(scenario(sides, block), "multi.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals("multi.yaml", p.source());
        assertEquals(line, p.line(), p.toString());
        assertEquals(path, p.path(), p.toString());
        return p;
    }

    @Test
    void aClosedTestIsReadWithItsDefaults() {
        Scenario s = ScenarioParser.parse(scenario("1", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best_k, keep: 1}
                """), "multi.yaml");
        MultiArm.ClosedTest c = (MultiArm.ClosedTest) s.multiArm();
        assertEquals("cure", c.endpoint());
        assertEquals(List.of(0.5, 1.0), c.informationFractions());
        assertEquals(IntersectionTest.DUNNETT, c.intersectionTest());
        assertEquals(GroupSequential.Spending.OBRIEN_FLEMING, c.spending());
        assertEquals(new Selection(Selection.Rule.BEST_K, 1, 0, Double.NEGATIVE_INFINITY), c.selection());
        assertEquals(Double.NEGATIVE_INFINITY, c.futilityBound());
        assertFalse(c.successAll());
        // the endpoint needs no treatment: the first arm that is not the control stands in
        assertEquals("high", s.endpoints().get(0).treatment());
    }

    @Test
    void aResponseAdaptiveDesignIsReadWithItsDefaults() {
        Scenario s = ScenarioParser.parse(scenario("1", """
                response_adaptive:
                  information_fractions: [0.2, 0.6, 1]
                  prior: {mean: 0.3, ess: 5}
                  success: 0.975
                """), "multi.yaml");
        MultiArm.ResponseAdaptive a = (MultiArm.ResponseAdaptive) s.multiArm();
        assertEquals(1.5, a.priorA(), 1e-12);
        assertEquals(3.5, a.priorB(), 1e-12);
        assertTrue(Double.isNaN(a.exponent()), "thall_wathen by default");
        assertEquals(0, a.floor());
        assertEquals(1, a.cap());
        assertTrue(Double.isNaN(a.controlShare()));
        assertEquals(0, a.inferiority());
        assertEquals(1, a.superiority());
        assertEquals(0.975, a.success());
    }

    @Test
    void theBlockIsHashedOnlyWhereGivenAndEachChangeChangesTheHash() {
        Scenario plain = ScenarioParser.parse(scenario("1", "").replace("{kind: binary}",
                "{kind: binary, treatment: high}"), "multi.yaml");
        assertNull(plain.multiArm());
        assertFalse(ScenarioHash.canonicalForm(plain).contains("multiArm"), ScenarioHash.canonicalForm(plain));
        Scenario best = ScenarioParser.parse(scenario("1", "multi_arm: {information_fractions: [0.5, 1], "
                + "selection: {rule: best}}"), "multi.yaml");
        Scenario all = ScenarioParser.parse(scenario("1", "multi_arm: {information_fractions: [0.5, 1]}"),
                "multi.yaml");
        Scenario simes = ScenarioParser.parse(scenario("1", "multi_arm: {information_fractions: [0.5, 1], "
                + "intersection_test: simes}"), "multi.yaml");
        assertTrue(ScenarioHash.canonicalForm(best).contains("\"multiArm\":{\"@\":\"MultiArm.ClosedTest\""));
        assertNotEquals(ScenarioHash.sha256(plain), ScenarioHash.sha256(all));
        assertNotEquals(ScenarioHash.sha256(best), ScenarioHash.sha256(all));
        assertNotEquals(ScenarioHash.sha256(simes), ScenarioHash.sha256(all));
        // spelling out a default changes nothing
        Scenario spelled = ScenarioParser.parse(scenario("1", "multi_arm: {information_fractions: [0.5, 1], "
                + "intersection_test: dunnett, selection: {rule: all}}"), "multi.yaml");
        assertEquals(ScenarioHash.sha256(all), ScenarioHash.sha256(spelled));
    }

    // ---------------------------------------------------------------- the bad inputs of issue #16

    @Test
    void aThresholdOutsideZeroOneIsRefused() {
        Problem p = only("""
                response_adaptive:
                  information_fractions: [0.5, 1]
                  success: 1.2
                """, 10, "response_adaptive.success");
        assertTrue(p.message().contains("found 1.2; allowed a posterior probability threshold in (0, 1)"), p.message());
        Problem zero = only("""
                response_adaptive:
                  information_fractions: [0.5, 1]
                  inferiority: 0
                  success: 0.9
                """, 10, "response_adaptive.inferiority");
        assertTrue(zero.message().contains("allowed a posterior probability threshold in (0, 1)"), zero.message());
    }

    @Test
    void aPriorWithANonPositiveParameterIsRefused() {
        Problem p = only("""
                response_adaptive:
                  information_fractions: [0.5, 1]
                  prior: {a: 0, b: 1}
                  success: 0.9
                """, 10, "response_adaptive.prior.a");
        assertTrue(p.message().contains("found 0; allowed a beta shape >= 1"), p.message());
        Problem ess = only("""
                response_adaptive:
                  information_fractions: [0.5, 1]
                  prior: {mean: 0.3, ess: -2}
                  success: 0.9
                """, 10, "response_adaptive.prior.ess");
        assertTrue(ess.message().contains("allowed a positive effective sample size"), ess.message());
    }

    @Test
    void aCapBelowTheFloorIsRefused() {
        Problem p = only("""
                response_adaptive:
                  information_fractions: [0.5, 1]
                  floor: 0.3
                  cap: 0.2
                  success: 0.9
                """, 11, "response_adaptive.cap");
        assertTrue(p.message().contains("found cap 0.2 below floor 0.3; allowed a cap at least the floor"),
                p.message());
    }

    @Test
    void aSelectionRuleThatCanDropEveryArmIsRefused() {
        Problem threshold = only("""
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection:
                    rule: best
                    threshold: 0.05
                """, 12, "multi_arm.selection.threshold");
        assertTrue(threshold.message().contains("a selection rule that can drop every arm")
                && threshold.message().contains("allowed only with futility_stop: true"), threshold.message());
        Problem keep = only("""
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best_k, keep: 0}
                """, 10, "multi_arm.selection.keep");
        assertTrue(keep.message().contains("found keep: 0, a selection rule that drops every arm; allowed 1 to 2"),
                keep.message());
        // with futility_stop the same threshold is a design that may stop for futility
        Scenario s = ScenarioParser.parse(scenario("1", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best, threshold: 0.05, futility_stop: true}
                """), "multi.yaml");
        assertEquals(0.05, ((MultiArm.ClosedTest) s.multiArm()).selection().threshold());
    }

    @Test
    void interimFractionsThatDoNotIncreaseAreRefused() {
        Problem closed = only("""
                multi_arm:
                  information_fractions: [0.5, 0.4, 1]
                """, 9, "multi_arm.information_fractions[1]");
        assertTrue(closed.message().contains("found 0.4 after 0.5; information fractions must be strictly "
                + "increasing"), closed.message());
        Problem adaptive = only("""
                response_adaptive:
                  information_fractions: [0.3, 0.3, 1]
                  success: 0.9
                """, 9, "response_adaptive.information_fractions[1]");
        assertTrue(adaptive.message().contains("must be strictly increasing"), adaptive.message());
    }

    @Test
    void otherMisusesAreRefusedWhereTheyAre() {
        only("2", "multi_arm: {information_fractions: [0.5, 1]}", 8, "multi_arm");
        Problem last = only("multi_arm: {information_fractions: [0.5, 0.9]}", 8,
                "multi_arm.information_fractions[1]");
        assertTrue(last.message().contains("allowed 1"), last.message());
        Problem both = only("multi_arm: {information_fractions: [1]}\nresponse_adaptive: {information_fractions: [1], "
                + "success: 0.9}", 9, "response_adaptive");
        assertTrue(both.message().contains("allowed one of them"), both.message());
        Problem floor = only("""
                response_adaptive:
                  information_fractions: [0.5, 1]
                  floor: 0.4
                  success: 0.9
                """, 10, "response_adaptive.floor");
        assertTrue(floor.message().contains("allowed at most"), floor.message());
    }
}
