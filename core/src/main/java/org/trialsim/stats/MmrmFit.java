package org.trialsim.stats;

import java.util.Arrays;

/**
 * The REML fit of {@link MmrmTest}'s model, on reusable primitive buffers: one instance per thread (it lives
 * in an {@link MmrmTest.Result}), grown when the number of visits changes, allocation-free after.
 *
 * <p><b>Model.</b> Patient i has change scores {@code y_i1..y_ik_i} at the first {@code k_i} of {@code T}
 * visits (monotone dropout: observed up to the last visit attended), {@code y_i ~ N(X_i beta, Sigma_[k_i])}
 * with {@code Sigma_[k]} the leading {@code k x k} block of the {@code T x T} covariance. The row of visit a
 * is {@code e_a + g_i e_(T+a) + b_i e_2T} ({@code g_i} = 1 for treatment, {@code b_i} the baseline score), so
 * {@code beta = (mu_1..mu_T, delta_1..delta_T, gamma)}: the control mean per visit at baseline 0, the
 * treatment difference per visit, and the baseline slope; R's {@code y ~ 0 + visit + visit:arm + base}.
 *
 * <p><b>Sufficient statistics.</b> Patients with the same dropout pattern share {@code Sigma_[k]^{-1}}, so
 * {@code X'V^{-1}X}, {@code X'V^{-1}y} and {@code y'V^{-1}y} are sums over patterns k and visit pairs
 * (a, b) of {@code W_k[a,b]} times per-pattern sums (counts and baseline sums per arm, sums of squared
 * baselines, sums of y and of baseline times y per visit, cross-products of y). One pass over the data
 * gathers them ({@code O(n T^2)}); after that every evaluation of the REML criterion and its gradient costs
 * {@code O(T^4 + p^3)}, whatever the number of patients.
 *
 * <p><b>Criterion.</b> {@code f = -2 l_R = (N - p) log(2 pi) + sum_k n_k log|Sigma_[k]| + log|X'V^{-1}X|
 * + r'V^{-1}r} (N observations, p = 2T + 1), the REML log-likelihood of Harville (1977, JASA 72:320-338) as
 * {@code nlme::gls} reports it (without the {@code log|X'X|} term). Gradient, analytically: with
 * {@code W_k = Sigma_[k]^{-1}}, {@code A = X'V^{-1}X}, {@code beta = A^{-1}X'V^{-1}y} and {@code C_kab},
 * {@code D_kab}, {@code E_kab} the per-pattern sums of {@code x_ia x_ib'}, {@code x_ia y_ib} and
 * {@code y_ia y_ib}, {@code df/dW_k[a,b] = -n_k Sigma[a,b] + <A^{-1} + beta beta', C_kab> + E_kab
 * - 2 beta'D_kab}; then {@code df/dSigma_[k] = -W_k (df/dW_k) W_k}, summed into {@code T x T}, and through
 * the covariance structure to its parameters theta.
 *
 * <p><b>Structures and parameters.</b> Unstructured: theta is the Cholesky factor of Sigma, diagonal on the
 * log scale (unconstrained; the leading block of the factor is the factor of the leading block, so every
 * dropout pattern is factorized at once). AR(1): {@code Sigma[a,b] = s^2 rho^|a-b|}, theta =
 * {@code (log s, atanh rho)}. Compound symmetry: {@code Sigma[a,b] = s^2 (rho + (1 - rho) [a = b])}, theta =
 * {@code (log s, logit of rho on (-1/(T-1), 1))}. Both homogeneous, as SAS's {@code TYPE=AR(1)} and
 * {@code TYPE=CS}.
 *
 * <p><b>Iteration.</b> Newton-Raphson on theta from moment estimates (ordinary least squares residuals,
 * pairwise), with the Hessian as central differences of the analytic gradient (2q gradient evaluations per
 * step, each independent of n; q = T(T+1)/2 = 21 for six visits), a ridge added when it is not positive
 * definite, and Armijo step halving. Converged when the Newton decrement {@code g'H^{-1}g} is below
 * {@code 1e-9} (then the last step is taken), which puts the REML log-likelihood within about {@code 1e-10}
 * of its maximum; not converged after 50 steps, or when the criterion cannot be evaluated (a treatment arm
 * with nobody at some visit, fewer observations than coefficients), the fit fails and the test is undefined.
 *
 * <p><b>Satterthwaite.</b> For the contrast {@code c'beta}, {@code phi = c'A^{-1}c} and
 * {@code df = 2 phi^2 / (grad phi' Cov(theta) grad phi)} with {@code Cov(theta) = 2 H^{-1}} (H the Hessian
 * of f, the observed REML information being {@code H/2}), as in SAS PROC MIXED's {@code DDFM=SATTERTHWAITE}
 * (Giesbrecht and Burns 1985, Biometrics 41:477-486) and R's {@code lmerTest} and {@code mmrm};
 * {@code grad phi} analytically as {@code dphi/dW_k[a,b] = -<v v', C_kab>}, {@code v = A^{-1}c}.
 */
final class MmrmFit {

    /** Newton decrement below which the fit has converged. */
    static final double DECREMENT = 1e-9;
    /** Newton steps before the fit counts as not converged. */
    static final int MAX_ITERATIONS = 50;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private int visits = -1;
    private MmrmTest.Covariance structure;
    private int p;
    private int q;
    private double observations;

    // sufficient statistics per dropout pattern k (visits observed, 1..T), per arm where needed
    private double[] count0;
    private double[] count1;
    private double[] baseSum0;
    private double[] baseSum1;
    private double[] baseSquares;
    private double[] ySum0;
    private double[] ySum1;
    private double[] baseY;
    private double[] yy;

    // covariance and its patterns
    private double[] sigma;
    private double[] factor;
    private double[] factorInverse;
    private double[] precision;
    private double[] dSigma;
    private double[] patternGradient;
    private double[] product;

    // fixed effects
    private double[] a;
    private double[] aFactor;
    private double[] aInverse;
    private double[] aWork;
    private double[] u;
    private double[] beta;
    private double[] outer;

    // parameters and Newton
    private double[] theta;
    private double[] gradient;
    private double[] hessian;
    private double[] hessianFactor;
    private double[] step;
    private double[] trial;
    private double[] trialGradient;
    private double[] plus;
    private double[] minus;
    private double[] contrastGradient;

    private double criterion;
    private int iterations;
    private boolean converged;

    /** Sizes the buffers for {@code t} visits and the structure; nothing is allocated when they are unchanged. */
    void reset(int t, MmrmTest.Covariance covariance) {
        if (t == visits && covariance == structure) {
            return;
        }
        visits = t;
        structure = covariance;
        p = 2 * t + 1;
        q = covariance == MmrmTest.Covariance.UNSTRUCTURED ? t * (t + 1) / 2 : 2;
        count0 = new double[t + 1];
        count1 = new double[t + 1];
        baseSum0 = new double[t + 1];
        baseSum1 = new double[t + 1];
        baseSquares = new double[t + 1];
        ySum0 = new double[(t + 1) * t];
        ySum1 = new double[(t + 1) * t];
        baseY = new double[(t + 1) * t];
        yy = new double[(t + 1) * t * t];
        sigma = new double[t * t];
        factor = new double[t * t];
        factorInverse = new double[t * t];
        precision = new double[(t + 1) * t * t];
        dSigma = new double[t * t];
        patternGradient = new double[t * t];
        product = new double[t * t];
        a = new double[p * p];
        aFactor = new double[p * p];
        aInverse = new double[p * p];
        aWork = new double[p * p];
        u = new double[p];
        beta = new double[p];
        outer = new double[p * p];
        theta = new double[q];
        gradient = new double[q];
        hessian = new double[q * q];
        hessianFactor = new double[q * q];
        step = new double[q];
        trial = new double[q];
        trialGradient = new double[q];
        plus = new double[q];
        minus = new double[q];
        contrastGradient = new double[q];
    }

    /**
     * Gathers the sufficient statistics. Patients with no post-baseline visit contribute nothing.
     *
     * @param change change from baseline, {@code change[i * T + a]} for visit a of patient i
     * @param baseline baseline score per patient
     * @param treatment arm per patient
     * @param observed visits observed per patient, 0..T (the first {@code observed[i]} visits)
     * @param size patients
     */
    void gather(double[] change, double[] baseline, boolean[] treatment, int[] observed, int size) {
        final int t = visits;
        Arrays.fill(count0, 0);
        Arrays.fill(count1, 0);
        Arrays.fill(baseSum0, 0);
        Arrays.fill(baseSum1, 0);
        Arrays.fill(baseSquares, 0);
        Arrays.fill(ySum0, 0);
        Arrays.fill(ySum1, 0);
        Arrays.fill(baseY, 0);
        Arrays.fill(yy, 0);
        double n = 0;
        for (int i = 0; i < size; i++) {
            final int k = observed[i];
            if (k <= 0) {
                continue;
            }
            n += k;
            final double b = baseline[i];
            final double[] ySum = treatment[i] ? ySum1 : ySum0;
            if (treatment[i]) {
                count1[k]++;
                baseSum1[k] += b;
            } else {
                count0[k]++;
                baseSum0[k] += b;
            }
            baseSquares[k] += b * b;
            final int row = i * t;
            final int pattern = k * t;
            final int cross = k * t * t;
            for (int v = 0; v < k; v++) {
                final double y = change[row + v];
                ySum[pattern + v] += y;
                baseY[pattern + v] += b * y;
                for (int w = 0; w <= v; w++) {
                    yy[cross + v * t + w] += y * change[row + w];
                }
            }
        }
        for (int k = 1; k <= t; k++) {
            for (int v = 0; v < k; v++) {
                for (int w = 0; w < v; w++) {
                    yy[k * t * t + w * t + v] = yy[k * t * t + v * t + w];
                }
            }
        }
        observations = n;
    }

    /**
     * Fits by Newton-Raphson from moment estimates.
     *
     * @return whether the fit converged; then {@link #beta}, {@link #aInverse} and the covariance hold the
     *     fit at the REML estimate and {@link #hessianFactor} the factor of the Hessian there
     */
    boolean fit() {
        iterations = 0;
        converged = false;
        if (observations <= p || !start()) {
            return false;
        }
        double f = evaluate(theta, gradient);
        if (f == Double.POSITIVE_INFINITY) {
            return false;
        }
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            hessian(theta);
            newtonStep();
            double slope = 0;
            for (int r = 0; r < q; r++) {
                slope += gradient[r] * step[r];
            }
            if (-slope < DECREMENT) {
                for (int r = 0; r < q; r++) {
                    theta[r] += step[r];
                }
                converged = true;
                break;
            }
            double t = 1;
            double ft = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 40; halving++) {
                for (int r = 0; r < q; r++) {
                    trial[r] = theta[r] + t * step[r];
                }
                ft = evaluate(trial, trialGradient);
                if (ft <= f + 1e-4 * t * slope) {
                    break;
                }
                t *= 0.5;
            }
            if (!(ft <= f + 1e-4 * t * slope)) {
                return false;
            }
            System.arraycopy(trial, 0, theta, 0, q);
            System.arraycopy(trialGradient, 0, gradient, 0, q);
            f = ft;
        }
        if (!converged) {
            return false;
        }
        hessian(theta);
        if (!factorHessian(0)) {
            converged = false;
            return false;
        }
        criterion = evaluate(theta, gradient);
        converged = criterion < Double.POSITIVE_INFINITY;
        return converged;
    }

    /** Solves {@code (H + lambda I) step = -gradient}, with the smallest ridge that makes it positive definite. */
    private void newtonStep() {
        double largest = 0;
        for (int r = 0; r < q; r++) {
            largest = Math.max(largest, Math.abs(hessian[r * q + r]));
        }
        double ridge = 0;
        while (!factorHessian(ridge)) {
            ridge = ridge == 0 ? 1e-8 * Math.max(largest, 1e-8) : ridge * 10;
        }
        for (int r = 0; r < q; r++) {
            step[r] = -gradient[r];
        }
        SmallMatrix.solve(hessianFactor, q, q, step);
    }

    private boolean factorHessian(double ridge) {
        System.arraycopy(hessian, 0, hessianFactor, 0, q * q);
        for (int r = 0; r < q; r++) {
            hessianFactor[r * q + r] += ridge;
        }
        return SmallMatrix.cholesky(hessianFactor, q, q);
    }

    /** The Hessian of the criterion at {@code at}, by central differences of the analytic gradient. */
    private void hessian(double[] at) {
        for (int s = 0; s < q; s++) {
            final double h = 1e-5 * Math.max(1, Math.abs(at[s]));
            final double keep = at[s];
            at[s] = keep + h;
            final double up = evaluate(at, plus);
            at[s] = keep - h;
            final double down = evaluate(at, minus);
            at[s] = keep;
            for (int r = 0; r < q; r++) {
                hessian[r * q + s] = up < Double.POSITIVE_INFINITY && down < Double.POSITIVE_INFINITY
                        ? (plus[r] - minus[r]) / (2 * h) : Double.NaN;
            }
        }
        for (int r = 0; r < q; r++) {
            for (int s = 0; s < r; s++) {
                final double m = 0.5 * (hessian[r * q + s] + hessian[s * q + r]);
                hessian[r * q + s] = m;
                hessian[s * q + r] = m;
            }
        }
    }

    /**
     * Starting values: ordinary least squares, then the residual covariance of each visit pair over the
     * patients seen at both (from the sufficient statistics), then the structure's parameters from it.
     */
    private boolean start() {
        final int t = visits;
        Arrays.fill(precision, 0);
        for (int k = 1; k <= t; k++) {
            for (int v = 0; v < k; v++) {
                precision[k * t * t + v * t + v] = 1;
            }
        }
        if (!assemble()) {
            return false;
        }
        fillOuter(beta);
        for (int v = 0; v < t; v++) {
            for (int w = 0; w <= v; w++) {
                double s = 0;
                double n = 0;
                for (int k = v + 1; k <= t; k++) {
                    s += yy[k * t * t + v * t + w] - crossWithBeta(k, v, w) - crossWithBeta(k, w, v)
                            + contract(outer, k, v, w);
                    n += count0[k] + count1[k];
                }
                if (n == 0) {
                    return false;
                }
                sigma[v * t + w] = s / n;
                sigma[w * t + v] = s / n;
            }
        }
        switch (structure) {
            case UNSTRUCTURED -> startUnstructured();
            case AR1 -> startCorrelation(true);
            default -> startCorrelation(false);
        }
        return true;
    }

    private void startUnstructured() {
        final int t = visits;
        System.arraycopy(sigma, 0, factor, 0, t * t);
        if (!SmallMatrix.cholesky(factor, t, t)) {
            Arrays.fill(factor, 0);
            for (int v = 0; v < t; v++) {
                factor[v * t + v] = Math.sqrt(Math.max(sigma[v * t + v], 1e-8));
            }
        }
        for (int v = 0; v < t; v++) {
            for (int w = 0; w <= v; w++) {
                final double l = factor[v * t + w];
                theta[v * (v + 1) / 2 + w] = w == v ? Math.log(l) : l;
            }
        }
    }

    private void startCorrelation(boolean autoregressive) {
        final int t = visits;
        double variance = 0;
        for (int v = 0; v < t; v++) {
            variance += sigma[v * t + v];
        }
        variance = Math.max(variance / t, 1e-8);
        double correlation = 0;
        int pairs = 0;
        for (int v = 1; v < t; v++) {
            for (int w = autoregressive ? v - 1 : 0; w < v; w++) {
                correlation += sigma[v * t + w] / Math.sqrt(sigma[v * t + v] * sigma[w * t + w]);
                pairs++;
            }
        }
        correlation = Double.isFinite(correlation) ? Math.min(0.9, Math.max(-0.3 / (t - 1), correlation / pairs)) : 0;
        theta[0] = 0.5 * Math.log(variance);
        if (autoregressive) {
            theta[1] = 0.5 * Math.log((1 + correlation) / (1 - correlation));
        } else {
            final double low = -1.0 / (t - 1);
            final double s = (correlation - low) / (1 - low);
            theta[1] = Math.log(s / (1 - s));
        }
    }

    /**
     * The criterion {@code -2 l_R} at {@code at}, and its gradient into {@code into} (when not null); leaves
     * the covariance, the pattern precisions, {@code A}, its inverse and beta of that point in the buffers.
     *
     * @return the criterion, or positive infinity where it is not defined (covariance or {@code A} singular)
     */
    double evaluate(double[] at, double[] into) {
        if (!covariance(at)) {
            return Double.POSITIVE_INFINITY;
        }
        final int t = visits;
        SmallMatrix.invertLower(factor, t, t, factorInverse);
        double logDetV = 0;
        double logDetPattern = 0;
        for (int k = 1; k <= t; k++) {
            logDetPattern += 2 * Math.log(factor[(k - 1) * t + k - 1]);
            logDetV += (count0[k] + count1[k]) * logDetPattern;
            final int base = k * t * t;
            for (int v = 0; v < k; v++) {
                for (int w = 0; w <= v; w++) {
                    double s = 0;
                    for (int m = v; m < k; m++) {
                        s += factorInverse[m * t + v] * factorInverse[m * t + w];
                    }
                    precision[base + v * t + w] = s;
                    precision[base + w * t + v] = s;
                }
            }
        }
        final double quadratic = assembleQuadratic();
        if (Double.isNaN(quadratic)) {
            return Double.POSITIVE_INFINITY;
        }
        final double f = (observations - p) * LOG_2PI + logDetV + SmallMatrix.logDeterminant(aFactor, p, p) + quadratic;
        if (into != null) {
            for (int s = 0; s < p; s++) {
                for (int r = 0; r < p; r++) {
                    outer[r * p + s] = aInverse[r * p + s] + beta[r] * beta[s];
                }
            }
            Arrays.fill(dSigma, 0);
            for (int k = 1; k <= t; k++) {
                final double n = count0[k] + count1[k];
                if (n == 0) {
                    continue;
                }
                for (int v = 0; v < k; v++) {
                    for (int w = 0; w < k; w++) {
                        patternGradient[v * t + w] = -n * sigma[v * t + w] + contract(outer, k, v, w)
                                + yy[k * t * t + v * t + w] - 2 * crossWithBeta(k, v, w);
                    }
                }
                addPrecisionSandwich(k);
            }
            chain(at, into);
        }
        return f;
    }

    /** Assembles {@code A}, factors and inverts it and solves for beta; returns {@code y'Py}, NaN when singular. */
    private double assembleQuadratic() {
        if (!assemble()) {
            return Double.NaN;
        }
        final int t = visits;
        double e = 0;
        for (int k = 1; k <= t; k++) {
            final int base = k * t * t;
            for (int v = 0; v < k; v++) {
                for (int w = 0; w < k; w++) {
                    e += precision[base + v * t + w] * yy[base + v * t + w];
                }
            }
        }
        double fitted = 0;
        for (int r = 0; r < p; r++) {
            fitted += u[r] * beta[r];
        }
        return e - fitted;
    }

    /** {@code A = sum W_k[a,b] C_kab} and {@code u = sum W_k[a,b] D_kab} from the current precisions. */
    private boolean assemble() {
        final int t = visits;
        final int last = 2 * t;
        Arrays.fill(a, 0);
        Arrays.fill(u, 0);
        for (int k = 1; k <= t; k++) {
            if (count0[k] + count1[k] == 0) {
                continue;
            }
            final int base = k * t * t;
            addDesign(precision, base, k, 1, a);
            for (int v = 0; v < k; v++) {
                for (int w = 0; w < k; w++) {
                    final double wt = precision[base + v * t + w];
                    final int at = k * t + w;
                    u[v] += wt * (ySum0[at] + ySum1[at]);
                    u[t + v] += wt * ySum1[at];
                    u[last] += wt * baseY[at];
                }
            }
        }
        System.arraycopy(a, 0, aFactor, 0, p * p);
        if (!SmallMatrix.cholesky(aFactor, p, p)) {
            return false;
        }
        SmallMatrix.inverseFromCholesky(aFactor, p, p, aWork, aInverse);
        System.arraycopy(u, 0, beta, 0, p);
        SmallMatrix.solve(aFactor, p, p, beta);
        return true;
    }

    /** {@code <M, C_kab>} for a symmetric {@code p x p} matrix M, from pattern k's sums. */
    double contract(double[] m, int k, int v, int w) {
        final int t = visits;
        final int last = 2 * t;
        final int tv = t + v;
        final int tw = t + w;
        final double n1 = count1[k];
        return (count0[k] + n1) * m[v * p + w]
                + n1 * (m[v * p + tw] + m[tv * p + w] + m[tv * p + tw])
                + (baseSum0[k] + baseSum1[k]) * (m[v * p + last] + m[last * p + w])
                + baseSum1[k] * (m[tv * p + last] + m[last * p + tw])
                + baseSquares[k] * m[last * p + last];
    }

    /**
     * Adds {@code scale * sum_ab G[a,b] C_kab} to the {@code p x p} matrix {@code into}: {@code scale} times
     * the sum over pattern k's patients of {@code X_i' G X_i}, for a {@code k x k} matrix G (row stride T,
     * at offset {@code from}), the transpose of {@link #contract}.
     */
    void addDesign(double[] g, int from, int k, double scale, double[] into) {
        final int t = visits;
        final int last = 2 * t;
        final double n1 = scale * count1[k];
        final double n = scale * count0[k] + n1;
        final double bases = scale * (baseSum0[k] + baseSum1[k]);
        final double bases1 = scale * baseSum1[k];
        final double squares = scale * baseSquares[k];
        for (int v = 0; v < k; v++) {
            final int tv = t + v;
            for (int w = 0; w < k; w++) {
                final double wt = g[from + v * t + w];
                final int tw = t + w;
                into[v * p + w] += wt * n;
                into[v * p + tw] += wt * n1;
                into[tv * p + w] += wt * n1;
                into[tv * p + tw] += wt * n1;
                into[v * p + last] += wt * bases;
                into[last * p + w] += wt * bases;
                into[tv * p + last] += wt * bases1;
                into[last * p + tw] += wt * bases1;
                into[last * p + last] += wt * squares;
            }
        }
    }

    /** @return patients with dropout pattern k (k visits observed) */
    double patients(int k) {
        return count0[k] + count1[k];
    }

    /** @return the pattern precisions {@code Sigma_[k]^{-1}} at the last evaluation, {@code [k * T * T + a * T + b]} */
    double[] precisions() {
        return precision;
    }

    /** @return {@code (X'V^{-1}X)^{-1}} at the last evaluation, {@code p x p} */
    double[] coefficientCovariance() {
        return aInverse;
    }

    /** @return the number of visits T */
    int visits() {
        return visits;
    }

    /** @return the covariance structure */
    MmrmTest.Covariance structure() {
        return structure;
    }

    /** {@code beta'D_kab}: the fitted mean at visit v times the change at visit w, summed over pattern k. */
    private double crossWithBeta(int k, int v, int w) {
        final int t = visits;
        final int at = k * t + w;
        return beta[v] * (ySum0[at] + ySum1[at]) + beta[t + v] * ySum1[at] + beta[2 * t] * baseY[at];
    }

    private void fillOuter(double[] x) {
        for (int r = 0; r < p; r++) {
            for (int s = 0; s < p; s++) {
                outer[r * p + s] = x[r] * x[s];
            }
        }
    }

    /** Adds {@code -W_k G W_k} (G in {@link #patternGradient}) to the gradient with respect to Sigma. */
    private void addPrecisionSandwich(int k) {
        final int t = visits;
        final int base = k * t * t;
        for (int v = 0; v < k; v++) {
            for (int w = 0; w < k; w++) {
                double s = 0;
                for (int m = 0; m < k; m++) {
                    s += patternGradient[v * t + m] * precision[base + m * t + w];
                }
                product[v * t + w] = s;
            }
        }
        for (int v = 0; v < k; v++) {
            for (int w = 0; w < k; w++) {
                double s = 0;
                for (int m = 0; m < k; m++) {
                    s += precision[base + v * t + m] * product[m * t + w];
                }
                dSigma[v * t + w] -= s;
            }
        }
    }

    /** Sigma and its Cholesky factor at theta; false when not positive definite. */
    private boolean covariance(double[] at) {
        final int t = visits;
        if (structure == MmrmTest.Covariance.UNSTRUCTURED) {
            Arrays.fill(factor, 0);
            for (int v = 0; v < t; v++) {
                for (int w = 0; w <= v; w++) {
                    final double x = at[v * (v + 1) / 2 + w];
                    factor[v * t + w] = w == v ? Math.exp(x) : x;
                }
            }
            for (int v = 0; v < t; v++) {
                for (int w = 0; w <= v; w++) {
                    double s = 0;
                    for (int m = 0; m <= w; m++) {
                        s += factor[v * t + m] * factor[w * t + m];
                    }
                    sigma[v * t + w] = s;
                    sigma[w * t + v] = s;
                }
            }
            for (int v = 0; v < t; v++) {
                if (!(factor[v * t + v] > 0 && factor[v * t + v] < Double.POSITIVE_INFINITY)) {
                    return false;
                }
            }
            return true;
        }
        final double variance = Math.exp(2 * at[0]);
        final double rho = correlation(at[1]);
        for (int v = 0; v < t; v++) {
            for (int w = 0; w < t; w++) {
                final double r = structure == MmrmTest.Covariance.AR1 ? Math.pow(rho, Math.abs(v - w))
                        : v == w ? 1 : rho;
                sigma[v * t + w] = variance * r;
            }
        }
        System.arraycopy(sigma, 0, factor, 0, t * t);
        return Double.isFinite(variance) && variance > 0 && SmallMatrix.cholesky(factor, t, t);
    }

    private double correlation(double x) {
        if (structure == MmrmTest.Covariance.AR1) {
            return Math.tanh(x);
        }
        final double low = -1.0 / (visits - 1);
        return low + (1 - low) / (1 + Math.exp(-x));
    }

    /** The gradient with respect to theta from the gradient with respect to Sigma ({@link #dSigma}). */
    private void chain(double[] at, double[] into) {
        final int t = visits;
        if (structure == MmrmTest.Covariance.UNSTRUCTURED) {
            // dSigma = dL L' + L dL', so df/dL = (G + G') L
            for (int v = 0; v < t; v++) {
                for (int w = 0; w <= v; w++) {
                    double s = 0;
                    for (int m = w; m < t; m++) {
                        s += (dSigma[v * t + m] + dSigma[m * t + v]) * factor[m * t + w];
                    }
                    into[v * (v + 1) / 2 + w] = w == v ? s * factor[v * t + v] : s;
                }
            }
            return;
        }
        final double variance = Math.exp(2 * at[0]);
        final double rho = correlation(at[1]);
        double byScale = 0;
        double byCorrelation = 0;
        for (int v = 0; v < t; v++) {
            for (int w = 0; w < t; w++) {
                final double g = dSigma[v * t + w];
                byScale += g * 2 * sigma[v * t + w];
                final int lag = Math.abs(v - w);
                if (lag == 0) {
                    continue;
                }
                if (structure == MmrmTest.Covariance.AR1) {
                    byCorrelation += g * variance * lag * Math.pow(rho, lag - 1) * (1 - rho * rho);
                } else {
                    final double low = -1.0 / (t - 1);
                    final double s = (rho - low) / (1 - low);
                    byCorrelation += g * variance * (1 - low) * s * (1 - s);
                }
            }
        }
        into[0] = byScale;
        into[1] = byCorrelation;
    }

    /**
     * Satterthwaite's degrees of freedom of {@code beta[j]} at the fitted estimate (after a converged
     * {@link #fit}).
     *
     * @param j coefficient index
     * @return the degrees of freedom, NaN when not computable
     */
    double satterthwaite(int j) {
        final int t = visits;
        final double phi = aInverse[j * p + j];
        for (int r = 0; r < p; r++) {
            for (int s = 0; s < p; s++) {
                outer[r * p + s] = aInverse[r * p + j] * aInverse[s * p + j];
            }
        }
        Arrays.fill(dSigma, 0);
        for (int k = 1; k <= t; k++) {
            if (count0[k] + count1[k] == 0) {
                continue;
            }
            for (int v = 0; v < k; v++) {
                for (int w = 0; w < k; w++) {
                    patternGradient[v * t + w] = -contract(outer, k, v, w);
                }
            }
            addPrecisionSandwich(k);
        }
        chain(theta, contrastGradient);
        System.arraycopy(contrastGradient, 0, step, 0, q);
        SmallMatrix.solve(hessianFactor, q, q, step);
        double quadratic = 0;
        for (int r = 0; r < q; r++) {
            quadratic += contrastGradient[r] * step[r];
        }
        return quadratic > 0 ? phi * phi / quadratic : Double.NaN;
    }

    /** @return the REML log-likelihood at the last evaluation, as {@code nlme} reports it */
    double logLikelihood() {
        return -0.5 * criterion;
    }

    double coefficient(int j) {
        return beta[j];
    }

    double coefficientVariance(int j) {
        return aInverse[j * p + j];
    }

    double covariance(int v, int w) {
        return sigma[v * visits + w];
    }

    int iterations() {
        return iterations;
    }

    boolean converged() {
        return converged;
    }

    int coefficients() {
        return p;
    }

    double parameter(int r) {
        return theta[r];
    }

    int parameters() {
        return q;
    }
}
