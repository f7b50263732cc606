package org.trialsim.power;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * A test double of the trial model that exercises the engine (batches, threads, counts, precision,
 * cancellation, null scenario, search) without the sampler or the tests: replicate r draws one uniform U_r
 * from its own stream and rejects at total size n iff U_r < f(n), where f(n) = Phi(delta sqrt(n/4) / sd -
 * z_{1-alpha}) is the normal-approximation power of a one-sided two-proportion test, delta = pTrt - pCtrl
 * from the first two arms' response probabilities. Because one U serves every size, rejections are nested
 * in n (like nested cohorts). A second endpoint, if asked for, uses an independent uniform with the same
 * curve; sequential layouts stop at a look chosen from a third uniform.
 */
final class NormalApproximationModel implements TrialModel {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private final int endpoints;
    private final TrialLayout.Sequential design;

    NormalApproximationModel(int endpoints, TrialLayout.Sequential design) {
        this.endpoints = endpoints;
        this.design = design;
    }

    NormalApproximationModel() {
        this(1, TrialLayout.Sequential.FIXED);
    }

    /** The exact rejection probability at total size n. */
    static double power(Scenario s, int n) {
        double pt = probability(s.arms().get(0));
        double pc = s.arms().size() > 1 ? probability(s.arms().get(1)) : pt;
        double pbar = (pt + pc) / 2;
        double sd = Math.sqrt(2 * pbar * (1 - pbar));
        double z = STANDARD.inverseSurvivalProbability(s.design().alpha());
        return STANDARD.cumulativeProbability((pt - pc) * Math.sqrt(n / 2.0) / sd - z);
    }

    private static double probability(Arm a) {
        return ((ResponseModel.Probability) a.model("all").response()).response();
    }

    @Override
    public VirtualTrial.Factory compile(Scenario scenario, long seed) {
        int[] sizes = scenario.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray();
        List<String> names = endpoints == 1 ? List.of("response") : List.of("response", "second");
        int looks = design == TrialLayout.Sequential.FIXED ? 1 : design == TrialLayout.Sequential.SIMON ? 2 : 3;
        TrialLayout layout = new TrialLayout(sizes, names, looks, design);
        double[] f = new double[sizes.length];
        for (int g = 0; g < sizes.length; g++) {
            f[g] = power(scenario, sizes[g]);
        }
        return new VirtualTrial.Factory() {
            @Override
            public TrialLayout layout() {
                return layout;
            }

            @Override
            public VirtualTrial create() {
                return (replicate, out) -> {
                    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(
                            // mixed: xoroshiro's first outputs from a low-entropy seed are near 0
                            new long[] {NullScenario.seed(seed), NullScenario.seed(replicate ^ (seed << 1))});
                    double u1 = rng.nextDouble();
                    double u2 = rng.nextDouble();
                    double u3 = rng.nextDouble();
                    for (int g = 0; g < sizes.length; g++) {
                        out.reject(g, 0, u1 < f[g], u1 < f[g]);
                        if (endpoints > 1) {
                            out.reject(g, 1, u2 < f[g], u2 < f[g]);
                        }
                        if (looks > 1) {
                            int look = (int) (u3 * looks);
                            out.stop(g, look, sizes[g] * (look + 1) / looks, look < looks - 1 && u1 >= f[g]);
                        }
                    }
                };
            }

            @Override
            public String generator() {
                return "XO_RO_SHI_RO_128_PP";
            }
        };
    }
}
