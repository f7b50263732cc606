package org.trialsim.scenario;

import java.util.List;
import java.util.Locale;

/**
 * The estimand of an endpoint in the sense of ICH E9(R1) (Addendum on estimands and sensitivity analysis in
 * clinical trials, 2019, section A.3): the strategy by which the intercurrent events the endpoint names
 * ({@link IntercurrentEvents}) enter the treatment effect. An endpoint without an estimand
 * ({@link Endpoint#estimand()} {@code null}) keeps the convention it always had (a binary endpoint counts a
 * patient who left the study before its assessment as a failure; no intercurrent event is read).
 *
 * @param strategy how the intercurrent events are handled
 * @param events the intercurrent events (names under {@code arms.<arm>.intercurrent_events}) the strategy is
 *     about; every event the arms define when the file names none
 */
public record Estimand(Strategy strategy, List<String> events) {

    public Estimand {
        events = List.copyOf(events);
    }

    /** The strategies of ICH E9(R1), section A.3.2, that the simulation defines and reports. */
    public enum Strategy {
        /**
         * The outcome whether or not the event occurs: outcomes after it are analysed as observed (under the
         * event's post-event model); what cannot be observed after a withdrawal is missing.
         */
        TREATMENT_POLICY,
        /** The event is itself a failure: a binary endpoint fails, a time to event ends at the event. */
        COMPOSITE,
        /**
         * The outcome had the event not occurred: the simulation knows it (the latent trajectory); the analysis
         * discards what follows the event and estimates it (an MMRM under missing at random, censoring).
         */
        HYPOTHETICAL,
        /** The outcome up to the event: events after it are not counted, a binary outcome is read at the event. */
        WHILE_ON_TREATMENT;

        /** The name in scenario files. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
