package org.trialsim.process;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Exact power references computed independently of trialsim's tests, for the processes' end-to-end tests. */
public final class ExactPower {

    private ExactPower() {
    }

    /**
     * Power of the two-sided pooled two-proportion z test (Pearson chi-square without continuity correction) at
     * level {@code alpha} with n per arm: the probability of every pair of binomial counts (commons-statistics)
     * whose statistic, computed here, rejects; a table with no events or no non-events never rejects.
     */
    public static double chiSquare(double p1, double p2, int n, double alpha) {
        BinomialDistribution b1 = BinomialDistribution.of(n, p1);
        BinomialDistribution b2 = BinomialDistribution.of(n, p2);
        NormalDistribution z = NormalDistribution.of(0, 1);
        double power = 0;
        for (int x1 = 0; x1 <= n; x1++) {
            for (int x2 = 0; x2 <= n; x2++) {
                double pooled = (x1 + x2) / (2.0 * n);
                if (pooled == 0 || pooled == 1) {
                    continue;
                }
                double stat = (x1 - x2) / (double) n / Math.sqrt(pooled * (1 - pooled) * 2.0 / n);
                if (2 * z.survivalProbability(Math.abs(stat)) <= alpha) {
                    power += b1.probability(x1) * b2.probability(x2);
                }
            }
        }
        return power;
    }
}
