package org.trialsim.stats.bayes;

/**
 * A beta prior {@code Beta(a, b)} on a response rate. Its effective sample size is {@code a + b}: the prior
 * weighs as much as {@code a + b} patients of whom {@code a} responded (Morita S, Thall PF, Müller P.
 * Determining the effective sample size of a parametric prior. Biometrics 2008;64:595-602, section 3, for the
 * beta prior). Lee and Liu's worked example uses {@code Beta(0.6, 0.4)}: mean 0.6, effective sample size 1.
 *
 * @param a the first shape (prior responses), positive and finite
 * @param b the second shape (prior non-responses), positive and finite
 */
public record BetaPrior(double a, double b) {

    /** Validates the shapes. */
    public BetaPrior {
        if (!(a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b))) {
            throw new IllegalArgumentException("a beta prior needs positive finite shapes, found a=" + a + ", b=" + b);
        }
    }

    /**
     * The prior with mean {@code mean} worth {@code ess} patients: {@code Beta(mean ess, (1 - mean) ess)}.
     *
     * @param mean the prior mean response rate, in (0, 1)
     * @param ess the effective sample size, positive
     * @return the prior
     */
    public static BetaPrior ofMean(double mean, double ess) {
        if (!(mean > 0 && mean < 1) || !(ess > 0 && Double.isFinite(ess))) {
            throw new IllegalArgumentException("a beta prior by mean and effective sample size needs 0 < mean < 1 "
                    + "and ess > 0, found mean=" + mean + ", ess=" + ess);
        }
        return new BetaPrior(mean * ess, (1 - mean) * ess);
    }

    /** The effective sample size {@code a + b}. */
    public double effectiveSampleSize() {
        return a + b;
    }

    /** The prior mean {@code a / (a + b)}. */
    public double mean() {
        return a / (a + b);
    }

    /**
     * The posterior after {@code x} responses among {@code n} patients: {@code Beta(a + x, b + n - x)}.
     *
     * @param x responses, {@code 0 <= x <= n}
     * @param n patients
     * @return the posterior
     */
    public BetaPrior posterior(int x, int n) {
        if (x < 0 || x > n) {
            throw new IllegalArgumentException("responses must be in [0, n], found x=" + x + ", n=" + n);
        }
        return new BetaPrior(a + x, b + n - x);
    }
}
