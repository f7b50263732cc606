package org.trialsim.cohort;

import java.util.Arrays;
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

    /** Whether any dropout variate is drawn (a positive induction probability or a positive hazard). */
    boolean random() {
        return inductionProbability > 0 || hazardPerWeek > 0;
    }

    /**
     * Writes the dropout times of patients 0 to n - 1, drawn in patient order from {@code v} (the dropout
     * channel). The variates drawn per patient depend only on which parts are present (a positive induction
     * probability: two uniforms; a positive hazard: then one exponential), never on their values or outcomes,
     * so scenarios differing only in these values stay aligned on the stream (common random numbers).
     */
    void sample(Variates v, double[] times, int n) {
        final boolean early = inductionProbability > 0;
        final boolean late = hazardPerWeek > 0;
        if (!early && !late) {
            Arrays.fill(times, 0, n, Double.POSITIVE_INFINITY);
            return;
        }
        final double p = inductionProbability;
        final double weeks = inductionWeeks;
        final double rate = hazardPerWeek;
        for (int i = 0; i < n; i++) {
            long drop = 0; // all ones: drops out during induction (u < p), chosen without a branch
            double earlyTime = 0;
            if (early) {
                drop = BitSelect.below(v.uniform(), p);
                earlyTime = weeks * v.uniform();
            }
            double lateTime = late ? weeks + v.exponential() / rate : Double.POSITIVE_INFINITY;
            times[i] = BitSelect.choose(drop, earlyTime, lateTime);
        }
    }
}
