package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.PredictiveDesign;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.SimonDesign;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.bayes.BetaPrior;
import org.trialsim.stats.bayes.PredictiveProbabilityDesign;
import org.trialsim.stats.combination.InverseNormalCombination;
import org.trialsim.stats.combination.PromisingZone;
import org.trialsim.stats.multiplicity.GraphicalGroupSequential;
import org.trialsim.stats.multiplicity.GraphicalProcedure;
import org.trialsim.stats.multiplicity.Hochberg;
import org.trialsim.stats.multiplicity.MultipleTest;
import org.trialsim.stats.multiplicity.TestingGraph;
import org.trialsim.stats.sequential.Decision;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;

/**
 * One simulated trial of a scenario, as the real trial would run and be analysed: a cohort of the largest
 * sample size drawn from the stream of (seed, replicate); for each sample size n of the grid, the first n
 * patients (nested cohorts) analysed at the scenario's data cutoff; the decision taken by the scenario's
 * design:
 * <ul>
 * <li>fixed: each endpoint's p-value against alpha (one-sided alpha, or the two-sided total), then the
 * multiplicity procedure across endpoints (graphical: Bretz et al. Stat Med 2009;28:586-604; or Hochberg);</li>
 * <li>group-sequential: the monitored endpoint analysed at each look, at the calendar time when the look's
 * information fraction of the final information is available (patients assessed, completers, or events),
 * stopping at the first look whose statistic reaches the efficacy bound or, at an interim look, falls to the
 * non-binding futility bound. Trials of the scenario follow the futility rule (powers, stopping
 * probabilities and expected sample size are those of the rule as followed); trials of the null scenario
 * ignore it, because a non-binding design's type I error is assessed as if futility were never followed
 * (the bounds are computed that way, so it is alpha). The patients enrolled by the stopping time count
 * toward the expected sample size. A two-sided design tests |z| against bounds computed at alpha / 2;</li>
 * <li>graphical group-sequential (interim looks with a graphical multiplicity procedure across endpoints; Maurer
 * W, Bretz F. Stat Biopharm Res 2013;5:311-320): the looks are timed by the monitored endpoint as above; at each
 * look every endpoint not yet rejected is analysed with the data at that time and tested against the bounds of
 * its current share of alpha with its own spending function ({@link GraphicalGroupSequential}), rejections
 * passing alpha on within the look; the trial stops when every endpoint is rejected, else at the final analysis.
 * Each endpoint's statistic at a look is the normal score of its p-value (one-sided, or half the two-sided
 * p-value against bounds at alpha / 2), so that a t-test or an exact test meets its bounds at its own level.
 * Before multiplicity control (the unadjusted rejections) each endpoint is its own group-sequential test at the
 * full alpha over the looks at which it was analysed;</li>
 * <li>sample-size re-estimation (a two-stage design with {@code interim.sample_size_reestimation}): the monitored
 * endpoint analysed at the interim (timed by its information as above); the total sample size raised by the
 * promising-zone rule (Mehta CR, Pocock SJ. Stat Med 2011;30:3267-3284; {@link PromisingZone}) within
 * [n, maximum factor x n], the cohort being drawn at the largest such size so that the added patients are the
 * next ones of the same cohort; the final analysis of all the trial's patients at their own data cutoff, the
 * statistic of the data added after the interim obtained from the cumulative one by independent increments with
 * each analysis' information (the harmonic group sizes), and the null rejected by the weighted inverse-normal
 * combination test with the planned weights (Cui L, Hung HMJ, Wang SJ. Biometrics 1999;55:853-857;
 * {@link InverseNormalCombination}). The patients enrolled count toward the expected sample size;</li>
 * <li>Simon two-stage: stop for futility if at most r1 of the first n1 patients respond, else reject if more
 * than r of all n respond (Simon R. Control Clin Trials 1989;10:1-10).</li>
 * <li>predictive probability (Lee JJ, Liu DD. Clin Trials 2008;5:93-106): at each look the responders among
 * the patients analysed so far against the design's integer bounds, computed once per design
 * ({@link PredictiveProbabilityDesign}); the trial stops at the first look that decides (futility, or
 * efficacy with theta_u below 1), else at the final analysis (posterior probability above theta_t). The rule
 * is binding: the null scenario's trials follow it too, as the exact type I error assumes.</li>
 * <li>Bayesian rules (a {@link BayesianRule} on the endpoint): an endpoint succeeds when its posterior
 * probability that the effect exceeds the margin is above the rule's success threshold, at the final
 * analysis and, when it is the monitored endpoint of interim looks, at each look (which also stops for
 * futility when the probability is below the futility threshold). The rule is followed in the trials of the
 * null scenario too: the type I error is that of the rule as run, as adaptr and FACTS simulate it.</li>
 * </ul>
 * Not thread-safe: one instance per worker thread, from {@link #factory(Scenario, long, boolean)}.
 */
final class ScenarioTrial implements VirtualTrial {

    private static final org.apache.commons.statistics.distribution.NormalDistribution STANDARD_NORMAL =
            org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);

    private final Compiled design;
    private final long seed;
    private final CohortSampler sampler;
    private final Cohort cohort;
    private final DataCutoff cutoff;
    private final EndpointAnalysis[] analyses;
    private final MultipleTest multiplicity;
    private final double[] pValues;
    private final boolean[] unadjusted;
    private final boolean[] adjusted;
    /** The endpoints' statistics at the current look of a graphical group-sequential design. */
    private final double[] zs;
    /** The group sizes of an analysis, for the stage-wise information of a re-estimation design. */
    private final int[] groups = new int[2];
    /** Told of every analysis and look decision when the trial is replayed; {@code null} in the engine. */
    private Trace trace;

    private ScenarioTrial(Compiled design, long seed) {
        this.design = design;
        this.seed = seed;
        this.sampler = design.plan.newSampler();
        this.cohort = new Cohort(design.cohortSize);
        this.cutoff = design.cutoff.copy();
        int m = design.analyses.length;
        this.analyses = new EndpointAnalysis[m];
        for (int e = 0; e < m; e++) {
            analyses[e] = design.analyses[e].copy();
        }
        this.multiplicity = design.multiplicity == null ? null : design.multiplicity.copy();
        this.pValues = new double[m];
        this.unadjusted = new boolean[m];
        this.adjusted = new boolean[m];
        this.zs = new double[m];
    }

    /**
     * The factory of trials of {@code scenario} with master seed {@code seed}; with {@code followFutility}
     * false, a group-sequential trial never stops for futility (for type I errors of non-binding designs).
     */
    static VirtualTrial.Factory factory(Scenario scenario, long seed, boolean followFutility) {
        Compiled compiled = new Compiled(scenario, followFutility);
        return new VirtualTrial.Factory() {
            @Override
            public TrialLayout layout() {
                return compiled.layout;
            }

            @Override
            public VirtualTrial create() {
                return new ScenarioTrial(compiled, seed);
            }

            @Override
            public String generator() {
                return ReplicateStreams.GENERATOR.name();
            }

            @Override
            public List<String> warnings() {
                return compiled.warnings;
            }
        };
    }

    /**
     * What a replay ({@link TrialReplay}) is told while the trial runs: every analysis with the data it had,
     * in the order the engine makes them, and each group-sequential look's decision.
     */
    interface Trace {
        /**
         * Endpoint {@code endpoint} was analysed at look {@code look} (0-based: Simon's stage 1 is look 0,
         * stage 2 look 1) with the first {@code patients} patients at calendar week {@code time}; the analysis
         * still holds its data, statistic and estimate.
         */
        void analysed(int endpoint, int look, int patients, double time, EndpointAnalysis analysis, double pValue);

        /** The monitored endpoint's statistic (|z| in a two-sided design) met look {@code look}'s bounds. */
        void decided(int look, double statistic, Decision decision);
    }

    /**
     * A trial of {@code scenario} that runs as the engine's trials of it do (futility followed) and tells
     * {@code trace} of every analysis: the replay of a replicate.
     */
    static ScenarioTrial traced(Scenario scenario, long seed, Trace trace) {
        ScenarioTrial t = new ScenarioTrial(new Compiled(scenario, true), seed);
        t.trace = trace;
        return t;
    }

    /** The cohort of the last run (for replays). */
    Cohort cohort() {
        return cohort;
    }

    /** The calendar week of the final analysis of the first {@code n} patients of the last run's cohort. */
    double finalCutoff(int n) {
        return cutoff.calendarTime(cohort, n);
    }

    /**
     * The bounds of a group-sequential design as a table can show them, else {@code null}: also {@code null} for a
     * graphical design (each endpoint's bounds move with its level) and for a re-estimation design without early
     * rejection (its only bound is the combination's, {@link #replayEfficacyBound}).
     */
    GroupSequentialBoundaries boundaries() {
        return design.graphical != null || design.zone != null && design.zone.design().c1() == Double.POSITIVE_INFINITY
                ? null : design.boundaries;
    }

    /**
     * The efficacy bound a replay shows beside look {@code k}'s statistic: the monitored endpoint's bound, the
     * combination test's for a re-estimation design (its statistic at the last look is the combination), NaN for a
     * graphical design (the bound depends on the level reached).
     */
    double replayEfficacyBound(int k) {
        if (design.graphical != null) {
            return Double.NaN;
        }
        if (design.zone != null) {
            return k == 0 ? design.zone.design().c1() : design.zone.design().c2();
        }
        return design.boundaries.efficacyBound(k);
    }

    /** The futility bound a replay shows beside look {@code k}'s statistic (see {@link #replayEfficacyBound}). */
    double replayFutilityBound(int k) {
        if (design.graphical != null || design.zone != null) {
            return k == design.fractions.length - 1 ? replayEfficacyBound(k) : Double.NEGATIVE_INFINITY;
        }
        return design.boundaries.futilityBound(k);
    }

    /** Whether the trial's looks test several endpoints by a graph (Maurer and Bretz 2013). */
    boolean graphical() {
        return design.graphical != null;
    }

    @Override
    public void run(long replicate, ReplicateOutcome out) {
        TrialLayout layout = design.layout;
        sampler.sample(cohort, design.cohortSize, seed, replicate);
        for (EndpointAnalysis a : analyses) {
            a.newCohort();
        }
        for (int g = 0; g < layout.sizeCount(); g++) {
            int n = layout.sampleSize(g);
            double finalCutoff = cutoff.calendarTime(cohort, n);
            switch (layout.design()) {
                case FIXED -> fixed(g, n, finalCutoff, out);
                case SIMON -> simon(g, n, finalCutoff, out);
                case GROUP_SEQUENTIAL -> {
                    if (design.graphical != null) {
                        graphicalSequential(g, n, finalCutoff, out);
                    } else if (design.zone != null) {
                        reestimated(g, n, finalCutoff, out);
                    } else {
                        sequential(g, n, finalCutoff, out);
                    }
                }
                case PREDICTIVE -> predictive(g, n, finalCutoff, out);
            }
        }
    }

    private void fixed(int g, int n, double time, ReplicateOutcome out) {
        for (int e = 0; e < analyses.length; e++) {
            pValues[e] = analyse(e, 0, n, time);
            unadjusted[e] = rejects(e, pValues[e]);
        }
        decideAcrossEndpoints(g, out);
    }

    private void decideAcrossEndpoints(int g, ReplicateOutcome out) {
        if (multiplicity == null) {
            System.arraycopy(unadjusted, 0, adjusted, 0, adjusted.length);
        } else {
            multiplicity.reject(pValues, design.alpha, adjusted);
        }
        for (int e = 0; e < analyses.length; e++) {
            out.reject(g, e, adjusted[e], unadjusted[e]);
            out.uninformative(g, e, !analyses[e].informative());
            if (harmful(e) && (unadjusted[e] || adjusted[e])) {
                out.harm(g, e, adjusted[e], unadjusted[e]);
            }
        }
    }

    /**
     * Whether endpoint {@code e}'s last analysis, if it rejects, rejects in the harmful direction: a two-sided
     * test (not a Bayesian rule, nor the staged endpoint whose design decides one way) whose statistic favours
     * control.
     */
    private boolean harmful(int e) {
        return design.twoSided && design.rules[e] == null && e != design.simonEndpoint && e != design.stagedEndpoint
                && analyses[e].z() < 0;
    }

    private void simon(int g, int n, double time, ReplicateOutcome out) {
        int s = design.simonEndpoint;
        SimonDesign d = design.simon;
        EndpointAnalysis a = analyses[s];
        analyse(s, 0, Math.min(d.n1(), n), time);
        if (a.events() <= d.r1()) {
            out.stop(g, 0, Math.min(d.n1(), n), true);
            for (int e = 0; e < analyses.length; e++) {
                out.reject(g, e, false, false);
            }
            out.uninformative(g, s, !a.informative());
            return;
        }
        for (int e = 0; e < analyses.length; e++) {
            pValues[e] = analyse(e, 1, n, time);
            unadjusted[e] = e == s ? analyses[e].events() > d.r() : rejects(e, pValues[e]);
            if (e == s) {
                // the Simon decision is final: no other procedure can weaken or strengthen it
                pValues[e] = unadjusted[e] ? 0 : 1;
            }
        }
        decideAcrossEndpoints(g, out);
    }

    /**
     * Lee and Liu's monitoring: look k analyses the first {@code looks[k]} patients (all their data, as Simon's
     * stage 1 does) and reads the responders among those analysed against the precomputed bounds.
     */
    private void predictive(int g, int n, double time, ReplicateOutcome out) {
        int s = design.stagedEndpoint;
        PredictiveProbabilityDesign d = design.predictive;
        int[] looks = design.looks;
        EndpointAnalysis a = analyses[s];
        Decision decision = Decision.FUTILITY;
        int look = looks.length - 1;
        int enrolled = n;
        for (int k = 0; k < looks.length; k++) {
            boolean last = k == looks.length - 1;
            int patients = last ? n : Math.min(looks[k], n);
            analyse(s, k, patients, time);
            decision = d.decide(Math.min(a.total(), d.nMax()), a.events(), last);
            if (decision != Decision.CONTINUE) {
                look = k;
                enrolled = patients;
                break;
            }
        }
        boolean rejected = decision == Decision.REJECT;
        out.stop(g, look, enrolled, decision == Decision.FUTILITY && look < looks.length - 1);
        for (int e = 0; e < analyses.length; e++) {
            if (e == s) {
                unadjusted[e] = rejected;
                // the design's decision is final: no other procedure can weaken or strengthen it
                pValues[e] = rejected ? 0 : 1;
            } else {
                pValues[e] = analyse(e, look, enrolled, time);
                unadjusted[e] = rejects(e, pValues[e]);
            }
        }
        decideAcrossEndpoints(g, out);
    }

    private void sequential(int g, int n, double finalCutoff, ReplicateOutcome out) {
        int m = design.sequentialEndpoint;
        EndpointAnalysis monitored = analyses[m];
        GroupSequentialBoundaries bounds = design.boundaries;
        int looks = bounds.looks();
        double time = finalCutoff;
        boolean rejected = false;
        int look = looks - 1;
        boolean futility = false;
        for (int k = 0; k < looks; k++) {
            time = k == looks - 1 ? finalCutoff
                    : monitored.extractor().informationTime(cohort, n, finalCutoff, design.fractions[k]);
            analyse(m, k, n, time);
            BayesianRule rule = design.rules[m];
            double z = rule != null ? monitored.statistic() : design.twoSided ? Math.abs(monitored.z()) : monitored.z();
            Decision d = rule != null ? bayesianDecision(rule, monitored, k == looks - 1) : bounds.decide(k, z);
            if (trace != null) {
                trace.decided(k, z, d);
            }
            if (d == Decision.REJECT) {
                rejected = true;
                look = k;
                break;
            }
            if (d == Decision.FUTILITY && (design.followFutility || rule != null || k == looks - 1)) {
                look = k;
                futility = k < looks - 1;
                break;
            }
        }
        out.stop(g, look, enrolledBy(n, time), futility);
        // Other endpoints are analysed with the data at the time the trial stopped.
        for (int e = 0; e < analyses.length; e++) {
            if (e == m) {
                unadjusted[e] = rejected;
                adjusted[e] = rejected;
            } else {
                unadjusted[e] = rejects(e, analyse(e, look, n, time));
                adjusted[e] = unadjusted[e];
            }
            out.reject(g, e, adjusted[e], unadjusted[e]);
            out.uninformative(g, e, !analyses[e].informative());
            if (unadjusted[e] && harmful(e)) {
                // the monitored endpoint's last analysis is the look that rejected
                out.harm(g, e, true, true);
            }
        }
    }

    /**
     * A graphical group-sequential trial: every endpoint not yet rejected analysed at each look (timed by the
     * monitored endpoint's information), the family tested by the compiled design; stops when all are rejected.
     */
    private void graphicalSequential(int g, int n, double finalCutoff, ReplicateOutcome out) {
        GraphicalGroupSequential d = design.graphical;
        EndpointAnalysis monitored = analyses[design.sequentialEndpoint];
        int looks = d.looks();
        int m = analyses.length;
        int rejected = 0;
        int all = (1 << m) - 1;
        double time = finalCutoff;
        int look = looks - 1;
        java.util.Arrays.fill(unadjusted, false);
        for (int k = 0; k < looks; k++) {
            time = k == looks - 1 ? finalCutoff
                    : monitored.extractor().informationTime(cohort, n, finalCutoff, design.fractions[k]);
            for (int e = 0; e < m; e++) {
                if ((rejected & (1 << e)) != 0) {
                    continue;
                }
                double p = analyse(e, k, n, time);
                double z = analyses[e].informative() ? normalScore(design.twoSided ? p / 2 : p) : Double.NaN;
                zs[e] = z;
                unadjusted[e] |= z >= d.fullAlphaBound(e, k);
            }
            int before = rejected;
            rejected = d.test(k, zs, rejected);
            if (trace != null) {
                int s = design.sequentialEndpoint;
                boolean now = (rejected & ~before & (1 << s)) != 0;
                trace.decided(k, zs[s], now ? Decision.REJECT : k == looks - 1 && (rejected & (1 << s)) == 0
                        ? Decision.FUTILITY : Decision.CONTINUE);
            }
            if (rejected == all) {
                look = k;
                break;
            }
        }
        out.stop(g, look, enrolledBy(n, time), false);
        for (int e = 0; e < m; e++) {
            boolean r = (rejected & (1 << e)) != 0;
            out.reject(g, e, r, unadjusted[e] || r);
            out.uninformative(g, e, !analyses[e].informative());
        }
    }

    /**
     * A two-stage trial with sample-size re-estimation: the interim on the monitored endpoint, the new total by the
     * promising zone, the final analysis of that many patients by the inverse-normal combination test.
     */
    private void reestimated(int g, int n, double finalCutoff, ReplicateOutcome out) {
        int m = design.sequentialEndpoint;
        EndpointAnalysis a = analyses[m];
        InverseNormalCombination test = design.zone.design();
        double interim = a.extractor().informationTime(cohort, n, finalCutoff, design.fractions[0]);
        double p1 = analyse(m, 0, n, interim);
        double z1 = a.informative() ? normalScore(p1) : Double.NaN;
        a.groupSizes(groups);
        double i1 = harmonic(groups);
        int analysed = groups[0] + groups[1];
        boolean early = z1 >= test.c1();
        if (trace != null) {
            trace.decided(0, z1, early ? Decision.REJECT : Decision.CONTINUE);
        }
        int total = early || Double.isNaN(z1) ? n
                : design.zone.totalSampleSize(z1, analysed, n, (int) Math.ceil(design.maximumFactor * n));
        double time = early ? interim : cutoff.calendarTime(cohort, total);
        boolean rejected = early;
        if (!early) {
            double pc = analyse(m, 1, total, time);
            a.groupSizes(groups);
            double z2 = InverseNormalCombination.stage2Statistic(z1, i1, a.informative() ? normalScore(pc) : Double.NaN,
                    harmonic(groups));
            rejected = test.combined(z1, z2) >= test.c2();
            if (trace != null) {
                trace.decided(1, test.combined(z1, z2), rejected ? Decision.REJECT : Decision.FUTILITY);
            }
        }
        int look = early ? 0 : 1;
        out.stop(g, look, early ? enrolledBy(n, interim) : total, false);
        for (int e = 0; e < analyses.length; e++) {
            if (e == m) {
                unadjusted[e] = rejected;
            } else {
                unadjusted[e] = rejects(e, analyse(e, look, early ? n : total, time));
            }
            out.reject(g, e, unadjusted[e], unadjusted[e]);
            out.uninformative(g, e, !analyses[e].informative());
        }
    }

    /** The information of two groups on the patients' scale: {@code n0 n1 / (n0 + n1)}. */
    private static double harmonic(int[] groups) {
        int sum = groups[0] + groups[1];
        return sum == 0 ? 0 : groups[0] * (double) groups[1] / sum;
    }

    /**
     * The standard normal score of a one-sided p-value, {@code Phi^-1(1 - p)}, taken as {@code -Phi^-1(p)} so that
     * small p-values keep their precision: the graphical design compares every endpoint's test on the scale of its
     * bounds through its p-value, so a t-test (or an exact test) is held to its own level at each look rather than
     * its statistic to normal bounds.
     */
    private static double normalScore(double p) {
        return -STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /**
     * Whether endpoint {@code e}, just analysed with p-value {@code p}, is rejected at its own level: p at most
     * alpha, or for a Bayesian rule the posterior probability above its success threshold.
     */
    private boolean rejects(int e, double p) {
        BayesianRule rule = design.rules[e];
        return rule == null ? p <= design.alpha : analyses[e].informative() && analyses[e].statistic() > rule.success();
    }

    /**
     * A Bayesian rule's look: success if the posterior probability exceeds its success threshold; futility if
     * it falls below the futility threshold at an interim look, or does not succeed at the last.
     */
    private static Decision bayesianDecision(BayesianRule rule, EndpointAnalysis a, boolean last) {
        double posterior = a.informative() ? a.statistic() : Double.NaN;
        if (posterior > rule.success()) {
            return Decision.REJECT;
        }
        return last || posterior < rule.futility() ? Decision.FUTILITY : Decision.CONTINUE;
    }

    /** Analyses endpoint {@code e} at look {@code look}; returns the p-value. */
    private double analyse(int e, int look, int n, double time) {
        double p = analyses[e].analyse(cohort, n, time);
        if (trace != null) {
            trace.analysed(e, look, n, time, analyses[e], p);
        }
        return p;
    }

    /** Patients among the first n enrolled by calendar week {@code time}. */
    private int enrolledBy(int n, double time) {
        if (time == Double.POSITIVE_INFINITY) {
            return n;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (design.plan.enrollment().entry(cohort, i, n) <= time) {
                k++;
            }
        }
        return k;
    }

    /** What every trial of a scenario shares: compiled once, immutable. */
    private static final class Compiled {
        final TrialLayout layout;
        final SamplingPlan plan;
        final DataCutoff cutoff;
        final EndpointAnalysis[] analyses;
        final MultipleTest multiplicity;
        final double alpha;
        /** Each endpoint's Bayesian rule, {@code null} for a test with a p-value. */
        final BayesianRule[] rules;
        final boolean twoSided;
        final int simonEndpoint;
        final SimonDesign simon;
        final int stagedEndpoint;
        final PredictiveProbabilityDesign predictive;
        final int[] looks;
        final int sequentialEndpoint;
        final double[] fractions;
        final GroupSequentialBoundaries boundaries;
        /** The graphical group-sequential design of interim looks with multiplicity across endpoints, else null. */
        final GraphicalGroupSequential graphical;
        /** The promising-zone rule of a re-estimation design (with its combination test), else null. */
        final PromisingZone zone;
        /** The largest total of a re-estimation design as a multiple of the planned size (1 otherwise). */
        final double maximumFactor;
        /** The patients drawn per replicate: the largest size of the grid, or of a re-estimation. */
        final int cohortSize;
        final boolean followFutility;
        final List<String> warnings = new ArrayList<>();

        Compiled(Scenario scenario, boolean followFutility) {
            this.followFutility = followFutility;
            layout = ScenarioTrials.layout(scenario);
            plan = SamplingPlan.compile(scenario);
            cutoff = DataCutoff.compile(scenario);
            Design design = scenario.design();
            alpha = design.alpha();
            twoSided = design.sidedness() == Design.Sidedness.TWO_SIDED;
            Alternative alternative = twoSided ? Alternative.TWO_SIDED : Alternative.GREATER;
            List<Endpoint> endpoints = scenario.endpoints();
            analyses = new EndpointAnalysis[endpoints.size()];
            rules = new BayesianRule[endpoints.size()];
            for (int e = 0; e < rules.length; e++) {
                rules[e] = endpoints.get(e).analysis().bayesian();
            }
            int simonIndex = -1;
            for (int e = 0; e < analyses.length; e++) {
                analyses[e] = EndpointAnalysis.compile(scenario, endpoints.get(e), alternative);
                if (endpoints.get(e).analysis().test() == Analysis.Test.SIMON) {
                    if (simonIndex >= 0) {
                        throw new IllegalArgumentException("only one endpoint can have a Simon two-stage analysis");
                    }
                    simonIndex = e;
                }
            }
            multiplicity = multipleTest(scenario.multiplicity(), endpoints.size());
            simonEndpoint = simonIndex;
            int predictiveIndex = -1;
            for (int e = 0; e < analyses.length; e++) {
                if (endpoints.get(e).analysis().predictive() != null) {
                    if (predictiveIndex >= 0 || simonIndex >= 0) {
                        throw new IllegalArgumentException("only one endpoint can have its own stopping rule "
                                + "(simon or predictive_probability)");
                    }
                    predictiveIndex = e;
                }
            }
            stagedEndpoint = predictiveIndex;
            if (predictiveIndex >= 0) {
                if (scenario.groupSequential() != null) {
                    throw new IllegalArgumentException("a predictive-probability design cannot also be group-sequential");
                }
                Endpoint pe = endpoints.get(predictiveIndex);
                predictive = predictiveDesign(pe.analysis().predictive(), pe.analysis().nullValue());
                looks = predictive.looks();
                for (int n : layout.sampleSizes()) {
                    if (n != predictive.nMax()) {
                        warnings.add("sample size " + n + " differs from the predictive-probability design's n_max = "
                                + predictive.nMax() + ": the final analysis is at " + n + " patients");
                    }
                }
                if (pe.analysis().predictive().calibrated()) {
                    double[] range = predictive.thetaTRange();
                    warnings.add(String.format(java.util.Locale.ROOT, "theta_t calibrated to alpha %s: %.6f (every "
                            + "theta_t in [%.6f, %.6f) gives this design: success with at least %d of %d responses; "
                            + "exact type I error %.6f)", pe.analysis().predictive().alpha(), predictive.thetaT(),
                            range[0], range[1], predictive.successBound(), predictive.nMax(),
                            predictive.operatingCharacteristics(predictive.p0()).rejection()));
                }
            } else {
                predictive = null;
                looks = null;
            }
            simon = simonIndex < 0 ? null : endpoints.get(simonIndex).analysis().simon();
            if (simon != null) {
                if (scenario.groupSequential() != null) {
                    throw new IllegalArgumentException("a Simon two-stage design cannot also be group-sequential");
                }
                for (int n : layout.sampleSizes()) {
                    if (n != simon.n()) {
                        warnings.add("sample size " + n + " differs from the Simon design's n = " + simon.n()
                                + ": stage 2 runs to " + n + " with the final bound r = " + simon.r());
                    }
                }
            }
            GroupSequential gs = scenario.groupSequential();
            if (gs != null) {
                sequentialEndpoint = scenario.endpoints().stream().map(Endpoint::name).toList().indexOf(gs.endpoint());
                if (sequentialEndpoint < 0) {
                    throw new IllegalArgumentException("group-sequential design monitors unknown endpoint "
                            + gs.endpoint());
                }
                fractions = gs.informationFractions().stream().mapToDouble(Double::doubleValue).toArray();
                boundaries = boundaries(gs, fractions, twoSided ? alpha / 2 : alpha);
                graphical = multiplicity == null ? null : graphical(scenario, gs, fractions,
                        twoSided ? alpha / 2 : alpha);
                zone = gs.reestimation() == null ? null : zone(gs, fractions, alpha, twoSided, multiplicity);
                maximumFactor = gs.reestimation() == null ? 1 : gs.reestimation().maximumFactor();
            } else {
                sequentialEndpoint = -1;
                fractions = null;
                boundaries = null;
                graphical = null;
                zone = null;
                maximumFactor = 1;
            }
            cohortSize = (int) Math.ceil(maximumFactor * layout.maxSampleSize());
        }

        /** The design, its bounds computed once here (theta_t calibrated exactly when alpha is given). */
        private static PredictiveProbabilityDesign predictiveDesign(PredictiveDesign p, double p0) {
            BetaPrior prior = new BetaPrior(p.priorA(), p.priorB());
            int[] looks = PredictiveProbabilityDesign.looksEvery(p.firstLook(), p.every(), p.nMax());
            return p.calibrated()
                    ? PredictiveProbabilityDesign.calibrate(p.nMax(), p0, prior, p.thetaL(), p.thetaU(), looks, p.alpha())
                    : new PredictiveProbabilityDesign(p.nMax(), p0, prior, p.thetaT(), p.thetaL(), p.thetaU(), looks);
        }

        private static MultipleTest multipleTest(Multiplicity m, int endpoints) {
            if (m.procedure() == Multiplicity.Procedure.NONE || endpoints == 1
                    && m.procedure() != Multiplicity.Procedure.GRAPH) {
                return null;
            }
            double[] w = m.weights().stream().mapToDouble(Double::doubleValue).toArray();
            boolean weighted = w.length > 0;
            TestingGraph graph = switch (m.procedure()) {
                case BONFERRONI -> weighted ? TestingGraph.bonferroni(w) : TestingGraph.bonferroni(endpoints);
                case HOLM -> weighted ? TestingGraph.holm(w) : TestingGraph.holm(endpoints);
                case FIXED_SEQUENCE -> TestingGraph.fixedSequence(endpoints);
                case FALLBACK -> TestingGraph.fallback(weighted ? w : equalWeights(endpoints));
                case GRAPH -> TestingGraph.of(w, m.transitions().stream()
                        .map(r -> r.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new));
                case HOCHBERG, NONE -> null;
            };
            if (m.procedure() == Multiplicity.Procedure.HOCHBERG) {
                return new Hochberg(endpoints);
            }
            return new GraphicalProcedure(graph);
        }

        /** The family's design: the scenario's graph, each endpoint's own spending (or the interim's). */
        private GraphicalGroupSequential graphical(Scenario scenario, GroupSequential gs, double[] t, double level) {
            if (!(multiplicity instanceof GraphicalProcedure procedure)) {
                throw new IllegalArgumentException("interim looks with multiplicity across endpoints need a graphical "
                        + "procedure (bonferroni, holm, fixed_sequence, fallback, graph), not "
                        + scenario.multiplicity().procedure());
            }
            if (gs.futility().rule() != GroupSequential.Futility.Rule.NONE) {
                throw new IllegalArgumentException("a graphical group-sequential design has no futility rule");
            }
            SpendingFunction[] spending = scenario.endpoints().stream().map(e -> gs.spendingOf(e.name()))
                    .map(s -> spending(s.spending(), s.gamma())).toArray(SpendingFunction[]::new);
            return GraphicalGroupSequential.of(procedure.graph(), spending, t, level);
        }

        /** The promising-zone rule over the inverse-normal combination test of a two-stage design. */
        private static PromisingZone zone(GroupSequential gs, double[] t, double alpha, boolean twoSided,
                MultipleTest multiplicity) {
            GroupSequential.SampleSizeReestimation r = gs.reestimation();
            if (t.length != 2 || twoSided || multiplicity != null
                    || gs.futility().rule() != GroupSequential.Futility.Rule.NONE) {
                throw new IllegalArgumentException("sample-size re-estimation needs a one-sided two-stage design "
                        + "without futility rule or multiplicity across endpoints");
            }
            InverseNormalCombination test = r.earlyEfficacy()
                    ? InverseNormalCombination.withSpending(t[0], spending(gs.spending(), gs.gamma()), alpha)
                    : InverseNormalCombination.noEarlyEfficacy(t[0], alpha);
            return new PromisingZone(test, r.zoneLower(), r.zoneUpper(), r.conditionalPower());
        }

        private static double[] equalWeights(int m) {
            double[] w = new double[m];
            java.util.Arrays.fill(w, 1.0 / m);
            return w;
        }

        private static GroupSequentialBoundaries boundaries(GroupSequential gs, double[] t, double alpha) {
            SpendingFunction alphaSpending = spending(gs.spending(), gs.gamma());
            GroupSequential.Futility f = gs.futility();
            return switch (f.rule()) {
                case NONE -> GroupSequentialBoundaries.efficacyOnly(t, alphaSpending, alpha);
                case BETA_SPENDING -> GroupSequentialBoundaries.withBetaSpending(t, alphaSpending, alpha,
                        spending(f.spending(), f.gamma()), f.beta());
                case CONDITIONAL_POWER -> GroupSequentialBoundaries.withConditionalPowerFutility(t, alphaSpending,
                        alpha, f.conditionalPowerThreshold());
            };
        }

        private static SpendingFunction spending(GroupSequential.Spending s, double gamma) {
            return switch (s) {
                case OBRIEN_FLEMING -> SpendingFunction.obrienFleming();
                case POCOCK -> SpendingFunction.pocock();
                case HWANG_SHIH_DECANI -> SpendingFunction.hwangShihDeCani(gamma);
            };
        }
    }
}
