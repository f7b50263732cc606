package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MonteCarloErrorTest {

    @Test
    void proportionHasBinomialErrorAndWilsonInterval() {
        Estimate e = MonteCarloError.proportion(800, 1000);
        assertEquals(0.8, e.estimate(), 0);
        assertEquals(Math.sqrt(0.8 * 0.2 / 1000), e.mcSe(), 1e-15);
        // Wilson score interval by its closed form (Wilson 1927) with z = qnorm(0.975).
        double z = 1.959963984540054;
        double n = 1000;
        double centre = (0.8 + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(0.8 * 0.2 / n + z * z / (4 * n * n));
        assertEquals(centre - half, e.ciLower(), 1e-12);
        assertEquals(centre + half, e.ciUpper(), 1e-12);
        assertEquals(1000, e.replicates());
    }

    @Test
    void zeroEventsStillGetAnInformativeUpperBound() {
        Estimate e = MonteCarloError.proportion(0, 10_000);
        assertEquals(0, e.mcSe(), 0);
        // Wilson upper bound for 0/n is z^2 / (n + z^2).
        double z2 = 1.959963984540054 * 1.959963984540054;
        assertEquals(z2 / (10_000 + z2), e.ciUpper(), 1e-12);
    }

    @Test
    void meanOfIntegersFromExactSums() {
        long[] x = {60, 60, 120, 120, 120, 60, 120, 120};
        long sum = 0;
        long sq = 0;
        for (long v : x) {
            sum += v;
            sq += v * v;
        }
        Estimate e = MonteCarloError.mean(sum, sq, x.length);
        double mean = 97.5; // 780 / 8
        double var = 0;
        for (long v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length - 1;
        assertEquals(mean, e.estimate(), 0);
        assertEquals(Math.sqrt(var / x.length), e.mcSe(), 1e-12);
        assertEquals(mean - 1.959963984540054 * e.mcSe(), e.ciLower(), 1e-9);
    }

    @Test
    void largeSumsDoNotCancel() {
        // 10^6 replicates of n = 10^5 +- 1: variance 1 despite sums near 10^16.
        long r = 1_000_000;
        long sum = r * 100_000;
        long sq = (r / 2) * (99_999L * 99_999L) + (r / 2) * (100_001L * 100_001L);
        Estimate e = MonteCarloError.mean(sum, sq, r);
        assertEquals(Math.sqrt((double) r / (r - 1) / r), e.mcSe(), 1e-12);
    }
}
