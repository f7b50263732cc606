package org.trialsim.endpoint;

import org.trialsim.cohort.Cohort;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;

/**
 * The calendar time of the final analysis of a trial of the first n patients of a cohort, from the
 * scenario's {@link Cutoff}: a fixed calendar week; the time of the D-th observed event of the named
 * endpoint (event-driven, as in rpact's getSimulationSurvival and simtrial's cut_data_by_event);
 * or {@code +Infinity} for a per-patient follow-up, which the {@link ObservationRule} applies to each
 * patient. Holds an extractor with scratch space: one instance per thread ({@link #copy()}).
 */
public final class DataCutoff {

    private final Cutoff cutoff;
    private final EndpointExtractor eventEndpoint;

    private DataCutoff(Cutoff cutoff, EndpointExtractor eventEndpoint) {
        this.cutoff = cutoff;
        this.eventEndpoint = eventEndpoint;
    }

    /** Compiles the cutoff of a scenario. */
    public static DataCutoff compile(Scenario scenario) {
        Cutoff cutoff = scenario.schedule().cutoff();
        if (cutoff instanceof Cutoff.Events e) {
            Endpoint endpoint = scenario.endpoints().stream().filter(x -> x.name().equals(e.endpoint())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("event-driven cutoff names unknown endpoint "
                            + e.endpoint()));
            if (endpoint.kind().type() != Endpoint.Type.TIME_TO_EVENT || e.events() < 1) {
                throw new IllegalArgumentException("event-driven cutoff needs a time-to-event endpoint and >= 1"
                        + " events: " + e);
            }
            return new DataCutoff(cutoff, EndpointExtractor.compile(scenario, endpoint));
        }
        return new DataCutoff(cutoff, null);
    }

    /** A copy for another thread. */
    public DataCutoff copy() {
        return new DataCutoff(cutoff, eventEndpoint == null ? null : eventEndpoint.copy());
    }

    /** Calendar week of the final data cutoff for the first {@code n} patients of {@code c}. */
    public double calendarTime(Cohort c, int n) {
        if (cutoff instanceof Cutoff.Calendar cal) {
            return cal.week();
        }
        if (cutoff instanceof Cutoff.Events e) {
            return eventEndpoint.eventDrivenCutoff(c, n, e.events());
        }
        return Double.POSITIVE_INFINITY;
    }
}
