package org.trialsim.multiarm;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.gamma.InverseErfc;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.StreamId;

/**
 * Simulates a {@link MultiArmDesign}: per replicate, stage by stage, each arm's and the control's stage-wise
 * mean (normal with variance {@code sd^2 / n}, n the patients analysed: with {@link MultiArmDesign.Analysed} a
 * retention below 1, the completers among those enrolled, n Bernoulli draws before the mean) or responder count
 * (n Bernoulli draws), the stage-wise
 * statistics, the closed combination test, and the selection for the next stage. Every arm is drawn at every
 * stage in a fixed order whether or not it is still in the trial, from the replicate's own stream
 * ({@code StreamId "multi_arm"}), so replicate r's trial depends on (seed, r) alone, designs that differ only
 * in their rules share random numbers, and counts summed over batches are the same for any thread count.
 * Ties of the selection ({@link Selection.TieBreak#AT_RANDOM}) draw from a second stream of the replicate
 * ({@code "multi_arm_ties"}), seeded only when a tie occurs, so the outcome draws are the same whichever tie
 * rule is used and a design whose estimates never tie (means) draws exactly as before the rule existed.
 */
public final class MultiArmSimulation implements ReplicateCounter {

    /** The stream of every arm's outcomes. */
    static final StreamId STREAM = StreamId.of("multi_arm");
    /** The stream of the uniforms that break ties in selection. */
    static final StreamId TIES = StreamId.of("multi_arm_ties");
    /** The counters, in the order of the offsets below ({@link ReplicateCounter#layout()}). */
    private static final String LAYOUT = "closed test 1: replicates, selected[stage][arm], rejected[arm], any rejected,"
            + " true null rejected, success stop[stage], futility stop[stage], patients[arm, control, total] as sum"
            + " and sum of squares";

    private final MultiArmDesign design;
    private final long seed;
    private final int g;
    private final int k;
    // counter layout
    private final int offSelected;
    private final int offRejected;
    private final int offAny;
    private final int offNull;
    private final int offSuccess;
    private final int offFutility;
    private final int offPatients;
    private final int size;

    /**
     * The simulation of a design under a master seed.
     *
     * @param design the design
     * @param seed the master seed
     */
    public MultiArmSimulation(MultiArmDesign design, long seed) {
        this.design = design;
        this.seed = seed;
        g = design.arms();
        k = design.stages();
        offSelected = 1;
        offRejected = offSelected + k * g;
        offAny = offRejected + g;
        offNull = offAny + 1;
        offSuccess = offNull + 1;
        offFutility = offSuccess + k;
        offPatients = offFutility + k;
        size = offPatients + 2 * (g + 2);
    }

    /**
     * Runs replicates {@code [0, replicates)} on {@code threads} threads.
     *
     * @param label the result's label
     * @param replicates the number of trials
     * @param threads worker threads (the result does not depend on it)
     * @return the operating characteristics
     */
    public MultiArmResult run(String label, long replicates, int threads) {
        long[] c = ReplicateRunner.run(Trial::new, size, replicates, threads);
        return result(label, c);
    }

    /** The integer counters of replicates {@code [from, to)} on the calling thread (for tests and shards). */
    @Override
    public long[] counts(long from, long to) {
        long[] c = new long[size];
        Trial t = new Trial();
        for (long r = from; r < to; r++) {
            t.run(r, c);
        }
        return c;
    }

    @Override
    public int counters() {
        return size;
    }

    @Override
    public String layout() {
        return LAYOUT;
    }

    MultiArmResult result(String label, long[] c) {
        long n = c[0];
        List<Estimate[]> selected = new ArrayList<>();
        for (int s = 1; s < k; s++) {
            Estimate[] e = new Estimate[g];
            for (int i = 0; i < g; i++) {
                e[i] = Estimate.proportion(c[offSelected + s * g + i], n);
            }
            selected.add(e);
        }
        Estimate[] rejected = new Estimate[g];
        for (int i = 0; i < g; i++) {
            rejected[i] = Estimate.proportion(c[offRejected + i], n);
        }
        Estimate[] success = new Estimate[k];
        for (int s = 0; s < k; s++) {
            success[s] = Estimate.proportion(c[offSuccess + s], n);
        }
        Estimate[] futility = new Estimate[k - 1];
        for (int s = 0; s < k - 1; s++) {
            futility[s] = Estimate.proportion(c[offFutility + s], n);
        }
        Estimate[] patients = new Estimate[g + 1];
        for (int i = 0; i <= g; i++) {
            patients[i] = Estimate.mean(c[offPatients + 2 * i], c[offPatients + 2 * i + 1], n);
        }
        Estimate total = Estimate.mean(c[offPatients + 2 * (g + 1)], c[offPatients + 2 * (g + 1) + 1], n);
        Estimate fwer = design.nullArms() == 0 ? new Estimate(Double.NaN, Double.NaN)
                : Estimate.proportion(c[offNull], n);
        return new MultiArmResult(label, design.values(), n, selected, rejected,
                Estimate.proportion(c[offAny], n), fwer, success, futility, patients, total);
    }

    /** One thread's trial with its scratch. */
    private final class Trial implements ReplicateRunner.Trial {
        private final ReplicateRandom rng = new ReplicateRandom();
        private final ReplicateRandom tieRng = new ReplicateRandom();
        private final double[] priority = new double[g];
        private long replicate;
        private boolean tieSeeded;
        private final java.util.function.DoubleSupplier tieUniform = this::tieUniform;
        private final ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        private final double[] z = new double[g];
        private final double[] p = new double[g];
        private final double[] lambda = new double[g];
        private final double[] sorted = new double[g];
        private final double[] effect = new double[g];
        private final double[] sum = new double[g + 1];
        private final int[] count = new int[g + 1];
        private final double[] combined = new double[1 << g];
        private final boolean[] intersectionRejected = new boolean[1 << g];
        private final double[] weights = design.weights();
        private final MultiArmDesign.Analysed analysed = design.analysed();
        private final boolean pooled = analysed != null && analysed.pooled();
        private final double[] stageMean = new double[g];
        private final int[] stageCount = new int[g];
        private final double[] scaled = new double[g];
        private final java.util.Map<Integer, org.apache.commons.statistics.distribution.TDistribution> students =
                new java.util.HashMap<>();

        @Override
        public void run(long replicate, long[] c) {
            rng.reseed(seed, replicate, STREAM.key());
            this.replicate = replicate;
            tieSeeded = false;
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(count, 0);
            java.util.Arrays.fill(combined, 0);
            java.util.Arrays.fill(intersectionRejected, false);
            int full = (1 << g) - 1;
            int active = full;
            int rejected = 0;
            double weightSquares = 0;
            c[0]++;
            for (int s = 0; s < k; s++) {
                int n0 = design.controlPerStage()[s];
                int n = design.armStage(s);
                // analysed patients (completers): all of them unless the design gives a retention below 1
                int a0 = analysed == null ? n0 : completers(analysed.controlRetained(), n0);
                double sd0 = analysed == null ? design.sd() : analysed.controlSd();
                // a stage mean is drawn even when nobody is analysed, so the stream stays aligned across designs
                double control = draw(design.control(), sd0, Math.max(a0, 1));
                double squares = pooled ? sd0 * sd0 * chiSquare(a0 - 1) : 0;
                int df = pooled ? Math.max(a0 - 1, 0) : 0;
                sum[g] += control * a0;
                count[g] += a0;
                patients[g] += n0;
                for (int i = 0; i < g; i++) {
                    int a = analysed == null ? n : completers(analysed.retained()[i], n);
                    double sdi = analysed == null ? design.sd() : analysed.sd()[i];
                    double mean = draw(design.values()[i], sdi, Math.max(a, 1));
                    double armSquares = pooled ? sdi * sdi * chiSquare(a - 1) : 0;
                    if ((active >>> i & 1) != 0) {
                        c[offSelected + s * g + i]++;
                        sum[i] += mean * a;
                        count[i] += a;
                        patients[i] += n;
                        if (pooled) {
                            // the t statistic waits for the stage's pooled variance
                            squares += armSquares;
                            df += Math.max(a - 1, 0);
                            stageMean[i] = mean;
                            stageCount[i] = a;
                        } else if (analysed == null) {
                            z[i] = statistic(mean, n, control, n0);
                            p[i] = IntersectionTest.upper(z[i]);
                            lambda[i] = Math.sqrt((double) n / (n + n0));
                        } else if (a == 0 || a0 == 0) {
                            // no comparison this stage: the arm stays in, with a stage-wise p-value of 1
                            z[i] = Double.NEGATIVE_INFINITY;
                            p[i] = 1;
                            lambda[i] = 0;
                        } else {
                            double v = sdi * sdi / a;
                            double v0 = sd0 * sd0 / a0;
                            z[i] = (mean - control) / Math.sqrt(v + v0);
                            p[i] = IntersectionTest.upper(z[i]);
                            lambda[i] = Math.sqrt(v0 / (v + v0));
                        }
                    }
                }
                if (pooled) {
                    pooledStatistics(active, control, a0, squares, df);
                }
                weightSquares += weights[s] * weights[s];
                boolean last = s == k - 1;
                int futileArms = 0;
                for (int set = 1; set <= full; set++) {
                    double ps = pooled && df > 0 ? design.test().pValueT(set, active, z, p, lambda, sorted, scaled, df)
                            : design.test().pValue(set, active, z, p, lambda, sorted);
                    // inverse normal: Phi^-1(1 - p) = sqrt(2) erfc^-1(2p); NaN (no arm of the set left) stays NaN
                    combined[set] += weights[s] * Math.sqrt(2) * InverseErfc.value(2 * ps);
                    double stat = combined[set] / Math.sqrt(weightSquares);
                    if (stat >= design.critical()[s]) {
                        intersectionRejected[set] = true;
                    }
                    if (!last && stat <= design.futility()[s]) {
                        futileArms |= set;
                    }
                }
                int rejectedNow = 0;
                for (int i = 0; i < g; i++) {
                    if (allContainingRejected(i, full)) {
                        rejectedNow |= 1 << i;
                    }
                }
                rejected |= rejectedNow & active;
                boolean success = design.successAll() ? (active & ~rejected) == 0 : rejectedNow != 0;
                if (success) {
                    c[offSuccess + s]++;
                    break;
                }
                if (last) {
                    break;
                }
                int next = active & design.selection().select(overallEffects(active), active, tieUniform, priority);
                if ((active & ~futileArms) == 0 || next == 0) {
                    c[offFutility + s]++;
                    break;
                }
                active = next;
            }
            if (rejected != 0) {
                c[offAny]++;
            }
            if ((rejected & design.nullArms()) != 0) {
                c[offNull]++;
            }
            for (int i = 0; i < g; i++) {
                if ((rejected >>> i & 1) != 0) {
                    c[offRejected + i]++;
                }
            }
            flushPatients(c);
        }

        private final long[] patients = new long[g + 1];

        private void flushPatients(long[] c) {
            long total = 0;
            for (int i = 0; i <= g; i++) {
                c[offPatients + 2 * i] += patients[i];
                c[offPatients + 2 * i + 1] += patients[i] * patients[i];
                total += patients[i];
                patients[i] = 0;
            }
            c[offPatients + 2 * (g + 1)] += total;
            c[offPatients + 2 * (g + 1) + 1] += total * total;
        }

        private boolean allContainingRejected(int arm, int full) {
            for (int set = 1; set <= full; set++) {
                if ((set >>> arm & 1) != 0 && !intersectionRejected[set]) {
                    return false;
                }
            }
            return true;
        }

        /** A uniform from the replicate's tie stream, seeded at its first use in the replicate. */
        private double tieUniform() {
            if (!tieSeeded) {
                tieRng.reseed(seed, replicate, TIES.key());
                tieSeeded = true;
            }
            return tieRng.nextDouble();
        }

        private double[] overallEffects(int active) {
            double control = total(g) / count[g];
            for (int i = 0; i < g; i++) {
                effect[i] = (active >>> i & 1) != 0 ? total(i) / count[i] - control : Double.NaN;
                if ((active >>> i & 1) != 0 && Double.isNaN(effect[i])) {
                    effect[i] = Double.NEGATIVE_INFINITY; // nobody analysed on the arm or the control yet: worst
                }
            }
            return effect;
        }

        /**
         * The arm's cumulative sum; for rates the responder count, rounded back to the integer it is (each
         * stage adds {@code (x / n) * n}, which may miss x by an ulp), so equal counts give equal estimates and
         * tie exactly, whatever their split over the stages.
         */
        private double total(int arm) {
            return design.outcome() == MultiArmDesign.Outcome.RATES ? Math.rint(sum[arm]) : sum[arm];
        }

        /**
         * Each active arm's t statistic, p-value and Dunnett lambda from the stage's pooled SD
         * {@code sqrt(squares / df)}; an arm (or control) with nobody analysed, or no degrees of freedom, gives no
         * comparison (p-value 1).
         */
        private void pooledStatistics(int active, double control, int a0, double squares, int df) {
            double sdPooled = df > 0 ? Math.sqrt(squares / df) : Double.NaN;
            for (int i = 0; i < g; i++) {
                if ((active >>> i & 1) == 0) {
                    continue;
                }
                int a = stageCount[i];
                if (a == 0 || a0 == 0 || df == 0) {
                    z[i] = Double.NEGATIVE_INFINITY;
                    p[i] = 1;
                    lambda[i] = 0;
                } else {
                    z[i] = (stageMean[i] - control) / (sdPooled * Math.sqrt(1.0 / a + 1.0 / a0));
                    p[i] = student(df).survivalProbability(z[i]);
                    lambda[i] = Math.sqrt((double) a / (a + a0));
                }
            }
        }

        /** Student's t on df degrees of freedom, made once per df on this thread. */
        private org.apache.commons.statistics.distribution.TDistribution student(int df) {
            return students.computeIfAbsent(df, org.apache.commons.statistics.distribution.TDistribution::of);
        }

        /** A chi-square draw on {@code df} degrees of freedom: the sum of df squared standard normals (0 if none). */
        private double chiSquare(int df) {
            double x = 0;
            for (int j = 0; j < df; j++) {
                double e = gauss.sample();
                x += e * e;
            }
            return x;
        }

        /** The number analysed of n enrolled: n Bernoulli trials with the retention (none drawn at 1). */
        private int completers(double retained, int n) {
            if (retained >= 1) {
                return n;
            }
            int a = 0;
            for (int j = 0; j < n; j++) {
                if (rng.nextDouble() < retained) {
                    a++;
                }
            }
            return a;
        }

        /** Draws a stage's mean of n values (normal, SD {@code sd}) or response rate (n Bernoulli trials). */
        private double draw(double value, double sd, int n) {
            if (design.outcome() == MultiArmDesign.Outcome.MEANS) {
                return value + sd / Math.sqrt(n) * gauss.sample();
            }
            int x = 0;
            for (int j = 0; j < n; j++) {
                if (rng.nextDouble() < value) {
                    x++;
                }
            }
            return (double) x / n;
        }

        private double statistic(double mean, int n, double control, int n0) {
            if (design.outcome() == MultiArmDesign.Outcome.MEANS) {
                return (mean - control) / (design.sd() * Math.sqrt(1.0 / n + 1.0 / n0));
            }
            if (mean == control) {
                return 0;
            }
            double pooled = (mean * n + control * n0) / (n + n0);
            return (mean - control) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / n0));
        }
    }
}
