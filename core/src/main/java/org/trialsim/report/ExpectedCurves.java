package org.trialsim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PatientColumns;
import org.trialsim.power.PatientListing;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Scenario;

/**
 * What the scenario's trials look like across replicates rather than in one of them: for every time-to-event
 * outcome the trial analyses, the Kaplan-Meier curve of each arm averaged over replicated trials with the band
 * in which 95% of the trials' curves lie (pointwise 2.5% and 97.5% quantiles), with the mean numbers at risk
 * and censored; and the mean state occupancy of each arm. Each replicate's curves are those of
 * {@link TrialCurves}, from the replayed trial's analysed rows (the engine's observation), so the band shows the
 * trial-to-trial variation a planner should expect of the published curve.
 *
 * @param replicates the replicates the curves average
 * @param patients the sample size of each replayed trial
 * @param survival one set per time-to-event outcome, in listing order
 * @param occupancy the mean occupancy per arm, or empty where the scenario has no response process
 * @param scores the mean observed scores by arm and visit of every score trajectory the trial analyses
 *     ({@link ScoreCurves})
 */
public record ExpectedCurves(int replicates, int patients, List<Survival> survival, List<StateOccupancy> occupancy,
        List<ScoreCurves> scores) {

    /** Points of the time grid the curves are evaluated on. */
    static final int GRID = 121;

    public ExpectedCurves {
        survival = List.copyOf(survival);
        occupancy = List.copyOf(occupancy);
        scores = List.copyOf(scores);
    }

    /** Curves without score trajectories. */
    public ExpectedCurves(int replicates, int patients, List<Survival> survival, List<StateOccupancy> occupancy) {
        this(replicates, patients, survival, occupancy, List.of());
    }

    /**
     * The expected Kaplan-Meier curves of one outcome.
     *
     * @param outcome the outcome's name as the listing gives it ({@code relapse}, {@code benzo_relapse},
     *     {@code pfs} for a named event)
     * @param weeks the time grid, weeks from the outcome's origin
     * @param arms one per arm
     */
    public record Survival(String outcome, double[] weeks, List<ArmCurve> arms) {
        public Survival {
            arms = List.copyOf(arms);
        }
    }

    /**
     * One arm's expected curve.
     *
     * @param arm the arm's name
     * @param mean the mean Kaplan-Meier estimate at each grid time
     * @param lower the 2.5% quantile across replicates
     * @param upper the 97.5% quantile across replicates
     * @param atRisk the mean number at risk at each grid time
     * @param censored the mean number censored by each grid time
     */
    public record ArmCurve(String arm, double[] mean, double[] lower, double[] upper, double[] atRisk,
            double[] censored) {
    }

    /**
     * Averages the curves of replayed trials (of one scenario and size).
     *
     * @param replays at least one replayed trial
     * @return the expected curves
     */
    public static ExpectedCurves of(List<TrialReplay> replays) {
        if (replays.isEmpty()) {
            throw new IllegalArgumentException("no replicate to average");
        }
        Scenario scenario = replays.get(0).scenario();
        List<Survival> survival = new ArrayList<>();
        for (Map.Entry<String, String[]> outcome : outcomes(replays.get(0).patients()).entrySet()) {
            survival.add(survival(scenario, replays, outcome.getKey(), outcome.getValue()[0], outcome.getValue()[1]));
        }
        return new ExpectedCurves(replays.size(), replays.get(0).size(), survival, occupancy(replays),
                ScoreCurves.of(replays));
    }

    /** The analysed time-to-event outcomes of a listing: name to its time and event columns. */
    static Map<String, String[]> outcomes(PatientListing patients) {
        Map<String, String[]> found = new LinkedHashMap<>();
        for (PatientColumn c : patients.columns(PatientColumn.View.ANALYSED)) {
            String name = c.name();
            if (name.endsWith("_time") && c instanceof PatientColumn.Numbers) {
                String base = name.substring(0, name.length() - "_time".length());
                if (patients.find(base + "_event").isPresent()) {
                    String label = base.startsWith("event_") ? base.substring("event_".length()) : base;
                    found.put(label, new String[] {name, base + "_event"});
                }
            }
        }
        return found;
    }

    private static Survival survival(Scenario scenario, List<TrialReplay> replays, String outcome, String timeColumn,
            String eventColumn) {
        int arms = scenario.arms().size();
        double horizon = 0;
        for (TrialReplay r : replays) {
            PatientColumn.Numbers t = r.patients().numbers(timeColumn);
            PatientColumn.Flags e = r.patients().flags(eventColumn);
            for (int i = 0; i < t.size(); i++) {
                if (e.present(i) && Double.isFinite(t.value(i))) {
                    horizon = Math.max(horizon, t.value(i));
                }
            }
        }
        double[] weeks = new double[GRID];
        for (int k = 0; k < GRID; k++) {
            weeks[k] = horizon * k / (GRID - 1);
        }
        double[][][] s = new double[arms][GRID][replays.size()];
        double[][] atRisk = new double[arms][GRID];
        double[][] censored = new double[arms][GRID];
        for (int j = 0; j < replays.size(); j++) {
            PatientListing p = replays.get(j).patients();
            PatientColumn.Labels arm = p.labels(PatientColumns.ARM);
            PatientColumn.Numbers times = p.numbers(timeColumn);
            PatientColumn.Flags events = p.flags(eventColumn);
            double[] time = new double[p.size()];
            boolean[] event = new boolean[p.size()];
            for (int a = 0; a < arms; a++) {
                int count = 0;
                for (int i = 0; i < p.size(); i++) {
                    // a patient without a row is not at risk at the origin (as in TrialCurves)
                    if (arm.code(i) != a || !events.present(i)) {
                        continue;
                    }
                    time[count] = times.value(i);
                    event[count] = events.value(i);
                    for (int k = 0; k < GRID; k++) {
                        atRisk[a][k] += time[count] >= weeks[k] ? 1 : 0;
                        censored[a][k] += !event[count] && time[count] <= weeks[k] ? 1 : 0;
                    }
                    count++;
                }
                SurvivalCurve curve = SurvivalCurve.kaplanMeier(scenario.arms().get(a).name(), time, event, count);
                for (int k = 0; k < GRID; k++) {
                    s[a][k][j] = count == 0 ? Double.NaN : curve.at(weeks[k]);
                }
            }
        }
        List<ArmCurve> curves = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            double[] mean = new double[GRID];
            double[] lower = new double[GRID];
            double[] upper = new double[GRID];
            for (int k = 0; k < GRID; k++) {
                double[] v = Arrays.stream(s[a][k]).filter(Double::isFinite).sorted().toArray();
                mean[k] = v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
                lower[k] = quantile(v, 0.025);
                upper[k] = quantile(v, 0.975);
                atRisk[a][k] /= replays.size();
                censored[a][k] /= replays.size();
            }
            curves.add(new ArmCurve(scenario.arms().get(a).name(), mean, lower, upper, atRisk[a], censored[a]));
        }
        return new Survival(outcome, weeks, curves);
    }

    /**
     * The {@code p} quantile of sorted values, type 7 of Hyndman and Fan (Am Stat 1996;50:361-365), R's default:
     * linear between order statistics.
     */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The mean occupancy per arm over the replays; empty when no patient of any replay ever responds. */
    private static List<StateOccupancy> occupancy(List<TrialReplay> replays) {
        List<List<StateOccupancy>> each = new ArrayList<>();
        boolean anyResponse = false;
        for (TrialReplay r : replays) {
            List<StateOccupancy> o = TrialCurves.of(r).occupancy();
            each.add(o);
            for (StateOccupancy arm : o) {
                anyResponse |= Arrays.stream(arm.responding()).anyMatch(v -> v > 0);
            }
        }
        if (!anyResponse) {
            return List.of();
        }
        List<StateOccupancy> mean = new ArrayList<>();
        List<StateOccupancy> first = each.get(0);
        for (int a = 0; a < first.size(); a++) {
            double[] weeks = first.get(a).weeks();
            double[] responding = new double[weeks.length];
            double[] relapsed = new double[weeks.length];
            double[] free = new double[weeks.length];
            int[] freeCount = new int[weeks.length];
            int patients = 0;
            int users = 0;
            for (List<StateOccupancy> o : each) {
                StateOccupancy arm = o.get(a);
                patients += arm.patients();
                users += arm.benzodiazepineUsers();
                for (int k = 0; k < weeks.length && k < arm.weeks().length; k++) {
                    responding[k] += arm.responding()[k] / each.size();
                    relapsed[k] += arm.relapsed()[k] / each.size();
                    if (Double.isFinite(arm.benzodiazepineFree()[k])) {
                        free[k] += arm.benzodiazepineFree()[k];
                        freeCount[k]++;
                    }
                }
            }
            for (int k = 0; k < weeks.length; k++) {
                free[k] = freeCount[k] == 0 ? Double.NaN : free[k] / freeCount[k];
            }
            mean.add(new StateOccupancy(first.get(a).arm(), weeks, responding, relapsed, free,
                    patients / each.size(), users / each.size()));
        }
        return mean;
    }
}
