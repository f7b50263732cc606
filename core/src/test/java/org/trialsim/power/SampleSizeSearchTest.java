package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Scenario;

class SampleSizeSearchTest {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    /** Total N for 80% power of the one-sided 0.025 normal-approximation test of 0.55 vs 0.26 (1:1). */
    private static double analyticN(double pt, double pc) {
        double pbar = (pt + pc) / 2;
        double z = STANDARD.inverseSurvivalProbability(0.025) + STANDARD.inverseSurvivalProbability(0.2);
        // f(n) = Phi(delta sqrt(n/2) / sd - z_alpha) with sd = sqrt(2 pbar (1 - pbar)), solved for f = 0.8.
        double sd = Math.sqrt(2 * pbar * (1 - pbar));
        double root = z * sd / (pt - pc);
        return 2 * root * root;
    }

    @Test
    void probitInterpolationInSqrtNIsExactOnANormalApproximationCurve() {
        // Exact curve values as counts out of a huge R: the interpolation must recover the analytic root.
        Scenario s = TestScenarios.twoArmBinary(0.55, 0.26, List.of(2), 0.025, Design.Sidedness.ONE_SIDED,
                Analysis.Test.CHI_SQUARE);
        int[] n = {40, 60, 80, 100, 120};
        long r = 1_000_000_000L;
        long[] x = new long[n.length];
        for (int g = 0; g < n.length; g++) {
            x[g] = Math.round(NormalApproximationModel.power(s, n[g]) * r);
        }
        SampleSize found = SampleSizeSearch.locate("power:response", 0.8, n, x, r, 2);
        double exact = analyticN(0.55, 0.26);
        assertEquals(exact, found.nExact(), 1e-3);
        assertEquals((int) Math.ceil(exact / 2) * 2, found.nTotal());
        assertTrue(found.reached());
    }

    @Test
    void findsTheAnalyticSizeFromSimulationWithItsUncertainty() {
        Scenario s = TestScenarios.twoArmBinary(0.55, 0.26, List.of(2), 0.025, Design.Sidedness.ONE_SIDED,
                Analysis.Test.CHI_SQUARE);
        PowerStudy study = PowerStudy.of(s, new NormalApproximationModel()).replicates(20_000).seed(5);
        SampleSize found = SampleSizeSearch.of(study).measure("power:response").target(0.8).sampleSizes(40, 140, 2)
                .run(ProgressListener.NONE, () -> false);
        double exact = analyticN(0.55, 0.26);
        assertTrue(found.nLower() <= exact && exact <= found.nUpper(), found + " vs " + exact);
        assertTrue(found.nUpper() - found.nLower() < 15, found.toString());
        assertEquals(0, found.nTotal() % 2);
        assertEquals(20_000, found.replicates());
    }

    /**
     * The search records what a power study over its grid records (null hypothesis aside, which provenance
     * does not name): same seed, generator, versions, model, stream layout and hash of the scenario searched.
     */
    @Test
    void carriesTheProvenanceOfAPowerStudyOverItsGrid() {
        Scenario s = TestScenarios.twoArmBinary(0.55, 0.26, List.of(2), 0.025, Design.Sidedness.ONE_SIDED,
                Analysis.Test.CHI_SQUARE);
        PowerStudy study = PowerStudy.of(s, new NormalApproximationModel()).replicates(300).seed(77);
        SampleSize found = SampleSizeSearch.of(study).sampleSizes(40, 80, 20).run(ProgressListener.NONE, () -> false);
        Provenance run = study.sampleSizes(40, 60, 80).nullHypothesis(false).run().provenance();
        assertEquals(run, found.provenance());
        assertEquals(77, found.provenance().seed());
        assertEquals(new NormalApproximationModel().name(), found.provenance().model());
        assertEquals(300, found.provenance().replicates());
        assertFalse(found.provenance().scenarioHash().equals(study.run().provenance().scenarioHash()),
                "the hash is that of the scenario with the searched sizes, not the design's");
    }

    @Test
    void unreachedTargetIsReported() {
        SampleSize s = SampleSizeSearch.locate("power:any", 0.9, new int[] {10, 20}, new long[] {10, 50}, 100, 1);
        assertFalse(s.reached());
        assertEquals(-1, s.nTotal());
    }

    @Test
    void nonMonotoneEstimatesArePooledBeforeInterpolation() {
        // 0.70, 0.85, 0.78, 0.95: PAVA pools the middle pair to 0.815, so 0.8 is crossed between 10 and 20.
        SampleSize s = SampleSizeSearch.locate("power:any", 0.8, new int[] {10, 20, 30, 40},
                new long[] {700, 850, 780, 950}, 1000, 1);
        assertTrue(s.nExact() > 10 && s.nExact() < 20, s.toString());
    }
}
