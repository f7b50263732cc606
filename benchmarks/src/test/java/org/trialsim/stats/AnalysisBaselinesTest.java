package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The naive baselines must compute the same p-values as the tuned analyses, or the speed ratio between them
 * compares unlike things. Checked on every simulated dataset at both sizes; the tolerance (1e-9 relative,
 * 1e-15 absolute) is far below any statistical difference and above the rounding of two summation orders.
 */
class AnalysisBaselinesTest {

    @Test
    void naiveTwinsAgreeWithTheLibrary() {
        for (int perArm : new int[] {100, 1000}) {
            AnalysisPerformance b = new AnalysisPerformance();
            b.perArm = perArm;
            b.setup();
            AnalysisPerformance naive = new AnalysisPerformance();
            naive.perArm = perArm;
            naive.setup();
            for (int d = 0; d < AnalysisPerformance.DATASETS; d++) {
                check("chi-square", perArm, d, b.chiSquare(), naive.chiSquareNaive());
                check("Fisher", perArm, d, b.fisher(), naive.fisherNaive());
                check("log-rank", perArm, d, b.logRank(), naive.logRankNaive());
                check("t", perArm, d, b.tTest(), naive.tTestNaive());
                check("ANCOVA", perArm, d, b.ancova(), naive.ancovaNaive());
                b.cmh();
                naive.cmh();
            }
        }
    }

    private static void check(String test, int perArm, int d, double tuned, double naive) {
        assertEquals(naive, tuned, 1e-15 + 1e-9 * Math.abs(naive),
            () -> test + " at " + perArm + " per arm, dataset " + d);
    }
}
