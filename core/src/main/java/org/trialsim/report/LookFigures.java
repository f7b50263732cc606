package org.trialsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trialsim.power.EndpointData;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.MonteCarloError;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PatientColumns;
import org.trialsim.power.StudyResult;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.Scenario;

/**
 * The planning figures of a design's analyses, what a protocol states beside the sample size: for each
 * endpoint and analysis (look), when it happens (mean calendar week of its data cutoff), how much information
 * it sees (patients analysed, events per group for a time-to-event endpoint), its realised information
 * fraction against the planned one, with a warning where a look sees more than its planned share; the
 * expected study duration; and for a group-sequential design the probability of rejecting at each stage.
 *
 * <p>Timing and information are means over replayed trials of the study (the engine's own analyses, recorded
 * by {@link TrialReplay}), each look over the trials that reached it. The realised information fraction of a
 * look is, in each trial that reached the final look, its information (events for a time-to-event endpoint,
 * else patients analysed) over that of the final look. The stage rejection probabilities come from the result's
 * counts: at an interim look the trials stopped there for efficacy ({@code stop:look<k>} less
 * {@code futility:look<k>}), at the last look the monitored endpoint's power less the interim rejections; each a
 * proportion of the replicates, with its MCSE. A graphical group-sequential design (interim looks with multiplicity
 * across endpoints) analyses every endpoint not yet rejected at each look, so each endpoint's looks and realised
 * fractions are given; it has no stage figures (it stops only when every endpoint is rejected).
 *
 * @param patients the sample size the figures are for (the study's largest)
 * @param replicates the replayed trials the timing and information average
 * @param looks one per endpoint and look, endpoints in priority order
 * @param stages the stage rejection probabilities of a group-sequential design, else empty
 * @param duration the mean calendar week of the trial's last analysis (when it stopped or ended)
 * @param finalAnalysis the mean calendar week of the final analysis among the trials that reached it
 * @param warnings looks that see more than their planned share of the information
 */
public record LookFigures(int patients, int replicates, List<Look> looks, List<Stage> stages, double duration,
        double finalAnalysis, List<String> warnings) {

    /** How far above its planned information fraction a look may see before it is warned of. */
    public static final double FRACTION_TOLERANCE = 0.05;

    public LookFigures {
        looks = List.copyOf(looks);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    /**
     * One analysis of one endpoint.
     *
     * @param endpoint the endpoint's name
     * @param look the look, 1-based
     * @param reached the replayed trials that made it
     * @param week the mean calendar week of its data cutoff (without a common cutoff, each patient followed for a
     *     fixed time: the week the last patient's follow-up ends)
     * @param analysed the mean number of patients analysed
     * @param experimentalEvents the mean events in the experimental group (time-to-event endpoints; else NaN)
     * @param controlEvents the mean events in the control group (time-to-event endpoints; else NaN)
     * @param planned the planned information fraction (group-sequential looks of the monitored endpoint; else NaN)
     * @param realised the mean realised information fraction (NaN when no trial reached the final look)
     */
    public record Look(String endpoint, int look, int reached, double week, double analysed, double experimentalEvents,
            double controlEvents, double planned, double realised) {
    }

    /**
     * The probability of rejecting the monitored endpoint's null hypothesis at one stage.
     *
     * @param look the look, 1-based
     * @param measure its name, {@code reject:look<k>}
     * @param reject the estimate
     */
    public record Stage(int look, String measure, Estimate reject) {
    }

    /**
     * The figures of a study at its largest size.
     *
     * @param scenario the studied scenario
     * @param result the study's result
     * @param replays replayed trials of the study at its largest size
     * @return the figures
     */
    public static LookFigures of(Scenario scenario, StudyResult result, List<TrialReplay> replays) {
        int n = replays.get(0).size();
        GroupSequential gs = scenario.groupSequential();
        List<Look> looks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Endpoint e : scenario.endpoints()) {
            int count = replays.stream().mapToInt(r -> r.endpoint(e.name()).looks().size()).max().orElse(0);
            boolean monitored = gs != null && gs.endpoint().equals(e.name());
            for (int k = 0; k < count; k++) {
                Look look = look(e.name(), k, count, replays, monitored ? gs.informationFractions().get(k) : Double.NaN);
                looks.add(look);
                if (monitored && k < count - 1 && look.realised() > look.planned() + FRACTION_TOLERANCE) {
                    warnings.add(String.format(Locale.ROOT, "look %d of %s was planned at %.0f%% of the information "
                            + "but saw %.0f%% on average (replayed trials of %d patients that reached the final "
                            + "analysis): the interim comes later than planned (are the patients enrolled before the "
                            + "look assessed already, for example everyone entering at week 0?); its boundary still "
                            + "spends the alpha planned for %.0f%%", k + 1, e.name(), 100 * look.planned(),
                            100 * look.realised(), n, 100 * look.planned()));
                }
            }
        }
        double duration = 0;
        double finalSum = 0;
        int finals = 0;
        for (TrialReplay r : replays) {
            double last = 0;
            boolean ended = r.decisions().stop() == TrialReplay.Stop.FINAL_ANALYSIS;
            for (TrialReplay.EndpointResult er : r.endpoints()) {
                for (TrialReplay.Look l : er.looks()) {
                    last = Math.max(last, Double.isFinite(l.calendarTime()) ? l.calendarTime() : lastContact(r));
                }
            }
            duration += last;
            if (ended) {
                finalSum += last;
                finals++;
            }
        }
        return new LookFigures(n, replays.size(), looks, stages(scenario, result, n), duration / replays.size(),
                finals == 0 ? Double.NaN : finalSum / finals, warnings);
    }

    private static Look look(String endpoint, int k, int count, List<TrialReplay> replays, double planned) {
        int reached = 0;
        double week = 0;
        double analysed = 0;
        double experimental = 0;
        double control = 0;
        boolean timeToEvent = false;
        double fractionSum = 0;
        int fractions = 0;
        for (TrialReplay r : replays) {
            List<TrialReplay.Look> made = r.endpoint(endpoint).looks();
            if (made.size() <= k) {
                continue;
            }
            TrialReplay.Look l = made.get(k);
            reached++;
            week += Double.isFinite(l.calendarTime()) ? l.calendarTime() : lastContact(r);
            analysed += l.data().patients();
            if (l.data() instanceof EndpointData.TimeToEvent t) {
                timeToEvent = true;
                boolean[] event = t.event();
                int[] group = t.group();
                for (int i = 0; i < event.length; i++) {
                    if (event[i]) {
                        if (group[i] == 1) {
                            experimental++;
                        } else {
                            control++;
                        }
                    }
                }
            }
            if (made.size() == count) {
                fractionSum += information(l.data()) / Math.max(1, information(made.get(count - 1).data()));
                fractions++;
            }
        }
        int m = Math.max(1, reached);
        return new Look(endpoint, k + 1, reached, week / m, analysed / m,
                timeToEvent ? experimental / m : Double.NaN, timeToEvent ? control / m : Double.NaN, planned,
                fractions == 0 ? Double.NaN : fractionSum / fractions);
    }

    /** The information of an analysis: events for a time-to-event endpoint, else patients analysed. */
    private static double information(EndpointData d) {
        return d instanceof EndpointData.TimeToEvent t ? t.events() : d.patients();
    }

    /** Without a common cutoff: the calendar week of the last patient's end of follow-up. */
    private static double lastContact(TrialReplay r) {
        PatientColumn.Numbers enrolled = r.patients().numbers(PatientColumns.ENROLLED);
        PatientColumn.Numbers end = r.patients().numbers(PatientColumns.ADMINISTRATIVE_END);
        double last = 0;
        for (int i = 0; i < r.patients().size(); i++) {
            double t = enrolled.value(i) + end.value(i);
            if (Double.isFinite(t)) {
                last = Math.max(last, t);
            }
        }
        return last;
    }

    /** The stage rejection probabilities, from the counts behind the result's rows at size {@code n}. */
    private static List<Stage> stages(Scenario scenario, StudyResult result, int n) {
        GroupSequential gs = scenario.groupSequential();
        if (gs == null || graphical(scenario)) {
            // a graphical design stops only when every endpoint is rejected: its stop counts are not the monitored
            // endpoint's rejections, so no stage figure can be read from them
            return List.of();
        }
        int looks = gs.informationFractions().size();
        List<Stage> stages = new ArrayList<>();
        long interim = 0;
        long r = 0;
        for (int k = 1; k < looks; k++) {
            long stopped = count(result, n, "stop:look" + k);
            long futility = count(result, n, "futility:look" + k);
            r = replicates(result, n, "stop:look" + k);
            if (stopped < 0 || futility < 0) {
                return List.of();
            }
            interim += stopped - futility;
            stages.add(new Stage(k, "reject:look" + k, MonteCarloError.proportion(stopped - futility, r)));
        }
        long power = count(result, n, "power:" + gs.endpoint());
        if (power < 0) {
            return List.of();
        }
        r = replicates(result, n, "power:" + gs.endpoint());
        stages.add(new Stage(looks, "reject:look" + looks, MonteCarloError.proportion(power - interim, r)));
        return stages;
    }

    /** Whether the looks test several endpoints under a graphical procedure (Maurer and Bretz 2013). */
    private static boolean graphical(Scenario scenario) {
        org.trialsim.scenario.Multiplicity m = scenario.multiplicity();
        return m.procedure() != org.trialsim.scenario.Multiplicity.Procedure.NONE && (scenario.endpoints().size() > 1
                || m.procedure() == org.trialsim.scenario.Multiplicity.Procedure.GRAPH);
    }

    /** The count behind a proportion row (estimate times replicates, exact in a double), or -1 if absent. */
    private static long count(StudyResult result, int n, String measure) {
        for (MeasureRow row : result.rows()) {
            if (row.cell().isEmpty() && row.nTotal() == n && row.measure().equals(measure)) {
                return Math.round(row.estimate().estimate() * row.estimate().replicates());
            }
        }
        return -1;
    }

    private static long replicates(StudyResult result, int n, String measure) {
        return result.rows().stream().filter(row -> row.cell().isEmpty() && row.nTotal() == n
                && row.measure().equals(measure)).mapToLong(row -> row.estimate().replicates()).findFirst().orElse(0);
    }

    /**
     * The figures as text for a terminal, under a heading.
     *
     * @return the lines
     */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "analyses at n_total %d (means over %d replayed trials)%n", patients,
                replicates));
        b.append(String.format(Locale.ROOT, "  %-16s %4s %7s %8s %9s %14s %14s %9s %9s%n", "endpoint", "look", "trials",
                "week", "analysed", "events (exp)", "events (ctl)", "planned", "realised"));
        for (Look l : looks) {
            b.append(String.format(Locale.ROOT, "  %-16s %4d %7d %8s %9.1f %14s %14s %9s %9s%n", l.endpoint(), l.look(),
                    l.reached(), num(l.week(), "%.1f"), l.analysed(), num(l.experimentalEvents(), "%.1f"),
                    num(l.controlEvents(), "%.1f"), num(l.planned(), "%.2f"), num(l.realised(), "%.2f")));
        }
        b.append(String.format(Locale.ROOT, "  study duration: %s weeks on average; final analysis at week %s%n",
                num(duration, "%.1f"), num(finalAnalysis, "%.1f")));
        for (Stage s : stages) {
            b.append(String.format(Locale.ROOT, "  %s  %.4f (MCSE %.4f)%n", s.measure(), s.reject().estimate(),
                    s.reject().mcSe()));
        }
        for (String w : warnings) {
            b.append("  warning: ").append(w).append(System.lineSeparator());
        }
        return b.toString();
    }

    private static String num(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }
}
