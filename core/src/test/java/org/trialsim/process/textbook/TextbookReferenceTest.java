package org.trialsim.process.textbook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.trialsim.power.Estimate;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The textbook processes end to end (scenario file, sampler, observation, test) against references computed
 * independently of trialsim: exact enumeration over binomial outcomes, the noncentral t (R's power.t.test), the
 * exact power of ANCOVA on a random baseline (numerical integration), long simulations with rpact, Mediana, R's
 * survival package and NumPy/SciPy, and Schoenfeld's formula (rpact getPowerSurvival). Values are copied with
 * their provenance: the project's reference-cases.csv (ids a01...f06) or the scripts and output in
 * core/src/test/references/ (ids E1, E2, C0...C4); nothing outside the project is read at test time.
 *
 * <p>Acceptance, as for the project's reference cases: an estimate p_hat from R replicates against a reference
 * with standard error se_ref is accepted when |p_hat - ref| <= 4 sqrt(ref (1 - ref) / R + se_ref^2); a correct
 * implementation fails one comparison with probability about 6e-5, so a failure is a finding. Fixed seeds.
 */
class TextbookReferenceTest {

    private static final long SEED = 20261206L;
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static Estimate estimate(Scenario s, int replicates, String measure, int n, boolean nullHypothesis) {
        StudyResult r = PowerStudy.of(s).replicates(replicates).seed(SEED).nullHypothesis(nullHypothesis).run();
        if (measure.startsWith("size:")) {
            return either(r, measure, n);
        }
        return r.rows().stream().filter(row -> row.nTotal() == n && row.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + measure + " at " + n + " in " + r.rows())).estimate();
    }

    /**
     * A size read from a run of a null scenario: {@code size:<endpoint>} is the rejection rate in either direction,
     * {@code power:<endpoint>} plus {@code reject_harm:<endpoint>} (a two-sided test's power counts one direction).
     */
    private static Estimate either(StudyResult r, String measure, int n) {
        String endpoint = measure.substring("size:".length());
        double total = 0;
        long replicates = 0;
        for (org.trialsim.power.MeasureRow row : r.rows()) {
            if (row.nTotal() == n && (row.measure().equals("power:" + endpoint)
                    || row.measure().equals("reject_harm:" + endpoint))) {
                total += Math.round(row.estimate().estimate() * row.estimate().replicates());
                replicates = row.estimate().replicates();
            }
        }
        return org.trialsim.power.MonteCarloError.proportion((long) total, replicates);
    }

    private static Estimate power(Scenario s, int replicates, String endpoint, int n) {
        return estimate(s, replicates, "power:" + endpoint, n, false);
    }

    private static void accept(String id, Estimate e, double reference, double referenceSe) {
        double tol = Math.sqrt(reference * (1 - reference) / e.replicates() + referenceSe * referenceSe);
        double units = (e.estimate() - reference) / tol;
        System.out.printf("textbook reference %s: estimate %.5f reference %.5f difference %+.2f SE (R=%d)%n", id,
                e.estimate(), reference, units, e.replicates());
        assertTrue(Math.abs(units) <= 4, id + ": " + e.estimate() + " vs " + reference + " (" + units + " SE)");
    }

    private static Scenario example(String file) {
        return ScenarioParser.parse(EXAMPLES.resolve(file));
    }

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "reference.yaml");
    }

    // ---------------------------------------------------------------- events

    // f06 (reference-cases.csv): calendar cutoff 24 months after the first entry, uniform random accrual over 12
    //   months, lambda_ctrl 0.1155245301 per month, HR 0.6, 100 per arm, one-sided 0.025: Mediana 20000 sims
    //   0.8903 (SE 0.002209817979). The example two-arm-events-logrank.yaml, in weeks (13/3 weeks a month).
    @Test
    void f06EventsCalendarCutoff() {
        accept("f06", power(example("two-arm-events-logrank.yaml"), 10_000, "death", 200), 0.8903, 0.002209817979);
    }

    /**
     * f02 (reference-cases.csv): analysis at the 157th event, 200 patients entering evenly over 12 months,
     * rpact getSimulationSurvival 100000 iterations 0.88978 (SE 0.0009903108179); the example
     * two-arm-events-event-driven.yaml (a second event beside it, on a stream of its own, changes nothing of
     * the first). Then E1: Schoenfeld's formula (rpact getPowerSurvival, textbook_references.R) gives 0.8925769015
     * for 157 events; the formula is an approximation, 0.0028 above rpact's own simulation of this design (f02,
     * SE 0.001), so the simulated power is held to it within 4 Monte Carlo standard errors plus 0.005, that bias
     * and two of its standard errors.
     */
    @Test
    void f02EventsEventDrivenAndSchoenfeld() {
        Estimate e = power(example("two-arm-events-event-driven.yaml"), 10_000, "progression", 200);
        accept("f02", e, 0.88978, 0.0009903108179);
        double schoenfeld = 0.8925769015;
        double mcse = Math.sqrt(schoenfeld * (1 - schoenfeld) / e.replicates());
        System.out.printf("textbook reference E1 (Schoenfeld): estimate %.5f formula %.5f difference %+.4f%n",
                e.estimate(), schoenfeld, e.estimate() - schoenfeld);
        assertTrue(Math.abs(e.estimate() - schoenfeld) <= 4 * mcse + 0.005, e.estimate() + " vs " + schoenfeld);
    }

    /**
     * E2 (textbook_references.R, an R simulation with survival::survdiff, 40000 trials): 150 per arm, Weibull
     * shape 1.5 and scale 40 weeks with a cure fraction of 0.2 in both arms and a hazard ratio of 0.65 in
     * treatment, dropout 0.005 per week from randomization (no induction), 52 weeks of follow-up per patient,
     * two-sided log-rank at 0.05: power 0.59152 (SE 0.00246).
     */
    @Test
    void e2WeibullCureDropoutFollowUp() {
        Scenario s = parse("""
                design: {sample_sizes: [300], alpha: 0.05, sides: 2}
                arms:
                  trt:
                    events:
                      ttp: {hazard: {weibull: {shape: 1.5, scale: 40}}, cure_fraction: 0.2, hazard_ratio: 0.65}
                  ctl:
                    events:
                      ttp: {hazard: {weibull: {shape: 1.5, scale: 40}}, cure_fraction: 0.2}
                dropout: {per_week: 0.005}
                schedule: {cutoff: {follow_up_weeks: 52}}
                endpoints:
                  ttp: {kind: time_to_event, test: log_rank}
                """);
        accept("E2", power(s, 10_000, "ttp", 300), 0.59152, 0.00246);
    }

    /**
     * Event-free at week 26 by chi-square, with dropout: success is no event and no dropout by week 26, of
     * probability S(26) exp(-26 h) in each arm (no induction, so dropout runs from randomization), enumerated
     * exactly over the two binomial counts (60 per arm).
     */
    @Test
    void eventFreeWithDropoutAgainstExactEnumeration() {
        Scenario s = parse("""
                design: {sample_sizes: [120]}
                arms:
                  trt:
                    events:
                      relapse_free: {hazard: {exponential: {median: 40}}, hazard_ratio: 0.5}
                  ctl:
                    events:
                      relapse_free: {hazard: {exponential: {median: 40}}}
                dropout: {per_week: 0.004}
                endpoints:
                  free26: {kind: event_free, outcome: relapse_free, at_week: 26}
                """);
        double kept = Math.exp(-26 * 0.004);
        double pt = kept * Math.exp(-0.5 * Math.log(2) * 26 / 40);
        double pc = kept * Math.exp(-Math.log(2) * 26 / 40);
        accept("event_free", power(s, 20_000, "free26", 120), org.trialsim.process.ExactPower.chiSquare(pt, pc, 60, 0.05), 0);
    }

    // ---------------------------------------------------------------- binary outcomes

    // a01 (reference-cases.csv): chi-square, p 0.2 vs 0.5, 20 per arm, two-sided 0.05: exact 0.5308455127.
    // b01: Fisher (R's fisher.test), the same design: exact 0.409456898 (the example two-arm-binary-fisher.yaml).
    @Test
    void a01b01ChiSquareAndFisher() {
        Scenario chi = parse("""
                design: {sample_sizes: [40], randomization: {method: blocks, block_size: 2}}
                arms:
                  trt: {binary_outcomes: {success: {probability: 0.5}}}
                  ctl: {binary_outcomes: {success: {probability: 0.2}}}
                endpoints:
                  success: {kind: binary, test: chi_square}
                """);
        accept("a01", power(chi, 20_000, "success", 40), 0.5308455127, 0);
        accept("b01", power(example("two-arm-binary-fisher.yaml"), 20_000, "responder", 40), 0.409456898, 0);
    }

    // c01 / c04 (reference-cases.csv): exact binomial test, p0 0.5, n 20, one-sided 0.05, critical value 15:
    //   power at p 0.7 0.4163708294, attained size 0.02069473267 (the null scenario scales p to p0).
    @Test
    void c01c04SingleArmBinomial() {
        Scenario s = example("single-arm-binomial.yaml");
        accept("c01", power(s, 20_000, "responder", 20), 0.4163708294, 0);
        accept("c04", estimate(s, 20_000, "type1:responder", 20, true), 0.02069473267, 0);
    }

    /**
     * Assessed at week 12 with dropout: a patient lost before the assessment fails (the convention of every
     * binary endpoint), so success has probability p exp(-12 h); exact enumeration, 50 per arm.
     */
    @Test
    void binaryAtAWeekWithDropoutAgainstExactEnumeration() {
        Scenario s = parse("""
                design: {sample_sizes: [100]}
                arms:
                  trt: {binary_outcomes: {responder: {probability: 0.55}}}
                  ctl: {binary_outcomes: {responder: {probability: 0.3}}}
                dropout: {per_week: 0.01}
                endpoints:
                  responder: {kind: binary, at_week: 12}
                """);
        double kept = Math.exp(-0.12);
        accept("binary_dropout", power(s, 20_000, "responder", 100), org.trialsim.process.ExactPower.chiSquare(0.55 * kept, 0.3 * kept, 50,
                0.05), 0);
    }

    // ---------------------------------------------------------------- continuous outcomes

    // e02 / e04 (reference-cases.csv): pooled t-test, difference 5 (e04: 0), SD 10, 64 per arm (e04: 30), two-sided
    //   0.05: power.t.test 0.8014595579, size 0.05. The example two-arm-continuous-t-test.yaml: an unbounded
    //   normal outcome, exactly the reference's model (two-arm-t-test.yaml, on MADRS, truncates to [0, 60]).
    @Test
    void e02e04TTest() {
        accept("e02", power(example("two-arm-continuous-t-test.yaml"), 20_000, "score", 128), 0.8014595579, 0);
        Scenario size = parse("""
                design: {sample_sizes: [60]}
                arms:
                  trt: {continuous_outcomes: {score: {mean: 0, sd: 10}}}
                  ctl: {continuous_outcomes: {score: {mean: 0, sd: 10}}}
                endpoints:
                  score: {kind: continuous, test: t_test}
                """);
        accept("e04", estimate(size, 20_000, "size:score", 60, false), 0.05, 0);
    }

    /** The two-arm baseline-and-value design of C0, C2 and C3 (50 per arm, difference 4, SD 10, baseline SD 8, rho 0.6). */
    private static final String BASELINE = """
            design: {sample_sizes: [100]}
            arms:
              trt:
                continuous_outcomes:
                  score: {mean: 24, sd: 10, baseline: {mean: 30, sd: 8, correlation: 0.6}}
              ctl:
                continuous_outcomes:
                  score: {mean: 20, sd: 10, baseline: {mean: 30, sd: 8, correlation: 0.6}}
            endpoints:
              value: {kind: continuous, outcome: score, test: t_test}
              change: {kind: change_from_baseline, outcome: score, test: t_test}
              adjusted: {kind: continuous, outcome: score, test: ancova}
            """;

    /**
     * One cohort, three analyses of it: the t-test of the value (C0, power.t.test(n = 50, delta = 4, sd = 10):
     * 0.5081857353), of the change from baseline (C2, SD sqrt(100 + 64 - 2 x 0.6 x 10 x 8) = sqrt(68):
     * 0.6706057909) and ANCOVA on baseline (C3, exact by integration, ancova_power.py: 0.6923637544; confirmed by
     * a 2,000,000-trial simulation, 0.69207 SE 0.00033).
     */
    @Test
    void c0c2c3ValueChangeAndAncova() {
        Scenario s = parse(BASELINE);
        StudyResult r = PowerStudy.of(s).replicates(20_000).seed(SEED).nullHypothesis(false).run();
        accept("C0", row(r, "power_unadjusted:value"), 0.5081857353, 0);
        accept("C2", row(r, "power_unadjusted:change"), 0.6706057909, 0);
        accept("C3", row(r, "power_unadjusted:adjusted"), 0.6923637544, 0);
    }

    private static Estimate row(StudyResult r, String measure) {
        return r.rows().stream().filter(x -> x.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + measure + " in " + r.rows())).estimate();
    }

    /**
     * C4 (welch_power.py, a 2,000,000-trial NumPy/SciPy simulation): Welch's test, 60 per arm, SD 10 and 15,
     * difference 6, two-sided 0.05: 0.72327 (SE 0.00032); an R simulation with t.test gives 0.72433 (SE 0.00141).
     */
    @Test
    void c4Welch() {
        Scenario s = parse("""
                design: {sample_sizes: [120]}
                arms:
                  trt: {continuous_outcomes: {score: {mean: 6, sd: 10}}}
                  ctl: {continuous_outcomes: {score: {mean: 0, sd: 15}}}
                endpoints:
                  score: {kind: continuous, test: welch}
                """);
        accept("C4", power(s, 20_000, "score", 120), 0.72327, 0.00032);
    }
}
