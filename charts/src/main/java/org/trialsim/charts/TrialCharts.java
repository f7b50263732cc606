package org.trialsim.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.trialsim.report.StateOccupancy;
import org.trialsim.report.SurvivalCurve;

/**
 * Charts of one simulated trial: Kaplan-Meier curves by arm (a step function, Kaplan and Meier 1958) and
 * state occupancy over time by arm (colour per arm, line style per state).
 */
public final class TrialCharts {

    /** Title of the depressive-relapse chart. */
    public static final String RELAPSE_TITLE = "Depressive relapse (Kaplan-Meier)";
    /** Title of the benzodiazepine-relapse chart. */
    public static final String BENZODIAZEPINE_TITLE = "Relapse to benzodiazepine use (Kaplan-Meier)";
    /**
     * The title of the Kaplan-Meier chart of a time-to-event outcome, from its name: {@code Time to pfs
     * (Kaplan-Meier)}.
     */
    public static String eventTitle(String outcome) {
        return "Time to " + outcome + " (Kaplan-Meier)";
    }

    /** Title of the state-occupancy chart. */
    public static final String OCCUPANCY_TITLE = "State occupancy by arm";

    private static final Paint[] ARM_COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
    };
    private static final Stroke[] STATE_STROKES = {
        new BasicStroke(2f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f),
    };

    private TrialCharts() {
    }

    /**
     * Kaplan-Meier curves, one per arm.
     *
     * @param title the chart title
     * @param timeAxis the label of the time axis
     * @param curves the curves
     * @param horizon the time to which the last step is drawn
     * @param subtitle a line under the title (for example the scenario and seed)
     * @return the chart
     */
    public static JFreeChart kaplanMeier(String title, String timeAxis, List<SurvivalCurve> curves, double horizon,
            String subtitle) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (SurvivalCurve c : curves) {
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (n=%d)", c.label(), c.subjects()), false, true);
            s.add(0, 1);
            for (int k = 0; k < c.times().length; k++) {
                s.add(c.times()[k], c.survival()[k]);
            }
            double last = c.times().length == 0 ? 1 : c.survival()[c.times().length - 1];
            double end = Math.max(horizon, c.times().length == 0 ? 0 : c.times()[c.times().length - 1]);
            if (Double.isFinite(end) && end > 0) {
                s.add(end, last);
            }
            data.addSeries(s);
        }
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < curves.size(); i++) {
            renderer.setSeriesPaint(i, ARM_COLOURS[i % ARM_COLOURS.length]);
            renderer.setSeriesStroke(i, STATE_STROKES[0]);
        }
        NumberAxis y = new NumberAxis("Probability event-free");
        y.setRange(0.0, 1.0);
        return chart(title, subtitle, new XYPlot(data, new NumberAxis(timeAxis), y, renderer));
    }

    /**
     * State occupancy over time: one colour per arm, one line style per state.
     *
     * @param occupancy one occupancy per arm
     * @param subtitle a line under the title
     * @return the chart
     */
    public static JFreeChart occupancy(List<StateOccupancy> occupancy, String subtitle) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int a = 0; a < occupancy.size(); a++) {
            StateOccupancy o = occupancy.get(a);
            double[][] states = {o.responding(), o.relapsed(), o.benzodiazepineFree()};
            String[] names = {"responding", "relapsed", "benzodiazepine-free (of users)"};
            for (int k = 0; k < states.length; k++) {
                if (k == 2 && o.benzodiazepineUsers() == 0) {
                    continue;
                }
                XYSeries s = new XYSeries(o.arm() + ": " + names[k], false, true);
                for (int j = 0; j < o.weeks().length; j++) {
                    s.add(o.weeks()[j], states[k][j]);
                }
                int index = data.getSeriesCount();
                data.addSeries(s);
                renderer.setSeriesPaint(index, ARM_COLOURS[a % ARM_COLOURS.length]);
                renderer.setSeriesStroke(index, STATE_STROKES[k]);
            }
        }
        NumberAxis y = new NumberAxis("Share of patients");
        y.setRange(0.0, 1.0);
        return chart(OCCUPANCY_TITLE, subtitle, new XYPlot(data, new NumberAxis("Weeks since randomization"), y,
                renderer));
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return chart;
    }
}
