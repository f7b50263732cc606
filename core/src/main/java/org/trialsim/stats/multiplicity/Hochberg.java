package org.trialsim.stats.multiplicity;

/**
 * Hochberg's step-up procedure (Hochberg Y. A sharper Bonferroni procedure for multiple tests of
 * significance. Biometrika 1988;75:800-802): with ordered p-values {@code p_(1) <= ... <= p_(m)}, find the
 * largest k with {@code p_(k) <= alpha / (m - k + 1)} and reject H_(1), ..., H_(k). Controls the familywise
 * error rate under independence or positive dependence of the tests (it is not a Bonferroni-based closed
 * procedure, so it has no graph). Rejects exactly the hypotheses with R's
 * {@code p.adjust(p, "hochberg") <= alpha}.
 *
 * <p>Holds a sort scratch: one instance per thread ({@link #copy()}).
 */
public final class Hochberg implements MultipleTest {

    private final int m;
    private final int[] order;

    /**
     * A procedure for m hypotheses.
     *
     * @param m the number of hypotheses, at least 1
     */
    public Hochberg(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("at least one hypothesis is needed, found " + m);
        }
        this.m = m;
        this.order = new int[m];
    }

    @Override
    public int reject(double[] pValues, double alpha, boolean[] rejected) {
        if (pValues.length != m || rejected.length != m) {
            throw new IllegalArgumentException("expected " + m + " p-values and decisions, found " + pValues.length
                    + " and " + rejected.length);
        }
        // insertion sort of indices by p-value, NaN last: m is small (endpoints), and this allocates nothing
        for (int i = 0; i < m; i++) {
            final double p = pValues[i];
            int k = i - 1;
            while (k >= 0 && greater(pValues[order[k]], p)) {
                order[k + 1] = order[k];
                k--;
            }
            order[k + 1] = i;
        }
        int cut = 0;
        for (int k = m; k >= 1; k--) {
            final double p = pValues[order[k - 1]];
            if (p <= alpha / (m - k + 1) * (1 + GraphicalProcedure.LEVEL_TOLERANCE)) {
                cut = k;
                break;
            }
        }
        for (int i = 0; i < m; i++) {
            rejected[i] = false;
        }
        for (int k = 0; k < cut; k++) {
            rejected[order[k]] = true;
        }
        return cut;
    }

    /** Order with NaN above every number. */
    private static boolean greater(double a, double b) {
        return Double.isNaN(b) ? false : Double.isNaN(a) || a > b;
    }

    @Override
    public int hypotheses() {
        return m;
    }

    @Override
    public Hochberg copy() {
        return new Hochberg(m);
    }
}
