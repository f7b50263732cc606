package org.trialsim.multiarm;

import java.util.Arrays;

/**
 * A multi-arm many-to-one design with treatment selection at interims under the closed combination test
 * (Bauer P, Kieser M. Combining different phases in the development of medical treatments within a single
 * trial. Stat Med 1999;18:1833-1848; Posch M et al. Testing and estimation in flexible group sequential
 * designs with adaptive treatment selection. Stat Med 2005;24:3697-3714): every intersection hypothesis of
 * the closed system is tested at each stage on that stage's data alone ({@link IntersectionTest}), the
 * stage-wise p-values are combined by the weighted inverse-normal function with weights
 * {@code sqrt(t_k - t_(k-1))} of the planned information rates, and H_i is rejected at stage k when every
 * intersection containing it has been rejected at its group-sequential critical value (at this or an earlier
 * stage). Dropping arms does not inflate the familywise error, whatever the selection rule. The simulation
 * follows rpact's {@code getSimulationMultiArmMeans} and {@code getSimulationMultiArmRates} (rpact 3.3.4):
 * stage-wise means with known SD, or a pooled two-proportion z statistic per stage.
 *
 * <p>Means with {@link Analysed} figures (a scenario's continuous endpoint) generalise rpact's model in two ways that
 * reduce to it when every SD is the same and every patient is analysed: each arm has its own known SD, so the
 * stage-wise statistic is {@code (m_i - m_0) / sqrt(sd_i^2 / n_i + sd_0^2 / n_0)} and Dunnett's correlations are
 * {@code lambda_i lambda_j} with {@code lambda_i = sqrt(v_0 / (v_i + v_0))}, {@code v = sd^2 / n} (the covariance
 * of two comparisons sharing the control's mean; with equal SDs {@code sqrt(n_i / (n_i + n_0))}); and of the
 * patients enrolled in a stage, those analysed (completers) are binomial with the arm's retention, the stage mean
 * averaging theirs. With {@link Analysed#pooled()} the analysis estimates the variance: each group's sum of
 * squares is {@code sd^2} times a chi-square on {@code n - 1} degrees of freedom (drawn as the sum of n - 1 squared
 * normals, independent of the mean), the stage's pooled variance is their sum over the control and the arms with
 * data divided by the degrees of freedom, and the stage-wise statistic is Student's t with
 * {@code lambda_i = sqrt(n_i / (n_i + n_0))} (the equal-variance correlations the analysis assumes).
 *
 * @param outcome normal means or binary rates
 * @param names the treatment arms' names (at most 10)
 * @param values each treatment arm's true mean or response rate
 * @param control the control's true mean or response rate
 * @param sd the outcome's SD (means only; 1 for rates, unused)
 * @param perArm cumulative planned patients per treatment arm at each stage (rpact's {@code plannedSubjects})
 * @param controlPerStage the control's patients in each stage (not cumulative)
 * @param test the intersection test
 * @param selection the selection rule applied at every interim
 * @param critical the inverse-normal combination's one-sided critical value at each stage
 * @param futility at each interim, stop an intersection for futility when its combined statistic is at most
 *     this ({@code -Infinity}: never; rpact's default design uses -6)
 * @param successAll whether early success needs every selected arm rejected ({@code false}: at least one)
 * @param analysed means only: each arm's SD and retention ({@code null}: the common {@code sd}, everyone analysed,
 *     rpact's model)
 */
public record MultiArmDesign(Outcome outcome, String[] names, double[] values, double control, double sd,
        int[] perArm, int[] controlPerStage, IntersectionTest test, Selection selection, double[] critical,
        double[] futility, boolean successAll, Analysed analysed) {

    /**
     * A design with rpact's model of means (one known SD, everyone analysed) or rates ({@code analysed} null).
     */
    public MultiArmDesign(Outcome outcome, String[] names, double[] values, double control, double sd, int[] perArm,
            int[] controlPerStage, IntersectionTest test, Selection selection, double[] critical, double[] futility,
            boolean successAll) {
        this(outcome, names, values, control, sd, perArm, controlPerStage, test, selection, critical, futility,
                successAll, null);
    }

    /**
     * What each arm's stage mean is drawn from beyond its true mean: the SD of a patient's value and the probability
     * that a patient enrolled is analysed ({@link org.trialsim.scenario.PlanningFigures.Moments}).
     *
     * @param sd per treatment arm, the SD of an analysed patient's value (positive)
     * @param controlSd the control's
     * @param retained per treatment arm, the probability that a patient is analysed, in (0, 1]
     * @param controlRetained the control's
     * @param pooled whether the analysis estimates one variance per stage, pooled over the control and the arms
     *     with data (t statistics; Dunnett by the multivariate t), instead of knowing each arm's (z statistics)
     */
    public record Analysed(double[] sd, double controlSd, double[] retained, double controlRetained,
            boolean pooled) {

        /** Known variances (z statistics), rpact's model. */
        public Analysed(double[] sd, double controlSd, double[] retained, double controlRetained) {
            this(sd, controlSd, retained, controlRetained, false);
        }

        /** Checks ranges and copies the arrays. */
        public Analysed {
            if (sd.length != retained.length || !(controlSd > 0) || !(controlRetained > 0 && controlRetained <= 1)) {
                throw new IllegalArgumentException("one SD and retention per arm; SDs > 0, retention in (0, 1]");
            }
            for (int i = 0; i < sd.length; i++) {
                if (!(sd[i] > 0) || !(retained[i] > 0 && retained[i] <= 1)) {
                    throw new IllegalArgumentException("SDs must be > 0 and retention in (0, 1], arm " + i);
                }
            }
            sd = sd.clone();
            retained = retained.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Analysed a && Arrays.equals(sd, a.sd) && controlSd == a.controlSd
                    && Arrays.equals(retained, a.retained) && controlRetained == a.controlRetained
                    && pooled == a.pooled;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sd) * 31 + Arrays.hashCode(retained);
        }

        @Override
        public String toString() {
            return "Analysed[sd " + Arrays.toString(sd) + ", control " + controlSd + ", retained "
                    + Arrays.toString(retained) + ", control " + controlRetained + (pooled ? ", pooled" : "") + "]";
        }
    }

    /** The kind of outcome. */
    public enum Outcome {
        /** Normally distributed, known SD; larger is better. */
        MEANS,
        /** Binary; a larger rate is better. */
        RATES
    }

    /** Checks shapes and ranges. */
    public MultiArmDesign {
        int g = names.length;
        if (g < 1 || g > 10 || values.length != g) {
            throw new IllegalArgumentException("1 to 10 treatment arms with one value each");
        }
        int k = perArm.length;
        if (k < 1 || controlPerStage.length != k || critical.length != k || futility.length != k - 1) {
            throw new IllegalArgumentException("one planned size, control size and critical value per stage");
        }
        for (int s = 0; s < k; s++) {
            int stage = perArm[s] - (s == 0 ? 0 : perArm[s - 1]);
            if (stage < 1 || controlPerStage[s] < 1) {
                throw new IllegalArgumentException("every stage needs patients on every arm and the control");
            }
        }
        if (outcome == Outcome.MEANS && !(sd > 0)) {
            throw new IllegalArgumentException("sd must be positive");
        }
        if (analysed != null && (outcome != Outcome.MEANS || analysed.sd().length != g)) {
            throw new IllegalArgumentException("per-arm SDs and retention are for means, one per treatment arm");
        }
        if (outcome == Outcome.RATES) {
            for (double v : values) {
                checkRate(v);
            }
            checkRate(control);
        }
        names = names.clone();
        values = values.clone();
        perArm = perArm.clone();
        controlPerStage = controlPerStage.clone();
        critical = critical.clone();
        futility = futility.clone();
    }

    private static void checkRate(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a rate must be in [0, 1], found " + p);
        }
    }

    /** The number of treatment arms. */
    public int arms() {
        return names.length;
    }

    /** The number of stages. */
    public int stages() {
        return perArm.length;
    }

    /** Patients of a treatment arm in stage s (not cumulative). */
    public int armStage(int s) {
        return perArm[s] - (s == 0 ? 0 : perArm[s - 1]);
    }

    /** The same design with other true values of the treatment arms (for null and partial-null runs). */
    public MultiArmDesign withValues(double[] other) {
        return new MultiArmDesign(outcome, names, other, control, sd, perArm, controlPerStage, test, selection,
                critical, futility, successAll, analysed);
    }

    /** The inverse-normal weights {@code sqrt(t_k - t_(k-1))} from the treatment arms' planned sizes. */
    double[] weights() {
        double[] w = new double[stages()];
        for (int s = 0; s < w.length; s++) {
            w[s] = Math.sqrt((double) armStage(s) / perArm[perArm.length - 1]);
        }
        return w;
    }

    /** The arms whose true value is not better than the control's: true null hypotheses (bit set). */
    public int nullArms() {
        int mask = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] <= control) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiArmDesign d && outcome == d.outcome && Arrays.equals(names, d.names)
                && Arrays.equals(values, d.values) && control == d.control && sd == d.sd
                && Arrays.equals(perArm, d.perArm) && Arrays.equals(controlPerStage, d.controlPerStage)
                && test == d.test && selection.equals(d.selection) && Arrays.equals(critical, d.critical)
                && Arrays.equals(futility, d.futility) && successAll == d.successAll
                && java.util.Objects.equals(analysed, d.analysed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Arrays.hashCode(perArm);
    }

    @Override
    public String toString() {
        return "MultiArmDesign" + Arrays.toString(names) + Arrays.toString(values) + " control " + control;
    }
}
