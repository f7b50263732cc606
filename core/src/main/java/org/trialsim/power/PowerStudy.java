package org.trialsim.power;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.trialsim.TrialsimVersion;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Limits;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
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
 *
 * <p>Shards: {@link #counts(long, long)} runs any range of replicates on the calling thread, {@link
 * StudyCounts#merge} adds counts exactly, and {@link #result(StudyCounts)} turns the counts of replicates
 * {@code [0, R)} into the result one run of {@code R} gives, bit for bit, however they were split. The thread
 * pool of {@link #run()} is one client of these: its batches are ranges merged in order. These make it a
 * {@link MonteCarloStudy}, as the multi-arm designs are.
 */
public final class PowerStudy implements MonteCarloStudy {

    /** P(Z > 3) for a standard normal Z: the level of the type I error warning. */
    private static final double THREE_SIGMA_TAIL = 0.0013498980316301;


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
    private final int nullReplicates;
    private final String cell;
    private final String scenarioHash;
    private final PartialNulls.Choice partialNulls;

    private PowerStudy(Settings b) {
        this.scenario = b.scenario;
        this.model = b.model;
        this.replicates = b.replicates;
        this.seed = b.seed;
        this.threads = b.threads;
        this.sampleSizes = b.sampleSizes;
        this.targetMcse = b.targetMcse;
        this.maxReplicates = b.maxReplicates;
        this.batchSize = b.batchSize;
        this.nullHypothesis = b.nullHypothesis;
        this.nullReplicates = b.nullReplicates;
        this.cell = b.cell;
        this.scenarioHash = b.scenarioHash;
        this.partialNulls = b.partialNulls;
    }

    /**
     * The settings of a study while one is derived from another: every copy-with-one-change method below
     * copies them, changes one and builds the new (immutable) study.
     */
    private static final class Settings {
        Scenario scenario;
        TrialModel model;
        int replicates;
        long seed;
        int threads;
        int[] sampleSizes;
        double targetMcse;
        int maxReplicates;
        int batchSize;
        boolean nullHypothesis;
        int nullReplicates;
        String cell;
        String scenarioHash;
        PartialNulls.Choice partialNulls;
    }

    /** This study with {@code change} applied to a copy of its settings. */
    private PowerStudy with(java.util.function.Consumer<Settings> change) {
        Settings b = new Settings();
        b.scenario = scenario;
        b.model = model;
        b.replicates = replicates;
        b.seed = seed;
        b.threads = threads;
        b.sampleSizes = sampleSizes;
        b.targetMcse = targetMcse;
        b.maxReplicates = maxReplicates;
        b.batchSize = batchSize;
        b.nullHypothesis = nullHypothesis;
        b.nullReplicates = nullReplicates;
        b.cell = cell;
        b.scenarioHash = scenarioHash;
        b.partialNulls = partialNulls;
        change.accept(b);
        return new PowerStudy(b);
    }

    /** A study of {@code scenario} with its own simulation settings, analysed by the standard model. */
    public static PowerStudy of(Scenario scenario) {
        return of(scenario, ScenarioTrials.MODEL);
    }

    /** A study of {@code scenario} with its own simulation settings, analysed by {@code model}. */
    public static PowerStudy of(Scenario scenario, TrialModel model) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(model, "model");
        if (scenario.multiArm() != null) {
            // its endpoint's pairwise test is not the design: every arm is compared with the control by its block
            throw new IllegalArgumentException("scenario " + scenario.name() + " has a multi-arm design; simulate it "
                    + "with org.trialsim.multiarm.MultiArmStudy");
        }
        Simulation sim = scenario.simulation();
        Settings b = new Settings();
        b.scenario = scenario;
        b.model = model;
        b.replicates = sim.replicates();
        b.seed = sim.seed();
        b.threads = Runtime.getRuntime().availableProcessors();
        b.targetMcse = sim.targetMcse();
        b.maxReplicates = sim.maxReplicates();
        b.batchSize = DEFAULT_BATCH_SIZE;
        b.nullHypothesis = true;
        b.nullReplicates = DEFAULT_NULL_REPLICATES;
        b.cell = "";
        b.partialNulls = PartialNulls.Choice.NONE;
        return new PowerStudy(b);
    }

    /** A fixed number of replicates (when no precision target is set; else the minimum). */
    public PowerStudy replicates(int r) {
        if (!Limits.replicatesAllowed(r)) {
            throw new IllegalArgumentException("replicates must be " + Limits.replicatesRange() + ": " + r);
        }
        return with(b -> b.replicates = r);
    }

    private static void atLeastOne(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be >= 1: " + value);
        }
    }

    /** The master seed. */
    public PowerStudy seed(long s) {
        return with(b -> b.seed = s);
    }

    /** Worker threads (default: all available processors); the result does not depend on it. */
    public PowerStudy threads(int t) {
        if (t < 1 || t > Limits.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + Limits.MAX_THREADS + "]: " + t);
        }
        return with(b -> b.threads = t);
    }

    /** Total sample sizes to study instead of the scenario's grid (sorted; duplicates removed). */
    public PowerStudy sampleSizes(int... n) {
        int[] sorted = IntStream.of(n).sorted().distinct().toArray();
        if (sorted.length == 0 || !Limits.sampleSizeAllowed(sorted[0])
                || !Limits.sampleSizeAllowed(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("sample sizes must each be " + Limits.sampleSizeRange() + ": "
                    + Arrays.toString(n));
        }
        return with(b -> b.sampleSizes = sorted);
    }

    /**
     * Runs until every reported power has a Monte Carlo standard error at or below {@code mcse} (checked at
     * batch boundaries, after at least {@link #replicates(int)}), up to {@code cap} replicates.
     */
    public PowerStudy targetMcse(double mcse, int cap) {
        if (!Limits.targetMcseAllowed(mcse) || !Limits.replicateCapAllowed(cap)) {
            throw new IllegalArgumentException("need a target in (0, " + Limits.MAX_TARGET_MCSE + ") and "
                    + Limits.replicateCapRange() + ": " + mcse + ", " + cap);
        }
        return with(b -> {
            b.targetMcse = mcse;
            b.maxReplicates = cap;
        });
    }

    /** A fixed number of replicates, ignoring the scenario's precision target. */
    public PowerStudy fixedReplicates() {
        return with(b -> b.targetMcse = Double.NaN);
    }

    /** Replicates per batch (part of the reproducibility contract of precision stopping and cancellation). */
    public PowerStudy batchSize(int b) {
        atLeastOne("batch size", b);
        return with(settings -> settings.batchSize = b);
    }

    /** Whether to run the null scenario for type I errors (default true; false halves the cost). */
    public PowerStudy nullHypothesis(boolean run) {
        return with(b -> b.nullHypothesis = run);
    }

    /**
     * The null replicates by default: 12,000, the fewest that give a type I error at alpha 0.05 (and at any
     * smaller alpha) a Monte Carlo standard error of at most 0.002, sqrt(0.05 x 0.95 / 12000) = 0.00199. Beyond
     * them the null scenario, which estimates a figure the design fixes near alpha, would double the cost of a
     * run of 10^5 or 10^6 replicates for a precision nobody reads; a run of at most 12,000 replicates runs the
     * null on every one, as before.
     */
    public static final int DEFAULT_NULL_REPLICATES = 12_000;

    /**
     * Runs the null scenario on the first {@code k} replicates only ({@code k} of them when the study runs at
     * least {@code k}, else every one); {@code 0} runs no null scenario ({@link #nullHypothesis(boolean)
     * nullHypothesis(false)}), {@link Integer#MAX_VALUE} runs it on every replicate. Replicate {@code r}'s null
     * trial is the same whatever {@code k} is, so type I errors of a smaller {@code k} are those of a run of
     * {@code k} replicates, to the bit. Default {@link #DEFAULT_NULL_REPLICATES}.
     */
    public PowerStudy nullReplicates(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("null replicates must be at least 0 but was " + k);
        }
        return with(b -> {
            b.nullHypothesis = k > 0;
            b.nullReplicates = k == 0 ? DEFAULT_NULL_REPLICATES : k;
        });
    }

    /**
     * Also simulates the partial null configurations of {@code choice} ({@link PartialNulls}), beside the null
     * scenario and on its replicates ({@link #nullReplicates(int)}), for the familywise error in the strong sense:
     * one row {@code fwer_partial:<null endpoints>} per configuration and size. Default
     * {@link PartialNulls.Choice#NONE}, which leaves every result as it was; a study that runs no null scenario runs
     * no partial null either. A design with fewer than two endpoints, a single-arm design, or {@code all} beyond
     * {@value PartialNulls#MAX_ENDPOINTS_ALL} endpoints is refused when the study is compiled (a
     * {@link ScenarioException}).
     */
    public PowerStudy partialNulls(PartialNulls.Choice choice) {
        Objects.requireNonNull(choice, "choice");
        return with(b -> b.partialNulls = choice);
    }

    /** The partial null configurations this study simulates ({@link #partialNulls(PartialNulls.Choice)}). */
    public PartialNulls.Choice partialNulls() {
        return partialNulls;
    }

    /** Whether the study runs partial nulls: asked for, and the null scenario runs. */
    private boolean runsPartialNulls() {
        return nullHypothesis && partialNulls != PartialNulls.Choice.NONE;
    }

    /**
     * The replicates the null scenario runs on, {@code [0, limit)}: all if the null runs on every replicate the
     * study can run (the fingerprint then says {@code true}, as before null replicates could be limited).
     */
    long nullLimit() {
        return nullReplicates >= maximum() ? Long.MAX_VALUE : nullReplicates;
    }

    /** The sweep cell label written into every row. */
    PowerStudy cell(String label) {
        return with(b -> b.cell = label);
    }

    /**
     * The scenario hash to record in the provenance, for example that of the file a sweep varies; by default
     * the SHA-256 of the canonical form of the scenario studied (with this study's sample sizes).
     */
    public PowerStudy scenarioHash(String hash) {
        return with(b -> b.scenarioHash = hash);
    }

    /**
     * The same study run by another trial model, for example {@link CountLevelTrials} where it
     * {@linkplain CountLevelTrials#applies applies}; the model's name is recorded in the provenance and the
     * fingerprint.
     */
    public PowerStudy model(TrialModel other) {
        Objects.requireNonNull(other, "model");
        return with(b -> b.model = other);
    }

    /** The trial model's name ({@link TrialModel#name()}). */
    @Override
    public String modelName() {
        return model.name();
    }

    /** The same study settings applied to another scenario (a sweep cell). */
    PowerStudy withScenario(Scenario other) {
        return with(b -> b.scenario = other);
    }

    /** The scenario hash recorded in the provenance. */
    String hash() {
        return scenarioHash != null ? scenarioHash : ScenarioTrials.hash(scenario());
    }

    /** The scenario studied, with the sample-size grid of this study. */
    @Override
    public Scenario scenario() {
        if (sampleSizes == null) {
            return scenario;
        }
        return scenario.toBuilder().sampleSizes(IntStream.of(sampleSizes).boxed().toList()).build();
    }

    /**
     * Replicate {@code replicate} of this study at {@code n} patients (any n, on the grid or not), replayed by
     * the patient-level engine: its patients, each endpoint's data, statistic, estimate and p-value, and the
     * decisions, exactly as the study's own trial of that replicate at that size ({@link TrialReplay}).
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code replicate < 0}
     * @throws ScenarioException if the design cannot be simulated
     */
    public TrialReplay replay(long replicate, int n) {
        return TrialReplay.run(scenario(), sampleSizes(n).scenario(), hash(), seed, replicate);
    }

    /**
     * The group-sequential boundaries the engine applies to this study's design (the same object its trials
     * decide with), for reports; empty for a fixed design.
     */
    public java.util.Optional<org.trialsim.stats.sequential.GroupSequentialBoundaries> boundaries() {
        return java.util.Optional.ofNullable(ScenarioTrial.traced(scenario(), seed, null).boundaries());
    }

    /** The master seed. */
    @Override
    public long seed() {
        return seed;
    }

    /**
     * Everything that determines this study's results, in a fixed order of named values: the scenario (name
     * and SHA-256 of its canonical form), the sample sizes, seed, replicates, precision target and cap, batch
     * size, whether the null scenario runs, the sweep cell, the trial model, the trialsim version and the layout of the
     * random streams ({@link ReplicateStreams#LAYOUT}) (the thread count is left
     * out: results do not depend on it). A checkpoint records it so that resuming a different study is refused.
     */
    @Override
    public java.util.Map<String, String> fingerprint() {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        Scenario studied = scenario();
        f.put("scenario", studied.name());
        f.put("scenario_sha256", hash());
        f.put("sample_sizes", studied.design().sampleSizes().toString());
        f.put("seed", Long.toString(seed));
        f.put("replicates", Integer.toString(replicates));
        f.put("target_mcse", targetMcse > 0 ? Double.toString(targetMcse) : "none");
        f.put("max_replicates", targetMcse > 0 ? Integer.toString(maxReplicates) : "none");
        f.put("batch_size", Integer.toString(batchSize));
        f.put("null_hypothesis", nullHypothesisLabel());
        if (runsPartialNulls()) {
            // only when asked, so that every earlier fingerprint (and its checkpoints and shards) stands
            f.put("partial_nulls", partialNulls.label());
        }
        f.put("cell", cell);
        f.put("model", model.name());
        f.put("trialsim", TrialsimVersion.version());
        f.put("streams", ReplicateStreams.LAYOUT);
        return f;
    }

    /**
     * The part of the {@link #fingerprint()} that determines what each replicate gives: the scenario (name and
     * SHA-256 of its canonical form), the sample sizes, seed, whether the null scenario runs, the sweep cell, the
     * trial model, the trialsim version and the random-stream layout; not the number of replicates, the
     * precision target or the batch size, which say how many replicates to run, not what each one gives.
     * {@link StudyCounts} carry it, so that counts of different studies are never merged or reported together.
     */
    @Override
    public Map<String, String> replicateFingerprint() {
        Map<String, String> f = new LinkedHashMap<>(fingerprint());
        f.keySet().removeAll(List.of("replicates", "target_mcse", "max_replicates", "batch_size"));
        return Map.copyOf(f);
    }

    /**
     * How the fingerprint records the null run: {@code false}, {@code true} (every replicate, the form of every
     * study before null replicates could be limited, so their checkpoints and shards stay valid) or
     * {@code replicates 0-K} for the first K.
     */
    private String nullHypothesisLabel() {
        if (!nullHypothesis) {
            return "false";
        }
        long limit = nullLimit();
        return limit == Long.MAX_VALUE ? "true" : StudyCounts.NULL_PREFIX + limit;
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
        return run(progress, cancelled, null, CheckpointListener.NONE);
    }

    /**
     * Runs the study from {@code resume}, or afresh if it is {@code null}, handing the counts so far to
     * {@code checkpoints} after every batch. {@code resume} holds counts of this same study ({@link
     * #replicateFingerprint()}): any set of replicate ranges, for example a checkpoint of an interrupted run or
     * shards merged, and the run adds the replicates it misses, so it gives the same bits as an uninterrupted
     * run. A study with a precision target resumes only from a prefix {@code [0, k)} ending at a batch boundary,
     * since where it stops depends on the counts at every boundary before ({@link #stopsAt}).
     *
     * <p>Cancelled before the holes of {@code resume} are filled, the counts held are no run of their own (a
     * result needs replicates {@code [0, k)}, {@link #result(StudyCounts)}): the result is then empty (no
     * replicates, partial) and says so; the checkpoint holds every replicate completed.
     *
     * @throws IllegalArgumentException if {@code resume} is of another study or cannot be resumed
     */
    public StudyResult run(ProgressListener progress, BooleanSupplier cancelled, StudyCounts resume,
            CheckpointListener checkpoints) {
        Compiled c = compiled();
        StudyCounts counts = execute(c, progress, cancelled, resume, checkpoints);
        if (!counts.ranges().isPrefix()) {
            return result(c, c.none(), "cancelled before the replicates completed, " + counts.ranges()
                    + ", formed one run from replicate 0: nothing to report; resume from their checkpoint to "
                    + "complete the run");
        }
        return result(c, counts, null);
    }

    /**
     * The counts of replicates {@code [from, to)} of this study, run on the calling thread: one shard of a run
     * that any number of threads, processes or machines share. Each replicate's random streams derive from
     * (seed, replicate index) alone, so the counts of a range are the same wherever and whenever it runs, and
     * shards of a partition of {@code [0, R)}, {@linkplain StudyCounts#merge merged} in any order, give
     * {@link #result(StudyCounts)} the bits of one run of {@code R} replicates. The null scenario, if the study
     * runs it, is counted over the same replicate indices on its own seed stream, within the same counts.
     *
     * <pre>{@code
     * List<ReplicateRanges.Range> shards = ...;   // a partition of [0, R), run anywhere, in any order
     * StudyCounts all = shards.parallelStream().map(s -> study.counts(s.from(), s.to()))
     *         .reduce(StudyCounts::merge).orElseThrow();
     * StudyResult r = study.result(all);   // equal to study.run(), bit for bit
     * }</pre>
     */
    @Override
    public StudyCounts counts(long from, long to) {
        ReplicateRanges range = ReplicateRanges.of(from, to);
        Compiled c = compiled();
        MemoryBudget.check(scenario(), c.factories().size(), 1, Runtime.getRuntime().maxMemory());
        return new RangeCounter(c.study(), c.factories(), c.trueNulls(), nullLimit()).count(range,
                new AtomicBoolean());
    }

    /**
     * Whether this study stops with {@code counts}: they cover a prefix {@code [0, k)} and {@code k} is the
     * study's number of replicates, or, with a precision target, its cap, or a batch boundary at or after its
     * minimum where every power's Monte Carlo standard error is at most the target. The engine asks at every
     * batch boundary in order and stops at the first where it holds; a runner of its own does the same with
     * batch-aligned shards merged in order, since a precision-target run is sequential: whether it stops at
     * boundary {@code b} depends on the counts of {@code [0, b * batchSize)}, which later shards cannot undo.
     */
    @Override
    public boolean stopsAt(StudyCounts counts) {
        Compiled c = compiled();
        check(c, counts);
        return stopsAt(c, counts);
    }

    private boolean stopsAt(Compiled c, StudyCounts counts) {
        if (!counts.ranges().isPrefix()) {
            return false;
        }
        long k = counts.ranges().end();
        if (k == maximum()) {
            return true;
        }
        return targetMcse > 0 && k >= minimum() && k % batchSize == 0
                && OperatingCharacteristics.largestPowerError(c.alternative(counts)) <= targetMcse;
    }

    /** The replicates the study runs at most: its number of replicates, or with a precision target its cap. */
    private long maximum() {
        return targetMcse > 0 ? Math.max(1, maxReplicates) : replicates;
    }

    /** The replicates the study runs at least (unless cancelled). */
    private long minimum() {
        return targetMcse > 0 ? Math.min(replicates, maximum()) : replicates;
    }

    /**
     * The result of {@code counts}, which must cover replicates {@code [0, k)}: a result is reproduced from its
     * seed and number of replicates alone, so counts with a hole, or not starting at replicate 0, are refused,
     * naming the replicates missing. The result equals, bit for bit, that of a run of this study stopped after
     * {@code k} replicates: complete if it stops there ({@link #stopsAt}), else flagged partial.
     *
     * @throws IllegalArgumentException if the counts are of another study, have holes, or cover more
     *     replicates than the study runs
     */
    @Override
    public StudyResult result(StudyCounts counts) {
        return result(compiled(), counts, null);
    }

    /**
     * The result of {@code counts} under the compiled study; {@code cancelledInstead}, if not null, replaces the
     * warning that a partial result rests on the replicates completed.
     */
    private StudyResult result(Compiled c, StudyCounts counts, String cancelledInstead) {
        check(c, counts);
        ReplicateRanges ranges = counts.ranges();
        if (!ranges.isPrefix()) {
            throw new IllegalArgumentException("the counts cover replicates " + ranges + ", not one run from replicate"
                    + " 0: a result is reproduced from its seed and number of replicates, so it needs every replicate"
                    + " of [0, " + ranges.end() + "); " + ranges.missing(0, ranges.end()) + " missing (count them with"
                    + " counts(from, to) and merge, or resume from these counts)");
        }
        boolean partial = !stopsAt(c, counts);
        OperatingCounts alternative = c.alternative(counts);
        OperatingCounts nullHypothesis = c.nullHypothesis(counts);
        List<String> warnings = new ArrayList<>(c.warnings());
        if (!partial && targetMcse > 0 && OperatingCharacteristics.largestPowerError(alternative) > targetMcse) {
            warnings.add("the Monte Carlo standard error target " + targetMcse + " was not reached within "
                    + maximum() + " replicates");
        }
        if (partial) {
            warnings.add(cancelledInstead != null ? cancelledInstead
                    : "cancelled: results rest on the " + counts.replicates() + " replicates completed");
        }
        List<MeasureRow> rows = OperatingCharacteristics.rows(cell, alternative, nullHypothesis,
                scenario.design().sidedness() == org.trialsim.scenario.Design.Sidedness.TWO_SIDED);
        if (nullHypothesis != null) {
            rows = typeOneErrorsAtNull(rows, warnings);
        }
        rows = withPartialNulls(c, c.partialNulls(counts), rows);
        rows = withExactSizes(c, rows);
        undefinedFigures(alternative, "", warnings);
        if (nullHypothesis != null) {
            undefinedFigures(nullHypothesis, "under the null hypothesis, ", warnings);
        }
        typeOneErrorsAboveAlpha(rows, warnings);
        return new StudyResult(scenario.name(), provenance(c, counts, partial), rows, warnings);
    }

    /**
     * {@code rows} with the familywise error under each partial null configuration, {@code fwer_partial:<null
     * endpoints>}, after the rows of each size (none if the study ran no partial null).
     */
    private List<MeasureRow> withPartialNulls(Compiled c, PartialNullCounts partial, List<MeasureRow> rows) {
        if (partial == null) {
            return rows;
        }
        TrialLayout layout = c.factories().get(0).layout();
        List<MeasureRow> all = new ArrayList<>(rows);
        for (int g = 0; g < layout.sizeCount(); g++) {
            for (int j = 0; j < c.partialNulls().size(); j++) {
                all.add(new MeasureRow(cell, layout.sampleSize(g), c.partialNulls().get(j).measure(),
                        MonteCarloError.proportion(partial.rejectedTrueNull(j, g), partial.replicates())));
            }
        }
        return all;
    }

    /**
     * {@code rows} with the design's exact size, {@code type1_exact:<endpoint>}, at every sample size where the
     * trial model can enumerate it ({@link VirtualTrial.Factory#exactRejection()}): no Monte Carlo error, so it
     * rests on no replicates, and it is given whether or not the null scenario was simulated.
     */
    private List<MeasureRow> withExactSizes(Compiled c, List<MeasureRow> rows) {
        // enumerated here, once per result, not when compiling: a sample-size search compiles many studies and
        // reads no type I error; the null's trials are compiled for it only where the null was not simulated
        VirtualTrial.Factory nullTrials = c.runsNull() ? c.factories().get(1) : nullTrialsOrNone();
        double[] exactSize = nullTrials == null ? null : nullTrials.exactRejection();
        if (exactSize == null) {
            return rows;
        }
        TrialLayout layout = c.factories().get(0).layout();
        List<MeasureRow> all = new ArrayList<>(rows);
        for (int g = 0; g < layout.sizeCount(); g++) {
            double size = exactSize[g];
            if (!Double.isNaN(size)) {
                all.add(new MeasureRow(cell, layout.sampleSize(g), "type1_exact:" + layout.endpoints().get(0),
                        new Estimate(size, 0, size, size, 0)));
            }
        }
        return all;
    }

    /** The null scenario's trials, or {@code null} where the model cannot make them. */
    private VirtualTrial.Factory nullTrialsOrNone() {
        try {
            return model.compileNull(NullScenario.of(scenario()), NullScenario.seed(seed));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Checks that {@code counts} are of this study and fit its trials.
     *
     * @throws IllegalArgumentException naming what differs
     */
    private void check(Compiled c, StudyCounts counts) {
        if (!counts.study().equals(c.study())) {
            throw new IllegalArgumentException("the counts are of a different study: "
                    + String.join("; ", StudyCounts.differences(counts.study(), c.study()))
                    .replace(" in one and ", " in the counts and ").replace(" in the other", " in this study"));
        }
        if (counts.alternative().length != c.counters(0) || counts.hasNullHypothesis() != c.runsNull()
                || (c.runsNull() && counts.nullHypothesis().length != c.nullCounters())) {
            throw new IllegalArgumentException("the counts do not fit this study's trials");
        }
        if (counts.ranges().end() > maximum()) {
            throw new IllegalArgumentException("the counts cover replicates " + counts.ranges() + ", beyond the "
                    + maximum() + " this study runs");
        }
    }

    /** What a result of {@code counts} records to be reproduced: shared with {@link SampleSizeSearch}. */
    Provenance provenance(StudyCounts counts) {
        Compiled c = compiled();
        check(c, counts);
        return provenance(c, counts, !stopsAt(c, counts));
    }

    private Provenance provenance(Compiled c, StudyCounts counts, boolean partial) {
        long nullCounted = c.runsNull() ? c.nullHypothesis(counts).replicates() : 0;
        return new Provenance(TrialsimVersion.version(), c.generator(), TrialsimVersion.commonsRngVersion(), seed,
                hash(), counts.replicates(), partial, model.name(), ReplicateStreams.LAYOUT, nullCounted);
    }

    /** The counters under the scenario as given, for {@link SampleSizeSearch}. */
    OperatingCounts alternative(StudyCounts counts) {
        return compiled().alternative(counts);
    }

    /** Share of replicates without information above which a figure is flagged though not wholly undefined. */
    static final double UNINFORMATIVE_SHARE = 0.05;

    /**
     * Warns where a figure rests on analyses that had no information (no events, an empty arm, every patient
     * a responder or none, too few patients for a variance): the test cannot reject there, so the figure is 0
     * by construction rather than an estimate of what the trial would show. Names the endpoint, sample size
     * and share of replicates.
     */
    /**
     * A warning for every estimated type I error above the design's alpha by more than 3 Monte Carlo standard
     * errors: where the count of rejections x in R null replicates has P(X >= x) below 0.00135 for X ~
     * Binomial(R, alpha), the one-sided tail beyond 3 standard errors of a normal, computed exactly because at
     * a few hundred replicates the normal approximation fires several times too often. So a warning means the
     * design, not the simulation, exceeds alpha (a chi-square test at small n, normal-theory boundaries on a
     * t statistic, a Simon design at another n). The familywise row is skipped where it is the only endpoint's
     * row; endpoints under a multiplicity procedure are compared with the full alpha, which can only warn less. The
     * familywise errors under partial nulls ({@code fwer_partial:}) are compared with alpha likewise: a warning there
     * means the procedure does not control the familywise error in the strong sense.
     */
    private void typeOneErrorsAboveAlpha(List<MeasureRow> rows, List<String> warnings) {
        double alpha = scenario.design().alpha();
        boolean single = scenario.endpoints().size() == 1;
        for (MeasureRow row : rows) {
            Estimate e = row.estimate();
            boolean typeOne = row.measure().startsWith("type1:") || row.measure().startsWith(PartialNulls.MEASURE);
            if (!typeOne || single && row.measure().equals("type1:any")
                    || e.replicates() <= 0 || Double.isNaN(e.estimate()) || e.replicates() > Integer.MAX_VALUE) {
                continue;
            }
            int r = (int) e.replicates();
            int x = (int) Math.round(e.estimate() * r);
            double tail = org.apache.commons.statistics.distribution.BinomialDistribution.of(r, alpha)
                    .survivalProbability(x - 1);
            if (x > alpha * r && tail < THREE_SIGMA_TAIL) {
                warnings.add(String.format(java.util.Locale.ROOT, "%s%s at N = %d is %.4f (MCSE %.4f), above alpha %s"
                        + " by more than 3 Monte Carlo standard errors (%d of %d null replicates rejected: P = %.1e"
                        + " if the size were alpha): the design does not hold its type I error here",
                        row.cell().isEmpty() ? "" : row.cell() + ": ", row.measure(), row.nTotal(), e.estimate(),
                        e.mcSe(), Double.toString(alpha), x, r, tail));
            }
        }
    }

    private void undefinedFigures(OperatingCounts counts, String prefix, List<String> warnings) {
        TrialLayout layout = counts.layout();
        long r = counts.replicates();
        if (r == 0) {
            warnings.add(prefix + "no replicate completed: every figure is undefined");
            return;
        }
        List<org.trialsim.scenario.Endpoint> endpoints = scenario().endpoints();
        for (int e = 0; e < layout.endpointCount() && e < endpoints.size(); e++) {
            org.trialsim.scenario.Endpoint endpoint = endpoints.get(e);
            String test = endpoint.analysis().test().name().toLowerCase(java.util.Locale.ROOT);
            boolean mmrm = endpoint.analysis().test().repeatedMeasures();
            String none = switch (endpoint.kind().type()) {
                case TIME_TO_EVENT -> "no events";
                case CONTINUOUS -> mmrm ? "an MMRM fit that did not converge or could not be made"
                        : "too few patients with a score for a variance";
                case BINARY -> endpoint.comparative() ? "no patients in an arm, or no or only successes"
                        : "no patients";
            };
            for (int g = 0; g < layout.sizeCount(); g++) {
                long u = counts.uninformative(g, e);
                String where = prefix + "endpoint " + endpoint.name() + " at n=" + layout.sampleSize(g) + ": ";
                if (u == r) {
                    warnings.add(where + none + " in any replicate: the " + test + " test never rejects, so its "
                            + "figures are 0 by construction, not estimates");
                } else if (u > UNINFORMATIVE_SHARE * r || mmrm && u > 0) {
                    // an MMRM fit that fails is reported however rare: it is a property of the analysis
                    warnings.add(where + none + " in " + (mmrm ? u + " of " + r + " replicates (" : "")
                            + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * u / r)
                            + (mmrm ? "%)" : "% of replicates") + ", counted as not rejected");
                }
            }
        }
    }

    /**
     * Drops the "type I errors" of endpoints that the null scenario does not put at their null (a single-arm
     * design with several endpoints: only one p0 per arm can be matched), with a warning, rather than report
     * a rejection rate under the alternative as a type I error.
     */
    private List<MeasureRow> typeOneErrorsAtNull(List<MeasureRow> rows, List<String> warnings) {
        Scenario studied = scenario();
        java.util.Set<String> atNull = NullScenario.endpointsAtNull(studied);
        boolean allAtNull = atNull.size() == studied.endpoints().size();
        java.util.Set<String> dropped = new java.util.LinkedHashSet<>();
        List<MeasureRow> kept = new ArrayList<>(rows.size());
        for (MeasureRow row : rows) {
            String measure = row.measure();
            if (measure.startsWith("type1:")) {
                String endpoint = measure.substring("type1:".length());
                if (endpoint.equals("any") ? !allAtNull : !atNull.contains(endpoint)) {
                    dropped.add(measure);
                    continue;
                }
            } else if (measure.endsWith(OperatingCharacteristics.UNDER_NULL) && !allAtNull) {
                dropped.add(measure);
                continue;
            }
            kept.add(row);
        }
        if (!dropped.isEmpty()) {
            warnings.add("not estimated: " + String.join(", ", dropped) + (studied.endpoints().stream()
                    .anyMatch(org.trialsim.scenario.Endpoint::comparative)
                    ? "; the null scenario puts an endpoint at its margin, which moves these endpoints off their null ("
                    : "; the null scenario of a single-arm design sets one endpoint per arm to its p0 (")
                    + String.join(", ", atNull) + " at the null); study the others in a scenario of their own");
        }
        return kept;
    }

    /**
     * Runs the study as {@link #run(ProgressListener, BooleanSupplier)} does and returns its counts, a prefix
     * {@code [0, k)} of the replicates, rather than their result (for searches, and runners that keep counts).
     */
    public StudyCounts counts(ProgressListener progress, BooleanSupplier cancelled) {
        return execute(compiled(), progress, cancelled, null, CheckpointListener.NONE);
    }

    /**
     * Checks, without running anything, that this study can resume from {@code resume} (what
     * {@link #run(ProgressListener, BooleanSupplier, StudyCounts, CheckpointListener)} checks first): counts of
     * this study, of its trials' shape, within its replicates, and for a precision target a prefix of whole
     * batches. A checkpoint read back is checked so before any work, and refused as unusable otherwise.
     *
     * @param resume the counts to resume from
     * @throws IllegalArgumentException naming what does not fit
     */
    public void checkResumable(StudyCounts resume) {
        checkResume(compiled(), resume);
    }

    private void checkResume(Compiled c, StudyCounts resume) {
        check(c, resume);
        ReplicateRanges held = resume.ranges();
        if (targetMcse > 0 && !(held.isPrefix() && (held.end() % batchSize == 0 || held.end() == maximum()))) {
            throw new IllegalArgumentException("a study with a precision target resumes only from the replicates "
                    + "[0, k) of whole batches of " + batchSize + " (where it stops depends on the counts at every "
                    + "batch boundary), not from " + held);
        }
    }

    /** Runs the replicates {@code resume} misses on the thread pool, until the study stops or is cancelled. */
    private StudyCounts execute(Compiled c, ProgressListener progress, BooleanSupplier cancelled, StudyCounts resume,
            CheckpointListener checkpoints) {
        StudyCounts start = c.none();
        if (resume != null) {
            checkResume(c, resume);
            start = resume;
        }
        MemoryBudget.check(scenario(), c.factories().size(), threads, Runtime.getRuntime().maxMemory());
        ReplicateLoop loop = new ReplicateLoop(c.study(), c.factories(), c.trueNulls(), nullLimit(), threads,
                batchSize);
        return loop.run(start, maximum(), counts -> stopsAt(c, counts), progress, cancelled, checkpoints);
    }

    /** The study compiled on first use: a study is immutable, and its factories are shared by threads. */
    private volatile Compiled compiled;

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            c = compileStudy();
            compiled = c;
        }
        return c;
    }

    /**
     * The study compiled: the scenario's trials and, if it runs, the null scenario's (on the null seed stream),
     * with the warnings about the design.
     */
    private record Compiled(Map<String, String> study, List<VirtualTrial.Factory> factories, String generator,
            List<String> warnings, List<PartialNulls.Configuration> partialNulls) {

        boolean runsNull() {
            return factories.size() > 1;
        }

        /** Per partial null configuration, per endpoint, whether its null holds. */
        List<List<Boolean>> trueNulls() {
            return partialNulls.stream().map(PartialNulls.Configuration::trueNull).toList();
        }

        /** Length of the null's counters: the null scenario's, then the partial nulls' if any. */
        int nullCounters() {
            return counters(1) + (partialNulls.isEmpty() ? 0
                    : PartialNullCounts.length(partialNulls.size(), factories.get(0).layout().sizeCount()));
        }

        /** Length of the counter array of factory {@code i}. */
        int counters(int i) {
            return new OperatingCounts(factories.get(i).layout()).toArray().length;
        }

        StudyCounts none() {
            return StudyCounts.none(study, counters(0), runsNull() ? nullCounters() : 0);
        }

        OperatingCounts alternative(StudyCounts counts) {
            return OperatingCounts.fromArray(factories.get(0).layout(), counts.alternative());
        }

        OperatingCounts nullHypothesis(StudyCounts counts) {
            return runsNull() ? OperatingCounts.fromArray(factories.get(1).layout(),
                    java.util.Arrays.copyOf(counts.nullHypothesis(), counters(1))) : null;
        }

        /** The partial nulls' counts, after the null scenario's; {@code null} if none ran. */
        PartialNullCounts partialNulls(StudyCounts counts) {
            return partialNulls.isEmpty() ? null : PartialNullCounts.fromArray(factories.get(1).layout(), trueNulls(),
                    counts.nullHypothesis(), counters(1));
        }
    }

    private Compiled compileStudy() {
        Scenario studied = scenario();
        List<VirtualTrial.Factory> factories = new ArrayList<>();
        VirtualTrial.Factory alternative = compile(studied);
        factories.add(alternative);
        List<String> warnings = new ArrayList<>(alternative.warnings());
        Randomization randomization = studied.design().randomization();
        if (randomization.method() == Randomization.Method.BLOCKS && randomization.blockSize() > 1) {
            for (int n : studied.design().sampleSizes()) {
                if (n % randomization.blockSize() != 0) {
                    warnings.add("sample size " + n + " is not a multiple of the randomization block "
                            + randomization.blockSize() + ": its arms are not split exactly as allocated");
                }
            }
        }
        if (nullHypothesis) {
            try {
                factories.add(model.compileNull(NullScenario.of(studied), NullScenario.seed(seed)));
            } catch (IllegalArgumentException e) {
                warnings.add("type I error not estimated: " + e.getMessage());
            }
        }
        List<PartialNulls.Configuration> partial = List.of();
        if (runsPartialNulls()) {
            partial = compilePartialNulls(studied, factories, warnings);
        }
        return new Compiled(replicateFingerprint(), List.copyOf(factories), alternative.generator(),
                List.copyOf(warnings), partial);
    }

    /**
     * Adds the trials of the partial null configurations to {@code factories} (after the null scenario's, on its
     * seed stream) and returns the configurations; a configuration that cannot be built is left out with a
     * warning, and a design without partial nulls of the kind asked is refused as a problem of the scenario.
     */
    private List<PartialNulls.Configuration> compilePartialNulls(Scenario studied, List<VirtualTrial.Factory> factories,
            List<String> warnings) {
        if (factories.size() < 2) {
            warnings.add("partial nulls not estimated: the null scenario could not be made");
            return List.of();
        }
        List<String> notBuilt = new ArrayList<>();
        List<PartialNulls.Configuration> configurations;
        try {
            configurations = PartialNulls.of(studied, partialNulls, notBuilt);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(List.of(new Problem(studied.name(), 0, 0, "",
                    "partial nulls (" + partialNulls.label() + ") cannot be simulated: " + e.getMessage())));
        }
        notBuilt.forEach(why -> warnings.add("not estimated: " + why));
        List<PartialNulls.Configuration> built = new ArrayList<>();
        for (PartialNulls.Configuration configuration : configurations) {
            try {
                factories.add(model.compileNull(configuration.scenario(), NullScenario.seed(seed)));
                built.add(configuration);
            } catch (IllegalArgumentException e) {
                warnings.add("not estimated: " + configuration.measure() + ": " + e.getMessage());
            }
        }
        return List.copyOf(built);
    }

    /**
     * Compiles the scenario's trials; a design the engine cannot simulate (for example interim looks combined
     * with multiplicity control across endpoints) is the user's to change, so it is reported as a problem of
     * the scenario (exit 2 on the command line), not as an internal error.
     */
    private VirtualTrial.Factory compile(Scenario studied) {
        try {
            return model.compile(studied, seed);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(List.of(new Problem(studied.name(), 0, 0, "",
                    "cannot be simulated: " + e.getMessage())));
        }
    }
}
