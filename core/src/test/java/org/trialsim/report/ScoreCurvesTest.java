package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The mean-trajectory curves of {@code run} and report.html ({@link ScoreCurves}; the chart drawn from them is in the charts module):
 * without dropout, the mean over 40 trials of 200 patients of each arm's mean score at each week is the
 * model's mean (baseline mean + change) within 4 standard errors (the SE of a trial's arm mean is
 * sqrt(var) / sqrt(100), that of their average over 40 trials sqrt(var) / sqrt(4,000)); the band holds the mean;
 * every patient is seen; the chart has one series per arm with a point per week.
 */
class ScoreCurvesTest {

    static final String SCORES = """
            name: curves
            design: {sample_sizes: [200]}
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
    void meanScoresByArmAndVisit() {
        Scenario s = ScenarioParser.parse(SCORES, "test.yaml");
        PowerStudy study = PowerStudy.of(s);
        List<TrialReplay> replays = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            replays.add(study.replay(r, 200));
        }
        List<ScoreCurves> curves = ScoreCurves.of(replays);
        assertEquals(1, curves.size());
        ScoreCurves c = curves.get(0);
        assertEquals("madrs", c.outcome());
        assertEquals(List.of(0.0, 1.0, 2.0, 4.0), java.util.Arrays.stream(c.weeks()).boxed().toList());
        double[][] change = {{0, -6, -10, -14}, {0, -3, -5, -7}};
        for (int a = 0; a < 2; a++) {
            ScoreCurves.ArmScores arm = c.arms().get(a);
            for (int w = 0; w < 4; w++) {
                double sd = Math.sqrt(16 + (w == 0 ? 0 : 36));
                assertEquals(30 + change[a][w], arm.mean()[w], 4 * sd / Math.sqrt(40 * 100.0), arm.arm() + " week " + w);
                assertTrue(arm.lower()[w] <= arm.mean()[w] && arm.mean()[w] <= arm.upper()[w]);
                assertEquals(100, arm.seen()[w], 1e-9, "every patient seen (blocks of the default size: 100 per arm)");
            }
        }
    }
}
