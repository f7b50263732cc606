package org.trialsim.multiarm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.trialsim.TrialsimVersion;
import org.trialsim.power.Measure;
import org.trialsim.power.MeasureKind;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.MonteCarloError;
import org.trialsim.power.MonteCarloStudy;
import org.trialsim.power.Provenance;
import org.trialsim.power.ReplicateRanges;
import org.trialsim.power.StudyCounts;
import org.trialsim.power.StudyResult;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.MultiArm;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * The operating characteristics of a scenario's multi-arm design ({@link Scenario#multiArm()}) at each total
 * sample size, in the rows of a {@link StudyResult} so that {@code power} and {@code run} print and write them
 * as any other result. On a binary endpoint each arm's true response probability is the endpoint's figure as
 * analysed ({@link PlanningFigures#analysed}: the arm's response averaged over strata, a patient lost before the
 * assessment counting as a failure), and each patient of an arm responds independently with it. On a continuous
 * endpoint each arm's analysed mean and SD and the share of patients analysed are
 * {@link PlanningFigures#analysedMoments}'s (completers, mixed over strata); each stage's completers are binomial and
 * their mean normal with that mean and SD ({@link MultiArmDesign.Analysed}): exact for a normal outcome in one
 * stratum, by the central limit theorem for a clamped score or a mixture over strata. The means are negated where
 * smaller values favour the treatment, so larger is better throughout.
 *
 * <p>Rows at each size: {@code power:<arm>} (the arm's hypothesis rejected; response-adaptive: success with the arm
 * selected) and {@code power:any}; {@code selected:<arm>}; {@code allocation:<arm>} (expected patients, the
 * control too) and {@code expected_n}; {@code type1:any} (familywise error under the global null, every arm at the
 * control's probability; on a continuous endpoint at the control's mean, each arm keeping its SD and retention) and
 * {@code type1:<arm>}; {@code fwer:<arms>} under each partial null (the arms named at the control's value, the
 * others as assumed; every such configuration up to four arms better than the
 * control); closed test with interims: {@code reject:look<k>}, {@code futility:look<k>}; response-adaptive:
 * {@code dropped:<arm>}, {@code early_success}. Every configuration runs replicates {@code [0, R)} of the same
 * seed (common random numbers), and each simulation sums integer counters, so the result is the same bits for
 * any thread count.
 *
 * <p>A {@link MonteCarloStudy}: {@link #counts(long, long)} counts any replicate range of every configuration and
 * size (the simulations' counters laid end to end, {@link ReplicateCounter}), {@link StudyCounts#merge} sums
 * counts exactly, and {@link #result(StudyCounts)} turns the counts of {@code [0, R)} into the bits of
 * {@link #run(int)}, however they were split: the command line's shards, {@code trialsim merge} and the Spark
 * runner count it as they count the patient-level engine's studies.
 */
public final class MultiArmStudy implements MonteCarloStudy {

    /** Partial nulls are enumerated up to this many arms better than the control (2^a - 2 configurations). */
    static final int MAX_PARTIAL_ALTERNATIVES = 4;

    /** How the counts lay the simulations' counters out: change it with the layout (shard files record it). */
    static final String COUNTS_LAYOUT = "multi-arm counts 1";

    private static final double Z = NormalDistribution.of(0, 1).inverseSurvivalProbability(MonteCarloError.ALPHA / 2);

    private final Scenario scenario;
    private final MultiArm plan;
    private final int control;
    private final double[] rates;
    /** A continuous endpoint's analysed figures per arm (scenario order), or null for a binary endpoint. */
    private final PlanningFigures.Moments[] moments;
    /** -1 where smaller values favour the treatment (the simulation's values are then the negated means). */
    private final double sign;
    private final int[] sizes;
    private final int replicates;
    private final long seed;
    private final String cell;
    /** The precision target of every power's MCSE, 0 for none. */
    private final double targetMcse;
    /** With a precision target, the most replicates run. */
    private final int maxReplicates;
    private volatile Compiled compiled;

    /** The study of the scenario's own sample sizes, replicates and seed. */
    MultiArmStudy(Scenario scenario) {
        this(scenario, scenario.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray(),
                scenario.simulation().replicates(), scenario.simulation().seed(), "", 0, 0);
    }

    private MultiArmStudy(Scenario scenario, int[] sizes, int replicates, long seed, String cell, double targetMcse,
            int maxReplicates) {
        this.scenario = scenario;
        this.plan = scenario.multiArm();
        if (plan == null) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no multi-arm design");
        }
        Arm c = scenario.controlArm();
        this.control = scenario.armIndex(c.name());
        Endpoint e = scenario.endpoints().stream().filter(x -> x.name().equals(plan.endpoint())).findFirst()
                .orElseThrow();
        if (e.kind().type() == Endpoint.Type.CONTINUOUS) {
            this.moments = scenario.arms().stream().map(a -> PlanningFigures.analysedMoments(scenario, e, a))
                    .toArray(PlanningFigures.Moments[]::new);
            for (int i = 0; i < moments.length; i++) {
                if (moments[i] == null) { // the reader refuses such a scenario; a scenario built in code may not
                    throw new IllegalArgumentException("no closed-form mean and SD of " + e.name() + " in arm "
                            + name(i));
                }
            }
            this.sign = e.kind().lowerIsBetter() ? -1 : 1;
            this.rates = Arrays.stream(moments).mapToDouble(m -> sign * m.mean()).toArray();
        } else {
            this.moments = null;
            this.sign = 1;
            this.rates = scenario.arms().stream().mapToDouble(a -> PlanningFigures.analysed(scenario, e, a))
                    .toArray();
        }
        this.sizes = sizes.clone();
        this.replicates = replicates;
        this.seed = seed;
        this.cell = Objects.requireNonNull(cell, "cell");
        this.targetMcse = targetMcse;
        this.maxReplicates = maxReplicates;
    }

    /**
     * The study of a scenario's multi-arm design at the given sizes, replicates and seed, its designs built (so
     * that a size whose stages would be empty is refused here, before any replicate runs).
     *
     * @param scenario a scenario with a multi-arm design
     * @param sampleSizes the total sample sizes (each a multiple of the allocation-ratio sum)
     * @param replicates trials per configuration and size
     * @param seed the master seed
     * @return the study
     * @throws IllegalArgumentException if a size does not make a design, or the replicates are not positive
     */
    public static MultiArmStudy of(Scenario scenario, int[] sampleSizes, int replicates, long seed) {
        if (replicates < 1 || sampleSizes.length == 0) {
            throw new IllegalArgumentException("a multi-arm study needs replicates and sample sizes");
        }
        MultiArmStudy study = new MultiArmStudy(scenario, sampleSizes, replicates, seed, "", 0, 0);
        study.compiled();
        return study;
    }

    /** This study of another scenario (a sweep's cell, labelled {@code cell} in its rows and fingerprint). */
    public MultiArmStudy cell(Scenario other, String label) {
        MultiArmStudy study = new MultiArmStudy(other, sizes, replicates, seed, label, targetMcse, maxReplicates);
        study.compiled();
        return study;
    }

    /**
     * This study run to a precision target, as the patient-level engine runs one ({@code PowerStudy.targetMcse}):
     * batches of 500 replicates in order, from its replicates on, stopping at the
     * first batch boundary where every power's Monte Carlo standard error (each {@code power:<arm>} and
     * {@code power:any}, as assumed, at every size) is at most {@code mcse}, or at {@code cap} replicates.
     *
     * @throws IllegalArgumentException if {@code mcse} is not positive or {@code cap} is below the replicates
     */
    public MultiArmStudy targetMcse(double mcse, int cap) {
        if (!(mcse > 0) || cap < replicates) {
            throw new IllegalArgumentException("a precision target needs a positive MCSE and a cap of at least the "
                    + replicates + " replicates to start from");
        }
        MultiArmStudy study = new MultiArmStudy(scenario, sizes, replicates, seed, cell, mcse, cap);
        study.compiled = compiled;
        return study;
    }

    /**
     * Simulates the scenario's multi-arm design.
     *
     * @param scenario a scenario with a multi-arm design
     * @param sampleSizes the total sample sizes (each a multiple of the allocation-ratio sum)
     * @param replicates trials per configuration and size
     * @param seed the master seed
     * @param threads worker threads (the result does not depend on it)
     * @return the rows at every size
     */
    public static StudyResult run(Scenario scenario, int[] sampleSizes, int replicates, long seed, int threads) {
        return of(scenario, sampleSizes, replicates, seed).run(threads);
    }

    /**
     * Runs replicates {@code [0, R)} of every configuration and size in batches on {@code threads} threads.
     *
     * @param threads worker threads (the result does not depend on it)
     * @return the rows at every size
     */
    public StudyResult run(int threads) {
        Compiled c = compiled();
        if (targetMcse > 0) {
            return result(ReplicateRunner.sequential(this::counts, this::stopsAt, maximum(), threads));
        }
        long[] all = ReplicateRunner.ranges(this::counters, c.length, replicates, threads);
        return result(new StudyCounts(replicateFingerprint(), ReplicateRanges.prefix(replicates), all, null));
    }

    /**
     * Each arm's true value as analysed, in the scenario's arm order: a binary endpoint's response probability, a
     * continuous endpoint's mean (negated where smaller values favour the treatment, so that larger is better).
     */
    public static double[] rates(Scenario scenario) {
        return new MultiArmStudy(scenario).rates.clone();
    }

    /**
     * What {@code trialsim check} says of the scenario's multi-arm design: the comparisons, each arm's probability
     * as analysed, and at each sample size the stage sizes and critical values (closed test) or the analyses
     * (response-adaptive).
     */
    public static List<String> summary(Scenario scenario) {
        return new MultiArmStudy(scenario).summaryLines();
    }

    private List<String> summaryLines() {
        List<String> out = new ArrayList<>();
        boolean closed = plan instanceof MultiArm.ClosedTest;
        out.add("Multi-arm design (" + (closed ? "multi_arm" : "response_adaptive") + "): every arm against "
                + name(control) + " on " + plan.endpoint() + (closed ? ", closed inverse-normal combination test"
                : ", response-adaptive randomisation (Thall and Wathen)") + "; the endpoint's own test is not used");
        StringBuilder p = new StringBuilder(moments == null ? "  response probability as analysed:"
                : "  mean (SD) of completers as analysed, share analysed:");
        for (int i = 0; i < rates.length; i++) {
            p.append(i == 0 ? " " : ", ").append(name(i)).append(' ').append(fmt(moments == null ? rates[i]
                    : moments[i].mean()));
            if (moments != null) {
                p.append(" (").append(fmt(moments[i].sd())).append("), ").append(fmt(moments[i].analysed()));
            }
        }
        out.add(p.toString());
        if (moments != null && plan instanceof MultiArm.ClosedTest c && c.estimatedVariance()) {
            out.add("  stage means normal with these SDs; each stage's analysis pools the variance over the control and "
                    + "the arms with data (chi-square sums of squares; t statistics, Dunnett by the multivariate t); "
                    + (sign < 0 ? "smaller values favour the treatment: the comparisons and the selection are on "
                    + "the control's mean minus the arm's" : "larger values favour the treatment"));
        } else if (moments != null) {
            out.add("  stage means normal with these SDs (known, z statistics as rpact's getSimulationMultiArmMeans); "
                    + (sign < 0 ? "smaller values favour the treatment: the comparisons and the selection are on "
                    + "the control's mean minus the arm's" : "larger values favour the treatment"));
        }
        for (int n : scenario.design().sampleSizes()) {
            if (plan instanceof MultiArm.ClosedTest c) {
                MultiArmDesign d = design(c, n);
                out.add("  n_total " + n + ": cumulative per arm " + Arrays.toString(d.perArm()) + ", control stages "
                        + Arrays.toString(d.controlPerStage()) + "; critical z " + Arrays.toString(Arrays.stream(
                        d.critical()).mapToObj(MultiArmStudy::fmt).toArray()) + " (" + c.intersectionTest().name()
                        .toLowerCase(java.util.Locale.ROOT) + " intersection tests)");
            } else {
                ResponseAdaptiveDesign d = design((MultiArm.ResponseAdaptive) plan, n);
                out.add("  n_total " + n + ": analyses after " + Arrays.toString(d.looks()) + " patients (equal "
                        + "allocation until the first)");
            }
        }
        if (plan instanceof MultiArm.ClosedTest c) {
            Selection sel = c.selection();
            out.add("  selection at each interim: " + sel.rule().name().toLowerCase(java.util.Locale.ROOT)
                    + (sel.rule() == Selection.Rule.BEST_K ? " " + sel.keep() : "")
                    + (sel.rule() == Selection.Rule.EPSILON ? " " + fmt(sel.epsilon()) : "")
                    + (sel.threshold() > Double.NEGATIVE_INFINITY ? ", then arms at or below " + (moments == null
                    ? "a risk difference" : "an advantage over the control") + " of " + fmt(sel.threshold())
                    + " dropped (none left: stop for futility)" : "")
                    + (sel.ties() == Selection.TieBreak.FIRST_LISTED && (sel.rule() == Selection.Rule.BEST
                    || sel.rule() == Selection.Rule.BEST_K) ? "; ties to the arm listed first" : ""));
        } else {
            MultiArm.ResponseAdaptive a = (MultiArm.ResponseAdaptive) plan;
            out.add("  prior Beta(" + fmt(a.priorA()) + ", " + fmt(a.priorB()) + "); allocation by P(best)^"
                    + (Double.isNaN(a.exponent()) ? "(n/2N)" : fmt(a.exponent())) + " in [" + fmt(a.floor()) + ", "
                    + fmt(a.cap()) + "]" + (Double.isNaN(a.controlShare()) ? "" : ", control share "
                    + fmt(a.controlShare())) + "; success above " + fmt(a.success()));
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    // ---------------------------------------------------------------- the shard API

    /**
     * The scenario with the study's sample sizes (as the patient-level engine's study gives it; the multi-arm block
     * kept), so that a result's document records the sizes studied, not the file's.
     */
    @Override
    public Scenario scenario() {
        return scenario.toBuilder().sampleSizes(Arrays.stream(sizes).boxed().toList()).build();
    }

    /** The total sample sizes studied. */
    public int[] sampleSizes() {
        return sizes.clone();
    }

    /** The replicates of every configuration and size. */
    public int replicates() {
        return replicates;
    }

    @Override
    public long seed() {
        return seed;
    }

    /** {@code multi_arm_closed_test} or {@code response_adaptive}. */
    @Override
    public String modelName() {
        return closed() ? "multi_arm_closed_test" : "response_adaptive";
    }

    private boolean closed() {
        return plan instanceof MultiArm.ClosedTest;
    }

    /**
     * How each replicate's random numbers derive from the seed: the streams of {@link MultiArmSimulation} (the
     * outcomes, and the uniforms that break ties in selection) or {@link ResponseAdaptiveSimulation}, by their
     * {@link org.trialsim.random.StreamId}s, every configuration on the same seed.
     */
    public String streamLayout() {
        String keyed = ", replicate r at SplitMix64 K+2r+1..2 with K = 2^63 + 2^42 x hash(id); every configuration on"
                + " the same seed";
        return closed()
                ? "StreamIds " + MultiArmSimulation.STREAM.name() + " (every arm's outcomes) and "
                + MultiArmSimulation.TIES.name() + " (uniforms breaking selection ties, from a replicate's first tie)"
                + keyed
                : "StreamId " + ResponseAdaptiveSimulation.STREAM.name() + " (each patient's arm and response)" + keyed;
    }

    /**
     * The scenario (name and SHA-256), sample sizes, seed, replicates, no precision target, batch size, the null
     * configurations run, the sweep cell, the simulation ({@code model}), how the counters are laid out
     * ({@code counters}), the trialsim version and the stream layout.
     */
    @Override
    public Map<String, String> fingerprint() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("scenario", scenario.name());
        f.put("scenario_sha256", ScenarioHash.sha256(scenario));
        f.put("sample_sizes", Arrays.stream(sizes).boxed().toList().toString());
        f.put("seed", Long.toString(seed));
        f.put("replicates", Integer.toString(replicates));
        f.put("target_mcse", targetMcse > 0 ? Double.toString(targetMcse) : "none");
        f.put("max_replicates", targetMcse > 0 ? Integer.toString(maxReplicates) : "none");
        f.put("batch_size", Integer.toString(ReplicateRunner.BATCH));
        f.put("null_hypothesis", "global and partial nulls on every replicate");
        f.put("cell", cell);
        f.put("model", modelName());
        f.put("counters", compiled().layout);
        f.put("trialsim", TrialsimVersion.version());
        f.put("streams", streamLayout());
        return f;
    }

    @Override
    public Map<String, String> replicateFingerprint() {
        Map<String, String> f = new LinkedHashMap<>(fingerprint());
        f.keySet().removeAll(List.of("replicates", "target_mcse", "max_replicates", "batch_size"));
        return Map.copyOf(f);
    }

    /**
     * The counts of replicates {@code [from, to)} of every configuration at every size, on the calling thread:
     * the number of replicates, then each size's configurations' counters in order.
     */
    @Override
    public StudyCounts counts(long from, long to) {
        ReplicateRanges range = ReplicateRanges.of(from, to);
        return new StudyCounts(replicateFingerprint(), range, counters(from, to), null);
    }

    private long[] counters(long from, long to) {
        Compiled c = compiled();
        long[] all = new long[c.length];
        all[0] = to - from;
        int at = 1;
        for (SizeBlock b : c.blocks) {
            for (ReplicateCounter s : b.simulations()) {
                long[] part = s.counts(from, to);
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
        }
        return all;
    }

    /**
     * Whether the study stops with {@code counts}: they cover a prefix {@code [0, k)} and {@code k} is the study's
     * replicates, or with a precision target its cap, or a batch boundary at or after its replicates where every
     * power's Monte Carlo standard error is at most the target (the patient-level engine's rule).
     */
    @Override
    public boolean stopsAt(StudyCounts counts) {
        check(counts);
        if (!counts.ranges().isPrefix()) {
            return false;
        }
        long k = counts.ranges().end();
        return k == maximum() || targetMcse > 0 && k >= replicates && k % ReplicateRunner.BATCH == 0
                && largestPowerError(counts) <= targetMcse;
    }

    /** The replicates the study runs at most. */
    private long maximum() {
        return targetMcse > 0 ? maxReplicates : replicates;
    }

    /** The largest Monte Carlo standard error of the {@code power:} rows of prefix counts. */
    private double largestPowerError(StudyCounts counts) {
        double largest = 0;
        for (MeasureRow row : rows(counts)) {
            if (Measure.parse(row.measure()).kind() == MeasureKind.POWER) {
                largest = Math.max(largest, row.estimate().mcSe());
            }
        }
        return largest;
    }

    /**
     * The rows of counts over {@code [0, k)}: the bits of {@link #run(int)} when {@code k} is the study's
     * replicates, else flagged partial (a merge of the first shards).
     */
    @Override
    public StudyResult result(StudyCounts counts) {
        Compiled c = compiled();
        check(counts);
        if (!counts.ranges().isPrefix()) {
            throw new IllegalArgumentException("the counts cover replicates " + counts.ranges() + ", not one run from "
                    + "replicate 0: " + counts.ranges().missing(0, counts.ranges().end()) + " missing");
        }
        long k = counts.replicates();
        List<MeasureRow> rows = rows(counts);
        boolean partial = !stopsAt(counts);
        List<String> warnings = new ArrayList<>(c.warnings);
        if (!partial && targetMcse > 0 && largestPowerError(counts) > targetMcse) {
            warnings.add("the Monte Carlo standard error target " + targetMcse + " was not reached within "
                    + maximum() + " replicates");
        }
        if (partial) {
            warnings.add("cancelled: results rest on the " + k + " replicates completed");
        }
        Provenance p = new Provenance(TrialsimVersion.version(), ReplicateStreams.GENERATOR.name(),
                TrialsimVersion.commonsRngVersion(), seed, ScenarioHash.sha256(scenario), k, partial, modelName(),
                streamLayout(), k);
        return new StudyResult(scenario.name(), p, rows, warnings);
    }

    /** The rows of prefix counts, size by size. */
    private List<MeasureRow> rows(StudyCounts counts) {
        long[] all = counts.alternative();
        List<MeasureRow> rows = new ArrayList<>();
        int at = 1;
        for (SizeBlock b : compiled().blocks) {
            List<long[]> parts = new ArrayList<>();
            for (ReplicateCounter s : b.simulations()) {
                parts.add(Arrays.copyOfRange(all, at, at + s.counters()));
                at += s.counters();
            }
            b.rows(parts, rows);
        }
        return rows;
    }

    private void check(StudyCounts counts) {
        Map<String, String> mine = replicateFingerprint();
        if (!counts.study().equals(mine)) {
            List<String> d = new ArrayList<>();
            for (String key : new TreeSet<>(union(mine.keySet(), counts.study().keySet()))) {
                if (!Objects.equals(mine.get(key), counts.study().get(key))) {
                    d.add(key + " is " + counts.study().get(key) + " in the counts and " + mine.get(key)
                            + " in this study");
                }
            }
            throw new IllegalArgumentException("the counts are of a different study: " + String.join("; ", d));
        }
        if (counts.hasNullHypothesis() || counts.alternative().length != compiled().length) {
            throw new IllegalArgumentException("the counts do not fit this study's simulations");
        }
        if (counts.ranges().end() > maximum()) {
            throw new IllegalArgumentException("the counts cover replicates " + counts.ranges() + ", beyond the "
                    + maximum() + " this study runs");
        }
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** Every size's configurations, built once: their simulations, how many counters, the warnings. */
    private record Compiled(List<SizeBlock> blocks, int length, String layout, List<String> warnings) {
    }

    /** One size's configurations: their simulations, counted in this order, and how their counts make rows. */
    /**
     * One size's simulations (each configuration), what each simulates, and how the size's rows come from their
     * counters (in the order of {@code simulations}).
     */
    private record SizeBlock(List<ReplicateCounter> simulations, List<String> labels, RowWriter writer) {
        void rows(List<long[]> counts, List<MeasureRow> rows) {
            writer.rows(counts, rows);
        }
    }

    /** Adds a size's rows from each simulation's counters. */
    private interface RowWriter {
        void rows(List<long[]> counts, List<MeasureRow> rows);
    }

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            List<SizeBlock> blocks = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (int n : sizes) {
                blocks.add(plan instanceof MultiArm.ClosedTest closed ? closedBlock(closed, n, warnings)
                        : adaptiveBlock((MultiArm.ResponseAdaptive) plan, n, warnings));
            }
            int length = 1;
            for (SizeBlock b : blocks) {
                for (ReplicateCounter s : b.simulations()) {
                    length += s.counters();
                }
            }
            SizeBlock first = blocks.get(0);
            String layout = COUNTS_LAYOUT + ": replicates, then at each sample size the configurations "
                    + String.join(", ", first.labels()) + ", each as " + first.simulations().get(0).layout() + "; "
                    + length + " counters";
            c = new Compiled(List.copyOf(blocks), length, layout, warnings.stream().distinct().toList());
            compiled = c;
        }
        return c;
    }

    // ---------------------------------------------------------------- closed test

    /** The treatment arms' indices in arm order (every arm but the control). */
    private int[] treatments() {
        return java.util.stream.IntStream.range(0, rates.length).filter(i -> i != control).toArray();
    }

    private String name(int arm) {
        return scenario.arms().get(arm).name();
    }

    MultiArmDesign design(MultiArm.ClosedTest c, int n) {
        int[] t = treatments();
        int sum = scenario.arms().stream().mapToInt(Arm::allocation).sum();
        int[] perArm = MultiArm.cumulative(c.informationFractions(), n, sum, scenario.arms().get(t[0]).allocation());
        int[] controlCumulative = MultiArm.cumulative(c.informationFractions(), n, sum,
                scenario.arms().get(control).allocation());
        int k = perArm.length;
        int[] controlStage = new int[k];
        for (int s = 0; s < k; s++) {
            controlStage[s] = controlCumulative[s] - (s == 0 ? 0 : controlCumulative[s - 1]);
        }
        double alpha = scenario.design().alpha();
        double[] critical;
        if (k == 1) {
            critical = new double[] {NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha)};
        } else {
            // bounds at the realised fractions of the treatment arms' planned sizes, which also weight the stages
            double[] fractions = new double[k];
            for (int s = 0; s < k; s++) {
                fractions[s] = (double) perArm[s] / perArm[k - 1];
            }
            critical = GroupSequentialBoundaries.efficacyOnly(fractions, spending(c.spending(), c.gamma()), alpha)
                    .efficacyBounds();
        }
        double[] futility = new double[k - 1];
        Arrays.fill(futility, c.futilityBound());
        String[] names = Arrays.stream(t).mapToObj(this::name).toArray(String[]::new);
        double[] values = Arrays.stream(t).mapToDouble(i -> rates[i]).toArray();
        if (moments == null) {
            return new MultiArmDesign(MultiArmDesign.Outcome.RATES, names, values, rates[control], 1, perArm,
                    controlStage, c.intersectionTest(), c.selection(), critical, futility, c.successAll());
        }
        MultiArmDesign.Analysed analysed = new MultiArmDesign.Analysed(
                Arrays.stream(t).mapToDouble(i -> moments[i].sd()).toArray(), moments[control].sd(),
                Arrays.stream(t).mapToDouble(i -> moments[i].analysed()).toArray(), moments[control].analysed(),
                c.estimatedVariance());
        return new MultiArmDesign(MultiArmDesign.Outcome.MEANS, names, values, rates[control],
                moments[control].sd(), perArm, controlStage, c.intersectionTest(), c.selection(), critical, futility,
                c.successAll(), analysed);
    }

    private static SpendingFunction spending(GroupSequential.Spending s, double gamma) {
        return switch (s) {
            case OBRIEN_FLEMING -> SpendingFunction.obrienFleming();
            case POCOCK -> SpendingFunction.pocock();
            case HWANG_SHIH_DECANI -> SpendingFunction.hwangShihDeCani(gamma);
        };
    }

    /**
     * The configurations at size {@code n}: as assumed, the global null, then each partial null other than the
     * assumed values themselves (which the assumed run gives).
     */
    private SizeBlock closedBlock(MultiArm.ClosedTest c, int n, List<String> warnings) {
        MultiArmDesign design = design(c, n);
        double[] assumedValues = design.values();
        double[] nullValues = new double[design.arms()];
        Arrays.fill(nullValues, design.control());
        List<double[]> partials = partialNulls(assumedValues, design.control(), warnings);
        List<ReplicateCounter> simulations = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        simulations.add(new MultiArmSimulation(design, seed));
        labels.add("as assumed");
        simulations.add(new MultiArmSimulation(design.withValues(nullValues), seed));
        labels.add("global null");
        for (double[] values : partials) {
            if (values != assumedValues) {
                MultiArmDesign partial = design.withValues(values);
                simulations.add(new MultiArmSimulation(partial, seed));
                labels.add("partial null " + label(design.names(), partial.nullArms()));
            }
        }
        return new SizeBlock(simulations, labels,
                (counts, rows) -> closedTestRows(n, design, assumedValues, partials, simulations, counts, rows));
    }

    private void closedTestRows(int n, MultiArmDesign design, double[] assumedValues, List<double[]> partials,
            List<ReplicateCounter> simulations, List<long[]> counts, List<MeasureRow> rows) {
        String[] names = design.names();
        int g = names.length;
        MultiArmResult assumed = ((MultiArmSimulation) simulations.get(0)).result("as assumed", counts.get(0));
        long replicates = assumed.replicates();
        for (int i = 0; i < g; i++) {
            add(rows, n, Measure.power(names[i]), proportion(assumed.rejected()[i], replicates));
        }
        add(rows, n, Measure.power(Measure.ANY), proportion(assumed.anyRejected(), replicates));
        int k = design.stages();
        if (k > 1) {
            for (int i = 0; i < g; i++) {
                add(rows, n, Measure.of(MeasureKind.SELECTED, names[i]),
                        proportion(assumed.selected().get(k - 2)[i], replicates));
            }
        }
        for (int i = 0; i < g; i++) {
            add(rows, n, Measure.of(MeasureKind.ALLOCATION, names[i]), mean(assumed.patients()[i], replicates));
        }
        add(rows, n, Measure.of(MeasureKind.ALLOCATION, name(control)), mean(assumed.patients()[g], replicates));
        add(rows, n, Measure.of(MeasureKind.EXPECTED_N), mean(assumed.total(), replicates));
        if (k > 1) {
            for (int s = 0; s < k; s++) {
                add(rows, n, Measure.atLook(MeasureKind.REJECT, s + 1), proportion(assumed.successStop()[s],
                        replicates));
            }
            for (int s = 0; s < k - 1; s++) {
                add(rows, n, Measure.atLook(MeasureKind.FUTILITY, s + 1), proportion(assumed.futilityStop()[s],
                        replicates));
            }
        }
        MultiArmResult global = ((MultiArmSimulation) simulations.get(1)).result("global null", counts.get(1));
        add(rows, n, Measure.type1(Measure.ANY), proportion(global.anyRejected(), replicates));
        for (int i = 0; i < g; i++) {
            add(rows, n, Measure.type1(names[i]), proportion(global.rejected()[i], replicates));
        }
        int next = 2;
        for (double[] values : partials) {
            MultiArmDesign partial = design.withValues(values);
            MultiArmResult r = values == assumedValues ? assumed
                    : ((MultiArmSimulation) simulations.get(next)).result("partial null", counts.get(next++));
            add(rows, n, Measure.of(MeasureKind.FWER, label(names, partial.nullArms())),
                    proportion(r.familywiseError(), replicates));
        }
    }

    /**
     * The partial nulls: the assumed values if some (not all) arms are no better than the control, then every
     * non-empty proper subset of the arms better than the control set to the control's value.
     */
    private static List<double[]> partialNulls(double[] values, double control, List<String> warnings) {
        int[] better = java.util.stream.IntStream.range(0, values.length).filter(i -> values[i] > control).toArray();
        List<double[]> out = new ArrayList<>();
        if (better.length < values.length && better.length > 0) {
            out.add(values);
        }
        if (better.length > MAX_PARTIAL_ALTERNATIVES) {
            warnings.add("the familywise error under partial nulls is given for at most " + MAX_PARTIAL_ALTERNATIVES
                    + " arms better than the control; this design has " + better.length);
            return out;
        }
        for (int subset = 1; subset < (1 << better.length) - 1; subset++) {
            double[] v = values.clone();
            for (int j = 0; j < better.length; j++) {
                if ((subset >>> j & 1) != 0) {
                    v[better[j]] = control;
                }
            }
            out.add(v);
        }
        return out;
    }

    private static String label(String[] names, int mask) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((mask >>> i & 1) != 0) {
                in.add(names[i]);
            }
        }
        return String.join("+", in);
    }

    // ---------------------------------------------------------------- response-adaptive randomisation

    ResponseAdaptiveDesign design(MultiArm.ResponseAdaptive a, int n) {
        int[] looks = new int[a.informationFractions().size()];
        for (int l = 0; l < looks.length; l++) {
            looks[l] = (int) Math.round(a.informationFractions().get(l) * n);
        }
        String[] names = scenario.arms().stream().map(Arm::name).toArray(String[]::new);
        return new ResponseAdaptiveDesign(names, rates, control, a.priorA(), a.priorB(), looks, a.exponent(),
                a.floor(), a.cap(), a.controlShare(), a.inferiority(), a.futility(), a.superiority(), a.success());
    }

    /**
     * The configurations at size {@code n}: as assumed, the global null, then each partial null other than the
     * assumed rates themselves (which the assumed run gives).
     */
    private SizeBlock adaptiveBlock(MultiArm.ResponseAdaptive a, int n, List<String> warnings) {
        ResponseAdaptiveDesign design = design(a, n);
        int[] t = treatments();
        double[] values = Arrays.stream(t).mapToDouble(i -> rates[i]).toArray();
        String[] names = Arrays.stream(t).mapToObj(this::name).toArray(String[]::new);
        List<double[]> partials = partialNulls(values, rates[control], warnings);
        List<ReplicateCounter> simulations = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        simulations.add(new ResponseAdaptiveSimulation(design, seed));
        labels.add("as assumed");
        simulations.add(new ResponseAdaptiveSimulation(design.nullDesign(), seed));
        labels.add("global null");
        for (double[] v : partials) {
            if (v != values) {
                simulations.add(new ResponseAdaptiveSimulation(design.withRates(allRates(t, v)), seed));
                labels.add("partial null " + label(names, nullMask(v)));
            }
        }
        return new SizeBlock(simulations, labels,
                (counts, rows) -> adaptiveRows(n, values, names, partials, simulations, counts, rows));
    }

    /** Every arm's rate, the treatment arms {@code t} taking {@code v}. */
    private double[] allRates(int[] t, double[] v) {
        double[] all = rates.clone();
        for (int j = 0; j < t.length; j++) {
            all[t[j]] = v[j];
        }
        return all;
    }

    /** The treatment arms whose rate in {@code v} is no better than the control's (bit set). */
    private int nullMask(double[] v) {
        int mask = 0;
        for (int j = 0; j < v.length; j++) {
            if (v[j] <= rates[control]) {
                mask |= 1 << j;
            }
        }
        return mask;
    }

    private void adaptiveRows(int n, double[] values, String[] names, List<double[]> partials,
            List<ReplicateCounter> simulations, List<long[]> counts, List<MeasureRow> rows) {
        int m = rates.length;
        int[] t = treatments();
        ResponseAdaptiveResult assumed = ((ResponseAdaptiveSimulation) simulations.get(0)).result("as assumed",
                counts.get(0));
        long replicates = assumed.replicates();
        for (int i : t) {
            add(rows, n, Measure.power(name(i)), proportion(assumed.successWith()[i], replicates));
        }
        add(rows, n, Measure.power(Measure.ANY), proportion(assumed.success(), replicates));
        for (int i : t) {
            add(rows, n, Measure.of(MeasureKind.SELECTED, name(i)), proportion(assumed.selected()[i], replicates));
        }
        for (int i = 0; i < m; i++) {
            add(rows, n, Measure.of(MeasureKind.ALLOCATION, name(i)), mean(assumed.patients()[i], replicates));
        }
        add(rows, n, Measure.of(MeasureKind.EXPECTED_N), mean(assumed.total(), replicates));
        for (int i : t) {
            add(rows, n, Measure.of(MeasureKind.DROPPED, name(i)), proportion(assumed.dropped()[i], replicates));
        }
        add(rows, n, Measure.of(MeasureKind.EARLY_SUCCESS), proportion(assumed.superiorityStop(), replicates));
        ResponseAdaptiveResult global = ((ResponseAdaptiveSimulation) simulations.get(1)).result("global null",
                counts.get(1));
        add(rows, n, Measure.type1(Measure.ANY), proportion(global.success(), replicates));
        for (int i : t) {
            add(rows, n, Measure.type1(name(i)), proportion(global.successWith()[i], replicates));
        }
        int next = 2;
        for (double[] v : partials) {
            int mask = nullMask(v);
            ResponseAdaptiveResult r = v == values ? assumed
                    : ((ResponseAdaptiveSimulation) simulations.get(next)).result("partial null", counts.get(next++));
            long errors = 0;
            for (int j = 0; j < t.length; j++) {
                if ((mask >>> j & 1) != 0) {
                    errors += count(r.successWith()[t[j]], replicates);
                }
            }
            add(rows, n, Measure.of(MeasureKind.FWER, label(names, mask)),
                    MonteCarloError.proportion(errors, replicates));
        }
    }

    // ---------------------------------------------------------------- rows

    private void add(List<MeasureRow> rows, int n, Measure measure, org.trialsim.power.Estimate e) {
        rows.add(new MeasureRow(cell, n, measure.text(), e));
    }

    /** The count behind a proportion of R (exact: p = count / R in double, R far below 2^52). */
    private static long count(Estimate e, long replicates) {
        return Math.round(e.estimate() * replicates);
    }

    private static org.trialsim.power.Estimate proportion(Estimate e, long replicates) {
        return MonteCarloError.proportion(count(e, replicates), replicates);
    }

    private static org.trialsim.power.Estimate mean(Estimate e, long replicates) {
        double m = e.estimate();
        double se = e.mcse();
        return new org.trialsim.power.Estimate(m, se, m - Z * se, m + Z * se, replicates);
    }
}
