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
    /** 1 / hazardPerWeek: multiplied, cheaper than a division. */
    private final double meanWeeks;

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
        this.meanWeeks = 1 / hazardPerWeek;
    }

    /** Whether any dropout variate is drawn (a positive induction probability or a positive hazard). */
    boolean random() {
        return inductionProbability > 0 || hazardPerWeek > 0;
    }

    /**
     * The dropout time of the next patient, drawn from {@code v} (the dropout channel). The variates drawn
     * depend only on which parts are present (a positive induction probability: two uniforms; a positive
     * hazard: then one exponential), never on their values or outcomes, so scenarios differing only in these
     * values stay aligned on the stream (common random numbers). The early or late time is chosen without a
     * branch ({@link BitSelect}): which one applies is random.
     */
    double next(Variates v) {
        long drop = 0; // all ones: drops out during induction (u < p)
        double earlyTime = 0;
        if (inductionProbability > 0) {
            drop = BitSelect.below(v.uniform(), inductionProbability);
            earlyTime = inductionWeeks * v.uniform();
        }
        double lateTime = hazardPerWeek > 0 ? inductionWeeks + v.exponential() * meanWeeks
                : Double.POSITIVE_INFINITY;
        return BitSelect.choose(drop, earlyTime, lateTime);
    }
}
