package org.trialsim.stats.multiplicity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The graphical procedure (Bretz et al. 2009, Algorithm 1), its predefined graphs and Hochberg, against
 * hand-worked examples, gMCP's unit tests and R's p.adjust.
 */
class GraphicalProcedureTest {

    private static boolean[] run(MultipleTest test, double alpha, double... p) {
        final boolean[] rejected = new boolean[p.length];
        test.reject(p, alpha, rejected);
        return rejected;
    }

    /**
     * gMCP 0.8 inst/unitTests/runit.graphGMCP.R: test.bonferroniHolm (BonferroniHolm(3), p = 0.1, 0.3, 0.7,
     * alpha = 0.6 rejects H1, H2) and test.adjPValues (p = 0.02, 0.055, 0.012 have adjusted p-values 0.04,
     * 0.055, 0.036, so H1 and H3 fall at alpha = 0.05 and all three at 0.055). The first needs the level
     * tolerance: after H1 falls, H2's weight is 1/3 + 1/6, which is 0.49999999999999994 in binary.
     */
    @Test
    void holmGraphReproducesGmcpUnitTests() {
        final GraphicalProcedure holm = new GraphicalProcedure(TestingGraph.holm(3));
        assertArrayEquals(new boolean[] {true, true, false}, run(holm, 0.6, 0.1, 0.3, 0.7));
        assertArrayEquals(new boolean[] {true, false, true}, run(holm, 0.05, 0.02, 0.055, 0.012));
        assertArrayEquals(new boolean[] {true, true, true}, run(holm, 0.055, 0.02, 0.055, 0.012));
        assertArrayEquals(new boolean[] {false, false, false}, run(holm, 0.035, 0.02, 0.055, 0.012));
    }

    /**
     * Two primary hypotheses H1, H2 (weight 1/2 each) and two secondary H3, H4 (weight 0): H1 passes half
     * to H2 and half to H3, H2 half to H1 and half to H4, and each secondary passes everything on to the
     * other primary (H3 to H2, H4 to H1), a graph of the kind drawn in Bretz et al. (2009). Worked by hand
     * with alpha = 0.025 and p = (0.01, 0.02, 0.005, 0.5):
     * <ol>
     * <li>H1: 0.01 <= 0.0125, rejected. w2 = 1/2 + 1/4 = 3/4, w3 = 1/4; g23 = (0 + 1/2*1/2)/(1 - 1/4) = 1/3,
     * g24 = 2/3, g32 = 1, g42 = 1/2, g43 = 1/2.</li>
     * <li>H2: 0.02 > 3/4 * 0.025 = 0.01875; H3: 0.005 <= 1/4 * 0.025 = 0.00625, rejected. w2 = 3/4 + 1/4 = 1,
     * g24 = (2/3 + 0)/(1 - 1/3) = 1.</li>
     * <li>H2: 0.02 <= 0.025, rejected; w4 = 1. H4: 0.5 > 0.025, stop.</li>
     * </ol>
     */
    @Test
    void handWorkedGatekeepingGraph() {
        final TestingGraph graph = TestingGraph.of(new double[] {0.5, 0.5, 0, 0}, new double[][] {
            {0, 0.5, 0.5, 0},
            {0.5, 0, 0, 0.5},
            {0, 1, 0, 0},
            {1, 0, 0, 0},
        });
        final GraphicalProcedure procedure = new GraphicalProcedure(graph);
        assertArrayEquals(new boolean[] {true, true, true, false}, run(procedure, 0.025, 0.01, 0.02, 0.005, 0.5));
        // without H3's rejection H2 stays at 3/4 alpha: p2 = 0.02 fails, and H4 (weight 0) cannot be tested
        assertArrayEquals(new boolean[] {true, false, false, false}, run(procedure, 0.025, 0.01, 0.02, 0.007, 0.001));
        // secondaries are never rejected before their primary
        assertArrayEquals(new boolean[] {false, false, false, false}, run(procedure, 0.025, 0.02, 0.03, 0, 0));
    }

    /** Fixed sequence: test in order at full alpha, stop at the first failure. */
    @Test
    void fixedSequenceStopsAtFirstFailure() {
        final GraphicalProcedure fixed = new GraphicalProcedure(TestingGraph.fixedSequence(3));
        assertArrayEquals(new boolean[] {true, false, false}, run(fixed, 0.025, 0.01, 0.04, 0.001));
        assertArrayEquals(new boolean[] {true, true, true}, run(fixed, 0.025, 0.025, 0.02, 0.001));
        assertArrayEquals(new boolean[] {false, false, false}, run(fixed, 0.025, 0.03, 0.001, 0.001));
    }

    /**
     * Fallback (Wiens 2003) with alpha_i = (0.025, 0.015, 0.01) of alpha = 0.05: H1 fails (0.03 > 0.025);
     * H2 is tested at its own 0.015 and passes (0.012); H3 at 0.01 + 0.015 = 0.025 passes (0.009). Had H2
     * failed, H3 would be tested at 0.01 alone.
     */
    @Test
    void fallbackPassesLevelsForward() {
        final GraphicalProcedure fallback = new GraphicalProcedure(TestingGraph.fallback(new double[] {0.5, 0.3, 0.2}));
        assertArrayEquals(new boolean[] {false, true, true}, run(fallback, 0.05, 0.03, 0.012, 0.009));
        assertArrayEquals(new boolean[] {false, false, false}, run(fallback, 0.05, 0.03, 0.016, 0.011));
        assertArrayEquals(new boolean[] {false, false, true}, run(fallback, 0.05, 0.03, 0.016, 0.0099));
        assertArrayEquals(new boolean[] {true, true, true}, run(fallback, 0.05, 0.02, 0.04, 0.05));
    }

    /**
     * Holm, Hochberg and Bonferroni against R's p.adjust(p, method) <= alpha on 2,500 random vectors of 2 to 6
     * p-values (test resource padjust-reference.csv, made by padjust-reference.R beside it; the command is in
     * the script). The graph versions of Holm and Bonferroni must reject exactly the same sets.
     */
    @Test
    void rejectionSetsMatchRPadjust() throws IOException {
        int rows = 0;
        int holmDiffersFromHochberg = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                GraphicalProcedureTest.class.getResourceAsStream("padjust-reference.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                final String[] f = line.split(",");
                final int m = Integer.parseInt(f[0]);
                final double alpha = Double.parseDouble(f[1]);
                final double[] p = Arrays.stream(f[2].split(" ")).mapToDouble(Double::parseDouble).toArray();
                assertEquals(m, p.length);
                final String where = "row " + (rows + 2) + ": " + line;
                assertArrayEquals(mask(f[3]), run(new GraphicalProcedure(TestingGraph.holm(m)), alpha, p), where);
                assertArrayEquals(mask(f[4]), run(new Hochberg(m), alpha, p), where);
                assertArrayEquals(mask(f[5]), run(new GraphicalProcedure(TestingGraph.bonferroni(m)), alpha, p), where);
                if (!f[3].equals(f[4])) {
                    holmDiffersFromHochberg++;
                }
                rows++;
            }
        }
        assertEquals(2500, rows);
        assertEquals(37, holmDiffersFromHochberg, "the file exercises cases where step-up beats step-down");
    }

    private static boolean[] mask(String bits) {
        final boolean[] b = new boolean[bits.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = bits.charAt(i) == '1';
        }
        return b;
    }

    /** Holm by graph equals the classic step-down written out here, for many random vectors and sizes. */
    @Test
    void holmByGraphEqualsClassicHolm() {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261122L);
        for (int rep = 0; rep < 20000; rep++) {
            final int m = 1 + rng.nextInt(8);
            final double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                final double u = rng.nextDouble();
                p[i] = rng.nextBoolean() ? u * u * u * 0.05 : u;
            }
            final double alpha = rng.nextBoolean() ? 0.05 : 0.025;
            assertArrayEquals(classicHolm(p, alpha), run(new GraphicalProcedure(TestingGraph.holm(m)), alpha, p),
                    Arrays.toString(p));
        }
    }

    private static boolean[] classicHolm(double[] p, double alpha) {
        final int m = p.length;
        final Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        final boolean[] rejected = new boolean[m];
        for (int k = 0; k < m; k++) {
            if (p[order[k]] * (m - k) > alpha) {
                break;
            }
            rejected[order[k]] = true;
        }
        return rejected;
    }

    /**
     * Bretz et al. (2009, theorem 1): the rejected set does not depend on the order of rejection, so
     * relabelling the hypotheses of a random graph must relabel the result. Also checks that an instance
     * reused many times (scratch state) and its copy agree.
     */
    @Test
    void resultIsInvariantToRelabelling() {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int rep = 0; rep < 3000; rep++) {
            final int m = 2 + rng.nextInt(5);
            final double[] w = new double[m];
            final double[][] g = new double[m][m];
            double total = 0;
            for (int i = 0; i < m; i++) {
                w[i] = rng.nextDouble();
                total += w[i] + rng.nextDouble() * 0.3;
            }
            for (int i = 0; i < m; i++) {
                w[i] /= total;
                double row = 0;
                for (int j = 0; j < m; j++) {
                    g[i][j] = i == j || rng.nextInt(3) == 0 ? 0 : rng.nextDouble();
                    row += g[i][j];
                }
                final double scale = row == 0 ? 0 : (rng.nextBoolean() ? 1 : rng.nextDouble()) / row;
                for (int j = 0; j < m; j++) {
                    g[i][j] = Math.min(1, g[i][j] * scale);
                }
            }
            final double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = Math.pow(rng.nextDouble(), 2) * 0.1;
            }
            final int[] perm = permutation(rng, m);
            final double[] wp = new double[m];
            final double[][] gp = new double[m][m];
            final double[] pp = new double[m];
            for (int i = 0; i < m; i++) {
                wp[perm[i]] = w[i];
                pp[perm[i]] = p[i];
                for (int j = 0; j < m; j++) {
                    gp[perm[i]][perm[j]] = g[i][j];
                }
            }
            final GraphicalProcedure original = new GraphicalProcedure(TestingGraph.of(w, g));
            final boolean[] a = run(original, 0.05, p);
            final boolean[] b = run(new GraphicalProcedure(TestingGraph.of(wp, gp)), 0.05, pp);
            for (int i = 0; i < m; i++) {
                assertEquals(a[i], b[perm[i]], "hypothesis " + i + " of " + Arrays.toString(p));
            }
            assertArrayEquals(a, run(original.copy(), 0.05, p));
            assertArrayEquals(a, run(original, 0.05, p));
        }
    }

    private static int[] permutation(UniformRandomProvider rng, int m) {
        final int[] perm = new int[m];
        for (int i = 0; i < m; i++) {
            perm[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1);
            final int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    @Test
    void nanIsNeverRejected() {
        assertArrayEquals(new boolean[] {false, true},
                run(new GraphicalProcedure(TestingGraph.holm(2)), 0.05, Double.NaN, 0.01));
        assertArrayEquals(new boolean[] {false, true}, run(new Hochberg(2), 0.05, Double.NaN, 0.01));
    }

    @Test
    void invalidGraphsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TestingGraph.of(new double[] {0.6, 0.6}, new double[][] {{0, 1}, {1, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> TestingGraph.of(new double[] {0.5, 0.5}, new double[][] {{0.5, 0.5}, {1, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> TestingGraph.of(new double[] {0.5, 0.5}, new double[][] {{0, 0.7}, {0.6, 0}, {0, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> TestingGraph.of(new double[] {0.5, 0.5}, new double[][] {{0, 0.7, 0.4}, {1, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> new GraphicalProcedure(TestingGraph.holm(2)).reject(new double[3], 0.05, new boolean[3]));
    }
}
