package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.stats.sequential.Decision;

/**
 * The success threshold c of each two-arm Bayesian rule ({@link BayesianRule}) that gives a target type I error
 * alpha, found by simulation under the null scenario: the frequentist calibration of a Bayesian design (as FACTS
 * and adaptr do it; Berry, Carlin, Lee and Müller, Bayesian Adaptive Methods for Clinical Trials, CRC 2011).
 *
 * <p>The null scenario's trials ({@link NullScenario}, on its seed stream {@link NullScenario#seed}, replicates
 * {@code [0, R)}, patient level: the trials that give the study's {@code type1:} rows, the count-level model
 * applying to no Bayesian test) run with every Bayesian rule's success
 * threshold lifted out of reach and its futility threshold c' and looks kept. A trial then succeeds under a
 * candidate c exactly when the largest posterior probability M among the looks it reaches (those before the
 * first interim look below c', which stops it) exceeds c: at the first look above c it would have stopped for
 * success, and no look before that stopped it for futility, since c' &lt; c. So one run gives the type I error of
 * every c at once: M is counted into a histogram over a fixed grid of c, {@link #GRID}, and the counts are
 * integers summed over ranges of replicates, so the result is bit-identical for any number of threads.
 *
 * <p>The calibrated c is the smallest grid value, above c', whose estimated type I error is at most alpha
 * (conservative: the grid is not interpolated). Its Monte Carlo interval runs over the grid values whose type I
 * error is not clearly on the wrong side of alpha: from the first whose 95% Wilson interval's lower end is at most
 * alpha to the last whose upper end is at least alpha; its standard error is that interval's width over 2 x 1.96.
 *
 * <p>Where the study has interim looks, only the monitored endpoint may be Bayesian: another endpoint is analysed
 * at the look the monitored one stopped at, which would move with the calibrated c ({@link #refusal}).
 */
public final class ThresholdCalibration {

    /** Steps of the grid on the logit scale. */
    public static final double LOGIT_STEP = 0.01;
    /** Grid points: logit(c) = 0, 0.01, ..., 11.51 (c from 0.5 to 1 - 1.0e-5). */
    public static final int GRID_POINTS = 1152;
    /** The candidate thresholds, {@code c_j = 1 / (1 + exp(-j LOGIT_STEP))}, increasing. */
    public static final double[] GRID = grid();

    private static final double Z95 = 1.959963984540054;

    private ThresholdCalibration() {
    }

    private static double[] grid() {
        double[] g = new double[GRID_POINTS];
        for (int j = 0; j < GRID_POINTS; j++) {
            g[j] = 1 / (1 + Math.exp(-j * LOGIT_STEP));
        }
        return g;
    }

    /**
     * The trials that would succeed at each grid threshold, for one Bayesian endpoint at one sample size.
     *
     * @param endpoint the endpoint's name
     * @param nTotal the total sample size
     * @param futility the rule's futility threshold c' (grid values at or below it are not candidates)
     * @param successes {@code successes[j]}: trials whose posterior probability exceeded {@code GRID[j]} at a look
     *     they reached
     * @param replicates the null trials run
     */
    public record Counts(String endpoint, int nTotal, double futility, long[] successes, long replicates) {

        /** The estimated type I error at {@code GRID[j]}, with its Monte Carlo error. */
        public Estimate typeOneError(int j) {
            return MonteCarloError.proportion(successes[j], replicates);
        }

        /** The index of the calibrated c for {@code alpha}, or -1 if no candidate has a type I error that small. */
        public int calibrated(double alpha) {
            for (int j = first(); j < GRID_POINTS; j++) {
                if (successes[j] <= alpha * replicates) {
                    return j;
                }
            }
            return -1;
        }

        private int first() {
            int j = 0;
            while (j < GRID_POINTS && GRID[j] <= futility) {
                j++;
            }
            return j;
        }

        /**
         * The calibrated threshold as an estimate: c, a standard error, and the Monte Carlo interval of the grid
         * values whose type I error's Wilson interval does not exclude alpha (class comment); NaN if none.
         */
        public Estimate threshold(double alpha) {
            int star = calibrated(alpha);
            if (star < 0) {
                return new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, replicates);
            }
            int lo = star;
            for (int j = first(); j < star; j++) {
                if (typeOneError(j).ciLower() <= alpha) {
                    lo = j;
                    break;
                }
            }
            int hi = star;
            for (int j = star + 1; j < GRID_POINTS && typeOneError(j).ciUpper() >= alpha; j++) {
                hi = j;
            }
            return new Estimate(GRID[star], (GRID[hi] - GRID[lo]) / (2 * Z95), GRID[lo], GRID[hi], replicates);
        }
    }

    /**
     * Why the calibration cannot be made for {@code scenario}, or {@code null} if it can: no endpoint is Bayesian,
     * or interim looks with a Bayesian endpoint that is not the monitored one.
     */
    public static String refusal(Scenario scenario) {
        List<Endpoint> bayesian = scenario.endpoints().stream().filter(e -> e.analysis().bayesian() != null).toList();
        if (bayesian.isEmpty()) {
            return "no endpoint is decided by a Bayesian rule (bayesian_binary, bayesian_continuous, "
                    + "bayesian_time_to_event or bayesian_event_rate), so there is no threshold c to calibrate";
        }
        if (scenario.groupSequential() != null) {
            String monitored = scenario.groupSequential().endpoint();
            for (Endpoint e : bayesian) {
                if (!e.name().equals(monitored)) {
                    return "endpoint " + e.name() + " is Bayesian but not the endpoint the interim looks monitor ("
                            + monitored + "): it is analysed at the look the monitored endpoint stops at, which "
                            + "would move with the calibrated threshold";
                }
            }
        }
        return null;
    }

    /**
     * Counts the null trials {@code [0, replicates)} of {@code study} under every grid threshold, per Bayesian
     * endpoint and sample size (endpoint then size order).
     *
     * @throws IllegalArgumentException if {@link #refusal} gives a reason
     */
    public static List<Counts> run(PowerStudy study, long replicates, int threads) {
        String refused = refusal(study.scenario());
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        Scenario nullScenario = withoutEarlySuccess(NullScenario.of(study.scenario()));
        long seed = NullScenario.seed(study.seed());
        TrialLayout layout = ScenarioTrials.layout(nullScenario);
        List<Endpoint> endpoints = nullScenario.endpoints();
        int sizes = layout.sizeCount();
        int m = endpoints.size();
        int parts = (int) Math.max(1, Math.min(threads, replicates / 64 + 1));
        long[][][] total = new long[sizes][m][GRID_POINTS + 1];
        ExecutorService pool = Executors.newFixedThreadPool(parts);
        try {
            List<Future<long[][][]>> futures = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                long from = replicates * p / parts;
                long to = replicates * (p + 1) / parts;
                futures.add(pool.submit(() -> histogram(nullScenario, seed, layout, from, to)));
            }
            for (Future<long[][][]> f : futures) {
                long[][][] h = f.get();
                for (int g = 0; g < sizes; g++) {
                    for (int e = 0; e < m; e++) {
                        for (int j = 0; j <= GRID_POINTS; j++) {
                            total[g][e][j] += h[g][e][j];
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Counts> out = new ArrayList<>();
        for (int e = 0; e < m; e++) {
            BayesianRule rule = study.scenario().endpoints().get(e).analysis().bayesian();
            if (rule == null) {
                continue;
            }
            for (int g = 0; g < sizes; g++) {
                // histogram bin k: M above exactly the first k grid values; successes at GRID[j]: bins k > j
                long[] successes = new long[GRID_POINTS];
                long above = 0;
                for (int j = GRID_POINTS - 1; j >= 0; j--) {
                    above += total[g][e][j + 1];
                    successes[j] = above;
                }
                out.add(new Counts(endpoints.get(e).name(), layout.sampleSize(g), rule.futility(), successes,
                        replicates));
            }
        }
        return out;
    }

    /**
     * The result's rows for {@code counts}: per endpoint and size, {@code calibrated_c:<endpoint>} (the
     * threshold with its interval) and {@code type1_calibrated:<endpoint>} (the type I error at it).
     */
    public static List<MeasureRow> rows(List<Counts> counts, double alpha, String cell) {
        List<MeasureRow> rows = new ArrayList<>();
        for (Counts c : counts) {
            rows.add(new MeasureRow(cell, c.nTotal(), "calibrated_c:" + c.endpoint(), c.threshold(alpha)));
            int j = c.calibrated(alpha);
            rows.add(new MeasureRow(cell, c.nTotal(), "type1_calibrated:" + c.endpoint(), j < 0
                    ? new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, c.replicates())
                    : c.typeOneError(j)));
        }
        return rows;
    }

    /** Replicates {@code [from, to)}: per size and endpoint, the histogram of M over the grid's bins. */
    private static long[][][] histogram(Scenario nullScenario, long seed, TrialLayout layout, long from, long to) {
        int m = nullScenario.endpoints().size();
        Maxima maxima = new Maxima(layout.sizeCount(), m, firstAnalysed(nullScenario));
        ScenarioTrial trial = ScenarioTrial.traced(nullScenario, seed, maxima);
        ReplicateOutcome out = new ReplicateOutcome(layout);
        long[][][] h = new long[layout.sizeCount()][m][GRID_POINTS + 1];
        for (long r = from; r < to; r++) {
            maxima.clear();
            out.clear();
            trial.run(r, out);
            for (int g = 0; g < layout.sizeCount(); g++) {
                for (int e = 0; e < m; e++) {
                    h[g][e][bin(maxima.max[g][e])]++;
                }
            }
        }
        return h;
    }

    /** The number of grid values below {@code p} (0 for NaN or no analysis). */
    static int bin(double p) {
        if (!(p > GRID[0])) {
            return 0;
        }
        int lo = 0;
        int hi = GRID_POINTS;
        // invariant: GRID[lo] < p, and GRID[hi] >= p or hi == GRID_POINTS
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (GRID[mid] < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** The endpoint whose first analysis opens each size's analyses (as {@link PerTrial} counts sizes). */
    private static int firstAnalysed(Scenario scenario) {
        List<Endpoint> all = scenario.endpoints();
        int simon = -1;
        for (int e = 0; e < all.size(); e++) {
            simon = all.get(e).analysis().simon() != null ? e : simon;
        }
        return scenario.groupSequential() != null
                ? all.stream().map(Endpoint::name).toList().indexOf(scenario.groupSequential().endpoint())
                : Math.max(simon, 0);
    }

    /**
     * {@code scenario} with each Bayesian rule's success threshold set to 1, which no posterior probability
     * exceeds: the trials then run on through every look the futility threshold lets them reach.
     */
    static Scenario withoutEarlySuccess(Scenario scenario) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Endpoint e : scenario.endpoints()) {
            Analysis a = e.analysis();
            BayesianRule r = a.bayesian();
            if (r == null) {
                endpoints.add(e);
                continue;
            }
            BayesianRule never = new BayesianRule(r.margin(), 1, r.futility(), r.treatmentA(), r.treatmentB(),
                    r.controlA(), r.controlB(), r.priorMean(), r.priorSd());
            Analysis lifted = new Analysis(a.test(), a.nullValue(), a.simon(), a.predictive(), never, a.margin());
            endpoints.add(new Endpoint(e.name(), e.kind(), e.atWeek(), lifted, e.treatment(), e.control(), e.strata(),
                    e.outcome(), e.estimand()));
        }
        return scenario.toBuilder().endpoints(endpoints).build();
    }

    /** The largest informative posterior probability of each endpoint at each size in one replicate. */
    private static final class Maxima implements ScenarioTrial.Trace {
        final double[][] max;
        private final int first;
        private int g = -1;

        Maxima(int sizes, int endpoints, int first) {
            this.max = new double[sizes][endpoints];
            this.first = first;
        }

        void clear() {
            g = -1;
            for (double[] row : max) {
                java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
            }
        }

        @Override
        public void analysed(int endpoint, int look, int patients, double time, EndpointAnalysis analysis,
                double pValue) {
            if (endpoint == first && look == 0) {
                g++;
            }
            double p = analysis.statistic();
            if (analysis.informative() && p > max[g][endpoint]) {
                max[g][endpoint] = p;
            }
        }

        @Override
        public void decided(int look, double statistic, Decision decision) {
            // the decisions follow from the maxima
        }
    }
}
