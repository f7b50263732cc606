package org.trialsim.scenario;

/**
 * Loss to follow-up (dropout, withdrawal from the study), which competes with every event and censors what
 * follows: the model of the {@code dropout} process, scenario-wide ({@link Scenario#dropout()}) or for one arm
 * and stratum ({@code arms.<arm>.dropout}, {@code arms.<arm>.strata.<stratum>.dropout}, which take the
 * scenario-wide settings as their defaults).
 *
 * <p>A patient drops out during induction with {@code inductionProbability} (at a time uniform over the
 * induction), and afterwards with the hazard {@code hazard}, timed from the end of induction (constant in the
 * original format, {@code per_week}; any hazard, piecewise-constant over study periods for example, with
 * {@code hazard}). The hazard may depend on the patient's state: from the end of induction a non-responder's
 * hazard is {@code afterNonResponse}, and from a depressive relapse or a return to benzodiazepines the hazard is
 * {@code afterRelapse} or {@code afterBenzodiazepineRelapse}, each timed from entry into that state (a state
 * entered later replaces the hazard of one entered earlier). One exponential variate per patient drives the
 * whole piecewise cumulative hazard, which is inverted exactly (Austin PC. Stat Med 2012;31:3946-3958), so a
 * state-dependent hazard changes no draw. Dropout in short ketamine trials is 4-12% (Cochrane 2021; 9.4% in
 * Anand et al. NEJM 2023).
 *
 * @param inductionProbability probability of dropping out before the end of induction, in [0, 1]
 * @param hazard hazard of dropping out after induction, from its end; {@code null} for none
 * @param afterNonResponse the hazard of a non-responder from the end of induction; {@code null}: {@code hazard}
 * @param afterRelapse the hazard from a depressive relapse; {@code null}: unchanged by relapse
 * @param afterBenzodiazepineRelapse the hazard from a return to benzodiazepines; {@code null}: unchanged
 */
public record Dropout(double inductionProbability, Hazard hazard, Hazard afterNonResponse, Hazard afterRelapse,
        Hazard afterBenzodiazepineRelapse) implements ProcessModel {

    /** The process key, and the scenario file's key. */
    public static final String KEY = "dropout";

    /** No dropout at all. */
    public static final Dropout NONE = new Dropout(0, 0);

    /**
     * The original model: a probability during induction and a constant hazard after it.
     *
     * @param inductionProbability probability of dropping out before the end of induction
     * @param hazardPerWeek hazard of dropping out after induction, per week (0 for none)
     */
    public Dropout(double inductionProbability, double hazardPerWeek) {
        this(inductionProbability, hazardPerWeek == 0 ? null : new Hazard.Exponential(hazardPerWeek), null, null,
                null);
    }

    @Override
    public String process() {
        return KEY;
    }

    /**
     * The constant hazard after induction per week (0 without one), or {@code NaN} if the hazard is not constant.
     */
    public double hazardPerWeek() {
        if (hazard == null) {
            return 0;
        }
        return hazard instanceof Hazard.Exponential e ? e.rate() : Double.NaN;
    }

    /** Whether this is the original model: no state-dependent hazard, and a constant hazard or none. */
    public boolean original() {
        return afterNonResponse == null && afterRelapse == null && afterBenzodiazepineRelapse == null
                && !Double.isNaN(hazardPerWeek());
    }

    /** Whether any dropout can happen (a positive probability or some hazard). */
    public boolean random() {
        return inductionProbability > 0 || hazard != null || afterNonResponse != null || afterRelapse != null
                || afterBenzodiazepineRelapse != null;
    }

    /** Whether the hazard depends on a state (non-response, relapse, benzodiazepine relapse). */
    public boolean stateDependent() {
        return afterNonResponse != null || afterRelapse != null || afterBenzodiazepineRelapse != null;
    }

    /**
     * Probability of having dropped out by {@code week} (from randomization) for a patient whose state does not
     * change the hazard after induction (a responder who does not relapse), or for a non-responder with
     * {@code nonResponder}.
     *
     * @param inductionWeeks weeks of induction
     * @param week weeks from randomization
     * @param nonResponder whether the patient did not respond at the end of induction
     */
    public double probabilityBy(double inductionWeeks, double week, boolean nonResponder) {
        if (week < inductionWeeks) {
            return inductionProbability * (inductionWeeks == 0 ? 1 : week / inductionWeeks);
        }
        Hazard h = nonResponder && afterNonResponse != null ? afterNonResponse : hazard;
        double survival = h == null ? 1 : h.survival(week - inductionWeeks);
        return 1 - (1 - inductionProbability) * survival;
    }
}
