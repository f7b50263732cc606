package org.trialsim.cli;

import java.util.List;
import org.trialsim.multiarm.MultiArmStudy;
import org.trialsim.multiarm.MultiArmSweep;
import org.trialsim.power.MonteCarloStudy;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.SampleSize;
import org.trialsim.power.SampleSizeSearch;
import org.trialsim.power.StudyCounts;
import org.trialsim.power.StudyResult;
import org.trialsim.power.Sweep;
import org.trialsim.scenario.Scenario;

/**
 * What a {@code power} or {@code size} command simulates, as its options built it: the studies to count (one,
 * a sweep's cells in run order, or a search's study over its grid) and how their counts become the command's
 * result. A local run, a shard ({@code --shard}), a merge and a cluster runner all build the plan the same way
 * from the same {@link RunSpec} and hand it counts through the core's shard API ({@link MonteCarloStudy#counts(long,
 * long)}, {@link StudyCounts#merge}), so every one of them ends in the same bytes. The studies are the
 * patient-level engine's ({@link PowerStudy}) or a multi-arm design's ({@link MultiArmStudy}: every configuration
 * and size of the design in one study).
 */
public final class StudyPlan {

    private final PowerStudy study;
    private final MonteCarloStudy template;
    private final Sweep sweep;
    private final MultiArmSweep multiArmSweep;
    private final Scenario sizeScenario;
    private final SampleSizeSearch search;
    private volatile List<MonteCarloStudy> studies;
    private final java.util.Map<Integer, MonteCarloStudy> built = new java.util.concurrent.ConcurrentHashMap<>();

    private StudyPlan(PowerStudy study, MonteCarloStudy template, Sweep sweep, MultiArmSweep multiArmSweep,
            Scenario sizeScenario, SampleSizeSearch search) {
        this.study = study;
        this.template = template;
        this.sweep = sweep;
        this.multiArmSweep = multiArmSweep;
        this.sizeScenario = sizeScenario;
        this.search = search;
    }

    /** A power study, or a sweep of it when {@code sweep} is not null. */
    static StudyPlan power(PowerStudy study, Sweep sweep) {
        return new StudyPlan(study, study, sweep, null, null, null);
    }

    /** A multi-arm design's study: every configuration and size of it counted as one study. */
    static StudyPlan multiArm(MultiArmStudy study) {
        return new StudyPlan(null, study, null, null, null, null);
    }

    /** A sweep of a multi-arm design: each cell one study ({@link MultiArmSweep#cellStudy(int)}). */
    static StudyPlan multiArm(MultiArmSweep sweep) {
        return new StudyPlan(null, sweep.template(), null, sweep, null, null);
    }

    /** The multi-arm design's sweep, or null. */
    MultiArmSweep multiArmSweep() {
        return multiArmSweep;
    }

    /** Whether the plan is a sweep (of the patient-level engine or of a multi-arm design). */
    boolean isSweep() {
        return sweep != null || multiArmSweep != null;
    }

    /** Whether the plan is a multi-arm design's ({@link #multiArm(MultiArmStudy)}). */
    boolean isMultiArm() {
        return template instanceof MultiArmStudy;
    }

    /** A sample-size search of {@code scenario} (as given, for the printed provenance). */
    static StudyPlan size(Scenario scenario, SampleSizeSearch search) {
        return new StudyPlan(search.study(), search.study(), null, null, scenario, search);
    }

    /** Whether this is a sample-size search ({@link #size(StudyCounts)}) rather than a power study. */
    public boolean isSearch() {
        return search != null;
    }

    /**
     * The patient-level study announced on the terminal (a sweep's template, a search's study).
     *
     * @throws IllegalStateException for a multi-arm design's plan, which has none ({@link #template()})
     */
    PowerStudy announced() {
        if (study == null) {
            throw new IllegalStateException("a multi-arm design's plan has no patient-level study");
        }
        return study;
    }

    /**
     * The study whose fingerprint stands for the run (the patient-level study announced, or the multi-arm
     * design's study): its seed, replicates, model and stream layout are every study's of the plan.
     */
    public MonteCarloStudy template() {
        return template;
    }

    /** The sweep, or null. */
    Sweep sweep() {
        return sweep;
    }

    /** The scenario a search prints in its head. */
    Scenario sizeScenario() {
        return sizeScenario;
    }

    /**
     * The studies whose replicate ranges are counted, in run order: a sweep's cells, else the one study (a
     * search's over its grid). Built once per plan; a study is immutable and compiles once, so a runner that
     * counts many ranges of the same plan in one JVM shares the compiled trials.
     */
    public List<MonteCarloStudy> studies() {
        List<MonteCarloStudy> s = studies;
        if (s == null) {
            s = sweep != null ? List.copyOf(sweep.cellStudies())
                    : multiArmSweep != null ? List.copyOf(multiArmSweep.cellStudies()) : List.of(template);
            studies = s;
        }
        return s;
    }

    /** The number of studies ({@link #studies()}'s size), without building them. */
    public int cellCount() {
        return sweep != null ? sweep.cellCount() : multiArmSweep != null ? multiArmSweep.cellCount() : 1;
    }

    /**
     * Study {@code cell} of {@link #studies()}, building only that one (a sweep's cell is a parse of its
     * scenario): a worker of a cluster counts the ranges of a few cells of a grid that may hold thousands, and
     * builds those alone. Built once per plan.
     *
     * @throws IndexOutOfBoundsException if {@code cell} is not in {@code [0, cellCount())}
     */
    public MonteCarloStudy study(int cell) {
        List<MonteCarloStudy> all = studies;
        if (all != null) {
            return all.get(cell);
        }
        if (multiArmSweep != null) {
            return built.computeIfAbsent(cell, i -> MultiArmRun.cell(multiArmSweep, i));
        }
        if (sweep == null) {
            java.util.Objects.checkIndex(cell, 1);
            return template;
        }
        return built.computeIfAbsent(cell, sweep::cellStudy);
    }

    /** How many studies {@link #study(int)} has built one by one (for tests: a worker builds only its own). */
    int builtOneByOne() {
        return built.size();
    }

    /** The trial model every study of the plan runs ({@link PowerStudy#modelName()}), as decided on all cells. */
    public String modelName() {
        return template.modelName();
    }

    /** Replicates each study runs (its fixed number; with a precision target, the least it runs). */
    public long replicates() {
        return Long.parseLong(template.fingerprint().get("replicates"));
    }

    /** Whether the studies run a fixed number of replicates (no precision target), as shards need. */
    public boolean fixedReplicates() {
        return "none".equals(template.fingerprint().get("target_mcse"));
    }

    /**
     * The power command's result from the counts of the first cells, each over replicates {@code [0, k)}: the
     * bits of the local run ({@link Sweep#result(List)}, {@link PowerStudy#result(StudyCounts)}).
     */
    public StudyResult result(List<StudyCounts> counts) {
        if (search != null) {
            throw new IllegalStateException("a size search has no power result");
        }
        if (sweep != null) {
            return sweep.result(counts);
        }
        if (multiArmSweep != null) {
            return multiArmSweep.result(counts);
        }
        if (counts.size() != 1) {
            throw new IllegalArgumentException(counts.size() + " studies of counts for one study");
        }
        return template.result(counts.get(0));
    }

    /** The size command's result from the search study's counts over {@code [0, k)}. */
    public SampleSize size(StudyCounts counts) {
        return search.result(counts);
    }
}
