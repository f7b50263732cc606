package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.RelapseTime;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.ObservationRule;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.power.PatientColumn.Flags;
import org.trialsim.power.PatientColumn.Labels;
import org.trialsim.power.PatientColumn.Numbers;
import org.trialsim.power.PatientColumn.View;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessRegistry;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Stratum;

/**
 * The one mapping from a sampled {@link Cohort} to a {@link PatientListing}: which columns a listing has and
 * where each comes from. Observed values are never derived here: every "as observed" value comes from the
 * engine's own observation code, {@link EndpointExtractor#observing} per arm and stratum (an assessment at the
 * end of induction, {@link EndpointExtractor#assessed}; an event seen or censored,
 * {@link EndpointExtractor#observe}) and {@link ObservationRule} (entry, administrative limit, seeing an event
 * at a visit), so the listing shows what the analysis sees.
 *
 * <p>Columns: observed ({@link View#OBSERVED}, the classic listing of {@code trialsim simulate}):
 * {@value #ARM}, {@value #STRATUM}, {@value #ENROLLED}, {@value #DROPOUT}, {@value #RESPONDED},
 * {@value #REMITTED}, {@value #RELAPSE}, {@value #BENZO_USER}, {@value #BENZO_DISCONTINUED},
 * {@value #BENZO_RELAPSE}, {@value #CENSORED_AT} and, with a MADRS model, {@value #MADRS_BASELINE},
 * {@value #MADRS_END_INDUCTION}; analysed ({@link View#ANALYSED}): {@value #RELAPSE_TIME},
 * {@value #RELAPSE_EVENT} where the scenario models relapse, {@value #BENZO_RELAPSE_TIME},
 * {@value #BENZO_RELAPSE_EVENT} where it has benzodiazepine users, {@value #ADMINISTRATIVE_END}; for the
 * time-to-event kind of any later process the scenario has (rescue's {@code time_to_rescue}), the observed week
 * seen and the analysed time and flag, named by the kind without {@code time_to_} ({@code rescue},
 * {@code rescue_time}, {@code rescue_event}), and for a process of named instances once per instance, the
 * name appended ({@code event_pfs}, {@code event_pfs_time}, {@code event_pfs_event}); latent
 * ({@link View#LATENT}): dropout and every column of every registered patient process
 * ({@link SampledProcess#columns()}, in registration order, with the column's own unit and description), then
 * those of the named instances of the scenario ({@link SamplingPlan#columns()}), named {@code latent_} and the
 * column's name.
 */
public final class PatientColumns {

    /** Observed: the arm. */
    public static final String ARM = "arm";
    /** Observed: the stratum. */
    public static final String STRATUM = "stratum";
    /** Observed: calendar week of entry. */
    public static final String ENROLLED = "enrolled";
    /** Observed: week of dropout, if before the administrative end of follow-up. */
    public static final String DROPOUT = "dropout";
    /** Observed: response at the end of induction, where assessed. */
    public static final String RESPONDED = "responded";
    /** Observed: remission at the end of induction, where assessed. */
    public static final String REMITTED = "remitted";
    /** Observed: week a depressive relapse is seen. */
    public static final String RELAPSE = "relapse";
    /** Observed: long-term benzodiazepine user (the stratum's). */
    public static final String BENZO_USER = "benzo_user";
    /** Observed: benzodiazepines discontinued by the end of induction, where assessed. */
    public static final String BENZO_DISCONTINUED = "benzo_discontinued";
    /** Observed: week a relapse to benzodiazepine use is seen. */
    public static final String BENZO_RELAPSE = "benzo_relapse";
    /** Observed: end of follow-up, the earlier of dropout and the administrative limit. */
    public static final String CENSORED_AT = "censored_at";
    /** Observed: baseline MADRS. */
    public static final String MADRS_BASELINE = "madrs_baseline";
    /** Observed: MADRS at the end of induction, where assessed. */
    public static final String MADRS_END_INDUCTION = "madrs_end_induction";
    /** Analysed: weeks from the relapse origin to the relapse seen or the last contact. */
    public static final String RELAPSE_TIME = "relapse_time";
    /** Analysed: whether {@value #RELAPSE_TIME} is a relapse (else censored). */
    public static final String RELAPSE_EVENT = "relapse_event";
    /** Analysed: weeks from the end of induction to the benzodiazepine relapse seen or the last contact. */
    public static final String BENZO_RELAPSE_TIME = "benzo_relapse_time";
    /** Analysed: whether {@value #BENZO_RELAPSE_TIME} is a relapse (else censored). */
    public static final String BENZO_RELAPSE_EVENT = "benzo_relapse_event";
    /** Analysed: the administrative end of follow-up, weeks from randomization. */
    public static final String ADMINISTRATIVE_END = "administrative_end";
    /** Prefix of the latent columns. */
    public static final String LATENT = "latent_";

    private static final String WEEKS = "weeks";

    private PatientColumns() {
    }

    /** The listing of the first {@code n} patients of {@code c}, observed at calendar week {@code cutoff}. */
    static PatientListing listing(Scenario scenario, Cohort c, int n, double cutoff) {
        ObservationRule rule = ObservationRule.of(scenario);
        Observers observers = new Observers(scenario);
        boolean madrs = usesMadrs(scenario);
        double[] entry = new double[n];
        double[] dropout = new double[n];
        boolean[] assessed = new boolean[n];
        double[] relapse = new double[n];
        double[] benzoRelapse = new double[n];
        double[] censoredAt = new double[n];
        double[] madrsEnd = new double[n];
        double[] relapseTime = new double[n];
        boolean[] relapseEvent = new boolean[n];
        boolean[] atRisk = new boolean[n];
        double[] benzoTime = new double[n];
        boolean[] benzoEvent = new boolean[n];
        boolean[] benzoAtRisk = new boolean[n];
        double[] limit = new double[n];
        TimeToEventOutcomes row = new TimeToEventOutcomes();
        boolean[] responded = c.booleans(InductionResponse.RESPONDED);
        boolean[] remitted = c.booleans(InductionResponse.REMITTED);
        double[] latentRelapse = c.doubles(RelapseTime.TIME);
        boolean[] discontinued = c.booleans(BenzodiazepineCourse.DISCONTINUED);
        double[] latentBenzoRelapse = c.doubles(BenzodiazepineCourse.RELAPSE);
        boolean[] user = new boolean[n];
        for (int i = 0; i < n; i++) {
            user[i] = scenario.strata().get(c.stratum[i]).benzodiazepineUser();
            entry[i] = rule.entry(c, i, n);
            limit[i] = rule.administrativeLimit(c, i, n, cutoff);
            dropout[i] = c.dropout[i] <= limit[i] ? c.dropout[i] : Double.NaN;
            censoredAt[i] = Math.max(0, Math.min(c.dropout[i], limit[i]));
            assessed[i] = observers.response(c, i).assessed(c, i, n, cutoff);
            madrsEnd[i] = assessed[i] ? c.doubles(InductionResponse.MADRS_END)[i] : Double.NaN;
            EndpointExtractor r = observers.relapse(c, i);
            atRisk[i] = r != null && r.observe(c, i, n, cutoff, row);
            relapseEvent[i] = atRisk[i] && row.event()[0];
            relapseTime[i] = atRisk[i] ? row.time()[0] : Double.NaN;
            relapse[i] = relapseEvent[i] ? rule.observed(latentRelapse[i]) : Double.NaN;
            EndpointExtractor b = observers.benzodiazepine(c, i);
            benzoAtRisk[i] = b != null && b.observe(c, i, n, cutoff, row);
            benzoEvent[i] = benzoAtRisk[i] && row.event()[0];
            benzoTime[i] = benzoAtRisk[i] ? row.time()[0] : Double.NaN;
            benzoRelapse[i] = benzoEvent[i] ? rule.observed(latentBenzoRelapse[i]) : Double.NaN;
        }
        boolean[] all = filled(n, true);
        boolean[] userAssessed = new boolean[n];
        for (int i = 0; i < n; i++) {
            userAssessed[i] = user[i] && assessed[i];
        }
        List<PatientColumn> columns = new ArrayList<>();
        columns.add(new Labels(ARM, View.OBSERVED, "the arm", scenario.arms().stream().map(Arm::name).toList(),
                codes(c.arm, n)));
        columns.add(new Labels(STRATUM, View.OBSERVED, "the stratum",
                scenario.strata().stream().map(Stratum::name).toList(), codes(c.stratum, n)));
        columns.add(new Numbers(ENROLLED, "calendar week", View.OBSERVED, "entry (randomization)", entry));
        columns.add(new Numbers(DROPOUT, WEEKS, View.OBSERVED,
                "dropout, if before the administrative end of follow-up", dropout));
        columns.add(new Flags(RESPONDED, View.OBSERVED, "response at the end of induction, where assessed",
                java.util.Arrays.copyOf(responded, n), assessed));
        columns.add(new Flags(REMITTED, View.OBSERVED, "remission at the end of induction, where assessed",
                java.util.Arrays.copyOf(remitted, n), assessed));
        columns.add(new Numbers(RELAPSE, WEEKS, View.OBSERVED,
                "depressive relapse as seen (exactly or at the next visit), before dropout and cutoff", relapse));
        columns.add(new Flags(BENZO_USER, View.OBSERVED, "long-term benzodiazepine user", user, all));
        columns.add(new Flags(BENZO_DISCONTINUED, View.OBSERVED,
                "users: benzodiazepines discontinued by the end of induction, where assessed",
                java.util.Arrays.copyOf(discontinued, n), userAssessed));
        columns.add(new Numbers(BENZO_RELAPSE, WEEKS, View.OBSERVED,
                "relapse to benzodiazepine use as seen, before dropout and cutoff", benzoRelapse));
        columns.add(new Numbers(CENSORED_AT, WEEKS, View.OBSERVED,
                "end of follow-up: the earlier of dropout and the administrative limit", censoredAt));
        if (madrs) {
            columns.add(new Numbers(MADRS_BASELINE, "MADRS points", View.OBSERVED, "baseline MADRS",
                    java.util.Arrays.copyOf(c.doubles(InductionResponse.MADRS_BASELINE), n)));
            columns.add(new Numbers(MADRS_END_INDUCTION, "MADRS points", View.OBSERVED,
                    "MADRS at the end of induction, where assessed", madrsEnd));
        }
        if (observers.anyRelapse) {
            columns.add(new Numbers(RELAPSE_TIME, WEEKS, View.ANALYSED, "weeks from the relapse origin (end of"
                    + " induction, or randomization) to the relapse seen or the last contact, patients at risk",
                    relapseTime));
            columns.add(new Flags(RELAPSE_EVENT, View.ANALYSED, "relapse_time is a relapse (else censored)",
                    relapseEvent, atRisk));
        }
        if (observers.anyUsers) {
            columns.add(new Numbers(BENZO_RELAPSE_TIME, WEEKS, View.ANALYSED, "weeks from the end of induction to"
                    + " the benzodiazepine relapse seen or the last contact, discontinuers", benzoTime));
            columns.add(new Flags(BENZO_RELAPSE_EVENT, View.ANALYSED,
                    "benzo_relapse_time is a relapse (else censored)", benzoEvent, benzoAtRisk));
        }
        for (Events events : observers.others) {
            events.add(columns, c, n, cutoff);
        }
        columns.add(new Numbers(ADMINISTRATIVE_END, WEEKS, View.ANALYSED,
                "administrative end of follow-up: the per-patient follow-up or the cutoff minus entry", limit));
        columns.add(new Numbers(LATENT + DROPOUT, WEEKS, View.LATENT, "dropout (+Infinity: never)",
                java.util.Arrays.copyOf(c.dropout, n)));
        // every column of every registered process, as the process declares it (its default where the
        // scenario does not simulate the process), then the columns of the instances the scenario names (the
        // event pfs: event_pfs), which exist only where a scenario names them
        java.util.Set<Column> listed = new java.util.HashSet<>();
        for (ProcessDefinition process : ProcessRegistry.get().all()) {
            if (process instanceof SampledProcess sampled) {
                for (Column column : sampled.columns()) {
                    columns.add(latent(c, n, column));
                    listed.add(column);
                }
            }
        }
        for (Column column : SamplingPlan.compile(scenario).columns()) {
            if (listed.add(column)) {
                columns.add(latent(c, n, column));
            }
        }
        return new PatientListing(n, columns);
    }

    /**
     * The engine's observation of the response assessment and of the two time-to-event processes, one
     * extractor per arm and stratum ({@link EndpointExtractor#observing}): each patient is observed with the
     * models of its own arm and stratum, whatever endpoints the scenario analyses.
     */
    private static final class Observers {
        final EndpointExtractor[][] response;
        final EndpointExtractor[][] relapse;
        final EndpointExtractor[][] benzodiazepine;
        final boolean anyRelapse;
        final boolean anyUsers;
        /** The time-to-event kinds of the other processes the scenario has (rescue, ...), in registry order. */
        final List<Events> others = new ArrayList<>();

        Observers(Scenario scenario) {
            int arms = scenario.arms().size();
            int strata = scenario.strata().size();
            response = new EndpointExtractor[arms][strata];
            relapse = new EndpointExtractor[arms][strata];
            benzodiazepine = new EndpointExtractor[arms][strata];
            anyRelapse = scenario.arms().stream().flatMap(a -> a.modelByStratum().values().stream())
                    .anyMatch(m -> m.relapse() != null);
            anyUsers = scenario.strata().stream().anyMatch(Stratum::benzodiazepineUser);
            for (int a = 0; a < arms; a++) {
                for (int s = 0; s < strata; s++) {
                    response[a][s] = EndpointExtractor.observing(scenario, Endpoint.Kind.RESPONSE, Double.NaN, a, s);
                    if (anyRelapse) {
                        relapse[a][s] = EndpointExtractor.observing(scenario, Endpoint.Kind.TIME_TO_RELAPSE,
                                Double.NaN, a, s);
                    }
                    if (scenario.strata().get(s).benzodiazepineUser()) {
                        benzodiazepine[a][s] = EndpointExtractor.observing(scenario,
                                Endpoint.Kind.TIME_TO_BENZODIAZEPINE_RELAPSE, Double.NaN, a, s);
                    }
                }
            }
            for (Endpoint.Kind kind : ProcessRegistry.get().kinds()) {
                if (kind.type() == Endpoint.Type.TIME_TO_EVENT && kind != Endpoint.Kind.TIME_TO_RELAPSE
                        && kind != Endpoint.Kind.TIME_TO_BENZODIAZEPINE_RELAPSE) {
                    ProcessDefinition process = ProcessRegistry.get().offering(kind);
                    // A further kind of an original process (relapse's time to treatment failure) is listed only
                    // where an endpoint reads it, so that listings of earlier scenarios keep their columns.
                    if (process.key().equals(Endpoint.Kind.TIME_TO_RELAPSE.needs().get(0))
                            && scenario.endpoints().stream().noneMatch(e -> e.kind() == kind)) {
                        continue;
                    }
                    // a process of named instances: one set of columns per instance the scenario names
                    List<String> outcomes = process.namesOutcomes() ? outcomes(scenario, process)
                            : java.util.Collections.singletonList(null);
                    for (String outcome : outcomes) {
                        Events e = new Events(scenario, kind, outcome);
                        if (e.any) {
                            others.add(e);
                        }
                    }
                }
            }
        }

        EndpointExtractor response(Cohort c, int i) {
            return response[c.arm[i]][c.stratum[i]];
        }

        EndpointExtractor relapse(Cohort c, int i) {
            return relapse[c.arm[i]][c.stratum[i]];
        }

        EndpointExtractor benzodiazepine(Cohort c, int i) {
            return benzodiazepine[c.arm[i]][c.stratum[i]];
        }
    }

    /**
     * The observed and analysed columns of a time-to-event kind of a process registered after the original ones
     * (rescue's {@code time_to_rescue}): named by the kind without its {@code time_to_} prefix, as
     * {@value #RELAPSE}, {@value #RELAPSE_TIME} and {@value #RELAPSE_EVENT} are for {@code time_to_relapse}: the
     * week the event is seen (observed), and the weeks from the kind's origin to the event seen or the last
     * contact with the event flag (analysed), from the engine's extractor of the kind per arm and stratum.
     */
    private static final class Events {
        final Endpoint.Kind kind;
        final String stem;
        final EndpointExtractor[][] extractors;
        final boolean any;

        Events(Scenario scenario, Endpoint.Kind kind, String outcome) {
            this.kind = kind;
            String stem = kind.name().startsWith("time_to_") ? kind.name().substring("time_to_".length()) : kind.name();
            this.stem = outcome == null ? stem : stem + "_" + outcome;
            ProcessRegistry registry = ProcessRegistry.get();
            int arms = scenario.arms().size();
            int strata = scenario.strata().size();
            extractors = new EndpointExtractor[arms][strata];
            boolean found = false;
            for (int a = 0; a < arms; a++) {
                for (int s = 0; s < strata; s++) {
                    Stratum stratum = scenario.strata().get(s);
                    PatientModel m = scenario.arms().get(a).model(stratum.name());
                    boolean has = kind.needs().stream().allMatch(k -> m.has(k) && registry.process(k).appliesTo(stratum))
                            && (outcome == null || registry.offering(kind).outcomes(m.process(registry.offering(kind)
                                    .key())).contains(outcome));
                    if (has) {
                        extractors[a][s] = EndpointExtractor.observing(scenario, kind, outcome, Double.NaN, a, s);
                        found = true;
                    }
                }
            }
            any = found;
        }

        void add(List<PatientColumn> columns, Cohort c, int n, double cutoff) {
            double[] seen = new double[n];
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            boolean[] atRisk = new boolean[n];
            TimeToEventOutcomes row = new TimeToEventOutcomes();
            for (int i = 0; i < n; i++) {
                EndpointExtractor x = extractors[c.arm[i]][c.stratum[i]];
                atRisk[i] = x != null && x.observe(c, i, n, cutoff, row);
                event[i] = atRisk[i] && row.event()[0];
                time[i] = atRisk[i] ? row.time()[0] : Double.NaN;
                seen[i] = event[i] ? x.eventSeen(c, i) : Double.NaN;
            }
            columns.add(new Numbers(stem, WEEKS, View.OBSERVED, kind.description() + ": week seen, before dropout and"
                    + " cutoff", seen));
            columns.add(new Numbers(stem + "_time", WEEKS, View.ANALYSED, kind.description() + ": weeks from the"
                    + " origin to the event seen or the last contact, patients at risk", time));
            columns.add(new Flags(stem + "_event", View.ANALYSED, stem + "_time is an event (else censored)", event,
                    atRisk));
        }
    }

    /** The names of the instances of {@code process} the scenario's arms and strata give, in first-appearance order. */
    private static List<String> outcomes(Scenario scenario, ProcessDefinition process) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Arm a : scenario.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                if (m.has(process.key())) {
                    out.addAll(process.outcomes(m.process(process.key())));
                }
            }
        }
        return List.copyOf(out);
    }

    private static PatientColumn latent(Cohort c, int n, Column column) {
        String name = LATENT + column.name();
        if (column instanceof Column.Doubles d) {
            return new Numbers(name, column.unit(), View.LATENT, column.description(),
                    java.util.Arrays.copyOf(c.doubles(d), n));
        }
        return new Flags(name, View.LATENT, column.description(),
                java.util.Arrays.copyOf(c.booleans((Column.Booleans) column), n), filled(n, true));
    }

    private static boolean usesMadrs(Scenario scenario) {
        return scenario.arms().stream().flatMap(a -> a.modelByStratum().values().stream())
                .map(PatientModel::response).anyMatch(r -> r instanceof ResponseModel.Madrs);
    }

    private static int[] codes(byte[] values, int n) {
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = values[i];
        }
        return codes;
    }

    private static boolean[] filled(int n, boolean value) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, value);
        return b;
    }
}
