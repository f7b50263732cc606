package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.scenario.ScenarioLibrary;

/**
 * The built-in single-arm phase II of ketamine-assisted benzodiazepine discontinuation with predictive-probability
 * monitoring ({@code benzo-phase2-predictive}, Lee and Liu 2008) runs and gives the figures its file states:
 * theta_t calibrated exactly to 0.927277 (success with at least 20 of 40, exact type I error 0.044727 when every
 * patient is evaluable); simulated power 0.808, type I error 0.044, expected N 38.1 (22.6 under the null), PET
 * 0.111 (0.867 under the null), quoted from a run of 20,000 replicates. Here 4,000 replicates (the file's own
 * setting) at the file's seed: each simulated figure within 4 Monte Carlo standard errors of the quoted one (the
 * quoted figure's own error, at most 0.0035, is within that allowance's slack at R = 4,000: 4 x 0.0062).
 */
class BuiltInPredictiveFiguresTest {

    @Test
    void theBuiltInGivesTheFiguresItsFileQuotes() {
        StudyResult r = PowerStudy.of(ScenarioLibrary.load("benzo-phase2-predictive")).threads(2).run();
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("theta_t calibrated to alpha 0.05: 0.927277")
                && w.contains("success with at least 20 of 40") && w.contains("exact type I error 0.044727")),
                r.warnings().toString());
        near(r, "power:benzo_free", 0.808);
        near(r, "type1:benzo_free", 0.044);
        near(r, "pet", 0.111);
        near(r, "pet:null", 0.867);
        Estimate n = r.estimate(Measure.parse("expected_n"), 40).orElseThrow();
        assertEquals(38.1, n.estimate(), 4 * n.mcSe() + 0.05, n.toString());
        Estimate n0 = r.estimate(Measure.parse("expected_n:null"), 40).orElseThrow();
        assertEquals(22.6, n0.estimate(), 4 * n0.mcSe() + 0.05, n0.toString());
    }

    private static void near(StudyResult r, String measure, double quoted) {
        Estimate e = r.estimate(Measure.parse(measure), 40).orElseThrow(() -> new AssertionError(measure));
        double se = Math.sqrt(quoted * (1 - quoted) / e.replicates());
        assertEquals(quoted, e.estimate(), 4 * se, measure + " " + e);
    }
}
