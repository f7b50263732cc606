package org.trialsim.process.textbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trialsim.scenario.ProcessModel;

/**
 * The continuous outcomes of one arm in one stratum, each named by the planner
 * ({@code arms.<arm>.continuous_outcomes.<name>}): a normal value at the assessment, optionally with a normal
 * baseline correlated with it, so that the value, the change from baseline and the analysis of covariance on
 * baseline all come from the same patients (Frison L, Pocock SJ. Stat Med 1992;11:1685-1704). Nothing is
 * truncated or rounded unless the planner gives {@code lower}, {@code upper} or {@code round_to}.
 *
 * @param outcomes the outcomes by name, in file order
 */
public record ContinuousOutcomes(Map<String, Outcome> outcomes) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "continuous_outcomes";

    public ContinuousOutcomes {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    @Override
    public String process() {
        return KEY;
    }

    /**
     * One continuous outcome: the value Y ~ N(mean, sd^2) at the assessment and, if given, the baseline
     * X ~ N(baseline mean, baseline sd^2) with corr(X, Y) = correlation; both are then rounded to a multiple of
     * {@code roundTo} (if positive) and set into [lower, upper] (if finite), in that order.
     *
     * @param mean mean of the value at the assessment
     * @param sd standard deviation of the value, > 0
     * @param baseline the baseline, or {@code null} for none
     * @param lower the smallest value the scale allows ({@code -Infinity}: none)
     * @param upper the largest value the scale allows ({@code +Infinity}: none)
     * @param roundTo the step values are rounded to (0: none)
     */
    public record Outcome(double mean, double sd, Baseline baseline, double lower, double upper, double roundTo) {

        /** The mean change from baseline, mean - baseline mean (NaN without a baseline; bounds ignored). */
        public double changeMean() {
            return baseline == null ? Double.NaN : mean - baseline.mean();
        }

        /**
         * The standard deviation of the change from baseline, sqrt(sd^2 + sd_X^2 - 2 rho sd sd_X) (NaN without
         * a baseline; bounds and rounding ignored).
         */
        public double changeSd() {
            if (baseline == null) {
                return Double.NaN;
            }
            double b = baseline.sd();
            return Math.sqrt(Math.max(0, sd * sd + b * b - 2 * baseline.correlation() * sd * b));
        }

        /**
         * The residual standard deviation of the value given the baseline, sd sqrt(1 - rho^2): the standard
         * deviation an analysis of covariance on baseline works with (sd without a baseline).
         */
        public double residualSd() {
            return baseline == null ? sd : sd * Math.sqrt(1 - baseline.correlation() * baseline.correlation());
        }

        /** Whether values are rounded or bounded. */
        public boolean transformed() {
            return roundTo > 0 || lower > Double.NEGATIVE_INFINITY || upper < Double.POSITIVE_INFINITY;
        }
    }

    /**
     * The baseline of a continuous outcome.
     *
     * @param mean mean baseline
     * @param sd standard deviation of the baseline, >= 0
     * @param correlation the correlation of baseline and value, in [-1, 1]
     */
    public record Baseline(double mean, double sd, double correlation) {
    }
}
