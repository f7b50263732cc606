package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.stats.sequential.Decision;

/**
 * Every analysis of every simulated trial of a study, one {@link Row} per replicate, sample size, endpoint and
 * look: what a statistician needs to audit trialsim against another program on the same data. The trials are
 * the engine's own ({@code ScenarioTrial}, patient level, the studied scenario), run over the whole grid of
 * sizes once per replicate as the study runs them, with a recorder attached that reads each analysis as it is
 * made; the decisions are the engine's ({@link ReplicateOutcome}). So the rows of replicates {@code [0, R)}
 * add up to the study's counts under the patient-level model.
 *
 * <p>The standard error is the one the test's standardized statistic implies, {@code |estimate - null| / |z|}
 * on the estimate's scale (the log scale for the hazard and odds ratios; the null value 0, or p0 for a
 * single-arm rate), so that {@code estimate / se} is the test's own z, and the interval is
 * {@code estimate +- 1.96 se} (exponentiated for ratios): a Wald interval consistent with the test, not an exact
 * one. Where z is 0 (an undefined statistic, or an estimate at its null value) the standard error is NaN.
 */
public final class PerTrial {

    /** The 97.5% standard normal quantile of the 95% interval. */
    static final double Z975 = 1.959963984540054;

    private PerTrial() {
    }

    /**
     * One analysis of one simulated trial.
     *
     * @param replicate the replicate index
     * @param nTotal the trial's sample size
     * @param endpoint the endpoint's name
     * @param look the look, 1-based (Simon's stage, a group-sequential look; 1 for a fixed design)
     * @param analysisWeek the calendar week of the data cutoff ({@code +Infinity}: each patient followed for a
     *     fixed time)
     * @param patients the patients the analysis took (the first {@code patients} of the cohort)
     * @param events events (time to event) or successes in both groups (binary); NaN for continuous data
     * @param estimateName what is estimated ({@link EffectEstimate} names)
     * @param estimate the estimate
     * @param se its standard error, as implied by the test (class comment)
     * @param ciLower the lower end of its 95% interval
     * @param ciUpper the upper end
     * @param statistic the test's statistic on its own scale
     * @param z the signed standardized statistic (positive favours treatment)
     * @param pValue the p-value
     * @param decision {@code reject}, {@code not rejected}, {@code continue} (an interim look passed) or
     *     {@code futility}
     * @param rejected whether the endpoint was rejected at the end of the trial after multiplicity control
     */
    public record Row(long replicate, int nTotal, String endpoint, int look, double analysisWeek, int patients,
            double events, String estimateName, double estimate, double se, double ciLower, double ciUpper,
            double statistic, double z, double pValue, String decision, boolean rejected) {
    }

    /**
     * Runs replicates {@code [from, to)} of {@code study} on the calling thread and hands every analysis to
     * {@code sink}, in replicate, size, then analysis order.
     *
     * @param study the study (its scenario with its sample sizes, and its seed)
     * @param from the first replicate
     * @param to one past the last
     * @param sink receives each row
     */
    public static void run(PowerStudy study, long from, long to, Consumer<Row> sink) {
        Scenario scenario = study.scenario();
        List<Endpoint> all = scenario.endpoints();
        int simon = -1;
        for (int e = 0; e < all.size(); e++) {
            simon = all.get(e).analysis().simon() != null ? e : simon;
        }
        int first = scenario.groupSequential() != null
                ? all.stream().map(Endpoint::name).toList().indexOf(scenario.groupSequential().endpoint())
                : Math.max(simon, 0);
        Recorder recorder = new Recorder(first);
        ScenarioTrial trial = ScenarioTrial.traced(scenario, study.seed(), recorder);
        TrialLayout layout = ScenarioTrials.layout(scenario);
        ReplicateOutcome out = new ReplicateOutcome(layout);
        List<Endpoint> endpoints = scenario.endpoints();
        String[] names = endpoints.stream().map(Endpoint::name).toArray(String[]::new);
        double[] nulls = endpoints.stream().mapToDouble(e -> e.analysis().test().singleArm()
                ? e.analysis().nullValue() : e.analysis().hasMargin() ? e.analysis().margin() : Double.NaN).toArray();
        int monitored = scenario.groupSequential() == null ? -1
                : List.of(names).indexOf(scenario.groupSequential().endpoint());
        for (long r = from; r < to; r++) {
            recorder.analyses.clear();
            recorder.g = -1;
            out.clear();
            trial.run(r, out);
            for (Analysed a : recorder.analyses) {
                int g = a.g;
                int n = layout.sampleSize(g);
                boolean last = a.look == lastLook(recorder.analyses, a);
                boolean rejected = out.rejected(g, a.endpoint);
                String decision;
                if (!last) {
                    decision = "continue";
                } else if (out.futilityStop[g] && (a.endpoint == monitored || layout.design()
                        == TrialLayout.Sequential.SIMON) && a.look == out.stopLook[g]) {
                    decision = "futility";
                } else {
                    decision = rejected ? "reject" : "not rejected";
                }
                boolean ratio = EffectEstimate.isRatio(a.estimateName);
                // z measures the distance from the null, which a margin shifts (log scale for ratios)
                double atNull = nulls[a.endpoint];
                double scaled = Double.isNaN(atNull) ? (ratio ? Math.log(a.estimate) : a.estimate)
                        : ratio ? Math.log(a.estimate) - Math.log(atNull) : a.estimate - atNull;
                double se = a.z == 0 || !Double.isFinite(scaled) ? Double.NaN : Math.abs(scaled / a.z);
                double centre = ratio ? Math.log(a.estimate) : a.estimate;
                double lo = centre - Z975 * se;
                double hi = centre + Z975 * se;
                sink.accept(new Row(r, n, names[a.endpoint], a.look + 1, a.time, a.patients, a.events,
                        a.estimateName, a.estimate, se, ratio ? Math.exp(lo) : lo, ratio ? Math.exp(hi) : hi,
                        a.statistic, a.z, a.pValue, decision, rejected));
            }
        }
    }

    /** The last look at which endpoint {@code a.endpoint} was analysed at size index {@code a.g} in this replicate. */
    private static int lastLook(List<Analysed> all, Analysed a) {
        int last = -1;
        for (Analysed b : all) {
            if (b.g == a.g && b.endpoint == a.endpoint) {
                last = Math.max(last, b.look);
            }
        }
        return last;
    }

    /** One analysis as the recorder read it, at sample size index {@code g}. */
    private record Analysed(int g, int endpoint, int look, double time, int patients, double events,
            String estimateName, double estimate, double statistic, double z, double pValue) {
    }

    /** Reads each analysis the trial makes (the trace a replay uses). */
    private static final class Recorder implements ScenarioTrial.Trace {
        final List<Analysed> analyses = new ArrayList<>();
        /**
         * The endpoint whose first look opens each sample size's analyses (the monitored endpoint of a
         * group-sequential design, Simon's endpoint, else the first): the trial runs the sizes in order, and
         * Simon's stage 1 takes fewer patients than the size, so the size is counted, not read.
         */
        private final int first;
        int g = -1;

        Recorder(int first) {
            this.first = first;
        }

        @Override
        public void analysed(int endpoint, int look, int patients, double time, EndpointAnalysis analysis,
                double pValue) {
            if (endpoint == first && look == 0) {
                g++;
            }
            EffectEstimate estimate = analysis.estimate();
            analyses.add(new Analysed(g, endpoint, look, time, analysis.data().patients(), events(analysis.data()),
                    estimate.name(), estimate.value(), analysis.statistic(), analysis.z(), pValue));
        }

        @Override
        public void decided(int look, double statistic, Decision decision) {
            // the decisions are read from the replicate's outcome
        }
    }

    /** Events (time to event) or successes (binary) in both groups; NaN for continuous data. */
    private static double events(EndpointData d) {
        if (d instanceof EndpointData.Binary b) {
            int total = 0;
            for (int[] g : b.events()) {
                for (int t : g) {
                    total += t;
                }
            }
            return total;
        }
        if (d instanceof EndpointData.TimeToEvent t) {
            return t.events();
        }
        return Double.NaN;
    }
}
