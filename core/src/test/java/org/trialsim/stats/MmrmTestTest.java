package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** MMRM behaviour beyond the R references ({@link MmrmTestAgainstRTest}): edge cases, sign, invariances. */
class MmrmTestTest {

    private static MmrmTestAgainstRTest.Data data(int dataset) throws IOException {
        return MmrmTestAgainstRTest.read(dataset);
    }

    @Test
    void withoutDropoutAndWithOneVisitItIsAncova() throws IOException {
        // one visit, everyone observed: the unstructured MMRM is the ANCOVA of that visit, and its
        // Satterthwaite df are n - 3 exactly (the variance estimate is a scaled chi-square)
        final MmrmTestAgainstRTest.Data d = data(3);
        final int n = d.size();
        final double[] first = new double[n];
        final int[] one = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = d.change()[i * d.visits()];
            one[i] = 1;
        }
        final MmrmTest.Result m = MmrmTest.withDefaults().with(Alternative.LESS).test(first, d.baseline(),
            d.treatment(), one, n, 1, 0);
        final AncovaTest.Result a = AncovaTest.withDefaults().with(Alternative.LESS).test(first, d.baseline(),
            d.treatment(), n);
        assertTrue(m.defined());
        Close.assertRelative(a.estimate(), m.estimate(), 1e-10, "effect");
        Close.assertRelative(a.standardError(), m.standardError(), 1e-8, "SE (REML variance = residual mean square)");
        Close.assertRelative(n - 3, m.degreesOfFreedom(), 1e-5, "df");
        Close.assertRelative(a.pValue(), m.pValue(), 1e-6, "p-value");
    }

    @Test
    void alternativesAndSignFollowThePackageConvention() throws IOException {
        final MmrmTestAgainstRTest.Data d = data(2);
        final MmrmTest.Result two = MmrmTest.withDefaults().test(d.change(), d.baseline(), d.treatment(),
            d.observed(), d.size(), d.visits(), 3);
        final MmrmTest.Result less = MmrmTest.withDefaults().with(Alternative.LESS).test(d.change(), d.baseline(),
            d.treatment(), d.observed(), d.size(), d.visits(), 3);
        assertTrue(two.estimate() < 0, "the treatment arm improves more in data set 2");
        assertEquals(two.pValue(), 2 * less.pValue(), 1e-12);
        assertEquals(TailProbability.studentT(two.statistic(), two.degreesOfFreedom(), Alternative.TWO_SIDED),
            two.pValue(), 0);
    }

    @Test
    void shiftingTheBaselineChangesOnlyTheIntercepts() throws IOException {
        final MmrmTestAgainstRTest.Data d = data(4);
        final double[] shifted = d.baseline().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] -= 30;
        }
        final MmrmTest test = MmrmTest.withDefaults();
        final MmrmTest.Result a = test.test(d.change(), d.baseline(), d.treatment(), d.observed(), d.size(),
            d.visits(), 5);
        final MmrmTest.Result b = test.test(d.change(), shifted, d.treatment(), d.observed(), d.size(), d.visits(), 5);
        Close.assertRelative(a.estimate(), b.estimate(), 1e-8, "difference");
        Close.assertRelative(a.degreesOfFreedom(), b.degreesOfFreedom(), 1e-5, "df");
        Close.assertRelative(a.logLikelihood(), b.logLikelihood(), 1e-10, "log-likelihood");
        Close.assertRelative(a.coefficient(0) + 30 * a.coefficient(12), b.coefficient(0), 1e-8, "intercept");
    }

    @Test
    void unfittableDataGiveAnUndefinedResultNotAnException() {
        final int n = 10;
        final double[] change = new double[n * 3];
        final double[] baseline = new double[n];
        final boolean[] treatment = new boolean[n];
        final int[] observed = new int[n];
        final Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            treatment[i] = i % 2 == 0;
            baseline[i] = random.nextGaussian();
            observed[i] = treatment[i] ? 2 : 3; // nobody in the treatment arm reaches visit 3
            for (int v = 0; v < 3; v++) {
                change[i * 3 + v] = random.nextGaussian();
            }
        }
        final MmrmTest.Result r = MmrmTest.withDefaults().test(change, baseline, treatment, observed, n, 3, 2);
        assertFalse(r.defined());
        assertFalse(r.converged());
        assertEquals(1, r.pValue());
        assertEquals(0, r.statistic());
        // too few patients for the coefficients
        assertFalse(MmrmTest.withDefaults().test(change, baseline, treatment, observed, 2, 3, 0).defined());
        assertThrows(IllegalArgumentException.class,
            () -> MmrmTest.withDefaults().test(change, baseline, treatment, observed, n, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> MmrmTest.withDefaults()
            .with(MmrmTest.Covariance.AR1).test(change, baseline, treatment, observed, n, 1, 0));
    }

    @Test
    void smallMatrixAgreesWithCommonsMath() {
        final Random random = new Random(8);
        final int n = 7;
        final double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        final RealMatrix bm = MatrixUtils.createRealMatrix(b);
        final RealMatrix spd = bm.multiply(bm.transpose()).add(MatrixUtils.createRealIdentityMatrix(n));
        final double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                flat[i * n + j] = spd.getEntry(i, j);
            }
        }
        assertTrue(SmallMatrix.cholesky(flat, n, n));
        final CholeskyDecomposition reference = new CholeskyDecomposition(spd);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(reference.getL().getEntry(i, j), flat[i * n + j], 1e-12);
            }
        }
        assertEquals(Math.log(reference.getDeterminant()), SmallMatrix.logDeterminant(flat, n, n), 1e-11);
        final double[] inverse = new double[n * n];
        SmallMatrix.inverseFromCholesky(flat, n, n, new double[n * n], inverse);
        final RealMatrix referenceInverse = reference.getSolver().getInverse();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(referenceInverse.getEntry(i, j), inverse[i * n + j], 1e-12);
            }
        }
        final double[] rhs = {1, 2, 3, 4, 5, 6, 7};
        final double[] x = rhs.clone();
        SmallMatrix.solve(flat, n, n, x);
        final double[] expected = reference.getSolver().solve(MatrixUtils.createRealVector(rhs)).toArray();
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], x[i], 1e-12);
        }
        final double[] singular = {1, 1, 1, 1};
        assertFalse(SmallMatrix.cholesky(singular, 2, 2));
    }
}
