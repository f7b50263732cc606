package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Under the null hypothesis with normal data the pooled t-test and the ANCOVA t-test have exactly
 * uniform p-values (their statistics are exactly t-distributed), so simulated p-values test the whole
 * chain (sums, statistic, degrees of freedom, t tail) for calibration.
 *
 * <p>Many-test check in the style of commons-rng: 20 independent batches of 2000 p-values, each tested
 * for uniformity by a chi-square goodness-of-fit test over 10 equal bins at the 1% level. A correct
 * implementation makes each batch reject with probability 0.01, so the number of rejecting batches is
 * Binomial(20, 0.01); the test fails when 4 or more reject, which happens by chance with probability
 * 4.3e-5. Small samples (7 and 6 residual df) make the check sensitive: the normal tail in place of the
 * t tail (13 and 20 of 20 batches), or a statistic 10% too large (13 and 17 of 20), makes most batches
 * reject (mutations tried by hand); an error of a few
 * degrees of freedom is too small to see here and is left to the exact comparisons with R.
 * Fixed seed: the outcome is reproducible.
 */
class NullCalibrationTest {

    private static final int BATCHES = 20;
    private static final int PER_BATCH = 2000;
    private static final int BINS = 10;
    private static final int MAX_REJECTING_BATCHES = 3;
    private static final double CRITICAL = ChiSquaredDistribution.of(BINS - 1).inverseSurvivalProbability(0.01);

    /** A simulated p-value. */
    private interface NullPValue {
        double next(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gaussian);
    }

    private static void assertUniform(String what, long seed, NullPValue source) {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        final ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        int rejecting = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            final long[] counts = new long[BINS];
            for (int i = 0; i < PER_BATCH; i++) {
                final double p = source.next(rng, gaussian);
                counts[Math.min(BINS - 1, (int) (p * BINS))]++;
            }
            double chi = 0;
            final double expected = (double) PER_BATCH / BINS;
            for (long c : counts) {
                chi += (c - expected) * (c - expected) / expected;
            }
            if (chi > CRITICAL) {
                rejecting++;
            }
        }
        final int r = rejecting;
        assertTrue(r <= MAX_REJECTING_BATCHES, () -> what + ": " + r + " of " + BATCHES + " batches reject uniformity at 1%");
    }

    @Test
    void pooledTTestPValuesAreUniform() {
        final TwoSampleTTest test = TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC)
            .with(Alternative.GREATER);
        final TwoSampleTTest.Result result = new TwoSampleTTest.Result();
        final double[] y = new double[9];
        final boolean[] g = new boolean[9];
        for (int i = 0; i < 4; i++) {
            g[i] = true;
        }
        assertUniform("pooled t", 11, (rng, gaussian) -> {
            for (int i = 0; i < y.length; i++) {
                y[i] = 5 + 3 * gaussian.sample();
            }
            return test.test(y, g, y.length, result).pValue();
        });
    }

    @Test
    void ancovaPValuesAreUniform() {
        final AncovaTest test = AncovaTest.withDefaults();
        final AncovaTest.Result result = new AncovaTest.Result();
        final double[] y = new double[9];
        final double[] x = new double[9];
        final boolean[] g = new boolean[9];
        for (int i = 0; i < 4; i++) {
            g[i] = true;
        }
        assertUniform("ANCOVA", 12, (rng, gaussian) -> {
            for (int i = 0; i < y.length; i++) {
                x[i] = 30 + 5 * gaussian.sample() + (g[i] ? 2 : 0);
                y[i] = -10 + 0.4 * x[i] + 6 * gaussian.sample();
            }
            return test.test(y, x, g, y.length, result).pValue();
        });
    }
}
