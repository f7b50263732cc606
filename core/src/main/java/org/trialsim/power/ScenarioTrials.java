package org.trialsim.power;

import java.util.List;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;

/**
 * The standard trial model: cohorts drawn with the scenario's sampling plan, endpoint data extracted for each
 * prefix of the design grid, analysed with the scenario's tests and decided with its sequential design and
 * multiplicity procedure.
 */
final class ScenarioTrials {

    private ScenarioTrials() {
    }

    /** The layout of a scenario's trials. */
    static TrialLayout layout(Scenario scenario) {
        int[] sizes = scenario.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray();
        List<String> endpoints = scenario.endpoints().stream().map(Endpoint::name).toList();
        if (scenario.groupSequential() != null) {
            return new TrialLayout(sizes, endpoints, scenario.groupSequential().informationFractions().size(),
                    TrialLayout.Sequential.GROUP_SEQUENTIAL);
        }
        boolean simon = scenario.endpoints().stream().anyMatch(e -> e.analysis().test() == Analysis.Test.SIMON);
        return simon ? new TrialLayout(sizes, endpoints, 2, TrialLayout.Sequential.SIMON)
                : new TrialLayout(sizes, endpoints, 1, TrialLayout.Sequential.FIXED);
    }

    /** The factory of trials of a scenario. */
    static VirtualTrial.Factory factory(Scenario scenario, long seed) {
        throw new UnsupportedOperationException("the cohort sampler, endpoint extractors and tests have not landed");
    }

    /** SHA-256 of the scenario's canonical form. */
    static String hash(Scenario scenario) {
        return "";
    }
}
