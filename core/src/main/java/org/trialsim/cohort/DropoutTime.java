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

    double sample(Variates v) {
        if (inductionProbability > 0 && v.uniform() < inductionProbability) {
            return inductionWeeks * v.uniform();
        }
        return hazardPerWeek > 0 ? inductionWeeks + v.exponential() / hazardPerWeek : Double.POSITIVE_INFINITY;
    }
}
