package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.ScenarioParser;

/**
 * Replicates whose MMRM cannot be fitted are counted, warned about with their number per sample size, and kept
 * in the denominator as not rejected (#14's bad-input list: "an MMRM that cannot be fitted in a replicate").
 *
 * <p>The scenario makes such replicates on purpose: 10 patients per arm, 4 weekly visits, dropout at a
 * constant hazard of 0.3 per week, so a patient is still seen at week 4 with probability {@code exp(-1.2)}
 * and an arm has nobody at week 4 with probability {@code (1 - exp(-1.2))^10}; then the treatment difference
 * there is not estimable and the fit cannot be made. The share of replicates where that happens in either
 * arm, {@code 1 - (1 - (1 - exp(-1.2))^10)^2 = 0.0548}, is a lower bound on the share of failed fits and,
 * with compound symmetry (two covariance parameters, at least 20 observations for 9 coefficients otherwise),
 * the share itself: the count must lie within 4 binomial standard errors of it.
 */
class MmrmFailedFitTest {

    static final String SCENARIO = """
            name: mmrm-failed-fits
            design: {sample_sizes: [20], alpha: 0.05, sides: 2}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    visits: [1, 2, 3, 4]
                    baseline: {mean: 30, sd: 6}
                    change: [-6, -9, -12, -14]
                    sd: 10
                    correlation: {structure: ar1, rho: 0.6}
              ctl:
                control: true
                score_trajectories:
                  madrs:
                    visits: [1, 2, 3, 4]
                    baseline: {mean: 30, sd: 6}
                    change: [-4, -6, -8, -10]
                    sd: 10
                    correlation: {structure: ar1, rho: 0.6}
            dropout: {per_week: 0.3}
            endpoints:
              change: {kind: score_change, outcome: madrs, test: TEST, at_week: 4}
            """;

    @Test
    void failedFitsAreCountedWarnedAndKeptInTheDenominator() {
        for (String test : List.of("mmrm_cs", "mmrm_cs_kr")) {
            int replicates = 2000;
            StudyResult r = PowerStudy.of(ScenarioParser.parse(SCENARIO.replace("TEST", test), "failed.yaml"))
                .replicates(replicates).seed(14L).nullHypothesis(false).run();
            String warning = r.warnings().stream().filter(w -> w.contains("MMRM")).findFirst()
                .orElseThrow(() -> new AssertionError("no MMRM warning in " + r.warnings()));
            Matcher m = Pattern.compile("endpoint change at n=20: an MMRM fit that did not converge or could not be "
                + "made in (\\d+) of 2000 replicates \\(([0-9.]+)%\\), counted as not rejected").matcher(warning);
            assertTrue(m.find(), warning);
            int failed = Integer.parseInt(m.group(1));
            double p = 1 - Math.pow(1 - Math.pow(1 - Math.exp(-1.2), 10), 2);
            assertEquals(0.0548, p, 5e-5);
            double se = Math.sqrt(p * (1 - p) / replicates);
            assertTrue(Math.abs((double) failed / replicates - p) <= 4 * se, test + ": " + failed + " failed fits, expected "
                + p * replicates + " +- " + 4 * se * replicates);
            Estimate power = r.rows().stream().filter(x -> x.measure().equals("power:change")).findFirst()
                .map(MeasureRow::estimate).orElseThrow();
            assertEquals(replicates, power.replicates(), test + ": every replicate in the denominator");
            assertTrue(power.estimate() * replicates <= replicates - failed + 1e-9,
                test + ": a failed fit does not reject");
        }
    }
}
