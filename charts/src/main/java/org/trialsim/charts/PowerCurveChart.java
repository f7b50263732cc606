package org.trialsim.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import org.trialsim.report.Reporter;

/**
 * The power curve: every power measure against the total sample size, each with its 95% Monte Carlo band
 * (the interval of the {@link Estimate}), and a dashed line at the target power. In a sweep there is one
 * curve per cell and measure. Measures named {@code power:...} are drawn (not the unadjusted powers, which
 * would double the legend); a result without any draws every measure whose figures are all probabilities
 * (for example {@code type1:...} under the null).
 */
public final class PowerCurveChart implements Reporter {

    /** The chart title's prefix; the scenario name follows. */
    public static final String TITLE = "Power curve";

    private static final Paint[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    };

    private final ChartImage format;
    private final double targetPower;
    private final String primary;

    /**
     * A power-curve reporter.
     *
     * @param format PNG or SVG
     * @param targetPower the target power drawn as a line, or {@code NaN} for none
     */
    public PowerCurveChart(ChartImage format, double targetPower) {
        this(format, targetPower, null);
    }

    /**
     * A power-curve reporter that draws the primary endpoint's power first, labelled as such, with a heavier
     * line: the curve a planner reads the sample size from.
     *
     * @param format PNG or SVG
     * @param targetPower the target power drawn as a line, or {@code NaN} for none
     * @param primary the primary measure, for example {@code power:response} ({@code Scenario.primaryMeasure()}),
     *     or {@code null} for none
     */
    public PowerCurveChart(ChartImage format, double targetPower, String primary) {
        this.format = format;
        this.targetPower = targetPower;
        this.primary = primary;
    }

    @Override
    public String extension() {
        return format.extension();
    }

    @Override
    public void write(StudyResult result, OutputStream out) throws IOException {
        format.write(chart(result, targetPower, primary), ChartImage.WIDTH, ChartImage.HEIGHT, out);
    }

    /**
     * Builds the chart.
     *
     * @param result the study result
     * @param targetPower the target power drawn as a line, or {@code NaN} for none
     * @return the chart
     */
    public static JFreeChart chart(StudyResult result, double targetPower) {
        return chart(result, targetPower, null);
    }

    /**
     * Builds the chart with the primary measure's curve first and labelled {@code (primary)}.
     *
     * @param result the study result
     * @param targetPower the target power drawn as a line, or {@code NaN} for none
     * @param primary the primary measure, or {@code null} for none
     * @return the chart
     */
    public static JFreeChart chart(StudyResult result, double targetPower, String primary) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<MeasureRow>> e : curves(result, primary).entrySet()) {
            YIntervalSeries series = new YIntervalSeries(e.getKey());
            for (MeasureRow row : e.getValue()) {
                Estimate est = row.estimate();
                if (Double.isFinite(est.estimate())) {
                    series.add(row.nTotal(), est.estimate(), est.ciLower(), est.ciUpper());
                }
            }
            data.addSeries(series);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.18f);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Paint paint = PALETTE[i % PALETTE.length];
            renderer.setSeriesPaint(i, paint);
            renderer.setSeriesFillPaint(i, paint);
            boolean isPrimary = primary != null && data.getSeriesKey(i).toString().endsWith(PRIMARY_LABEL);
            renderer.setSeriesStroke(i, new BasicStroke(isPrimary ? 3.5f : 2f));
        }
        NumberAxis x = new NumberAxis("Total sample size (patients)");
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("Power (95% Monte Carlo band)");
        y.setRange(0.0, 1.0);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (Double.isFinite(targetPower)) {
            ValueMarker target = new ValueMarker(targetPower, Color.DARK_GRAY, new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            target.setLabel(String.format(Locale.ROOT, "target %.2f", targetPower));
            target.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            target.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(target, Layer.FOREGROUND);
        }
        JFreeChart chart = new JFreeChart(TITLE + ": " + result.scenarioName(), JFreeChart.DEFAULT_TITLE_FONT, plot,
                true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle(result), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return chart;
    }

    /** Hex digits of the scenario hash shown in the subtitle. */
    public static final int HASH_DIGITS = 12;

    /**
     * The line under the title, which lets a chart copied into a report be traced to its run: replicates, seed,
     * model, trialsim version and the first {@value #HASH_DIGITS} hex digits of the scenario's SHA-256 (48 bits:
     * enough to tell a project's scenarios apart and to find the full hash in the run's CSV or JSON, short
     * enough to stay on one line).
     *
     * @param result the study result
     * @return the subtitle text
     */
    public static String subtitle(StudyResult result) {
        var p = result.provenance();
        String hash = p.scenarioHash();
        return String.format(Locale.ROOT, "%d replicates, seed %d%s; %s model; trialsim %s; scenario sha256 %s",
                p.replicates(), p.seed(), p.partial() ? " (PARTIAL: interrupted)" : "", p.model(),
                p.trialsimVersion(), hash.length() > HASH_DIGITS ? hash.substring(0, HASH_DIGITS) : hash);
    }

    /** What follows the primary measure's name in the legend. */
    static final String PRIMARY_LABEL = " (primary)";

    /** The rows of each curve, keyed by its legend label, in order of first appearance. */
    static Map<String, List<MeasureRow>> curves(StudyResult result) {
        return curves(result, null);
    }

    /**
     * The rows of each curve, keyed by its legend label: the primary measure's curves first (labelled
     * {@code (primary)}), then the others in order of first appearance.
     */
    static Map<String, List<MeasureRow>> curves(StudyResult result, String primary) {
        List<MeasureRow> chosen = result.rows().stream().filter(r -> r.measure().startsWith("power:")).toList();
        if (chosen.isEmpty()) {
            Map<String, Boolean> probability = new LinkedHashMap<>();
            for (MeasureRow r : result.rows()) {
                double v = r.estimate().estimate();
                boolean p = Double.isNaN(v) || (v >= 0 && v <= 1);
                probability.merge(r.measure(), p, Boolean::logicalAnd);
            }
            chosen = result.rows().stream().filter(r -> probability.get(r.measure())).toList();
        }
        Map<String, List<MeasureRow>> curves = new LinkedHashMap<>();
        for (boolean primaryPass : new boolean[] {true, false}) {
            for (MeasureRow r : chosen) {
                boolean isPrimary = r.measure().equals(primary);
                if (isPrimary != primaryPass) {
                    continue;
                }
                String measure = isPrimary ? r.measure() + PRIMARY_LABEL : r.measure();
                String label = r.cell().isEmpty() ? measure : r.cell() + "  " + measure;
                curves.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
            }
        }
        return curves;
    }
}
