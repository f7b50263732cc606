package org.trialsim.report;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PatientColumns;
import org.trialsim.power.PatientListing;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.Scenario;

/**
 * The curves of one simulated trial, by arm: Kaplan-Meier estimates of depressive relapse and of relapse to
 * benzodiazepine use as the trial observes them, and the occupancy of clinical states over time from the
 * latent trajectories.
 *
 * <p>Observation is the analysis's own: the curves take the rows a time-to-event analysis takes, the
 * listing's analysed columns ({@link PatientColumns#RELAPSE_TIME}, {@link PatientColumns#RELAPSE_EVENT} and
 * their benzodiazepine counterparts), which the power engine's endpoint extraction writes (an event is seen at
 * its time or at the next scheduled visit; a patient is followed until dropout, the per-patient follow-up or
 * the calendar data cutoff, fixed or the time of the target event count; a censored patient counts as
 * event-free until the last contact). Depressive relapse is timed from the end of induction among
 * responders who completed it (from randomization among all patients when the scenario's relapse clock
 * starts there); benzodiazepine relapse from the end of induction among users who discontinued and completed
 * it. The occupancy reads the latent columns.
 */
public final class TrialCurves {

    private final Scenario scenario;
    private final PatientListing patients;
    private final PatientColumn.Labels arm;

    /**
     * Curves of a listing.
     *
     * @param scenario the scenario the patients were drawn from (arm names, induction, schedule)
     * @param patients the listing
     */
    public TrialCurves(Scenario scenario, PatientListing patients) {
        this.scenario = scenario;
        this.patients = patients;
        this.arm = patients.labels(PatientColumns.ARM);
    }

    /** Curves of a replayed trial. */
    public static TrialCurves of(TrialReplay replay) {
        return new TrialCurves(replay.scenario(), replay.patients());
    }

    /** Whether any patient of the scenario can relapse, so that a relapse curve means something. */
    public boolean hasRelapse() {
        return relapseOrigin() != null && patients.find(PatientColumns.RELAPSE_TIME).isPresent();
    }

    /** Whether the trial holds any benzodiazepine user who discontinued. */
    public boolean hasBenzodiazepineUsers() {
        PatientColumn.Flags user = patients.flags(PatientColumns.BENZO_USER);
        PatientColumn.Flags discontinued = patients.flags(PatientColumns.LATENT + PatientColumns.BENZO_DISCONTINUED);
        for (int i = 0; i < patients.size(); i++) {
            if (user.value(i) && discontinued.value(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Kaplan-Meier curves, one per arm, of every time-to-event outcome the trial analyses other than depressive
     * relapse and relapse to benzodiazepines (which have their own): keyed by the outcome's name as the listing
     * gives it ({@code pfs} for a named event, {@code rescue}, {@code score_relapse} ...), each timed from its own
     * origin. The charts take their titles from these names.
     */
    public java.util.Map<String, List<SurvivalCurve>> otherEvents() {
        java.util.Map<String, List<SurvivalCurve>> curves = new java.util.LinkedHashMap<>();
        ExpectedCurves.outcomes(patients).forEach((outcome, columns) -> {
            if (!columns[0].equals(PatientColumns.RELAPSE_TIME) && !columns[0].equals(PatientColumns.BENZO_RELAPSE_TIME)) {
                curves.put(outcome, byArm(columns[0], columns[1]));
            }
        });
        return curves;
    }

    /** Whether any patient of the trial responds, so that the state occupancy (responding, relapsed) means something. */
    public boolean hasResponse() {
        return occupancy().stream().anyMatch(o -> java.util.Arrays.stream(o.responding()).anyMatch(v -> v > 0));
    }

    /** Kaplan-Meier curves of depressive relapse, one per arm. */
    public List<SurvivalCurve> relapse() {
        return byArm(PatientColumns.RELAPSE_TIME, PatientColumns.RELAPSE_EVENT);
    }

    /** Kaplan-Meier curves of relapse to benzodiazepine use among discontinuers, one per arm. */
    public List<SurvivalCurve> benzodiazepineRelapse() {
        return byArm(PatientColumns.BENZO_RELAPSE_TIME, PatientColumns.BENZO_RELAPSE_EVENT);
    }

    private List<SurvivalCurve> byArm(String timeColumn, String eventColumn) {
        PatientColumn.Numbers times = patients.numbers(timeColumn);
        PatientColumn.Flags events = patients.flags(eventColumn);
        List<SurvivalCurve> curves = new ArrayList<>();
        int n = patients.size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        for (int a = 0; a < scenario.arms().size(); a++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                // a patient without a row is not at risk at the origin, or not yet there at the cutoff
                if (arm.code(i) != a || !events.present(i)) {
                    continue;
                }
                time[count] = times.value(i);
                event[count] = events.value(i);
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
        PatientColumn.Flags responded = patients.flags(PatientColumns.LATENT + PatientColumns.RESPONDED);
        PatientColumn.Numbers relapse = patients.numbers(PatientColumns.LATENT + PatientColumns.RELAPSE);
        PatientColumn.Flags user = patients.flags(PatientColumns.BENZO_USER);
        PatientColumn.Flags discontinued = patients.flags(PatientColumns.LATENT + PatientColumns.BENZO_DISCONTINUED);
        PatientColumn.Numbers benzoRelapse = patients.numbers(PatientColumns.LATENT + PatientColumns.BENZO_RELAPSE);
        List<StateOccupancy> result = new ArrayList<>();
        for (int a = 0; a < scenario.arms().size(); a++) {
            double[] responding = new double[points];
            double[] relapsed = new double[points];
            double[] free = new double[points];
            int count = 0;
            int users = 0;
            for (int i = 0; i < patients.size(); i++) {
                if (arm.code(i) != a) {
                    continue;
                }
                count++;
                users += user.value(i) ? 1 : 0;
                for (int k = 0; k < points; k++) {
                    double t = weeks[k];
                    boolean afterInduction = t >= induction;
                    relapsed[k] += relapse.value(i) <= t ? 1 : 0;
                    responding[k] += afterInduction && responded.value(i) && relapse.value(i) > t ? 1 : 0;
                    free[k] += afterInduction && user.value(i) && discontinued.value(i) && benzoRelapse.value(i) > t
                            ? 1 : 0;
                }
            }
            for (int k = 0; k < points; k++) {
                responding[k] /= count;
                relapsed[k] /= count;
                free[k] = users == 0 ? Double.NaN : free[k] / users;
            }
            result.add(new StateOccupancy(scenario.arms().get(a).name(), weeks, responding, relapsed, free, count,
                    users));
        }
        return result;
    }

    /** Whether depressive relapse is timed from randomization (textbook designs) rather than from response. */
    public boolean relapseFromRandomization() {
        return relapseOrigin() == Relapse.Origin.RANDOMIZATION;
    }

    /**
     * The last week from randomization any patient can be followed: the largest finite administrative end of
     * follow-up, else (no administrative limit) the last visit, else the end of induction.
     */
    public double horizon() {
        PatientColumn.Numbers end = patients.numbers(PatientColumns.ADMINISTRATIVE_END);
        double h = 0;
        for (int i = 0; i < patients.size(); i++) {
            if (Double.isFinite(end.value(i))) {
                h = Math.max(h, end.value(i));
            }
        }
        if (h == 0) {
            List<Double> visits = scenario.schedule().visitWeeks();
            h = visits.isEmpty() ? scenario.schedule().inductionWeeks() : visits.get(visits.size() - 1);
        }
        return h;
    }

    private Relapse.Origin relapseOrigin() {
        for (Arm a : scenario.arms()) {
            for (PatientModel model : a.modelByStratum().values()) {
                if (model.relapse() != null) {
                    return model.relapse().origin();
                }
            }
        }
        return null;
    }
}
