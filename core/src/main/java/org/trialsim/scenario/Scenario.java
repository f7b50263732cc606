package org.trialsim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A complete, validated trial scenario: what a planner assumes about patients and how the trial is run and
 * analysed. Produced by the scenario parser; consumed by the sampling-plan compiler and the power engine.
 *
 * @param name short machine name (used in file names and the built-in library)
 * @param title one-line human title
 * @param description free text, typically the published sources behind the assumptions
 * @param design sample sizes, alpha, sidedness and randomization
 * @param strata patient strata with prevalences (at least one; prevalences sum to 1)
 * @param arms the arms, each with one resolved patient model per stratum
 * @param enrollment when patients enter the trial
 * @param dropout when patients leave before their data are complete
 * @param schedule induction length, visits, how events are observed and the data cutoff
 * @param endpoints the endpoints with their analyses, in order of priority
 * @param multiplicity how rejections across endpoints are controlled
 * @param groupSequential interim looks on the primary endpoint, or {@code null} for a fixed design
 * @param simulation default replicates, seed and precision target
 */
public record Scenario(
        String name,
        String title,
        String description,
        Design design,
        List<Stratum> strata,
        List<Arm> arms,
        Enrollment enrollment,
        Dropout dropout,
        Schedule schedule,
        List<Endpoint> endpoints,
        Multiplicity multiplicity,
        GroupSequential groupSequential,
        Simulation simulation) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(design, "design");
        strata = List.copyOf(strata);
        arms = List.copyOf(arms);
        Objects.requireNonNull(enrollment, "enrollment");
        Objects.requireNonNull(dropout, "dropout");
        Objects.requireNonNull(schedule, "schedule");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(multiplicity, "multiplicity");
        Objects.requireNonNull(simulation, "simulation");
    }

    /** Index of the arm with this name, or -1. */
    public int armIndex(String armName) {
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).name().equals(armName)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the stratum with this name, or -1. */
    public int stratumIndex(String stratumName) {
        for (int i = 0; i < strata.size(); i++) {
            if (strata.get(i).name().equals(stratumName)) {
                return i;
            }
        }
        return -1;
    }

    /** The control arm: the arm flagged as control, else the last arm. */
    public Arm controlArm() {
        return arms.stream().filter(Arm::control).findFirst().orElse(arms.get(arms.size() - 1));
    }

    /** The largest total sample size of the design grid. */
    public int maxSampleSize() {
        return design.sampleSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
