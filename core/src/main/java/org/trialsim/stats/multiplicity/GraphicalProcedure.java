package org.trialsim.stats.multiplicity;

/**
 * The sequentially rejective graphical procedure of Bretz F, Maurer W, Brannath W, Posch M. A graphical
 * approach to sequentially rejective multiple test procedures. Stat Med 2009;28:586-604, Algorithm 1:
 * <ol>
 * <li>select a j with {@code p_j <= w_j alpha}; if there is none, stop;</li>
 * <li>reject H_j and remove it: {@code w_l <- w_l + w_j g_jl} and
 * {@code g_lk <- (g_lk + g_lj g_jk) / (1 - g_lj g_jl)} for remaining l != k (0 when
 * {@code g_lj g_jl = 1});</li>
 * <li>repeat while hypotheses remain.</li>
 * </ol>
 * The set rejected does not depend on the order in which rejectable hypotheses are taken (Bretz et al.,
 * theorem 1); this implementation takes the lowest index. A p-value equal to its level up to a relative
 * 1e-12 counts as reaching it, so that rounding in the weight updates (1/3 + 1/3 * 1/2 is not 0.5 in binary)
 * does not change a decision that exact arithmetic makes.
 *
 * <p>Holds its scratch (weights, transitions, remaining set): one instance per thread ({@link #copy()}).
 */
public final class GraphicalProcedure implements MultipleTest {

    /** Relative tolerance for comparing a p-value with its level. */
    static final double LEVEL_TOLERANCE = 1e-12;

    private final TestingGraph graph;
    private final int m;
    private final double[] w;
    private final double[] g;
    private final boolean[] active;

    /**
     * A procedure for one graph.
     *
     * @param graph the graph
     */
    public GraphicalProcedure(TestingGraph graph) {
        this.graph = graph;
        this.m = graph.hypotheses();
        this.w = new double[m];
        this.g = new double[m * m];
        this.active = new boolean[m];
    }

    @Override
    public int reject(double[] pValues, double alpha, boolean[] rejected) {
        if (pValues.length != m || rejected.length != m) {
            throw new IllegalArgumentException("expected " + m + " p-values and decisions, found " + pValues.length
                    + " and " + rejected.length);
        }
        graph.copyWeightsInto(w);
        graph.copyTransitionsInto(g);
        for (int i = 0; i < m; i++) {
            active[i] = true;
            rejected[i] = false;
        }
        int count = 0;
        int j;
        while ((j = selectRejectable(pValues, alpha)) >= 0) {
            rejected[j] = true;
            active[j] = false;
            count++;
            removeAndUpdate(j);
        }
        return count;
    }

    private int selectRejectable(double[] p, double alpha) {
        for (int i = 0; i < m; i++) {
            if (active[i] && w[i] > 0 && p[i] <= w[i] * alpha * (1 + LEVEL_TOLERANCE)) {
                return i;
            }
        }
        return -1;
    }

    private void removeAndUpdate(int j) {
        remove(j, m, w, g, active);
    }

    /**
     * Removes rejected H_j from a graph held as weights {@code w}, row-major transitions {@code g} (m x m) and
     * the set {@code active} of hypotheses not yet removed (j already marked inactive): Bretz et al.'s update,
     * in place. Shared with {@link GraphicalGroupSequential}, whose levels are those of the same graphs.
     */
    static void remove(int j, int m, double[] w, double[] g, boolean[] active) {
        final double wj = w[j];
        final int rowJ = j * m;
        for (int l = 0; l < m; l++) {
            if (!active[l]) {
                continue;
            }
            w[l] += wj * g[rowJ + l];
        }
        w[j] = 0;
        // g_lk for l, k != j reads only row j, column j and itself, so the update can be done in place
        for (int l = 0; l < m; l++) {
            if (!active[l]) {
                continue;
            }
            final int rowL = l * m;
            final double glj = g[rowL + j];
            final double denominator = 1 - glj * g[rowJ + l];
            for (int k = 0; k < m; k++) {
                if (k == l || !active[k]) {
                    continue;
                }
                g[rowL + k] = denominator > 0 ? (g[rowL + k] + glj * g[rowJ + k]) / denominator : 0;
            }
            g[rowL + j] = 0;
        }
        for (int k = 0; k < m; k++) {
            g[rowJ + k] = 0;
        }
    }

    @Override
    public int hypotheses() {
        return m;
    }

    @Override
    public GraphicalProcedure copy() {
        return new GraphicalProcedure(graph);
    }

    /** @return the graph run by this procedure */
    public TestingGraph graph() {
        return graph;
    }
}
