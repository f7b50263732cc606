package org.trialsim.multiarm;

/**
 * A Monte Carlo estimate with its standard error: a proportion's {@code sqrt(p (1 - p) / R)} or a mean's
 * {@code sqrt(s^2 / R)} with the sample variance s^2 from the integer sums.
 *
 * @param estimate the estimate
 * @param mcse its Monte Carlo standard error
 */
public record Estimate(double estimate, double mcse) {

    static Estimate proportion(long count, long replicates) {
        double p = (double) count / replicates;
        return new Estimate(p, Math.sqrt(p * (1 - p) / replicates));
    }

    static Estimate mean(long sum, long sumSquares, long replicates) {
        double m = (double) sum / replicates;
        double var = replicates > 1 ? ((double) sumSquares - (double) sum * sum / replicates) / (replicates - 1) : 0;
        return new Estimate(m, Math.sqrt(Math.max(0, var) / replicates));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.4f (%.4f)", estimate, mcse);
    }
}
