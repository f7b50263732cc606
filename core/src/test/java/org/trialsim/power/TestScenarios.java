package org.trialsim.power;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.Simulation;
import org.trialsim.scenario.Stratum;

/**
 * Scenarios of textbook designs built from the records directly (no parser needed): the same model that
 * serves the ketamine scenarios with every process but one switched off.
 */
final class TestScenarios {

    private TestScenarios() {
    }

    static final Stratum ALL = new Stratum("all", 1.0, false);
    static final Stratum USERS = new Stratum("all", 1.0, true);
    static final Simulation SIMULATION = new Simulation(1000, 1, Double.NaN, 100_000);

    static Arm arm(String name, int allocation, boolean control, PatientModel model) {
        Map<String, PatientModel> m = new LinkedHashMap<>();
        m.put(ALL.name(), model);
        return new Arm(name, allocation, control, m);
    }

    static PatientModel response(double p) {
        return new PatientModel(new ResponseModel.Probability(p, 0), null, null);
    }

    /**
     * Schedule with a one-week induction and per-patient follow-up: every patient is assessed one week
     * after entry.
     */
    static Schedule schedule() {
        return new Schedule(1, List.of(1.0), Schedule.Observation.EXACT, new Cutoff.FollowUp(1));
    }

    /**
     * The common frame of these scenarios: one stratum, everybody entering at week 0 ... 1, the one-week
     * {@link #schedule()}, no dropout, permuted blocks of the allocation-ratio sum and {@link #SIMULATION};
     * the title and description empty.
     */
    static Scenario.Builder builder(String name, List<Integer> sizes, double alpha, Design.Sidedness sides) {
        return Scenario.builder().name(name).title("").sampleSizes(sizes).alpha(alpha).sidedness(sides)
                .strata(ALL).enrollment(new Enrollment.Even(1)).schedule(schedule()).simulation(SIMULATION);
    }

    static Endpoint endpoint(String name, Endpoint.Kind kind, Analysis.Test test) {
        return new Endpoint(name, kind, Double.NaN, new Analysis(test, Double.NaN, null), "trt", "ctrl", List.of());
    }

    /** Two arms (treatment, control) with allocation trt:ctrl, response compared by {@code test}. */
    static Scenario twoArmBinary(double pTrt, double pCtrl, int allocTrt, int allocCtrl, List<Integer> sizes,
            double alpha, Design.Sidedness sides, Analysis.Test test) {
        List<Arm> arms = List.of(arm("trt", allocTrt, false, response(pTrt)),
                arm("ctrl", allocCtrl, true, response(pCtrl)));
        return builder("two-arm-binary", sizes, alpha, sides).arms(arms)
                .endpoints(endpoint("response", Endpoint.Kind.RESPONSE, test)).build();
    }

    /** Two arms 1:1, response compared by {@code test}. */
    static Scenario twoArmBinary(double pTrt, double pCtrl, List<Integer> sizes, double alpha,
            Design.Sidedness sides, Analysis.Test test) {
        return twoArmBinary(pTrt, pCtrl, 1, 1, sizes, alpha, sides, test);
    }

    /** One arm with response {@code p}, tested against the analysis's p0. */
    static Scenario singleArm(double p, List<Integer> sizes, double alpha, Analysis analysis) {
        List<Arm> arms = new ArrayList<>();
        arms.add(arm("trt", 1, false, response(p)));
        Endpoint ep = new Endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN, analysis, "trt", null,
                List.of());
        return builder("single-arm", sizes, alpha, Design.Sidedness.ONE_SIDED).arms(arms).endpoints(ep).build();
    }

    /** For backward compatibility with the engine tests. */
    static Scenario singleArm(double p, double p0, List<Integer> sizes, double alpha, Analysis analysis) {
        return singleArm(p, sizes, alpha, analysis);
    }

    /**
     * Two arms 1:1 with a MADRS change N(changeMean, sd) from a fixed baseline of 30 (baseline SD 0), so the
     * change is normal but for the clamp of the end score to [0, 60], which moves less than 0.4% of the
     * probability when the change means are within +-2.5 of 0 and sd is 10 (|change| > 30 is 2.75 SD away).
     */
    static Scenario twoArmContinuous(double changeTrt, double changeCtrl, double sd, List<Integer> sizes,
            double alpha, Design.Sidedness sides, Analysis.Test test) {
        PatientModel trt = new PatientModel(new ResponseModel.Madrs(30, 0, changeTrt, sd, 0.5, 10), null, null);
        PatientModel ctrl = new PatientModel(new ResponseModel.Madrs(30, 0, changeCtrl, sd, 0.5, 10), null, null);
        List<Arm> arms = List.of(arm("trt", 1, false, trt), arm("ctrl", 1, true, ctrl));
        return builder("two-arm-continuous", sizes, alpha, sides).arms(arms)
                .endpoints(endpoint("madrs", Endpoint.Kind.MADRS_CHANGE, test)).build();
    }

    /** Two arms 1:1 with exponential times from randomization, hazards per unit time. */
    static Scenario twoArmSurvival(double hazardTrt, double hazardCtrl, List<Integer> sizes, double alpha,
            Enrollment enrollment, Cutoff cutoff, Analysis.Test test) {
        PatientModel trt = new PatientModel(null,
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(hazardTrt), 0, 1), null);
        PatientModel ctrl = new PatientModel(null,
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(hazardCtrl), 0, 1), null);
        List<Arm> arms = List.of(arm("trt", 1, false, trt), arm("ctrl", 1, true, ctrl));
        Schedule schedule = new Schedule(1, List.of(1.0), Schedule.Observation.EXACT, cutoff);
        return builder("two-arm-survival", sizes, alpha, Design.Sidedness.ONE_SIDED).arms(arms)
                .enrollment(enrollment).schedule(schedule)
                .endpoints(endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, test)).build();
    }

    /**
     * Two arms 1:1, two independent binary endpoints: response (probabilities pR) and benzodiazepine-free at
     * the end of induction (discontinuation probabilities pB, the same for responders and non-responders, and
     * no return to benzodiazepines), every patient a benzodiazepine user.
     */
    static Scenario twoEndpoints(double pRTrt, double pRCtrl, double pBTrt, double pBCtrl, List<Integer> sizes,
            double alpha, Multiplicity multiplicity) {
        Hazard never = new Hazard.Exponential(0);
        PatientModel trt = new PatientModel(new ResponseModel.Probability(pRTrt, 0), null,
                new Benzodiazepine(pBTrt, pBTrt, never, 1));
        PatientModel ctrl = new PatientModel(new ResponseModel.Probability(pRCtrl, 0), null,
                new Benzodiazepine(pBCtrl, pBCtrl, never, 1));
        List<Arm> arms = List.of(arm("trt", 1, false, trt), arm("ctrl", 1, true, ctrl));
        Endpoint response = endpoint("response", Endpoint.Kind.RESPONSE, Analysis.Test.CHI_SQUARE);
        Endpoint benzo = new Endpoint("benzo_free", Endpoint.Kind.BENZODIAZEPINE_FREE, 1,
                new Analysis(Analysis.Test.CHI_SQUARE, Double.NaN, null), "trt", "ctrl", List.of());
        return builder("two-endpoints", sizes, alpha, Design.Sidedness.ONE_SIDED).strata(USERS).arms(arms)
                .endpoints(response, benzo).multiplicity(multiplicity).build();
    }

    /** A copy of {@code s} with a group-sequential design and enrollment {@code enrollment}. */
    static Scenario withGroupSequential(Scenario s, GroupSequential gs, Enrollment enrollment) {
        return s.toBuilder().groupSequential(gs).enrollment(enrollment).build();
    }
}
