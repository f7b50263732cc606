package org.trialsim.power;

import org.trialsim.cohort.Cohort;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.AncovaTest;
import org.trialsim.stats.ExactBinomialTest;
import org.trialsim.stats.FisherExactTest;
import org.trialsim.stats.LogRankTest;
import org.trialsim.stats.MantelHaenszelTest;
import org.trialsim.stats.TwoProportionZTest;
import org.trialsim.stats.TwoSampleTTest;

/**
 * The adapter between one endpoint's data and its test: extracts the endpoint for a prefix of the cohort at
 * a calendar cutoff and hands the counts or arrays to the {@code org.trialsim.stats} function the scenario
 * names, keeping the p-value and the signed standardized statistic (positive favours treatment), which
 * group-sequential looks compare with their bounds. Holds the outcome buffers and test workspaces of one
 * thread; {@link #copy()} makes another.
 */
final class EndpointAnalysis {

    private final EndpointExtractor extractor;
    private final Analysis.Test test;
    private final Alternative alternative;
    private final double nullValue;
    /** Whether smaller values mean the treatment does better (a MADRS change: improvement is negative). */
    private final boolean lowerIsBetter;
    private final BinaryOutcomes binary = new BinaryOutcomes();
    private final ContinuousOutcomes continuous = new ContinuousOutcomes();
    private final TimeToEventOutcomes times = new TimeToEventOutcomes();
    private final LogRankTest logRank = new LogRankTest();
    private final TwoSampleTTest tTest;
    private final AncovaTest ancova = new AncovaTest();
    /** Exact binomial tests by number of patients analysed, built on first use. */
    private ExactBinomialTest[] exact = new ExactBinomialTest[0];
    private double z;
    private int events;
    private int total;
    private boolean informative = true;
    /** Patients whose data the buffers hold for the current cohort ({@code -1}: none; see {@link #newCohort()}). */
    private int extracted = -1;
    /** The calendar cutoff of the data in the buffers. */
    private double extractedAt;

    private EndpointAnalysis(EndpointExtractor extractor, Analysis.Test test, Alternative alternative,
            double nullValue, boolean lowerIsBetter) {
        this.extractor = extractor;
        this.test = test;
        this.alternative = alternative;
        this.nullValue = nullValue;
        this.lowerIsBetter = lowerIsBetter;
        this.tTest = new TwoSampleTTest(test == Analysis.Test.WELCH);
    }

    /** The analysis of {@code endpoint} of {@code scenario}, tested against {@code alternative}. */
    static EndpointAnalysis compile(Scenario scenario, Endpoint endpoint, Alternative alternative) {
        Analysis.Test test = endpoint.analysis().test();
        if (test.type() != endpoint.kind().type()) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + ": test " + test + " needs "
                    + test.type() + " data but " + endpoint.kind() + " is " + endpoint.kind().type());
        }
        boolean singleArm = test == Analysis.Test.BINOMIAL_EXACT || test == Analysis.Test.SIMON;
        if (singleArm == endpoint.comparative()) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + ": test " + test
                    + (singleArm ? " is single-arm but a control arm is named" : " needs a control arm"));
        }
        if (singleArm && !(endpoint.analysis().nullValue() >= 0 && endpoint.analysis().nullValue() <= 1)) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + ": single-arm test needs a null "
                    + "response rate p0 in [0, 1], found " + endpoint.analysis().nullValue());
        }
        return new EndpointAnalysis(EndpointExtractor.compile(scenario, endpoint), test, alternative,
                endpoint.analysis().nullValue(), endpoint.kind() == Endpoint.Kind.MADRS_CHANGE);
    }

    /** A copy with its own buffers, for another thread. */
    EndpointAnalysis copy() {
        return new EndpointAnalysis(extractor.copy(), test, alternative, nullValue, lowerIsBetter);
    }

    /** The extractor, for information times of interim looks. */
    EndpointExtractor extractor() {
        return extractor;
    }

    /**
     * Forgets the data extracted so far: the next analysis extracts from scratch. Called whenever the cohort
     * is redrawn.
     */
    void newCohort() {
        extracted = -1;
    }

    /**
     * Where the data of the first {@code n} patients at {@code cutoff} can start from: the number of
     * patients already in the buffers when they are a prefix of the wanted data (same cohort, no more
     * patients than wanted, the same cutoff, and a patient's data independent of n), else 0 (the buffers are
     * refilled). The nested grid thereby extracts each patient once per cohort instead of once per sample
     * size, and the buffers hold exactly the rows, in the same order, of a full extraction.
     */
    private int extendFrom(int n, double cutoff) {
        int from = extracted >= 0 && extracted <= n && Double.compare(cutoff, extractedAt) == 0
                && extractor.nested(cutoff) ? extracted : 0;
        extracted = n;
        extractedAt = cutoff;
        return from;
    }

    /**
     * Analyses the first {@code n} patients of {@code c} with the data available at calendar week
     * {@code cutoff}; returns the p-value and keeps the signed statistic ({@link #z()}).
     */
    double analyse(Cohort c, int n, double cutoff) {
        informative = true;
        switch (test.type()) {
            case BINARY -> {
                int from = extendFrom(n, cutoff);
                if (from == 0) {
                    extractor.extract(c, n, cutoff, binary);
                } else {
                    extractor.extend(c, from, n, cutoff, binary);
                }
                return binaryTest();
            }
            case CONTINUOUS -> {
                int from = extendFrom(n, cutoff);
                if (from == 0) {
                    extractor.extract(c, n, cutoff, continuous);
                } else {
                    extractor.extend(c, from, n, cutoff, continuous);
                }
                int size = continuous.size();
                boolean[] trt = continuous.treatment();
                z = test == Analysis.Test.ANCOVA
                        ? ancova.compute(continuous.value(), continuous.baseline(), trt, size)
                        : tTest.compute(continuous.value(), trt, size);
                informative = test == Analysis.Test.ANCOVA ? ancova.defined() : tTest.defined();
                // An undefined statistic (too few patients) never rejects.
                if (Double.isNaN(z)) {
                    z = 0;
                    informative = false;
                    return 1;
                }
                // The tests' GREATER is "treatment mean higher"; for a MADRS change the treatment does better
                // when its mean is lower, so the one-sided alternative and the sign of z are mirrored.
                Alternative direction = alternative;
                if (lowerIsBetter) {
                    z = -z;
                    direction = alternative == Alternative.GREATER ? Alternative.LESS
                            : alternative == Alternative.LESS ? Alternative.GREATER : alternative;
                }
                double p = test == Analysis.Test.ANCOVA ? ancova.pValue(direction) : tTest.pValue(direction);
                return Double.isNaN(p) ? 1 : p;
            }
            case TIME_TO_EVENT -> {
                int from = extendFrom(n, cutoff);
                int previous = times.size();
                if (from == 0) {
                    extractor.extract(c, n, cutoff, times);
                } else {
                    extractor.extend(c, from, n, cutoff, times);
                }
                int size = times.size();
                boolean[] trt = times.treatment();
                int[] strata = test == Analysis.Test.STRATIFIED_LOG_RANK ? times.stratum() : null;
                // extended data: sort only the new rows and merge them into the order of the last analysis
                z = from == 0 ? logRank.compute(times.time(), times.event(), trt, strata, size)
                        : logRank.computeExtended(times.time(), times.event(), trt, strata, previous, size);
                informative = times.events() > 0 && Double.isFinite(z);
                return logRank.pValue(alternative);
            }
            default -> throw new IllegalStateException("unknown data type " + test.type());
        }
    }

    private double binaryTest() {
        int xT = binary.events(1);
        int nT = binary.total(1);
        int xC = binary.events(0);
        int nC = binary.total(0);
        events = xT;
        total = nT;
        // a comparison needs patients in both arms and both outcomes; a single-arm test needs patients
        informative = test == Analysis.Test.BINOMIAL_EXACT || test == Analysis.Test.SIMON ? nT > 0
                : nT > 0 && nC > 0 && xT + xC > 0 && xT + xC < nT + nC;
        switch (test) {
            case CHI_SQUARE, CHI_SQUARE_CORRECTED -> {
                boolean corrected = test == Analysis.Test.CHI_SQUARE_CORRECTED;
                z = TwoProportionZTest.z(xT, nT, xC, nC, corrected);
                return TwoProportionZTest.pValue(xT, nT, xC, nC, corrected, alternative);
            }
            case FISHER -> {
                z = TwoProportionZTest.z(xT, nT, xC, nC, false);
                return FisherExactTest.pValue(xT, nT, xC, nC, alternative);
            }
            case CMH -> {
                int k = binary.strata();
                int[] eventsTreatment = binary.eventsByStratum(1);
                int[] totalTreatment = binary.totalsByStratum(1);
                int[] eventsControl = binary.eventsByStratum(0);
                int[] totalControl = binary.totalsByStratum(0);
                z = MantelHaenszelTest.z(eventsTreatment, totalTreatment, eventsControl, totalControl, k, false);
                return MantelHaenszelTest.pValue(eventsTreatment, totalTreatment, eventsControl, totalControl, k,
                        false, alternative);
            }
            case BINOMIAL_EXACT, SIMON -> {
                // The standardized statistic of the single-arm rate, for sequential looks.
                z = nT == 0 || nullValue <= 0 || nullValue >= 1 ? 0
                        : (xT - nT * nullValue) / Math.sqrt(nT * nullValue * (1 - nullValue));
                return exactTest(nT).pValue(xT, alternative);
            }
            default -> throw new IllegalStateException(test + " is not a binary test");
        }
    }

    private ExactBinomialTest exactTest(int n) {
        if (exact.length <= n) {
            exact = java.util.Arrays.copyOf(exact, Math.max(n + 1, 2 * exact.length));
        }
        if (exact[n] == null) {
            exact[n] = new ExactBinomialTest(n, nullValue);
        }
        return exact[n];
    }

    /** The signed standardized statistic of the last analysis (positive favours treatment; 0 if undefined). */
    double z() {
        return z;
    }

    /**
     * Whether the last analysis had information: events (time to event), patients in both arms with both
     * outcomes (binary comparisons), a defined statistic (continuous). Without it the test cannot reject.
     */
    boolean informative() {
        return informative;
    }

    /** Responders in the (treatment) arm at the last binary analysis. */
    int events() {
        return events;
    }

    /** Patients analysed in the (treatment) arm at the last binary analysis. */
    int total() {
        return total;
    }

    // Read by replays (TrialReplay, through ScenarioTrial.Trace) right after an analysis; never on the
    // engine's path.

    /** The endpoint data of the last analysis, copied out of the buffers. */
    EndpointData data() {
        java.util.List<String> strata = extractor.strataNames();
        return switch (test.type()) {
            case BINARY -> {
                int k = binary.strata();
                yield new EndpointData.Binary(strata,
                        new int[][] {java.util.Arrays.copyOf(binary.eventsByStratum(0), k),
                            java.util.Arrays.copyOf(binary.eventsByStratum(1), k)},
                        new int[][] {java.util.Arrays.copyOf(binary.totalsByStratum(0), k),
                            java.util.Arrays.copyOf(binary.totalsByStratum(1), k)});
            }
            case CONTINUOUS -> {
                int m = continuous.size();
                yield new EndpointData.Continuous(strata, java.util.Arrays.copyOf(continuous.value(), m),
                        java.util.Arrays.copyOf(continuous.baseline(), m),
                        java.util.Arrays.copyOf(continuous.group(), m),
                        java.util.Arrays.copyOf(continuous.stratum(), m));
            }
            case TIME_TO_EVENT -> {
                int m = times.size();
                yield new EndpointData.TimeToEvent(strata, java.util.Arrays.copyOf(times.time(), m),
                        java.util.Arrays.copyOf(times.event(), m), java.util.Arrays.copyOf(times.group(), m),
                        java.util.Arrays.copyOf(times.stratum(), m));
            }
        };
    }

    /** The effect estimate that goes with the test, from the last analysis ({@link EffectEstimate}). */
    EffectEstimate estimate() {
        return switch (test) {
            case CHI_SQUARE, CHI_SQUARE_CORRECTED, FISHER -> new EffectEstimate(EffectEstimate.RISK_DIFFERENCE,
                    org.trialsim.stats.RiskDifference.estimate(binary.events(1), binary.total(1), binary.events(0),
                            binary.total(0)));
            case CMH -> new EffectEstimate(EffectEstimate.COMMON_ODDS_RATIO, MantelHaenszelTest.commonOddsRatio(
                    binary.eventsByStratum(1), binary.totalsByStratum(1), binary.eventsByStratum(0),
                    binary.totalsByStratum(0), binary.strata()));
            case BINOMIAL_EXACT, SIMON -> new EffectEstimate(EffectEstimate.RESPONSE_RATE,
                    total == 0 ? Double.NaN : (double) events / total);
            case T_TEST, WELCH -> new EffectEstimate(EffectEstimate.MEAN_DIFFERENCE, tTest.difference());
            case ANCOVA -> new EffectEstimate(EffectEstimate.ADJUSTED_MEAN_DIFFERENCE, ancova.effect());
            case LOG_RANK, STRATIFIED_LOG_RANK -> new EffectEstimate(EffectEstimate.HAZARD_RATIO,
                    logRank.hazardRatioScore());
        };
    }
}
