package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Exact operating characteristics of the binary tests, computed here by enumerating every outcome
 * {@code (x_C, x_T)} (or {@code x} for one arm) with its binomial probability and applying this package's
 * test to it, compared with the values of the project's validation set
 * ({@code shared/validation/reference-cases.csv}, cases a01, a06, a09, b01, b05, c01, c04, computed
 * independently by exact enumeration and recorded there with 10 significant digits; copied here, the build
 * does not read that file). Enumeration has no Monte Carlo error, so the tolerance 1e-9 only covers the
 * rounding of the recorded figures.
 */
class ReferenceCasesTest {

    private static final double TOLERANCE = 1e-9;

    /** Probability that the test rejects, summed over all outcomes. */
    private interface Rejects {
        boolean test(int xTreatment, int xControl);
    }

    private static double power(int nT, double pT, int nC, double pC, Rejects rejects) {
        final BinomialDistribution t = BinomialDistribution.of(nT, pT);
        final BinomialDistribution c = BinomialDistribution.of(nC, pC);
        double power = 0;
        for (int xc = 0; xc <= nC; xc++) {
            for (int xt = 0; xt <= nT; xt++) {
                if (rejects.test(xt, xc)) {
                    power += c.probability(xc) * t.probability(xt);
                }
            }
        }
        return power;
    }

    /** Chi-square without correction, reject if X2 >= qchisq(0.95, 1); undefined statistic never rejects. */
    private static double chiSquarePower(int nT, double pT, int nC, double pC) {
        final double critical = ChiSquaredDistribution.of(1).inverseSurvivalProbability(0.05);
        return power(nT, pT, nC, pC, (xt, xc) -> Close.square(TwoProportionZTest.withDefaults().test(xt, nT, xc, nC).statistic()) >= critical);
    }

    @Test
    void a01ChiSquarePower() {
        assertEquals(0.5308455127, chiSquarePower(20, 0.5, 20, 0.2), TOLERANCE);
    }

    @Test
    void a06ChiSquareTypeIError() {
        assertEquals(0.05477032798, chiSquarePower(15, 0.3, 15, 0.3), TOLERANCE);
    }

    @Test
    void a09ChiSquareUnequalArms() {
        assertEquals(0.8172911828, chiSquarePower(60, 0.5, 30, 0.2), TOLERANCE);
    }

    @Test
    void chiSquarePValueDecisionAgreesWithCriticalValue() {
        // The same a01 power through the p-value (reject if p <= 0.05): the two routes must agree exactly
        // except at an outcome whose statistic equals the critical value to rounding, which does not occur here.
        assertEquals(0.5308455127, power(20, 0.5, 20, 0.2,
            (xt, xc) -> TwoProportionZTest.withDefaults().with(Alternative.TWO_SIDED).test(xt, 20, xc, 20).pValue() <= 0.05), TOLERANCE);
    }

    @Test
    void b01FisherPower() {
        assertEquals(0.409456898, power(20, 0.5, 20, 0.2,
            (xt, xc) -> FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(xt, 20, xc, 20).pValue() <= 0.05), TOLERANCE);
    }

    @Test
    void b05FisherTypeIError() {
        assertEquals(0.02480461481, power(20, 0.3, 20, 0.3,
            (xt, xc) -> FisherExactTest.withDefaults().with(Alternative.TWO_SIDED).test(xt, 20, xc, 20).pValue() <= 0.05), TOLERANCE);
    }

    private static double binomialPower(int n, double p0, double pTrue) {
        final ExactBinomialTest test = ExactBinomialTest.withDefaults().withNullProportion(p0).with(Alternative.GREATER);
        final ExactBinomialTest.Result result = new ExactBinomialTest.Result();
        final BinomialDistribution truth = BinomialDistribution.of(n, pTrue);
        double power = 0;
        for (int k = 0; k <= n; k++) {
            if (test.test(k, n, result).pValue() <= 0.05) {
                power += truth.probability(k);
            }
        }
        return power;
    }

    @Test
    void c01ExactBinomialPower() {
        final ExactBinomialTest test = ExactBinomialTest.withDefaults().withNullProportion(0.5);
        assertEquals(15, test.criticalValue(20, 0.05));
        assertEquals(0.02069473267, test.attainedSize(20, 15), TOLERANCE);
        assertEquals(0.4163708294, binomialPower(20, 0.5, 0.7), TOLERANCE);
    }

    @Test
    void c04ExactBinomialTypeIError() {
        assertEquals(0.02069473267, binomialPower(20, 0.5, 0.5), TOLERANCE);
    }

    @Test
    void criticalValueIsTheSmallestSignificantCount() {
        for (int size = 0; size <= 60; size++) {
            final int n = size;
            for (double p0 : new double[] {0.05, 0.2, 0.5, 0.73}) {
                final ExactBinomialTest test = ExactBinomialTest.withDefaults().withNullProportion(p0)
                    .with(Alternative.GREATER);
                final int c = test.criticalValue(n, 0.025);
                for (int k = 0; k <= n; k++) {
                    final boolean significant = test.test(k, n).pValue() <= 0.025;
                    assertEquals(k >= c, significant, () -> "n=" + n + " p0=" + p0 + " c=" + c);
                }
            }
        }
    }
}
