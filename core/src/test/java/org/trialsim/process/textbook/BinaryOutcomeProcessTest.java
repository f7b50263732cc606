package org.trialsim.process.textbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.power.NullScenario;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * The binary outcomes process ({@code arms.<arm>.binary_outcomes.<name>}): draws, one stream per named outcome,
 * the assessment week of its endpoint, {@code check}'s section, the null scenario of a single-arm design, and
 * input errors. Powers against exact enumeration are in {@link TextbookReferenceTest}.
 */
class BinaryOutcomeProcessTest {

    private static final String TWO_OUTCOMES = """
            name: two-outcomes
            design: {sample_sizes: [100]}
            arms:
              trt:
                binary_outcomes:
                  responder: {probability: 0.5}
                  remitter: {probability: 0.2}
              ctl:
                binary_outcomes:
                  responder: {probability: 0.3}
                  remitter: {probability: 0.1}
            endpoints:
              responder: {kind: binary}
              remitter12: {kind: binary, outcome: remitter, at_week: 12, test: fisher}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    /**
     * The success proportions of each outcome and arm agree with their probabilities: 40,000 patients, 20,000 per
     * arm, within 4 binomial standard errors (a 6e-5 chance per comparison under a correct sampler, 4 of them).
     */
    @Test
    void successesFollowTheirProbabilities() {
        Scenario s = parse(TWO_OUTCOMES);
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 3, 1);
        double[][] p = {{0.5, 0.3}, {0.2, 0.1}};
        String[] names = {"responder", "remitter"};
        for (int o = 0; o < 2; o++) {
            boolean[] success = c.booleans(BinaryOutcomeProcess.column(names[o]));
            for (int arm = 0; arm < 2; arm++) {
                int m = 0;
                int x = 0;
                for (int i = 0; i < n; i++) {
                    if (c.arm[i] == arm) {
                        m++;
                        x += success[i] ? 1 : 0;
                    }
                }
                double se = Math.sqrt(p[o][arm] * (1 - p[o][arm]) / m);
                assertEquals(p[o][arm], (double) x / m, 4 * se, names[o] + " arm " + arm);
            }
        }
    }

    /** One stream per outcome: the responder column is the same bit for bit with or without the remitter. */
    @Test
    void eachOutcomeHasItsOwnStream() {
        Scenario alone = parse(TWO_OUTCOMES.replace("      remitter: {probability: 0.2}\n", "")
                .replace("      remitter: {probability: 0.1}\n", "")
                .replace("  remitter12: {kind: binary, outcome: remitter, at_week: 12, test: fisher}\n", ""));
        boolean[][] responder = new boolean[2][];
        int k = 0;
        for (Scenario s : new Scenario[] {parse(TWO_OUTCOMES), alone}) {
            Cohort c = new Cohort(200);
            SamplingPlan.compile(s).newSampler().sample(c, 200, 9, 2);
            responder[k++] = c.booleans(BinaryOutcomeProcess.column("responder")).clone();
        }
        assertArrayEquals(responder[0], responder[1]);
    }

    /** Assessed at randomization unless the endpoint names a week; check says so, and that there is no induction. */
    @Test
    void assessmentWeekAndCheck() {
        Scenario s = parse(TWO_OUTCOMES);
        assertEquals(0, s.endpoints().get(0).atWeek());
        assertEquals(12, s.endpoints().get(1).atWeek());
        assertEquals(0, s.schedule().inductionWeeks());
        String text = ScenarioSummary.of(s);
        assertTrue(text.contains("no induction (no process uses one)"), text);
        assertTrue(text.contains("Binary outcomes (probability of success; latent, before dropout):"), text);
        assertTrue(text.contains("  responder               0.500        0.300"), text);
        assertTrue(text.contains("1. responder: binary at week 0, chi_square, trt vs ctl, all patients"), text);
        assertTrue(text.contains("2. remitter12: binary at week 12, fisher, trt vs ctl"), text);
        assertTrue(text.contains("expected: trt 0.200; ctl 0.100"), text);
        assertTrue(text.contains("Dropout (no induction): 0.0% by week 52"), text);
    }

    /** The single-arm null scenario scales the named outcome's probability to p0 (net of dropout by the week). */
    @Test
    void singleArmNullScenarioHasP0() {
        Scenario s = parse("""
                design: {sample_sizes: [20], sides: 1}
                arms:
                  drug:
                    binary_outcomes:
                      responder: {probability: 0.7}
                      other: {probability: 0.9}
                dropout: {per_week: 0.01}
                endpoints:
                  responder: {kind: binary, at_week: 10, test: binomial_exact, p0: 0.5}
                """);
        BinaryOutcomes b = (BinaryOutcomes) NullScenario.of(s).arms().get(0).model("all").process(BinaryOutcomes.KEY);
        assertEquals(0.5, b.outcomes().get("responder").probability() * Math.exp(-0.1), 1e-12);
        assertEquals(0.9, b.outcomes().get("other").probability());
    }

    /** A probability out of range, an unknown key, an outcome one arm lacks: each with its line and key. */
    @Test
    void inputErrorsNameTheirLineAndKey() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(TWO_OUTCOMES.replace("0.5}", "1.5}")));
        assertTrue(has(e, 6, "arms.trt.binary_outcomes.responder.probability", "allowed a probability in [0, 1]"),
                e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(TWO_OUTCOMES.replace("{probability: 0.3}", "{probabilty: 0.3}")));
        assertTrue(has(e, 10, "arms.ctl.binary_outcomes.responder.probabilty", "did you mean 'probability'?"),
                e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(TWO_OUTCOMES.replace("      remitter: {probability: 0.1}\n", "")));
        assertTrue(has(e, 13, "endpoints.remitter12.kind", "needs a binary outcome named remitter"
                + " (arms.ctl.binary_outcomes.remitter)"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(TWO_OUTCOMES.replace("at_week: 12", "at_week: -1")));
        assertTrue(has(e, 14, "endpoints.remitter12.at_week", "allowed a finite number >= 0"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(TWO_OUTCOMES.replace("at_week: 12", "at_week: 60")));
        assertTrue(has(e, 14, "endpoints.remitter12.at_week", "after the data cutoff (week 52"), e.problems().toString());
    }

    private static boolean has(ScenarioException e, int line, String path, String text) {
        for (Problem p : e.problems()) {
            if (p.line() == line && p.path().equals(path) && p.message().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
