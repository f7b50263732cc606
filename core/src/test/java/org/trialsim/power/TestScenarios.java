package org.trialsim.power;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/** Scenarios of textbook designs built from the records directly (no parser needed). */
final class TestScenarios {

    private TestScenarios() {
    }

    static final Stratum ALL = new Stratum("all", 1.0, false);

    static Arm arm(String name, int allocation, boolean control, PatientModel model) {
        Map<String, PatientModel> m = new LinkedHashMap<>();
        m.put(ALL.name(), model);
        return new Arm(name, allocation, control, m);
    }

    static PatientModel response(double p) {
        return new PatientModel(new ResponseModel.Probability(p, 0), null, null);
    }

    static Schedule schedule() {
        return new Schedule(4, List.of(4.0), Schedule.Observation.EXACT, new Cutoff.FollowUp(4));
    }

    static Design design(List<Integer> sizes, double alpha, Design.Sidedness sides, int block) {
        return new Design(sizes, alpha, sides, new Randomization(Randomization.Method.BLOCKS, block, false));
    }

    /** Two arms (treatment, control) 1:1, response compared by {@code test}. */
    static Scenario twoArmBinary(double pTrt, double pCtrl, List<Integer> sizes, double alpha,
            Design.Sidedness sides, Analysis.Test test) {
        List<Arm> arms = List.of(arm("trt", 1, false, response(pTrt)), arm("ctrl", 1, true, response(pCtrl)));
        Endpoint ep = new Endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN,
                new Analysis(test, Double.NaN, null), "trt", "ctrl", List.of());
        return new Scenario("two-arm-binary", "", "", design(sizes, alpha, sides, 2), List.of(ALL), arms,
                new Enrollment.Even(1), Dropout.NONE, schedule(), List.of(ep), Multiplicity.NONE, null,
                new Simulation(1000, 1, Double.NaN, 100_000));
    }

    /** One arm with response {@code p}, tested against {@code p0}. */
    static Scenario singleArm(double p, double p0, List<Integer> sizes, double alpha, Analysis analysis) {
        List<Arm> arms = new ArrayList<>();
        arms.add(arm("trt", 1, false, response(p)));
        Endpoint ep = new Endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN, analysis, "trt", null,
                List.of());
        return new Scenario("single-arm", "", "", design(sizes, alpha, Design.Sidedness.ONE_SIDED, 1), List.of(ALL),
                arms, new Enrollment.Even(1), Dropout.NONE, schedule(), List.of(ep), Multiplicity.NONE, null,
                new Simulation(1000, 1, Double.NaN, 100_000));
    }
}
