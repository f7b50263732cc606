package org.trialsim.power;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.Simulation;

/**
 * The benchmark workloads as scenarios, built from the scenario records (the same definitions as the R
 * scripts in benchmarks/peers and the table in benchmarks/README.md).
 *
 * <ul>
 * <li>W1: two-arm binary, 100 per arm, response 0.2 (control) vs 0.5, Pearson chi-square at two-sided 5%.
 * <li>W2: two-arm exponential time to event from randomization, N = 500, control median 12 weeks, hazard
 * ratio 0.75, even accrual over 52 weeks, analysis at the 300th event, log-rank at two-sided 5%.
 * <li>W3: W1 at 20, 40, ..., 200 per arm (total 40 to 400), nested.
 * <li>W4: the default scenario {@code ketamine-vs-midazolam} over its grid.
 * </ul>
 */
public final class Workloads {

    /** W3's grid of patients per arm. */
    public static final int[] W3_PER_ARM = IntStream.rangeClosed(1, 10).map(i -> 20 * i).toArray();

    /** The workloads' default Monte Carlo settings (the benchmarks override replicates and seed). */
    private static final Simulation SIMULATION = new Simulation(10_000, 20261122L, Double.NaN, 0);

    private Workloads() {
    }

    /**
     * Runs {@code study} as the whole-study benchmarks time it: {@code replicates} fixed replicates of the
     * alternative only ({@code nullHypothesis(false)}, as the peers do) on {@code threads} threads.
     */
    public static StudyResult alternativeOnly(PowerStudy study, int replicates, long seed, int threads) {
        return study.replicates(replicates).seed(seed).threads(threads).nullHypothesis(false)
                .fixedReplicates().run();
    }

    /** W4: the default built-in scenario ({@code ketamine-vs-midazolam}) as shipped, over its own grid. */
    public static Scenario ketamine() {
        return ScenarioLibrary.load(ScenarioLibrary.DEFAULT);
    }

    /** W1 at {@code perArm} patients per arm. */
    public static Scenario w1(int perArm) {
        return binary("w1", List.of(2 * perArm));
    }

    /** W3: W1 over 10 sample sizes from 20 to 200 per arm. */
    public static Scenario w3() {
        return binary("w3", IntStream.of(W3_PER_ARM).map(n -> 2 * n).boxed().toList());
    }

    /** A plain two-arm binary design (induction response alone, no dropout) over the given total sizes. */
    public static Scenario binary(String name, List<Integer> totals) {
        Arm control = new Arm("control", 1, true,
                Map.of("all", new PatientModel(new ResponseModel.Probability(0.2, 0.0), null, null)));
        Arm treatment = new Arm("treatment", 1, false,
                Map.of("all", new PatientModel(new ResponseModel.Probability(0.5, 0.0), null, null)));
        Endpoint response = new Endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN,
                new Analysis(Analysis.Test.CHI_SQUARE, Double.NaN, null), "treatment", "control", List.of());
        // alpha 0.05 two-sided, blocks of 2, one stratum, no dropout: the builder's defaults
        return Scenario.builder().name(name).title("benchmark " + name)
                .description("two-arm binary, response 0.2 vs 0.5").sampleSizes(totals)
                .arms(control, treatment).enrollment(new Enrollment.Even(26))
                .schedule(new Schedule(4, List.of(4.0), Schedule.Observation.EXACT, new Cutoff.FollowUp(4)))
                .endpoints(response).simulation(SIMULATION).build();
    }

    /** W2: two-arm exponential time to event, N = 500, log-rank at the 300th event. */
    public static Scenario w2() {
        Hazard control = new Hazard.Exponential(Math.log(2) / 12);
        Arm c = new Arm("control", 1, true,
                Map.of("all", new PatientModel(null, new Relapse(Relapse.Origin.RANDOMIZATION, control, 0, 1), null)));
        Arm t = new Arm("treatment", 1, false,
                Map.of("all", new PatientModel(null, new Relapse(Relapse.Origin.RANDOMIZATION, control, 0, 0.75),
                        null)));
        Endpoint relapse = new Endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN,
                new Analysis(Analysis.Test.LOG_RANK, Double.NaN, null), "treatment", "control", List.of());
        return Scenario.builder().name("w2").title("benchmark w2")
                .description("two-arm exponential time to event, HR 0.75, 300 events").sampleSizes(List.of(500))
                .arms(c, t).enrollment(new Enrollment.Even(52))
                .schedule(new Schedule(0, List.of(), Schedule.Observation.EXACT, new Cutoff.Events(300, "relapse")))
                .endpoints(relapse).simulation(SIMULATION).build();
    }
}
