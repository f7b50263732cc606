package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.SimonDesign;

/**
 * The power engine against the project's reference cases (reference-cases.csv of the validation set:
 * exact enumeration, the noncentral t, and long rpact and Mediana simulations), with the acceptance rule of
 * its README: accept p_hat from R replicates when |p_hat - ref| <= 4 sqrt(ref (1 - ref) / R + ref_se^2). A
 * correct implementation fails one case with probability about 6e-5, so a failure is a finding. Values are
 * copied with their csv row; nothing is read from outside the project at test time.
 */
class ReferenceCasesTest {

    private static final long SEED = 20261122L;

    /** Runs the scenario and returns the estimate of {@code measure} at {@code n}. */
    private static Estimate estimate(Scenario s, int replicates, String measure, int n) {
        StudyResult r = PowerStudy.of(s).replicates(replicates).seed(SEED).nullHypothesis(false).run();
        if (measure.startsWith("size:")) {
            return either(r, measure, n);
        }
        return r.rows().stream().filter(row -> row.nTotal() == n && row.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + measure + " at " + n + " in " + r.rows()))
                .estimate();
    }

    /**
     * A size read from a run of a null scenario: {@code size:<endpoint>} is the rejection rate in either direction,
     * {@code power:<endpoint>} plus {@code reject_harm:<endpoint>} (a two-sided test's power counts one direction).
     */
    private static Estimate either(StudyResult r, String measure, int n) {
        String endpoint = measure.substring("size:".length());
        double total = 0;
        long replicates = 0;
        for (MeasureRow row : r.rows()) {
            if (row.nTotal() == n && (row.measure().equals("power:" + endpoint)
                    || row.measure().equals("reject_harm:" + endpoint))) {
                total += Math.round(row.estimate().estimate() * row.estimate().replicates());
                replicates = row.estimate().replicates();
            }
        }
        return org.trialsim.power.MonteCarloError.proportion((long) total, replicates);
    }

    /** The README's acceptance rule; also prints the agreement in MCSE units for the report. */
    private static void accept(String id, Estimate e, double reference, double referenceSe) {
        double r = e.replicates();
        double tol = Math.sqrt(reference * (1 - reference) / r + referenceSe * referenceSe);
        double units = (e.estimate() - reference) / tol;
        System.out.printf("reference %s: estimate %.5f reference %.5f difference %+.2f SE (R=%d)%n", id,
                e.estimate(), reference, units, e.replicates());
        assertTrue(Math.abs(units) <= 4, id + ": " + e.estimate() + " vs " + reference + " (" + units + " SE)");
    }

    /** For means (expected sample size): |mean - ref| <= 4 sqrt(mcse^2 + ref_se^2). */
    private static void acceptMean(String id, Estimate e, double reference, double referenceSe) {
        double tol = Math.sqrt(e.mcSe() * e.mcSe() + referenceSe * referenceSe);
        double units = (e.estimate() - reference) / tol;
        System.out.printf("reference %s expected_n: estimate %.4f reference %.4f difference %+.2f SE%n", id,
                e.estimate(), reference, units);
        assertTrue(Math.abs(units) <= 4, id + ": " + e.estimate() + " vs " + reference + " (" + units + " SE)");
    }

    // a01,a_binary_chisq,power,"test=pearson_chisq_nocc_two_sided(reject if X2>=qchisq(1-alpha,df=1));p_ctrl=0.2;
    //   p_trt=0.5;n_ctrl=20;n_trt=20;undefined_stat=no_reject",0.05,2,20,40,0.5308455127,0,exact enumeration
    @Test
    void a01ChiSquarePower() {
        Scenario s = TestScenarios.twoArmBinary(0.5, 0.2, List.of(20, 40), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.CHI_SQUARE);
        accept("a01", estimate(s, 20_000, "power:response", 40), 0.5308455127, 0);
    }

    // a06,a_binary_chisq,type_I_error,"...;p_ctrl=0.3;p_trt=0.3;n_ctrl=15;n_trt=15;undefined_stat=no_reject",
    //   0.05,2,15,30,0.05477032798,0,exact enumeration
    @Test
    void a06ChiSquareSize() {
        Scenario s = TestScenarios.twoArmBinary(0.3, 0.3, List.of(30), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.CHI_SQUARE);
        accept("a06", estimate(s, 20_000, "size:response", 30), 0.05477032798, 0);
    }

    // a09,a_binary_chisq,power,"...;p_ctrl=0.2;p_trt=0.5;n_ctrl=30;n_trt=60;undefined_stat=no_reject",0.05,2,
    //   ctrl=30;trt=60,90,0.8172911828,0,exact enumeration
    @Test
    void a09ChiSquareUnequalAllocation() {
        Scenario s = TestScenarios.twoArmBinary(0.5, 0.2, 2, 1, List.of(45, 90), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.CHI_SQUARE);
        accept("a09", estimate(s, 20_000, "power:response", 90), 0.8172911828, 0);
    }

    // b01,b_binary_fisher,power,test=fisher_exact_two_sided(R fisher.test ... reject if p<=alpha);p_ctrl=0.2;
    //   p_trt=0.5;n_ctrl=20;n_trt=20,0.05,2,20,40,0.409456898,0,exact enumeration
    @Test
    void b01FisherPower() {
        Scenario s = TestScenarios.twoArmBinary(0.5, 0.2, List.of(40), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.FISHER);
        accept("b01", estimate(s, 20_000, "power:response", 40), 0.409456898, 0);
    }

    // b05,b_binary_fisher,type_I_error,...;p_ctrl=0.3;p_trt=0.3;n_ctrl=20;n_trt=20,0.05,2,20,40,0.02480461481,0
    @Test
    void b05FisherSize() {
        Scenario s = TestScenarios.twoArmBinary(0.3, 0.3, List.of(40), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.FISHER);
        accept("b05", estimate(s, 20_000, "size:response", 40), 0.02480461481, 0);
    }

    // c01,c_single_arm_binomial,power,"test=exact_binomial_one_sided_upper(...);p0=0.5;p_true=0.7;n=20;
    //   critical_value_c=15;attained_size=0.02069473267",0.05,1,20,20,0.4163708294,0,exact enumeration
    // c04: the same with p_true=0.5: 0.02069473267
    @Test
    void c01c04ExactBinomial() {
        Analysis exact = new Analysis(Analysis.Test.BINOMIAL_EXACT, 0.5, null);
        accept("c01", estimate(TestScenarios.singleArm(0.7, List.of(20), 0.05, exact), 20_000, "power:response", 20),
                0.4163708294, 0);
        accept("c04", estimate(TestScenarios.singleArm(0.5, List.of(20), 0.05, exact), 20_000, "power:response", 20),
                0.02069473267, 0);
    }

    // d01,d_simon_two_stage,type_I_error(P_reject_at_p0),"design=Simon_optimal(p0=0.2,p1=0.4,alpha=0.05,
    //   beta=0.2);r1=3;n1=13;r=12;n=43;p_true=0.2;...",0.05,1,n1=13;n=43,43,0.04958144975,0,exact,20.58027071,0
    // d02: p_true=0.4: 0.8002143562, expected_n 37.94260904
    @Test
    void d01d02Simon() {
        Analysis simon = new Analysis(Analysis.Test.SIMON, 0.2, new SimonDesign(13, 3, 43, 12));
        StudyResult atP0 = PowerStudy.of(TestScenarios.singleArm(0.2, List.of(43), 0.05, simon)).replicates(20_000)
                .seed(SEED).run();
        accept("d01", row(atP0, "power:response", 43), 0.04958144975, 0);
        acceptMean("d01", row(atP0, "expected_n", 43), 20.58027071, 0);
        // The derived null (p0 = 0.2) is the same model on another stream: its size is d01 again.
        accept("d01-null", row(atP0, "type1:response", 43), 0.04958144975, 0);
        StudyResult atP1 = PowerStudy.of(TestScenarios.singleArm(0.4, List.of(43), 0.05, simon)).replicates(20_000)
                .seed(SEED).run();
        accept("d02", row(atP1, "power:response", 43), 0.8002143562, 0);
        acceptMean("d02", row(atP1, "expected_n", 43), 37.94260904, 0);
        // PET at p1 is P(X1 <= 3 | 13, 0.4) (R 4.2.2: pbinom(3, 13, 0.4) = 0.1685796987).
        accept("d02-pet", row(atP1, "pet", 43), 0.1685796987, 0);
        // Under the derived null (p0 = 0.2) the study of p1 also reports Simon's own figures of merit: the
        // expected sample size under p0 (d01's exact 20.58027071) and PET(p0) = P(X1 <= 3 | 13, 0.2)
        // (R 4.2.2: pbinom(3, 13, 0.2) = 0.7473243095; Simon 1989 Table 1 gives EN(p0) 20.6, PET(p0) 0.75).
        acceptMean("d02 under the null", row(atP1, "expected_n:null", 43), 20.58027071, 0);
        accept("d02-pet under the null", row(atP1, "pet:null", 43), 0.7473243095, 0);
    }

    // e02,e_two_sample_t,power,test=student_t_pooled_variance_two_sided;mean_diff=5;sd=10;n_ctrl=64;n_trt=64;
    //   df=126,0.05,2,64,128,0.8014595579,0,analytic exact: stats::power.t.test(strict=TRUE)
    // e04: mean_diff=0;sd=10;n_ctrl=30;n_trt=30;df=58 -> 0.05
    @Test
    void e02e04TTest() {
        Scenario power = TestScenarios.twoArmContinuous(-2.5, 2.5, 10, List.of(60, 128), 0.05,
                Design.Sidedness.TWO_SIDED, Analysis.Test.T_TEST);
        accept("e02", estimate(power, 20_000, "power:madrs", 128), 0.8014595579, 0);
        Scenario size = TestScenarios.twoArmContinuous(0, 0, 10, List.of(60), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.T_TEST);
        accept("e04", estimate(size, 20_000, "size:madrs", 60), 0.05, 0);
    }

    // f06,f_survival_logrank_calendar_time,power,"analysis=calendar_time_24_months_after_first_entry(fixed:
    //   A=12,F=12);lambda_ctrl_per_month=0.1155245301;lambda_trt_per_month=0.06931471806;hr=0.6;n_ctrl=100;
    //   n_trt=100;allocation=fixed_n_per_arm_1:1;accrual=uniform_random_iid(0,12)_months;dropout=none;
    //   test=unweighted_logrank_z(one-sided...)",0.025,1,100,200,0.8903,0.002209817979,Mediana 20000 sims
    // Time unit: the model's week stands for the reference's month (everything scales).
    @Test
    void f06LogRankCalendarTime() {
        Scenario s = TestScenarios.twoArmSurvival(0.06931471806, 0.1155245301, List.of(100, 200), 0.025,
                new Enrollment.Uniform(12), new Cutoff.Calendar(24), Analysis.Test.LOG_RANK);
        accept("f06", estimate(s, 10_000, "power:relapse", 200), 0.8903, 0.002209817979);
    }

    // f02,f_survival_logrank_event_driven,power,"analysis=event_driven_at_D=157_events(calendar time of D-th
    //   event incl.);lambda_ctrl_per_month=0.1155245301;lambda_trt_per_month=0.06931471806;hr=0.6;N_total=200;
    //   allocation=1:1_alternating(subject i odd->trt);accrual=uniform_12_months_deterministic(entry_i=i*12/N,
    //   i=1..N);dropout=none;...",0.025,1,100,200,0.88978,0.0009903108179,rpact getSimulationSurvival 100000
    // Differences from the reference's model, both negligible for the power (entries shift by 0.06 months):
    // trialsim's even accrual enters patient i (0-based) at i*12/N, and randomizes in permuted blocks of 2
    // rather than alternating.
    @Test
    void f02LogRankEventDriven() {
        Scenario s = TestScenarios.twoArmSurvival(0.06931471806, 0.1155245301, List.of(200), 0.025,
                new Enrollment.Even(12), new Cutoff.Events(157, "relapse"), Analysis.Test.LOG_RANK);
        accept("f02", estimate(s, 10_000, "power:relapse", 200), 0.88978, 0.0009903108179);
    }

    // g01,g_groupseq_binary_obf,power,"K=2;spending=Lan-DeMets_OBF-type(rpact asOF);information_rates=0.5/1.0;
    //   z_critical=2.962588/1.968596;futility=none;p_ctrl=0.2;p_trt=0.5;n_per_arm_cumulative=30/60;
    //   stat=pooled_z_cumulative_data(z=0 if phat_trt==phat_ctrl), reject at look k if z_k>=c_k",0.025,1,30/60,
    //   120,0.93892,0.0007572927677,rpact getSimulationRates 100000 iterations seed=20240303,101.9538,0.0870
    // Even accrual over 240 weeks (one patient every 2 weeks) with assessment 1 week after entry: at the
    // interim look (the 60th assessment) exactly 60 patients are enrolled, as in rpact's rates simulation.
    @Test
    void g01GroupSequential() {
        Scenario fixed = TestScenarios.twoArmBinary(0.5, 0.2, List.of(120), 0.025, Design.Sidedness.ONE_SIDED,
                Analysis.Test.CHI_SQUARE);
        GroupSequential gs = new GroupSequential("response", List.of(0.5, 1.0),
                GroupSequential.Spending.OBRIEN_FLEMING, Double.NaN, GroupSequential.Futility.NONE);
        Scenario s = TestScenarios.withGroupSequential(fixed, gs, new Enrollment.Even(240));
        StudyResult r = PowerStudy.of(s).replicates(20_000).seed(SEED).run();
        accept("g01", row(r, "power:response", 120), 0.93892, 0.0007572927677);
        acceptMean("g01", row(r, "expected_n", 120), 101.9538, 0.08701187652);
        // stop:look1 + stop:look2 = 1, and expected_n = 120 - 60 stop:look1 exactly.
        double stop1 = row(r, "stop:look1", 120).estimate();
        assertEquals(1.0, stop1 + row(r, "stop:look2", 120).estimate(), 1e-12);
        assertEquals(120 - 60 * stop1, row(r, "expected_n", 120).estimate(), 1e-9);
    }

    // h01,h_two_endpoints_multiplicity,disjunctive_power,"procedure=Holm;endpoints=RR(response)+BF(benzo-free),
    //   independent;p_ctrl_RR=0.2;p_trt_RR=0.4;p_ctrl_BF=0.35;p_trt_BF=0.55;n_ctrl=60;n_trt=60;
    //   test=prop.test(correct=FALSE,alternative=greater) per endpoint == one-sided pooled z;
    //   weights=equal(1/2,1/2)",0.025,1,60,120,0.77185,0.002967301615,Mediana 20000 sims seed=5151
    // h02: marginal_power_RR: 0.62755, 0.00341855962
    @Test
    void h01h02Holm() {
        Scenario s = TestScenarios.twoEndpoints(0.4, 0.2, 0.55, 0.35, List.of(60, 120), 0.025,
                new Multiplicity(Multiplicity.Procedure.HOLM, List.of(), List.of()));
        StudyResult r = PowerStudy.of(s).replicates(20_000).seed(SEED).nullHypothesis(false).run();
        accept("h01", row(r, "power:any", 120), 0.77185, 0.002967301615);
        accept("h02", row(r, "power:response", 120), 0.62755, 0.00341855962);
    }

    static Estimate row(StudyResult r, String measure, int n) {
        return r.rows().stream().filter(row -> row.nTotal() == n && row.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + measure + " at " + n)).estimate();
    }
}
