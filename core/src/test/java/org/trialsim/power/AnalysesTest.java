package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The registry of analyses: every test of the scenario format has exactly one entry, the count-level forms
 * are exactly the tests of one two-by-two table, and each thread's analyses run without allocating once warm.
 */
class AnalysesTest {

    /** Every test of a two-arm design, one endpoint each, in one scenario. */
    static final String TWO_ARM = """
            name: every-two-arm-test
            design: {sample_sizes: [60, 120], alpha: 0.05, sides: 1, randomization: {method: simple}}
            strata:
              users: {prevalence: 0.5, benzodiazepine_user: true}
              others: {prevalence: 0.5}
            arms:
              ketamine:
                response: {madrs: {baseline_mean: 32, baseline_sd: 6, change_mean: -14, change_sd: 9}}
                relapse: {hazard: {exponential: {median: 8}}}
                score_trajectories:
                  madrs: {visits: [1, 2, 4], baseline: {mean: 32, sd: 6}, change: [-6, -10, -14], sd: 9,
                          correlation: {structure: ar1, rho: 0.5}}
              midazolam:
                control: true
                response: {madrs: {baseline_mean: 32, baseline_sd: 6, change_mean: -8, change_sd: 9}}
                relapse: {hazard: {exponential: {median: 6}}}
                score_trajectories:
                  madrs: {visits: [1, 2, 4], baseline: {mean: 32, sd: 6}, change: [-4, -7, -9], sd: 9,
                          correlation: {structure: ar1, rho: 0.5}}
            enrollment: {uniform: {weeks: 52}}
            dropout: {induction: 0.1, per_week: 0.005}
            schedule: {induction_weeks: 4, visits: [2, 4, 8, 12, 26], observation: next_visit, cutoff: {calendar_week: 80}}
            endpoints:
              chi: {kind: response, test: chi_square}
              yates: {kind: response, test: chi_square_corrected}
              fisher: {kind: remission, test: fisher}
              wald: {kind: response, test: wald_risk_difference}
              ipw: {kind: response, test: ipw_risk_difference}
              cmh: {kind: response, test: cmh}
              t: {kind: madrs_change, test: t_test}
              welch: {kind: madrs_change, test: welch}
              ancova: {kind: madrs_change, test: ancova}
              lr: {kind: time_to_relapse, test: log_rank}
              slr: {kind: time_to_relapse, test: stratified_log_rank}
              bbin: {kind: response, test: bayesian_binary, bayesian: {success: 0.95}}
              bcont: {kind: madrs_change, test: bayesian_continuous, bayesian: {success: 0.95, prior: {mean: 0, sd: 5}}}
              btte: {kind: time_to_relapse, test: bayesian_time_to_event, bayesian: {margin: 0.1, success: 0.9}}
              brate: {kind: time_to_relapse, test: bayesian_event_rate, bayesian: {margin: 0.1, success: 0.9,
                      prior: {treatment: {a: 1, b: 10}, control: {mean: 0.1, ess: 2}}}}
              mmrm: {kind: score_change, outcome: madrs, test: mmrm, at_week: 4}
              mmrm_ar1: {kind: score_change, outcome: madrs, test: mmrm_ar1, at_week: 4}
              mmrm_cs: {kind: score_change, outcome: madrs, test: mmrm_cs, at_week: 2}
              mmrm_kr: {kind: score_change, outcome: madrs, test: mmrm_kr, at_week: 4}
              mmrm_ar1_kr: {kind: score_change, outcome: madrs, test: mmrm_ar1_kr, at_week: 4}
              mmrm_cs_kr: {kind: score_change, outcome: madrs, test: mmrm_cs_kr, at_week: 2}
              fm: {kind: response, test: farrington_manning, margin: -0.1, hypothesis: non_inferiority}
              fmr: {kind: response, test: farrington_manning_ratio, margin: 0.8, hypothesis: non_inferiority}
              sor: {kind: response, test: score_odds_ratio, margin: 1.2, hypothesis: superiority}
            """;

    static final String SINGLE_ARM = """
            name: every-single-arm-test
            design: {sample_sizes: [43], alpha: 0.05, sides: 1}
            arms:
              drug:
                response: {probability: 0.4}
            endpoints:
              simon: {kind: response, test: simon, p0: 0.2, simon: {n1: 13, r1: 3, n: 43, r: 12}}
              exact: {kind: response, test: binomial_exact, p0: 0.2}
            """;

    /** A design with its own stopping rule cannot share a trial with Simon's, so it has a scenario of its own. */
    static final String PREDICTIVE = """
            name: predictive-probability
            design: {sample_sizes: [36], alpha: 0.05, sides: 1}
            arms:
              drug:
                response: {probability: 0.3}
            endpoints:
              pp: {kind: response, test: predictive_probability, p0: 0.2,
                   predictive: {n_max: 36, prior: {a: 0.2, b: 0.8}, theta_t: 0.9, theta_l: 0.05, theta_u: 0.99,
                                first_look: 10}}
              exact: {kind: response, test: binomial_exact, p0: 0.2}
            """;

    @Test
    void everyTestHasOneAnalysisOfItsOwn() {
        for (Analysis.Test t : Analysis.Test.values()) {
            AnalysisKind kind = Analyses.of(t);
            assertNotNull(kind, t.name());
            assertEquals(t, kind.test());
            assertEquals(t.type(), kind.type());
            assertEquals(t.singleArm(), kind.singleArm());
        }
    }

    /**
     * The count level is chosen automatically ({@code --model auto}) where it applies, and its random streams
     * differ from the patient level's, so which tests have a count-level form decides which results a scenario
     * gets: the set may only grow by new tests, never by an existing one.
     */
    @Test
    void theCountLevelFormsAreTheTwoByTwoTableTests() {
        Set<Analysis.Test> withCountForm = EnumSet.noneOf(Analysis.Test.class);
        for (Analysis.Test t : Analysis.Test.values()) {
            if (Analyses.of(t).hasCountLevelForm()) {
                withCountForm.add(t);
            }
        }
        assertEquals(EnumSet.of(Analysis.Test.CHI_SQUARE, Analysis.Test.CHI_SQUARE_CORRECTED, Analysis.Test.FISHER,
                Analysis.Test.WALD_RISK_DIFFERENCE), withCountForm);
    }

    @Test
    void bothScenariosUseEveryTest() {
        Set<Analysis.Test> used = EnumSet.noneOf(Analysis.Test.class);
        for (String yaml : new String[] {TWO_ARM, SINGLE_ARM, PREDICTIVE}) {
            ScenarioParser.parse(yaml, "every.yaml").endpoints().forEach(e -> used.add(e.analysis().test()));
        }
        assertEquals(EnumSet.allOf(Analysis.Test.class), used, "add the new test to a scenario of this class");
    }

    /**
     * A thread's trial, whose analyses reach every test through the registry, allocates nothing per replicate
     * once its buffers have grown (measured with the JVM's per-thread allocation counter): the per-thread
     * results of the tests are reused, not returned fresh. Rounds of replicates run until one allocates
     * nothing; the first rounds run in the interpreter, where library code allocates temporaries that the
     * JIT later removes.
     */
    @Test
    void aWarmTrialAllocatesNothingPerReplicate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();
        for (String yaml : new String[] {TWO_ARM, SINGLE_ARM, PREDICTIVE}) {
            Scenario s = ScenarioParser.parse(yaml, "every.yaml");
            VirtualTrial.Factory factory = ScenarioTrials.MODEL.compile(s, 3);
            ReplicateOutcome out = new ReplicateOutcome(factory.layout());
            VirtualTrial trial = factory.create();
            long last = -1;
            long replicate = 0;
            for (int round = 0; round < 400 && last != 0; round++) {
                long before = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < 20; i++) {
                    out.clear();
                    trial.run(replicate++, out);
                }
                last = threads.getThreadAllocatedBytes(id) - before;
            }
            assertEquals(0, last, s.name() + ": bytes allocated by a round of 20 replicates after " + replicate);
        }
    }
}
