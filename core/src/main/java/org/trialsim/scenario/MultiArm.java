package org.trialsim.scenario;

import java.util.List;
import org.trialsim.multiarm.IntersectionTest;
import org.trialsim.multiarm.Selection;

/**
 * A multi-arm design of a scenario: every non-control arm compared with the control on one endpoint, simulated at
 * the level of each arm's stage-wise responder counts (binary) or means (continuous, closed test only)
 * ({@link org.trialsim.multiarm.MultiArmStudy}) instead of the patient-level engine. Either treatment selection at interims under the closed combination test
 * ({@link ClosedTest}, key {@code multi_arm}) or response-adaptive randomisation ({@link ResponseAdaptive}, key
 * {@code response_adaptive}).
 */
public sealed interface MultiArm permits MultiArm.ClosedTest, MultiArm.ResponseAdaptive {

    /** The endpoint the arms are compared on (binary; or continuous, for {@link ClosedTest}). */
    String endpoint();

    /** The analyses as fractions of each sample size, strictly increasing, the last 1. */
    List<Double> informationFractions();

    /**
     * The cumulative patients of an arm at each analysis: {@code round(t_k n / s a)} for total sample size n,
     * allocation-ratio sum s and the arm's ratio a (n is a multiple of s; the reader checks that every stage has
     * a patient at the smallest size).
     */
    static int[] cumulative(List<Double> fractions, int n, int allocationSum, int allocation) {
        int perArm = n / allocationSum * allocation;
        int[] out = new int[fractions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(fractions.get(i) * perArm);
        }
        return out;
    }

    /**
     * Many-to-one comparisons with arm selection at interims, the stage-wise intersection tests combined by the
     * weighted inverse-normal function (Bauer P, Kieser M. Stat Med 1999;18:1833-1848; rpact's
     * {@code getSimulationMultiArmRates} and {@code getSimulationMultiArmMeans}). One analysis
     * ({@code information_fractions: [1]}) is the closed (step-down) Dunnett, Simes or Bonferroni test at the final
     * analysis.
     *
     * @param endpoint the binary or continuous endpoint
     * @param informationFractions the analyses, the last 1
     * @param intersectionTest the test of each intersection hypothesis at each stage
     * @param spending the alpha spending that gives the combination test's critical values
     * @param gamma the Hwang-Shih-DeCani parameter (with {@code HWANG_SHIH_DECANI} only)
     * @param selection the selection rule at each interim
     * @param futilityStop whether the file accepts that the rule can drop every arm (the trial then stops for
     *     futility); required where it can
     * @param futilityBound an intersection whose combined statistic is at most this at an interim is not carried
     *     on ({@code -Infinity}: none)
     * @param successAll whether early success needs every selected arm rejected (else one)
     * @param estimatedVariance continuous endpoints: whether each stage's analysis estimates a pooled variance
     *     (t statistics) instead of knowing each arm's SD (z statistics, rpact's simulation)
     */
    record ClosedTest(String endpoint, List<Double> informationFractions, IntersectionTest intersectionTest,
            GroupSequential.Spending spending, double gamma, Selection selection, boolean futilityStop,
            double futilityBound, boolean successAll, boolean estimatedVariance) implements MultiArm {

        public ClosedTest {
            informationFractions = List.copyOf(informationFractions);
        }

        /** A design whose analysis knows the variances (and any binary design). */
        public ClosedTest(String endpoint, List<Double> informationFractions, IntersectionTest intersectionTest,
                GroupSequential.Spending spending, double gamma, Selection selection, boolean futilityStop,
                double futilityBound, boolean successAll) {
            this(endpoint, informationFractions, intersectionTest, spending, gamma, selection, futilityStop,
                    futilityBound, successAll, false);
        }
    }

    /**
     * Response-adaptive randomisation by the posterior probability that each arm is best, power-transformed
     * (Thall PF, Wathen JK. Eur J Cancer 2007;43:859-866), with Bayesian arm dropping; the first analysis ends
     * the burn-in of equal allocation ({@link org.trialsim.multiarm.ResponseAdaptiveDesign}).
     *
     * @param endpoint the binary endpoint
     * @param informationFractions the analyses (adaptations and decisions), the last 1
     * @param priorA every arm's beta prior, first shape
     * @param priorB second shape
     * @param exponent the transform's exponent, NaN for Thall and Wathen's {@code n / (2 N)}
     * @param floor the least allocation probability of an arm in the trial
     * @param cap the largest
     * @param controlShare the control's fixed allocation probability, NaN if it is allocated like the others
     * @param inferiority drop an arm when P(best) is below this (0: never)
     * @param futility drop an arm when P(better than control) is below this (0: never)
     * @param superiority stop early when the leading arm's P(better than control) exceeds this (1: never)
     * @param success success at the last analysis when that probability exceeds this
     */
    record ResponseAdaptive(String endpoint, List<Double> informationFractions, double priorA, double priorB,
            double exponent, double floor, double cap, double controlShare, double inferiority, double futility,
            double superiority, double success) implements MultiArm {

        public ResponseAdaptive {
            informationFractions = List.copyOf(informationFractions);
        }
    }
}
