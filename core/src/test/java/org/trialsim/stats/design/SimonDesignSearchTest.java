package org.trialsim.stats.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Simon's optimal and minimax designs against the published tables and against a brute-force enumeration
 * that shares no code with the search.
 */
class SimonDesignSearchTest {

    /**
     * Rows of Simon R. Control Clin Trials 1989;10:1-10, Tables 1 (p1 - p0 = 0.20) and 2 (0.15): the design columns
     * r1/n1, r/n are the published ones. EN0 and PET0 are checked to the table's rounding (one and two
     * decimals); four of the EN0/PET0 values first recorded here from memory (0.50, 0.48, 20.1, 0.65) disagreed
     * with the exact sums for the published design and were replaced by the exact values rounded, so those
     * two columns are a consistency check of the sums, not an independent reference.
     */
    @ParameterizedTest(name = "p0={0} p1={1} alpha={2} beta={3}: optimal {4}/{5}, {6}/{7}")
    @CsvSource({
        // p0, p1, alpha, beta, r1, n1, r, n, EN0, PET0   (optimal designs)
        "0.05, 0.25, 0.10, 0.10, 0, 9, 2, 24, 14.5, 0.63",
        "0.05, 0.25, 0.05, 0.20, 0, 9, 2, 17, 12.0, 0.63",
        "0.05, 0.25, 0.05, 0.10, 0, 9, 3, 30, 16.8, 0.63",
        "0.10, 0.30, 0.10, 0.10, 1, 12, 5, 35, 19.8, 0.66",
        "0.10, 0.30, 0.05, 0.20, 1, 10, 5, 29, 15.0, 0.74",
        "0.10, 0.30, 0.05, 0.10, 2, 18, 6, 35, 22.5, 0.73",
        "0.20, 0.40, 0.10, 0.10, 3, 17, 10, 37, 26.0, 0.55",
        "0.20, 0.40, 0.05, 0.20, 3, 13, 12, 43, 20.6, 0.75",
        "0.20, 0.40, 0.05, 0.10, 4, 19, 15, 54, 30.4, 0.67",
        "0.30, 0.50, 0.10, 0.10, 7, 22, 17, 46, 29.9, 0.67",
        "0.30, 0.50, 0.05, 0.20, 5, 15, 18, 46, 23.6, 0.72",
        "0.30, 0.50, 0.05, 0.10, 8, 24, 24, 63, 34.7, 0.73",
        "0.40, 0.60, 0.10, 0.10, 7, 18, 22, 46, 30.2, 0.56",
        "0.40, 0.60, 0.05, 0.20, 7, 16, 23, 46, 24.5, 0.72",
        "0.40, 0.60, 0.05, 0.10, 11, 25, 32, 66, 36.0, 0.73",
        "0.50, 0.70, 0.05, 0.20, 8, 15, 26, 43, 23.5, 0.70",
        "0.50, 0.70, 0.05, 0.10, 13, 24, 36, 61, 34.0, 0.73",
        "0.60, 0.80, 0.05, 0.20, 7, 11, 30, 43, 20.5, 0.70",
        "0.60, 0.80, 0.05, 0.10, 12, 19, 37, 53, 29.5, 0.69",
        "0.70, 0.90, 0.10, 0.10, 6, 9, 22, 28, 17.8, 0.54",
        "0.70, 0.90, 0.05, 0.20, 4, 6, 22, 27, 14.8, 0.58",
        "0.70, 0.90, 0.05, 0.10, 11, 15, 29, 36, 21.2, 0.70",
        // Table 2 (p1 - p0 = 0.15)
        "0.05, 0.20, 0.10, 0.10, 0, 12, 3, 37, 23.5, 0.54",
        "0.05, 0.20, 0.05, 0.20, 0, 10, 3, 29, 17.6, 0.60",
        "0.05, 0.20, 0.05, 0.10, 1, 21, 4, 41, 26.7, 0.72",
        "0.10, 0.25, 0.05, 0.20, 2, 18, 7, 43, 24.7, 0.73",
        "0.20, 0.35, 0.05, 0.20, 5, 22, 19, 72, 35.4, 0.73",
        "0.50, 0.65, 0.05, 0.10, 22, 42, 60, 105, 62.3, 0.68",
    })
    void optimalDesignsMatchSimon1989(double p0, double p1, double alpha, double beta, int r1, int n1, int r,
            int n, double en0, double pet0) {
        final SimonTwoStage design = new SimonDesignSearch(p0, p1, alpha, beta).optimal().orElseThrow();
        assertEquals(new SimonTwoStage(n1, r1, n, r), design);
        assertEquals(en0, design.expectedSampleSize(p0), 0.05 + 1e-9, "EN0 as printed to one decimal");
        assertEquals(pet0, design.probabilityEarlyTermination(p0), 0.005 + 1e-9, "PET0 as printed");
    }

    /** Minimax designs of the same table, same columns. */
    @ParameterizedTest(name = "p0={0} p1={1} alpha={2} beta={3}: minimax {4}/{5}, {6}/{7}")
    @CsvSource({
        "0.05, 0.25, 0.10, 0.10, 0, 13, 2, 20, 16.4, 0.51",
        "0.05, 0.25, 0.05, 0.20, 0, 12, 2, 16, 13.8, 0.54",
        "0.05, 0.25, 0.05, 0.10, 0, 15, 3, 25, 20.4, 0.46",
        "0.10, 0.30, 0.10, 0.10, 1, 16, 4, 25, 20.4, 0.51",
        "0.10, 0.30, 0.05, 0.20, 1, 15, 5, 25, 19.5, 0.55",
        "0.10, 0.30, 0.05, 0.10, 2, 22, 6, 33, 26.2, 0.62",
        "0.20, 0.40, 0.10, 0.10, 3, 19, 10, 36, 28.3, 0.46",
        "0.20, 0.40, 0.05, 0.20, 4, 18, 10, 33, 22.3, 0.72",
        "0.20, 0.40, 0.05, 0.10, 5, 24, 13, 45, 31.2, 0.66",
        "0.30, 0.50, 0.10, 0.10, 7, 28, 15, 39, 35.0, 0.36",
        "0.30, 0.50, 0.05, 0.20, 6, 19, 16, 39, 25.7, 0.67",
        "0.30, 0.50, 0.05, 0.10, 7, 24, 21, 53, 36.6, 0.56",
        "0.40, 0.60, 0.10, 0.10, 11, 28, 20, 41, 33.8, 0.55",
        "0.40, 0.60, 0.05, 0.20, 17, 34, 20, 39, 34.4, 0.91",
        "0.40, 0.60, 0.05, 0.10, 12, 29, 27, 54, 38.1, 0.64",
        "0.50, 0.70, 0.05, 0.20, 12, 23, 23, 37, 27.7, 0.66",
        "0.50, 0.70, 0.05, 0.10, 14, 27, 32, 53, 36.1, 0.65",
        "0.60, 0.80, 0.05, 0.20, 8, 13, 25, 35, 20.8, 0.65",
        "0.60, 0.80, 0.05, 0.10, 15, 26, 32, 45, 35.9, 0.48",
        "0.70, 0.90, 0.10, 0.10, 11, 16, 20, 25, 20.0, 0.55",
        "0.70, 0.90, 0.05, 0.20, 19, 23, 21, 26, 23.2, 0.95",
        "0.70, 0.90, 0.05, 0.10, 13, 18, 26, 32, 22.7, 0.67",
        // Table 2 (p1 - p0 = 0.15)
        "0.05, 0.20, 0.05, 0.20, 0, 13, 3, 27, 19.8, 0.51",
        "0.05, 0.20, 0.05, 0.10, 1, 29, 4, 38, 32.9, 0.57",
        "0.10, 0.25, 0.05, 0.20, 2, 22, 7, 40, 28.8, 0.62",
        "0.20, 0.35, 0.05, 0.20, 6, 31, 15, 53, 40.4, 0.57",
        "0.50, 0.65, 0.05, 0.10, 28, 57, 54, 93, 75.0, 0.50",
    })
    void minimaxDesignsMatchSimon1989(double p0, double p1, double alpha, double beta, int r1, int n1, int r,
            int n, double en0, double pet0) {
        final SimonTwoStage design = new SimonDesignSearch(p0, p1, alpha, beta).minimax().orElseThrow();
        assertEquals(new SimonTwoStage(n1, r1, n, r), design);
        assertEquals(en0, design.expectedSampleSize(p0), 0.05 + 1e-9, "EN0 as printed to one decimal");
        assertEquals(pet0, design.probabilityEarlyTermination(p0), 0.005 + 1e-9, "PET0 as printed");
    }

    /**
     * Brute force over every (n1, r1, n, r) with n <= nMax, using only {@link SimonTwoStage}'s own
     * commons-statistics sums (no tables, no bisection, no pruning): the optimal and minimax designs it finds
     * must be the search's.
     */
    @ParameterizedTest
    @CsvSource({
        "0.05, 0.25, 0.05, 0.20, 30",
        "0.10, 0.30, 0.05, 0.20, 34",
        "0.70, 0.90, 0.05, 0.20, 32",
    })
    void searchAgreesWithBruteForceEnumeration(double p0, double p1, double alpha, double beta, int nMax) {
        SimonTwoStage optimal = null;
        double optimalEn0 = Double.POSITIVE_INFINITY;
        SimonTwoStage minimax = null;
        double minimaxEn0 = Double.POSITIVE_INFINITY;
        for (int n = 2; n <= nMax; n++) {
            for (int n1 = 1; n1 < n; n1++) {
                for (int r1 = 0; r1 < n1; r1++) {
                    for (int r = r1; r < n; r++) {
                        final SimonTwoStage d = new SimonTwoStage(n1, r1, n, r);
                        if (d.rejectionProbability(p0) > alpha || d.rejectionProbability(p1) < 1 - beta) {
                            continue;
                        }
                        final double en0 = d.expectedSampleSize(p0);
                        if (en0 < optimalEn0 - 1e-12) {
                            optimal = d;
                            optimalEn0 = en0;
                        }
                        if (minimax == null || n < minimax.n() || (n == minimax.n() && en0 < minimaxEn0 - 1e-12)) {
                            minimax = d;
                            minimaxEn0 = en0;
                        }
                    }
                }
            }
        }
        final SimonDesignSearch search = new SimonDesignSearch(p0, p1, alpha, beta);
        assertEquals(minimax, search.minimax().orElseThrow());
        assertEquals(optimal, search.optimal(nMax).orElseThrow());
    }

    /**
     * Reference cases d01/d02 (trialsim validation set, exact enumeration over both stages' binomial counts):
     * p0=0.2, p1=0.4, alpha=0.05, beta=0.2, optimal 3/13, 12/43.
     */
    @Test
    void referenceCaseD01D02() {
        final SimonTwoStage d = new SimonDesignSearch(0.2, 0.4, 0.05, 0.2).optimal().orElseThrow();
        assertEquals(new SimonTwoStage(13, 3, 43, 12), d);
        assertEquals(0.04958144975, d.rejectionProbability(0.2), 1e-10);
        assertEquals(0.8002143562, d.rejectionProbability(0.4), 1e-10);
        assertEquals(20.58027071, d.expectedSampleSize(0.2), 1e-8);
        assertEquals(37.94260904, d.expectedSampleSize(0.4), 1e-8);
    }

    /**
     * The per-trial rule, applied to every outcome (x1, x2) weighted by its binomial probability, gives the
     * operating characteristics computed by the closed sums.
     */
    @Test
    void perTrialRuleAgreesWithOperatingCharacteristics() {
        final SimonTwoStage d = new SimonTwoStage(13, 3, 43, 12);
        for (double p : new double[] {0.1, 0.2, 0.3, 0.4, 0.55}) {
            final org.apache.commons.statistics.distribution.BinomialDistribution s1 =
                    org.apache.commons.statistics.distribution.BinomialDistribution.of(d.n1(), p);
            final org.apache.commons.statistics.distribution.BinomialDistribution s2 =
                    org.apache.commons.statistics.distribution.BinomialDistribution.of(d.n() - d.n1(), p);
            double reject = 0;
            double stop = 0;
            for (int x1 = 0; x1 <= d.n1(); x1++) {
                if (d.stopsEarly(x1)) {
                    stop += s1.probability(x1);
                }
                for (int x2 = 0; x2 <= d.n() - d.n1(); x2++) {
                    if (d.rejects(x1, x1 + x2)) {
                        reject += s1.probability(x1) * s2.probability(x2);
                    }
                }
            }
            assertEquals(reject, d.rejectionProbability(p), 1e-13, "p=" + p);
            assertEquals(stop, d.probabilityEarlyTermination(p), 1e-13, "p=" + p);
        }
    }

    /**
     * The Neyman-Pearson bound (issue #20, point 4): no admissible design has fewer patients than the smallest n
     * at which the most powerful single-stage test reaches the power, so the brute force over every design
     * (n1, r1, n, r) with n below the bound finds none, and the minimax design lies at or above it; where even
     * 500 patients fall short (p0 = 0.2, p1 = 0.21, which searched 20-30 s before), the answer is empty at once
     * because the bound says so, not because the search ran out.
     */
    @ParameterizedTest
    @CsvSource({
        "0.05, 0.25, 0.05, 0.20",
        "0.10, 0.30, 0.05, 0.20",
        "0.70, 0.90, 0.05, 0.20",
        "0.20, 0.40, 0.10, 0.10",
    })
    void noAdmissibleDesignBelowTheMostPowerfulTestsSize(double p0, double p1, double alpha, double beta) {
        final SimonDesignSearch search = new SimonDesignSearch(p0, p1, alpha, beta);
        final int bound = search.smallestFeasibleN();
        for (int n = 2; n < bound; n++) {
            for (int n1 = 1; n1 < n; n1++) {
                for (int r1 = 0; r1 < n1; r1++) {
                    for (int r = r1; r < n; r++) {
                        final SimonTwoStage d = new SimonTwoStage(n1, r1, n, r);
                        assertTrue(d.rejectionProbability(p0) > alpha || d.rejectionProbability(p1) < 1 - beta,
                                "admissible below the bound " + bound + ": " + d);
                    }
                }
            }
        }
        final int minimax = search.minimax().orElseThrow().n();
        assertTrue(bound <= minimax && minimax <= bound + bound / 5 + 3, bound + " vs minimax " + minimax);
    }

    @Test
    void noDesignWithinTheLimitIsKnownFromTheBound() {
        final SimonDesignSearch search = new SimonDesignSearch(0.2, 0.21, 0.05, 0.2);
        assertEquals(SimonDesignSearch.HARD_MAX_N + 1, search.smallestFeasibleN());
        assertTrue(search.minimax().isEmpty());
        assertTrue(search.optimal().isEmpty());
        assertTrue(search.optimal(SimonDesignSearch.HARD_MAX_N).isEmpty());
    }

    @Test
    void noDesignWhenLimitTooSmall() {
        assertTrue(new SimonDesignSearch(0.2, 0.4, 0.05, 0.2).optimal(20).isEmpty());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new SimonDesignSearch(0.4, 0.2, 0.05, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new SimonDesignSearch(0.2, 0.4, 0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new SimonDesignSearch(0.2, 0.4, 0.05, 1));
        assertThrows(IllegalArgumentException.class, () -> new SimonTwoStage(10, 10, 20, 12));
        assertThrows(IllegalArgumentException.class, () -> new SimonTwoStage(10, 3, 10, 5));
    }
}
