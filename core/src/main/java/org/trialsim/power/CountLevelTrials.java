package org.trialsim.power;

import java.util.List;
import org.trialsim.cohort.NestedResponseCounts;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.TestResult;

/**
 * The count-level trial model: for a two-arm trial whose only endpoint is induction response (or
 * remission) analysed by a test of one two-by-two table (chi-square, Fisher's exact test, Wald), the outcome
 * of a whole trial is summarised by the two arms' responder counts, so each replicate draws those counts
 * directly, one binomial increment per arm and grid step ({@link NestedResponseCounts}), instead of sampling
 * every patient. The counts have the distribution of the patient-level path's counts (nested prefixes of
 * permuted-block cohorts; tested; up to the 2<sup>-30</sup> rounding of the binomial tables, see
 * {@link NestedResponseCounts}), the decision is the standard model's ({@code p <= alpha}, two-sided or
 * one-sided towards treatment, by the same registered test), so power and type I error estimate the same
 * quantities. The streams differ from the patient-level path, so a result is reproducible to the bit only
 * under the same model: callers must record which model ran.
 *
 * <p>{@link #applies(Scenario)} says whether a scenario qualifies: two arms with probability response models, one
 * stratum, no dropout during induction (nor a score trajectory's dropout by score), permuted blocks
 * (unstratified) whose size divides every grid size (so
 * each arm's size at each grid point is fixed), or alternating allocation with every grid size a multiple of the
 * allocation-ratio sum (its arm sizes are fixed at every size, and at these the planned split, which is what the
 * counts are drawn for; it draws nothing the count model would have to reproduce), one comparative response or
 * remission endpoint analysed by a test with a count-level form in the registry of analyses ({@code Analyses}:
 * the tests of one two-by-two table, which are chi-square with or without Yates' correction, Fisher's test and
 * the Wald test of the risk difference), no group-sequential design. Use as
 * {@code PowerStudy.of(scenario, new CountLevelTrials())}.
 */
public final class CountLevelTrials implements TrialModel {

    /** Whether {@code scenario} can be simulated at the count level; see the class comment. */
    public static boolean applies(Scenario scenario) {
        if (scenario.arms().size() != 2 || scenario.strata().size() != 1 || scenario.groupSequential() != null
                || scenario.endpoints().size() != 1 || scenario.dropout().inductionProbability() != 0
                || !scenario.dropout().original() || scenario.arms().stream()
                        .anyMatch(a -> a.modelByStratum().values().stream().anyMatch(m -> m.has(Dropout.KEY)
                                || m.processes().values().stream().anyMatch(ProcessModel::changesDropout)))) {
            return false;
        }
        // One hypothesis: any multiplicity procedure rejects it at p <= alpha unless its weight is below 1.
        List<Double> weights = scenario.multiplicity().weights();
        if (!(weights.isEmpty() || weights.size() == 1 && weights.get(0) == 1.0)) {
            return false;
        }
        Randomization r = scenario.design().randomization();
        int ratioSum = scenario.arms().get(0).allocation() + scenario.arms().get(1).allocation();
        boolean alternating = r.method() == Randomization.Method.ALTERNATING;
        int block = alternating || r.blockSize() <= 0 ? ratioSum : r.blockSize();
        if (r.method() != Randomization.Method.BLOCKS && !alternating
                || r.stratified() && scenario.strata().size() > 1
                || block % ratioSum != 0) {
            return false;
        }
        for (int n : scenario.design().sampleSizes()) {
            if (n % block != 0) {
                return false;
            }
        }
        Endpoint e = scenario.endpoints().get(0);
        boolean kind = e.kind() == Endpoint.Kind.RESPONSE || e.kind() == Endpoint.Kind.REMISSION;
        boolean countTest = Analyses.of(e.analysis().test()).hasCountLevelForm();
        if (!kind || !countTest || !e.comparative() || !e.strata().isEmpty()
                || scenario.armIndex(e.treatment()) < 0 || scenario.armIndex(e.control()) < 0) {
            return false;
        }
        String stratum = scenario.strata().get(0).name();
        for (Arm arm : scenario.arms()) {
            PatientModel m = arm.modelByStratum().get(stratum);
            if (m == null || !(m.response() instanceof ResponseModel.Probability)) {
                return false;
            }
        }
        return true;
    }

    /** The name of this model in provenance. */
    public static final String NAME = "count-level";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VirtualTrial.Factory compile(Scenario scenario, long seed) {
        if (!applies(scenario)) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " cannot be simulated at the count "
                    + "level (see CountLevelTrials.applies)");
        }
        return new Compiled(scenario, seed);
    }

    /** The compiled design, shared by every thread's trials. */
    private static final class Compiled implements VirtualTrial.Factory {
        private final TrialLayout layout;
        private final NestedResponseCounts counts;
        private final int treatment;
        private final int[][] sizes;
        private final AnalysisKind.CountForm test;
        private final Alternative alternative;
        private final double alpha;
        private final boolean twoSided;
        private final long seed;
        /** Each arm's response (or remission) probability. */
        private final double[] probabilities;

        Compiled(Scenario s, long seed) {
            Endpoint e = s.endpoints().get(0);
            int[] totals = s.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray();
            layout = new TrialLayout(totals, List.of(e.name()), 1, TrialLayout.Sequential.FIXED);
            int ratioSum = s.arms().get(0).allocation() + s.arms().get(1).allocation();
            sizes = new int[2][totals.length];
            double[] p = new double[2];
            String stratum = s.strata().get(0).name();
            for (int a = 0; a < 2; a++) {
                Arm arm = s.arms().get(a);
                for (int g = 0; g < totals.length; g++) {
                    sizes[a][g] = totals[g] / ratioSum * arm.allocation();
                }
                ResponseModel.Probability m = (ResponseModel.Probability) arm.model(stratum).response();
                p[a] = e.kind() == Endpoint.Kind.RESPONSE ? m.response() : m.remission();
            }
            counts = new NestedResponseCounts(sizes, p);
            probabilities = p;
            treatment = s.armIndex(e.treatment());
            test = Analyses.of(e.analysis().test()).countLevel();
            alternative = s.design().sidedness() == Design.Sidedness.TWO_SIDED ? Alternative.TWO_SIDED
                    : Alternative.GREATER;
            alpha = s.design().alpha();
            twoSided = s.design().sidedness() == Design.Sidedness.TWO_SIDED;
            this.seed = seed;
        }

        @Override
        public TrialLayout layout() {
            return layout;
        }

        @Override
        public VirtualTrial create() {
            return new Trial(this);
        }

        /** Sizes whose two-by-two tables number more than this are not enumerated (about a second each). */
        static final long MAX_ENUMERATED_TABLES = 1L << 22;

        /**
         * P(reject) per size by enumerating every pair of responder counts: the arms' counts are independent
         * binomials (permuted blocks fix each arm's size), and the decision is the same registered test on the
         * same counts as every replicate's, so this is the exact rejection probability the replicates estimate.
         * NaN for a size with more than {@link #MAX_ENUMERATED_TABLES} tables.
         */
        @Override
        public double[] exactRejection() {
            int k = layout.sizeCount();
            double[] reject = new double[k];
            AnalysisKind.TableTest t = test.create(alternative);
            TestResult result = new TestResult();
            int control = 1 - treatment;
            for (int g = 0; g < k; g++) {
                int nT = sizes[treatment][g];
                int nC = sizes[control][g];
                if ((long) (nT + 1) * (nC + 1) > MAX_ENUMERATED_TABLES) {
                    reject[g] = Double.NaN;
                    continue;
                }
                double[] pT = pmf(nT, probabilities[treatment]);
                double[] pC = pmf(nC, probabilities[control]);
                double sum = 0;
                for (int xT = 0; xT <= nT; xT++) {
                    double row = 0;
                    for (int xC = 0; xC <= nC; xC++) {
                        if (t.test(xT, nT, xC, nC, result).pValue() <= alpha) {
                            row += pC[xC];
                        }
                    }
                    sum += pT[xT] * row;
                }
                reject[g] = sum;
            }
            return reject;
        }

        private static double[] pmf(int n, double p) {
            org.apache.commons.statistics.distribution.BinomialDistribution b =
                    org.apache.commons.statistics.distribution.BinomialDistribution.of(n, p);
            double[] f = new double[n + 1];
            for (int x = 0; x <= n; x++) {
                f[x] = b.probability(x);
            }
            return f;
        }

        @Override
        public String generator() {
            return ReplicateStreams.GENERATOR.name();
        }
    }

    /**
     * One thread's trial: a reseedable generator, the count buffer and a lazily filled decision table,
     * reused for every replicate.
     *
     * <p>Why a decision table: at a grid point the decision depends on the two counts alone, and the counts
     * concentrate on a few hundred cells, so each cell's p-value is computed once (with the same function as
     * the standard model, so the decision is identical) and then looked up; the p-value, not the sampling,
     * was the larger cost per replicate. Cells: 0 unknown, 1 accept, 2 reject. Per thread, so no sharing.
     * Grid points with more than {@value #MAX_CACHED_CELLS} cells compute every p-value.
     */
    private static final class Trial implements VirtualTrial {
        private static final int MAX_CACHED_CELLS = 1 << 22;
        private static final byte ACCEPT = 1;
        private static final byte REJECT = 2;
        /** The test's statistic undefined (0/0, all or no responders, an empty arm): not informative. */
        private static final byte UNDEFINED = 3;
        /** Rejected with the statistic undefined (kept apart so that both are recorded as the patient level does). */
        private static final byte REJECT_UNDEFINED = 4;

        private final Compiled c;
        private final ReplicateRandom rng = new ReplicateRandom();
        private final NestedResponseCounts.Sampler counts;
        private final int[] cumulative;
        private final byte[][] decisions;
        private final AnalysisKind.TableTest test;
        private final TestResult result = new TestResult();

        Trial(Compiled c) {
            this.c = c;
            this.test = c.test.create(c.alternative);
            this.counts = c.counts.sampler(rng);
            int k = c.layout.sizeCount();
            this.cumulative = new int[2 * k];
            this.decisions = new byte[k][];
            for (int g = 0; g < k; g++) {
                long cells = (long) (c.sizes[c.treatment][g] + 1) * (c.sizes[1 - c.treatment][g] + 1);
                decisions[g] = cells <= MAX_CACHED_CELLS ? new byte[(int) cells] : null;
            }
        }

        @Override
        public void run(long replicate, ReplicateOutcome out) {
            rng.reseed(c.seed, replicate);
            counts.sample(cumulative);
            int k = c.layout.sizeCount();
            int t = c.treatment;
            int control = 1 - t;
            for (int g = 0; g < k; g++) {
                int xT = cumulative[t * k + g];
                int xC = cumulative[control * k + g];
                byte[] table = decisions[g];
                byte d;
                if (table == null) {
                    d = decide(g, xT, xC);
                } else {
                    int cell = xT * (c.sizes[control][g] + 1) + xC;
                    d = table[cell];
                    if (d == 0) {
                        d = decide(g, xT, xC);
                        table[cell] = d;
                    }
                }
                boolean reject = d == REJECT || d == REJECT_UNDEFINED;
                out.reject(g, 0, reject, reject);
                if (reject && c.twoSided && (long) xT * c.sizes[control][g] < (long) xC * c.sizes[t][g]) {
                    // the treatment's rate below the control's: a rejection in the harmful direction, as the
                    // patient level's signed statistic of the same table test says (ScenarioTrial)
                    out.harm(g, 0, true, true);
                }
                // as the patient level records it (ScenarioTrial), so that the same warnings follow
                out.uninformative(g, 0, d >= UNDEFINED);
            }
        }

        /**
         * The standard model's decision, with the same registered test: p &lt;= alpha rejects; an undefined
         * statistic is not informative (the patient level's {@code TableAnalysis} reads the same
         * {@code defined()}).
         */
        private byte decide(int g, int xT, int xC) {
            int nT = c.sizes[c.treatment][g];
            int nC = c.sizes[1 - c.treatment][g];
            TestResult r = test.test(xT, nT, xC, nC, result);
            boolean reject = r.pValue() <= c.alpha;
            return r.defined() ? (reject ? REJECT : ACCEPT) : reject ? REJECT_UNDEFINED : UNDEFINED;
        }
    }
}
