package org.trialsim.process.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.power.Estimate;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;

/**
 * The MMRM as a registered analysis of {@code score_change}: power against the large-sample formula of Lu, Luo
 * and Chen (2008) and type I error at alpha, on score trajectories with monotone dropout.
 *
 * <p>Reference: Lu K, Luo X, Chen P-Y. "Sample size estimation for repeated measures analysis in randomized
 * clinical trials with missing data." Int J Biostat 2008;4(1):Article 9 (the formula of R's
 * {@code longpower::power.mmrm}, which is not packaged for Debian, so it is computed here from the paper with
 * commons-math3): with retention {@code r_j} at visit j ({@code r_(J+1) = 0}) and {@code Sigma_j^{-1}} the
 * inverse of the leading j x j block of the covariance of the changes padded with zeros to J x J,
 * {@code I = sum_j (r_j - r_(j+1)) Sigma_j^{-1}}, {@code phi = [I^{-1}]_JJ}, and
 * {@code Var(delta_hat) = phi (1/n_a + 1/n_b)}; power {@code Phi(|delta|/se - z) + Phi(-|delta|/se - z)}. R by hand
 * (the same sums with {@code solve}) gives the same reference, 0.7465742 for the scenario below.
 *
 * <p>Tolerances: the simulated power is accepted within 4 Monte Carlo standard errors plus 0.01 for the
 * formula's own approximation (normal quantiles and known covariance where the test uses t with Satterthwaite
 * df of about 160 and a REML estimate: about 0.005 lower power at these figures); the type I error within 3
 * MCSE of alpha, as in {@code TypeOneErrorTest}.
 */
class MmrmPowerTest {

    static final String SCENARIO = """
            name: mmrm-power
            design: {sample_sizes: [200], alpha: 0.05, sides: 2}
            arms:
              trt:
                score_trajectories:
                  madrs:
                    visits: [1, 2, 4, 6]
                    baseline: {mean: 30, sd: 6}
                    change: [-6, -9, -12, -14]
                    sd: 10
                    correlation: {structure: ar1, rho: 0.6}
              ctl:
                control: true
                score_trajectories:
                  madrs:
                    visits: [1, 2, 4, 6]
                    baseline: {mean: 30, sd: 6}
                    change: [-4, -6, -8, -10]
                    sd: 10
                    correlation: {structure: ar1, rho: 0.6}
            dropout: {per_week: 0.03}
            endpoints:
              change: {kind: score_change, outcome: madrs, test: mmrm, at_week: 6}
            """;

    /** Lu, Luo and Chen's power of the contrast at the last visit, from the scenario's figures. */
    static double luLuoChen(double[] weeks, double sd, double rho, double hazard, double delta, int perArm,
            double alpha) {
        int t = weeks.length;
        RealMatrix information = MatrixUtils.createRealMatrix(t, t);
        for (int j = 1; j <= t; j++) {
            double retained = Math.exp(-hazard * weeks[j - 1]);
            double next = j < t ? Math.exp(-hazard * weeks[j]) : 0;
            RealMatrix block = MatrixUtils.createRealMatrix(j, j);
            for (int a = 0; a < j; a++) {
                for (int b = 0; b < j; b++) {
                    block.setEntry(a, b, sd * sd * Math.pow(rho, Math.abs(a - b)));
                }
            }
            RealMatrix inverse = MatrixUtils.inverse(block);
            for (int a = 0; a < j; a++) {
                for (int b = 0; b < j; b++) {
                    information.addToEntry(a, b, (retained - next) * inverse.getEntry(a, b));
                }
            }
        }
        double phi = MatrixUtils.inverse(information).getEntry(t - 1, t - 1);
        double se = Math.sqrt(phi * 2.0 / perArm);
        NormalDistribution z = NormalDistribution.of(0, 1);
        double q = z.inverseSurvivalProbability(alpha / 2);
        return z.cumulativeProbability(Math.abs(delta) / se - q) + z.cumulativeProbability(-Math.abs(delta) / se - q);
    }

    @Test
    void powerAgreesWithLuLuoChenAndTypeOneErrorWithAlpha() {
        Scenario s = ScenarioParser.parse(SCENARIO, "mmrm-power.yaml");
        int replicates = 4000;
        StudyResult r = PowerStudy.of(s).replicates(replicates).seed(20261206L).nullHypothesis(true).run();
        Estimate power = row(r, "power:change");
        Estimate size = row(r, "type1:change");
        double reference = luLuoChen(new double[] {1, 2, 4, 6}, 10, 0.6, 0.03, -4, 100, 0.05);
        assertEquals(0.7465742, reference, 1e-6, "the formula as computed in R by hand");
        double mcse = Math.sqrt(reference * (1 - reference) / replicates);
        System.out.printf("MMRM power %.4f vs Lu-Luo-Chen %.4f (%+.2f MCSE); type I error %.4f%n", power.estimate(),
            reference, (power.estimate() - reference) / mcse, size.estimate());
        assertTrue(Math.abs(power.estimate() - reference) <= 4 * mcse + 0.01, power + " vs " + reference);
        assertTrue(Math.abs(size.estimate() - 0.05) <= 3 * Math.sqrt(0.05 * 0.95 / replicates), size.toString());
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("MMRM")), "every fit converged: " + r.warnings());
    }

    @Test
    void mmrmNeedsAKindWithVisits() {
        String yaml = SCENARIO.replace("score_trajectories:\n      madrs:\n        visits: [1, 2, 4, 6]",
            "continuous_outcomes:\n      madrs: {mean: 1, sd: 2, baseline: {mean: 0, sd: 1, correlation: 0.5}}\n"
                + "    score_trajectories:\n      madrs:\n        visits: [1, 2, 4, 6]")
            .replace("{kind: score_change, outcome: madrs, test: mmrm, at_week: 6}",
                "{kind: change_from_baseline, outcome: madrs, test: mmrm_cs, at_week: 6}");
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
            () -> ScenarioParser.parse(yaml, "t.yaml"));
        assertTrue(e.getMessage().contains("found test mmrm_cs on endpoint kind change_from_baseline, which has no"
            + " repeated measures at visits; allowed mmrm_cs only with kinds score_change"), e.getMessage());
    }

    private static Estimate row(StudyResult r, String measure) {
        return r.rows().stream().filter(x -> x.measure().equals(measure)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + measure + " in " + r.rows())).estimate();
    }
}
