package org.trialsim.report;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.RelapseTime;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.ObservationRule;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.Scenario;

/**
 * The curves of one simulated trial, by arm: Kaplan-Meier estimates of depressive relapse and of relapse to
 * benzodiazepine use as the trial observes them, and the occupancy of clinical states over time from the
 * latent trajectories.
 *
 * <p>Observation is the analysis's own ({@link ObservationRule}, {@link DataCutoff} of
 * {@code org.trialsim.endpoint}): an event is seen at its time or at the next scheduled visit; a patient is
 * followed until dropout, the per-patient follow-up or the calendar data cutoff (fixed, or the time of the
 * target event count), and a censored patient counts as event-free until the last contact. Depressive
 * relapse is timed from the end of induction among responders (from randomization among all patients when
 * the scenario's relapse clock starts there); benzodiazepine relapse from the end of induction among users
 * who discontinued.
 */
public final class TrialCurves {

    private final Scenario scenario;
    private final Cohort cohort;
    private final ObservationRule rule;
    private final double calendarCutoff;

    /**
     * Curves of a sampled cohort.
     *
     * @param scenario the scenario the cohort was sampled from (arm names, induction, schedule, cutoff)
     * @param cohort the cohort, {@code size} rows filled
     */
    public TrialCurves(Scenario scenario, Cohort cohort) {
        this.scenario = scenario;
        this.cohort = cohort;
        this.rule = ObservationRule.of(scenario);
        this.calendarCutoff = DataCutoff.compile(scenario).calendarTime(cohort, cohort.size);
    }

    /** Whether any patient of the scenario can relapse, so that a relapse curve means something. */
    public boolean hasRelapse() {
        return relapseOrigin() != null;
    }

    private boolean user(int i) {
        return scenario.strata().get(cohort.stratum[i]).benzodiazepineUser();
    }

    /** Whether the cohort holds any benzodiazepine user who discontinued. */
    public boolean hasBenzodiazepineUsers() {
        for (int i = 0; i < cohort.size; i++) {
            if (user(i) && cohort.booleans(BenzodiazepineCourse.DISCONTINUED)[i]) {
                return true;
            }
        }
        return false;
    }

    /** Kaplan-Meier curves of depressive relapse, one per arm. */
    public List<SurvivalCurve> relapse() {
        boolean fromResponse = relapseOrigin() != Relapse.Origin.RANDOMIZATION;
        double origin = fromResponse ? scenario.schedule().inductionWeeks() : 0;
        return byArm(i -> !fromResponse || cohort.booleans(InductionResponse.RESPONDED)[i], cohort.doubles(RelapseTime.TIME), origin);
    }

    /** Kaplan-Meier curves of relapse to benzodiazepine use among discontinuers, one per arm. */
    public List<SurvivalCurve> benzodiazepineRelapse() {
        return byArm(i -> user(i) && cohort.booleans(BenzodiazepineCourse.DISCONTINUED)[i],
                cohort.doubles(BenzodiazepineCourse.RELAPSE), scenario.schedule().inductionWeeks());
    }

    private List<SurvivalCurve> byArm(java.util.function.IntPredicate atRisk, double[] eventTime, double origin) {
        List<SurvivalCurve> curves = new ArrayList<>();
        int n = cohort.size;
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        for (int a = 0; a < scenario.arms().size(); a++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                double entry = rule.entry(cohort, i, n);
                // at risk from the origin on: a patient gone (dropout, cutoff) before it is not in the data
                if (cohort.arm[i] != a || !atRisk.test(i) || !(cohort.dropout[i] > origin)
                        || !(origin <= rule.followUp() && entry + origin <= calendarCutoff)) {
                    continue;
                }
                // as the analysis sees it (EndpointExtractor): seen at its observation time if before dropout,
                // follow-up and cutoff; else censored at the last contact
                double seen = rule.observed(eventTime[i]);
                double followed = Math.min(cohort.dropout[i], rule.followUp());
                if (seen <= followed && entry + seen <= calendarCutoff) {
                    event[count] = true;
                    time[count] = seen - origin;
                } else {
                    event[count] = false;
                    double end = Math.min(followed, calendarCutoff - entry);
                    time[count] = Math.max(0, rule.lastContact(end, origin) - origin);
                }
                count++;
            }
            curves.add(SurvivalCurve.kaplanMeier(scenario.arms().get(a).name(), time, event, count));
        }
        return curves;
    }

    /**
     * State occupancy per arm on a weekly grid up to the end of follow-up (at least the end of induction).
     *
     * @return one occupancy per arm
     */
    public List<StateOccupancy> occupancy() {
        double induction = scenario.schedule().inductionWeeks();
        double horizon = Math.max(induction, horizon());
        int points = (int) Math.ceil(horizon) + 1;
        double[] weeks = new double[points];
        for (int k = 0; k < points; k++) {
            weeks[k] = Math.min(k, horizon);
        }
        List<StateOccupancy> result = new ArrayList<>();
        for (int a = 0; a < scenario.arms().size(); a++) {
            double[] responding = new double[points];
            double[] relapsed = new double[points];
            double[] free = new double[points];
            int patients = 0;
            int users = 0;
            for (int i = 0; i < cohort.size; i++) {
                if (cohort.arm[i] != a) {
                    continue;
                }
                patients++;
                users += user(i) ? 1 : 0;
                for (int k = 0; k < points; k++) {
                    double t = weeks[k];
                    boolean afterInduction = t >= induction;
                    relapsed[k] += cohort.doubles(RelapseTime.TIME)[i] <= t ? 1 : 0;
                    responding[k] += afterInduction && cohort.booleans(InductionResponse.RESPONDED)[i] && cohort.doubles(RelapseTime.TIME)[i] > t ? 1 : 0;
                    free[k] += afterInduction && user(i) && cohort.booleans(BenzodiazepineCourse.DISCONTINUED)[i]
                            && cohort.doubles(BenzodiazepineCourse.RELAPSE)[i] > t ? 1 : 0;
                }
            }
            for (int k = 0; k < points; k++) {
                responding[k] /= patients;
                relapsed[k] /= patients;
                free[k] = users == 0 ? Double.NaN : free[k] / users;
            }
            result.add(new StateOccupancy(scenario.arms().get(a).name(), weeks, responding, relapsed, free, patients,
                    users));
        }
        return result;
    }

    /** Whether depressive relapse is timed from randomization (textbook designs) rather than from response. */
    public boolean relapseFromRandomization() {
        return relapseOrigin() == Relapse.Origin.RANDOMIZATION;
    }

    /** The last week from randomization any patient can be followed (the last visit if unbounded). */
    public double horizon() {
        double h = 0;
        for (int i = 0; i < cohort.size; i++) {
            double end = Math.min(rule.followUp(), calendarCutoff - rule.entry(cohort, i, cohort.size));
            if (Double.isFinite(end)) {
                h = Math.max(h, end);
            }
        }
        if (h == 0) {
            List<Double> visits = scenario.schedule().visitWeeks();
            h = visits.isEmpty() ? scenario.schedule().inductionWeeks() : visits.get(visits.size() - 1);
        }
        return h;
    }

    private Relapse.Origin relapseOrigin() {
        for (Arm arm : scenario.arms()) {
            for (PatientModel model : arm.modelByStratum().values()) {
                if (model.relapse() != null) {
                    return model.relapse().origin();
                }
            }
        }
        return null;
    }
}
