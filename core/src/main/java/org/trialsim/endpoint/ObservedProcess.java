package org.trialsim.endpoint;

import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;

/**
 * A patient process as the endpoints see it: what each endpoint kind it offers reads of the cohort. Implemented
 * by the object that defines the process ({@link org.trialsim.scenario.ProcessDefinition}), found through
 * {@link org.trialsim.scenario.ProcessRegistry#offering(Endpoint.Kind)}.
 */
public interface ObservedProcess {

    /**
     * The observation of {@code endpoint} (whose kind this process offers) in {@code scenario}.
     *
     * @throws IllegalArgumentException if the scenario's models cannot give the endpoint (the parser reports
     *     these with file and line first; this is the last line of defence for scenarios built in code)
     */
    Observation observation(Scenario scenario, Endpoint endpoint);
}
