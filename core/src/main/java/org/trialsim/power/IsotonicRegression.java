package org.trialsim.power;

/**
 * Least-squares isotonic (non-decreasing) regression by the pool-adjacent-violators algorithm: adjacent
 * values that violate the order are pooled into their weighted mean until the sequence is monotone.
 * Ayer M, Brunk HD, Ewing GM, Reid WT, Silverman E. An empirical distribution function for sampling with
 * incomplete information. Ann Math Stat 1955;26:641-647; Barlow RE et al. Statistical Inference under Order
 * Restrictions. Wiley 1972.
 */
public final class IsotonicRegression {

    private IsotonicRegression() {
    }

    /** The non-decreasing sequence closest to {@code y} in weighted least squares. */
    public static double[] fit(double[] y, double[] w) {
        int n = y.length;
        if (w.length != n) {
            throw new IllegalArgumentException("values and weights differ in length");
        }
        double[] mean = new double[n];
        double[] weight = new double[n];
        int[] count = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            if (!(w[i] > 0)) {
                throw new IllegalArgumentException("weights must be positive: " + w[i]);
            }
            mean[blocks] = y[i];
            weight[blocks] = w[i];
            count[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
                double wt = weight[blocks - 2] + weight[blocks - 1];
                mean[blocks - 2] = (weight[blocks - 2] * mean[blocks - 2] + weight[blocks - 1] * mean[blocks - 1]) / wt;
                weight[blocks - 2] = wt;
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < count[b]; k++) {
                fitted[i++] = mean[b];
            }
        }
        return fitted;
    }

    /** Unweighted isotonic regression. */
    public static double[] fit(double[] y) {
        double[] w = new double[y.length];
        java.util.Arrays.fill(w, 1);
        return fit(y, w);
    }
}
