package org.trialsim.scenario;

/**
 * The statistical test applied to an endpoint in every simulated trial.
 *
 * @param test the test
 * @param nullValue the null response rate p0 of single-arm binomial and Simon tests; {@code NaN} otherwise
 * @param simon the two-stage design of a {@link Test#SIMON} analysis, else {@code null}
 * @param predictive the design of a {@link Test#PREDICTIVE_PROBABILITY} analysis, else {@code null}
 * @param bayesian the rule of a Bayesian two-arm analysis ({@link Test#bayesian()}), else {@code null}
 * @param margin the effect under a shifted null hypothesis (non-inferiority, or superiority by a margin), on the
 *     test's scale ({@link Test#marginScale()}): the test rejects when the treatment does better than the
 *     margin; {@code NaN} for the ordinary null of no effect
 */
public record Analysis(Test test, double nullValue, SimonDesign simon, PredictiveDesign predictive,
        BayesianRule bayesian, double margin) {

    /** An analysis against the null of no effect (no margin). */
    public Analysis(Test test, double nullValue, SimonDesign simon, PredictiveDesign predictive,
            BayesianRule bayesian) {
        this(test, nullValue, simon, predictive, bayesian, Double.NaN);
    }

    /** Whether the analysis tests a shifted null ({@link #margin()} given). */
    public boolean hasMargin() {
        return !Double.isNaN(margin);
    }

    /**
     * The scale on which a test takes a margin: the effect it estimates, whose value of no effect is
     * {@link #noEffect()}, and which direction favours the treatment.
     */
    public enum MarginScale {
        /** Risk difference, treatment minus control (higher favours treatment). */
        RISK_DIFFERENCE("a risk difference", 0, true),
        /** Risk ratio, treatment to control (higher favours treatment). */
        RISK_RATIO("a risk ratio", 1, true),
        /** Odds ratio, treatment to control (higher favours treatment). */
        ODDS_RATIO("an odds ratio", 1, true),
        /** Difference in means, treatment minus control (the kind says which direction favours treatment). */
        MEAN_DIFFERENCE("a mean difference", 0, true),
        /** Hazard ratio, treatment to control (lower favours treatment: events are harmful). */
        HAZARD_RATIO("a hazard ratio", 1, false);

        private final String noun;
        private final double noEffect;
        private final boolean higherBetter;

        MarginScale(String noun, double noEffect, boolean higherBetter) {
            this.noun = noun;
            this.noEffect = noEffect;
            this.higherBetter = higherBetter;
        }

        /** @return what the margin is, for messages ("a risk difference") */
        public String noun() {
            return noun;
        }

        /** @return the value of no effect: 0 for differences, 1 for ratios */
        public double noEffect() {
            return noEffect;
        }

        /** @return whether the scale is a ratio (margins must be positive) */
        public boolean ratio() {
            return noEffect == 1;
        }

        /** @return whether values above {@link #noEffect()} favour the treatment (before a kind's lower-is-better) */
        public boolean higherBetter() {
            return higherBetter;
        }
    }

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
        /**
         * Farrington and Manning's score test of the risk difference against a margin (Stat Med 1990;9:1447-1454),
         * for non-inferiority or superiority by a margin.
         */
        FARRINGTON_MANNING(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** Farrington and Manning's score test of the risk ratio against a margin. */
        FARRINGTON_MANNING_RATIO(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /** The logistic score test of the odds ratio against a margin (Miettinen and Nurminen 1985). */
        SCORE_ODDS_RATIO(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
        /**
         * The risk difference with outcomes missing at random given arm and stratum, by inverse probability
         * weighting (the post-stratified proportions; Wald z): the estimator of a binary endpoint's hypothetical
         * strategy, whose outcomes after the intercurrent event are missing.
         */
        IPW_RISK_DIFFERENCE(Endpoint.Type.BINARY, Comparison.TWO_GROUP),
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
        MMRM_CS(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** {@link #MMRM} with Kenward and Roger's adjusted standard error and df (Biometrics 1997;53:983-997). */
        MMRM_KR(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** {@link #MMRM_AR1} with Kenward and Roger's adjusted standard error and df. */
        MMRM_AR1_KR(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /** {@link #MMRM_CS} with Kenward and Roger's adjusted standard error and df. */
        MMRM_CS_KR(Endpoint.Type.CONTINUOUS, Comparison.TWO_GROUP),
        /**
         * Bayesian rule on minus the log ratio of the arms' event rates (events over person-time at risk),
         * independent gamma priors per arm (gamma-Poisson): success if {@code P(-log(lambdaT/lambdaC) > d) > c}.
         */
        BAYESIAN_EVENT_RATE(Endpoint.Type.TIME_TO_EVENT, Comparison.TWO_GROUP);

        private final Endpoint.Type type;
        private final Comparison comparison;

        Test(Endpoint.Type type, Comparison comparison) {
            this.type = type;
            this.comparison = comparison;
        }

        /**
         * The scale on which this test takes a margin, or {@code null} if it takes none: the three binary score
         * tests (which need one), the t-tests, the ANCOVA and the MMRMs (a mean difference, adjusted, at the
         * endpoint's visit for an MMRM) and the log-rank tests (a hazard ratio, by the
         * Cox score test at the margin).
         */
        public MarginScale marginScale() {
            return switch (this) {
                case FARRINGTON_MANNING -> MarginScale.RISK_DIFFERENCE;
                case FARRINGTON_MANNING_RATIO -> MarginScale.RISK_RATIO;
                case SCORE_ODDS_RATIO -> MarginScale.ODDS_RATIO;
                case T_TEST, WELCH, ANCOVA, MMRM, MMRM_AR1, MMRM_CS -> MarginScale.MEAN_DIFFERENCE;
                case LOG_RANK, STRATIFIED_LOG_RANK -> MarginScale.HAZARD_RATIO;
                default -> null;
            };
        }

        /** Whether this test needs a margin (the binary score tests are for margins only). */
        public boolean needsMargin() {
            return this == FARRINGTON_MANNING || this == FARRINGTON_MANNING_RATIO || this == SCORE_ODDS_RATIO;
        }

        /** Whether this test analyses repeated measures at visits (an MMRM), not one value per patient. */
        public boolean repeatedMeasures() {
            return this == MMRM || this == MMRM_AR1 || this == MMRM_CS || kenwardRoger();
        }

        /** Whether this is an MMRM with Kenward and Roger's small-sample inference (else Satterthwaite's). */
        public boolean kenwardRoger() {
            return this == MMRM_KR || this == MMRM_AR1_KR || this == MMRM_CS_KR;
        }

        /** The endpoint data type this test analyses. */
        public Endpoint.Type type() {
            return type;
        }

        /** Whether this test compares two groups or one arm with {@code p0}. */
        public Comparison comparison() {
            return comparison;
        }

        /**
         * Whether this Bayesian rule has a prior per arm ({@code prior: {treatment, control}}: beta priors on
         * response rates, gamma priors on event rates) rather than one normal prior on the effect.
         */
        public boolean priorPerArm() {
            return this == BAYESIAN_BINARY || this == BAYESIAN_EVENT_RATE;
        }

        /** Whether this is a Bayesian rule on posterior probabilities rather than a test with a p-value. */
        public boolean bayesian() {
            return this == BAYESIAN_BINARY || this == BAYESIAN_CONTINUOUS || this == BAYESIAN_TIME_TO_EVENT
                    || this == BAYESIAN_EVENT_RATE;
        }

        /** Whether this test analyses one arm against {@code p0} (the endpoint then has no control arm). */
        public boolean singleArm() {
            return comparison == Comparison.SINGLE_ARM;
        }
    }
}
