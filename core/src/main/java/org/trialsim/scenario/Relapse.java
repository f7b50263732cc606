package org.trialsim.scenario;

/**
 * Depressive relapse. Timed from the end of induction among responders ({@link Origin#RESPONSE}), or from
 * randomization for every patient ({@link Origin#RANDOMIZATION}, the textbook time-to-event trial). A
 * durable fraction never relapses (a cure-rate mixture: Boag JW, J R Stat Soc B 1949;11:15-53); the rest
 * relapse with the given hazard multiplied by the maintenance hazard ratio (proportional hazards).
 *
 * @param origin when the relapse clock starts
 * @param hazard baseline hazard of relapse, per week
 * @param durableFraction probability of never relapsing, in [0, 1)
 * @param hazardRatio maintenance hazard ratio applied to {@code hazard} (1 for none)
 */
public record Relapse(Origin origin, Hazard hazard, double durableFraction, double hazardRatio) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "relapse";

    @Override
    public String process() {
        return KEY;
    }

    /** When the relapse clock starts. */
    public enum Origin { RESPONSE, RANDOMIZATION }

    /** Probability of no relapse by {@code t} weeks after the origin. */
    public double survival(double t) {
        return durableFraction + (1 - durableFraction) * Math.exp(-hazardRatio * hazard.cumulativeHazard(t));
    }
}
