package org.trialsim.scenario;

/**
 * The statistical test applied to an endpoint in every simulated trial.
 *
 * @param test the test
 * @param nullValue the null response rate p0 of single-arm binomial and Simon tests; {@code NaN} otherwise
 * @param simon the two-stage design of a {@link Test#SIMON} analysis, else {@code null}
 * @param predictive the design of a {@link Test#PREDICTIVE_PROBABILITY} analysis, else {@code null}
 * @param bayesian the rule of a Bayesian two-arm analysis ({@link Test#bayesian()}), else {@code null}
 */
public record Analysis(Test test, double nullValue, SimonDesign simon, PredictiveDesign predictive,
        BayesianRule bayesian) {

    /** An analysis without a predictive-probability design or Bayesian rule. */
    public Analysis(Test test, double nullValue, SimonDesign simon) {
        this(test, nullValue, simon, null, null);
    }

    /** An analysis without a Bayesian rule. */
    public Analysis(Test test, double nullValue, SimonDesign simon, PredictiveDesign predictive) {
        this(test, nullValue, simon, predictive, null);
    }

    /** Whether a test compares two groups or one arm with a fixed rate. */
    public enum Comparison {
        /** One arm against a null value ({@code p0}); the endpoint has no control arm. */
        SINGLE_ARM,
        /** The treatment arm against a control arm. */
        TWO_GROUP
    }

    /**
     * The tests trialsim can apply: each names the data it analyses and whether it is single-arm, stated here
     * once for the scenario reader and the power engine alike. How a test is computed is registered in
     * {@code org.trialsim.power.Analyses} (one entry per constant; see "Recipe: adding a test" in
     * docs/architecture.md).
     */
    public enum Test {
        /** Pearson chi-square without continuity correction (pooled two-proportion z when one-sided). */
        CHI_SQUARE(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** Pearson chi-square with Yates' continuity correction. */
        CHI_SQUARE_CORRECTED(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** Fisher's exact test (two-sided as R's fisher.test). */
        FISHER(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** Wald test of the risk difference, unpooled variance (the test that inverts the Wald interval). */
        WALD_RISK_DIFFERENCE(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** Cochran-Mantel-Haenszel test across strata. */
        CMH(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** Exact one-sample binomial test against p0 (single arm). */
        BINOMIAL_EXACT(Endpoint.Type.BINARY, Comparison.SINGLE_ARM),
        /** Simon two-stage single-arm design. */
        SIMON(Endpoint.Type.BINARY, Comparison.SINGLE_ARM),
        /** Log-rank test. */
        LOG_RANK(Endpoint.Type.TIME_TO_EVENT, Comparison.TWO_GROUP),
        /** Log-rank test stratified by the scenario's strata. */
        STRATIFIED_LOG_RANK(Endpoint.Type.TIME_TO_EVENT, Comparison.TWO_GROUP),
        /** Two-sample t-test with pooled variance. */
        T_TEST(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** Welch's unequal-variance t-test. */
        WELCH(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** ANCOVA of the change adjusted for baseline MADRS. */
        ANCOVA(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /**
         * Single-arm design with Bayesian predictive-probability monitoring (Lee and Liu, Clin Trials
         * 2008;5:93-106).
         */
        PREDICTIVE_PROBABILITY(Endpoint.Type.BINARY, Comparison.SINGLE_ARM),
        /**
         * Bayesian rule on the difference in response rates, independent beta priors (beta-binomial):
         * success if {@code P(pT - pC > d) > c}.
         */
        BAYESIAN_BINARY(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** Bayesian rule on the difference in means, normal prior and likelihood. */
        BAYESIAN_CONTINUOUS(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** Bayesian rule on minus the log hazard ratio, normal prior and likelihood (log-rank score). */
        BAYESIAN_TIME_TO_EVENT(Endpoint.Type.TIME_TO_EVENT, Comparison.TWO_GROUP),
        /** Mixed model for repeated measures of the change at every visit up to the endpoint's, unstructured
         * covariance, REML, Satterthwaite df (kinds with visits only). */
        MMRM(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** MMRM with an AR(1) covariance. */
        MMRM_AR1(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** MMRM with a compound-symmetry covariance. */
        MMRM_CS(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP);

        private final Endpoint.Type type;
        private final Comparison comparison;

        Test(Endpoint.Type type, Comparison comparison) {
            this.type = type;
            this.comparison = comparison;
        }

        /** Whether this test analyses repeated measures at visits (an MMRM), not one value per patient. */
        public boolean repeatedMeasures() {
            return this == MMRM || this == MMRM_AR1 || this == MMRM_CS;
        }

        /** The endpoint data type this test analyses. */
        public Endpoint.Type type() {
            return type;
        }

        /** Whether this test compares two groups or one arm with {@code p0}. */
        public Comparison comparison() {
            return comparison;
        }

        /** Whether this is a Bayesian rule on posterior probabilities rather than a test with a p-value. */
        public boolean bayesian() {
            return this == BAYESIAN_BINARY || this == BAYESIAN_CONTINUOUS || this == BAYESIAN_TIME_TO_EVENT;
        }

        /** Whether this test analyses one arm against {@code p0} (the endpoint then has no control arm). */
        public boolean singleArm() {
            return comparison == Comparison.SINGLE_ARM;
        }
    }
}
