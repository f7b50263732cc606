package org.trialsim.power;

import java.util.List;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PredictiveDesign;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.stats.bayes.PredictiveProbabilityDesign;

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
        for (Endpoint e : scenario.endpoints()) {
            PredictiveDesign p = e.analysis().predictive();
            if (p != null) {
                return new TrialLayout(sizes, endpoints,
                        PredictiveProbabilityDesign.looksEvery(p.firstLook(), p.every(), p.nMax()).length,
                        TrialLayout.Sequential.PREDICTIVE);
            }
        }
        boolean simon = scenario.endpoints().stream().anyMatch(e -> e.analysis().test() == Analysis.Test.SIMON);
        return simon ? new TrialLayout(sizes, endpoints, 2, TrialLayout.Sequential.SIMON)
                : new TrialLayout(sizes, endpoints, 1, TrialLayout.Sequential.FIXED);
    }

    /** The standard model ({@link ScenarioTrial}); its null trials ignore non-binding futility. */
    static final TrialModel MODEL = new TrialModel() {
        @Override
        public VirtualTrial.Factory compile(Scenario scenario, long seed) {
            return ScenarioTrial.factory(scenario, seed, true);
        }

        @Override
        public VirtualTrial.Factory compileNull(Scenario nullScenario, long seed) {
            return ScenarioTrial.factory(nullScenario, seed, false);
        }

        @Override
        public String name() {
            return PATIENT_LEVEL;
        }
    };

    /** The name of the standard (patient-level) model in provenance. */
    public static final String PATIENT_LEVEL = "patient-level";

    /** SHA-256 of the scenario's canonical form. */
    static String hash(Scenario scenario) {
        return ScenarioHash.sha256(scenario);
    }
}
