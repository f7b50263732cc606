package org.trialsim.stats;

/**
 * In-place Cholesky factorization, triangular inversion and solves on small dense matrices stored row-major
 * in flat arrays ({@code a[i * stride + j]}), for {@link MmrmFit}.
 *
 * <p>Why not commons-math3's {@code CholeskyDecomposition}: it copies its input into a new
 * {@code RealMatrix} and returns new matrices and vectors per call, so a fit per simulated trial (dozens of
 * factorizations of at most 25 x 25 matrices) would make garbage on the hot path. These loops are the
 * textbook ones (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., 2013, algorithm 4.2.1), on
 * caller-owned buffers. Tested against commons-math3 in {@code SmallMatrixTest}.
 */
final class SmallMatrix {

    private SmallMatrix() {
    }

    /**
     * Overwrites the lower triangle of the symmetric {@code n x n} matrix {@code a} with its Cholesky factor
     * {@code L} ({@code a = L L'}); the strict upper triangle is set to 0.
     *
     * @param a the matrix, row-major with the given stride
     * @param n order
     * @param stride row stride of {@code a}
     * @return whether the matrix was positive definite (pivots above {@code 1e-13} times the largest
     *     diagonal entry); when not, {@code a} is left partly overwritten
     */
    static boolean cholesky(double[] a, int n, int stride) {
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, a[i * stride + i]);
        }
        final double floor = 1e-13 * largest;
        for (int j = 0; j < n; j++) {
            final int rj = j * stride;
            double d = a[rj + j];
            for (int m = 0; m < j; m++) {
                d -= a[rj + m] * a[rj + m];
            }
            if (!(d > floor)) {
                return false;
            }
            final double ljj = Math.sqrt(d);
            a[rj + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                final int ri = i * stride;
                double s = a[ri + j];
                for (int m = 0; m < j; m++) {
                    s -= a[ri + m] * a[rj + m];
                }
                a[ri + j] = s / ljj;
            }
            for (int i = j + 1; i < n; i++) {
                a[rj + i] = 0;
            }
        }
        return true;
    }

    /**
     * Inverts the lower-triangular {@code n x n} matrix {@code l} into {@code inv} (lower triangular, upper
     * part set to 0). The leading {@code k x k} block of the inverse is the inverse of the leading block of
     * {@code l}, which {@link MmrmFit} uses for every dropout pattern at once.
     *
     * @param l lower-triangular matrix with positive diagonal
     * @param n order
     * @param stride row stride of both arrays
     * @param inv receives the inverse
     */
    static void invertLower(double[] l, int n, int stride, double[] inv) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                inv[i * stride + j] = 0;
            }
            inv[j * stride + j] = 1 / l[j * stride + j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                for (int m = j; m < i; m++) {
                    s -= l[i * stride + m] * inv[m * stride + j];
                }
                inv[i * stride + j] = s / l[i * stride + i];
            }
        }
    }

    /**
     * The inverse {@code (L L')^{-1} = L^{-T} L^{-1}} of a matrix from its Cholesky factor.
     *
     * @param l Cholesky factor (lower triangle of the array)
     * @param n order
     * @param stride row stride of all arrays
     * @param work receives {@code L^{-1}}
     * @param inv receives the symmetric inverse
     */
    static void inverseFromCholesky(double[] l, int n, int stride, double[] work, double[] inv) {
        invertLower(l, n, stride, work);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int m = i; m < n; m++) {
                    s += work[m * stride + i] * work[m * stride + j];
                }
                inv[i * stride + j] = s;
                inv[j * stride + i] = s;
            }
        }
    }

    /**
     * @param l Cholesky factor
     * @param n order
     * @param stride row stride
     * @return {@code log det(L L')}
     */
    static double logDeterminant(double[] l, int n, int stride) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(l[i * stride + i]);
        }
        return 2 * s;
    }

    /**
     * Solves {@code (L L') x = b} in place.
     *
     * @param l Cholesky factor
     * @param n order
     * @param stride row stride
     * @param b right-hand side, overwritten by the solution
     */
    static void solve(double[] l, int n, int stride, double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= l[i * stride + m] * b[m];
            }
            b[i] = s / l[i * stride + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int m = i + 1; m < n; m++) {
                s -= l[m * stride + i] * b[m];
            }
            b[i] = s / l[i * stride + i];
        }
    }
}
