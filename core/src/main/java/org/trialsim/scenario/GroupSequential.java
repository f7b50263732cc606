package org.trialsim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interim looks on one endpoint with Lan-DeMets alpha spending (Lan KKG, DeMets DL. Biometrika
 * 1983;70:659-663) and optional non-binding futility. Jennison C, Turnbull BW. Group Sequential Methods with
 * Applications to Clinical Trials. Chapman and Hall/CRC 2000.
 *
 * @param endpoint the endpoint monitored (normally the primary)
 * @param informationFractions cumulative information fractions of the looks, increasing, the last 1
 * @param spending the alpha-spending family
 * @param gamma the Hwang-Shih-DeCani parameter (used only by {@link Spending#HWANG_SHIH_DECANI})
 * @param futility the futility rule
 * @param endpointSpending with a graphical multiplicity procedure across endpoints (a graphical group-sequential
 *     design, Maurer W, Bretz F. Stat Biopharm Res 2013;5:311-320): the spending of each endpoint that has one of
 *     its own, by name, in endpoint order; the others spend as {@code spending} and {@code gamma} say. Empty for
 *     every other design
 * @param reestimation sample-size re-estimation at the interim of a two-stage design, or {@code null}
 */
public record GroupSequential(String endpoint, List<Double> informationFractions, Spending spending, double gamma,
        Futility futility, Map<String, EndpointSpending> endpointSpending, SampleSizeReestimation reestimation) {

    public GroupSequential {
        informationFractions = List.copyOf(informationFractions);
        endpointSpending = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpointSpending));
    }

    /** Looks with one spending function for every endpoint (no endpoint spends its own way). */
    public GroupSequential(String endpoint, List<Double> informationFractions, Spending spending, double gamma,
            Futility futility) {
        this(endpoint, informationFractions, spending, gamma, futility, Map.of(), null);
    }

    /**
     * Sample-size re-estimation at the interim of a two-stage design by conditional power in a promising zone
     * (Mehta CR, Pocock SJ. Stat Med 2011;30:3267-3284), the final analysis being the weighted inverse-normal
     * combination test with the planned weights (Cui L, Hung HMJ, Wang SJ. Biometrics 1999;55:853-857).
     *
     * @param maximumFactor the largest total sample size as a multiple of the planned one, above 1
     * @param conditionalPower the conditional power the raised size aims at
     * @param zoneLower the lower end of the promising zone (conditional power at the planned size under the trend)
     * @param zoneUpper its upper end (exclusive)
     * @param earlyEfficacy whether the interim may reject (bound from the spending function); else it only adapts
     */
    public record SampleSizeReestimation(double maximumFactor, double conditionalPower, double zoneLower,
            double zoneUpper, boolean earlyEfficacy) {
    }

    /**
     * The alpha spending of one endpoint of a graphical group-sequential design.
     *
     * @param spending the alpha-spending family
     * @param gamma the Hwang-Shih-DeCani parameter (used only by {@link Spending#HWANG_SHIH_DECANI})
     */
    public record EndpointSpending(Spending spending, double gamma) {
    }

    /** The spending of endpoint {@code name}: its own if it has one, else the design's. */
    public EndpointSpending spendingOf(String name) {
        return endpointSpending.getOrDefault(name, new EndpointSpending(spending, gamma));
    }

    /** Alpha- (or beta-) spending families. */
    public enum Spending { OBRIEN_FLEMING, POCOCK, HWANG_SHIH_DECANI }

    /**
     * Non-binding futility stopping.
     *
     * @param rule none, beta spending or a conditional-power threshold
     * @param spending the beta-spending family (for {@link Rule#BETA_SPENDING})
     * @param gamma the Hwang-Shih-DeCani parameter of the beta spending
     * @param beta the total beta to spend (for {@link Rule#BETA_SPENDING})
     * @param conditionalPowerThreshold stop when conditional power under the current trend is below this
     */
    public record Futility(Rule rule, Spending spending, double gamma, double beta, double conditionalPowerThreshold) {

        /** No futility stopping. */
        public static final Futility NONE = new Futility(Rule.NONE, Spending.OBRIEN_FLEMING, Double.NaN, Double.NaN,
                Double.NaN);

        /** Futility rules. */
        public enum Rule { NONE, BETA_SPENDING, CONDITIONAL_POWER }
    }
}
