package org.trialsim.power;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.trialsim.TrialsimVersion;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Simulation;

/**
 * A Monte Carlo power study of one scenario: simulates {@code R} virtual trials, each a cohort of the largest
 * sample size analysed at every sample size of the grid through its prefixes (nested cohorts, common random
 * numbers), and reports the operating characteristics with their Monte Carlo errors. The null scenario
 * ({@link NullScenario}) runs beside it on its own seed stream to give type I errors.
 *
 * <pre>{@code
 * StudyResult r = PowerStudy.of(scenario).replicates(20_000).seed(42).threads(8)
 *         .sampleSizes(80, 100, 120).run(progress, cancelFlag::get);
 * }</pre>
 *
 * <p>Results are bit-identical for any thread count and on rerun: each replicate's stream derives from
 * (seed, replicate index) alone, counts are integers merged exactly, and every decision (stop at the
 * precision target, return on cancellation) is taken at batch boundaries of a fixed batch size. A study
 * configured here is immutable; each setter returns a new study.
 */
public final class PowerStudy {

    /** Replicates per batch unless set: the granularity of precision stopping and cancellation. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    private final Scenario scenario;
    private final TrialModel model;
    private final int replicates;
    private final long seed;
    private final int threads;
    private final int[] sampleSizes;
    private final double targetMcse;
    private final int maxReplicates;
    private final int batchSize;
    private final boolean nullHypothesis;
    private final String cell;
    private final String scenarioHash;

    private PowerStudy(Scenario scenario, TrialModel model, int replicates, long seed, int threads,
            int[] sampleSizes, double targetMcse, int maxReplicates, int batchSize, boolean nullHypothesis, String cell,
            String scenarioHash) {
        this.scenario = scenario;
        this.model = model;
        this.replicates = replicates;
        this.seed = seed;
        this.threads = threads;
        this.sampleSizes = sampleSizes;
        this.targetMcse = targetMcse;
        this.maxReplicates = maxReplicates;
        this.batchSize = batchSize;
        this.nullHypothesis = nullHypothesis;
        this.cell = cell;
        this.scenarioHash = scenarioHash;
    }

    /** A study of {@code scenario} with its own simulation settings, analysed by the standard model. */
    public static PowerStudy of(Scenario scenario) {
        return of(scenario, ScenarioTrials::factory);
    }

    /** A study of {@code scenario} with its own simulation settings, analysed by {@code model}. */
    public static PowerStudy of(Scenario scenario, TrialModel model) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(model, "model");
        Simulation sim = scenario.simulation();
        return new PowerStudy(scenario, model, sim.replicates(), sim.seed(),
                Runtime.getRuntime().availableProcessors(), null, sim.targetMcse(), sim.maxReplicates(),
                DEFAULT_BATCH_SIZE, true, "", ScenarioTrials.hash(scenario));
    }

    /** A fixed number of replicates (when no precision target is set; else the minimum). */
    public PowerStudy replicates(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("replicates must be >= 1: " + r);
        }
        return new PowerStudy(scenario, model, r, seed, threads, sampleSizes, targetMcse, maxReplicates, batchSize,
                nullHypothesis, cell, scenarioHash);
    }

    /** The master seed. */
    public PowerStudy seed(long s) {
        return new PowerStudy(scenario, model, replicates, s, threads, sampleSizes, targetMcse, maxReplicates,
                batchSize, nullHypothesis, cell, scenarioHash);
    }

    /** Worker threads (default: all available processors); the result does not depend on it. */
    public PowerStudy threads(int t) {
        if (t < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + t);
        }
        return new PowerStudy(scenario, model, replicates, seed, t, sampleSizes, targetMcse, maxReplicates,
                batchSize, nullHypothesis, cell, scenarioHash);
    }

    /** Total sample sizes to study instead of the scenario's grid (sorted; duplicates removed). */
    public PowerStudy sampleSizes(int... n) {
        int[] sorted = IntStream.of(n).sorted().distinct().toArray();
        if (sorted.length == 0 || sorted[0] < 1) {
            throw new IllegalArgumentException("sample sizes must be positive: " + Arrays.toString(n));
        }
        return new PowerStudy(scenario, model, replicates, seed, threads, sorted, targetMcse, maxReplicates,
                batchSize, nullHypothesis, cell, scenarioHash);
    }

    /**
     * Runs until every reported power has a Monte Carlo standard error at or below {@code mcse} (checked at
     * batch boundaries, after at least {@link #replicates(int)}), up to {@code cap} replicates.
     */
    public PowerStudy targetMcse(double mcse, int cap) {
        if (!(mcse > 0) || cap < 1) {
            throw new IllegalArgumentException("need a positive target and cap: " + mcse + ", " + cap);
        }
        return new PowerStudy(scenario, model, replicates, seed, threads, sampleSizes, mcse, cap, batchSize,
                nullHypothesis, cell, scenarioHash);
    }

    /** A fixed number of replicates, ignoring the scenario's precision target. */
    public PowerStudy fixedReplicates() {
        return new PowerStudy(scenario, model, replicates, seed, threads, sampleSizes, Double.NaN, maxReplicates,
                batchSize, nullHypothesis, cell, scenarioHash);
    }

    /** Replicates per batch (part of the reproducibility contract of precision stopping and cancellation). */
    public PowerStudy batchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + b);
        }
        return new PowerStudy(scenario, model, replicates, seed, threads, sampleSizes, targetMcse, maxReplicates, b,
                nullHypothesis, cell, scenarioHash);
    }

    /** Whether to run the null scenario for type I errors (default true; false halves the cost). */
    public PowerStudy nullHypothesis(boolean run) {
        return new PowerStudy(scenario, model, replicates, seed, threads, sampleSizes, targetMcse, maxReplicates,
                batchSize, run, cell, scenarioHash);
    }

    /** The sweep cell label written into every row. */
    PowerStudy cell(String label) {
        return new PowerStudy(scenario, model, replicates, seed, threads, sampleSizes, targetMcse, maxReplicates,
                batchSize, nullHypothesis, label, scenarioHash);
    }

    /** The scenario recorded in the provenance hash (a sweep records its base scenario). */
    PowerStudy scenarioHash(String hash) {
        return new PowerStudy(scenario, model, replicates, seed, threads, sampleSizes, targetMcse, maxReplicates,
                batchSize, nullHypothesis, cell, hash);
    }

    /** The same study settings applied to another scenario (a sweep cell). */
    PowerStudy withScenario(Scenario other) {
        return new PowerStudy(other, model, replicates, seed, threads, sampleSizes, targetMcse, maxReplicates,
                batchSize, nullHypothesis, cell, scenarioHash);
    }

    /** The scenario hash recorded in the provenance. */
    String hash() {
        return scenarioHash;
    }

    /** The scenario studied, with the sample-size grid of this study. */
    public Scenario scenario() {
        if (sampleSizes == null) {
            return scenario;
        }
        Design d = scenario.design();
        List<Integer> grid = IntStream.of(sampleSizes).boxed().toList();
        return new Scenario(scenario.name(), scenario.title(), scenario.description(),
                new Design(grid, d.alpha(), d.sidedness(), d.randomization()), scenario.strata(), scenario.arms(),
                scenario.enrollment(), scenario.dropout(), scenario.schedule(), scenario.endpoints(),
                scenario.multiplicity(), scenario.groupSequential(), scenario.simulation());
    }

    /** The master seed. */
    public long seed() {
        return seed;
    }

    /** Runs the study to completion. */
    public StudyResult run() {
        return run(ProgressListener.NONE, () -> false);
    }

    /**
     * Runs the study, reporting progress and returning early (with the whole batches completed so far,
     * flagged partial) when {@code cancelled} turns true or the calling thread is interrupted.
     */
    public StudyResult run(ProgressListener progress, BooleanSupplier cancelled) {
        return result(execute(progress, cancelled, null, Checkpoint.Listener.NONE));
    }

    private StudyResult result(Run run) {
        StudyCounts counts = run.counts;
        List<MeasureRow> rows = OperatingCharacteristics.rows(cell, counts.alternative(), counts.nullHypothesis());
        Provenance provenance = new Provenance(TrialsimVersion.version(), run.generator,
                TrialsimVersion.commonsRngVersion(), seed, scenarioHash, counts.replicates(), counts.partial());
        return new StudyResult(scenario.name(), provenance, rows, run.warnings);
    }

    /** Runs the study and returns its raw counts (for searches and checkpoints). */
    public StudyCounts counts(ProgressListener progress, BooleanSupplier cancelled) {
        return execute(progress, cancelled, null, Checkpoint.Listener.NONE).counts;
    }

    /**
     * Runs the study from {@code resume} (a checkpoint of an earlier run of this same study, or {@code null}
     * to start afresh), handing a checkpoint to {@code checkpoints} after every batch. A resumed run gives the
     * same bits as an uninterrupted one.
     */
    public StudyResult run(ProgressListener progress, BooleanSupplier cancelled, Checkpoint resume,
            Checkpoint.Listener checkpoints) {
        return result(execute(progress, cancelled, resume, checkpoints));
    }

    private record Run(StudyCounts counts, String generator, List<String> warnings) {
    }

    private Run execute(ProgressListener progress, BooleanSupplier cancelled, Checkpoint resume,
            Checkpoint.Listener checkpoints) {
        Scenario studied = scenario();
        List<VirtualTrial.Factory> factories = new ArrayList<>();
        VirtualTrial.Factory alternative = model.compile(studied, seed);
        factories.add(alternative);
        if (nullHypothesis) {
            factories.add(model.compile(NullScenario.of(studied), NullScenario.seed(seed)));
        }
        List<String> warnings = new ArrayList<>(alternative.warnings());
        ReplicateLoop loop = new ReplicateLoop(factories, threads, batchSize);
        ReplicateLoop.Result result;
        if (targetMcse > 0) {
            int cap = Math.max(1, maxReplicates);
            int min = Math.min(replicates, cap);
            result = loop.run(resume, min, cap,
                    counts -> OperatingCharacteristics.largestPowerError(counts.get(0)) <= targetMcse, progress,
                    cancelled, checkpoints);
            if (!result.partial() && OperatingCharacteristics.largestPowerError(result.counts().get(0)) > targetMcse) {
                warnings.add("the Monte Carlo standard error target " + targetMcse + " was not reached within "
                        + cap + " replicates");
            }
        } else {
            result = loop.run(resume, replicates, replicates, counts -> true, progress, cancelled, checkpoints);
        }
        if (result.partial()) {
            warnings.add("cancelled: results rest on the " + result.replicates() + " replicates completed");
        }
        StudyCounts counts = new StudyCounts(result.counts().get(0), nullHypothesis ? result.counts().get(1) : null,
                result.replicates(), result.partial());
        return new Run(counts, alternative.generator(), warnings);
    }
}
