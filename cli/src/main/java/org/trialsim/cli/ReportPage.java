package org.trialsim.cli;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.power.TrialReplay;
import org.trialsim.report.ExpectedCurves;
import org.trialsim.report.HtmlReport;
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
        int n = study.scenario().maxSampleSize();
        long replicates = Math.max(1, Math.min(CURVE_REPLICATES, result.provenance().replicates()));
        List<TrialReplay> replays = new ArrayList<>();
        for (long r = 0; r < replicates; r++) {
            replays.add(study.replay(r, n));
        }
        return new HtmlReport(new HtmlReport.Context(document, study.scenario(), ExpectedCurves.of(replays),
                study.boundaries().orElse(null), targetPower, study.scenario().primaryMeasure()));
    }
}
