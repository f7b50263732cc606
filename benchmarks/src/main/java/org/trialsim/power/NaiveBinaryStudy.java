package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * The naive baseline of a two-arm binary power study, written the way a first version usually is: a fresh
 * list of patient objects per trial, each response drawn through a commons-math3 distribution object
 * ({@code BinomialDistribution(1, p).sample()}, which inverts the distribution function by search), and the
 * p-value from commons-math3's {@link ChiSquareTest} on a freshly allocated table. Not nested: every sample
 * size of a grid is a new set of trials. It computes the same test as the tuned paths (Pearson chi-square
 * without continuity correction, two-sided 5%), so the tuning shows as a ratio of like to like.
 */
public final class NaiveBinaryStudy {

    /** One simulated patient. */
    record Patient(int arm, boolean responded) {
    }

    private final BinomialDistribution control;
    private final BinomialDistribution treatment;
    private final ChiSquareTest test = new ChiSquareTest();
    private final double alpha;

    /**
     * @param control response probability in the control arm
     * @param treatment response probability in the treatment arm
     * @param alpha two-sided level of the chi-square test
     * @param seed seed of the commons-math3 generator
     */
    public NaiveBinaryStudy(double control, double treatment, double alpha, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        this.control = new BinomialDistribution(rng, 1, control);
        this.treatment = new BinomialDistribution(rng, 1, treatment);
        this.alpha = alpha;
    }

    /** Rejections among {@code trials} trials of {@code perArm} patients per arm. */
    public long run(int trials, int perArm) {
        long rejections = 0;
        for (int t = 0; t < trials; t++) {
            List<Patient> patients = new ArrayList<>();
            for (int i = 0; i < 2 * perArm; i++) {
                int arm = i % 2;
                boolean responded = (arm == 0 ? control : treatment).sample() == 1;
                patients.add(new Patient(arm, responded));
            }
            long[][] table = new long[2][2];
            for (Patient p : patients) {
                table[p.arm()][p.responded() ? 0 : 1]++;
            }
            if (table[0][0] + table[1][0] == 0 || table[0][1] + table[1][1] == 0) {
                continue;
            }
            if (test.chiSquareTest(table) < alpha) {
                rejections++;
            }
        }
        return rejections;
    }
}
