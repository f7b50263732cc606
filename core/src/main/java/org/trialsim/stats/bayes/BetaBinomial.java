package org.trialsim.stats.bayes;

import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The beta-binomial model of a response rate: the posterior probability that the rate exceeds a value, and
 * the predictive distribution of the responses among patients still to come (Lee JJ, Liu DD. A predictive
 * probability design for phase II cancer clinical trials. Clin Trials 2008;5:93-106, section 2).
 *
 * <p>With prior {@code Beta(a, b)} and {@code x} responses among {@code n} patients the posterior is
 * {@code Beta(a + x, b + n - x)}; the number {@code Y} of responses among {@code m} further patients is
 * beta-binomial: {@code P(Y = i) = C(m, i) B(a + x + i, b + n - x + m - i) / B(a + x, b + n - x)}, computed
 * in logarithms as {@code log B(a + x + i, b + n - x + m - i) - log B(a + x, b + n - x) - log(m + 1)
 * - log B(i + 1, m - i + 1)} (the binomial coefficient is {@code 1 / ((m + 1) B(i + 1, m - i + 1))}).
 */
public final class BetaBinomial {

    private BetaBinomial() {
    }

    /**
     * The posterior probability {@code P(p > p0 | x, n)} under prior {@code prior}.
     *
     * @param prior the prior
     * @param x responses
     * @param n patients
     * @param p0 the reference rate, in [0, 1]
     * @return {@code 1 - I_{p0}(a + x, b + n - x)}
     */
    public static double posteriorProbabilityAbove(BetaPrior prior, int x, int n, double p0) {
        BetaPrior post = prior.posterior(x, n);
        return BetaDistribution.of(post.a(), post.b()).survivalProbability(p0);
    }

    /**
     * The predictive probability {@code P(Y = i)} of {@code i} responses among {@code m} future patients given
     * {@code x} of {@code n} so far.
     *
     * @param prior the prior
     * @param x responses so far
     * @param n patients so far
     * @param m future patients
     * @param i future responses, {@code 0 <= i <= m}
     * @return the beta-binomial probability
     */
    public static double predictive(BetaPrior prior, int x, int n, int m, int i) {
        BetaPrior post = prior.posterior(x, n);
        return predictive(post.a(), post.b(), m, i);
    }

    static double predictive(double a, double b, int m, int i) {
        if (i < 0 || i > m) {
            return 0;
        }
        double log = LogBeta.value(a + i, b + m - i) - LogBeta.value(a, b) - Math.log(m + 1.0)
                - LogBeta.value(i + 1.0, m - i + 1.0);
        return Math.exp(log);
    }

    /**
     * The predictive probability that at least {@code k} of {@code m} future patients respond given {@code x}
     * of {@code n} so far: the beta-binomial upper tail, summed from the smaller side.
     *
     * @param prior the prior
     * @param x responses so far
     * @param n patients so far
     * @param m future patients
     * @param k the least number of future responses
     * @return {@code P(Y >= k)}
     */
    public static double predictiveAtLeast(BetaPrior prior, int x, int n, int m, int k) {
        if (k <= 0) {
            return 1;
        }
        if (k > m) {
            return 0;
        }
        BetaPrior post = prior.posterior(x, n);
        double sum = 0;
        if (k > m / 2) {
            for (int i = m; i >= k; i--) {
                sum += predictive(post.a(), post.b(), m, i);
            }
            return Math.min(1, sum);
        }
        for (int i = 0; i < k; i++) {
            sum += predictive(post.a(), post.b(), m, i);
        }
        return Math.max(0, 1 - sum);
    }
}
