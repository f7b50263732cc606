package org.trialsim.cohort;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.ProcessRegistry;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Stratum;

/**
 * A scenario compiled for sampling: the trial's frame (strata, allocation, enrollment) precomputed,
 * and every registered patient process that some arm x stratum has compiled into its {@link ProcessSampler}, in
 * registration order. Immutable and shared by all threads; each thread draws cohorts through its own
 * {@link CohortSampler} ({@link #newSampler()}).
 */
public final class SamplingPlan {

    private final Scenario scenario;
    private final int arms;
    private final int strata;
    private final double[] stratumCumulative;
    private final int[] ratios;
    private final double inductionWeeks;
    private final EnrollmentProcess enrollment;
    private final List<Compiled> processes;
    /** The original processes' samplers, for the fused loop of {@link CohortSampler}; {@code null} if absent. */
    private final InductionResponse.Sampler response;
    private final RelapseTime.Sampler relapse;
    private final BenzodiazepineCourse.Sampler benzodiazepine;

    /**
     * One part of a process present in the plan ({@link SampledProcess.Part}): the process, the stream the part
     * draws from, the columns it writes and its compiled sampler.
     */
    record Compiled(SampledProcess process, StreamId stream, List<Column> columns, ProcessSampler sampler) {
    }

    private SamplingPlan(Scenario scenario) {
        this.scenario = scenario;
        List<Stratum> strataList = scenario.strata();
        List<Arm> armList = scenario.arms();
        this.arms = armList.size();
        this.strata = strataList.size();
        if (arms < 1 || arms > Byte.MAX_VALUE || strata < 1 || strata > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("need 1 to 127 arms and strata: " + arms + " arms, " + strata + " strata");
        }
        stratumCumulative = new double[strata];
        double acc = 0;
        for (int s = 0; s < strata; s++) {
            acc += strataList.get(s).prevalence();
            stratumCumulative[s] = acc;
        }
        if (Math.abs(acc - 1) > 1e-9) {
            throw new IllegalArgumentException("stratum prevalences sum to " + acc + ", not 1");
        }
        ratios = armList.stream().mapToInt(Arm::allocation).toArray();
        inductionWeeks = scenario.schedule().inductionWeeks();
        enrollment = EnrollmentProcess.of(scenario.enrollment());
        List<Compiled> compiled = new ArrayList<>();
        for (ProcessDefinition d : ProcessRegistry.get().all()) {
            ProcessCells cells = cells(scenario, d);
            if (cells == null) {
                continue;
            }
            if (!(d instanceof SampledProcess sp)) {
                throw new IllegalStateException("process " + d.key() + " is registered without a sampler");
            }
            for (SampledProcess.Part part : sp.parts(cells)) {
                compiled.add(new Compiled(sp, part.stream(), part.columns(), part.sampler()));
            }
        }
        this.processes = List.copyOf(compiled);
        this.response = find(InductionResponse.Sampler.class);
        this.relapse = find(RelapseTime.Sampler.class);
        this.benzodiazepine = find(BenzodiazepineCourse.Sampler.class);
        new AllocationSequence(scenario.design().randomization(), ratios, strata); // validates the blocks
    }

    /** The process's models per arm x stratum, or {@code null} if no cell has it. */
    private static ProcessCells cells(Scenario scenario, ProcessDefinition d) {
        List<Arm> armList = scenario.arms();
        List<Stratum> strataList = scenario.strata();
        ProcessModel[] models = new ProcessModel[armList.size() * strataList.size()];
        boolean any = false;
        for (int a = 0; a < armList.size(); a++) {
            for (int s = 0; s < strataList.size(); s++) {
                PatientModel m = armList.get(a).model(strataList.get(s).name());
                ProcessModel pm = null;
                if (d.appliesTo(strataList.get(s))) {
                    pm = m.process(d.key());
                    if (pm == null) {
                        pm = d.scenarioWide(scenario);
                    }
                    if (pm != null && !d.sampled(pm)) {
                        pm = null;
                    }
                }
                models[a * strataList.size() + s] = pm;
                any |= pm != null;
            }
        }
        return any ? new ProcessCells(scenario, models) : null;
    }

    private <T> T find(Class<T> type) {
        for (Compiled c : processes) {
            if (type.isInstance(c.sampler())) {
                return type.cast(c.sampler());
            }
        }
        return null;
    }

    /**
     * Compiles a scenario.
     *
     * @throws IllegalArgumentException if a parameter is outside its range (the parser reports these with
     *     file and line first; this is the last line of defence for scenarios built in code)
     */
    public static SamplingPlan compile(Scenario scenario) {
        return new SamplingPlan(scenario);
    }

    /** A new per-thread sampler over this plan. */
    public CohortSampler newSampler() {
        return new CohortSampler(this);
    }

    /** The scenario this plan was compiled from. */
    public Scenario scenario() {
        return scenario;
    }

    /** The enrollment process (also needed to read entry times of a prefix, see {@link EnrollmentProcess}). */
    public EnrollmentProcess enrollment() {
        return enrollment;
    }

    /** Weeks of induction. */
    public double inductionWeeks() {
        return inductionWeeks;
    }

    /** The processes of the plan in sampling order, part by part, each with its compiled sampler. */
    List<Compiled> processes() {
        return processes;
    }

    /**
     * The columns the plan's processes write, in sampling order (a process of named instances lists the columns
     * of the instances this scenario names), for listings.
     */
    public List<Column> columns() {
        List<Column> out = new ArrayList<>();
        for (Compiled c : processes) {
            out.addAll(c.columns());
        }
        return List.copyOf(out);
    }

    /** Whether some process of the plan draws from stream {@code id}. */
    boolean draws(StreamId id) {
        for (Compiled c : processes) {
            if (c.stream().equals(id)) {
                return true;
            }
        }
        return false;
    }

    int arms() {
        return arms;
    }

    int strata() {
        return strata;
    }

    AllocationSequence newAllocationSequence() {
        return new AllocationSequence(scenario.design().randomization(), ratios,
                scenario.armIndex(scenario.controlArm().name()), strata);
    }

    InductionResponse.Sampler response() {
        return response;
    }

    RelapseTime.Sampler relapse() {
        return relapse;
    }

    BenzodiazepineCourse.Sampler benzodiazepine() {
        return benzodiazepine;
    }

    /**
     * Whether the sampler's fused loop applies: every cell's response a Bernoulli draw and every cell with a
     * relapse process (the ketamine scenarios), so that arm, response, relapse and the benzodiazepine users'
     * variates are drawn in one loop over the patients.
     */
    boolean fusable() {
        return response != null && response.responseProbabilities() != null && relapse != null
                && relapse.everyCell();
    }

    /**
     * Whether the relapse process draws a durability uniform ({@link RelapseTime.Sampler#anyDurable}); false
     * without a relapse process.
     */
    boolean anyDurable() {
        return relapse != null && relapse.anyDurable;
    }

    /** The stratum of a patient drawn by prevalence (one uniform when there are several strata). */
    int drawStratum(Variates v) {
        if (strata == 1) {
            return 0;
        }
        double u = v.uniform();
        // Counted over every boundary rather than searched: no data-dependent exit to mispredict.
        int s = 0;
        for (int j = 0; j < strata - 1; j++) {
            s += u >= stratumCumulative[j] ? 1 : 0;
        }
        return s;
    }
}
