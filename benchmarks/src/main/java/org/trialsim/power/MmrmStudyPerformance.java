package org.trialsim.power;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * W6, a whole study with an MMRM: two arms, 200 patients, score trajectories at 6 weekly visits (AR(1) 0.6,
 * SD 10) with 7% dropout per week, the change at week 6 analysed by MMRM (unstructured covariance, REML,
 * Satterthwaite), {@code replicates} trials on one thread, in milliseconds per study (one study per
 * iteration). Per trial: the score divided by {@code replicates}.
 *
 * <ul>
 * <li>{@code w6}: the study as defined;
 * <li>{@code w6KenwardRoger}: the same with {@code test: mmrm_kr} (Kenward-Roger's adjusted SE and df on top
 * of the same fit);
 * <li>{@code w6WithoutFit}: the same trials (the same processes, draws and dropout) with the endpoint analysed
 * by ANCOVA on completers instead ({@code test: ancova}, O(n)): the study without the MMRM. The fit's
 * share of W6 is {@code 1 - w6WithoutFit / w6}; it counts, as the MMRM's, the gathering of every visit's
 * change (which ANCOVA does not read) as well as the fit itself. A second, independent estimate is
 * {@code 10,000 x} the time of one fit at 200 patients ({@code MmrmFitPerformance -p patients=200}) over
 * {@code w6}.
 * </ul>
 *
 * <p>Dead code and constant folding: each call returns the study's result and runs with a new master seed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class MmrmStudyPerformance {

    /** Trials per study (10,000 in the workload definition). */
    @Param({"10000"})
    public int replicates;

    private long seed;

    private StudyResult run(Scenario s) {
        return Workloads.alternativeOnly(PowerStudy.of(s), replicates, ++seed, 1);
    }

    /** W6. */
    @Benchmark
    public StudyResult w6() {
        return run(W6);
    }

    /** W6 with Kenward-Roger. */
    @Benchmark
    public StudyResult w6KenwardRoger() {
        return run(W6_KR);
    }

    /** W6's trials analysed by ANCOVA at week 6: W6 without the MMRM. */
    @Benchmark
    public StudyResult w6WithoutFit() {
        return run(W6_ANCOVA);
    }

    /** The W6 scenario with the given test of the week-6 change. */
    static Scenario w6(String test) {
        return ScenarioParser.parse("""
                name: w6
                design: {sample_sizes: [200], alpha: 0.05, sides: 2}
                arms:
                  treatment:
                    score_trajectories:
                      score:
                        visits: [1, 2, 3, 4, 5, 6]
                        baseline: {mean: 30, sd: 6}
                        change: [-4, -6.5, -8, -9.5, -10.5, -11]
                        sd: 10
                        correlation: {structure: ar1, rho: 0.6}
                  control:
                    control: true
                    score_trajectories:
                      score:
                        visits: [1, 2, 3, 4, 5, 6]
                        baseline: {mean: 30, sd: 6}
                        change: [-3.1, -5.0, -6.2, -6.9, -7.4, -7.8]
                        sd: 10
                        correlation: {structure: ar1, rho: 0.6}
                dropout: {per_week: 0.07}
                endpoints:
                  change: {kind: score_change, outcome: score, test: TEST, at_week: 6}
                """.replace("TEST", test), "w6.yaml");
    }

    static final Scenario W6 = w6("mmrm");
    static final Scenario W6_KR = w6("mmrm_kr");
    static final Scenario W6_ANCOVA = w6("ancova");
}
