package org.trialsim.cli;

import java.util.List;
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
 * from the same {@link RunSpec} and hand it counts through the core's shard API ({@link PowerStudy#counts(long,
 * long)}, {@link StudyCounts#merge}), so every one of them ends in the same bytes.
 */
public final class StudyPlan {

    private final PowerStudy study;
    private final Sweep sweep;
    private final Scenario sizeScenario;
    private final SampleSizeSearch search;
    private volatile List<PowerStudy> studies;
    private final java.util.Map<Integer, PowerStudy> built = new java.util.concurrent.ConcurrentHashMap<>();

    private StudyPlan(PowerStudy study, Sweep sweep, Scenario sizeScenario, SampleSizeSearch search) {
        this.study = study;
        this.sweep = sweep;
        this.sizeScenario = sizeScenario;
        this.search = search;
    }

    /** A power study, or a sweep of it when {@code sweep} is not null. */
    static StudyPlan power(PowerStudy study, Sweep sweep) {
        return new StudyPlan(study, sweep, null, null);
    }

    /** A sample-size search of {@code scenario} (as given, for the printed provenance). */
    static StudyPlan size(Scenario scenario, SampleSizeSearch search) {
        return new StudyPlan(search.study(), null, scenario, search);
    }

    /** Whether this is a sample-size search ({@link #size(StudyCounts)}) rather than a power study. */
    public boolean isSearch() {
        return search != null;
    }

    /** The study announced on the terminal (a sweep's template, a search's study). */
    PowerStudy announced() {
        return study;
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
    public List<PowerStudy> studies() {
        List<PowerStudy> s = studies;
        if (s == null) {
            s = sweep != null ? sweep.cellStudies() : List.of(study);
            studies = s;
        }
        return s;
    }

    /** The number of studies ({@link #studies()}'s size), without building them. */
    public int cellCount() {
        return sweep != null ? sweep.cellCount() : 1;
    }

    /**
     * Study {@code cell} of {@link #studies()}, building only that one (a sweep's cell is a parse of its
     * scenario): a worker of a cluster counts the ranges of a few cells of a grid that may hold thousands, and
     * builds those alone. Built once per plan.
     *
     * @throws IndexOutOfBoundsException if {@code cell} is not in {@code [0, cellCount())}
     */
    public PowerStudy study(int cell) {
        List<PowerStudy> all = studies;
        if (all != null) {
            return all.get(cell);
        }
        if (sweep == null) {
            java.util.Objects.checkIndex(cell, 1);
            return study;
        }
        return built.computeIfAbsent(cell, sweep::cellStudy);
    }

    /** How many studies {@link #study(int)} has built one by one (for tests: a worker builds only its own). */
    int builtOneByOne() {
        return built.size();
    }

    /** The trial model every study of the plan runs ({@link PowerStudy#modelName()}), as decided on all cells. */
    public String modelName() {
        return study.modelName();
    }

    /** Replicates each study runs (its fixed number; with a precision target, the least it runs). */
    public long replicates() {
        return Long.parseLong(study.fingerprint().get("replicates"));
    }

    /** Whether the studies run a fixed number of replicates (no precision target), as shards need. */
    public boolean fixedReplicates() {
        return "none".equals(study.fingerprint().get("target_mcse"));
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
        if (counts.size() != 1) {
            throw new IllegalArgumentException(counts.size() + " studies of counts for one study");
        }
        return study.result(counts.get(0));
    }

    /** The size command's result from the search study's counts over {@code [0, k)}. */
    public SampleSize size(StudyCounts counts) {
        return search.result(counts);
    }
}
