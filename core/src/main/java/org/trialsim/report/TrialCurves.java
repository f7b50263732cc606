package org.trialsim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.Scenario;

/**
 * The curves of one simulated trial, by arm: Kaplan-Meier estimates of depressive relapse and of relapse to
 * benzodiazepine use as the trial would observe them (event times exact, censored at dropout and at the
 * data cutoff), and the occupancy of clinical states over time from the latent trajectories.
 *
 * <p>Depressive relapse is timed from the end of induction among responders (or from randomization among
 * all patients when the scenario's relapse clock starts at randomization); benzodiazepine relapse from the
 * end of induction among users who discontinued. A patient's follow-up ends at dropout or at the cutoff:
 * fixed follow-up, a calendar date, or the calendar time of the target event count.
 */
public final class TrialCurves {

    private final Scenario scenario;
    private final Cohort cohort;
    private final double[] followUpEnd;

    /**
     * Curves of a sampled cohort.
     *
     * @param scenario the scenario the cohort was sampled from (arm names, induction, cutoff)
     * @param cohort the cohort, {@code size} rows filled
     */
    public TrialCurves(Scenario scenario, Cohort cohort) {
        this.scenario = scenario;
        this.cohort = cohort;
        this.followUpEnd = followUpEnd(scenario, cohort);
    }

    /** Whether any patient of the scenario can relapse, so that a relapse curve means something. */
    public boolean hasRelapse() {
        return relapseOrigin() != null;
    }

    /** Whether the cohort holds any benzodiazepine user who discontinued. */
    public boolean hasBenzodiazepineUsers() {
        for (int i = 0; i < cohort.size; i++) {
            if (cohort.benzodiazepineUser[i] && cohort.benzodiazepineDiscontinued[i]) {
                return true;
            }
        }
        return false;
    }

    /** Kaplan-Meier curves of depressive relapse, one per arm. */
    public List<SurvivalCurve> relapse() {
        boolean fromResponse = relapseOrigin() != Relapse.Origin.RANDOMIZATION;
        double origin = fromResponse ? scenario.schedule().inductionWeeks() : 0;
        return byArm(i -> !fromResponse || cohort.responded[i], cohort.relapse, origin);
    }

    /** Kaplan-Meier curves of relapse to benzodiazepine use among discontinuers, one per arm. */
    public List<SurvivalCurve> benzodiazepineRelapse() {
        return byArm(i -> cohort.benzodiazepineUser[i] && cohort.benzodiazepineDiscontinued[i],
                cohort.benzodiazepineRelapse, scenario.schedule().inductionWeeks());
    }

    private List<SurvivalCurve> byArm(java.util.function.IntPredicate atRisk, double[] eventTime, double origin) {
        List<SurvivalCurve> curves = new ArrayList<>();
        double[] time = new double[cohort.size];
        boolean[] event = new boolean[cohort.size];
        for (int a = 0; a < scenario.arms().size(); a++) {
            int count = 0;
            for (int i = 0; i < cohort.size; i++) {
                // a patient who left before the clock started is not at risk in the trial's data
                double end = Math.min(cohort.dropout[i], followUpEnd[i]);
                if (cohort.arm[i] != a || !atRisk.test(i) || end <= origin) {
                    continue;
                }
                event[count] = eventTime[i] <= end;
                time[count] = Math.min(eventTime[i], end) - origin;
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
                users += cohort.benzodiazepineUser[i] ? 1 : 0;
                for (int k = 0; k < points; k++) {
                    double t = weeks[k];
                    boolean afterInduction = t >= induction;
                    relapsed[k] += cohort.relapse[i] <= t ? 1 : 0;
                    responding[k] += afterInduction && cohort.responded[i] && cohort.relapse[i] > t ? 1 : 0;
                    free[k] += afterInduction && cohort.benzodiazepineUser[i] && cohort.benzodiazepineDiscontinued[i]
                            && cohort.benzodiazepineRelapse[i] > t ? 1 : 0;
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

    /** The last week from randomization any patient can be followed. */
    public double horizon() {
        double h = 0;
        for (int i = 0; i < cohort.size; i++) {
            if (Double.isFinite(followUpEnd[i])) {
                h = Math.max(h, followUpEnd[i]);
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

    /** Weeks from randomization to the end of each patient's follow-up under the scenario's data cutoff. */
    static double[] followUpEnd(Scenario scenario, Cohort cohort) {
        double[] end = new double[cohort.size];
        Cutoff cutoff = scenario.schedule().cutoff();
        if (cutoff instanceof Cutoff.FollowUp f) {
            Arrays.fill(end, f.weeks());
        } else if (cutoff instanceof Cutoff.Calendar c) {
            for (int i = 0; i < cohort.size; i++) {
                end[i] = c.week() - cohort.enrolled[i];
            }
        } else if (cutoff instanceof Cutoff.Events e) {
            double week = eventCutoffWeek(scenario, cohort, e);
            for (int i = 0; i < cohort.size; i++) {
                end[i] = week - cohort.enrolled[i];
            }
        }
        return end;
    }

    /** Calendar week of the target event count (that event included); if fewer occur, no cutoff at all. */
    private static double eventCutoffWeek(Scenario scenario, Cohort cohort, Cutoff.Events e) {
        boolean benzodiazepine = scenario.endpoints().stream().anyMatch(p -> p.name().equals(e.endpoint())
                && p.kind() == org.trialsim.scenario.Endpoint.Kind.TIME_TO_BENZODIAZEPINE_RELAPSE);
        double[] time = benzodiazepine ? cohort.benzodiazepineRelapse : cohort.relapse;
        double[] calendar = new double[cohort.size];
        int events = 0;
        for (int i = 0; i < cohort.size; i++) {
            if (time[i] < cohort.dropout[i]) {
                calendar[events++] = cohort.enrolled[i] + time[i];
            }
        }
        if (events < e.events()) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.sort(calendar, 0, events);
        return calendar[e.events() - 1];
    }
}
