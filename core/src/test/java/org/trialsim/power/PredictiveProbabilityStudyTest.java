package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.stats.bayes.BetaPrior;
import org.trialsim.stats.bayes.PredictiveProbabilityDesign;

/**
 * Lee and Liu's predictive-probability design run from a scenario file: the simulated operating
 * characteristics agree with the exact enumeration ({@link PredictiveProbabilityDesign}, itself checked
 * against base R in {@code PredictiveProbabilityDesignTest}) within Monte Carlo error, and bad input is
 * reported with file, line and key.
 *
 * <p>Tolerance: 4 Monte Carlo standard errors of the simulated figure (a proportion's sqrt(p(1-p)/R) at the
 * exact p; the expected sample size's own MCSE), so a correct engine fails about once in 16,000 checks.
 */
class PredictiveProbabilityStudyTest {

    private static final long SEED = 20261206L;
    private static final int REPLICATES = 20_000;

    /** Lee and Liu's setting: p0 0.2, Beta(0.2, 0.8), Nmax 36, thetaT 0.9, thetaL 0.001, looks from 10. */
    private static String scenario(double p, String predictive) {
        return """
                name: lee-liu
                design: {sample_sizes: [36], sides: 1}
                arms:
                  drug:
                    binary_outcomes:
                      response: {probability: %s}
                endpoints:
                  response:
                    kind: binary
                    test: predictive_probability
                    p0: 0.2
                    predictive: %s
                """.formatted(p, predictive);
    }

    private static final String LEE_LIU = "{n_max: 36, prior: {mean: 0.2, ess: 1}, theta_t: 0.9, theta_l: 0.001, "
            + "first_look: 10}";

    @Test
    void simulationAgreesWithExactEnumeration() {
        PredictiveProbabilityDesign exact = new PredictiveProbabilityDesign(36, 0.2, new BetaPrior(0.2, 0.8), 0.9,
                0.001, 1, PredictiveProbabilityDesign.looksEvery(10, 1, 36));
        PredictiveProbabilityDesign.OperatingCharacteristics h0 = exact.operatingCharacteristics(0.2);
        PredictiveProbabilityDesign.OperatingCharacteristics h1 = exact.operatingCharacteristics(0.4);
        // R (bayes-predictive-references.R, D4): type I 0.0877792621402586, power 0.9061814993930734
        assertEquals(0.0877792621402586, h0.rejection(), 1e-12);
        assertEquals(0.9061814993930734, h1.rejection(), 1e-12);
        StudyResult r = PowerStudy.of(ScenarioParser.parse(scenario(0.4, LEE_LIU), "lee-liu.yaml"))
                .replicates(REPLICATES).seed(SEED).run();
        proportion(r, "power:response", h1.rejection());
        proportion(r, "pet", h1.pet());
        proportion(r, "early_success", h1.earlyEfficacy());
        mean(r, "expected_n", h1.expectedN());
        proportion(r, "type1:response", h0.rejection());
        proportion(r, "pet:null", h0.pet());
        mean(r, "expected_n:null", h0.expectedN());
    }

    /** Efficacy stops (theta_u < 1) and looks every 5: Table 1's setting as a design (D2 of the R script). */
    @Test
    void efficacyStopsAgreeWithExactEnumeration() {
        String text = scenario(0.8, "{n_max: 40, prior: {a: 0.6, b: 0.4}, theta_t: 0.9, theta_l: 0.1, "
                + "theta_u: 0.99, first_look: 10, every: 5}").replace("[36]", "[40]").replace("p0: 0.2", "p0: 0.6");
        StudyResult r = PowerStudy.of(ScenarioParser.parse(text, "d2.yaml")).replicates(REPLICATES).seed(SEED).run();
        // exact (R, D2): at 0.8 rejection 0.9235589948687049, early futility 0.0591905160647984, early
        // efficacy 0.7590734828507191, E(N) 26.5632375700762040; at 0.6 rejection 0.113596656289771
        proportion(r, "power:response", 0.9235589948687049);
        proportion(r, "early_success", 0.7590734828507191);
        proportion(r, "pet", 0.0591905160647984 + 0.7590734828507191);
        mean(r, "expected_n", 26.5632375700762040);
        proportion(r, "type1:response", 0.113596656289771);
    }

    /** theta_t calibrated to alpha 0.05 (C1 of the R script: s = 12, type I 0.035458242186967). */
    @Test
    void calibratedThetaT() {
        String text = scenario(0.4, "{n_max: 36, prior: {a: 0.2, b: 0.8}, alpha: 0.05, theta_l: 0.05, first_look: 10}");
        StudyResult r = PowerStudy.of(ScenarioParser.parse(text, "c1.yaml")).replicates(REPLICATES).seed(SEED).run();
        proportion(r, "type1:response", 0.035458242186967);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("theta_t calibrated to alpha 0.05: 0.922664")
                && w.contains("at least 12 of 36")), r.warnings().toString());
    }

    @Test
    void badInputNamesFileLineAndKey() {
        problem(scenario(0.4, "{n_max: 36, prior: {a: 0, b: 0.8}, theta_t: 0.9}"), "endpoints.response.predictive.prior.a",
                "positive beta shape");
        problem(scenario(0.4, "{n_max: 36, prior: {mean: 0.2, ess: -1}, theta_t: 0.9}"),
                "endpoints.response.predictive.prior.ess", "positive effective sample size");
        problem(scenario(0.4, "{n_max: 36, prior: {a: 1, b: 1}, theta_t: 1.2}"), "endpoints.response.predictive.theta_t",
                "theta_t in (0, 1)");
        problem(scenario(0.4, "{n_max: 36, prior: {a: 1, b: 1}, theta_t: 0.9, theta_l: -0.1}"),
                "endpoints.response.predictive.theta_l", "[0, 1)");
        problem(scenario(0.4, "{n_max: 36, prior: {a: 1, b: 1}, alpha: 0, theta_t: 0.9}"),
                "endpoints.response.predictive", "exactly one");
        problem(scenario(0.4, "{n_max: 30, prior: {a: 1, b: 1}, theta_t: 0.9}"), "endpoints.response.predictive.n_max",
                "design.sample_sizes: [30]");
        problem(scenario(0.4, "{n_max: 36, prior: {a: 1, b: 1}, theta_t: 0.9, theta_l: 0.5, theta_u: 0.4}"),
                "endpoints.response.predictive.theta_u", "theta_l < theta_u");
        problem(scenario(0.4, "{n_max: 36, prior: {a: 1, b: 1}, theta_t: 0.9, first_look: 40}"),
                "endpoints.response.predictive.first_look", "first_look <= n_max");
        problem(scenario(0.4, "{n_max: 36, prior: {a: 1, b: 1, mean: 0.2}, theta_t: 0.9}"),
                "endpoints.response.predictive.prior", "either");
    }

    private static void problem(String text, String path, String message) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "bad.yaml"));
        List<Problem> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.source().equals("bad.yaml") && p.line() > 0
                && p.path().equals(path) && p.message().contains(message)), problems.toString());
    }

    private static void proportion(StudyResult r, String measure, double exact) {
        Estimate e = ReferenceCasesTest.row(r, measure, r.rows().get(0).nTotal());
        double se = Math.sqrt(exact * (1 - exact) / e.replicates());
        assertTrue(Math.abs(e.estimate() - exact) <= 4 * se + 1e-12,
                measure + ": simulated " + e.estimate() + " vs exact " + exact + " (4 MCSE = " + 4 * se + ")");
    }

    private static void mean(StudyResult r, String measure, double exact) {
        Estimate e = ReferenceCasesTest.row(r, measure, r.rows().get(0).nTotal());
        assertTrue(Math.abs(e.estimate() - exact) <= 4 * e.mcSe(),
                measure + ": simulated " + e.estimate() + " vs exact " + exact + " (4 MCSE = " + 4 * e.mcSe() + ")");
    }
}
