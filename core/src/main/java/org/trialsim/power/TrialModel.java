package org.trialsim.power;

import org.trialsim.scenario.Scenario;

/**
 * Compiles a scenario and a master seed into the trials a study runs. The standard model samples cohorts
 * with the scenario's sampling plan and analyses them with its tests ({@link ScenarioTrial}); other models
 * (for example a simplified one in tests or a user's own analysis) can be plugged into {@link PowerStudy}.
 */
@FunctionalInterface
public interface TrialModel {

    /** The factory of trials of {@code scenario} whose replicate streams derive from {@code seed}. */
    VirtualTrial.Factory compile(Scenario scenario, long seed);

    /**
     * The factory of trials of a null scenario ({@link NullScenario}), whose rejection rates are type I
     * errors. By default the same as {@link #compile}; the standard model ignores non-binding futility here,
     * so that type I errors hold whether or not the futility rule is followed.
     */
    default VirtualTrial.Factory compileNull(Scenario nullScenario, long seed) {
        return compile(nullScenario, seed);
    }

    /**
     * The model's name recorded in every result's provenance and checkpoint fingerprint: models draw
     * different random streams, so a seed reproduces a figure only under the same model.
     */
    default String name() {
        return "custom";
    }
}
