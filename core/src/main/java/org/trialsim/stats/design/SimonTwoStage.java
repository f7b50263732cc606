package org.trialsim.stats.design;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * A two-stage single-arm phase II design for a binary response: enrol {@code n1} patients and stop for
 * futility if at most {@code r1} respond; otherwise enrol up to {@code n} in total and reject the null
 * hypothesis {@code p <= p0} (declare the treatment promising) if more than {@code r} respond in total.
 *
 * <p>Operating characteristics are exact sums over the binomial distributions of the two stages (Simon R.
 * Optimal two-stage designs for phase II clinical trials. Control Clin Trials 1989;10:1-10, section 2):
 * <pre>
 *   PET(p)    = B(r1; n1, p)
 *   P_rej(p)  = sum_{x1 = r1+1}^{n1} b(x1; n1, p) * [1 - B(r - x1; n - n1, p)]
 *   EN(p)     = n1 + (1 - PET(p)) * (n - n1)
 * </pre>
 * where b and B are the binomial probability and distribution functions. The per-trial decision
 * ({@link #stopsEarly(int)}, {@link #rejects(int, int)}) is allocation-free.
 *
 * @param n1 stage-1 sample size, at least 1
 * @param r1 stage-1 futility bound: stop if at most r1 of n1 respond ({@code -1 <= r1 < n1}; -1 never stops)
 * @param n total sample size, larger than n1
 * @param r final bound: reject the null if more than r of n respond ({@code r1 <= r < n})
 */
public record SimonTwoStage(int n1, int r1, int n, int r) {

    /** Validates the design. */
    public SimonTwoStage {
        if (n1 < 1 || n <= n1) {
            throw new IllegalArgumentException("Simon design needs 1 <= n1 < n, found n1=" + n1 + ", n=" + n);
        }
        if (r1 < -1 || r1 >= n1) {
            throw new IllegalArgumentException("Simon design needs -1 <= r1 < n1, found r1=" + r1 + ", n1=" + n1);
        }
        if (r < r1 || r >= n) {
            throw new IllegalArgumentException("Simon design needs r1 <= r < n, found r=" + r + ", r1=" + r1
                    + ", n=" + n);
        }
    }

    /**
     * Whether a trial with {@code stage1Responses} responses among the first n1 patients stops for futility.
     *
     * @param stage1Responses responses among the first n1 patients
     * @return true if the trial stops after stage 1
     */
    public boolean stopsEarly(int stage1Responses) {
        return stage1Responses <= r1;
    }

    /**
     * The decision of one trial.
     *
     * @param stage1Responses responses among the first n1 patients
     * @param totalResponses responses among all n patients (ignored when the trial stops early)
     * @return true if the null hypothesis is rejected
     */
    public boolean rejects(int stage1Responses, int totalResponses) {
        return stage1Responses > r1 && totalResponses > r;
    }

    /**
     * Probability of early termination, {@code P(X1 <= r1)} with {@code X1 ~ Bin(n1, p)}.
     *
     * @param p true response probability
     * @return PET(p)
     */
    public double probabilityEarlyTermination(double p) {
        checkProbability(p);
        return r1 < 0 ? 0 : BinomialDistribution.of(n1, p).cumulativeProbability(r1);
    }

    /**
     * Probability of rejecting the null hypothesis (declaring the treatment promising) at response rate p.
     *
     * @param p true response probability
     * @return P(reject | p): the type I error at p0, the power at p1
     */
    public double rejectionProbability(double p) {
        checkProbability(p);
        final BinomialDistribution stage1 = BinomialDistribution.of(n1, p);
        final BinomialDistribution stage2 = BinomialDistribution.of(n - n1, p);
        double sum = 0;
        for (int x1 = n1; x1 > r1; x1--) {
            final int needed = r - x1;
            final double pass = needed < 0 ? 1 : stage2.survivalProbability(needed);
            sum += stage1.probability(x1) * pass;
        }
        return sum;
    }

    /**
     * Expected sample size {@code n1 + (1 - PET(p)) (n - n1)}.
     *
     * @param p true response probability
     * @return EN(p)
     */
    public double expectedSampleSize(double p) {
        return n1 + (1 - probabilityEarlyTermination(p)) * (n - n1);
    }

    /**
     * All operating characteristics at one response probability.
     *
     * @param p true response probability
     * @return PET, rejection probability and expected sample size at p
     */
    public OperatingCharacteristics operatingCharacteristics(double p) {
        return new OperatingCharacteristics(p, probabilityEarlyTermination(p), rejectionProbability(p),
                expectedSampleSize(p));
    }

    /** Simon's notation r1/n1, r/n. */
    @Override
    public String toString() {
        return r1 + "/" + n1 + ", " + r + "/" + n;
    }

    private static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("response probability must be in [0, 1], found " + p);
        }
    }

    /**
     * Exact operating characteristics of a two-stage design at one response probability.
     *
     * @param p the response probability
     * @param probabilityEarlyTermination P(stop after stage 1)
     * @param rejectionProbability P(reject the null)
     * @param expectedSampleSize expected number of patients enrolled
     */
    public record OperatingCharacteristics(double p, double probabilityEarlyTermination, double rejectionProbability,
            double expectedSampleSize) {
    }
}
