package org.trialsim.multiarm;

import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.StreamId;

/**
 * Simulates a {@link ResponseAdaptiveDesign}. Per replicate, from its own stream ({@code StreamId
 * "response_adaptive"}): for each patient one uniform picks the arm from the current allocation probabilities
 * and one more decides the response; at each look the posteriors' {@code P(best)} by {@link ProbabilityBest}
 * (quadrature, no inner draws), the decisions and the next allocation. Counts are integers summed over
 * batches, so results are bit-identical for any thread count.
 */
public final class ResponseAdaptiveSimulation implements ReplicateCounter {

    /** The stream of each patient's arm and response. */
    static final StreamId STREAM = StreamId.of("response_adaptive");
    /** The counters, in the order of the offsets below ({@link ReplicateCounter#layout()}). */
    private static final String LAYOUT = "response-adaptive 1: replicates, patients[arm] as sum and sum of squares,"
            + " selected[arm], dropped[arm], success, superiority stop, futility stop, total patients as sum and sum"
            + " of squares, success with[arm]";

    private final ResponseAdaptiveDesign design;
    private final long seed;
    private final int m;
    private final int offPatients;
    private final int offSelected;
    private final int offDropped;
    private final int offSuccess;
    private final int offSuperiority;
    private final int offFutility;
    private final int offTotal;
    private final int offSuccessWith;
    private final int size;

    /**
     * The simulation of a design under a master seed.
     *
     * @param design the design
     * @param seed the master seed
     */
    public ResponseAdaptiveSimulation(ResponseAdaptiveDesign design, long seed) {
        this.design = design;
        this.seed = seed;
        m = design.arms();
        offPatients = 1;
        offSelected = offPatients + 2 * m;
        offDropped = offSelected + m;
        offSuccess = offDropped + m;
        offSuperiority = offSuccess + 1;
        offFutility = offSuperiority + 1;
        offTotal = offFutility + 1;
        offSuccessWith = offTotal + 2;
        size = offSuccessWith + m;
    }

    /**
     * Runs replicates {@code [0, replicates)}.
     *
     * @param label the result's label
     * @param replicates the number of trials
     * @param threads worker threads (the result does not depend on it)
     * @return the operating characteristics
     */
    public ResponseAdaptiveResult run(String label, long replicates, int threads) {
        return result(label, ReplicateRunner.run(Trial::new, size, replicates, threads));
    }

    /** The counters of replicates {@code [from, to)}, on the calling thread. */
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

    ResponseAdaptiveResult result(String label, long[] c) {
        long n = c[0];
        Estimate[] patients = new Estimate[m];
        Estimate[] selected = new Estimate[m];
        Estimate[] dropped = new Estimate[m];
        Estimate[] successWith = new Estimate[m];
        for (int i = 0; i < m; i++) {
            successWith[i] = Estimate.proportion(c[offSuccessWith + i], n);
            patients[i] = Estimate.mean(c[offPatients + 2 * i], c[offPatients + 2 * i + 1], n);
            selected[i] = Estimate.proportion(c[offSelected + i], n);
            dropped[i] = Estimate.proportion(c[offDropped + i], n);
        }
        return new ResponseAdaptiveResult(label, design.rates(), n, patients, selected, dropped,
                Estimate.proportion(c[offSuccess], n), Estimate.proportion(c[offSuperiority], n),
                Estimate.proportion(c[offFutility], n), Estimate.mean(c[offTotal], c[offTotal + 1], n), successWith);
    }

    /** One thread's trial and scratch. */
    private final class Trial implements ReplicateRunner.Trial {
        private final ReplicateRandom rng = new ReplicateRandom();
        private final ProbabilityBest best = new ProbabilityBest(m);
        private final int[] n = new int[m];
        private final int[] x = new int[m];
        private final double[] a = new double[m];
        private final double[] b = new double[m];
        private final double[] pBest = new double[m];
        private final double[] allocation = new double[m];
        private final boolean[] fixed = new boolean[m];

        @Override
        public void run(long replicate, long[] c) {
            rng.reseed(seed, replicate, STREAM.key());
            java.util.Arrays.fill(n, 0);
            java.util.Arrays.fill(x, 0);
            int control = design.control();
            int active = (1 << m) - 1;
            initialAllocation(active);
            int enrolled = 0;
            int selected = -1;
            boolean success = false;
            int[] looks = design.looks();
            for (int l = 0; l < looks.length; l++) {
                for (; enrolled < looks[l]; enrolled++) {
                    int arm = pick();
                    n[arm]++;
                    if (rng.nextDouble() < design.rates()[arm]) {
                        x[arm]++;
                    }
                }
                for (int i = 0; i < m; i++) {
                    a[i] = design.priorA() + x[i];
                    b[i] = design.priorB() + n[i] - x[i];
                }
                best.compute(a, b, active, pBest);
                int leading = leading(active);
                double lead = leadingProbability(leading);
                if (l == looks.length - 1) {
                    selected = leading;
                    success = lead > design.success();
                    break;
                }
                if (lead > design.superiority()) {
                    selected = leading;
                    success = true;
                    c[offSuperiority]++;
                    break;
                }
                int keep = active;
                for (int i = 0; i < m; i++) {
                    if (i == control || (active >>> i & 1) == 0) {
                        continue;
                    }
                    boolean inferior = pBest[i] < design.inferiority();
                    boolean futile = control >= 0 && design.futility() > 0
                            && best.exceeds(i, control) < design.futility();
                    if (inferior || futile) {
                        keep &= ~(1 << i);
                        c[offDropped + i]++;
                    }
                }
                active = keep;
                if ((active & ~(control >= 0 ? 1 << control : 0)) == 0) {
                    c[offFutility]++;
                    break;
                }
                if (Integer.bitCount(active) == 1) {
                    // one arm left without a control: it is best among those left, judged at the next look
                    initialAllocation(active);
                } else {
                    best.compute(a, b, active, pBest);
                    adapt(active, enrolled);
                }
            }
            if (selected >= 0) {
                c[offSelected + selected]++;
            }
            if (success) {
                c[offSuccess]++;
                c[offSuccessWith + selected]++;
            }
            long total = 0;
            for (int i = 0; i < m; i++) {
                c[offPatients + 2 * i] += n[i];
                c[offPatients + 2 * i + 1] += (long) n[i] * n[i];
                total += n[i];
            }
            c[0]++;
            c[offTotal] += total;
            c[offTotal + 1] += total * total;
        }

        /** The active non-control arm with the largest P(best), ties to the first. */
        private int leading(int active) {
            int lead = -1;
            for (int i = 0; i < m; i++) {
                if (i != design.control() && (active >>> i & 1) != 0 && (lead < 0 || pBest[i] > pBest[lead])) {
                    lead = i;
                }
            }
            return lead;
        }

        private double leadingProbability(int leading) {
            if (leading < 0) {
                return 0;
            }
            return design.control() >= 0 ? best.exceeds(leading, design.control()) : pBest[leading];
        }

        private int pick() {
            double u = rng.nextDouble();
            int last = 0;
            for (int i = 0; i < m; i++) {
                if (allocation[i] > 0) {
                    last = i;
                    u -= allocation[i];
                    if (u < 0) {
                        return i;
                    }
                }
            }
            return last;
        }

        /** Equal allocation over the active arms, the control keeping its fixed share if it has one. */
        private void initialAllocation(int active) {
            for (int i = 0; i < m; i++) {
                allocation[i] = (active >>> i & 1) != 0 ? 1 : 0;
            }
            normalise(active);
        }

        private void normalise(int active) {
            int control = design.control();
            boolean share = !Double.isNaN(design.controlShare()) && (active >>> control & 1) != 0;
            double mass = share ? 1 - design.controlShare() : 1;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                if (!(share && i == control)) {
                    sum += allocation[i];
                }
            }
            for (int i = 0; i < m; i++) {
                if (share && i == control) {
                    allocation[i] = design.controlShare();
                } else if ((active >>> i & 1) != 0) {
                    allocation[i] = sum > 0 ? allocation[i] * mass / sum : 0;
                }
            }
            if (sum == 0) {
                int free = Integer.bitCount(active) - (share ? 1 : 0);
                for (int i = 0; i < m; i++) {
                    if ((active >>> i & 1) != 0 && !(share && i == control)) {
                        allocation[i] = mass / free;
                    }
                }
            }
        }

        /** {@code P(best)^c}, normalised, then clipped to [floor, cap] with the unclipped arms rescaled. */
        private void adapt(int active, int enrolled) {
            double c = Double.isNaN(design.power()) ? enrolled / (2.0 * design.maxPatients()) : design.power();
            int control = design.control();
            boolean share = !Double.isNaN(design.controlShare()) && (active >>> control & 1) != 0;
            for (int i = 0; i < m; i++) {
                allocation[i] = (active >>> i & 1) != 0 ? Math.pow(pBest[i], c) : 0;
                fixed[i] = (active >>> i & 1) == 0 || (share && i == control);
            }
            normalise(active);
            double mass = share ? 1 - design.controlShare() : 1;
            for (int round = 0; round < m; round++) {
                double fixedMass = 0;
                double freeMass = 0;
                boolean changed = false;
                for (int i = 0; i < m; i++) {
                    if (fixed[i]) {
                        continue;
                    }
                    if (allocation[i] < design.floor()) {
                        allocation[i] = design.floor();
                        fixed[i] = true;
                        changed = true;
                    } else if (allocation[i] > design.cap()) {
                        allocation[i] = design.cap();
                        fixed[i] = true;
                        changed = true;
                    }
                }
                if (!changed) {
                    break;
                }
                for (int i = 0; i < m; i++) {
                    if ((active >>> i & 1) == 0 || (share && i == control)) {
                        continue;
                    }
                    if (fixed[i]) {
                        fixedMass += allocation[i];
                    } else {
                        freeMass += allocation[i];
                    }
                }
                double scale = freeMass > 0 ? (mass - fixedMass) / freeMass : 0;
                for (int i = 0; i < m; i++) {
                    if (!fixed[i]) {
                        allocation[i] *= scale;
                    }
                }
            }
            normalise(active);
        }
    }
}
