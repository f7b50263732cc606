package org.trialsim.scenario;

/**
 * Loss to follow-up, which competes with every event and censors what follows. A patient drops out during
 * induction with {@code inductionProbability} (at a time uniform over the induction), and afterwards with a
 * constant hazard. Dropout in short ketamine trials is 4-12% (Cochrane 2021; 9.4% in Anand et al. NEJM 2023).
 *
 * @param inductionProbability probability of dropping out before the end of induction
 * @param hazardPerWeek hazard of dropping out after induction, per week
 */
public record Dropout(double inductionProbability, double hazardPerWeek) {

    /** No dropout at all. */
    public static final Dropout NONE = new Dropout(0, 0);
}
