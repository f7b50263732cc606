package org.trialsim.cohort;

import org.trialsim.scenario.Relapse;

/**
 * Time to depressive relapse from its origin for one arm and stratum: a cure-rate mixture (Boag JW. J R Stat
 * Soc B 1949;11:15-53) in which a durable fraction never relapses and the rest relapse with hazard
 * {@code hazardRatio * h(t)}, drawn by inversion of the cumulative hazard.
 */
final class RelapseTime {

    private final boolean fromResponse;
    private final double durableFraction;
    private final CumulativeHazard hazard;

    RelapseTime(Relapse relapse) {
        if (!(relapse.durableFraction() >= 0 && relapse.durableFraction() < 1)) {
            throw new IllegalArgumentException("durable fraction must be in [0, 1): " + relapse.durableFraction());
        }
        this.fromResponse = relapse.origin() == Relapse.Origin.RESPONSE;
        this.durableFraction = relapse.durableFraction();
        this.hazard = CumulativeHazard.of(relapse.hazard(), relapse.hazardRatio());
    }

    /** Whether the clock starts at the end of induction among responders (else at randomization for all). */
    boolean fromResponse() {
        return fromResponse;
    }

    /**
     * Weeks from the origin to relapse, {@code +Infinity} for a durable patient. The durable draw is made only
     * when the fraction is positive, so a scenario without a cure fraction uses one variate per patient.
     */
    double sample(Variates v) {
        if (durableFraction > 0 && v.uniform() < durableFraction) {
            return Double.POSITIVE_INFINITY;
        }
        return hazard.inverse(v.exponential());
    }
}
