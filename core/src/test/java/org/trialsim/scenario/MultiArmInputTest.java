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
    /** Two arms and a control on a continuous endpoint; the block starts on line 8, its keys on lines 9 onwards. */
    private static String continuous(String outcome, String endpoint, String block) {
        return """
                design: {sample_sizes: [150, 210], alpha: 0.025, sides: 1}
                arms:
                  high: {continuous_outcomes: {score: {mean: 5, sd: 10%s}}}
                  low: {continuous_outcomes: {score: {mean: 3, sd: 10%s}}}
                  placebo: {control: true, continuous_outcomes: {score: {mean: 0, sd: 10%s}}}
                endpoints:
                  score: %s
                %s
                """.formatted(outcome, outcome, outcome, endpoint, block.strip());
    }

    private static Problem onlyIn(String yaml, int line, String path) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(yaml, "multi.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals("multi.yaml", p.source());
        assertEquals(line, p.line(), p.toString());
        assertEquals(path, p.path(), p.toString());
        return p;
    }

    @Test
    void aClosedTestOnAContinuousEndpointReadsItsSelectionInTheEndpointsUnits() {
        Scenario s = ScenarioParser.parse(continuous("", "{kind: continuous}", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: epsilon, epsilon: 2.5, threshold: -1.5, futility_stop: true}
                """), "multi.yaml");
        MultiArm.ClosedTest c = (MultiArm.ClosedTest) s.multiArm();
        assertEquals("score", c.endpoint());
        assertEquals(new Selection(Selection.Rule.EPSILON, 1, 2.5, -1.5), c.selection());
    }

    @Test
    void tiesAreReadAndDefaultToRandom() {
        Scenario first = ScenarioParser.parse(scenario("1", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best, ties: first_listed}
                """), "multi.yaml");
        assertEquals(Selection.TieBreak.FIRST_LISTED, ((MultiArm.ClosedTest) first.multiArm()).selection().ties());
        Scenario random = ScenarioParser.parse(scenario("1", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best_k, keep: 1, ties: random}
                """), "multi.yaml");
        Scenario absent = ScenarioParser.parse(scenario("1", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best_k, keep: 1}
                """), "multi.yaml");
        assertEquals(Selection.TieBreak.AT_RANDOM, ((MultiArm.ClosedTest) random.multiArm()).selection().ties());
        // the default is today's rule, so a file that leaves ties out keeps its hash (and its numbers)
        assertEquals(ScenarioHash.sha256(absent), ScenarioHash.sha256(random));
        assertNotEquals(ScenarioHash.sha256(absent), ScenarioHash.sha256(first));
    }

    @Test
    void badTiesAreRefusedWhereTheyAre() {
        Problem unknown = only("""
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best, ties: lowest_dose}
                """, 10, "multi_arm.selection.ties");
        assertTrue(unknown.message().contains("lowest_dose") && unknown.message().contains("random")
                && unknown.message().contains("first_listed"), unknown.message());
        Problem epsilon = only("""
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection:
                    rule: epsilon
                    epsilon: 0.05
                    ties: first_listed
                """, 13, "multi_arm.selection.ties");
        assertTrue(epsilon.message().contains("found ties with rule epsilon; allowed ties only with rule best or "
                + "best_k"), epsilon.message());
    }

    @Test
    void badContinuousSelectionsAreRefusedWhereTheyAre() {
        Problem epsilon = onlyIn(continuous("", "{kind: continuous}", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: epsilon, epsilon: -2}
                """), 10, "multi_arm.selection.epsilon");
        assertTrue(epsilon.message().contains("allowed a margin >= 0 in the endpoint's units"), epsilon.message());
        Problem threshold = onlyIn(continuous("", "{kind: continuous}", """
                multi_arm:
                  information_fractions: [0.5, 1]
                  selection: {rule: best, threshold: 1e13, futility_stop: true}
                """), 10, "multi_arm.selection.threshold");
        assertTrue(threshold.message().contains("a difference in means in the endpoint's units"), threshold.message());
    }

    @Test
    void aContinuousEndpointWithoutClosedFormFiguresIsRefusedAtTheBlocksEndpoint() {
        Problem bounded = onlyIn(continuous(", lower: 0, upper: 60", "{kind: continuous}", """
                multi_arm:
                  endpoint: score
                  information_fractions: [1]
                """), 9, "multi_arm.endpoint");
        assertTrue(bounded.message().contains("found the continuous endpoint 'score' (continuous of score), whose "
                + "analysed mean and SD in arm high have no closed form; allowed in multi_arm:"), bounded.message());
        String trajectory = """
                    score_trajectories:
                      madrs:
                        instrument: MADRS
                        visits: [2, 4]
                        baseline: {mean: 30, sd: 8}
                        change: [%s]
                        sd: 10
                        correlation: {structure: ar1, rho: 0.5}%s
                """;
        String byScore = "\n        dropout_by_score: {logistic: {intercept: -3, per_point: 0.02}}";
        Problem missingNotAtRandom = onlyIn("""
                design: {sample_sizes: [150], alpha: 0.025, sides: 1}
                arms:
                  high:
                %s  low:
                %s  placebo:
                    control: true
                %sendpoints:
                  week4: {kind: score_change, outcome: madrs, at_week: 4}
                multi_arm:
                  information_fractions: [1]
                """.formatted(trajectory.formatted("-10, -15", byScore), trajectory.formatted("-8, -12", ""),
                trajectory.formatted("-5, -8", "")), 35, "multi_arm");
        assertTrue(missingNotAtRandom.message().contains("in arm high have no closed form")
                && missingNotAtRandom.message().contains("dropout that does not depend on the outcome"),
                missingNotAtRandom.message());
    }

    @Test
    void responseAdaptiveOnAContinuousEndpointIsRefused() {
        Problem p = onlyIn(continuous("", "{kind: continuous}", """
                response_adaptive:
                  endpoint: score
                  information_fractions: [0.5, 1]
                  success: 0.9
                """), 9, "response_adaptive.endpoint");
        assertTrue(p.message().contains("found the continuous endpoint 'score' in response_adaptive; allowed a binary "
                + "endpoint"), p.message());
    }
    @Test
    void anEstimatedVarianceIsReadOnAContinuousEndpointOnlyAndHashedOnlyWhereGiven() {
        Scenario known = ScenarioParser.parse(continuous("", "{kind: continuous}", """
                multi_arm:
                  information_fractions: [1]
                """), "multi.yaml");
        Scenario knownSaid = ScenarioParser.parse(continuous("", "{kind: continuous}", """
                multi_arm:
                  information_fractions: [1]
                  variance: known
                """), "multi.yaml");
        Scenario estimated = ScenarioParser.parse(continuous("", "{kind: continuous}", """
                multi_arm:
                  information_fractions: [1]
                  variance: estimated
                """), "multi.yaml");
        assertFalse(((MultiArm.ClosedTest) known.multiArm()).estimatedVariance());
        assertTrue(((MultiArm.ClosedTest) estimated.multiArm()).estimatedVariance());
        assertEquals(ScenarioHash.sha256(known), ScenarioHash.sha256(knownSaid));
        assertNotEquals(ScenarioHash.sha256(known), ScenarioHash.sha256(estimated));
        Problem binary = only("""
                multi_arm:
                  information_fractions: [1]
                  variance: estimated
                """, 10, "multi_arm.variance");
        assertTrue(binary.message().contains("found variance with the binary endpoint 'cure'; allowed only with a "
                + "continuous endpoint"), binary.message());
        Problem unknown = onlyIn(continuous("", "{kind: continuous}", """
                multi_arm:
                  information_fractions: [1]
                  variance: pooled
                """), 10, "multi_arm.variance");
        assertTrue(unknown.message().contains("known, estimated"), unknown.message());
    }
}
