package org.trialsim.stats.design;

import java.util.Optional;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Exhaustive search for Simon's optimal and minimax two-stage designs (Simon R. Optimal two-stage designs for
 * phase II clinical trials. Control Clin Trials 1989;10:1-10).
 *
 * <p>A design (n1, r1, n, r) is admissible when {@code P(reject | p0) <= alpha} and
 * {@code P(reject | p1) >= 1 - beta}. The <em>minimax</em> design has the smallest total n, and among those
 * the smallest expected sample size under p0 (EN0); the <em>optimal</em> design has the smallest EN0 among all
 * admissible designs with {@code n <= nMax} (ties broken by smaller n, then smaller n1).
 *
 * <p>The search enumerates (n1, r1, n) and, for each, takes the smallest r whose type I error is at most
 * alpha: both error rates decrease in r and EN0 does not depend on r, so that r is the only candidate. It
 * prunes by EN0, which for fixed (n1, r1) increases with n, and by the power ceiling P(X1 > r1 | p1).
 * Binomial probabilities are tabulated once from commons-statistics.
 */
public final class SimonDesignSearch {

    /** Largest total sample size searched when looking for the minimax design. */
    public static final int HARD_MAX_N = 500;

    private final double p0;
    private final double p1;
    private final double alpha;
    private final double beta;
    private final BinomialTables null0;
    private final BinomialTables alt1;

    /**
     * Prepares a search.
     *
     * @param p0 response rate under the null hypothesis (uninteresting)
     * @param p1 response rate under the alternative (promising), larger than p0
     * @param alpha maximal type I error, in (0, 1)
     * @param beta maximal type II error (1 - power), in (0, 1)
     */
    public SimonDesignSearch(double p0, double p1, double alpha, double beta) {
        if (!(p0 > 0 && p0 < 1)) {
            throw new IllegalArgumentException("p0 must be in (0, 1), found " + p0);
        }
        if (!(p1 > p0 && p1 < 1)) {
            throw new IllegalArgumentException("p1 must be in (p0, 1) = (" + p0 + ", 1), found " + p1);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), found " + alpha);
        }
        if (!(beta > 0 && beta < 1 - alpha)) {
            throw new IllegalArgumentException("beta must be in (0, 1 - alpha), found " + beta);
        }
        this.p0 = p0;
        this.p1 = p1;
        this.alpha = alpha;
        this.beta = beta;
        this.null0 = new BinomialTables(p0, HARD_MAX_N);
        this.alt1 = new BinomialTables(p1, HARD_MAX_N);
    }

    /**
     * The minimax design: smallest n, then smallest EN0.
     *
     * @return the design, or empty if none has {@code n <= }{@value #HARD_MAX_N}
     */
    public Optional<SimonTwoStage> minimax() {
        for (int n = Math.max(2, smallestFeasibleN()); n <= HARD_MAX_N; n++) {
            SimonTwoStage best = null;
            double bestEn0 = Double.POSITIVE_INFINITY;
            for (int n1 = 1; n1 < n; n1++) {
                for (int r1 = 0; r1 < n1 && powerCeilingReached(n1, r1); r1++) {
                    final double en0 = expectedSampleSize0(n1, r1, n);
                    if (en0 >= bestEn0) {
                        continue;
                    }
                    final int r = smallestAdmissibleR(n1, r1, n);
                    if (r >= 0) {
                        best = new SimonTwoStage(n1, r1, n, r);
                        bestEn0 = en0;
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /**
     * The optimal design with the default upper limit on n: {@code max(100, 2 * n_minimax)}.
     *
     * @return the design, or empty if no admissible design exists within the limit
     */
    public Optional<SimonTwoStage> optimal() {
        final Optional<SimonTwoStage> minimax = minimax();
        return minimax.isEmpty() ? minimax : optimal(Math.min(HARD_MAX_N, Math.max(100, 2 * minimax.get().n())));
    }

    /**
     * The optimal design: smallest EN0 among admissible designs with {@code n <= nMax}.
     *
     * @param nMax largest total sample size considered, at most {@value #HARD_MAX_N}
     * @return the design, or empty if no admissible design exists within the limit
     */
    public Optional<SimonTwoStage> optimal(int nMax) {
        if (nMax < 2 || nMax > HARD_MAX_N) {
            throw new IllegalArgumentException("nMax must be in [2, " + HARD_MAX_N + "], found " + nMax);
        }
        final int feasible = smallestFeasibleN(); // no admissible design has fewer patients
        if (feasible > nMax) {
            return Optional.empty();
        }
        SimonTwoStage best = null;
        double bestEn0 = Double.POSITIVE_INFINITY;
        for (int n1 = 1; n1 < nMax && n1 <= bestEn0; n1++) {
            for (int r1 = 0; r1 < n1 && powerCeilingReached(n1, r1); r1++) {
                for (int n = Math.max(n1 + 1, feasible); n <= nMax; n++) {
                    final double en0 = expectedSampleSize0(n1, r1, n);
                    if (en0 > bestEn0) {
                        break; // EN0 increases with n for fixed (n1, r1)
                    }
                    final int r = smallestAdmissibleR(n1, r1, n);
                    if (r < 0) {
                        continue;
                    }
                    if (en0 < bestEn0 || n < best.n() || (n == best.n() && n1 < best.n1())) {
                        best = new SimonTwoStage(n1, r1, n, r);
                        bestEn0 = en0;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A lower bound on the total sample size of any admissible design, from the Neyman-Pearson lemma: a
     * two-stage design of at most n patients is a test of H0: p = p0 against p = p1 on n Bernoulli
     * observations (it ignores those it does not enrol), so its power is at most that of the most powerful
     * level-alpha test on n, the randomized test on the number of responses; and that power does not fall as n
     * grows. So no admissible design has fewer patients than the smallest n at which the most powerful test
     * reaches 1 - beta, and none at all exists within {@value #HARD_MAX_N} if it does not reach it there: the
     * search is then answered at once (it took 20-30 s for p0 = 0.2, p1 = 0.21 before).
     *
     * @return the smallest n in [1, {@value #HARD_MAX_N}] at which the most powerful test reaches 1 - beta (less
     *     a rounding margin of 1e-9, so that no admissible design is skipped), or {@code HARD_MAX_N + 1}
     */
    public int smallestFeasibleN() {
        for (int n = 1; n <= HARD_MAX_N; n++) {
            if (mostPowerful(n) >= 1 - beta - 1e-9) {
                return n;
            }
        }
        return HARD_MAX_N + 1;
    }

    /** The power at p1 of the most powerful level-alpha test of p0 on n observations (randomized at its cut). */
    private double mostPowerful(int n) {
        int c = -1; // smallest c with P0(X > c) <= alpha
        while (null0.survival(n, c) > alpha) {
            c++;
        }
        if (c < 0) {
            return 1; // alpha >= 1: not reached, alpha < 1 is checked
        }
        // an underflowed probability at the cut counts as randomizing wholly: the bound only grows
        final double atCut = null0.pmf(n, c);
        final double randomized = atCut > 0 ? Math.min(1, (alpha - null0.survival(n, c)) / atCut) : 1;
        return alt1.survival(n, c) + randomized * alt1.pmf(n, c);
    }

    /**
     * Power can never exceed P(X1 > r1 | p1), the chance of passing stage 1; once that is below 1 - beta, no
     * n helps, nor does any larger r1.
     */
    private boolean powerCeilingReached(int n1, int r1) {
        return alt1.survival(n1, r1) >= 1 - beta;
    }

    private double expectedSampleSize0(int n1, int r1, int n) {
        return n1 + (1 - null0.cdf(n1, r1)) * (n - n1);
    }

    /**
     * The smallest r in [r1, n) with type I error at most alpha, if its power reaches 1 - beta; else -1.
     */
    private int smallestAdmissibleR(int n1, int r1, int n) {
        int lo = r1;
        int hi = n - 1;
        if (rejection(null0, n1, r1, n, hi) > alpha) {
            return -1;
        }
        // invariant: rejection(hi) <= alpha; find the smallest such r by bisection (monotone decreasing in r)
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (rejection(null0, n1, r1, n, mid) <= alpha) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return rejection(alt1, n1, r1, n, hi) >= 1 - beta ? hi : -1;
    }

    private static double rejection(BinomialTables t, int n1, int r1, int n, int r) {
        final int n2 = n - n1;
        double sum = 0;
        for (int x1 = n1; x1 > r1; x1--) {
            sum += t.pmf(n1, x1) * t.survival(n2, r - x1);
        }
        return sum;
    }

    /** The null response rate. @return p0 */
    public double p0() {
        return p0;
    }

    /** The alternative response rate. @return p1 */
    public double p1() {
        return p1;
    }

    /** The type I error bound. @return alpha */
    public double alpha() {
        return alpha;
    }

    /** The type II error bound. @return beta */
    public double beta() {
        return beta;
    }

    /**
     * Binomial probabilities b(x; m, p) and upper tails P(X > k), tabulated per m on first use (a search
     * touches only the m up to its largest n).
     */
    private static final class BinomialTables {
        private final double p;
        private final double[][] pmf;
        private final double[][] survival;

        BinomialTables(double p, int maxTrials) {
            this.p = p;
            pmf = new double[maxTrials + 1][];
            survival = new double[maxTrials + 1][];
        }

        private void tabulate(int m) {
            final BinomialDistribution d = BinomialDistribution.of(m, p);
            final double[] f = new double[m + 1];
            final double[] s = new double[m + 1];
            double tail = 0;
            for (int x = m; x >= 0; x--) {
                f[x] = d.probability(x);
                s[x] = tail; // P(X > x), summed from the top so that small tails keep their precision
                tail += f[x];
            }
            pmf[m] = f;
            survival[m] = s;
        }

        double pmf(int m, int x) {
            if (pmf[m] == null) {
                tabulate(m);
            }
            return pmf[m][x];
        }

        /** P(X > k) for X ~ Bin(m, p); 1 for k &lt; 0. */
        double survival(int m, int k) {
            if (k < 0) {
                return 1;
            }
            if (k >= m) {
                return 0;
            }
            if (survival[m] == null) {
                tabulate(m);
            }
            return survival[m][k];
        }

        /** P(X &lt;= k). */
        double cdf(int m, int k) {
            return 1 - survival(m, k);
        }
    }
}
