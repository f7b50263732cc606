package org.trialsim.stats;

import java.util.Arrays;

/**
 * Kenward and Roger's small-sample inference for one coefficient of a converged {@link MmrmFit}: the adjusted
 * variance {@code e_j' Phi_A e_j} and the denominator degrees of freedom (Kenward MG, Roger JH, "Small sample
 * inference for fixed effects from restricted maximum likelihood", Biometrics 1997;53:983-997, sections 2-4).
 * One instance per thread (it lives in an {@link MmrmTest.Result}); its buffers are sized on first use.
 *
 * <p><b>Formulas.</b> With {@code Phi = (X'V^{-1}X)^{-1}}, {@code V_i = dV/dtheta_i},
 * {@code P_i = -X'V^{-1}V_iV^{-1}X}, {@code Q_ij = X'V^{-1}V_iV^{-1}V_jV^{-1}X},
 * {@code R_ij = X'V^{-1}(d^2V/dtheta_i dtheta_j)V^{-1}X} and W the inverse of the expected REML information
 * ({@code 2 I_ij = tr(V^{-1}V_iV^{-1}V_j) - 2 tr(Phi Q_ij) + tr(Phi P_i Phi P_j)}, as in the paper and R's
 * pbkrtest): {@code Phi_A = Phi + 2 Phi [sum_ij W_ij (Q_ij - P_i Phi P_j - R_ij / 4)] Phi}. For one contrast
 * ({@code l = 1}) the paper's scale is {@code lambda = 1} and its df {@code m = 2 / (a'Wa)} with
 * {@code a_i = u'P_i u / (e_j'Phi e_j)}, {@code u = Phi e_j}; the statistic is
 * {@code beta_j / sqrt(e_j'Phi_A e_j)} on t with m df.
 *
 * <p><b>Parameters.</b> The adjustment is not invariant to the covariance parameterization when that is not
 * linear, so theta is SAS PROC MIXED's for each {@code TYPE}: unstructured, the elements {@code sigma_ab}
 * (linear, R = 0); compound symmetry, the common covariance and the residual variance,
 * {@code Sigma = c J + s^2 I} (linear, R = 0; lme4's variance components for a random intercept); AR(1), the
 * variance and the correlation, {@code Sigma = s^2 rho^|a-b|} (R non-zero). Because W is the inverse of the
 * expected information, the df of one contrast differ from {@link MmrmFit#satterthwaite}'s, which use the
 * observed information (with the observed one they would be equal, as in R's {@code mmrm} package).
 *
 * <p><b>Computation.</b> Every term is a sum over dropout patterns of the pattern's {@code k x k} matrices
 * contracted with its sufficient statistics ({@link MmrmFit#addDesign}, {@link MmrmFit#contract}), so the
 * cost does not depend on the number of patients: for six visits and an unstructured covariance (21
 * parameters), a few hundred thousand multiplications.
 *
 * <p>Tested in {@code MmrmKenwardRogerTest} against an independent R implementation of the paper on
 * {@code nlme::gls}'s fit ({@code core/src/test/r/mmrm-kenward-roger-references.R}), which agrees with R's
 * pbkrtest on lme4's random-intercept model.
 */
final class KenwardRoger {

    private int t = -1;
    private MmrmTest.Covariance structure;
    private int p;
    private int q;

    private double[][] dV;
    private double[][] d2V;
    private double[][] n;
    private double[][] pMatrix;
    private double[][] phiP;
    private double[][] z;
    private double[][] zU;
    private double[] quadratic;
    private double[] second;
    private double[] information;
    private double[] w;
    private double[] work;
    private double[] phiTerms;
    private double[] uTerms;
    private double[] outer;
    private double[] pu;
    private double[] phiPu;
    private double[] a;
    private double[] product;
    private double[] half;

    private double variance;
    private double degreesOfFreedom;

    private void reset(int visits, MmrmTest.Covariance covariance, int coefficients) {
        if (visits == t && covariance == structure) {
            return;
        }
        t = visits;
        structure = covariance;
        p = coefficients;
        q = covariance == MmrmTest.Covariance.UNSTRUCTURED ? t * (t + 1) / 2 : 2;
        dV = new double[q][t * t];
        d2V = covariance == MmrmTest.Covariance.AR1 ? new double[q * q][t * t] : null;
        n = new double[q][t * t];
        pMatrix = new double[q][p * p];
        phiP = new double[q][p * p];
        z = new double[q][t * t];
        zU = new double[q][t * t];
        quadratic = new double[q * q];
        second = new double[q * q];
        information = new double[q * q];
        w = new double[q * q];
        work = new double[q * q];
        phiTerms = new double[t * t];
        uTerms = new double[t * t];
        outer = new double[p * p];
        pu = new double[q * p];
        phiPu = new double[q * p];
        a = new double[q];
        product = new double[t * t];
        half = new double[t * t];
    }

    /**
     * Computes the adjusted variance and the degrees of freedom of coefficient {@code j} of a converged fit.
     *
     * @param fit the fit, converged
     * @param j the coefficient
     * @return whether both are defined (the expected information positive definite, the df positive)
     */
    boolean compute(MmrmFit fit, int j) {
        reset(fit.visits(), fit.structure(), fit.coefficients());
        derivatives(fit);
        final double[] phi = fit.coefficientCovariance();
        final double phiJ = phi[j * p + j];
        for (int r = 0; r < p; r++) {
            for (int s = 0; s < p; s++) {
                outer[r * p + s] = phi[r * p + j] * phi[s * p + j];
            }
        }
        for (double[] m : pMatrix) {
            Arrays.fill(m, 0);
        }
        Arrays.fill(quadratic, 0);
        Arrays.fill(second, 0);
        Arrays.fill(information, 0);
        final double[] precision = fit.precisions();
        for (int k = 1; k <= t; k++) {
            final double patients = fit.patients(k);
            if (patients == 0) {
                continue;
            }
            final int base = k * t * t;
            for (int h = 0; h < q; h++) {
                sandwich(precision, base, dV[h], k, n[h]);
                fit.addDesign(n[h], 0, k, -1, pMatrix[h]);
            }
            for (int v = 0; v < k; v++) {
                for (int x = 0; x < k; x++) {
                    phiTerms[v * t + x] = fit.contract(phi, k, v, x);
                    uTerms[v * t + x] = fit.contract(outer, k, v, x);
                }
            }
            // z_h = Sigma_[k] N_h G for G the pattern's Phi and u u' terms: tr(N_i Sigma N_j G) = tr(N_i z_j)
            for (int h = 0; h < q; h++) {
                multiply(fit, n[h], k, product);
                times(product, phiTerms, k, z[h]);
                times(product, uTerms, k, zU[h]);
            }
            for (int h = 0; h < q; h++) {
                for (int i = 0; i < q; i++) {
                    information[h * q + i] += patients * traceOfProduct(n[h], dV[i], k)
                            - 2 * traceOfProduct(n[h], z[i], k);
                    quadratic[h * q + i] += traceOfProduct(n[h], zU[i], k);
                    if (d2V != null) {
                        sandwich(precision, base, d2V[h * q + i], k, product);
                        second[h * q + i] += traceOfProduct(product, uTerms, k);
                    }
                }
            }
        }
        for (int h = 0; h < q; h++) {
            times(phi, pMatrix[h], p, p, phiP[h]);
            for (int r = 0; r < p; r++) {
                double s = 0;
                for (int c = 0; c < p; c++) {
                    s += pMatrix[h][r * p + c] * phi[c * p + j];
                }
                pu[h * p + r] = s;
            }
            for (int r = 0; r < p; r++) {
                double s = 0;
                for (int c = 0; c < p; c++) {
                    s += phi[r * p + c] * pu[h * p + c];
                }
                phiPu[h * p + r] = s;
            }
            a[h] = phiPu[h * p + j] / phiJ;
        }
        for (int h = 0; h < q; h++) {
            for (int i = 0; i < q; i++) {
                information[h * q + i] += traceOfProduct(phiP[h], phiP[i], p, p);
            }
        }
        // W = 2 (2 I_E)^{-1}
        if (!SmallMatrix.cholesky(information, q, q)) {
            return false;
        }
        SmallMatrix.inverseFromCholesky(information, q, q, work, w);
        double adjustment = 0;
        double spread = 0;
        for (int h = 0; h < q; h++) {
            for (int i = 0; i < q; i++) {
                double upu = 0;
                for (int r = 0; r < p; r++) {
                    upu += pu[h * p + r] * phiPu[i * p + r];
                }
                final double wHi = 2 * w[h * q + i];
                adjustment += wHi * (quadratic[h * q + i] - upu - 0.25 * second[h * q + i]);
                spread += wHi * a[h] * a[i];
            }
        }
        variance = phiJ + 2 * adjustment;
        degreesOfFreedom = 2 / spread;
        return variance > 0 && degreesOfFreedom > 0 && Double.isFinite(degreesOfFreedom);
    }

    /** @return the adjusted variance of the coefficient of the last {@link #compute} */
    double variance() {
        return variance;
    }

    /** @return the Kenward-Roger degrees of freedom of the last {@link #compute} */
    double degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** {@code dSigma/dtheta} (and for AR(1) the second derivatives) in SAS's parameters at the fitted Sigma. */
    private void derivatives(MmrmFit fit) {
        switch (structure) {
            case UNSTRUCTURED -> {
                for (int v = 0; v < t; v++) {
                    for (int x = 0; x <= v; x++) {
                        final double[] d = dV[v * (v + 1) / 2 + x];
                        Arrays.fill(d, 0);
                        d[v * t + x] = 1;
                        d[x * t + v] = 1;
                    }
                }
            }
            case COMPOUND_SYMMETRY -> {
                Arrays.fill(dV[0], 1);
                Arrays.fill(dV[1], 0);
                for (int v = 0; v < t; v++) {
                    dV[1][v * t + v] = 1;
                }
            }
            default -> {
                final double s2 = fit.covariance(0, 0);
                final double rho = fit.covariance(0, 1) / s2;
                for (int v = 0; v < t; v++) {
                    for (int x = 0; x < t; x++) {
                        final int lag = Math.abs(v - x);
                        final int at = v * t + x;
                        dV[0][at] = Math.pow(rho, lag);
                        dV[1][at] = lag == 0 ? 0 : s2 * lag * Math.pow(rho, lag - 1);
                        d2V[0][at] = 0;
                        d2V[1][at] = lag == 0 ? 0 : lag * Math.pow(rho, lag - 1);
                        d2V[2][at] = d2V[1][at];
                        d2V[3][at] = lag < 2 ? 0 : s2 * lag * (lag - 1) * Math.pow(rho, lag - 2);
                    }
                }
            }
        }
    }

    /** {@code out = W_k D W_k} on the leading {@code k x k} block (W_k at {@code from} in {@code precision}). */
    private void sandwich(double[] precision, int from, double[] d, int k, double[] out) {
        for (int v = 0; v < k; v++) {
            for (int x = 0; x < k; x++) {
                double s = 0;
                for (int m = 0; m < k; m++) {
                    s += d[v * t + m] * precision[from + m * t + x];
                }
                half[v * t + x] = s;
            }
        }
        for (int v = 0; v < k; v++) {
            for (int x = 0; x < k; x++) {
                double s = 0;
                for (int m = 0; m < k; m++) {
                    s += precision[from + v * t + m] * half[m * t + x];
                }
                out[v * t + x] = s;
            }
        }
    }

    /** {@code out = Sigma_[k] M} on the leading {@code k x k} block. */
    private void multiply(MmrmFit fit, double[] m, int k, double[] out) {
        for (int v = 0; v < k; v++) {
            for (int x = 0; x < k; x++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += fit.covariance(v, c) * m[c * t + x];
                }
                out[v * t + x] = s;
            }
        }
    }

    /** {@code out = L R} on the leading {@code k x k} blocks (stride T). */
    private void times(double[] left, double[] right, int k, double[] out) {
        times(left, right, k, t, out);
    }

    private static void times(double[] left, double[] right, int k, int stride, double[] out) {
        for (int v = 0; v < k; v++) {
            for (int x = 0; x < k; x++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += left[v * stride + c] * right[c * stride + x];
                }
                out[v * stride + x] = s;
            }
        }
    }

    /** {@code tr(L R)} of the leading {@code k x k} blocks (stride T). */
    private double traceOfProduct(double[] left, double[] right, int k) {
        return traceOfProduct(left, right, k, t);
    }

    private static double traceOfProduct(double[] left, double[] right, int k, int stride) {
        double s = 0;
        for (int v = 0; v < k; v++) {
            for (int x = 0; x < k; x++) {
                s += left[v * stride + x] * right[x * stride + v];
            }
        }
        return s;
    }
}
