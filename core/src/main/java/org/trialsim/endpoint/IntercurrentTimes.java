package org.trialsim.endpoint;

import org.trialsim.cohort.Column;

/**
 * The cohort columns of the intercurrent events ({@link org.trialsim.scenario.IntercurrentEvents}): one per
 * event the planner names, {@code ice_NAME}, the week from randomization of the patient's event
 * ({@code +Infinity} if none), written by the intercurrent-event process and read by {@link EndpointExtractor}
 * for the endpoints whose estimand names the event. Stated here, where both sides can reach it.
 */
public final class IntercurrentTimes {

    private IntercurrentTimes() {
    }

    /** The column of intercurrent event {@code name}. */
    public static Column.Doubles column(String name) {
        return Column.namedDoubles("ice_" + name, "weeks from randomization", "the intercurrent event " + name
                + " (latent)", Double.POSITIVE_INFINITY);
    }
}
