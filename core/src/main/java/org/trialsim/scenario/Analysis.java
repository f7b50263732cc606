package org.trialsim.scenario;

/**
 * The statistical test applied to an endpoint in every simulated trial.
 *
 * @param test the test
 * @param nullValue the null response rate p0 of single-arm binomial and Simon tests; {@code NaN} otherwise
 * @param simon the two-stage design of a {@link Test#SIMON} analysis, else {@code null}
 */
public record Analysis(Test test, double nullValue, SimonDesign simon) {

    /** The tests trialsim can apply. */
    public enum Test {
        /** Pearson chi-square without continuity correction (pooled two-proportion z when one-sided). */
        CHI_SQUARE(Endpoint.Type.BINARY),
        /** Pearson chi-square with Yates' continuity correction. */
        CHI_SQUARE_CORRECTED(Endpoint.Type.BINARY),
        /** Fisher's exact test (two-sided as R's fisher.test). */
        FISHER(Endpoint.Type.BINARY),
        /** Cochran-Mantel-Haenszel test across strata. */
        CMH(Endpoint.Type.BINARY),
        /** Exact one-sample binomial test against p0 (single arm). */
        BINOMIAL_EXACT(Endpoint.Type.BINARY),
        /** Simon two-stage single-arm design. */
        SIMON(Endpoint.Type.BINARY),
        /** Log-rank test. */
        LOG_RANK(Endpoint.Type.TIME_TO_EVENT),
        /** Log-rank test stratified by the scenario's strata. */
        STRATIFIED_LOG_RANK(Endpoint.Type.TIME_TO_EVENT),
        /** Two-sample t-test with pooled variance. */
        T_TEST(Endpoint.Type.CONTINUOUS),
        /** Welch's unequal-variance t-test. */
        WELCH(Endpoint.Type.CONTINUOUS),
        /** ANCOVA of the change adjusted for baseline MADRS. */
        ANCOVA(Endpoint.Type.CONTINUOUS);

        private final Endpoint.Type type;

        Test(Endpoint.Type type) {
            this.type = type;
        }

        /** The endpoint data type this test analyses. */
        public Endpoint.Type type() {
            return type;
        }
    }
}
