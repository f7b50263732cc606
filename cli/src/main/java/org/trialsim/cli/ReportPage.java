package org.trialsim.cli;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.power.EstimandStudy;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.power.TrialReplay;
import org.trialsim.report.ExpectedCurves;
import org.trialsim.charts.HtmlReport;
import org.trialsim.report.LookFigures;
import org.trialsim.scenario.ScenarioDocument;

/**
 * {@code report.html} of a result, as {@code run} writes it and {@code trialsim report} rewrites it from any
 * result folder: the result, the scenario's document, and what is drawn from the study itself (the
 * group-sequential boundaries its trials decide with, the expected curves over its first replicates, replayed).
 */
final class ReportPage {

    /** The file name. */
    static final String FILE = "report.html";

    /** Replicated trials the expected curves average (the study's first ones, replayed at its largest size). */
    static final int CURVE_REPLICATES = 100;

    private ReportPage() {
    }

    /**
     * The page's reporter.
     *
     * @param study the study that produced {@code result} (seed, scenario with its sample sizes)
     * @param result its result
     * @param document the scenario's document
     * @param targetPower the target on the power curve
     * @return the reporter
     */
    static HtmlReport of(PowerStudy study, StudyResult result, ScenarioDocument document, double targetPower) {
        return new HtmlReport(context(study, result, document, targetPower));
    }

    /** What the page shows beside the result (see {@link #of}). */
    static HtmlReport.Context context(PowerStudy study, StudyResult result, ScenarioDocument document,
            double targetPower) {
        List<TrialReplay> replays = replays(study, result);
        return new HtmlReport.Context(document, study.scenario(), ExpectedCurves.of(replays),
                LookFigures.of(study.scenario(), result, replays), study.boundaries().orElse(null), targetPower,
                study.scenario().primaryMeasure(), estimands(study, result));
    }

    /**
     * The estimand section of a complete single study whose scenario names a strategy ({@link EstimandStudy}): the
     * study's replicates run again with each endpoint's full-information data, on every core (the figures do not
     * depend on the number of threads); empty otherwise (no strategy, a partial result, or a sweep).
     */
    static List<EstimandStudy.Row> estimands(PowerStudy study, StudyResult result) {
        if (!EstimandStudy.any(study.scenario()) || result.provenance().partial()
                || result.rows().stream().anyMatch(r -> !r.cell().isEmpty())) {
            return List.of();
        }
        return EstimandStudy.run(study, (int) result.provenance().replicates(),
                Runtime.getRuntime().availableProcessors(), false);
    }

    /** The study's first replicates (at most {@value #CURVE_REPLICATES}), replayed at its largest size. */
    private static List<TrialReplay> replays(PowerStudy study, StudyResult result) {
        int n = study.scenario().maxSampleSize();
        long replicates = Math.max(1, Math.min(CURVE_REPLICATES, result.provenance().replicates()));
        List<TrialReplay> replays = new ArrayList<>();
        for (long r = 0; r < replicates; r++) {
            replays.add(study.replay(r, n));
        }
        return replays;
    }

    /**
     * The boundaries and planning figures of a study as the terminal shows them after its power table (nothing
     * for a fixed design without a time-to-event endpoint: no replay is made then).
     */
    static String planning(PowerStudy study, StudyResult result) {
        if (!hasPlanningFigures(study.scenario())) {
            return "";
        }
        return planning(new HtmlReport.Context(null, study.scenario(), null,
                LookFigures.of(study.scenario(), result, replays(study, result)), study.boundaries().orElse(null),
                Double.NaN, null));
    }

    /**
     * Whether a design has analyses worth planning figures on the terminal: group-sequential looks or a
     * time-to-event endpoint (events, calendar time of the analyses, duration).
     */
    static boolean hasPlanningFigures(org.trialsim.scenario.Scenario s) {
        return s.groupSequential() != null || s.endpoints().stream()
                .anyMatch(e -> e.kind().type() == org.trialsim.scenario.Endpoint.Type.TIME_TO_EVENT);
    }

    /**
     * The boundaries and planning figures as the terminal shows them after the power table.
     *
     * @param context the page's context
     * @return the text, empty where the design has none
     */
    static String planning(HtmlReport.Context context) {
        StringBuilder b = new StringBuilder();
        if (context.boundaries() != null) {
            b.append(System.lineSeparator()).append(org.trialsim.report.BoundaryTable.text(context.boundaries()));
        }
        if (context.looks() != null && hasPlanningFigures(context.scenario())) {
            b.append(System.lineSeparator()).append(context.looks().text());
        }
        return b.toString();
    }
}
