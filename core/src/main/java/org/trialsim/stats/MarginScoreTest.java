package org.trialsim.stats;

/**
 * Score tests of two independent proportions against a shifted null: the risk difference, risk ratio or odds
 * ratio of treatment to control equal to a margin, for non-inferiority (a margin on the harmful side of no
 * effect) and superiority by a margin. Each is the score test of its effect measure, with the variance
 * evaluated at the maximum-likelihood estimates of the two rates restricted to the null:
 * <ul>
 * <li>{@link Scale#RISK_DIFFERENCE}, {@code H0: p_T - p_C = delta}: Farrington and Manning's test
 * (Farrington CP, Manning G. Stat Med 1990;9:1447-1454, eq. 2, with the restricted estimates of their
 * appendix, the closed-form root of a cubic given by Miettinen and Nurminen, Stat Med 1985;4:213-226):
 * {@code z = (p_T - p_C - delta) / sqrt(~p_T ~q_T / n_T + ~p_C ~q_C / n_C)};</li>
 * <li>{@link Scale#RISK_RATIO}, {@code H0: p_T / p_C = phi}: Farrington and Manning's ratio test (eq. 5, the
 * restricted estimates the root of a quadratic): {@code z = (p_T - phi p_C) / sqrt(~p_T ~q_T / n_T +
 * phi^2 ~p_C ~q_C / n_C)};</li>
 * <li>{@link Scale#ODDS_RATIO}, {@code H0: odds_T / odds_C = psi}: the score test of the log odds ratio in the
 * logistic model (Miettinen and Nurminen 1985, section 3, without their variance factor {@code N / (N - 1)}):
 * {@code z = (x_T - n_T ~p_T) / sqrt(1 / (1 / (n_T ~p_T ~q_T) + 1 / (n_C ~p_C ~q_C)))}, the restricted
 * estimates the root in [0, 1] of a quadratic.</li>
 * </ul>
 * Each is R's Rao score test of the treatment coefficient in {@code glm(cbind(x, n - x) ~ offset(trt * m),
 * family = binomial(link))} with the identity, log or logit link and {@code m} the margin on that link's scale
 * ({@code anova(..., test = "Rao")}), which is how {@code MarginScoreTestTest}'s references were computed
 * ({@code core/src/test/r/margin-tests.R}). At a margin of no effect (0, or 1 for the ratios) each is the pooled
 * two-proportion z-test.
 *
 * <p>The statistic is signed as in the rest of this package, positive when the treatment does better than the
 * margin; {@link Alternative#GREATER} is the non-inferiority (or superiority-by-margin) alternative and its
 * p-value is {@code 1 - Phi(z)}. The estimate is the observed effect on the test's scale. Undefined (z = 0,
 * p-value 1): an empty arm, or a restricted variance of 0 (no successes in either arm for the ratios, or every
 * patient a success or none for the odds ratio).
 *
 * <p>Use: {@code MarginScoreTest.withDefaults().with(Scale.RISK_DIFFERENCE, -0.1).with(Alternative.GREATER)
 * .test(xT, nT, xC, nC)}, or {@code test(xT, nT, xC, nC, result)} with a reused {@link TestResult}, which
 * allocates nothing. Instances are immutable and thread-safe.
 */
public final class MarginScoreTest {

    /** The effect measure of the null hypothesis. */
    public enum Scale {
        /** {@code p_T - p_C}; no effect is 0. */
        RISK_DIFFERENCE,
        /** {@code p_T / p_C}; no effect is 1. */
        RISK_RATIO,
        /** {@code (p_T / q_T) / (p_C / q_C)}; no effect is 1. */
        ODDS_RATIO;

        /** @return the value of no effect on this scale (0 for the difference, 1 for the ratios) */
        public double noEffect() {
            return this == RISK_DIFFERENCE ? 0 : 1;
        }
    }

    private static final MarginScoreTest DEFAULT = new MarginScoreTest(Scale.RISK_DIFFERENCE, 0, Alternative.GREATER);

    private final Scale scale;
    private final double margin;
    private final Alternative alternative;

    private MarginScoreTest(Scale scale, double margin, Alternative alternative) {
        if (scale == Scale.RISK_DIFFERENCE ? !(margin > -1 && margin < 1) : !(margin > 0 && margin < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("margin " + margin + " outside the range of " + scale
                    + (scale == Scale.RISK_DIFFERENCE ? " (-1, 1)" : " (0, infinity)"));
        }
        this.scale = scale;
        this.margin = margin;
        this.alternative = alternative;
    }

    /** @return the one-sided test of a risk difference of 0 (the pooled z-test) */
    public static MarginScoreTest withDefaults() {
        return DEFAULT;
    }

    /**
     * @param s the effect measure
     * @param nullValue the margin: the effect under the null hypothesis on scale {@code s}
     * @return this test against that null
     */
    public MarginScoreTest with(Scale s, double nullValue) {
        return new MarginScoreTest(s, nullValue, alternative);
    }

    /**
     * @param v the alternative; {@code GREATER}: treatment better than the margin
     * @return this test with that alternative
     */
    public MarginScoreTest with(Alternative v) {
        return new MarginScoreTest(scale, margin, v);
    }

    /** Tests the table, into a new result. */
    public TestResult test(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        return test(eventsTreatment, nTreatment, eventsControl, nControl, new TestResult());
    }

    /**
     * Tests the table into {@code into}, allocating nothing.
     *
     * @param eventsTreatment successes in the treatment arm
     * @param nTreatment patients in the treatment arm
     * @param eventsControl successes in the control arm
     * @param nControl patients in the control arm
     * @param into the result to fill
     * @return {@code into}
     * @throws IllegalArgumentException if a count is negative or exceeds its arm size
     */
    public TestResult test(int eventsTreatment, int nTreatment, int eventsControl, int nControl, TestResult into) {
        Counts.check(eventsTreatment, nTreatment, eventsControl, nControl);
        if (nTreatment == 0 || nControl == 0) {
            into.set(0, 1, 0, false);
            return into;
        }
        double z = switch (scale) {
            case RISK_DIFFERENCE -> difference(eventsTreatment, nTreatment, eventsControl, nControl);
            case RISK_RATIO -> ratio(eventsTreatment, nTreatment, eventsControl, nControl);
            case ODDS_RATIO -> oddsRatio(eventsTreatment, nTreatment, eventsControl, nControl);
        };
        boolean defined = Double.isFinite(z);
        double pT = (double) eventsTreatment / nTreatment;
        double pC = (double) eventsControl / nControl;
        double estimate = switch (scale) {
            case RISK_DIFFERENCE -> pT - pC;
            case RISK_RATIO -> pT / pC;
            case ODDS_RATIO -> (double) eventsTreatment * (nControl - eventsControl)
                    / ((double) (nTreatment - eventsTreatment) * eventsControl);
        };
        into.set(defined ? z : 0, defined ? TailProbability.normal(z, alternative) : 1, estimate, defined);
        return into;
    }

    /** Farrington and Manning's z for the difference; NaN when the restricted variance is 0. */
    private double difference(int x1, int n1, int x2, int n2) {
        final double p1 = (double) x1 / n1;
        final double p2 = (double) x2 / n2;
        final double d = margin;
        final double theta = (double) n2 / n1;
        final double a = 1 + theta;
        final double b = -(1 + theta + p1 + theta * p2 + d * (theta + 2));
        final double c = d * d + d * (2 * p1 + theta + 1) + p1 + theta * p2;
        final double e = -p1 * d * (1 + d);
        final double v = b * b * b / (27 * a * a * a) - b * c / (6 * a * a) + e / (2 * a);
        final double s = b * b / (9 * a * a) - c / (3 * a);
        final double u = Math.copySign(Math.sqrt(Math.max(0, s)), v);
        double r1;
        if (u == 0) {
            r1 = -b / (3 * a);
        } else {
            final double w = (Math.PI + Math.acos(Math.max(-1, Math.min(1, v / (u * u * u))))) / 3;
            r1 = 2 * u * Math.cos(w) - b / (3 * a);
        }
        r1 = Math.max(Math.max(0, d), Math.min(Math.min(1, 1 + d), r1));
        final double r2 = r1 - d;
        final double variance = r1 * (1 - r1) / n1 + r2 * (1 - r2) / n2;
        return variance > 0 ? (p1 - p2 - d) / Math.sqrt(variance) : Double.NaN;
    }

    /** Farrington and Manning's z for the ratio; NaN when the restricted variance is 0. */
    private double ratio(int x1, int n1, int x2, int n2) {
        final double phi = margin;
        final double a = (double) (n1 + n2) * phi;
        final double b = -(n1 * phi + x1 + n2 + x2 * phi);
        final double c = x1 + x2;
        final double disc = Math.max(0, b * b - 4 * a * c);
        final double r2 = (-b - Math.sqrt(disc)) / (2 * a);
        final double r1 = phi * r2;
        final double variance = r1 * (1 - r1) / n1 + phi * phi * r2 * (1 - r2) / n2;
        return variance > 0 ? ((double) x1 / n1 - phi * x2 / n2) / Math.sqrt(variance) : Double.NaN;
    }

    /** The logistic score z at log odds ratio log(psi); NaN when the restricted variance is 0. */
    private double oddsRatio(int x1, int n1, int x2, int n2) {
        final double psi = margin;
        final double m = x1 + x2;
        double r2;
        if (psi == 1) {
            r2 = m / (n1 + n2);
        } else {
            // n1 psi r / (1 + r (psi - 1)) + n2 r = m, a quadratic in r = ~p_C; its root in [0, 1]
            final double a = n2 * (psi - 1);
            final double b = n1 * psi + n2 - m * (psi - 1);
            final double c = -m;
            final double q = -0.5 * (b + Math.copySign(Math.sqrt(Math.max(0, b * b - 4 * a * c)), b));
            final double root1 = q / a;
            final double root2 = q == 0 ? 0 : c / q;
            r2 = root1 >= 0 && root1 <= 1 ? root1 : root2;
        }
        r2 = Math.max(0, Math.min(1, r2));
        final double r1 = psi * r2 / (1 + r2 * (psi - 1));
        final double vT = n1 * r1 * (1 - r1);
        final double vC = n2 * r2 * (1 - r2);
        if (!(vT > 0 && vC > 0)) {
            return Double.NaN;
        }
        final double variance = 1 / (1 / vT + 1 / vC);
        return (x1 - n1 * r1) / Math.sqrt(variance);
    }
}
