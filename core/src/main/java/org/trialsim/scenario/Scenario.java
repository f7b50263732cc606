package org.trialsim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A complete, validated trial scenario: what a planner assumes about patients and how the trial is run and
 * analysed. Produced by the scenario parser; consumed by the sampling-plan compiler and the power engine.
 *
 * <p>Code and tests build one with {@link #builder()}, which starts from the parser's defaults (those of
 * {@code defaults.yaml}), or change one part of an existing scenario with {@link #toBuilder()}:
 * <pre>{@code
 * Scenario s = Scenario.builder().name("binary").sampleSizes(List.of(80, 120))
 *         .arms(treatment, control).endpoints(response).build();
 * Scenario withDropout = s.toBuilder().dropout(new Dropout(0.1, 0)).build();
 * }</pre>
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
 * @param multiArm a multi-arm design comparing every arm with the control ({@code multi_arm} or
 *     {@code response_adaptive}), simulated by {@link org.trialsim.multiarm.MultiArmStudy} instead of the
 *     patient-level engine; {@code null} for every other scenario
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
        Simulation simulation,
        MultiArm multiArm) {

    /** A scenario without a multi-arm design. */
    public Scenario(String name, String title, String description, Design design, List<Stratum> strata,
            List<Arm> arms, Enrollment enrollment, Dropout dropout, Schedule schedule, List<Endpoint> endpoints,
            Multiplicity multiplicity, GroupSequential groupSequential, Simulation simulation) {
        this(name, title, description, design, strata, arms, enrollment, dropout, schedule, endpoints, multiplicity,
                groupSequential, simulation, null);
    }

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

    /**
     * The primary endpoint: the first of the multiplicity order, which is the order the endpoints are listed
     * in (a fixed sequence tests them in that order, and every other procedure takes it as their priority).
     * What {@code size} searches and the charts show by default; a planner names another with
     * {@code --measure}.
     */
    public Endpoint primaryEndpoint() {
        return endpoints.get(0);
    }

    /** The measure of the primary endpoint's power, {@code power:<name>}. */
    public String primaryMeasure() {
        return "power:" + primaryEndpoint().name();
    }

    /** The largest total sample size of the design grid. */
    public int maxSampleSize() {
        return design.sampleSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /**
     * A builder that starts from the defaults a scenario file gets for every key it leaves out: one stratum
     * {@code all} (prevalence 1, no benzodiazepine users), the design's alpha, sides and randomization (blocks
     * of the allocation-ratio sum), enrollment, dropout, schedule, multiplicity and simulation of
     * {@code defaults.yaml}, and no interim looks. The name, sample sizes, arms and endpoints have no default.
     * Unless a schedule is given, the induction length follows from the arms' processes as for a file that
     * leaves {@code schedule.induction_weeks} out: 4 weeks if some process runs on the induction clock, else 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every part of this scenario, to make a copy with some parts changed. */
    public Builder toBuilder() {
        return new Builder().name(name).title(title).description(description).design(design).strata(strata)
                .arms(arms).enrollment(enrollment).dropout(dropout).schedule(schedule).endpoints(endpoints)
                .multiplicity(multiplicity).groupSequential(groupSequential).simulation(simulation).multiArm(multiArm);
    }

    /**
     * Builds a {@link Scenario} part by part; see {@link Scenario#builder()} for the defaults. The design is
     * kept as its four parts, so that {@link #sampleSizes} alone changes the grid; unless a randomization is
     * given, it is permuted blocks of the sum of the arms' allocation ratios, as the parser's default.
     */
    public static final class Builder {

        private String name;
        private String title;
        private String description = "";
        private List<Integer> sampleSizes;
        private double alpha;
        private Design.Sidedness sidedness;
        private Randomization randomization;
        private List<Stratum> strata = List.of(new Stratum("all", 1, false));
        private List<Arm> arms = List.of();
        private Enrollment enrollment;
        private Dropout dropout;
        private Schedule schedule;
        private List<Endpoint> endpoints = List.of();
        private Multiplicity multiplicity;
        private GroupSequential groupSequential;
        private Simulation simulation;
        private MultiArm multiArm;

        private Builder() {
            ScenarioReader.Defaults d = ScenarioReader.Defaults.INSTANCE;
            alpha = d.alpha();
            sidedness = d.sidedness();
            enrollment = d.enrollment();
            dropout = d.dropout();
            schedule = d.schedule();
            multiplicity = d.multiplicity();
            simulation = d.simulation();
        }

        /** The short machine name (required). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The one-line title; the name if not given. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Free text; empty if not given. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** All four parts of the design at once. */
        public Builder design(Design design) {
            return sampleSizes(design.sampleSizes()).alpha(design.alpha()).sidedness(design.sidedness())
                    .randomization(design.randomization());
        }

        /** The total sample sizes of the design grid (required). */
        public Builder sampleSizes(List<Integer> sampleSizes) {
            this.sampleSizes = List.copyOf(sampleSizes);
            return this;
        }

        /** The significance level. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** One- or two-sided testing. */
        public Builder sidedness(Design.Sidedness sidedness) {
            this.sidedness = sidedness;
            return this;
        }

        /** The randomization; {@code null} for the default (blocks of the allocation-ratio sum). */
        public Builder randomization(Randomization randomization) {
            this.randomization = randomization;
            return this;
        }

        /** The strata. */
        public Builder strata(List<Stratum> strata) {
            this.strata = List.copyOf(strata);
            return this;
        }

        /** The strata. */
        public Builder strata(Stratum... strata) {
            return strata(List.of(strata));
        }

        /** The arms (required). */
        public Builder arms(List<Arm> arms) {
            this.arms = List.copyOf(arms);
            return this;
        }

        /** The arms (required). */
        public Builder arms(Arm... arms) {
            return arms(List.of(arms));
        }

        /** When patients enter. */
        public Builder enrollment(Enrollment enrollment) {
            this.enrollment = enrollment;
            return this;
        }

        /** Loss to follow-up. */
        public Builder dropout(Dropout dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Induction, visits, observation and cutoff. */
        public Builder schedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** The endpoints in order of priority. */
        public Builder endpoints(List<Endpoint> endpoints) {
            this.endpoints = List.copyOf(endpoints);
            return this;
        }

        /** The endpoints in order of priority. */
        public Builder endpoints(Endpoint... endpoints) {
            return endpoints(List.of(endpoints));
        }

        /** Multiplicity control across endpoints. */
        public Builder multiplicity(Multiplicity multiplicity) {
            this.multiplicity = multiplicity;
            return this;
        }

        /** Interim looks, or {@code null} for a fixed design. */
        public Builder groupSequential(GroupSequential groupSequential) {
            this.groupSequential = groupSequential;
            return this;
        }

        /** Replicates, seed and precision target. */
        public Builder simulation(Simulation simulation) {
            this.simulation = simulation;
            return this;
        }

        /** A multi-arm design ({@code multi_arm} or {@code response_adaptive}), or {@code null} (the default). */
        public Builder multiArm(MultiArm multiArm) {
            this.multiArm = multiArm;
            return this;
        }

        /**
         * The scenario. Like the records it is made of, it checks presence, not consistency: the parser
         * validates what files give, and code that builds scenarios is trusted to build sound ones.
         *
         * @throws NullPointerException if the name or the sample sizes are missing
         * @throws IllegalStateException if there are no arms
         */
        public Scenario build() {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sampleSizes, "sampleSizes");
            if (arms.isEmpty()) {
                throw new IllegalStateException("a scenario needs at least one arm");
            }
            Randomization rand = randomization;
            if (rand == null) {
                ScenarioReader.Defaults d = ScenarioReader.Defaults.INSTANCE;
                rand = new Randomization(d.method(), arms.stream().mapToInt(Arm::allocation).sum(), d.stratified());
            }
            Schedule resolved = schedule;
            if (Double.isNaN(resolved.inductionWeeks())) {
                // the default schedule: its induction follows from the processes, as in a file without the key
                resolved = new Schedule(ScenarioReader.inductionWeeks(arms), schedule.visitWeeks(),
                        schedule.observation(), schedule.cutoff());
            }
            return new Scenario(name, title == null ? name : title, description,
                    new Design(sampleSizes, alpha, sidedness, rand), strata, arms, enrollment, dropout, resolved,
                    endpoints, multiplicity, groupSequential, simulation, multiArm);
        }
    }
}
