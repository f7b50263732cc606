package org.trialsim.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * The count-level path must have the distribution of the patient-level path. Each check is a chi-square
 * goodness-of-fit test of sampled counts against exact binomial probabilities (commons-statistics), or a
 * homogeneity test against counts summed patient by patient. A correct sampler rejects each at the 1% level
 * with probability 0.01, so, as in commons-rng's sampler tests, we run many checks and fail only when more
 * reject than chance allows: with 16 independent checks the number of rejections is Binomial(16, 0.01) and
 * P(3 or more) = 5.1e-4. A biased sampler fails every check at these sample sizes (200,000 draws resolve a
 * probability error of about 0.003 in a cell of mass 0.1).
 */
class NestedResponseCountsTest {

    private static final int DRAWS = 200_000;
    private static final double LEVEL = 0.01;

    /** Marginal count at the single grid point vs the exact binomial pmf, for edge and typical cases. */
    private static double marginalPValue(int n, double p, long seed) {
        NestedResponseCounts counts = new NestedResponseCounts(new int[][] {{n}}, new double[] {p});
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NestedResponseCounts.Sampler counted = counts.sampler(rng);
        long[] observed = new long[n + 1];
        int[] out = new int[1];
        for (int r = 0; r < DRAWS; r++) {
            counted.sample(out);
            observed[out[0]]++;
        }
        BinomialDistribution d = BinomialDistribution.of(n, p);
        double[] expected = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            expected[i] = DRAWS * d.probability(i);
        }
        return goodnessOfFit(observed, expected);
    }

    /**
     * Joint law of two arms over a nested grid: the cumulative count at the first point and the increment to
     * the last, in both arms, must be independent binomials. Cells are (arm 0 first count, arm 0 increment)
     * and (arm 0 first count, arm 1 first count).
     */
    private static double[] jointPValues(long seed) {
        int[][] sizes = {{4, 6, 9}, {4, 6, 9}};
        double[] p = {0.3, 0.55};
        NestedResponseCounts counts = new NestedResponseCounts(sizes, p);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NestedResponseCounts.Sampler counted = counts.sampler(rng);
        long[] withinArm = new long[5 * 6];
        long[] acrossArms = new long[5 * 5];
        int[] out = new int[6];
        for (int r = 0; r < DRAWS; r++) {
            counted.sample(out);
            withinArm[out[0] * 6 + (out[2] - out[0])]++;
            acrossArms[out[0] * 5 + out[3]]++;
        }
        BinomialDistribution first0 = BinomialDistribution.of(4, 0.3);
        BinomialDistribution increment0 = BinomialDistribution.of(5, 0.3);
        BinomialDistribution first1 = BinomialDistribution.of(4, 0.55);
        double[] e1 = new double[withinArm.length];
        double[] e2 = new double[acrossArms.length];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                e1[i * 6 + j] = DRAWS * first0.probability(i) * increment0.probability(j);
            }
            for (int j = 0; j < 5; j++) {
                e2[i * 5 + j] = DRAWS * first0.probability(i) * first1.probability(j);
            }
        }
        return new double[] {goodnessOfFit(withinArm, e1), goodnessOfFit(acrossArms, e2)};
    }

    /**
     * Homogeneity against the patient-level path (each patient a Bernoulli(p) draw, counts summed over the
     * prefix of the cohort that forms the grid point) at the last grid point of a 10-point grid.
     */
    private static double patientLevelPValue(long seed) {
        int[] grid = {20, 40, 60, 80, 100, 120, 140, 160, 180, 200};
        double p = 0.2;
        NestedResponseCounts counts = new NestedResponseCounts(new int[][] {grid}, new double[] {p});
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NestedResponseCounts.Sampler counted = counts.sampler(rng);
        int draws = DRAWS / 10;
        long[] fast = new long[201];
        long[] patients = new long[201];
        int[] out = new int[grid.length];
        for (int r = 0; r < draws; r++) {
            counted.sample(out);
            fast[out[grid.length - 1]]++;
            int responders = 0;
            for (int i = 0; i < 200; i++) {
                responders += rng.nextDouble() < p ? 1 : 0;
            }
            patients[responders]++;
        }
        return homogeneity(fast, patients);
    }

    /**
     * Homogeneity against trialsim's own patient-level path: cohorts from {@link CohortSampler} for a plain
     * two-arm binary scenario (permuted blocks of 2, so every even prefix is balanced), responders counted per
     * arm in the prefixes of 40, 120 and 200 patients. Three checks: arm 0 at 20 per arm, arm 1 at 100 per
     * arm, and arm 0's increment from 20 to 100 per arm (the nesting).
     */
    private static double[] cohortSamplerPValues(long seed) {
        int[] perArm = {20, 60, 100};
        double[] p = {0.2, 0.5};
        CohortSampler sampler = SamplingPlan.compile(BinaryScenario.of(p[0], p[1], 2 * perArm[2])).newSampler();
        Cohort cohort = new Cohort(2 * perArm[2]);
        NestedResponseCounts counts = new NestedResponseCounts(new int[][] {perArm, perArm}, p);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NestedResponseCounts.Sampler counted = counts.sampler(rng);
        int draws = 20_000;
        long[][] fast = new long[3][101];
        long[][] patients = new long[3][101];
        int[] out = new int[6];
        for (int r = 0; r < draws; r++) {
            counted.sample(out);
            fast[0][out[0]]++;
            fast[1][out[5]]++;
            fast[2][out[2] - out[0]]++;
            sampler.sample(cohort, cohort.capacity, seed, r);
            int[][] byPrefix = new int[3][2];
            for (int i = 0; i < cohort.capacity; i++) {
                for (int k = 0; k < 3; k++) {
                    if (i < 2 * perArm[k] && cohort.booleans(InductionResponse.RESPONDED)[i]) {
                        byPrefix[k][cohort.arm[i]]++;
                    }
                }
            }
            patients[0][byPrefix[0][0]]++;
            patients[1][byPrefix[2][1]]++;
            patients[2][byPrefix[2][0] - byPrefix[0][0]]++;
        }
        return new double[] {homogeneity(fast[0], patients[0]), homogeneity(fast[1], patients[1]),
            homogeneity(fast[2], patients[2])};
    }

    @Test
    void countsHaveTheDistributionOfThePatientLevelPath() {
        List<String> rejected = new ArrayList<>();
        // 3000 patients at 0.4 is above the table limit: the inversion path.
        Object[][] marginals = {{1, 0.5}, {10, 0.2}, {100, 0.2}, {100, 0.5}, {37, 0.97}, {1000, 0.003},
            {250, 0.35}, {3000, 0.4}};
        long seed = 20261122L;
        for (Object[] m : marginals) {
            double pv = marginalPValue((Integer) m[0], (Double) m[1], seed++);
            if (pv < LEVEL) {
                rejected.add("Binomial(" + m[0] + ", " + m[1] + ") p=" + pv);
            }
        }
        for (int i = 0; i < 2; i++) {
            double[] pv = jointPValues(seed++);
            for (int j = 0; j < pv.length; j++) {
                if (pv[j] < LEVEL) {
                    rejected.add("joint law " + i + "/" + j + " p=" + pv[j]);
                }
            }
        }
        double pv = patientLevelPValue(seed++);
        if (pv < LEVEL) {
            rejected.add("patient-level homogeneity p=" + pv);
        }
        double[] sampler = cohortSamplerPValues(seed);
        for (int j = 0; j < sampler.length; j++) {
            if (sampler[j] < LEVEL) {
                rejected.add("CohortSampler homogeneity " + j + " p=" + sampler[j]);
            }
        }
        // 8 + 4 + 1 + 3 = 16 checks at 1%: P(3 or more rejections) = 5.1e-4 for a correct sampler
        // (scipy.stats.binom.sf(2, 16, 0.01) = 5.08e-4).
        assertTrue(rejected.size() < 3, () -> "too many rejections at 1%: " + rejected);
    }

    @Test
    void degenerateProbabilitiesGiveDegenerateCounts() {
        NestedResponseCounts counts = new NestedResponseCounts(new int[][] {{5, 10}, {5, 10}}, new double[] {0, 1});
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        NestedResponseCounts.Sampler counted = counts.sampler(rng);
        int[] out = new int[4];
        for (int r = 0; r < 1000; r++) {
            counted.sample(out);
            assertEquals(0, out[0]);
            assertEquals(0, out[1]);
            assertEquals(5, out[2]);
            assertEquals(10, out[3]);
        }
    }

    /**
     * The stream consumed depends on the grid alone (common random numbers across probabilities): one
     * {@code nextInt()} per arm and grid point for increments up to the table limit, whatever the
     * probability (0 and 1 included), and one {@code nextDouble()} for larger increments.
     */
    @Test
    void consumesOneDrawPerArmAndGridPointWhateverTheProbabilities() {
        int[][] sizes = {{20, 40, 60, 60 + NestedResponseCounts.TABLE_LIMIT + 1}, {20, 40, 60,
            60 + NestedResponseCounts.TABLE_LIMIT + 1}};
        for (double[] p : new double[][] {{0.2, 0.5}, {0, 1}, {0.999, 1e-9}}) {
            int[] ints = {0};
            int[] doubles = {0};
            UniformRandomProvider base = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
            UniformRandomProvider counting = new UniformRandomProvider() {
                @Override
                public long nextLong() {
                    throw new AssertionError("only nextInt and nextDouble are expected");
                }

                @Override
                public int nextInt() {
                    ints[0]++;
                    return base.nextInt();
                }

                @Override
                public double nextDouble() {
                    doubles[0]++;
                    return base.nextDouble();
                }
            };
            NestedResponseCounts counts = new NestedResponseCounts(sizes, p);
            int[] out = new int[8];
            counts.sampler(counting).sample(out);
            assertEquals(6, ints[0], () -> "nextInt calls for " + java.util.Arrays.toString(p));
            assertEquals(2, doubles[0], () -> "nextDouble calls for " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void rejectsInvalidDesigns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new NestedResponseCounts(new int[][] {{10, 5}}, new double[] {0.5}));
        assertTrue(e.getMessage().contains("decrease"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new NestedResponseCounts(new int[][] {{10}}, new double[] {1.5}));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new NestedResponseCounts(new int[][] {{10}, {10, 20}}, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("grid points"), e.getMessage());
    }

    /** Pearson goodness of fit, pooling cells of expected count below 5 into one (Cochran's rule). */
    static double goodnessOfFit(long[] observed, double[] expected) {
        double stat = 0;
        double pooledObserved = 0;
        double pooledExpected = 0;
        int cells = 0;
        for (int i = 0; i < observed.length; i++) {
            if (expected[i] < 5) {
                pooledObserved += observed[i];
                pooledExpected += expected[i];
            } else {
                stat += sq(observed[i] - expected[i]) / expected[i];
                cells++;
            }
        }
        if (pooledExpected > 0) {
            // A pooled cell with tiny expectation but some observations is itself evidence of a bias.
            stat += sq(pooledObserved - pooledExpected) / Math.max(pooledExpected, 1e-300);
            cells++;
        }
        return cells < 2 ? 1 : ChiSquaredDistribution.of(cells - 1).survivalProbability(stat);
    }

    /** Pearson chi-square homogeneity of two samples over the same cells, pooling sparse cells. */
    static double homogeneity(long[] a, long[] b) {
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            na += a[i];
            nb += b[i];
        }
        double stat = 0;
        int cells = 0;
        long poolA = 0;
        long poolB = 0;
        for (int i = 0; i < a.length; i++) {
            double total = a[i] + b[i];
            if (total * Math.min(na, nb) / (na + nb) < 5) {
                poolA += a[i];
                poolB += b[i];
                continue;
            }
            stat += cell(a[i], b[i], na, nb);
            cells++;
        }
        if (poolA + poolB > 0) {
            stat += cell(poolA, poolB, na, nb);
            cells++;
        }
        return cells < 2 ? 1 : ChiSquaredDistribution.of(cells - 1).survivalProbability(stat);
    }

    private static double cell(double a, double b, double na, double nb) {
        double total = a + b;
        double ea = total * na / (na + nb);
        double eb = total * nb / (na + nb);
        return sq(a - ea) / ea + sq(b - eb) / eb;
    }

    private static double sq(double x) {
        return x * x;
    }
}
