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

    /** The fraction that never relapses. */
    double durableFraction() {
        return durableFraction;
    }

    /** The cumulative hazard of those who may relapse. */
    CumulativeHazard hazard() {
        return hazard;
    }

    /** Whether the clock starts at the end of induction among responders (else at randomization for all). */
    boolean fromResponse() {
        return fromResponse;
    }

    /**
     * Weeks from the origin to relapse, {@code +Infinity} for a durable patient or one not at risk
     * ({@code atRisk} false: a non-responder when the clock starts at response). The variates are drawn
     * whether or not the patient is at risk (a uniform if the durable fraction is positive, then an
     * exponential), so that the stream stays aligned across scenarios that differ only in parameter values.
     */
    double sample(Variates v, boolean atRisk) {
        boolean durable = durableFraction > 0 && v.uniform() < durableFraction;
        double e = v.exponential();
        return atRisk && !durable ? hazard.inverse(e) : Double.POSITIVE_INFINITY;
    }
}
