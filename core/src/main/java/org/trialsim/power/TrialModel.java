package org.trialsim.power;

import org.trialsim.scenario.Scenario;

/**
 * Compiles a scenario and a master seed into the trials a study runs. The standard model samples cohorts
 * with the scenario's sampling plan and analyses them with its tests ({@link ScenarioTrials}); other models
 * (for example a simplified one in tests or a user's own analysis) can be plugged into {@link PowerStudy}.
 */
@FunctionalInterface
public interface TrialModel {

    /** The factory of trials of {@code scenario} whose replicate streams derive from {@code seed}. */
    VirtualTrial.Factory compile(Scenario scenario, long seed);
}
