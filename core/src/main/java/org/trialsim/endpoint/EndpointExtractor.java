package org.trialsim.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.trialsim.cohort.BitSelect;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Estimand;
import org.trialsim.scenario.IntercurrentEvents;
import org.trialsim.scenario.IntercurrentEvents.PostEvent;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessRegistry;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Stratum;

/**
 * Turns the latent trajectories of the first n patients of a {@link Cohort} into the data of one endpoint as
 * they would stand at a calendar data cutoff, following the endpoint's definition and the scenario's
 * {@link ObservationRule}.
 *
 * <p>Analysis population: patients of the endpoint's experimental arm (group 1) and control arm (group 0), in
 * its analysis strata (all strata if none are named) where every process its kind reads applies
 * ({@link org.trialsim.scenario.ProcessDefinition#appliesTo}). A patient enters the data of a binary or
 * continuous endpoint assessed at week a (the end of induction, or {@code atWeek} for a milestone kind) only if
 * week a falls within the patient's administrative follow-up; patients not yet assessed at an interim look are
 * not counted.
 *
 * <p>What a kind reads of a patient is its process's {@link Observation}; the rules that make it data are
 * stated here once, for every kind (and docs/trajectory-model.md, section 5):
 * <ul>
 * <li>Binary endpoints count a patient who dropped out before the assessment as a failure (non-responder
 * imputation, the usual conservative convention in depression trials; for example Singh JB et al. Am J
 * Psychiatry 2016;173:816-826).</li>
 * <li>Continuous endpoints: completers only (no dropout before the assessment).</li>
 * <li>Time to event: from the patient's origin (the observation's; {@code NaN} is not at risk); an event
 * counts if it is seen (exactly or at the next visit) no later than dropout and the administrative limit;
 * otherwise the patient is censored at the last contact.</li>
 * </ul>
 *
 * <p>An endpoint with an estimand ({@link Endpoint#estimand()}) reads the intercurrent events it names (the first
 * a patient has, and its post-event model) and applies its strategy (docs/estimands.md):
 * <ul>
 * <li>{@code composite}: binary, success only without the event by the assessment; time to event, the event
 * ends the time (at the latest at the origin);</li>
 * <li>{@code treatment_policy}: the outcome under the event's post-event model; observation ends at the event
 * whose model is {@code stops};</li>
 * <li>{@code hypothetical}: the latent outcome (as had the event not happened), observed only before the event
 * (censored there; the visits after it are missing, for the MMRM to handle under missing at random; a binary
 * outcome assessed after it is missing, counted by arm and stratum in {@link BinaryOutcomes#missingByGroup()} for
 * the IPW risk difference);</li>
 * <li>{@code while_on_treatment}: binary, read at the event if it comes before the assessment; time to event,
 * censored at the event (events after it do not count).</li>
 * </ul>
 * A binary patient whose assessment is not observed (dropout, or an observation stopped) still counts as a
 * failure, the analysis's rule of always. The extractor of the <em>full-information</em> data
 * ({@link #fullInformation()}) applies the strategy to every patient with nothing lost: no dropout, no
 * observation stopped by an event, no calendar cutoff (its caller passes none), only the definition's own
 * limits (follow-up, and for while on treatment the event): the data whose estimate is the replicate's true value
 * of the estimand.
 *
 * <p>Interim looks: {@link #informationTime(Cohort, int, double, double)} gives the calendar time at which a
 * fraction of the final information is available (patients assessed for binary endpoints, completers for
 * MADRS change, observed events for time-to-event endpoints); extracting at that time gives the interim data.
 *
 * <p>Allocation-free after the first use at a given size; holds a scratch array, so one instance per thread
 * ({@link #copy()}).
 */
public final class EndpointExtractor {

    /** Trial sizes whose entry tables are kept per thread (a nested grid revisits its sizes every replicate). */
    private static final int ENTRY_TABLES = 8;

    private final Endpoint endpoint;
    private final Endpoint.Kind kind;
    private final int treatment;
    private final int control;
    /** Group of each arm index: 1 the experimental arm, 0 the control arm, -1 not in the comparison. */
    private final int[] groupOfArm;
    private final int[] stratumIndex;
    private final List<String> strataNames;
    private final double assessmentWeek;
    private final ObservationRule rule;
    /** What the kind reads of each patient (per thread: bound to the cohort of the current extraction). */
    private final Observation observation;
    private double[] scratch = new double[0];
    private final OrderStatistic orderStatistic = new OrderStatistic();
    /** Entry tables by trial size (see {@link #entryTable}), filled in turn once all slots are taken. */
    private final double[][] entryTable = new double[ENTRY_TABLES][];
    private final int[] entryTableSize = {-1, -1, -1, -1, -1, -1, -1, -1};
    private int nextEntryTable;
    /** The endpoint's strategy, {@code null} without an estimand (the rules of always, untouched). */
    private final Estimand.Strategy strategy;
    /** The columns of the intercurrent events the estimand names. */
    private final Column.Doubles[] eventColumns;
    /** Per cell (arm x stratum) and named event: its post-event model, {@code null} where the cell has not it. */
    private final PostEvent[][] eventAfter;
    private final int cellStrata;
    /** Whether this extracts the full-information data ({@link #fullInformation()}). */
    private final boolean full;
    /** The bound event times, per named event (per thread). */
    private final double[][] eventTimes;
    /** The post-event model of the event {@link #firstEvent} found last. */
    private PostEvent firstAfter;

    private EndpointExtractor(EndpointExtractor other) {
        this(other, other.full);
    }

    private EndpointExtractor(EndpointExtractor other, boolean full) {
        this.strategy = other.strategy;
        this.eventColumns = other.eventColumns;
        this.eventAfter = other.eventAfter;
        this.cellStrata = other.cellStrata;
        this.full = full;
        this.eventTimes = new double[eventColumns.length][];
        this.endpoint = other.endpoint;
        this.kind = other.kind;
        this.treatment = other.treatment;
        this.control = other.control;
        this.groupOfArm = other.groupOfArm;
        this.stratumIndex = other.stratumIndex;
        this.strataNames = other.strataNames;
        this.assessmentWeek = other.assessmentWeek;
        this.rule = other.rule;
        this.observation = other.observation.copy();
    }

    private EndpointExtractor(Scenario scenario, Endpoint endpoint) {
        this.endpoint = endpoint;
        this.kind = endpoint.kind();
        this.treatment = scenario.armIndex(endpoint.treatment());
        this.control = endpoint.control() == null ? -1 : scenario.armIndex(endpoint.control());
        if (treatment < 0 || (endpoint.control() != null && control < 0)) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + ": unknown arm " + endpoint.treatment()
                    + " or " + endpoint.control());
        }
        // a table rather than comparisons: arms are randomized, so a branch on them is a coin flip
        this.groupOfArm = new int[scenario.arms().size()];
        Arrays.fill(groupOfArm, -1);
        if (control >= 0) {
            groupOfArm[control] = 0;
        }
        groupOfArm[treatment] = 1;
        double inductionWeeks = scenario.schedule().inductionWeeks();
        this.rule = ObservationRule.of(scenario);
        // The population: the named strata (all if none) where every process the kind reads is simulated.
        ProcessRegistry registry = ProcessRegistry.get();
        List<ProcessDefinition> needed = kind.needs().stream().map(registry::process).toList();
        List<Stratum> strata = scenario.strata();
        this.stratumIndex = new int[strata.size()];
        Arrays.fill(stratumIndex, -1);
        List<String> names = new ArrayList<>();
        for (int s = 0; s < strata.size(); s++) {
            Stratum st = strata.get(s);
            boolean named = endpoint.strata().isEmpty() || endpoint.strata().contains(st.name());
            if (named && needed.stream().allMatch(d -> d.appliesTo(st))) {
                stratumIndex[s] = names.size();
                names.add(st.name());
            }
        }
        for (String name : endpoint.strata()) {
            if (scenario.stratumIndex(name) < 0) {
                throw new IllegalArgumentException("endpoint " + endpoint.name() + ": unknown stratum " + name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + " has no analysis stratum where "
                    + needed.stream().map(ProcessDefinition::key).toList() + " apply");
        }
        this.strataNames = List.copyOf(names);
        this.assessmentWeek = assessmentWeek(endpoint, inductionWeeks);
        if (!(registry.offering(kind) instanceof ObservedProcess observed)) {
            throw new IllegalStateException("process " + registry.offering(kind).key() + " offers " + kind
                    + " but no observation of it");
        }
        this.observation = observed.observation(scenario, endpoint);
        this.strategy = endpoint.estimand() == null ? null : endpoint.estimand().strategy();
        this.cellStrata = strata.size();
        this.full = false;
        List<String> events = endpoint.estimand() == null ? List.of() : eventNames(scenario, endpoint);
        this.eventColumns = new Column.Doubles[events.size()];
        this.eventAfter = new PostEvent[scenario.arms().size() * strata.size()][events.size()];
        for (int e = 0; e < events.size(); e++) {
            eventColumns[e] = IntercurrentTimes.column(events.get(e));
            for (int a = 0; a < scenario.arms().size(); a++) {
                for (int st = 0; st < strata.size(); st++) {
                    PatientModel m = scenario.arms().get(a).model(strata.get(st).name());
                    if (m.process(IntercurrentEvents.KEY) instanceof IntercurrentEvents ice
                            && ice.events().get(events.get(e)) != null) {
                        eventAfter[a * strata.size() + st][e] = ice.events().get(events.get(e)).after();
                    }
                }
            }
        }
        this.eventTimes = new double[events.size()][];
    }

    /** The events an estimand names: its list, else every event the endpoint's arms define, in file order. */
    private static List<String> eventNames(Scenario scenario, Endpoint endpoint) {
        if (!endpoint.estimand().events().isEmpty()) {
            return endpoint.estimand().events();
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Arm a : scenario.arms()) {
            if (!a.name().equals(endpoint.treatment()) && !a.name().equals(endpoint.control())) {
                continue;
            }
            for (PatientModel m : a.modelByStratum().values()) {
                if (m.process(IntercurrentEvents.KEY) instanceof IntercurrentEvents ice) {
                    names.addAll(ice.events().keySet());
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The extractor of the full-information data of this endpoint: the estimand's strategy applied to every
     * patient with nothing lost (no dropout, no observation stopped by an event); extract with no calendar
     * cutoff ({@code +Infinity}). Its estimate is the replicate's true value of the estimand.
     */
    public EndpointExtractor fullInformation() {
        return new EndpointExtractor(this, true);
    }

    /** Binds the observation and the event columns to the cohort of an extraction. */
    private void bind(Cohort c) {
        observation.bind(c);
        for (int e = 0; e < eventColumns.length; e++) {
            eventTimes[e] = c.doubles(eventColumns[e]);
        }
    }

    /**
     * The week of patient i's first intercurrent event among those the estimand names ({@code +Infinity} if
     * none); its post-event model is left in {@link #firstAfter}.
     */
    private double firstEvent(Cohort c, int i) {
        int k = c.arm[i] * cellStrata + c.stratum[i];
        double first = Double.POSITIVE_INFINITY;
        PostEvent after = PostEvent.CONTINUES;
        for (int e = 0; e < eventTimes.length; e++) {
            double t = eventTimes[e][i];
            if (t < first && eventAfter[k][e] != null) {
                first = t;
                after = eventAfter[k][e];
            }
        }
        firstAfter = after;
        return first;
    }

    /** Patient i's dropout, or none in the full-information data. */
    private double dropout(Cohort c, int i) {
        return full ? Double.POSITIVE_INFINITY : c.dropout[i];
    }

    /** The week at which observation ends because of the event just found ({@link #firstEvent}): its model stops it. */
    private double stopped(double event) {
        return !full && firstAfter.model() == PostEvent.Model.STOPS ? event : Double.POSITIVE_INFINITY;
    }

    /** Whether this endpoint has an estimand. */
    public boolean hasEstimand() {
        return strategy != null;
    }

    private static double assessmentWeek(Endpoint endpoint, double inductionWeeks) {
        if (endpoint.kind().milestone()) {
            // a ketamine milestone reads the response at the end of induction; a textbook one may come at any week
            double earliest = endpoint.kind().afterInduction() ? inductionWeeks : 0;
            if (!(endpoint.atWeek() >= earliest) || Double.isInfinite(endpoint.atWeek())) {
                throw new IllegalArgumentException("endpoint " + endpoint.name() + ": atWeek must be finite and"
                        + " at least " + earliest + ", found " + endpoint.atWeek());
            }
            return endpoint.atWeek();
        }
        return inductionWeeks;
    }

    /** Compiles the extractor of one endpoint of a scenario. */
    public static EndpointExtractor compile(Scenario scenario, Endpoint endpoint) {
        return new EndpointExtractor(scenario, endpoint);
    }

    /**
     * The observation of one endpoint kind for the patients of one arm and stratum, whatever the scenario's
     * endpoints, for patient listings and charts ({@link #assessed}, {@link #observe}): the extractor of an
     * endpoint of that kind whose population is that arm (as its group 1) and stratum. {@code atWeek} is the
     * milestone week of the kinds that have one ({@code NaN} for the others).
     *
     * @throws IllegalArgumentException as {@link #compile}, for example for a benzodiazepine kind in a stratum
     *     of non-users
     */
    public static EndpointExtractor observing(Scenario scenario, Endpoint.Kind kind, double atWeek, int arm,
            int stratum) {
        return observing(scenario, kind, null, atWeek, arm, stratum);
    }

    /**
     * As {@link #observing(Scenario, Endpoint.Kind, double, int, int)}, for the kind of a process whose
     * instances the planner names: {@code outcome} is the instance read (the event {@code pfs}).
     */
    public static EndpointExtractor observing(Scenario scenario, Endpoint.Kind kind, String outcome, double atWeek,
            int arm, int stratum) {
        return new EndpointExtractor(scenario, new Endpoint(kind.name().toLowerCase(java.util.Locale.ROOT), kind,
                atWeek, null, scenario.arms().get(arm).name(), null,
                List.of(scenario.strata().get(stratum).name()), outcome));
    }

    /**
     * Whether patient {@code i} (of any arm and stratum) of a trial of {@code n} is assessed for this endpoint
     * by the calendar cutoff: the assessment week falls within the patient's follow-up and before the cutoff,
     * and the patient had not dropped out before it. These are the completers a continuous endpoint takes
     * (see {@link #extend(Cohort, int, int, double, ContinuousOutcomes)}); a binary endpoint also counts, as
     * failures, the patients whose assessment week falls in follow-up but who dropped out before it.
     */
    public boolean assessed(Cohort c, int i, int n, double calendarCutoff) {
        return !(c.dropout[i] < assessmentWeek) && assessedBy(c, i, n, calendarCutoff, false);
    }

    /**
     * Patient {@code i}'s row of this time-to-event endpoint in a trial of {@code n} at a calendar cutoff, as
     * {@link #extract} writes it (the same loop, run over patient {@code i} alone): {@code row} is emptied and
     * then holds that row (weeks from the endpoint's origin to the event seen or to the last contact, and the
     * event flag), or none when the patient is not in the endpoint's population, not at risk at its origin,
     * or not yet at the origin at the cutoff.
     *
     * @return whether the patient has a row
     */
    public boolean observe(Cohort c, int i, int n, double calendarCutoff, TimeToEventOutcomes row) {
        requireType(Endpoint.Type.TIME_TO_EVENT);
        row.reset(1);
        extend(c, i, i + 1, n, calendarCutoff, row);
        return row.size() == 1;
    }

    /**
     * The week from randomization at which patient {@code i}'s event of this time-to-event endpoint would be
     * seen (exactly or at the next visit; {@code +Infinity} if none), before dropout and cutoffs are applied:
     * the listing shows it where {@link #observe} finds the event.
     */
    public double eventSeen(Cohort c, int i) {
        requireType(Endpoint.Type.TIME_TO_EVENT);
        bind(c);
        return rule.observed(observation.eventTime(i));
    }

    /** A copy with its own scratch space, for another thread. */
    public EndpointExtractor copy() {
        return new EndpointExtractor(this);
    }

    /** The endpoint. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The endpoint's data type. */
    public Endpoint.Type type() {
        return kind.type();
    }

    /** Names of the analysis strata, in the order of the stratum indices of the outcome buffers. */
    public List<String> strataNames() {
        return strataNames;
    }

    /** Fills {@code out} with the binary data of the first {@code n} patients at a calendar cutoff. */
    public void extract(Cohort c, int n, double calendarCutoff, BinaryOutcomes out) {
        requireType(Endpoint.Type.BINARY);
        out.reset(strataNames.size());
        extend(c, 0, n, calendarCutoff, out);
    }

    /**
     * Whether the data of the first n patients at {@code calendarCutoff} are those of the first m &lt; n
     * patients at the same cutoff plus those of patients m to n - 1, so a nested grid can extend the data of
     * one sample size to the next ({@link #extend}) instead of extracting it again: true when what a patient
     * contributes does not depend on n, that is under a per-patient follow-up (no calendar cutoff) or when
     * entry times do not depend on n (every enrollment but {@link org.trialsim.scenario.Enrollment.Even}).
     * The caller must also keep the cutoff itself the same (an event-driven cutoff moves with n).
     */
    public boolean nested(double calendarCutoff) {
        return calendarCutoff == Double.POSITIVE_INFINITY || !rule.entryDependsOnSize();
    }

    /**
     * Adds the binary data of patients {@code from} to {@code n - 1} to {@code out}, which holds those of the
     * first {@code from} patients at the same cutoff; valid only when {@link #nested(double)} holds.
     */
    public void extend(Cohort c, int from, int n, double calendarCutoff, BinaryOutcomes out) {
        requireType(Endpoint.Type.BINARY);
        boolean allEntered = allEntered(calendarCutoff);
        bind(c);
        for (int i = from; i < n; i++) {
            int g = group(c, i);
            int s = stratumIndex[c.stratum[i]];
            if (g < 0 || s < 0 || !assessedBy(c, i, n, calendarCutoff, allEntered)) {
                continue;
            }
            if (strategy == Estimand.Strategy.HYPOTHETICAL && !full && firstEvent(c, i) <= assessmentWeek) {
                out.addMissing(g, s); // the outcome had the event not happened is not observed after it
                continue;
            }
            // non-responder imputation: a patient who dropped out before the assessment fails
            out.add(g, s, strategy == null ? c.dropout[i] >= assessmentWeek && observation.success(i)
                    : success(c, i));
        }
    }

    /**
     * Patient i's binary outcome under the estimand's strategy (a patient whose assessment is not observed
     * fails, the analysis's rule).
     */
    private boolean success(Cohort c, int i) {
        double w = assessmentWeek;
        double event = firstEvent(c, i);
        double end = Math.min(dropout(c, i), stopped(event));
        return switch (strategy) {
            case COMPOSITE -> end >= w && event > w && observation.success(i);
            case TREATMENT_POLICY -> end >= w && (event > w ? observation.success(i)
                    : observation.successAfter(i, event, firstAfter));
            case WHILE_ON_TREATMENT -> {
                double at = Math.min(event, w);
                yield dropout(c, i) >= at && observation.successBy(i, at);
            }
            // the latent outcome (missing where the event came first: extend leaves those out)
            case HYPOTHETICAL -> dropout(c, i) >= w && observation.success(i);
        };
    }

    /** Fills {@code out} with the MADRS changes of the completers among the first {@code n} patients. */
    public void extract(Cohort c, int n, double calendarCutoff, ContinuousOutcomes out) {
        requireType(Endpoint.Type.CONTINUOUS);
        out.reset(n);
        extend(c, 0, n, calendarCutoff, out);
    }

    /**
     * Appends the MADRS changes of the completers among patients {@code from} to {@code n - 1} to {@code out},
     * which holds those of the first {@code from} patients at the same cutoff, in patient order (so the rows
     * are those of a full extraction); valid only when {@link #nested(double)} holds.
     */
    public void extend(Cohort c, int from, int n, double calendarCutoff, ContinuousOutcomes out) {
        requireType(Endpoint.Type.CONTINUOUS);
        out.ensureCapacity(n); // at most n rows; n, not the rows needed, so the buffer stops growing at N_max
        boolean allEntered = allEntered(calendarCutoff);
        bind(c);
        for (int i = from; i < n; i++) {
            int g = group(c, i);
            int s = stratumIndex[c.stratum[i]];
            if (g < 0 || s < 0 || dropout(c, i) < assessmentWeek
                    || !assessedBy(c, i, n, calendarCutoff, allEntered)) {
                continue;
            }
            double value = observation.value(i);
            if (strategy != null) {
                double event = firstEvent(c, i);
                boolean after = event <= assessmentWeek;
                if (strategy == Estimand.Strategy.HYPOTHETICAL ? after && !full
                        : stopped(event) <= assessmentWeek) {
                    continue; // not observed: after the event (hypothetical), or observation stopped
                }
                value = strategy == Estimand.Strategy.TREATMENT_POLICY && after
                        ? observation.valueAfter(i, event, firstAfter) : value;
            }
            out.add(value, observation.baseline(i), g, s);
        }
    }

    /**
     * Fills {@code out} with the repeated measures of the first {@code n} patients (kinds whose observation has
     * visits, {@link Observation#visits()}): every patient of the population, with the changes at the visits
     * up to the assessment that fall before dropout, within follow-up and before the calendar cutoff (a
     * prefix of the visits; a visit the patient's cell does not schedule ends it).
     */
    public void extract(Cohort c, int n, double calendarCutoff, RepeatedMeasures out) {
        requireType(Endpoint.Type.CONTINUOUS);
        out.reset(n, observation.visits());
        extend(c, 0, n, calendarCutoff, out);
    }

    /**
     * Appends the repeated measures of patients {@code from} to {@code n - 1} to {@code out}, which holds those
     * of the first {@code from} at the same cutoff; valid only when {@link #nested(double)} holds.
     */
    public void extend(Cohort c, int from, int n, double calendarCutoff, RepeatedMeasures out) {
        requireType(Endpoint.Type.CONTINUOUS);
        out.ensureCapacity(n);
        extend(c, from, n, n, calendarCutoff, out);
    }

    /**
     * Patient {@code i}'s repeated measures in a trial of {@code n} at a calendar cutoff, as {@link #extract}
     * writes them (the same loop, over patient {@code i} alone): {@code row} is emptied and then holds the
     * patient's row, or none when the patient is not in the endpoint's population.
     *
     * @return whether the patient has a row
     */
    public boolean observe(Cohort c, int i, int n, double calendarCutoff, RepeatedMeasures row) {
        requireType(Endpoint.Type.CONTINUOUS);
        row.reset(1, observation.visits());
        extend(c, i, i + 1, n, calendarCutoff, row);
        return row.size() == 1;
    }

    /** The weeks of the visits a repeated-measures endpoint takes (empty for other kinds). */
    public double[] visitWeeks() {
        double[] weeks = new double[observation.visits()];
        for (int t = 0; t < weeks.length; t++) {
            weeks[t] = observation.visitWeek(t);
        }
        return weeks;
    }

    private void extend(Cohort c, int from, int to, int n, double calendarCutoff, RepeatedMeasures out) {
        boolean allEntered = allEntered(calendarCutoff);
        bind(c);
        int visits = out.visits();
        double followUp = rule.followUp();
        for (int i = from; i < to; i++) {
            int g = group(c, i);
            int s = stratumIndex[c.stratum[i]];
            if (g < 0 || s < 0) {
                continue;
            }
            double entry = allEntered ? 0 : rule.entry(c, i, n);
            int row = out.add(observation.baseline(i), g, s);
            // with an estimand: the visits end at the event (hypothetical) or where its model stops observation
            double event = strategy == null ? Double.POSITIVE_INFINITY : firstEvent(c, i);
            double ends = strategy == null ? Double.POSITIVE_INFINITY
                    : strategy == Estimand.Strategy.HYPOTHETICAL ? (full ? Double.POSITIVE_INFINITY : event)
                    : stopped(event);
            double dropout = dropout(c, i);
            for (int t = 0; t < visits; t++) {
                double week = observation.visitWeek(t);
                double v = strategy == Estimand.Strategy.TREATMENT_POLICY && event <= week
                        ? observation.valueAtAfter(i, t, event, firstAfter) : observation.valueAt(i, t);
                if (dropout < week || ends <= week || week > followUp || !allEntered && entry + week > calendarCutoff
                        || Double.isNaN(v)) {
                    break;
                }
                out.set(row, t, v);
            }
        }
    }

    /** Fills {@code out} with the censored times of the first {@code n} patients at a calendar cutoff. */
    public void extract(Cohort c, int n, double calendarCutoff, TimeToEventOutcomes out) {
        requireType(Endpoint.Type.TIME_TO_EVENT);
        out.reset(n);
        extend(c, 0, n, calendarCutoff, out);
    }

    /**
     * Appends the censored times of patients {@code from} to {@code n - 1} to {@code out}, which holds those
     * of the first {@code from} patients at the same cutoff, in patient order (so the rows are those of a full
     * extraction); valid only when {@link #nested(double)} holds.
     */
    public void extend(Cohort c, int from, int n, double calendarCutoff, TimeToEventOutcomes out) {
        extend(c, from, n, n, calendarCutoff, out);
    }

    /**
     * Appends the rows of patients {@code from} to {@code to - 1} of a trial of {@code n}: the loop of
     * {@link #extend} and {@link #observe}.
     */
    private void extend(Cohort c, int from, int to, int n, double calendarCutoff, TimeToEventOutcomes out) {
        requireType(Endpoint.Type.TIME_TO_EVENT);
        out.ensureCapacity(n); // at most n rows; n, not the rows needed, so the buffer stops growing at N_max
        boolean allEntered = allEntered(calendarCutoff);
        double[] table = allEntered ? null : entryTable(c, n);
        double followUp = rule.followUp();
        boolean exact = rule.exact();
        final Observation observation = this.observation;
        bind(c);
        // Rows go straight into out's arrays (room for n made above), counted here; see appended.
        final double[] times = out.time();
        final boolean[] events = out.event();
        final int[] groups = out.group();
        final boolean[] treatment = out.treatment();
        final int[] strata = out.stratum();
        int row = out.size();
        int eventCount = 0;
        for (int i = from; i < to; i++) {
            int g = group(c, i);
            int s = stratumIndex[c.stratum[i]];
            double origin = g < 0 || s < 0 ? Double.NaN : observation.origin(i);
            // Against no calendar cutoff a finite entry changes none of the comparisons below (entry + t <=
            // +Infinity for every non-NaN t, and +Infinity - entry is +Infinity), so 0 stands in for it.
            double entry = allEntered ? 0 : table != null ? table[i] : rule.entry(c, i, n);
            // Calendar comparisons are made as entry + time <= cutoff, exactly as informationTime computes
            // them, so that an event-driven cutoff (itself an entry + time) includes its own event.
            if (!(origin <= followUp && entry + origin <= calendarCutoff)) {
                continue; // not in the population, or not yet at its origin at the cutoff
            }
            double seen;
            double limit;
            if (strategy == null) {
                seen = rule.observed(observation.eventTime(i));
                limit = Math.min(c.dropout[i], followUp);
            } else {
                seen = rule.observed(strategyEventTime(c, i, origin));
                limit = Math.min(strategyLimit(c, i), followUp);
            }
            boolean event = seen <= limit & entry + seen <= calendarCutoff;
            double end = Math.min(limit, calendarCutoff - entry);
            double time;
            if (exact) {
                // lastContact(end, origin) is end itself: both candidate times are cheap, so the row is
                // chosen without a branch on whether the event is seen (a coin flip the CPU cannot predict).
                // On the raw bits under a mask: C2 compiles a conditional choice of doubles to a jump.
                time = BitSelect.choose(-(long) (event ? 1 : 0), seen - origin, Math.max(0, end - origin));
            } else if (event) {
                time = seen - origin;
            } else {
                time = Math.max(0, rule.lastContact(end, origin) - origin);
            }
            times[row] = time;
            events[row] = event;
            eventCount += event ? 1 : 0;
            groups[row] = g;
            treatment[row] = g == 1;
            strata[row] = s;
            row++;
        }
        out.appended(row, eventCount);
    }

    /**
     * Patient i's event week under the estimand's strategy: the event ends a composite time (at the latest at
     * the origin); under treatment policy the time follows the event's post-event model; otherwise the latent
     * time (which {@link #strategyLimit} censors). Leaves the first event's model in {@link #firstAfter}.
     */
    private double strategyEventTime(Cohort c, int i, double origin) {
        double t = observation.eventTime(i);
        double event = firstEvent(c, i);
        return switch (strategy) {
            case COMPOSITE -> Math.min(t, Math.max(event, origin));
            case TREATMENT_POLICY -> t <= event ? t : observation.eventTimeAfter(i, event, firstAfter);
            case HYPOTHETICAL, WHILE_ON_TREATMENT -> t;
        };
    }

    /**
     * Where patient i's observation of a time to event ends under the estimand's strategy (before the follow-up
     * limit): dropout, and the event where its model stops observation (treatment policy), where the outcome
     * after it is not the estimand's (hypothetical: except in the full-information data) or where the estimand
     * ends (while on treatment: always).
     */
    private double strategyLimit(Cohort c, int i) {
        double event = firstEvent(c, i);
        double drop = dropout(c, i);
        return switch (strategy) {
            case COMPOSITE, TREATMENT_POLICY -> Math.min(drop, stopped(event));
            case HYPOTHETICAL -> full ? drop : Math.min(drop, event);
            case WHILE_ON_TREATMENT -> Math.min(drop, event);
        };
    }

    /**
     * The information available at a calendar cutoff among the first {@code n} patients: patients assessed
     * (binary), completers assessed (continuous) or events observed (time-to-event).
     */
    public int information(Cohort c, int n, double calendarCutoff) {
        double[] table = entryTable(c, n);
        bind(c);
        int k = 0;
        for (int i = 0; i < n; i++) {
            double t = informationTime(c, i, n, table);
            if (t <= calendarCutoff && t < Double.POSITIVE_INFINITY) {
                k++;
            }
        }
        return k;
    }

    /**
     * The calendar time at which {@code fraction} of the information available at {@code finalCutoff} is
     * reached among the first {@code n} patients: the time of the ceil(fraction x K)-th unit of information
     * in calendar order, K being the information at the final cutoff. A fraction of 1 or more gives the final
     * cutoff itself; no information at all gives the final cutoff too.
     */
    public double informationTime(Cohort c, int n, double finalCutoff, double fraction) {
        if (fraction >= 1) {
            return finalCutoff;
        }
        int m = collectInformationTimes(c, n, finalCutoff);
        if (m == 0) {
            return finalCutoff;
        }
        // The 1e-9 guards fraction x K landing a rounding error above an integer.
        int k = Math.max(1, (int) Math.ceil(fraction * m - 1e-9));
        return kthSmallest(m, k);
    }

    /**
     * The calendar time of the {@code events}-th observed event of this (time-to-event) endpoint among the
     * first {@code n} patients, that event included; if fewer events are ever observed, the last time
     * anything (an event, a dropout, an end of follow-up) is observed among them. Used for
     * {@link org.trialsim.scenario.Cutoff.Events}.
     */
    public double eventDrivenCutoff(Cohort c, int n, int events) {
        requireType(Endpoint.Type.TIME_TO_EVENT);
        int m = collectInformationTimes(c, n, Double.POSITIVE_INFINITY);
        if (events >= 1 && m >= events) {
            return kthSmallest(m, events);
        }
        double last = 0;
        for (int j = 0; j < m; j++) {
            last = Math.max(last, scratch[j]);
        }
        for (int i = 0; i < n; i++) {
            if (group(c, i) < 0 || stratumIndex[c.stratum[i]] < 0) {
                continue;
            }
            double entry = rule.entry(c, i, n);
            double end = Math.min(c.dropout[i], rule.followUp());
            double seen = rule.lastContact(end, 0);
            last = Math.max(last, seen < Double.POSITIVE_INFINITY ? entry + seen : entry);
        }
        return last;
    }

    private int collectInformationTimes(Cohort c, int n, double cutoff) {
        if (scratch.length < n) {
            scratch = new double[n];
        }
        double[] table = entryTable(c, n);
        bind(c);
        double[] times = scratch;
        int m = 0;
        for (int i = 0; i < n; i++) {
            double t = informationTime(c, i, n, table);
            // written always, kept by advancing m: no branch on whether patient i has information
            times[m] = t;
            m += t <= cutoff & t < Double.POSITIVE_INFINITY ? 1 : 0;
        }
        return m;
    }

    /**
     * The calendar entries of the first {@code n} patients of a trial of {@code n} as a table, when entries
     * depend on the trial size ({@link ObservationRule#entryDependsOnSize()}: even enrollment, whose schedule
     * depends on the size alone): computed once per size and thread rather than once per patient, cutoff and
     * replicate; {@code null} otherwise (entries are stored in the cohort). The values are those of
     * {@link ObservationRule#entry}, so nothing changes but the work.
     */
    private double[] entryTable(Cohort c, int n) {
        if (!rule.entryDependsOnSize()) {
            return null;
        }
        for (int k = 0; k < ENTRY_TABLES; k++) {
            if (entryTableSize[k] == n) {
                return entryTable[k];
            }
        }
        int k = nextEntryTable;
        nextEntryTable = (k + 1) % ENTRY_TABLES;
        if (entryTable[k] == null || entryTable[k].length < n) {
            // the cohort's capacity, so that a slot refilled for another size never grows again
            entryTable[k] = new double[Math.max(n, c.capacity)];
        }
        double[] table = entryTable[k];
        for (int i = 0; i < n; i++) {
            table[i] = rule.entry(c, i, n);
        }
        entryTableSize[k] = n;
        return table;
    }

    private double kthSmallest(int m, int k) {
        return orderStatistic.find(scratch, m, k - 1);
    }

    /**
     * Calendar time at which patient i contributes its unit of information (assessment, completed
     * assessment or observed event) without a calendar cutoff; {@code +Infinity} if never.
     */
    private double informationTime(Cohort c, int i, int n, double[] table) {
        if (group(c, i) < 0 || stratumIndex[c.stratum[i]] < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double followUp = rule.followUp();
        double entry = table != null ? table[i] : rule.entry(c, i, n);
        switch (kind.type()) {
            case BINARY:
                return assessmentWeek <= followUp ? entry + assessmentWeek : Double.POSITIVE_INFINITY;
            case CONTINUOUS:
                return assessmentWeek <= followUp && c.dropout[i] >= assessmentWeek
                        ? entry + assessmentWeek : Double.POSITIVE_INFINITY;
            default:
                double origin = observation.origin(i);
                if (!(origin <= followUp)) {
                    return Double.POSITIVE_INFINITY;
                }
                if (strategy != null) {
                    double at = rule.observed(strategyEventTime(c, i, origin));
                    return at <= Math.min(strategyLimit(c, i), followUp) ? entry + at : Double.POSITIVE_INFINITY;
                }
                double seen = rule.observed(observation.eventTime(i));
                return seen <= Math.min(c.dropout[i], followUp) ? entry + seen : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Whether there is no calendar cutoff (a per-patient follow-up) and every entry is finite, so every
     * patient's entry precedes the cutoff whatever it is and need not be computed.
     */
    private boolean allEntered(double calendarCutoff) {
        return calendarCutoff == Double.POSITIVE_INFINITY && rule.entriesFinite();
    }

    /**
     * Whether patient i's assessment week falls within follow-up and before the calendar cutoff; with
     * {@code allEntered} ({@link #allEntered(double)}) the entry cannot matter and is not computed.
     */
    private boolean assessedBy(Cohort c, int i, int n, double calendarCutoff, boolean allEntered) {
        return assessmentWeek <= rule.followUp()
                && (allEntered || rule.entry(c, i, n) + assessmentWeek <= calendarCutoff);
    }

    private int group(Cohort c, int i) {
        return groupOfArm[c.arm[i]];
    }

    private void requireType(Endpoint.Type t) {
        if (kind.type() != t) {
            throw new IllegalStateException("endpoint " + endpoint.name() + " is " + kind.type() + ", not " + t);
        }
    }
}
