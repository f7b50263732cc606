package org.trialsim.charts;

import org.trialsim.report.ScoreCurves;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The chart of a score trajectory's mean observed score by arm and visit ({@link ScoreCurves}): a line with a
 * marker at each visit per arm and the band in which 95% of the trials' arm means lie. The chart code only, in
 * a class of its own (the data are computed without the chart library).
 */
public final class ScoreTrajectoryChart {

    /** The file name (without extension) of the chart {@code run} writes: the first trajectory's. */
    public static final String FILE = "mean-scores";

    private static final Paint[] ARM_COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
    };

    private ScoreTrajectoryChart() {
    }

    /** The title of a trajectory's chart. */
    public static String title(ScoreCurves curves, int replicates) {
        return "Mean " + curves.outcome() + " score by visit (observed, mean of " + replicates + " trials)";
    }

    /**
     * The chart.
     *
     * @param curves the mean scores
     * @param replicates the trials they average
     * @param subtitle a line under the title (provenance), or {@code null}
     */
    public static JFreeChart chart(ScoreCurves curves, int replicates, String subtitle) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (ScoreCurves.ArmScores arm : curves.arms()) {
            YIntervalSeries s = new YIntervalSeries(arm.arm(), false, true);
            for (int w = 0; w < curves.weeks().length; w++) {
                if (Double.isFinite(arm.mean()[w])) {
                    s.add(curves.weeks()[w], arm.mean()[w], arm.lower()[w], arm.upper()[w]);
                }
            }
            data.addSeries(s);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.18f);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Paint paint = ARM_COLOURS[i % ARM_COLOURS.length];
            renderer.setSeriesPaint(i, paint);
            renderer.setSeriesFillPaint(i, paint);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        NumberAxis x = new NumberAxis("Weeks since randomization (0: baseline)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("Mean score of the patients seen (95% of trials)");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title(curves, replicates), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        }
        return chart;
    }
}
