package org.trialsim.scenario;

import java.util.List;

/**
 * An endpoint of the trial and the analysis that tests it. Endpoints are listed in order of priority; the
 * first is the primary endpoint.
 *
 * @param name endpoint name, unique within the scenario (used in measures such as {@code power:response})
 * @param kind what is measured
 * @param atWeek assessment time in weeks from randomization for milestone endpoints (relapse-free and
 *     benzodiazepine-free at a week); {@code NaN} where not applicable
 * @param analysis the test applied to it
 * @param treatment name of the experimental arm
 * @param control name of the control arm, or {@code null} for a single-arm analysis
 * @param strata the strata that form the analysis population; empty for all patients
 */
public record Endpoint(String name, Kind kind, double atWeek, Analysis analysis, String treatment, String control,
        List<String> strata) {

    public Endpoint {
        strata = List.copyOf(strata);
    }

    /** Whether the endpoint compares two arms. */
    public boolean comparative() {
        return control != null;
    }

    /** What an endpoint measures. */
    public enum Kind {
        /** Binary: response at the end of induction (patients who dropped out count as non-responders). */
        RESPONSE(Type.BINARY),
        /** Binary: remission at the end of induction. */
        REMISSION(Type.BINARY),
        /** Continuous: change in MADRS from baseline to the end of induction (completers). */
        MADRS_CHANGE(Type.CONTINUOUS),
        /** Time to depressive relapse (from response, or from randomization for textbook designs). */
        TIME_TO_RELAPSE(Type.TIME_TO_EVENT),
        /** Binary: responded and relapse-free at {@code atWeek}. */
        SUSTAINED_RESPONSE(Type.BINARY),
        /** Binary, benzodiazepine users: discontinued and not back on benzodiazepines at {@code atWeek}. */
        BENZODIAZEPINE_FREE(Type.BINARY),
        /** Time to relapse to benzodiazepine use among discontinuers, from the end of induction. */
        TIME_TO_BENZODIAZEPINE_RELAPSE(Type.TIME_TO_EVENT);

        private final Type type;

        Kind(Type type) {
            this.type = type;
        }

        /** The data type the kind produces. */
        public Type type() {
            return type;
        }
    }

    /** Data type of an endpoint. */
    public enum Type { BINARY, CONTINUOUS, TIME_TO_EVENT }
}
