package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The selection rules and their tie rule, on hand-made estimates. */
class SelectionTest {

    private static final double NONE = Double.NEGATIVE_INFINITY;

    @Test
    void rulesWithoutTies() {
        double[] e = {0.1, 0.3, 0.2};
        assertEquals(0b010, new Selection(Selection.Rule.BEST, 1, 0, NONE).select(e, 0b111));
        assertEquals(0b110, new Selection(Selection.Rule.BEST_K, 2, 0, NONE).select(e, 0b111));
        assertEquals(0b110, new Selection(Selection.Rule.EPSILON, 1, 0.1, NONE).select(e, 0b111));
        assertEquals(0b111, new Selection(Selection.Rule.ALL, 1, 0, NONE).select(e, 0b111));
        // an arm at exactly the threshold is dropped (rpact's documented rule: kept only if it exceeds it)
        assertEquals(0b010, new Selection(Selection.Rule.ALL, 1, 0, 0.2).select(e, 0b111));
        // an inactive arm is never kept, even if its stale estimate is best
        assertEquals(0b100, new Selection(Selection.Rule.BEST, 1, 0, NONE).select(e, 0b101));
    }

    @Test
    void firstListedGivesTiesToTheFirstArm() {
        double[] e = {0.2, 0.2, 0.2};
        Selection best = new Selection(Selection.Rule.BEST, 1, 0, NONE, Selection.TieBreak.FIRST_LISTED);
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(1L);
        for (int t = 0; t < 100; t++) {
            assertEquals(0b001, best.select(e, 0b111, rng::nextDouble, new double[3]));
        }
        assertEquals(0b011, new Selection(Selection.Rule.BEST_K, 2, 0, NONE, Selection.TieBreak.FIRST_LISTED)
                .select(e, 0b111, rng::nextDouble, new double[3]));
    }

    /**
     * At random, each of the tied arms is kept equally often: with three tied arms and best-1, each 1/3; with
     * best-2 among a leader and two tied arms, each tied arm 1/2. 30,000 draws: SE of a frequency at most
     * sqrt(0.25 / 30000) = 0.0029, tolerance 4 SE. An untied leader is always kept, and nothing is drawn
     * without a tie.
     */
    @Test
    void atRandomSharesTiesEqually() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(7L);
        double[] priority = new double[3];
        int trials = 30_000;
        double tol = 4 * Math.sqrt(0.25 / trials);
        int[] kept = new int[3];
        Selection best = new Selection(Selection.Rule.BEST, 1, 0, NONE);
        for (int t = 0; t < trials; t++) {
            int s = best.select(new double[] {0.2, 0.2, 0.2}, 0b111, rng::nextDouble, priority);
            assertEquals(1, Integer.bitCount(s));
            kept[Integer.numberOfTrailingZeros(s)]++;
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0 / 3, kept[i] / (double) trials, tol, "arm " + i);
        }
        int[] second = new int[3];
        Selection two = new Selection(Selection.Rule.BEST_K, 2, 0, NONE);
        for (int t = 0; t < trials; t++) {
            int s = two.select(new double[] {0.1, 0.3, 0.1}, 0b111, rng::nextDouble, priority);
            assertEquals(2, Integer.bitCount(s));
            assertEquals(0b010, s & 0b010);
            for (int i = 0; i < 3; i++) {
                second[i] += s >>> i & 1;
            }
        }
        assertEquals(0.5, second[0] / (double) trials, tol);
        assertEquals(0.5, second[2] / (double) trials, tol);
        double[] e = {0.1, 0.3, 0.2};
        assertEquals(0b010, best.select(e, 0b111, () -> {
            throw new AssertionError("no tie, no draw");
        }, priority));
    }

    @Test
    void aTieRuleIsNeeded() {
        assertThrows(IllegalArgumentException.class, () -> new Selection(Selection.Rule.BEST, 1, 0, NONE, null));
    }
}
