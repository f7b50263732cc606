package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.stats.sequential.Decision;

/**
 * How well each endpoint's analysis estimates its estimand (ICH E9(R1)): for every replicate of a study, the
 * estimate and 95% interval of the trial's analysis (the engine's own trial, {@code ScenarioTrial}, the last
 * look of each sample size) and the replicate's true value of the estimand as defined, the same test's estimate
 * on the full-information data ({@link org.trialsim.endpoint.EndpointExtractor#fullInformation()}: the
 * endpoint's strategy applied to every patient of the trial with nothing lost); then, per endpoint and size, the
 * true estimand (the mean of the true values), the estimator's mean, bias, empirical SE, RMSE and coverage, each
 * with its Monte Carlo standard error ({@link EstimatorPerformance}, Morris, White and Crowther 2019).
 *
 * <p>The interval is the Wald interval the test's standardized statistic implies ({@link PerTrial}: estimate
 * +- 1.96 |estimate - null| / |z|); ratios (hazard and odds ratios) are taken on the log scale, estimate, interval
 * and true value alike. The replicates run on their own streams, in blocks on a pool of {@code threads}, and
 * their figures are kept by replicate index and reduced in index order, so the result is bit-identical for any
 * number of threads. Memory: four doubles per replicate, endpoint and size.
 */
public final class EstimandStudy {

    /** Replicates per block of work. */
    private static final int BLOCK = 64;

    private EstimandStudy() {
    }

    /**
     * One endpoint at one sample size.
     *
     * @param endpoint the endpoint's name
     * @param strategy its estimand's strategy ({@code none} for an endpoint without one, when all are asked for)
     * @param nTotal the total sample size
     * @param measure what is estimated ({@link EffectEstimate} names; {@code log} of a ratio)
     * @param performance the figures with their MCSE
     */
    public record Row(String endpoint, String strategy, int nTotal, String measure,
            EstimatorPerformance performance) {
    }

    /** Whether some endpoint of the scenario has an estimand (the section is then written by default). */
    public static boolean any(Scenario scenario) {
        return scenario.endpoints().stream().anyMatch(e -> e.estimand() != null);
    }

    /**
     * Runs replicates {@code [0, replicates)} of {@code study} and returns a row per endpoint (those with an
     * estimand, or every one with {@code all}) and sample size, in endpoint then size order.
     */
    public static List<Row> run(PowerStudy study, int replicates, int threads, boolean all) {
        Scenario scenario = study.scenario();
        List<Endpoint> endpoints = scenario.endpoints();
        boolean[] chosen = new boolean[endpoints.size()];
        for (int e = 0; e < chosen.length; e++) {
            chosen[e] = all || endpoints.get(e).estimand() != null;
        }
        TrialLayout layout = ScenarioTrials.layout(scenario);
        int sizes = layout.sizeCount();
        // [endpoint][size][figure: estimate, lower, upper, truth][replicate]
        double[][][][] figures = new double[endpoints.size()][sizes][][];
        for (int e = 0; e < chosen.length; e++) {
            for (int g = 0; g < sizes; g++) {
                if (chosen[e]) {
                    figures[e][g] = new double[4][replicates];
                    for (double[] f : figures[e][g]) {
                        java.util.Arrays.fill(f, Double.NaN); // a size the trial never analysed stays undefined
                    }
                }
            }
        }
        String[] measures = new String[endpoints.size()];
        int blocks = (replicates + BLOCK - 1) / BLOCK;
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> runBlock(study, layout, chosen,
                    figures, measures, b * BLOCK, Math.min(replicates, (b + 1) * BLOCK)))).join();
        } finally {
            pool.shutdown();
        }
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < chosen.length; e++) {
            if (!chosen[e]) {
                continue;
            }
            Endpoint endpoint = endpoints.get(e);
            for (int g = 0; g < sizes; g++) {
                double[][] f = figures[e][g];
                rows.add(new Row(endpoint.name(), endpoint.estimand() == null ? "none"
                        : endpoint.estimand().strategy().key(), layout.sampleSize(g), measures[e],
                        EstimatorPerformance.of(f[0], f[1], f[2], f[3], replicates)));
            }
        }
        return rows;
    }

    private static void runBlock(PowerStudy study, TrialLayout layout, boolean[] chosen, double[][][][] figures,
            String[] measures, int from, int to) {
        Scenario scenario = study.scenario();
        Recorder recorder = new Recorder(scenario, chosen, figures);
        ScenarioTrial trial = ScenarioTrial.traced(scenario, study.seed(), recorder);
        ReplicateOutcome out = new ReplicateOutcome(layout);
        EndpointAnalysis[] full = new EndpointAnalysis[chosen.length];
        for (int r = from; r < to; r++) {
            recorder.start(r);
            out.clear();
            trial.run(r, out);
            for (int e = 0; e < chosen.length; e++) {
                if (!chosen[e]) {
                    continue;
                }
                if (full[e] == null) {
                    full[e] = recorder.analysis[e].fullInformation();
                }
                boolean ratio = recorder.ratio[e];
                for (int g = 0; g < layout.sizeCount(); g++) {
                    full[e].newCohort();
                    full[e].analyse(trial.cohort(), layout.sampleSize(g), Double.POSITIVE_INFINITY);
                    double v = full[e].estimateValue();
                    figures[e][g][3][r] = ratio ? Math.log(v) : v;
                }
                synchronized (measures) {
                    measures[e] = recorder.measure[e];
                }
            }
        }
    }

    /** Keeps, per endpoint and size, the estimate and interval of the last look analysed. */
    private static final class Recorder implements ScenarioTrial.Trace {
        private final boolean[] chosen;
        private final double[][][][] figures;
        private final double[] nulls;
        private final int first;
        final EndpointAnalysis[] analysis;
        final boolean[] ratio;
        final String[] measure;
        private int replicate;
        private int g;

        Recorder(Scenario scenario, boolean[] chosen, double[][][][] figures) {
            this.chosen = chosen;
            this.figures = figures;
            List<Endpoint> all = scenario.endpoints();
            // z measures the distance from the null, which a margin shifts (as PerTrial reads it)
            this.nulls = all.stream().mapToDouble(e -> e.analysis().test().singleArm()
                    ? e.analysis().nullValue() : e.analysis().hasMargin() ? e.analysis().margin() : Double.NaN)
                    .toArray();
            int simon = -1;
            for (int e = 0; e < all.size(); e++) {
                simon = all.get(e).analysis().simon() != null ? e : simon;
            }
            this.first = scenario.groupSequential() != null
                    ? all.stream().map(Endpoint::name).toList().indexOf(scenario.groupSequential().endpoint())
                    : Math.max(simon, 0);
            this.analysis = new EndpointAnalysis[all.size()];
            this.ratio = new boolean[all.size()];
            this.measure = new String[all.size()];
        }

        void start(int r) {
            replicate = r;
            g = -1;
        }

        @Override
        public void analysed(int endpoint, int look, int patients, double time, EndpointAnalysis a, double pValue) {
            if (endpoint == first && look == 0) {
                g++;
            }
            if (!chosen[endpoint]) {
                return;
            }
            if (analysis[endpoint] == null) {
                analysis[endpoint] = a;
                String name = a.estimate().name();
                ratio[endpoint] = EffectEstimate.isRatio(name);
                measure[endpoint] = ratio[endpoint] ? "log " + name : name;
            }
            double estimate = a.estimateValue();
            double z = a.z();
            double centre = ratio[endpoint] ? Math.log(estimate) : estimate;
            double atNull = nulls[endpoint];
            double scaled = Double.isNaN(atNull) ? centre : ratio[endpoint] ? centre - Math.log(atNull)
                    : estimate - atNull;
            double se = z == 0 || !Double.isFinite(scaled) ? Double.NaN : Math.abs(scaled / z);
            double[][] f = figures[endpoint][g];
            f[0][replicate] = centre;
            f[1][replicate] = centre - PerTrial.Z975 * se;
            f[2][replicate] = centre + PerTrial.Z975 * se;
        }

        @Override
        public void decided(int look, double statistic, Decision decision) {
            // decisions do not enter the estimand's figures
        }
    }
}
