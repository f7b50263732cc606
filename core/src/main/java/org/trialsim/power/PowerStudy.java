package org.trialsim.power;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.trialsim.TrialsimVersion;
import org.trialsim.random.ReplicateStreams;
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
        this.cell = b.cell;
        this.scenarioHash = b.scenarioHash;
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
        String cell;
        String scenarioHash;
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
        b.cell = cell;
        b.scenarioHash = scenarioHash;
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
        b.cell = "";
        return new PowerStudy(b);
    }

    /** A fixed number of replicates (when no precision target is set; else the minimum). */
    public PowerStudy replicates(int r) {
        atLeastOne("replicates", r);
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
        atLeastOne("threads", t);
        return with(b -> b.threads = t);
    }

    /** Total sample sizes to study instead of the scenario's grid (sorted; duplicates removed). */
    public PowerStudy sampleSizes(int... n) {
        int[] sorted = IntStream.of(n).sorted().distinct().toArray();
        if (sorted.length == 0 || sorted[0] < 1) {
            throw new IllegalArgumentException("sample sizes must be positive: " + Arrays.toString(n));
        }
        return with(b -> b.sampleSizes = sorted);
    }

    /**
     * Runs until every reported power has a Monte Carlo standard error at or below {@code mcse} (checked at
     * batch boundaries, after at least {@link #replicates(int)}), up to {@code cap} replicates.
     */
    public PowerStudy targetMcse(double mcse, int cap) {
        if (!(mcse > 0) || cap < 1) {
            throw new IllegalArgumentException("need a positive target and cap: " + mcse + ", " + cap);
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

    /** The master seed. */
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
        f.put("null_hypothesis", Boolean.toString(nullHypothesis));
        f.put("cell", cell);
        f.put("model", model.name());
        f.put("trialsim", TrialsimVersion.version());
        f.put("streams", ReplicateStreams.LAYOUT);
        return f;
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
        List<String> warnings = new ArrayList<>(run.warnings);
        if (counts.nullHypothesis() != null) {
            rows = typeOneErrorsAtNull(rows, warnings);
        }
        undefinedFigures(counts.alternative(), "", warnings);
        if (counts.nullHypothesis() != null) {
            undefinedFigures(counts.nullHypothesis(), "under the null hypothesis, ", warnings);
        }
        return new StudyResult(scenario.name(), provenance(run), rows, warnings);
    }

    /** What a result of {@code run} records to be reproduced: shared with {@link SampleSizeSearch}. */
    Provenance provenance(Run run) {
        StudyCounts counts = run.counts;
        return new Provenance(TrialsimVersion.version(), run.generator, TrialsimVersion.commonsRngVersion(), seed,
                hash(), counts.replicates(), counts.partial(), model.name(), ReplicateStreams.LAYOUT);
    }

    /** Share of replicates without information above which a figure is flagged though not wholly undefined. */
    static final double UNINFORMATIVE_SHARE = 0.05;

    /**
     * Warns where a figure rests on analyses that had no information (no events, an empty arm, every patient
     * a responder or none, too few patients for a variance): the test cannot reject there, so the figure is 0
     * by construction rather than an estimate of what the trial would show. Names the endpoint, sample size
     * and share of replicates.
     */
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
            String none = switch (endpoint.kind().type()) {
                case TIME_TO_EVENT -> "no events";
                case CONTINUOUS -> "too few patients with a score for a variance";
                case BINARY -> endpoint.comparative() ? "no patients in an arm, or no or only successes"
                        : "no patients";
            };
            for (int g = 0; g < layout.sizeCount(); g++) {
                long u = counts.uninformative(g, e);
                String where = prefix + "endpoint " + endpoint.name() + " at n=" + layout.sampleSize(g) + ": ";
                if (u == r) {
                    warnings.add(where + none + " in any replicate: the " + test + " test never rejects, so its "
                            + "figures are 0 by construction, not estimates");
                } else if (u > UNINFORMATIVE_SHARE * r) {
                    warnings.add(where + none + " in " + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * u / r)
                            + "% of replicates, counted as not rejected");
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
            warnings.add("not estimated: " + String.join(", ", dropped) + "; the null scenario of a single-arm design "
                    + "sets one endpoint per arm to its p0 (" + String.join(", ", atNull) + "); study the others "
                    + "in a scenario of their own");
        }
        return kept;
    }

    /** Runs the study and returns its raw counts (for searches and checkpoints). */
    public StudyCounts counts(ProgressListener progress, BooleanSupplier cancelled) {
        return execute(progress, cancelled).counts;
    }

    /** Runs the study afresh: its counts with what {@link #provenance(Run)} needs (for searches). */
    Run execute(ProgressListener progress, BooleanSupplier cancelled) {
        return execute(progress, cancelled, null, Checkpoint.Listener.NONE);
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

    /** One execution: the counts, the generator the model drew from, and the warnings for the result. */
    record Run(StudyCounts counts, String generator, List<String> warnings) {
    }

    private Run execute(ProgressListener progress, BooleanSupplier cancelled, Checkpoint resume,
            Checkpoint.Listener checkpoints) {
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
        boolean runNull = nullHypothesis;
        if (runNull) {
            try {
                factories.add(model.compileNull(NullScenario.of(studied), NullScenario.seed(seed)));
            } catch (IllegalArgumentException e) {
                runNull = false;
                warnings.add("type I error not estimated: " + e.getMessage());
            }
        }
        MemoryBudget.check(studied, factories.size(), threads, Runtime.getRuntime().maxMemory());
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
        StudyCounts counts = new StudyCounts(result.counts().get(0), runNull ? result.counts().get(1) : null,
                result.replicates(), result.partial());
        return new Run(counts, alternative.generator(), warnings);
    }
}
