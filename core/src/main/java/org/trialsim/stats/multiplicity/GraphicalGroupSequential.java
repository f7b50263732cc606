package org.trialsim.stats.multiplicity;

import java.util.HashMap;
import java.util.Map;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * A graphical group-sequential design: several hypotheses, each monitored at the same looks with its own
 * alpha-spending function, their familywise error controlled by a testing graph whose propagated alpha
 * recomputes the bounds (Maurer W, Bretz F. Multiple testing in group sequential trials using graphical
 * approaches. Stat Biopharm Res 2013;5:311-320; the graph is that of Bretz F, Maurer W, Brannath W, Posch M.
 * Stat Med 2009;28:586-604).
 *
 * <p>At every look, each hypothesis H_i not yet rejected is tested at its current local level
 * {@code alpha_i = w_i(J) alpha}, J the set rejected so far, with the Lan-DeMets efficacy bounds its spending
 * function gives for a design at level alpha_i (as if the design had had that level from the start: Maurer
 * and Bretz, section 3); when H_j is rejected its level is passed on along the graph, the receivers' bounds are
 * those of their new levels, and the look is tested again until no more hypotheses can be rejected. The set
 * rejected at a look does not depend on the order of the rejections, because levels only grow as J grows. A
 * hypothesis is tested with the data of the current look only: Maurer and Bretz also allow a hypothesis whose
 * level grew to be rejected with an earlier look's statistic against its recomputed earlier bound; leaving
 * that out is conservative (it can only reject less) and keeps the familywise error at most alpha.
 *
 * <p>Every reachable state (each subset J of rejected hypotheses) is compiled once: its levels and, per
 * hypothesis, the bounds for its level, computed once per distinct level. Testing a look allocates nothing.
 * Immutable and thread-safe.
 */
public final class GraphicalGroupSequential {

    /** The most hypotheses: every subset of rejected hypotheses is compiled (2^12 states). */
    public static final int MAX_HYPOTHESES = 12;

    private final int m;
    private final int looks;
    private final double alpha;
    private final double[] fractions;
    /** {@code levels[J][i]}: H_i's local level once the hypotheses of bit set J are rejected. */
    private final double[][] levels;
    /** {@code bounds[J][i][k]}: H_i's efficacy bound at look k at level {@code levels[J][i]} (+inf at level 0). */
    private final double[][][] bounds;
    /** Each hypothesis's bounds at the full alpha (its own test before multiplicity control). */
    private final double[][] fullAlpha;

    private GraphicalGroupSequential(int m, double alpha, double[] fractions, double[][] levels, double[][][] bounds,
            double[][] fullAlpha) {
        this.m = m;
        this.looks = fractions.length;
        this.alpha = alpha;
        this.fractions = fractions;
        this.levels = levels;
        this.bounds = bounds;
        this.fullAlpha = fullAlpha;
    }

    /**
     * Compiles the design.
     *
     * @param graph the testing graph (initial weights and transitions)
     * @param spending each hypothesis's alpha-spending function
     * @param fractions the planned information fractions of the looks, increasing, the last 1
     * @param alpha the one-sided familywise error, in (0, 0.5)
     * @return the design
     */
    public static GraphicalGroupSequential of(TestingGraph graph, SpendingFunction[] spending, double[] fractions,
            double alpha) {
        int m = graph.hypotheses();
        if (spending.length != m) {
            throw new IllegalArgumentException("expected " + m + " spending functions, one per hypothesis, found "
                    + spending.length);
        }
        if (m > MAX_HYPOTHESES) {
            throw new IllegalArgumentException("at most " + MAX_HYPOTHESES + " hypotheses, found " + m);
        }
        double[] t = fractions.clone();
        int states = 1 << m;
        double[][] levels = new double[states][];
        double[][][] bounds = new double[states][m][];
        double[][] full = new double[m][];
        double[] w = new double[m];
        double[] g = new double[m * m];
        boolean[] active = new boolean[m];
        double[] infinite = new double[t.length];
        java.util.Arrays.fill(infinite, Double.POSITIVE_INFINITY);
        java.util.List<Map<Double, double[]>> byLevel = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            byLevel.add(new HashMap<>());
            full[i] = GroupSequentialBoundaries.efficacyOnly(t, spending[i], alpha).efficacyBounds();
        }
        for (int set = 0; set < states; set++) {
            graph.copyWeightsInto(w);
            graph.copyTransitionsInto(g);
            java.util.Arrays.fill(active, true);
            for (int j = 0; j < m; j++) {
                if ((set & (1 << j)) != 0) {
                    active[j] = false;
                    GraphicalProcedure.remove(j, m, w, g, active);
                }
            }
            levels[set] = new double[m];
            for (int i = 0; i < m; i++) {
                double level = active[i] ? w[i] * alpha : 0;
                levels[set][i] = level;
                final int h = i;
                bounds[set][i] = level <= 0 ? infinite : byLevel.get(i).computeIfAbsent(level,
                        a -> GroupSequentialBoundaries.efficacyOnly(t, spending[h], a).efficacyBounds());
            }
        }
        return new GraphicalGroupSequential(m, alpha, t, levels, bounds, full);
    }

    /**
     * Tests look {@code look}: rejects every hypothesis not in {@code rejected} whose statistic reaches its bound
     * at its current level, passing levels on after each rejection, until none more can be rejected.
     *
     * @param look the look, 0-based
     * @param z each hypothesis's standardized statistic at this look (larger favours the alternative; NaN never
     *     rejects; ignored for hypotheses already rejected)
     * @param rejected the bit set of hypotheses rejected at earlier looks
     * @return the bit set rejected after this look (including the earlier ones)
     */
    public int test(int look, double[] z, int rejected) {
        if (look < 0 || look >= looks) {
            throw new IllegalArgumentException("look " + look + " outside 0.." + (looks - 1));
        }
        int set = rejected;
        boolean more = true;
        while (more) {
            more = false;
            for (int i = 0; i < m; i++) {
                if ((set & (1 << i)) == 0 && z[i] >= bounds[set][i][look]) {
                    set |= 1 << i;
                    more = true;
                    break;
                }
            }
        }
        return set;
    }

    /** @return the number of hypotheses */
    public int hypotheses() {
        return m;
    }

    /** @return the number of looks */
    public int looks() {
        return looks;
    }

    /** @return the familywise one-sided alpha */
    public double alpha() {
        return alpha;
    }

    /** @return a copy of the planned information fractions */
    public double[] fractions() {
        return fractions.clone();
    }

    /**
     * H_i's local level once the hypotheses of bit set {@code rejected} are rejected (0 if H_i is among them).
     *
     * @param rejected a bit set of rejected hypotheses
     * @param i the hypothesis, 0-based
     * @return the level
     */
    public double level(int rejected, int i) {
        return levels[rejected][i];
    }

    /**
     * H_i's efficacy bound at look {@code look} once the hypotheses of bit set {@code rejected} are rejected.
     *
     * @param rejected a bit set of rejected hypotheses
     * @param i the hypothesis, 0-based
     * @param look the look, 0-based
     * @return the bound (+inf where H_i's level is 0)
     */
    public double bound(int rejected, int i, int look) {
        return bounds[rejected][i][look];
    }

    /**
     * H_i's bound at look {@code look} at the full alpha: its own group-sequential test without multiplicity
     * control.
     *
     * @param i the hypothesis, 0-based
     * @param look the look, 0-based
     * @return the bound
     */
    public double fullAlphaBound(int i, int look) {
        return fullAlpha[i][look];
    }
}
