package org.trialsim.cohort;

import java.util.List;
import java.util.Map;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.Simulation;

/** A plain two-arm binary scenario (induction response alone, permuted blocks of 2) for sampler tests. */
final class BinaryScenario {

    private BinaryScenario() {
    }

    static Scenario of(double control, double treatment, int total) {
        Arm c = new Arm("control", 1, true,
                Map.of("all", new PatientModel(new ResponseModel.Probability(control, 0.0), null, null)));
        Arm t = new Arm("treatment", 1, false,
                Map.of("all", new PatientModel(new ResponseModel.Probability(treatment, 0.0), null, null)));
        Endpoint response = new Endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN,
                new Analysis(Analysis.Test.CHI_SQUARE, Double.NaN, null), "treatment", "control", List.of());
        // alpha 0.05 two-sided, permuted blocks of 2, one stratum, no dropout: the builder's defaults
        return Scenario.builder().name("binary").title("two-arm binary").sampleSizes(List.of(total)).arms(c, t)
                .enrollment(new Enrollment.Even(26))
                .schedule(new Schedule(4, List.of(4.0), Schedule.Observation.EXACT, new Cutoff.FollowUp(4)))
                .endpoints(response).simulation(new Simulation(1000, 1L, Double.NaN, 0)).build();
    }
}
