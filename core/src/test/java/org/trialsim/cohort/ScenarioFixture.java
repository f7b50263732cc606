package org.trialsim.cohort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.Simulation;
import org.trialsim.scenario.Stratum;

/**
 * Builds {@link Scenario} records in code for tests, until the YAML parser lands; every field has a plain
 * default (one stratum, Uniform enrollment over 52 weeks, no dropout, 4-week induction, exact observation,
 * 52 weeks of follow-up, blocks of the allocation sum).
 */
public final class ScenarioFixture {

    private final List<Stratum> strata = new ArrayList<>();
    private final List<Arm> arms = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private List<Integer> sampleSizes = List.of(100);
    private Randomization randomization = new Randomization(Randomization.Method.BLOCKS, 0, false);
    private Enrollment enrollment = new Enrollment.Uniform(52);
    private Dropout dropout = Dropout.NONE;
    private double inductionWeeks = 4;
    private List<Double> visits = List.of();
    private Schedule.Observation observation = Schedule.Observation.EXACT;
    private Cutoff cutoff = new Cutoff.FollowUp(52);

    /** Adds a stratum. */
    public ScenarioFixture stratum(String name, double prevalence, boolean benzodiazepineUser) {
        strata.add(new Stratum(name, prevalence, benzodiazepineUser));
        return this;
    }

    /** Adds an arm with the same model in every stratum (add strata first; one stratum "all" if none). */
    public ScenarioFixture arm(String name, int allocation, boolean control, PatientModel model) {
        ensureStratum();
        Map<String, PatientModel> byStratum = new LinkedHashMap<>();
        for (Stratum s : strata) {
            byStratum.put(s.name(), model);
        }
        arms.add(new Arm(name, allocation, control, byStratum));
        return this;
    }

    /** Adds an arm with one model per stratum, in the order of the strata. */
    public ScenarioFixture arm(String name, int allocation, boolean control, List<PatientModel> models) {
        ensureStratum();
        Map<String, PatientModel> byStratum = new LinkedHashMap<>();
        for (int s = 0; s < strata.size(); s++) {
            byStratum.put(strata.get(s).name(), models.get(s));
        }
        arms.add(new Arm(name, allocation, control, byStratum));
        return this;
    }

    private void ensureStratum() {
        if (strata.isEmpty()) {
            strata.add(new Stratum("all", 1, false));
        }
    }

    public ScenarioFixture sampleSizes(Integer... sizes) {
        sampleSizes = List.of(sizes);
        return this;
    }

    public ScenarioFixture randomization(Randomization.Method method, int blockSize, boolean stratified) {
        randomization = new Randomization(method, blockSize, stratified);
        return this;
    }

    public ScenarioFixture enrollment(Enrollment e) {
        enrollment = e;
        return this;
    }

    public ScenarioFixture dropout(double inductionProbability, double hazardPerWeek) {
        dropout = new Dropout(inductionProbability, hazardPerWeek);
        return this;
    }

    public ScenarioFixture induction(double weeks) {
        inductionWeeks = weeks;
        return this;
    }

    public ScenarioFixture visits(Double... weeks) {
        visits = List.of(weeks);
        return this;
    }

    public ScenarioFixture observation(Schedule.Observation o) {
        observation = o;
        return this;
    }

    public ScenarioFixture cutoff(Cutoff c) {
        cutoff = c;
        return this;
    }

    /** Adds an endpoint comparing {@code treatment} with {@code control} (null for single-arm). */
    public ScenarioFixture endpoint(String name, Endpoint.Kind kind, double atWeek, String treatment, String control,
            String... analysisStrata) {
        Analysis.Test test = switch (kind.type()) {
            case BINARY -> Analysis.Test.CHI_SQUARE;
            case CONTINUOUS -> Analysis.Test.T_TEST;
            case TIME_TO_EVENT -> Analysis.Test.LOG_RANK;
        };
        endpoints.add(new Endpoint(name, kind, atWeek, new Analysis(test, Double.NaN, null), treatment, control,
                List.of(analysisStrata)));
        return this;
    }

    public Scenario build() {
        ensureStratum();
        return Scenario.builder().name("fixture").title("Test fixture").description("built in code")
                .sampleSizes(sampleSizes).randomization(randomization).strata(strata).arms(arms)
                .enrollment(enrollment).dropout(dropout)
                .schedule(new Schedule(inductionWeeks, visits, observation, cutoff)).endpoints(endpoints)
                .simulation(new Simulation(1000, 1, Double.NaN, 1000)).build();
    }
}
