package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;

/**
 * The operating characteristics reported from the counts of a study, per sample size, in long format.
 *
 * <p>Measures: {@code power:<endpoint>} (after multiplicity control and the sequential decision; rejections
 * in the beneficial direction only: a two-sided test that rejects with its statistic favouring control is
 * counted in {@code reject_harm:<endpoint>}, reported for two-sided designs, and not as power),
 * {@code power_unadjusted:<endpoint>}, {@code power:any} (at least one endpoint rejected: disjunctive power),
 * {@code power:all} (every endpoint rejected: conjunctive power); from the null scenario
 * {@code type1:<endpoint>} and {@code type1:any} (the familywise error rate); for group-sequential designs
 * {@code expected_n}, {@code stop:look<k>} (probability of stopping at look k, the last look counting the
 * trials that ran to the end), and {@code futility:look<k>} (probability of stopping for futility at look k); for Simon designs
 * {@code pet} (probability of early termination) and {@code expected_n}; for predictive-probability designs
 * (Lee and Liu, Clin Trials 2008;5:93-106) {@code pet} (stopped before the last look, for futility or
 * efficacy), {@code early_success} (stopped early for efficacy) and {@code expected_n}. Where the null scenario ran, a design
 * that can stop early also reports {@code expected_n:null} and, for Simon designs, {@code pet:null}: the
 * expected sample size and probability of early termination under the null hypothesis, the figures Simon's
 * optimal design minimises (Simon R. Optimal two-stage designs for phase II clinical trials. Control Clin
 * Trials 1989;10:1-10) and that rpact reports as the expected number of subjects under H0.
 */
public final class OperatingCharacteristics {

    private OperatingCharacteristics() {
    }

    /**
     * The rows of one study.
     *
     * @param cell the sweep cell label (empty outside sweeps)
     * @param alternative counts under the scenario as given
     * @param nullHypothesis counts under the derived null scenario, or {@code null} if it was not run
     */
    public static List<MeasureRow> rows(String cell, OperatingCounts alternative, OperatingCounts nullHypothesis) {
        return rows(cell, alternative, nullHypothesis, false);
    }

    /** Prefix of the measure of rejections in the harmful direction, reported for two-sided designs. */
    public static final String HARM = "reject_harm:";

    /**
     * The rows of one study; a two-sided design also reports {@code reject_harm:<endpoint>}, the probability of
     * rejecting in the harmful direction (the statistic favouring control), which its power does not count.
     *
     * @param twoSided whether the design's tests are two-sided
     */
    public static List<MeasureRow> rows(String cell, OperatingCounts alternative, OperatingCounts nullHypothesis,
            boolean twoSided) {
        TrialLayout layout = alternative.layout();
        List<String> endpoints = layout.endpoints();
        long r = alternative.replicates();
        List<MeasureRow> rows = new ArrayList<>();
        for (int g = 0; g < layout.sizeCount(); g++) {
            int n = layout.sampleSize(g);
            for (int e = 0; e < endpoints.size(); e++) {
                rows.add(new MeasureRow(cell, n, "power:" + endpoints.get(e),
                        MonteCarloError.proportion(alternative.beneficial(g, e), r)));
            }
            for (int e = 0; e < endpoints.size(); e++) {
                rows.add(new MeasureRow(cell, n, "power_unadjusted:" + endpoints.get(e),
                        MonteCarloError.proportion(alternative.beneficialUnadjusted(g, e), r)));
            }
            rows.add(new MeasureRow(cell, n, "power:any", MonteCarloError.proportion(alternative.beneficialAny(g), r)));
            rows.add(new MeasureRow(cell, n, "power:all", MonteCarloError.proportion(alternative.beneficialAll(g), r)));
            if (twoSided) {
                for (int e = 0; e < endpoints.size(); e++) {
                    rows.add(new MeasureRow(cell, n, HARM + endpoints.get(e),
                            MonteCarloError.proportion(alternative.harmful(g, e), r)));
                }
            }
            if (nullHypothesis != null) {
                long r0 = nullHypothesis.replicates();
                for (int e = 0; e < endpoints.size(); e++) {
                    rows.add(new MeasureRow(cell, n, "type1:" + endpoints.get(e),
                            MonteCarloError.proportion(nullHypothesis.rejected(g, e), r0)));
                }
                rows.add(new MeasureRow(cell, n, "type1:any",
                        MonteCarloError.proportion(nullHypothesis.rejectedAny(g), r0)));
            }
            switch (layout.design()) {
                case GROUP_SEQUENTIAL -> {
                    rows.add(expectedN(cell, n, alternative, g, "expected_n"));
                    for (int k = 0; k < layout.looks(); k++) {
                        long stopped = alternative.stopped(g, k);
                        long futility = alternative.futility(g, k);
                        rows.add(new MeasureRow(cell, n, "stop:look" + (k + 1),
                                MonteCarloError.proportion(stopped, r)));
                        rows.add(new MeasureRow(cell, n, "futility:look" + (k + 1),
                                MonteCarloError.proportion(futility, r)));
                    }
                }
                case SIMON -> {
                    rows.add(new MeasureRow(cell, n, "pet", MonteCarloError.proportion(alternative.stopped(g, 0), r)));
                    rows.add(expectedN(cell, n, alternative, g, "expected_n"));
                }
                case PREDICTIVE -> {
                    rows.add(new MeasureRow(cell, n, "pet", MonteCarloError.proportion(earlyStops(alternative, g, false), r)));
                    rows.add(new MeasureRow(cell, n, "early_success",
                            MonteCarloError.proportion(earlyStops(alternative, g, true), r)));
                    rows.add(expectedN(cell, n, alternative, g, "expected_n"));
                }
                case FIXED -> {
                    // a fixed design always enrols n: nothing more to report
                }
            }
            if (nullHypothesis != null && layout.design() != TrialLayout.Sequential.FIXED) {
                if (layout.design() == TrialLayout.Sequential.SIMON) {
                    rows.add(new MeasureRow(cell, n, "pet" + UNDER_NULL,
                            MonteCarloError.proportion(nullHypothesis.stopped(g, 0), nullHypothesis.replicates())));
                }
                if (layout.design() == TrialLayout.Sequential.PREDICTIVE) {
                    rows.add(new MeasureRow(cell, n, "pet" + UNDER_NULL, MonteCarloError.proportion(
                            earlyStops(nullHypothesis, g, false), nullHypothesis.replicates())));
                }
                rows.add(expectedN(cell, n, nullHypothesis, g, "expected_n" + UNDER_NULL));
            }
        }
        return rows;
    }

    /** Trials that stopped before the last look (for efficacy only, if asked). */
    private static long earlyStops(OperatingCounts counts, int g, boolean efficacyOnly) {
        long stops = 0;
        for (int k = 0; k < counts.layout().looks() - 1; k++) {
            stops += counts.stopped(g, k) - (efficacyOnly ? counts.futility(g, k) : 0);
        }
        return stops;
    }

    /** Suffix of the measures taken under the null scenario other than the type I errors. */
    public static final String UNDER_NULL = ":null";

    private static MeasureRow expectedN(String cell, int n, OperatingCounts counts, int g, String measure) {
        return new MeasureRow(cell, n, measure,
                MonteCarloError.mean(counts.patientSum(g), counts.patientSumOfSquares(g), counts.replicates()));
    }

    /**
     * The largest Monte Carlo standard error among the power measures ({@code power:*}), the quantity a
     * precision target bounds. The proportion is shrunk to {@code (x + 1) / (R + 2)} so that a power of
     * exactly 0 or 1 after a few replicates does not pass for a precise one.
     */
    static double largestPowerError(OperatingCounts counts) {
        TrialLayout layout = counts.layout();
        long r = counts.replicates();
        if (r == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int g = 0; g < layout.sizeCount(); g++) {
            for (int e = 0; e < layout.endpointCount(); e++) {
                worst = Math.max(worst, shrunkError(counts.beneficial(g, e), r));
            }
            worst = Math.max(worst, shrunkError(counts.beneficialAny(g), r));
            worst = Math.max(worst, shrunkError(counts.beneficialAll(g), r));
        }
        return worst;
    }

    private static double shrunkError(long x, long r) {
        double p = (x + 1.0) / (r + 2.0);
        return Math.sqrt(p * (1 - p) / r);
    }
}
