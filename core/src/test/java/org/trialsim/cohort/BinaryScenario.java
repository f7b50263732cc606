package org.trialsim.cohort;

import java.util.List;
import java.util.Map;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.Simulation;
import org.trialsim.scenario.Stratum;

/** A plain two-arm binary scenario (induction response alone, permuted blocks of 2) for sampler tests. */
final class BinaryScenario {

    private BinaryScenario() {
    }

    static Scenario of(double control, double treatment, int total) {
        Stratum all = new Stratum("all", 1.0, false);
        Arm c = new Arm("control", 1, true,
                Map.of("all", new PatientModel(new ResponseModel.Probability(control, 0.0), null, null)));
        Arm t = new Arm("treatment", 1, false,
                Map.of("all", new PatientModel(new ResponseModel.Probability(treatment, 0.0), null, null)));
        Endpoint response = new Endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN,
                new Analysis(Analysis.Test.CHI_SQUARE, Double.NaN, null), "treatment", "control", List.of());
        return new Scenario("binary", "two-arm binary", "", new Design(List.of(total), 0.05,
                Design.Sidedness.TWO_SIDED, new Randomization(Randomization.Method.BLOCKS, 2, false)),
                List.of(all), List.of(c, t), new Enrollment.Even(26), Dropout.NONE,
                new Schedule(4, List.of(4.0), Schedule.Observation.EXACT, new Cutoff.FollowUp(4)),
                List.of(response), Multiplicity.NONE, null, new Simulation(1000, 1L, Double.NaN, 0));
    }
}
