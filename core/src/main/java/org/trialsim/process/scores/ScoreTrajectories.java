package org.trialsim.process.scores;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.ScoreProbability;

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

    /** Whether some trajectory has a dropout by score. */
    @Override
    public boolean changesDropout() {
        return trajectories.values().stream().anyMatch(t -> t.dropoutByScore() != null);
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
     * @param classes the latent classes, each with its own mean change ({@code null}: none; then every patient
     *     has {@code change}); with classes, {@code change} is their mixture mean
     * @param dropoutByScore the probability of dropping out before the next visit given the latest observed
     *     score ({@code null}: none)
     */
    public record Trajectory(String instrument, List<Double> visits, double baselineMean, double baselineSd,
            List<Double> change, List<Double> covariance, double lower, double upper, double roundTo,
            double responseReduction, double remissionAtMost, double sustainedFromWeek, double relapseAtLeast,
            int relapseVisits, List<LatentClass> classes, DropoutByScore dropoutByScore) {

        public Trajectory {
            visits = List.copyOf(visits);
            change = List.copyOf(change);
            covariance = List.copyOf(covariance);
            classes = classes == null ? null : List.copyOf(classes);
        }

        /** A trajectory without latent classes and without dropout by score. */
        public Trajectory(String instrument, List<Double> visits, double baselineMean, double baselineSd,
                List<Double> change, List<Double> covariance, double lower, double upper, double roundTo,
                double responseReduction, double remissionAtMost, double sustainedFromWeek, double relapseAtLeast,
                int relapseVisits) {
            this(instrument, visits, baselineMean, baselineSd, change, covariance, lower, upper, roundTo,
                    responseReduction, remissionAtMost, sustainedFromWeek, relapseAtLeast, relapseVisits, null, null);
        }

        /** The latent classes, or one class of probability 1 with the trajectory's change when it has none. */
        public List<LatentClass> classesOrOne() {
            return classes != null ? classes : List.of(new LatentClass("all", 1, change));
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

        /**
         * The SD of the score's change at visit t over the whole arm x stratum: with latent classes, the
         * within-class variance plus the variance of the class means (the law of total variance).
         */
        public double marginalChangeSd(int t) {
            double v = covariance.get(t * visits.size() + t);
            for (LatentClass c : classesOrOne()) {
                double d = c.change(t) - change(t);
                v += c.probability() * d * d;
            }
            return Math.sqrt(v);
        }

        /** Whether scores are rounded or bounded. */
        public boolean transformed() {
            return roundTo > 0 || lower > Double.NEGATIVE_INFINITY || upper < Double.POSITIVE_INFINITY;
        }
    }

    /**
     * A latent class of patients (rapid responders, delayed responders, non-responders, ...) of one arm x
     * stratum: a growth mixture (Muthen B, Shedden K. Finite mixture modeling with mixture outcomes using the
     * EM algorithm. Biometrics 1999;55:463-469; in depression trials, Gueorguieva R, Mallinckrodt C, Krystal
     * JH. Trajectories of depression severity in clinical trials of duloxetine. Arch Gen Psychiatry
     * 2011;68:1227-1237) whose members share the trajectory's baseline and within-patient covariance and have
     * their own mean change from baseline at each visit.
     *
     * @param name the class's name, as the planner writes it
     * @param probability the probability that a patient of the arm x stratum is in the class, in (0, 1]
     * @param change the class's mean change from baseline at each visit
     */
    public record LatentClass(String name, double probability, List<Double> change) {
        public LatentClass {
            change = List.copyOf(change);
        }

        /** @return the class's mean change at visit t */
        public double change(int t) {
            return change.get(t);
        }
    }

    /**
     * Dropout that depends on the latest observed score: a patient seen at baseline or at a visit other than
     * the last, with (rounded, bounded) score y there, drops out before the next visit with probability
     * {@code p(y)}. The probability depends on observed data only, so the missingness is at random (MAR;
     * Little RJA, Rubin DB. Statistical Analysis with Missing Data, 3rd ed., 2019, section 1.3), the
     * mechanism under which MMRM's likelihood analysis is valid and completers' analyses are not.
     */
    public sealed interface DropoutByScore extends ScoreProbability permits Logistic, Bands {
        /** @return the probability of dropping out before the next visit after a score of {@code score} */
        @Override
        double probability(double score);
    }

    /**
     * {@code p(y) = 1 / (1 + exp(-(intercept + perPoint y)))}.
     *
     * @param intercept the log-odds of dropping out at a score of 0
     * @param perPoint the change in log-odds per point of the score
     */
    public record Logistic(double intercept, double perPoint) implements DropoutByScore {
        @Override
        public double probability(double score) {
            return 1 / (1 + Math.exp(-(intercept + perPoint * score)));
        }
    }

    /**
     * A probability per band of scores: {@code probabilities[b]} for scores in {@code [cuts[b-1], cuts[b])}
     * (the first band below {@code cuts[0]}, the last from the last cut up).
     *
     * @param cuts the scores where a band starts, strictly increasing
     * @param probabilities one more than the cuts, each in [0, 1]
     */
    public record Bands(List<Double> cuts, List<Double> probabilities) implements DropoutByScore {
        public Bands {
            cuts = List.copyOf(cuts);
            probabilities = List.copyOf(probabilities);
            if (probabilities.size() != cuts.size() + 1) {
                throw new IllegalArgumentException("need one probability more than the cuts: " + cuts + ", "
                        + probabilities);
            }
        }

        @Override
        public double probability(double score) {
            int b = 0;
            while (b < cuts.size() && score >= cuts.get(b)) {
                b++;
            }
            return probabilities.get(b);
        }
    }
}
