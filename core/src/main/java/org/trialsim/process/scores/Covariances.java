package org.trialsim.process.scores;

/**
 * The within-patient covariance of a score trajectory's changes from baseline, built from the protocol's terms:
 * the standard deviation at each visit and a correlation structure (unstructured, AR(1) over visit order,
 * compound symmetry), or a random intercept and slope in weeks plus residual error (Laird NM, Ware JH,
 * Biometrics 1982;38:963-974), so {@code Sigma = Z G Z' + s_e^2 I} with {@code Z = [1, week]}.
 */
final class Covariances {

    private Covariances() {
    }

    /**
     * @param sd standard deviation per visit
     * @param correlation correlation of visits a and b, row-major {@code T x T}
     * @return the covariance {@code D R D}, row-major
     */
    static double[] fromCorrelation(double[] sd, double[] correlation) {
        int t = sd.length;
        double[] out = new double[t * t];
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) {
                out[a * t + b] = sd[a] * sd[b] * correlation[a * t + b];
            }
        }
        return out;
    }

    /** AR(1) over visit order: {@code rho^|a - b|}. */
    static double[] autoregressive(int t, double rho) {
        double[] r = new double[t * t];
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) {
                r[a * t + b] = Math.pow(rho, Math.abs(a - b));
            }
        }
        return r;
    }

    /** Compound symmetry: 1 on the diagonal, {@code rho} off it. */
    static double[] exchangeable(int t, double rho) {
        double[] r = new double[t * t];
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) {
                r[a * t + b] = a == b ? 1 : rho;
            }
        }
        return r;
    }

    /** Unstructured, from the strict lower triangle row by row ({@code r21, r31, r32, r41, ...}). */
    static double[] unstructured(int t, double[] lowerTriangle) {
        double[] r = new double[t * t];
        int k = 0;
        for (int a = 0; a < t; a++) {
            r[a * t + a] = 1;
            for (int b = 0; b < a; b++) {
                r[a * t + b] = lowerTriangle[k];
                r[b * t + a] = lowerTriangle[k];
                k++;
            }
        }
        return r;
    }

    /**
     * Random intercept and slope (per week) with correlation {@code rho} and residual error:
     * {@code cov(a, b) = s0^2 + rho s0 s1 (w_a + w_b) + s1^2 w_a w_b + [a = b] s_e^2}.
     */
    static double[] randomInterceptSlope(double[] weeks, double interceptSd, double slopeSd, double rho,
            double residualSd) {
        int t = weeks.length;
        double[] out = new double[t * t];
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) {
                out[a * t + b] = interceptSd * interceptSd + rho * interceptSd * slopeSd * (weeks[a] + weeks[b])
                        + slopeSd * slopeSd * weeks[a] * weeks[b] + (a == b ? residualSd * residualSd : 0);
            }
        }
        return out;
    }

    /**
     * The lower Cholesky factor, row-major, or {@code null} when the matrix is not positive definite.
     *
     * @param covariance symmetric {@code t x t}, row-major
     * @param t order
     */
    static double[] choleskyOrNull(double[] covariance, int t) {
        return firstFailure(covariance, t) < 0 ? factor(covariance, t) : null;
    }

    /**
     * @return the first visit (0-based) whose pivot is not positive in the Cholesky factorization, so that the
     *     leading block up to it is the smallest that is not positive definite; -1 when positive definite
     */
    static int firstFailure(double[] covariance, int t) {
        double[] l = covariance.clone();
        for (int j = 0; j < t; j++) {
            double d = l[j * t + j];
            for (int m = 0; m < j; m++) {
                d -= l[j * t + m] * l[j * t + m];
            }
            if (!(d > 1e-12 * Math.abs(covariance[j * t + j]))) {
                return j;
            }
            double ljj = Math.sqrt(d);
            l[j * t + j] = ljj;
            for (int i = j + 1; i < t; i++) {
                double s = l[i * t + j];
                for (int m = 0; m < j; m++) {
                    s -= l[i * t + m] * l[j * t + m];
                }
                l[i * t + j] = s / ljj;
            }
        }
        return -1;
    }

    private static double[] factor(double[] covariance, int t) {
        double[] l = covariance.clone();
        for (int j = 0; j < t; j++) {
            double d = l[j * t + j];
            for (int m = 0; m < j; m++) {
                d -= l[j * t + m] * l[j * t + m];
            }
            double ljj = Math.sqrt(d);
            l[j * t + j] = ljj;
            for (int i = j + 1; i < t; i++) {
                double s = l[i * t + j];
                for (int m = 0; m < j; m++) {
                    s -= l[i * t + m] * l[j * t + m];
                }
                l[i * t + j] = s / ljj;
            }
            for (int i = 0; i < j; i++) {
                l[i * t + j] = 0;
            }
        }
        return l;
    }

    /**
     * The visit the failure at pivot {@code j} is most clearly about: the earlier visit with the largest
     * absolute correlation with visit j (for the message naming the pair).
     */
    static int partner(double[] covariance, int t, int j) {
        int best = 0;
        double strongest = -1;
        for (int b = 0; b < j; b++) {
            double r = Math.abs(covariance[j * t + b]) / Math.sqrt(covariance[j * t + j] * covariance[b * t + b]);
            if (r > strongest) {
                strongest = r;
                best = b;
            }
        }
        return best;
    }
}
