package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;

/**
 * The built-in scenario {@code ketamine-madrs-mmrm} reproduces the figures it cites and runs its analyses.
 */
class KetamineMadrsMmrmTest {

    /**
     * Singh et al. 2016, day 15: MADRS change -18.4 (SD 12.0) with twice-weekly ketamine, -5.7 (SD 10.2) with
     * placebo, as observed (rounded, within 0-60). 40,000 patients, about 20,000 per arm, no dropout involved
     * (latent scores); tolerances 4 standard errors (mean: SD / sqrt(m); SD: SD / sqrt(2m)) plus 0.05 for the
     * calibration's own precision (core/src/test/r/ketamine-madrs-mmrm-calibration.R).
     */
    @Test
    void weekTwoChangesAreSinghs() {
        Scenario s = ScenarioLibrary.load("ketamine-madrs-mmrm");
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 7, 0);
        double[] base = c.doubles(ScoreTrajectoryProcess.column("madrs", 0));
        double[] week2 = c.doubles(ScoreTrajectoryProcess.column("madrs", 2));
        double[][] published = {{-18.4, 12.0}, {-5.7, 10.2}};
        for (int arm = 0; arm < 2; arm++) {
            double sum = 0;
            double squares = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (c.arm[i] == arm) {
                    double d = week2[i] - base[i];
                    sum += d;
                    squares += d * d;
                    m++;
                }
            }
            double mean = sum / m;
            double sd = Math.sqrt(squares / m - mean * mean);
            double tolMean = 4 * published[arm][1] / Math.sqrt(m) + 0.05;
            double tolSd = 4 * published[arm][1] / Math.sqrt(2.0 * m) + 0.05;
            assertEquals(published[arm][0], mean, tolMean, "mean change at week 2, arm " + arm);
            assertEquals(published[arm][1], sd, tolSd, "SD of the change at week 2, arm " + arm);
        }
    }

    /** Its MMRM, response and remission run at every size, every fit converges, and the MMRM has power. */
    @Test
    void itsAnalysesRun() {
        StudyResult r = PowerStudy.of(ScenarioLibrary.load("ketamine-madrs-mmrm")).replicates(200).seed(3)
                .nullHypothesis(false).run();
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("MMRM")), r.warnings().toString());
        MeasureRow at64 = r.rows().stream().filter(x -> x.nTotal() == 64 && x.measure().equals("power:madrs_week4"))
                .findFirst().orElseThrow();
        assertTrue(at64.estimate().estimate() > 0.9, "a difference of about 13 points at SD 11-12: " + at64);
    }
}
