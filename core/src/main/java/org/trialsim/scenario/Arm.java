package org.trialsim.scenario;

import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Collections;

/**
 * A treatment arm and the patient model that holds in it, resolved per stratum.
 *
 * @param name arm name, unique within the scenario
 * @param allocation integer allocation ratio (for example 2 in a 2:1 design)
 * @param control whether this arm is the control of comparisons
 * @param modelByStratum the patient model of this arm in each stratum, keyed by stratum name in the order of
 *     {@link Scenario#strata()}
 */
public record Arm(String name, int allocation, boolean control, Map<String, PatientModel> modelByStratum) {

    public Arm {
        modelByStratum = Collections.unmodifiableMap(new LinkedHashMap<>(modelByStratum));
    }

    /** The patient model in the named stratum. */
    public PatientModel model(String stratum) {
        PatientModel m = modelByStratum.get(stratum);
        if (m == null) {
            throw new IllegalArgumentException("arm " + name + " has no model for stratum " + stratum);
        }
        return m;
    }
}
