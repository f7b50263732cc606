package org.trialsim.power;

import org.trialsim.cohort.Cohort;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.stats.Alternative;

/**
 * The analysis of one endpoint in one thread: extracts the endpoint for a prefix of the cohort at a calendar
 * cutoff, extending the data of the previous sample size where the grid is nested, and hands them to the
 * {@link EndpointTest} of the endpoint's test, built from its entry in the registry {@link Analyses}. Keeps
 * the figures of the last analysis: the p-value, the signed standardized statistic (positive favours
 * treatment), which group-sequential looks compare with their bounds, the test's own statistic and estimate,
 * and whether the data were informative. {@link #copy()} makes another thread's.
 */
final class EndpointAnalysis {

    private final EndpointExtractor extractor;
    private final Endpoint endpoint;
    private final Alternative alternative;
    private final AnalysisKind kind;
    private final EndpointTest test;
    /** Patients whose data the buffers hold for the current cohort ({@code -1}: none; see {@link #newCohort()}). */
    private int extracted = -1;
    /** The calendar cutoff of the data in the buffers. */
    private double extractedAt;

    private EndpointAnalysis(EndpointExtractor extractor, Endpoint endpoint, Alternative alternative,
            AnalysisKind kind) {
        this.extractor = extractor;
        this.endpoint = endpoint;
        this.alternative = alternative;
        this.kind = kind;
        this.test = kind.perThread().create(endpoint, alternative);
    }

    /** The analysis of {@code endpoint} of {@code scenario}, tested against {@code alternative}. */
    static EndpointAnalysis compile(Scenario scenario, Endpoint endpoint, Alternative alternative) {
        AnalysisKind kind = Analyses.of(endpoint.analysis().test());
        if (kind.type() != endpoint.kind().type()) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + ": test " + kind.test() + " needs "
                    + kind.type() + " data but " + endpoint.kind() + " is " + endpoint.kind().type());
        }
        boolean singleArm = kind.singleArm();
        if (singleArm == endpoint.comparative()) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + ": test " + kind.test()
                    + (singleArm ? " is single-arm but a control arm is named" : " needs a control arm"));
        }
        if (singleArm && !(endpoint.analysis().nullValue() >= 0 && endpoint.analysis().nullValue() <= 1)) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + ": single-arm test needs a null "
                    + "response rate p0 in [0, 1], found " + endpoint.analysis().nullValue());
        }
        return new EndpointAnalysis(EndpointExtractor.compile(scenario, endpoint), endpoint, alternative, kind);
    }

    /** A copy with its own buffers and test, for another thread. */
    EndpointAnalysis copy() {
        return new EndpointAnalysis(extractor.copy(), endpoint, alternative, kind);
    }

    /**
     * The analysis of the same endpoint by the same test on the full-information data
     * ({@link EndpointExtractor#fullInformation()}); analyse it with no calendar cutoff. Its estimate is the
     * replicate's true value of the endpoint's estimand ({@link EstimandStudy}).
     */
    EndpointAnalysis fullInformation() {
        return new EndpointAnalysis(extractor.fullInformation(), endpoint, alternative, kind);
    }

    /** The endpoint analysed. */
    Endpoint endpoint() {
        return endpoint;
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
     * {@code cutoff}; returns the p-value and keeps the other figures ({@link #z()}, {@link #estimate()}, ...).
     */
    double analyse(Cohort c, int n, double cutoff) {
        test.analyse(extractor, c, extendFrom(n, cutoff), n, cutoff);
        return test.pValue();
    }

    /** The signed standardized statistic of the last analysis (positive favours treatment; 0 if undefined). */
    double z() {
        return test.z();
    }

    /** The p-value of the last analysis (1 when its statistic was undefined). */
    double pValue() {
        return test.pValue();
    }

    /** The statistic of the last analysis on its test's own scale and sign (e.g. a t, or a signed z). */
    double statistic() {
        return test.statistic();
    }

    /**
     * The value of the estimate of the last analysis, as its {@code org.trialsim.stats} test defines it: the
     * risk difference (chi-square, Fisher, Wald), the Mantel-Haenszel odds ratio (CMH), the response rate (single
     * arm), the one-step Cox hazard ratio (log-rank), the difference in means (t-tests) or the adjusted
     * difference (ANCOVA); treatment minus (or over) control. {@link #estimate()} names it.
     */
    double estimateValue() {
        return test.estimate();
    }

    /**
     * Whether the last analysis had information: events (time to event), patients in both arms with both
     * outcomes (binary comparisons), a defined statistic (continuous). Without it the test cannot reject.
     */
    boolean informative() {
        return test.informative();
    }

    /**
     * The patients of each group, {@code {control, treatment}}, in the last analysis' data (binary and continuous
     * endpoints), into {@code into}.
     */
    void groupSizes(int[] into) {
        test.groupSizes(into);
    }

    /** Responders in the (treatment) arm at the last binary analysis. */
    int events() {
        return test.events;
    }

    /** Patients analysed in the (treatment) arm at the last binary analysis. */
    int total() {
        return test.total;
    }

    // Read by replays (TrialReplay, through ScenarioTrial.Trace) right after an analysis; never on the
    // engine's path (they allocate).

    /** The endpoint data of the last analysis, copied out of the buffers. */
    EndpointData data() {
        return test.data(extractor.strataNames());
    }

    /**
     * The effect estimate that goes with the test, from the last analysis, named as its registry entry names
     * it ({@link EffectEstimate}).
     */
    EffectEstimate estimate() {
        return new EffectEstimate(kind.estimate(), test.estimate());
    }
}
