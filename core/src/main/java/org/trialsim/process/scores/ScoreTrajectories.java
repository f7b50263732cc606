package org.trialsim.process.scores;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.scenario.ProcessModel;

/**
 * The symptom-score trajectories of one arm in one stratum, each named by the planner
 * ({@code arms.<arm>.score_trajectories.<name>}): a score on a named instrument (MADRS, HAM-A, ...) at baseline
 * and at every scheduled visit, drawn from a multivariate normal model stated in protocol terms, the model of
 * mixed-model analyses of repeated measures (Mallinckrodt CH et al., Drug Inf J 2008;42:303-319; the planning
 * model of Lu K, Luo X, Chen P-Y, Stat Med 2008;27:7-20).
 *
 * @param trajectories the trajectories by name, in file order
 */
public record ScoreTrajectories(Map<String, Trajectory> trajectories) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "score_trajectories";

    public ScoreTrajectories {
        trajectories = Collections.unmodifiableMap(new LinkedHashMap<>(trajectories));
    }

    @Override
    public String process() {
        return KEY;
    }

    /**
     * One score trajectory: baseline {@code X ~ N(baselineMean, baselineSd^2)}, and the changes from baseline at
     * the visits {@code (C_1..C_T) ~ N(change, covariance)} independent of X; the score at visit t is
     * {@code X + C_t}. Scores (baseline included) are then rounded to a multiple of {@code roundTo} (if
     * positive) and set into [lower, upper] (if finite), in that order, and the change is recomputed from the
     * rounded scores.
     *
     * @param instrument the instrument's name, as the planner writes it (for listings and summaries)
     * @param visits the visit weeks after randomization, strictly increasing, all &gt; 0
     * @param baselineMean mean baseline score
     * @param baselineSd standard deviation of the baseline score, &gt;= 0
     * @param change mean change from baseline at each visit
     * @param covariance covariance of the changes, {@code T x T} row-major, positive definite
     * @param lower the smallest score the scale allows ({@code -Infinity}: none)
     * @param upper the largest score the scale allows ({@code +Infinity}: none)
     * @param roundTo the step scores are rounded to (0: none)
     * @param responseReduction the relative reduction from baseline that counts as response (for example 0.5)
     * @param remissionAtMost the score at or below which a patient is in remission ({@code NaN}: not defined)
     * @param sustainedFromWeek the visit from which a sustained response must hold ({@code NaN}: not defined)
     * @param relapseAtLeast the score at or above which a visit after response counts towards relapse
     *     ({@code NaN}: not defined)
     * @param relapseVisits the consecutive visits at or above {@code relapseAtLeast} that make a relapse
     */
    public record Trajectory(String instrument, List<Double> visits, double baselineMean, double baselineSd,
            List<Double> change, List<Double> covariance, double lower, double upper, double roundTo,
            double responseReduction, double remissionAtMost, double sustainedFromWeek, double relapseAtLeast,
            int relapseVisits) {

        public Trajectory {
            visits = List.copyOf(visits);
            change = List.copyOf(change);
            covariance = List.copyOf(covariance);
        }

        /** @return the number of visits */
        public int size() {
            return visits.size();
        }

        /** @return the week of visit t */
        public double week(int t) {
            return visits.get(t);
        }

        /** @return the mean change from baseline at visit t */
        public double change(int t) {
            return change.get(t);
        }

        /** @return the index of the visit at {@code week}, or -1 if none is scheduled then */
        public int visitAt(double week) {
            for (int t = 0; t < visits.size(); t++) {
                if (Math.abs(visits.get(t) - week) < 1e-9) {
                    return t;
                }
            }
            return -1;
        }

        /** @return the standard deviation of the change at visit t */
        public double changeSd(int t) {
            return Math.sqrt(covariance.get(t * visits.size() + t));
        }

        /** @return the covariance as a row-major array */
        public double[] covarianceArray() {
            return covariance.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Whether scores are rounded or bounded. */
        public boolean transformed() {
            return roundTo > 0 || lower > Double.NEGATIVE_INFINITY || upper < Double.POSITIVE_INFINITY;
        }
    }
}
