package org.trialsim.stats;

/**
 * Mixed model for repeated measures (MMRM) on the change from baseline: visit, treatment by visit and the
 * baseline score as fixed effects, a within-patient covariance over the visits (unstructured, AR(1) or
 * compound symmetry), fitted by restricted maximum likelihood, and the t-test of the treatment difference
 * at one visit with Satterthwaite's degrees of freedom (Mallinckrodt et al., "Recommendations for the
 * primary analysis of continuous endpoints in longitudinal clinical trials", Drug Inf J 2008, 42:303-319;
 * the model of {@code nlme::gls(chg ~ 0 + visit + visit:arm + base, correlation = corSymm(form = ~ visit | id),
 * weights = varIdent(form = ~ 1 | visit), method = "REML")}, against which it is tested).
 *
 * <p>Missing values: a patient contributes the visits before dropout (monotone missingness); the likelihood
 * of the observed data is the model's, so the analysis is valid when data are missing at random. A patient
 * with no post-baseline visit contributes nothing. Intermittent missed visits are not supported (the
 * simulated processes drop out monotonically).
 *
 * <p>Statistic and estimate: the treatment difference {@code delta_v} at the chosen visit (treatment minus
 * control, adjusted for baseline), its t statistic and p-value with Satterthwaite's degrees of freedom, or
 * with Kenward and Roger's adjusted standard error and degrees of freedom ({@link DegreesOfFreedom});
 * {@link Alternative#LESS} means a lower mean change in the treatment arm (an improvement on MADRS).
 * Undefined (t = 0, p-value 1; {@link Result#converged()} false): a fit that cannot be evaluated (an arm
 * with nobody at some visit, no more observations than coefficients) or that does not converge in
 * {@value MmrmFit#MAX_ITERATIONS} Newton steps. Numerical method: {@link MmrmFit}.
 *
 * <p>Use: {@code MmrmTest.withDefaults().with(Alternative.LESS).test(change, baseline, treatment, observed,
 * n, visits, visit, result)}; the result holds the fit's buffers, so a reused result allocates nothing
 * after its first call with the same number of visits and structure. Instances are immutable and
 * thread-safe; results are not.
 */
public final class MmrmTest {

    /** The within-patient covariance structure. */
    public enum Covariance {
        /** Any positive-definite matrix: T(T+1)/2 parameters (SAS {@code TYPE=UN}, nlme {@code corSymm} with
         * {@code varIdent}). */
        UNSTRUCTURED,
        /** {@code s^2 rho^|a - b|} over visit indices (SAS {@code TYPE=AR(1)}, nlme {@code corAR1}). */
        AR1,
        /** {@code s^2} on the diagonal, {@code rho s^2} off it (SAS {@code TYPE=CS}, nlme {@code corCompSymm}). */
        COMPOUND_SYMMETRY
    }

    /** The small-sample inference for the contrast. */
    public enum DegreesOfFreedom {
        /** The model-based variance {@code (X'V^{-1}X)^{-1}} and Satterthwaite's df from the observed REML
         * information (SAS {@code DDFM=SATTERTHWAITE}). */
        SATTERTHWAITE,
        /** Kenward and Roger's adjusted variance and df (Biometrics 1997;53:983-997; SAS {@code DDFM=KR}):
         * see {@link KenwardRoger}. */
        KENWARD_ROGER
    }

    private static final MmrmTest DEFAULT = new MmrmTest(Alternative.TWO_SIDED, Covariance.UNSTRUCTURED,
            DegreesOfFreedom.SATTERTHWAITE, 0);

    private final Alternative alternative;
    private final Covariance covariance;
    private final DegreesOfFreedom degreesOfFreedom;
    /** The difference at the contrast's visit under the null hypothesis: 0, or a margin. */
    private final double nullDifference;

    private MmrmTest(Alternative alternative, Covariance covariance, DegreesOfFreedom degreesOfFreedom,
            double nullDifference) {
        if (!Double.isFinite(nullDifference)) {
            throw new IllegalArgumentException("null difference must be finite, found " + nullDifference);
        }
        this.alternative = alternative;
        this.covariance = covariance;
        this.degreesOfFreedom = degreesOfFreedom;
        this.nullDifference = nullDifference;
    }

    /** @return the two-sided test with an unstructured covariance */
    public static MmrmTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param v the alternative; {@code LESS}: lower mean change in the treatment arm
     * @return this test with that alternative
     */
    public MmrmTest with(Alternative v) {
        return new MmrmTest(v, covariance, degreesOfFreedom, nullDifference);
    }

    /**
     * A shifted null, for non-inferiority or superiority by a margin on the difference at the contrast's visit:
     * {@code t = (delta_v - margin) / se(delta_v)} with the same degrees of freedom (the REML fit
     * does not depend on the null: shifting the treatment arm's responses at visit v by the margin is a shift
     * within the span of the fixed effects, so it moves {@code delta_v} by the margin and nothing else, which is
     * how the test is checked against {@code nlme::gls}). The estimate stays {@code delta_v}.
     *
     * @param margin the difference, treatment minus control, under the null hypothesis
     * @return this test against that null
     */
    public MmrmTest withNullDifference(double margin) {
        return new MmrmTest(alternative, covariance, degreesOfFreedom, margin);
    }

    /**
     * @param v the covariance structure
     * @return this test with that structure
     */
    public MmrmTest with(Covariance v) {
        return new MmrmTest(alternative, v, degreesOfFreedom, nullDifference);
    }

    /**
     * @param v the small-sample method: Satterthwaite (the default) or Kenward-Roger
     * @return this test with that method
     */
    public MmrmTest with(DegreesOfFreedom v) {
        return new MmrmTest(alternative, covariance, v, nullDifference);
    }

    /** @return the small-sample method */
    public DegreesOfFreedom degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** @return the covariance structure */
    public Covariance covariance() {
        return covariance;
    }

    /**
     * Fits the model and tests the treatment difference at visit {@code at}, into a new result.
     *
     * @param change change from baseline, {@code change[i * visits + a]} for visit a (0-based) of patient i
     * @param baseline baseline score per patient
     * @param treatment whether the patient is in the treatment arm
     * @param observed visits observed per patient, 0..visits: the first {@code observed[i]} visits
     * @param size number of patients (first {@code size} entries)
     * @param visits number of post-baseline visits
     * @param at the visit of the contrast, 0-based
     * @return the result
     */
    public Result test(double[] change, double[] baseline, boolean[] treatment, int[] observed, int size,
            int visits, int at) {
        return test(change, baseline, treatment, observed, size, visits, at, new Result());
    }

    /**
     * Fits the model and tests the treatment difference at visit {@code at} into {@code into}, allocating
     * nothing once {@code into} has fitted a model with this number of visits and structure.
     *
     * @param change change from baseline, {@code change[i * visits + a]} for visit a (0-based) of patient i
     * @param baseline baseline score per patient
     * @param treatment whether the patient is in the treatment arm
     * @param observed visits observed per patient, 0..visits: the first {@code observed[i]} visits
     * @param size number of patients (first {@code size} entries)
     * @param visits number of post-baseline visits (at least 2 for AR(1) and compound symmetry)
     * @param at the visit of the contrast, 0-based
     * @param into the result to fill
     * @return {@code into}
     * @throws IllegalArgumentException if {@code at} is not a visit or a structure needs more visits
     */
    public Result test(double[] change, double[] baseline, boolean[] treatment, int[] observed, int size,
            int visits, int at, Result into) {
        if (at < 0 || at >= visits) {
            throw new IllegalArgumentException("contrast visit " + at + " is not one of the " + visits + " visits");
        }
        if (visits < 2 && covariance != Covariance.UNSTRUCTURED) {
            throw new IllegalArgumentException(covariance + " needs at least 2 visits, got " + visits);
        }
        final MmrmFit fit = into.fit;
        fit.reset(visits, covariance);
        fit.gather(change, baseline, treatment, observed, size);
        final boolean converged = fit.fit();
        final int j = visits + at;
        double df = Double.NaN;
        double variance = Double.NaN;
        if (converged && degreesOfFreedom == DegreesOfFreedom.KENWARD_ROGER) {
            final KenwardRoger kr = into.kenwardRoger();
            if (kr.compute(fit, j)) {
                df = kr.degreesOfFreedom();
                variance = kr.variance();
            }
        } else if (converged) {
            df = fit.satterthwaite(j);
            variance = fit.coefficientVariance(j);
        }
        final boolean defined = converged && df > 0 && variance > 0;
        into.visits = visits;
        if (defined) {
            into.standardError = Math.sqrt(variance);
            into.degreesOfFreedom = df;
            final double t = (fit.coefficient(j) - nullDifference) / into.standardError;
            into.set(t, TailProbability.studentT(t, df, alternative), fit.coefficient(j), true);
        } else {
            into.standardError = 0;
            into.degreesOfFreedom = 0;
            into.set(0, 1, converged ? fit.coefficient(j) : 0, false);
        }
        return into;
    }

    /**
     * The result of an MMRM: the t of the treatment difference at the chosen visit, its p-value, the
     * difference, its standard error and degrees of freedom (Satterthwaite or Kenward-Roger), and the fit (coefficients, their
     * standard errors, the covariance, the REML log-likelihood, Newton steps, convergence). Holds the fit's
     * work buffers.
     */
    public static final class Result extends TestResult {
        private final MmrmFit fit = new MmrmFit();
        private KenwardRoger kenwardRoger;
        private int visits;
        private double standardError;
        private double degreesOfFreedom;

        /** An empty result. */
        public Result() {
            // filled by MmrmTest
        }

        private KenwardRoger kenwardRoger() {
            if (kenwardRoger == null) {
                kenwardRoger = new KenwardRoger();
            }
            return kenwardRoger;
        }

        /** @return the standard error of the difference (0 when undefined): Kenward and Roger's adjusted one
         * when the test uses their method */
        public double standardError() {
            return standardError;
        }

        /** @return the degrees of freedom of the difference, Satterthwaite's or Kenward and Roger's as the
         * test was configured (0 when undefined) */
        public double degreesOfFreedom() {
            return degreesOfFreedom;
        }

        /** @return whether the REML fit converged */
        public boolean converged() {
            return fit.converged();
        }

        /** @return Newton steps taken by the last fit */
        public int iterations() {
            return fit.iterations();
        }

        /** @return the REML log-likelihood of the last converged fit, as {@code nlme::gls} reports it */
        public double logLikelihood() {
            return fit.logLikelihood();
        }

        /**
         * @param j index in {@code (mu_1..mu_T, delta_1..delta_T, gamma)}: control mean per visit at baseline
         *     0, treatment difference per visit, baseline slope
         * @return the coefficient's estimate
         */
        public double coefficient(int j) {
            return fit.coefficient(checked(j));
        }

        /**
         * @param j coefficient index, as in {@link #coefficient(int)}
         * @return its model-based standard error
         */
        public double coefficientStandardError(int j) {
            return Math.sqrt(fit.coefficientVariance(checked(j)));
        }

        /**
         * @param j coefficient index, as in {@link #coefficient(int)}
         * @return Satterthwaite's degrees of freedom of that coefficient
         */
        public double satterthwaite(int j) {
            return fit.satterthwaite(checked(j));
        }

        /**
         * @param a visit, 0-based
         * @param b visit, 0-based
         * @return the estimated within-patient covariance of the two visits
         */
        public double covariance(int a, int b) {
            return fit.covariance(a, b);
        }

        private int checked(int j) {
            if (j < 0 || j >= 2 * visits + 1) {
                throw new IndexOutOfBoundsException("coefficient " + j + " of " + (2 * visits + 1));
            }
            return j;
        }
    }
}
