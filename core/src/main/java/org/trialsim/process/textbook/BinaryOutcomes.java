package org.trialsim.process.textbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trialsim.scenario.ProcessModel;

/**
 * The binary outcomes of one arm in one stratum, each named by the planner
 * ({@code arms.<arm>.binary_outcomes.<name>}): a success with a given probability, assessed at the week an
 * endpoint names. The two-arm and single-arm binary trials of the textbooks (Fleiss JL, Levin B, Paik MC.
 * Statistical Methods for Rates and Proportions, 3rd ed. Wiley 2003, chapter 4).
 *
 * @param outcomes the outcomes by name, in file order
 */
public record BinaryOutcomes(Map<String, Outcome> outcomes) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "binary_outcomes";

    public BinaryOutcomes {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    @Override
    public String process() {
        return KEY;
    }

    /**
     * One binary outcome.
     *
     * @param probability the probability of success, in [0, 1]
     */
    public record Outcome(double probability) {
    }
}
