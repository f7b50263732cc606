package org.trialsim.power;

/**
 * The performance of an estimator over the replicates of a simulation study, each figure with its Monte Carlo
 * standard error, by the formulas of Morris TP, White IR, Crowther MJ. Using simulation studies to evaluate
 * statistical methods. Stat Med 2019;38:2074-2102, Table 6, with R replicates, estimates theta_i, their mean
 * theta-bar and the estimand theta:
 * <ul>
 * <li>bias = theta-bar - theta, MCSE sqrt(sum (theta_i - theta-bar)^2 / (R (R - 1)));</li>
 * <li>empirical SE = sqrt(sum (theta_i - theta-bar)^2 / (R - 1)), MCSE empSE / sqrt(2 (R - 1));</li>
 * <li>MSE = sum (theta_i - theta)^2 / R, MCSE sqrt(sum ((theta_i - theta)^2 - MSE)^2 / (R (R - 1))); the root
 * MSE is reported, with the MCSE of the MSE carried by the delta method, MCSE(MSE) / (2 RMSE);</li>
 * <li>coverage = the share of intervals containing theta, MCSE sqrt(coverage (1 - coverage) / R).</li>
 * </ul>
 * Here theta, the true estimand, is itself the mean of the replicates' full-information values theta*_i (each
 * replicate's estimand as defined, computed on its data with nothing lost), with MCSE sd(theta*) / sqrt(R).
 *
 * @param replicates R, the replicates with a finite estimate and true value (coverage: those of them with an
 *     interval, as the test's statistic defines one; an estimate exactly at the null has none)
 * @param trueValue theta, the mean of the full-information values
 * @param trueValueMcse its Monte Carlo standard error
 * @param mean theta-bar, the estimator's mean
 * @param bias theta-bar - theta
 * @param biasMcse its MCSE
 * @param empiricalSe the estimator's empirical standard error
 * @param empiricalSeMcse its MCSE
 * @param rmse the root mean squared error about theta
 * @param rmseMcse its MCSE
 * @param coverage the coverage of the 95% interval
 * @param coverageMcse its MCSE
 */
public record EstimatorPerformance(int replicates, double trueValue, double trueValueMcse, double mean, double bias,
        double biasMcse, double empiricalSe, double empiricalSeMcse, double rmse, double rmseMcse, double coverage,
        double coverageMcse) {

    /**
     * The performance from per-replicate figures; replicates whose estimate or true value is not finite are left
     * out of every figure, and those without an interval (NaN ends) out of the coverage only, so that leaving out
     * an estimate at its null value (where the test's statistic, hence its interval, is undefined) does not bias
     * the mean.
     *
     * @param estimate theta_i
     * @param lower the lower ends of the 95% intervals
     * @param upper the upper ends
     * @param truth theta*_i, the full-information values
     * @param count how many of the arrays' entries are replicates
     */
    public static EstimatorPerformance of(double[] estimate, double[] lower, double[] upper, double[] truth,
            int count) {
        int r = 0;
        double sumEstimate = 0;
        double sumTruth = 0;
        for (int i = 0; i < count; i++) {
            if (usable(estimate, lower, upper, truth, i)) {
                r++;
                sumEstimate += estimate[i];
                sumTruth += truth[i];
            }
        }
        if (r < 2) {
            return new EstimatorPerformance(r, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sumEstimate / r;
        double theta = sumTruth / r;
        double ssEstimate = 0;
        double ssTruth = 0;
        double sumSquaredError = 0;
        int covered = 0;
        int intervals = 0;
        for (int i = 0; i < count; i++) {
            if (usable(estimate, lower, upper, truth, i)) {
                ssEstimate += (estimate[i] - mean) * (estimate[i] - mean);
                ssTruth += (truth[i] - theta) * (truth[i] - theta);
                sumSquaredError += (estimate[i] - theta) * (estimate[i] - theta);
                boolean interval = !Double.isNaN(lower[i]) && !Double.isNaN(upper[i]);
                intervals += interval ? 1 : 0;
                covered += interval && lower[i] <= theta && theta <= upper[i] ? 1 : 0;
            }
        }
        double mse = sumSquaredError / r;
        double ssMse = 0;
        for (int i = 0; i < count; i++) {
            if (usable(estimate, lower, upper, truth, i)) {
                double d = (estimate[i] - theta) * (estimate[i] - theta) - mse;
                ssMse += d * d;
            }
        }
        double empiricalSe = Math.sqrt(ssEstimate / (r - 1));
        double rmse = Math.sqrt(mse);
        double mseMcse = Math.sqrt(ssMse / ((double) r * (r - 1)));
        double coverage = intervals == 0 ? Double.NaN : (double) covered / intervals;
        return new EstimatorPerformance(r, theta, Math.sqrt(ssTruth / (r - 1) / r), mean, mean - theta,
                Math.sqrt(ssEstimate / ((double) r * (r - 1))), empiricalSe, empiricalSe / Math.sqrt(2.0 * (r - 1)),
                rmse, rmse > 0 ? mseMcse / (2 * rmse) : 0, coverage, Math.sqrt(coverage * (1 - coverage) / intervals));
    }

    private static boolean usable(double[] estimate, double[] lower, double[] upper, double[] truth, int i) {
        return Double.isFinite(estimate[i]) && Double.isFinite(truth[i]);
    }
}
