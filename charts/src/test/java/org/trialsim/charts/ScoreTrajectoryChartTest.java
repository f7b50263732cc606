package org.trialsim.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.TrialReplay;
import org.trialsim.report.ScoreCurves;
import org.trialsim.scenario.ScenarioParser;

/**
 * The mean-trajectory chart draws what {@link ScoreCurves} computed (their means are checked against the model
 * in core's {@code ScoreCurvesTest}): one series per arm, a point per visit and baseline, titled from the outcome.
 */
class ScoreTrajectoryChartTest {

    private static final String SCORES = """
            name: curves
            design: {sample_sizes: [40]}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    visits: [1, 2, 4]
                    baseline: {mean: 30, sd: 4}
                    change: [-6, -10, -14]
                    sd: 6
                    correlation: {structure: ar1, rho: 0.5}
              ctl:
                score_trajectories:
                  madrs:
                    visits: [1, 2, 4]
                    baseline: {mean: 30, sd: 4}
                    change: [-3, -5, -7]
                    sd: 6
                    correlation: {structure: ar1, rho: 0.5}
            endpoints:
              change: {kind: score_change, outcome: madrs, test: mmrm, at_week: 4}
            """;

    @Test
    void oneSeriesPerArmAndOnePointPerVisit() {
        PowerStudy study = PowerStudy.of(ScenarioParser.parse(SCORES, "test.yaml"));
        List<TrialReplay> replays = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            replays.add(study.replay(r, 40));
        }
        ScoreCurves c = ScoreCurves.of(replays).get(0);
        JFreeChart chart = ScoreTrajectoryChart.chart(c, 5, "subtitle");
        XYPlot plot = (XYPlot) chart.getPlot();
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals(4, plot.getDataset().getItemCount(0));
        assertEquals(c.arms().get(0).mean()[3], plot.getDataset().getYValue(0, 3), 1e-12);
        assertTrue(chart.getTitle().getText().contains("madrs"), chart.getTitle().getText());
    }
}
