package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.BayesianRule;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.SimonDesign;
import org.trialsim.stats.sequential.Decision;

/**
 * One replicate of a power study at one sample size, replayed by the patient-level engine itself
 * ({@link PowerStudy#replay(long, int)}): its patients ({@link #patients()}), each endpoint's data, test
 * statistic, effect estimate and p-value at every analysis the engine made ({@link #endpoints()}), and the
 * decisions ({@link #decisions()}). The trial is the engine's own trial of replicate {@code K} of
 * (seed {@code S}, scenario), run through the same code with a recorder attached, so every number is the one
 * the power counts rest on: the sum over replicates of {@code decisions().endpoints().get(e).rejected()} is
 * the study's count of rejections of endpoint e. Immutable.
 *
 * <p>A replay is always of the patient-level model ({@code patient-level}), whatever model ran
 * the study (a count-level study draws counts, not patients), and of the studied scenario, not the null
 * scenario that runs beside it.
 */
public final class TrialReplay {

    /**
     * One analysis of one endpoint: the single analysis of a fixed design (look 0), a stage of Simon's design
     * (look 0: stage 1 with the first n1 patients; look 1: stage 2), or a look of a group-sequential design.
     *
     * @param look the look, 0-based
     * @param patients the patients of the trial the analysis took (the first {@code patients})
     * @param calendarTime the calendar week of the data cutoff of the analysis ({@code +Infinity}: each
     *     patient followed to the end of its follow-up)
     * @param data the endpoint's data
     * @param statistic the signed standardized statistic z (positive favours treatment; 0 if undefined)
     * @param estimate the effect estimate that goes with the test
     * @param pValue the test's p-value against the design's alternative
     * @param informative whether the analysis had information (events, both arms, variation); without it the
     *     test cannot reject
     */
    public record Look(int look, int patients, double calendarTime, EndpointData data, double statistic,
            EffectEstimate estimate, double pValue, boolean informative) {
    }

    /**
     * The analyses of one endpoint, in the order the engine made them (none if the trial stopped before the
     * endpoint was analysed: a Simon design stopped at stage 1 analyses only its own endpoint).
     *
     * @param name the endpoint's name
     * @param test the test
     * @param looks the analyses
     */
    public record EndpointResult(String name, Analysis.Test test, List<Look> looks) {
        public EndpointResult {
            looks = List.copyOf(looks);
        }

        /** The analysis that entered the decision: the last one made. */
        public Optional<Look> last() {
            return looks.isEmpty() ? Optional.empty() : Optional.of(looks.get(looks.size() - 1));
        }
    }

    /**
     * What was decided for one endpoint.
     *
     * @param endpoint the endpoint's name
     * @param rejected whether its null hypothesis was rejected after multiplicity control and the sequential
     *     decision (what the power counts)
     * @param rejectedBeforeMultiplicity whether it was rejected at its own level, before multiplicity control
     * @param informative whether its last analysis had information
     */
    public record EndpointDecision(String endpoint, boolean rejected, boolean rejectedBeforeMultiplicity,
            boolean informative) {
    }

    /**
     * A group-sequential look of the monitored endpoint.
     *
     * @param look the look, 0-based
     * @param statistic the statistic compared with the bounds (|z| in a two-sided design; the posterior
     *     probability of a Bayesian rule, whose bounds are its success and futility thresholds)
     * @param efficacyBound the look's efficacy bound
     * @param futilityBound the look's futility bound ({@code -Infinity}: none)
     * @param decision what the look decided
     */
    public record SequentialLook(int look, double statistic, double efficacyBound, double futilityBound,
            Decision decision) {
    }

    /** Why the trial ended where it did. */
    public enum Stop {
        /** It ran to its final analysis. */
        FINAL_ANALYSIS,
        /** A group-sequential look crossed the efficacy bound. */
        EFFICACY,
        /** A group-sequential interim look fell to the futility bound, or Simon's stage 1 had too few responses. */
        FUTILITY
    }

    /**
     * The decisions of the trial.
     *
     * @param endpoints one per endpoint, in scenario order
     * @param stop why the trial ended
     * @param stopLook the look (0-based) at which it ended
     * @param looks the looks of the design (1 for a fixed design, 2 for Simon's)
     * @param patientsEnrolled patients enrolled when it ended (what the expected sample size averages)
     * @param sequentialLooks the group-sequential looks made, else empty
     * @param explanation the decision in a sentence
     */
    public record Decisions(List<EndpointDecision> endpoints, Stop stop, int stopLook, int looks,
            int patientsEnrolled, List<SequentialLook> sequentialLooks, String explanation) {
        public Decisions {
            endpoints = List.copyOf(endpoints);
            sequentialLooks = List.copyOf(sequentialLooks);
        }
    }

    private final Scenario scenario;
    private final String scenarioHash;
    private final long seed;
    private final long replicate;
    private final int size;
    private final double dataCutoff;
    private final PatientListing patients;
    private final List<EndpointResult> endpoints;
    private final Decisions decisions;

    private TrialReplay(Scenario scenario, String scenarioHash, long seed, long replicate, int size,
            double dataCutoff, PatientListing patients, List<EndpointResult> endpoints, Decisions decisions) {
        this.scenario = scenario;
        this.scenarioHash = scenarioHash;
        this.seed = seed;
        this.replicate = replicate;
        this.size = size;
        this.dataCutoff = dataCutoff;
        this.patients = patients;
        this.endpoints = List.copyOf(endpoints);
        this.decisions = decisions;
    }

    /**
     * Replays replicate {@code replicate} of the study of {@code studied} with master seed {@code seed} at
     * {@code atSize}'s single sample size.
     *
     * @param studied the study's scenario, as reported
     * @param atSize the same scenario with the replayed size as its only sample size
     * @param scenarioHash the study's scenario hash, for provenance
     */
    static TrialReplay run(Scenario studied, Scenario atSize, String scenarioHash, long seed, long replicate) {
        if (replicate < 0) {
            throw new IllegalArgumentException("the replicate index must be >= 0: " + replicate);
        }
        int n = atSize.maxSampleSize();
        Recorder recorder = new Recorder(atSize.endpoints().size());
        ScenarioTrial trial;
        try {
            trial = ScenarioTrial.traced(atSize, seed, recorder);
        } catch (IllegalArgumentException e) {
            // as PowerStudy reports a design it cannot simulate: the user's to change (exit 2)
            throw new ScenarioException(List.of(new Problem(studied.name(), 0, 0, "",
                    "cannot be simulated: " + e.getMessage())));
        }
        TrialLayout layout = ScenarioTrials.layout(atSize);
        ReplicateOutcome out = new ReplicateOutcome(layout);
        out.clear();
        trial.run(replicate, out);
        // a re-estimation design may have raised the size: the listing shows every patient the trial took
        n = Math.max(n, out.patientsUsed[0]);
        double cutoff = trial.finalCutoff(n);
        PatientListing listing = PatientColumns.listing(studied, trial.cohort(), n, cutoff);
        List<EndpointResult> results = new ArrayList<>();
        List<Endpoint> endpoints = atSize.endpoints();
        for (int e = 0; e < endpoints.size(); e++) {
            results.add(new EndpointResult(endpoints.get(e).name(), endpoints.get(e).analysis().test(),
                    recorder.looks.get(e)));
        }
        Decisions decisions = decisions(atSize, layout, out, results, recorder, trial);
        return new TrialReplay(studied, scenarioHash, seed, replicate, n, cutoff, listing, results, decisions);
    }

    private static Decisions decisions(Scenario scenario, TrialLayout layout, ReplicateOutcome out,
            List<EndpointResult> results, Recorder recorder, ScenarioTrial trial) {
        List<EndpointDecision> endpoints = new ArrayList<>();
        for (int e = 0; e < results.size(); e++) {
            endpoints.add(new EndpointDecision(results.get(e).name(), out.rejected(0, e), out.rejectedUnadjusted(0, e),
                    !out.uninformative[e]));
        }
        int stopLook = out.stopLook[0];
        boolean futility = out.futilityStop[0];
        List<SequentialLook> looks = new ArrayList<>();
        BayesianRule rule = scenario.groupSequential() == null ? null : scenario.endpoints().stream()
                .filter(e -> e.name().equals(scenario.groupSequential().endpoint())).findFirst()
                .map(e -> e.analysis().bayesian()).orElse(null);
        for (double[] d : recorder.decided) {
            int k = (int) d[0];
            // a Bayesian rule's statistic is its posterior probability, its bounds the rule's thresholds
            looks.add(rule != null
                    ? new SequentialLook(k, d[1], rule.success(), k < layout.looks() - 1 ? rule.futility()
                            : Double.NEGATIVE_INFINITY, Decision.values()[(int) d[2]])
                    : new SequentialLook(k, d[1], trial.replayEfficacyBound(k), trial.replayFutilityBound(k),
                            Decision.values()[(int) d[2]]));
        }
        Stop stop;
        String explanation;
        switch (layout.design()) {
            case GROUP_SEQUENTIAL -> {
                SequentialLook last = looks.get(looks.size() - 1);
                if (trial.graphical()) {
                    stop = stopLook < layout.looks() - 1 ? Stop.EFFICACY : Stop.FINAL_ANALYSIS;
                    explanation = String.format(Locale.ROOT, "graphical group-sequential design: %d of %d endpoints "
                            + "rejected, %s look %d of %d", endpoints.stream().filter(EndpointDecision::rejected).count(),
                            endpoints.size(), stopLook < layout.looks() - 1 ? "all of them by" : "the trial ending at",
                            stopLook + 1, layout.looks());
                    break;
                }
                String at = String.format(Locale.ROOT, "look %d of %d (statistic %s", stopLook + 1, layout.looks(),
                        number(last.statistic()));
                if (last.decision() == Decision.REJECT) {
                    stop = Stop.EFFICACY;
                    String when = stopLook < layout.looks() - 1 ? "stopped for efficacy at " : "rejected at the final ";
                    explanation = when + at + " reached the efficacy bound " + number(last.efficacyBound()) + ")";
                } else if (futility) {
                    stop = Stop.FUTILITY;
                    explanation = "stopped for futility at " + at + " at or below the futility bound "
                            + number(last.futilityBound()) + ")";
                } else {
                    stop = Stop.FINAL_ANALYSIS;
                    explanation = "ran to the final " + at + " below the efficacy bound "
                            + number(last.efficacyBound()) + "): not rejected";
                }
            }
            case SIMON -> {
                int s = simonEndpoint(scenario);
                SimonDesign d = scenario.endpoints().get(s).analysis().simon();
                if (futility) {
                    stop = Stop.FUTILITY;
                    explanation = String.format(Locale.ROOT, "stopped after stage 1 for futility: %s among the first %d"
                            + " patients, at most r1 = %d", responses(results.get(s).looks().get(0)),
                            results.get(s).looks().get(0).patients(), d.r1());
                } else {
                    stop = Stop.FINAL_ANALYSIS;
                    Look last = results.get(s).last().orElseThrow();
                    explanation = String.format(Locale.ROOT, "stage 2: %s among %d patients, %s r = %d: %s",
                            responses(last), last.patients(), out.rejected(0, s) ? "more than" : "not more than",
                            d.r(), out.rejected(0, s) ? "rejected" : "not rejected");
                }
            }
            case PREDICTIVE -> {
                int s = predictiveEndpoint(scenario);
                Look last = results.get(s).last().orElseThrow();
                String at = String.format(Locale.ROOT, "look %d of %d: %s among %d patients", stopLook + 1,
                        layout.looks(), responses(last), last.patients());
                if (futility) {
                    stop = Stop.FUTILITY;
                    explanation = "stopped for futility at " + at + " (predictive probability of success below "
                            + "theta_l)";
                } else if (stopLook < layout.looks() - 1) {
                    stop = Stop.EFFICACY;
                    explanation = "stopped for efficacy at " + at + " (predictive probability of success above "
                            + "theta_u)";
                } else {
                    stop = Stop.FINAL_ANALYSIS;
                    explanation = "final analysis at " + at + ": posterior probability of p > p0 "
                            + (out.rejected(0, s) ? "above" : "not above") + " theta_t: "
                            + (out.rejected(0, s) ? "rejected" : "not rejected");
                }
            }
            default -> {
                stop = Stop.FINAL_ANALYSIS;
                explanation = "final analysis: " + endpoints.stream().filter(EndpointDecision::rejected).count()
                        + " of " + endpoints.size() + " endpoints rejected";
            }
        }
        return new Decisions(endpoints, stop, stopLook, layout.looks(), out.patientsUsed[0], looks, explanation);
    }

    private static int simonEndpoint(Scenario scenario) {
        List<Endpoint> endpoints = scenario.endpoints();
        for (int e = 0; e < endpoints.size(); e++) {
            if (endpoints.get(e).analysis().test() == Analysis.Test.SIMON) {
                return e;
            }
        }
        throw new IllegalStateException("a Simon layout without a Simon endpoint");
    }

    private static int predictiveEndpoint(Scenario scenario) {
        List<Endpoint> endpoints = scenario.endpoints();
        for (int e = 0; e < endpoints.size(); e++) {
            if (endpoints.get(e).analysis().predictive() != null) {
                return e;
            }
        }
        throw new IllegalStateException("a predictive-probability layout without its endpoint");
    }

    private static String responses(Look look) {
        int x = ((EndpointData.Binary) look.data()).events(1);
        return x + (x == 1 ? " response" : " responses");
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /** Keeps what the trial reports while it runs. */
    private static final class Recorder implements ScenarioTrial.Trace {
        final List<List<Look>> looks = new ArrayList<>();
        /** Each group-sequential decision as {look, statistic, decision ordinal}. */
        final List<double[]> decided = new ArrayList<>();

        Recorder(int endpoints) {
            for (int e = 0; e < endpoints; e++) {
                looks.add(new ArrayList<>());
            }
        }

        @Override
        public void analysed(int endpoint, int look, int patients, double time, EndpointAnalysis analysis,
                double pValue) {
            looks.get(endpoint).add(new Look(look, patients, time, analysis.data(), analysis.z(), analysis.estimate(),
                    pValue, analysis.informative()));
        }

        @Override
        public void decided(int look, double statistic, Decision decision) {
            decided.add(new double[] {look, statistic, decision.ordinal()});
        }
    }

    /** The study's scenario (with its own sample sizes). */
    public Scenario scenario() {
        return scenario;
    }

    /** The SHA-256 of the study's scenario, as its results record it. */
    public String scenarioHash() {
        return scenarioHash;
    }

    /** The study's master seed. */
    public long seed() {
        return seed;
    }

    /** The replicate index (0-based). */
    public long replicate() {
        return replicate;
    }

    /** The number of patients of the replayed trial. */
    public int size() {
        return size;
    }

    /** The trial model that drew the trial: always {@code patient-level}. */
    public String model() {
        return ScenarioTrials.PATIENT_LEVEL;
    }

    /** The commons-rng {@code RandomSource} name of the generator behind the streams. */
    public String generator() {
        return ReplicateStreams.GENERATOR.name();
    }

    /** How the replicate's random streams derive from the seed ({@link ReplicateStreams#LAYOUT}). */
    public String streamLayout() {
        return ReplicateStreams.LAYOUT;
    }

    /**
     * The calendar week of the final analysis ({@code +Infinity} under a per-patient follow-up), at which the
     * listing's observed values stand.
     */
    public double dataCutoff() {
        return dataCutoff;
    }

    /** The patients, observed at the final data cutoff. */
    public PatientListing patients() {
        return patients;
    }

    /** Each endpoint's analyses, in scenario order. */
    public List<EndpointResult> endpoints() {
        return endpoints;
    }

    /** The endpoint named {@code name}. */
    public EndpointResult endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no endpoint " + name));
    }

    /** The decisions. */
    public Decisions decisions() {
        return decisions;
    }
}
