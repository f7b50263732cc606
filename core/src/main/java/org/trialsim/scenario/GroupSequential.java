package org.trialsim.scenario;

import java.util.List;

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
 */
public record GroupSequential(String endpoint, List<Double> informationFractions, Spending spending, double gamma,
        Futility futility) {

    public GroupSequential {
        informationFractions = List.copyOf(informationFractions);
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
