package org.trialsim.cohort;

import org.trialsim.scenario.Dropout;

/**
 * Time of loss to follow-up in weeks from randomization: with probability {@code inductionProbability} at a
 * time uniform over the induction, otherwise after induction with a constant hazard (a competing risk that
 * censors every later event).
 */
final class DropoutTime {

    private final double inductionProbability;
    private final double inductionWeeks;
    private final double hazardPerWeek;

    DropoutTime(Dropout dropout, double inductionWeeks) {
        if (!(dropout.inductionProbability() >= 0 && dropout.inductionProbability() <= 1)) {
            throw new IllegalArgumentException("dropout inductionProbability must be a probability: "
                    + dropout.inductionProbability());
        }
        if (!(dropout.hazardPerWeek() >= 0)) {
            throw new IllegalArgumentException("dropout hazardPerWeek must be >= 0: " + dropout.hazardPerWeek());
        }
        this.inductionProbability = dropout.inductionProbability();
        this.inductionWeeks = inductionWeeks;
        this.hazardPerWeek = dropout.hazardPerWeek();
    }

    /**
     * Draws the dropout time. The variates drawn depend only on which parts are present (a positive induction
     * probability: two uniforms; a positive hazard: one exponential), never on their values or outcomes, so
     * scenarios differing only in these values stay aligned on the stream (common random numbers).
     */
    double sample(Variates v) {
        boolean early = false;
        double earlyTime = 0;
        if (inductionProbability > 0) {
            early = v.uniform() < inductionProbability;
            earlyTime = inductionWeeks * v.uniform();
        }
        double late = hazardPerWeek > 0 ? inductionWeeks + v.exponential() / hazardPerWeek : Double.POSITIVE_INFINITY;
        return early ? earlyTime : late;
    }
}
