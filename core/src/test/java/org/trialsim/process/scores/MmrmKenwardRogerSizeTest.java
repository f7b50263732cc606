package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.power.Estimate;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.ScenarioParser;

/**
 * Kenward-Roger in a small trial, where it matters: 12 patients per arm, four visits, an unstructured
 * covariance (10 parameters), dropout of 5% a week, no treatment effect. The model-based SE ignores the
 * uncertainty of the estimated covariance, so Satterthwaite's test tends to be liberal here (0.0535 with these
 * seeds); Kenward and Roger's adjusted SE and df are built to hold the size (0.0503) (Kenward and Roger 1997, section 5, simulations with
 * unstructured covariance and 12 subjects per group). Asserted: the KR type I error within 3 Monte Carlo SE of
 * alpha = 0.05 (as {@code TypeOneErrorTest}), and not above Satterthwaite's on the same trials (the same
 * seeds: the same data, only the inference differs).
 */
class MmrmKenwardRogerSizeTest {

    static final String SCENARIO = """
            name: mmrm-kr-size
            design: {sample_sizes: [24], alpha: 0.05, sides: 2}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    visits: [1, 2, 3, 4]
                    baseline: {mean: 30, sd: 6}
                    change: [-4, -6, -8, -10]
                    sd: [8, 9, 10, 11]
                    correlation: {structure: ar1, rho: 0.6}
              ctl:
                control: true
                score_trajectories:
                  madrs:
                    visits: [1, 2, 3, 4]
                    baseline: {mean: 30, sd: 6}
                    change: [-4, -6, -8, -10]
                    sd: [8, 9, 10, 11]
                    correlation: {structure: ar1, rho: 0.6}
            dropout: {per_week: 0.05}
            endpoints:
              change: {kind: score_change, outcome: madrs, test: TEST, at_week: 4}
            """;

    @Test
    void kenwardRogerHoldsTheSizeInASmallTrial() {
        int replicates = 4000;
        double kr = size("mmrm_kr", replicates);
        double satterthwaite = size("mmrm", replicates);
        double mcse = Math.sqrt(0.05 * 0.95 / replicates);
        System.out.printf("small trial, type I error: Kenward-Roger %.4f, Satterthwaite %.4f (MCSE %.4f)%n", kr,
            satterthwaite, mcse);
        assertTrue(Math.abs(kr - 0.05) <= 3 * mcse, "KR size " + kr);
        assertTrue(kr <= satterthwaite, "KR " + kr + " vs Satterthwaite " + satterthwaite);
    }

    /**
     * The simulated type I error: the arms are identical, so every rejection is a type I error, in either
     * direction ({@code power} counts the beneficial one, {@code reject_harm} the other).
     */
    private static double size(String test, int replicates) {
        StudyResult r = PowerStudy.of(ScenarioParser.parse(SCENARIO.replace("TEST", test), "kr-size.yaml"))
            .replicates(replicates).seed(1997L).nullHypothesis(false).run();
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("MMRM")), "every fit converged: " + r.warnings());
        return row(r, "power:change").estimate() + row(r, "reject_harm:change").estimate();
    }

    private static Estimate row(StudyResult r, String measure) {
        return r.rows().stream().filter(x -> x.measure().equals(measure)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + measure + " in " + r.rows())).estimate();
    }
}
