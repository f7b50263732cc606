package org.trialsim.stats.multiplicity;

import java.util.Arrays;

/**
 * A multiple testing graph (Bretz F, Maurer W, Brannath W, Posch M. A graphical approach to sequentially
 * rejective multiple test procedures. Stat Med 2009;28:586-604): initial weights w_i (the share of alpha
 * each hypothesis is first tested at, summing to at most 1) and a transition matrix G whose entry g_ij is
 * the share of H_i's weight passed to H_j when H_i is rejected ({@code g_ii = 0}, rows summing to at most 1).
 * Common procedures are predefined graphs (section 3 of the paper). Immutable; run it with
 * {@link GraphicalProcedure}.
 */
public final class TestingGraph {

    private static final double SUM_TOLERANCE = 1e-12;

    private final double[] weights;
    private final double[][] transitions;

    private TestingGraph(double[] weights, double[][] transitions) {
        this.weights = weights;
        this.transitions = transitions;
    }

    /**
     * A graph from weights and transitions, validated.
     *
     * @param weights initial weights, non-negative, summing to at most 1
     * @param transitions m x m transition matrix, non-negative, zero diagonal, rows summing to at most 1
     * @return the graph
     */
    public static TestingGraph of(double[] weights, double[][] transitions) {
        final int m = weights.length;
        if (m == 0) {
            throw new IllegalArgumentException("a testing graph needs at least one hypothesis");
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            if (!(weights[i] >= 0 && weights[i] <= 1)) {
                throw new IllegalArgumentException("weight of H" + (i + 1) + " must be in [0, 1], found " + weights[i]);
            }
            sum += weights[i];
        }
        if (sum > 1 + SUM_TOLERANCE) {
            throw new IllegalArgumentException("weights must sum to at most 1, found " + sum + " in "
                    + Arrays.toString(weights));
        }
        if (transitions.length != m) {
            throw new IllegalArgumentException("transition matrix must have " + m + " rows, found " + transitions.length);
        }
        final double[][] g = new double[m][];
        for (int i = 0; i < m; i++) {
            if (transitions[i].length != m) {
                throw new IllegalArgumentException("row " + (i + 1) + " of the transition matrix must have " + m
                        + " entries, found " + transitions[i].length);
            }
            double row = 0;
            for (int j = 0; j < m; j++) {
                final double x = transitions[i][j];
                if (!(x >= 0 && x <= 1)) {
                    throw new IllegalArgumentException("transition H" + (i + 1) + "->H" + (j + 1)
                            + " must be in [0, 1], found " + x);
                }
                if (i == j && x != 0) {
                    throw new IllegalArgumentException("transition H" + (i + 1) + "->H" + (i + 1) + " must be 0, found " + x);
                }
                row += x;
            }
            if (row > 1 + SUM_TOLERANCE) {
                throw new IllegalArgumentException("transitions out of H" + (i + 1) + " must sum to at most 1, found "
                        + row);
            }
            g[i] = transitions[i].clone();
        }
        return new TestingGraph(weights.clone(), g);
    }

    /**
     * Bonferroni with equal weights 1/m and no transitions.
     *
     * @param m the number of hypotheses
     * @return the graph
     */
    public static TestingGraph bonferroni(int m) {
        return bonferroni(equalWeights(m));
    }

    /**
     * Weighted Bonferroni: each H_i tested at w_i alpha, no propagation.
     *
     * @param weights the weights
     * @return the graph
     */
    public static TestingGraph bonferroni(double[] weights) {
        return of(weights, new double[weights.length][weights.length]);
    }

    /**
     * Holm's step-down procedure (Holm S. A simple sequentially rejective multiple test procedure. Scand J
     * Stat 1979;6:65-70) with equal weights: each rejection passes its weight equally to all others.
     *
     * @param m the number of hypotheses
     * @return the graph
     */
    public static TestingGraph holm(int m) {
        return holm(equalWeights(m));
    }

    /**
     * Weighted Holm: a rejected hypothesis passes its weight to the others in proportion to their initial
     * weights, {@code g_ij = w_j / sum_{k != i} w_k} (Bretz et al. 2009, section 3).
     *
     * @param weights the initial weights
     * @return the graph
     */
    public static TestingGraph holm(double[] weights) {
        final int m = weights.length;
        final double[][] g = new double[m][m];
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int i = 0; i < m; i++) {
            final double others = total - weights[i];
            for (int j = 0; j < m; j++) {
                if (j != i && others > 0) {
                    g[i][j] = weights[j] / others;
                }
            }
            normaliseRow(g[i]);
        }
        return of(weights, g);
    }

    /**
     * The fixed-sequence (hierarchical) procedure: H_1 at full alpha, then H_2 only if H_1 is rejected, and so
     * on (Maurer W, Hothorn L, Lehmacher W. Multiple comparisons in drug clinical trials and preclinical
     * assays: a-priori ordered hypotheses. 1995).
     *
     * @param m the number of hypotheses, in testing order
     * @return the graph
     */
    public static TestingGraph fixedSequence(int m) {
        final double[] w = new double[m];
        if (m > 0) {
            w[0] = 1;
        }
        return chain(w);
    }

    /**
     * The fallback procedure (Wiens BL. A fixed sequence Bonferroni procedure for testing multiple endpoints.
     * Pharm Stat 2003;2:211-215): H_i is tested at its own w_i alpha plus whatever H_{i-1} passed on when
     * rejected; as a graph, the weights w with {@code g_{i,i+1} = 1} (Bretz et al. 2009, figure 4a).
     *
     * @param weights the weights in testing order
     * @return the graph
     */
    public static TestingGraph fallback(double[] weights) {
        return chain(weights);
    }

    private static TestingGraph chain(double[] weights) {
        final int m = weights.length;
        final double[][] g = new double[m][m];
        for (int i = 0; i + 1 < m; i++) {
            g[i][i + 1] = 1;
        }
        return of(weights, g);
    }

    private static double[] equalWeights(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("at least one hypothesis is needed, found " + m);
        }
        final double[] w = new double[m];
        Arrays.fill(w, 1.0 / m);
        return w;
    }

    /** Removes rounding excess so that the row sums to at most 1 exactly. */
    private static void normaliseRow(double[] row) {
        double sum = 0;
        for (double x : row) {
            sum += x;
        }
        if (sum > 1) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= sum;
            }
        }
    }

    /** @return the number of hypotheses */
    public int hypotheses() {
        return weights.length;
    }

    /** @return a copy of the initial weights */
    public double[] weights() {
        return weights.clone();
    }

    /** @return a copy of the transition matrix */
    public double[][] transitions() {
        final double[][] g = new double[weights.length][];
        for (int i = 0; i < g.length; i++) {
            g[i] = transitions[i].clone();
        }
        return g;
    }

    /** Copies the weights into scratch (package use by the procedure, no allocation). */
    void copyWeightsInto(double[] out) {
        System.arraycopy(weights, 0, out, 0, weights.length);
    }

    /** Copies the transitions into a flat row-major scratch array (package use, no allocation). */
    void copyTransitionsInto(double[] out) {
        final int m = weights.length;
        for (int i = 0; i < m; i++) {
            System.arraycopy(transitions[i], 0, out, i * m, m);
        }
    }
}
