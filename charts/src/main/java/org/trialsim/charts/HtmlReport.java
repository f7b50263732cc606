package org.trialsim.charts;

import org.trialsim.report.ScoreCurves;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.trialsim.power.EstimandStudy;
import org.trialsim.power.Estimate;
import org.trialsim.power.EstimatorPerformance;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import org.trialsim.report.ExpectedCurves;
import org.trialsim.report.LookFigures;
import org.trialsim.report.Reporter;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioDocument;
import org.trialsim.scenario.ScenarioSummary;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;

/**
 * The study as one self-contained HTML page, what a protocol's statistical section is written from: the design
 * and its assumptions with the sources the scenario cites, what the assumptions imply (the {@code check}
 * summary: analysed proportions, expected values), the group-sequential boundaries, the power, type I error
 * and other operating characteristics with their Monte Carlo standard errors and the warnings, the power
 * curve and operating-characteristic charts, the expected Kaplan-Meier curves and state occupancy across
 * replicated trials ({@link ExpectedCurves}), the provenance and the scenario itself.
 *
 * <p>The page needs nothing but itself: CSS in a {@code style} element, every chart an inline SVG drawn by
 * JFreeChart on JFreeSVG, no script, no font, image or link to fetch, so it opens from disk, prints, and can be
 * mailed. Every row of the result is in one of the three tables, each {@code tr} marked with
 * {@code data-cell}, {@code data-n} and {@code data-measure}, so a reader (or a test) can find any figure of
 * {@code power.json} on the page.
 */
public final class HtmlReport implements Reporter {

    /** Width of each chart's drawing, in CSS pixels (it scales down with the page). */
    static final int WIDTH = 860;
    /** Height of each chart's drawing. */
    static final int HEIGHT = 500;

    private static final Paint[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    };

    private final Context context;

    /**
     * What the page shows beside the result; every part may be absent ({@code null}), and its section then says so
     * or is left out.
     *
     * @param document the scenario's document (assumptions with their cited sources, the resolved scenario)
     * @param scenario the scenario studied (the summary of what it implies, alpha)
     * @param curves the expected curves across replicated trials
     * @param looks the planning figures of the analyses (timing, information, events, stage rejections)
     * @param boundaries the group-sequential boundaries of the design
     * @param targetPower the target drawn on the power curve, or {@code NaN}
     * @param primary the primary measure ({@code power:<endpoint>}), or {@code null}
     * @param estimands the estimand section ({@link EstimandStudy}), empty where the scenario names no strategy
     */
    public record Context(ScenarioDocument document, Scenario scenario, ExpectedCurves curves, LookFigures looks,
            GroupSequentialBoundaries boundaries, double targetPower, String primary, List<EstimandStudy.Row> estimands) {

        public Context {
            estimands = estimands == null ? List.of() : List.copyOf(estimands);
        }

        /** A context without an estimand section. */
        public Context(ScenarioDocument document, Scenario scenario, ExpectedCurves curves, LookFigures looks,
                GroupSequentialBoundaries boundaries, double targetPower, String primary) {
            this(document, scenario, curves, looks, boundaries, targetPower, primary, List.of());
        }
    }

    /**
     * A reporter of the page.
     *
     * @param context what the page shows beside the result
     */
    public HtmlReport(Context context) {
        this.context = context;
    }

    @Override
    public String extension() {
        return "html";
    }

    @Override
    public void write(StudyResult result, OutputStream out) throws IOException {
        out.write(render(result).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The page.
     *
     * @param result the study's result
     * @return the HTML text
     */
    public String render(StudyResult result) {
        StringBuilder h = new StringBuilder(1 << 16);
        Provenance p = result.provenance();
        String title = "trialsim report: " + result.scenarioName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header>\n<h1>").append(esc(title)).append("</h1>\n");
        if (context.scenario() != null && !context.scenario().title().isBlank()) {
            h.append("<p class=\"subtitle\">").append(esc(context.scenario().title())).append("</p>\n");
        }
        h.append("<p class=\"run\">").append(esc(PowerCurveChart.subtitle(result))).append("</p>\n");
        if (p.partial()) {
            h.append("<p class=\"partial\">PARTIAL: the run was interrupted; the figures rest on the ")
                    .append(p.replicates()).append(" replicates completed.</p>\n");
        }
        h.append("<nav><a href=\"#design\">Design</a> <a href=\"#boundaries\">Boundaries</a> ")
                .append("<a href=\"#looks\">Analyses</a> ")
                .append("<a href=\"#results\">Results</a> ")
                .append(context.estimands().isEmpty() ? "" : "<a href=\"#estimands\">Estimands</a> ")
                .append("<a href=\"#charts\">Charts</a> ")
                .append("<a href=\"#curves\">Expected curves</a> <a href=\"#provenance\">Provenance</a> ")
                .append("<a href=\"#scenario\">Scenario</a></nav>\n</header>\n<main>\n");
        warnings(h, result, context.looks());
        design(h);
        boundaries(h);
        looks(h);
        results(h, result);
        estimands(h);
        charts(h, result);
        curves(h);
        provenance(h, result);
        scenario(h);
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void warnings(StringBuilder h, StudyResult result, LookFigures looks) {
        List<String> all = new ArrayList<>(result.warnings());
        if (looks != null) {
            all.addAll(looks.warnings());
        }
        if (all.isEmpty()) {
            return;
        }
        h.append("<section id=\"warnings\" class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
        for (String w : all) {
            h.append("<li>").append(esc(w)).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private void design(StringBuilder h) {
        h.append("<section id=\"design\">\n<h2>Design and assumptions</h2>\n");
        ScenarioDocument doc = context.document();
        if (doc != null) {
            if (!doc.header().isEmpty()) {
                h.append("<h3>From the scenario file (").append(esc(doc.source())).append(")</h3>\n")
                        .append("<pre class=\"sources\">").append(esc(String.join("\n", doc.header())))
                        .append("</pre>\n");
            }
            h.append("<h3>Every value, with where it comes from</h3>\n<table id=\"assumptions\">\n<thead><tr>")
                    .append("<th>key</th><th>value</th><th>from</th><th>source or note</th></tr></thead>\n<tbody>\n");
            for (ScenarioDocument.Value v : doc.values()) {
                h.append("<tr class=\"").append(esc(v.origin())).append("\"><td><code>").append(esc(v.key()))
                        .append("</code></td><td>").append(esc(v.value().strip())).append("</td><td>")
                        .append(esc(v.origin())).append("</td><td>").append(esc(v.note())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (context.scenario() != null) {
            h.append("<h3>What the assumptions imply (analysed proportions, expected values)</h3>\n")
                    .append("<pre id=\"summary\">").append(esc(ScenarioSummary.of(context.scenario())))
                    .append("</pre>\n");
        }
        if (doc == null && context.scenario() == null) {
            h.append("<p>The result does not carry its scenario.</p>\n");
        }
        h.append("</section>\n");
    }

    private void boundaries(StringBuilder h) {
        h.append("<section id=\"boundaries\">\n<h2>Group-sequential boundaries</h2>\n");
        GroupSequentialBoundaries b = context.boundaries();
        if (b == null) {
            h.append("<p>A fixed design: one analysis, no interim look.</p>\n</section>\n");
            return;
        }
        h.append("<p>One-sided alpha ").append(fmt(b.alpha())).append(", ")
                .append(esc(b.alphaSpending().label())).append(" spending; z bounds on the standardized "
                        + "statistic (positive favours treatment).</p>\n")
                .append("<table id=\"boundary-table\">\n<thead><tr><th>look</th><th>information fraction</th>")
                .append("<th>efficacy bound z</th><th>nominal one-sided p</th><th>cumulative alpha spent</th>")
                .append("<th>futility bound z</th></tr></thead>\n<tbody>\n");
        for (int k = 0; k < b.looks(); k++) {
            double futility = b.futilityBound(k);
            h.append("<tr><td>").append(k + 1).append("</td><td>").append(fmt(b.fractions()[k])).append("</td><td>")
                    .append(fmt(b.efficacyBound(k))).append("</td><td>").append(fmt(b.nominalAlpha(k)))
                    .append("</td><td>").append(fmt(b.cumulativeAlphaSpent(k))).append("</td><td>")
                    .append(Double.isFinite(futility) ? fmt(futility) : "none").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private void looks(StringBuilder h) {
        LookFigures f = context.looks();
        if (f == null) {
            return;
        }
        h.append("<section id=\"looks\">\n<h2>Analyses: timing, information, events</h2>\n<p>At ")
                .append(f.patients()).append(" patients, means over ").append(f.replicates())
                .append(" replayed trials (each look over the trials that reached it). Expected study duration ")
                .append(num(f.duration(), "%.1f")).append(" weeks; final analysis at week ")
                .append(num(f.finalAnalysis(), "%.1f")).append(" on average.</p>\n")
                .append("<table id=\"look-table\">\n<thead><tr><th>endpoint</th><th>look</th><th>trials reaching it</th>")
                .append("<th>calendar week</th><th>patients analysed</th><th>events, experimental</th>")
                .append("<th>events, control</th><th>planned information fraction</th>")
                .append("<th>realised information fraction</th></tr></thead>\n<tbody>\n");
        for (LookFigures.Look l : f.looks()) {
            boolean late = l.realised() > l.planned() + LookFigures.FRACTION_TOLERANCE;
            h.append("<tr").append(late ? " class=\"late\"" : "").append("><td>").append(esc(l.endpoint()))
                    .append("</td><td>").append(l.look()).append("</td><td>").append(l.reached()).append("</td><td>")
                    .append(num(l.week(), "%.1f")).append("</td><td>").append(num(l.analysed(), "%.1f"))
                    .append("</td><td>").append(num(l.experimentalEvents(), "%.1f")).append("</td><td>")
                    .append(num(l.controlEvents(), "%.1f")).append("</td><td>").append(num(l.planned(), "%.2f"))
                    .append("</td><td>").append(num(l.realised(), "%.2f")).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (!f.stages().isEmpty()) {
            h.append("<table id=\"stage-table\">\n<caption>Probability of rejecting at each stage</caption>\n")
                    .append("<thead><tr><th>measure</th><th>estimate</th><th>MCSE</th><th>95% interval</th></tr>")
                    .append("</thead>\n<tbody>\n");
            for (LookFigures.Stage s : f.stages()) {
                h.append("<tr><td>").append(esc(s.measure())).append("</td><td>").append(figure(s.reject().estimate()))
                        .append("</td><td>").append(figure(s.reject().mcSe())).append("</td><td>")
                        .append(figure(s.reject().ciLower())).append(" to ").append(figure(s.reject().ciUpper()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    private static String num(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    private static void results(StringBuilder h, StudyResult result) {
        boolean sweep = result.rows().stream().anyMatch(r -> !r.cell().isEmpty());
        h.append("<section id=\"results\">\n<h2>Operating characteristics</h2>\n<p>Each figure with its Monte "
                + "Carlo standard error (MCSE) and 95% Monte Carlo interval (Wilson for proportions), from ")
                .append(result.provenance().replicates()).append(" simulated trials.</p>\n");
        table(h, "power", "Power", sweep, result, r -> r.measure().startsWith("power"));
        table(h, "type1", "Type I error (under the null scenario)", sweep, result, r -> r.measure().startsWith("type1"));
        table(h, "other", "Expected sample size and stopping", sweep, result,
                r -> !r.measure().startsWith("power") && !r.measure().startsWith("type1"));
        h.append("</section>\n");
    }

    /**
     * The estimand section ({@link EstimandStudy}, ICH E9(R1)): per endpoint and size, the true estimand and the
     * estimator's mean, bias, empirical SE, RMSE and coverage, each with its MCSE (Morris, White and Crowther,
     * Stat Med 2019); left out where the scenario names no strategy.
     */
    private void estimands(StringBuilder h) {
        List<EstimandStudy.Row> rows = context.estimands();
        if (rows.isEmpty()) {
            return;
        }
        h.append("<section id=\"estimands\">\n<h2>Estimands</h2>\n<p>The analysis's estimate against the true ")
                .append("estimand of each endpoint's strategy (ICH E9(R1)): the true estimand is the mean over replicates ")
                .append("of each trial's full-information value; MCSE in parentheses (Morris, White and Crowther, Stat Med ")
                .append("2019). The same figures are in <code>estimands.csv</code>.</p>\n")
                .append("<table id=\"estimand-table\" class=\"figures\">\n<thead><tr><th>endpoint</th><th>strategy</th>")
                .append("<th>n total</th><th>measure</th><th>replicates</th><th>true estimand</th><th>mean</th>")
                .append("<th>bias</th><th>empirical SE</th><th>RMSE</th><th>coverage</th></tr></thead>\n<tbody>\n");
        for (EstimandStudy.Row r : rows) {
            EstimatorPerformance p = r.performance();
            h.append("<tr data-endpoint=\"").append(esc(r.endpoint())).append("\" data-n=\"").append(r.nTotal())
                    .append("\"><td>").append(esc(r.endpoint())).append("</td><td>").append(esc(r.strategy()))
                    .append("</td><td>").append(r.nTotal()).append("</td><td>").append(esc(r.measure()))
                    .append("</td><td>").append(p.replicates()).append("</td><td>")
                    .append(pair(p.trueValue(), p.trueValueMcse())).append("</td><td>").append(four(p.mean()))
                    .append("</td><td>").append(pair(p.bias(), p.biasMcse())).append("</td><td>")
                    .append(pair(p.empiricalSe(), p.empiricalSeMcse())).append("</td><td>")
                    .append(pair(p.rmse(), p.rmseMcse())).append("</td><td>")
                    .append(pair(p.coverage(), p.coverageMcse())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static String four(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "undefined";
    }

    private static String pair(double value, double mcse) {
        return four(value) + " (" + four(mcse) + ")";
    }

    private static void table(StringBuilder h, String id, String caption, boolean sweep, StudyResult result,
            Predicate<MeasureRow> which) {
        List<MeasureRow> rows = result.rows().stream().filter(which).toList();
        if (rows.isEmpty()) {
            return;
        }
        h.append("<table id=\"").append(id).append("\" class=\"figures\">\n<caption>").append(esc(caption))
                .append("</caption>\n<thead><tr>").append(sweep ? "<th>cell</th>" : "")
                .append("<th>n total</th><th>measure</th><th>estimate</th><th>MCSE</th><th>95% interval</th>")
                .append("<th>replicates</th></tr></thead>\n<tbody>\n");
        for (MeasureRow r : rows) {
            Estimate e = r.estimate();
            h.append("<tr data-cell=\"").append(esc(r.cell())).append("\" data-n=\"").append(r.nTotal())
                    .append("\" data-measure=\"").append(esc(r.measure())).append("\">")
                    .append(sweep ? "<td>" + esc(r.cell()) + "</td>" : "").append("<td>").append(r.nTotal())
                    .append("</td><td>").append(esc(r.measure())).append("</td><td class=\"estimate\">")
                    .append(figure(e.estimate())).append("</td><td class=\"mcse\">").append(figure(e.mcSe()))
                    .append("</td><td class=\"interval\">").append(figure(e.ciLower())).append(" to ")
                    .append(figure(e.ciUpper())).append("</td><td>").append(e.replicates()).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /**
     * A figure as the tables show it: four decimals, {@code undefined} for a figure the scenario leaves
     * undefined (NaN).
     *
     * @param v the value
     * @return its text
     */
    public static String figure(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "undefined";
    }

    private void charts(StringBuilder h, StudyResult result) {
        h.append("<section id=\"charts\">\n<h2>Power curve and operating characteristics</h2>\n");
        figure(h, "power-curve", PowerCurveChart.chart(result, context.targetPower(), context.primary()));
        double alpha = context.scenario() != null ? context.scenario().design().alpha() : Double.NaN;
        ocChart(h, result, "type1", "Type I error by sample size", "Type I error (95% Monte Carlo band)",
                r -> r.measure().startsWith("type1:"), true, alpha, "nominal alpha");
        ocChart(h, result, "expected-n", "Expected sample size", "Patients (95% Monte Carlo band)",
                r -> r.measure().startsWith("expected_n"), false, Double.NaN, null);
        ocChart(h, result, "stopping", "Probability of stopping, per look", "Probability (95% Monte Carlo band)",
                r -> r.measure().startsWith("stop:") || r.measure().startsWith("futility:")
                        || r.measure().startsWith("pet"), true, Double.NaN, null);
        h.append("</section>\n");
    }

    private static void ocChart(StringBuilder h, StudyResult result, String id, String title, String yLabel,
            Predicate<MeasureRow> which, boolean probability, double marker, String markerLabel) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (MeasureRow r : result.rows()) {
            Estimate e = r.estimate();
            if (which.test(r) && Double.isFinite(e.estimate())) {
                String label = r.cell().isEmpty() ? r.measure() : r.cell() + "  " + r.measure();
                series.computeIfAbsent(label, k -> new ArrayList<>()).add(new double[] {r.nTotal(), e.estimate(),
                    e.ciLower(), e.ciUpper()});
            }
        }
        if (series.isEmpty()) {
            return;
        }
        JFreeChart chart = bandChart(title + ": " + result.scenarioName(), "Total sample size (patients)", yLabel,
                series, probability, false);
        if (Double.isFinite(marker)) {
            ValueMarker m = new ValueMarker(marker, Color.DARK_GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel(markerLabel + " " + fmt(marker));
            ((XYPlot) chart.getPlot()).addRangeMarker(m, Layer.FOREGROUND);
        }
        chart.addSubtitle(new TextTitle(PowerCurveChart.subtitle(result), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        figure(h, id, chart);
    }

    private void curves(StringBuilder h) {
        h.append("<section id=\"curves\">\n<h2>Expected curves across simulated trials</h2>\n");
        ExpectedCurves c = context.curves();
        if (c == null) {
            h.append("<p>Not drawn for this result.</p>\n</section>\n");
            return;
        }
        h.append("<p>Means over ").append(c.replicates()).append(" replicated trials of ").append(c.patients())
                .append(" patients (replicates 0 to ").append(c.replicates() - 1).append(" of the study, replayed by "
                        + "the patient-level engine), with the band in which 95% of the trials' curves lie.</p>\n");
        for (ExpectedCurves.Survival s : c.survival()) {
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            for (ExpectedCurves.ArmCurve arm : s.arms()) {
                List<double[]> points = new ArrayList<>();
                for (int k = 0; k < s.weeks().length; k++) {
                    if (Double.isFinite(arm.mean()[k])) {
                        if (k > 0 && Double.isFinite(arm.mean()[k - 1])) { // a step: the previous level up to here
                            points.add(new double[] {s.weeks()[k], arm.mean()[k - 1], arm.lower()[k - 1],
                                arm.upper()[k - 1]});
                        }
                        points.add(new double[] {s.weeks()[k], arm.mean()[k], arm.lower()[k], arm.upper()[k]});
                    }
                }
                series.put(arm.arm(), points);
            }
            String title = "Time to " + s.outcome() + " (Kaplan-Meier, mean of " + c.replicates() + " trials)";
            figure(h, "km-" + s.outcome(), bandChart(title, "Weeks from the origin of " + s.outcome(),
                    "Probability event-free (95% of trials)", series, true, true));
            atRisk(h, s);
        }
        for (ScoreCurves sc : c.scores()) {
            figure(h, "scores-" + sc.outcome(), ScoreTrajectoryChart.chart(sc, c.replicates(), null));
            seen(h, sc);
        }
        if (!c.occupancy().isEmpty()) {
            figure(h, "occupancy", TrialCharts.occupancy(c.occupancy(), "mean of " + c.replicates()
                    + " replicated trials of " + c.patients() + " patients; latent trajectories"));
        }
        h.append("</section>\n");
    }

    /** The mean observed score and the mean number of patients seen per arm at each visit, under its chart. */
    private static void seen(StringBuilder h, ScoreCurves sc) {
        h.append("<table class=\"scores\" id=\"scores-").append(esc(sc.outcome())).append("\">\n<caption>Mean ")
                .append(esc(sc.outcome())).append(" score (mean number of patients seen) per trial</caption>\n"
                        + "<thead><tr><th>arm</th>");
        for (double w : sc.weeks()) {
            h.append("<th>week ").append(org.trialsim.scenario.SummaryLines.num(w)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ScoreCurves.ArmScores arm : sc.arms()) {
            h.append("<tr><td>").append(esc(arm.arm())).append("</td>");
            for (int w = 0; w < sc.weeks().length; w++) {
                h.append(String.format(Locale.ROOT, "<td>%.1f (%.1f)</td>", arm.mean()[w], arm.seen()[w]));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** The mean numbers at risk and censored under a Kaplan-Meier chart, at six times. */
    private static void atRisk(StringBuilder h, ExpectedCurves.Survival s) {
        int last = s.weeks().length - 1;
        int[] at = {0, last / 5, 2 * last / 5, 3 * last / 5, 4 * last / 5, last};
        h.append("<table class=\"at-risk\" id=\"at-risk-").append(esc(s.outcome())).append("\">\n<caption>Mean number ")
                .append("at risk (censored so far) per trial</caption>\n<thead><tr><th>arm</th>");
        for (int k : at) {
            h.append("<th>week ").append(String.format(Locale.ROOT, "%.1f", s.weeks()[k])).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ExpectedCurves.ArmCurve arm : s.arms()) {
            h.append("<tr><td>").append(esc(arm.arm())).append("</td>");
            for (int k : at) {
                h.append(String.format(Locale.ROOT, "<td>%.1f (%.1f)</td>", arm.atRisk()[k], arm.censored()[k]));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void provenance(StringBuilder h, StudyResult result) {
        Provenance p = result.provenance();
        h.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table id=\"provenance-table\">\n<tbody>\n");
        String[][] rows = {
            {"scenario", result.scenarioName()}, {"trialsim version", p.trialsimVersion()},
            {"generator", p.generator() + " (commons-rng " + p.commonsRngVersion() + ")"},
            {"seed", Long.toString(p.seed())}, {"replicates", Long.toString(p.replicates())},
            {"partial", Boolean.toString(p.partial())}, {"trial model", p.model()},
            {"random streams", p.streamLayout()}, {"scenario SHA-256", p.scenarioHash()},
        };
        for (String[] r : rows) {
            h.append("<tr><th>").append(esc(r[0])).append("</th><td>").append(esc(r[1])).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private void scenario(StringBuilder h) {
        h.append("<section id=\"scenario\">\n<h2>The scenario</h2>\n");
        ScenarioDocument doc = context.document();
        if (doc == null) {
            h.append("<p>The result does not carry its scenario.</p>\n</section>\n");
            return;
        }
        h.append("<p>Resolved with its defaults (a valid scenario file: <code>trialsim run</code> on it with the seed "
                + "and model above reproduces the result):</p>\n<pre id=\"resolved\">").append(esc(doc.resolved()))
                .append("</pre>\n<details><summary>The file as given (").append(esc(doc.source()))
                .append(")</summary>\n<pre id=\"source-text\">").append(esc(doc.text())).append("</pre>\n</details>\n")
                .append("</section>\n");
    }

    /**
     * A chart with a 95% band per series (JFreeChart's deviation renderer).
     *
     * @param series label to points {x, y, lower, upper}
     */
    private static JFreeChart bandChart(String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
            boolean probability, boolean fromZero) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey(), false, true);
            for (double[] pt : e.getValue()) {
                s.add(pt[0], pt[1], pt[2], pt[3]);
            }
            data.addSeries(s);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.18f);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Paint paint = PALETTE[i % PALETTE.length];
            renderer.setSeriesPaint(i, paint);
            renderer.setSeriesFillPaint(i, paint);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(fromZero);
        NumberAxis y = new NumberAxis(yLabel);
        if (probability) {
            y.setRange(0.0, 1.0);
        } else {
            y.setAutoRangeIncludesZero(false);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Appends a chart as an inline SVG in a figure marked {@code data-chart="id"}. */
    private static void figure(StringBuilder h, String id, JFreeChart chart) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(id + "-"); // clip paths and gradients of several inline charts must not share ids
        chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        h.append("<figure class=\"chart\" data-chart=\"").append(esc(id)).append("\">\n")
                .append(g2.getSVGElement("chart-" + id, true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null))
                .append("\n</figure>\n");
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : String.valueOf(v);
    }

    /** Text for HTML: the five characters with a meaning in markup as entities. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24;
                   margin: 0; background: #fafafa; }
            header { background: #12355b; color: #fff; padding: 18px 32px 10px; }
            header h1 { margin: 0 0 4px; font-size: 24px; }
            header p { margin: 2px 0; }
            header .run { font-size: 13px; opacity: .85; }
            header .partial { background: #b00020; display: inline-block; padding: 2px 8px; }
            nav a { color: #cfe3ff; margin-right: 14px; font-size: 14px; }
            main { max-width: 1100px; margin: 0 auto; padding: 8px 32px 48px; }
            section { margin-top: 28px; }
            h2 { border-bottom: 2px solid #12355b; padding-bottom: 4px; font-size: 20px; }
            h3 { font-size: 16px; margin-bottom: 6px; }
            table { border-collapse: collapse; margin: 10px 0 18px; font-size: 13.5px; background: #fff; }
            caption { text-align: left; font-weight: 600; padding: 4px 0; }
            th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
            thead th { background: #eef2f7; }
            td.estimate, td.mcse, td.interval { font-variant-numeric: tabular-nums; text-align: right; }
            tr.default td { color: #57606a; }
            tr.set td { background: #fff8c5; }
            tr.late td { background: #ffe0e0; }
            pre { background: #fff; border: 1px solid #d0d7de; padding: 10px; overflow-x: auto; font-size: 12.5px; }
            figure.chart { margin: 14px 0; background: #fff; border: 1px solid #d0d7de; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            .warnings { background: #fff4e5; border-left: 4px solid #e08a00; padding: 4px 16px; }
            @media print { header { background: none; color: #000; } nav { display: none; } }
            """;
}
