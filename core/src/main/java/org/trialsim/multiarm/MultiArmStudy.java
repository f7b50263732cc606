package org.trialsim.multiarm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.trialsim.TrialsimVersion;
import org.trialsim.power.Measure;
import org.trialsim.power.MeasureKind;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.MonteCarloError;
import org.trialsim.power.Provenance;
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
 */
public final class MultiArmStudy {

    /** Partial nulls are enumerated up to this many arms better than the control (2^a - 2 configurations). */
    static final int MAX_PARTIAL_ALTERNATIVES = 4;

    private static final double Z = NormalDistribution.of(0, 1).inverseSurvivalProbability(MonteCarloError.ALPHA / 2);

    private final Scenario scenario;
    private final MultiArm plan;
    private final int control;
    private final double[] rates;
    /** A continuous endpoint's analysed figures per arm (scenario order), or null for a binary endpoint. */
    private final PlanningFigures.Moments[] moments;
    /** -1 where smaller values favour the treatment (the simulation's values are then the negated means). */
    private final double sign;

    MultiArmStudy(Scenario scenario) {
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
        return new MultiArmStudy(scenario).result(sampleSizes, replicates, seed, threads);
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

    private StudyResult result(int[] sizes, int replicates, long seed, int threads) {
        List<MeasureRow> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int n : sizes) {
            if (plan instanceof MultiArm.ClosedTest closed) {
                closedTest(closed, n, replicates, seed, threads, rows, warnings);
            } else {
                responseAdaptive((MultiArm.ResponseAdaptive) plan, n, replicates, seed, threads, rows, warnings);
            }
        }
        boolean closed = plan instanceof MultiArm.ClosedTest;
        Provenance p = new Provenance(TrialsimVersion.version(), ReplicateStreams.GENERATOR.name(),
                TrialsimVersion.commonsRngVersion(), seed, ScenarioHash.sha256(scenario), replicates, false,
                closed ? "multi_arm_closed_test" : "response_adaptive", "one stream per replicate: StreamId "
                        + (closed ? "multi_arm" : "response_adaptive") + ", every configuration on the same seed",
                replicates);
        return new StudyResult(scenario.name(), p, rows, warnings.stream().distinct().toList());
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

    private void closedTest(MultiArm.ClosedTest c, int n, int replicates, long seed, int threads,
            List<MeasureRow> rows, List<String> warnings) {
        MultiArmDesign design = design(c, n);
        String[] names = design.names();
        int g = names.length;
        MultiArmResult assumed = new MultiArmSimulation(design, seed).run("as assumed", replicates, threads);
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
        double[] nullValues = new double[g];
        Arrays.fill(nullValues, design.control());
        MultiArmResult global = new MultiArmSimulation(design.withValues(nullValues), seed)
                .run("global null", replicates, threads);
        add(rows, n, Measure.type1(Measure.ANY), proportion(global.anyRejected(), replicates));
        for (int i = 0; i < g; i++) {
            add(rows, n, Measure.type1(names[i]), proportion(global.rejected()[i], replicates));
        }
        for (double[] values : partialNulls(design.values(), design.control(), warnings)) {
            MultiArmDesign partial = design.withValues(values);
            MultiArmResult r = values == design.values() ? assumed
                    : new MultiArmSimulation(partial, seed).run("partial null", replicates, threads);
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

    private void responseAdaptive(MultiArm.ResponseAdaptive a, int n, int replicates, long seed, int threads,
            List<MeasureRow> rows, List<String> warnings) {
        ResponseAdaptiveDesign design = design(a, n);
        int m = rates.length;
        int[] t = treatments();
        ResponseAdaptiveResult assumed = new ResponseAdaptiveSimulation(design, seed).run("as assumed", replicates,
                threads);
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
        ResponseAdaptiveResult global = new ResponseAdaptiveSimulation(design.nullDesign(), seed)
                .run("global null", replicates, threads);
        add(rows, n, Measure.type1(Measure.ANY), proportion(global.success(), replicates));
        for (int i : t) {
            add(rows, n, Measure.type1(name(i)), proportion(global.successWith()[i], replicates));
        }
        double[] values = Arrays.stream(t).mapToDouble(i -> rates[i]).toArray();
        String[] names = Arrays.stream(t).mapToObj(this::name).toArray(String[]::new);
        for (double[] v : partialNulls(values, rates[control], warnings)) {
            double[] all = rates.clone();
            int nullMask = 0;
            for (int j = 0; j < t.length; j++) {
                all[t[j]] = v[j];
                if (v[j] <= rates[control]) {
                    nullMask |= 1 << j;
                }
            }
            ResponseAdaptiveResult r = v == values ? assumed
                    : new ResponseAdaptiveSimulation(design.withRates(all), seed).run("partial null", replicates,
                            threads);
            long errors = 0;
            for (int j = 0; j < t.length; j++) {
                if ((nullMask >>> j & 1) != 0) {
                    errors += count(r.successWith()[t[j]], replicates);
                }
            }
            add(rows, n, Measure.of(MeasureKind.FWER, label(names, nullMask)),
                    MonteCarloError.proportion(errors, replicates));
        }
    }

    // ---------------------------------------------------------------- rows

    private static void add(List<MeasureRow> rows, int n, Measure measure, org.trialsim.power.Estimate e) {
        rows.add(new MeasureRow("", n, measure.text(), e));
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
