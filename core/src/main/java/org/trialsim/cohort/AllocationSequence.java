package org.trialsim.cohort;

import java.math.BigInteger;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.trialsim.scenario.Randomization;

/**
 * The allocation of successive patients to arms (Rosenberger WF, Lachin JM. Randomization in Clinical Trials,
 * 2nd ed. Wiley 2016, chapters 3 and 7).
 *
 * <p>Permuted blocks: each block of {@code blockSize} patients holds {@code blockSize / sum(ratios) * ratio_a}
 * patients of arm a in uniformly random order; a block is drawn (shuffled) when its first patient arrives,
 * never ahead, so the sequence of the first n patients does not depend on how many follow. Unstratified, the
 * allocation is exact at every multiple of the block size, hence at every sample size of the design grid.
 * Stratified, each stratum runs its own block sequence: allocation is exact within a stratum at each multiple
 * of the block size of that stratum's count, but the stratum counts are random, so at a grid size n each
 * stratum generally holds an incomplete block. The arm count of each stratum then differs from its planned
 * share by at most k (1 - k / B) for an arm with k slots in a block of B (B / 4 for 1:1), so the arm totals
 * differ from the planned split by at most the number of strata times that. The first n patients are still
 * exactly a stratified-block trial of n, as in a real trial that stops enrolling at n, so nesting holds in
 * distribution and bit for bit; what is lost is only the exact split at n.
 *
 * <p>Simple randomization: each patient independently with probability ratio_a / sum(ratios); no balance.
 *
 * <p>Alternating allocation, deterministic, as rpact's getSimulationSurvival assigns patients
 * (R/f_simulation_base_survival.R of rpact 4.x: the {@code treatments} vector built from {@code allocation1} and
 * {@code allocation2}): the ratios are reduced to lowest terms, and a cycle of their sum repeats; within the
 * cycle the arms take turns, experimental arms in the order listed and the control arm last, each arm dropping
 * out of the turns once it has its share. For 1:1 patients 1, 3, 5, ... (counted from 1) are on the experimental
 * arm and 2, 4, 6, ... on the control; 2:1 repeats (treatment, control, treatment); 3:2 repeats (T, C, T, C, T);
 * 1:2 repeats (T, C, C). For two arms this is rpact's rule exactly: {@code min(a1, a2)} alternations, then the
 * rest of the larger arm. After n patients each arm's count is fixed (no draw), exact at every multiple of the
 * cycle; stratified, each stratum runs its own cycle. It draws nothing.
 *
 * <p>The sequence is drawn from its own stream ({@link org.trialsim.random.ReplicateStreams#ALLOCATION}), so
 * the randomization scheme, and with stratified blocks the stratum sequence, never shift the patients'
 * variates.
 *
 * <p>Mutable (block positions): one instance per thread, {@link #reset()} before each cohort.
 */
final class AllocationSequence {

    private final boolean blocks;
    private final boolean alternating;
    private final boolean stratified;
    /** Alternating allocation: the arm of each patient of one cycle (empty for the other methods). */
    private final byte[] cycle;
    /** One block in arm order, copied then shuffled when a block starts. */
    private final int[] template;
    private final int[][] block;
    private final int[] position;
    /** Cumulative allocation probabilities of simple randomization. */
    private final double[] cumulative;
    /** Stratified blocks, scratch of {@link #fill}: the block each stratum is in. */
    private final int[] currentBlock;
    /** Stratified blocks, scratch of {@link #fill}: each patient's block times the block size plus its slot. */
    private int[] slots = new int[0];
    /** Stratified blocks, scratch of {@link #fill}: the blocks drawn, one after the other. */
    private byte[] arrangements = new byte[0];

    /** An allocation sequence whose control (the last in an alternating cycle) is the last arm. */
    AllocationSequence(Randomization randomization, int[] ratios, int strata) {
        this(randomization, ratios, ratios.length - 1, strata);
    }

    /**
     * An allocation sequence.
     *
     * @param randomization the method, block size and stratification
     * @param ratios the allocation ratio of each arm
     * @param control the index of the control arm, which comes last in an alternating cycle (-1 for none)
     * @param strata the number of strata
     */
    AllocationSequence(Randomization randomization, int[] ratios, int control, int strata) {
        int sum = 0;
        for (int r : ratios) {
            if (r <= 0) {
                throw new IllegalArgumentException("allocation ratios must be positive: " + Arrays.toString(ratios));
            }
            sum += r;
        }
        this.blocks = randomization.method() == Randomization.Method.BLOCKS;
        this.alternating = randomization.method() == Randomization.Method.ALTERNATING;
        this.stratified = (blocks || alternating) && randomization.stratified();
        this.cycle = alternating ? cycle(ratios, control) : new byte[0];
        int size = randomization.blockSize() <= 0 ? sum : randomization.blockSize();
        if (blocks && size % sum != 0) {
            throw new IllegalArgumentException("block size " + size + " is not a multiple of the allocation-ratio sum "
                    + sum);
        }
        this.template = new int[blocks ? size : 0];
        int k = 0;
        for (int a = 0; a < ratios.length && blocks; a++) {
            for (int j = 0; j < size / sum * ratios[a]; j++) {
                template[k++] = a;
            }
        }
        this.block = new int[stratified ? strata : 1][template.length];
        // alternating: position[s] is the next patient's place in stratum s's cycle; reset() sets it to 0
        this.position = new int[block.length];
        this.currentBlock = new int[block.length];
        this.cumulative = new double[ratios.length];
        double acc = 0;
        for (int a = 0; a < ratios.length; a++) {
            acc += ratios[a];
            cumulative[a] = acc / sum;
        }
        reset();
    }

    /**
     * One cycle of alternating allocation: the ratios divided by their greatest common divisor, then turns in
     * the order of {@link #turnOrder} among the arms that still have a share left in the cycle.
     */
    static byte[] cycle(int[] ratios, int control) {
        int gcd = 0;
        for (int r : ratios) {
            gcd = BigInteger.valueOf(gcd).gcd(BigInteger.valueOf(r)).intValue();
        }
        int[] left = new int[ratios.length];
        int length = 0;
        for (int a = 0; a < ratios.length; a++) {
            left[a] = ratios[a] / gcd;
            length += left[a];
        }
        int[] order = turnOrder(ratios.length, control);
        byte[] out = new byte[length];
        for (int k = 0; k < length;) {
            for (int a : order) {
                if (left[a] > 0) {
                    out[k++] = (byte) a;
                    left[a]--;
                }
            }
        }
        return out;
    }

    /** The arms in the order they take turns: as listed, the control moved to the end (rpact's group 2). */
    private static int[] turnOrder(int arms, int control) {
        int[] order = new int[arms];
        int k = 0;
        for (int a = 0; a < arms; a++) {
            if (a != control) {
                order[k++] = a;
            }
        }
        if (control >= 0 && control < arms) {
            order[k] = control;
        }
        return order;
    }

    /** Block size (0 for simple randomization and alternating allocation). */
    int blockSize() {
        return template.length;
    }

    /** Starts a new sequence. */
    void reset() {
        Arrays.fill(position, template.length);
    }

    /**
     * The arm of the next patient, who belongs to {@code stratum}, drawn from the allocation stream: the
     * sequence defined patient by patient, which {@link #fill} reproduces (same draws, same arms) without its
     * branches; the tests hold {@code fill} to it.
     */
    int next(UniformRandomProvider rng, int stratum) {
        if (alternating) {
            int s = stratified ? stratum : 0;
            int a = cycle[position[s]];
            position[s] = position[s] + 1 == cycle.length ? 0 : position[s] + 1;
            return a;
        }
        if (!blocks) {
            double u = rng.nextDouble();
            int a = 0;
            while (a < cumulative.length - 1 && u >= cumulative[a]) {
                a++;
            }
            return a;
        }
        int s = stratified ? stratum : 0;
        int[] b = block[s];
        if (position[s] == b.length) {
            drawBlock(rng, b);
            position[s] = 0;
        }
        return b[position[s]++];
    }

    /**
     * The arms of patients 0 to n - 1 of a new sequence (as {@link #reset()} then {@link #next} for each
     * patient in order, with the same draws), written to {@code arms}; {@code strata} holds their strata.
     *
     * <p>Without a branch on random data: patient by patient, {@link #next} asks whether the patient's stratum
     * has used up its block, which with random strata is a coin the processor cannot predict (about one patient
     * in four with blocks of four). Here stratified blocks take three passes instead: the first assigns each
     * patient its block (numbered in the order the blocks start, which is the order {@code next} draws them)
     * and its slot in it by arithmetic; the second draws the blocks, in that order and with {@code next}'s
     * draws; the third reads each patient's arm from its block.
     */
    void fill(UniformRandomProvider rng, byte[] strata, byte[] arms, int n) {
        reset();
        if (alternating) {
            alternate(strata, arms, n);
        } else if (!blocks) {
            simple(rng, arms, n);
        } else if (stratified) {
            stratifiedBlocks(rng, strata, arms, n);
        } else if (template.length == 2) {
            pairs(rng, arms, n);
        } else {
            // Unstratified blocks: whole blocks at a time, the last one possibly cut at n.
            int[] b = block[0];
            for (int start = 0; start < n; start += b.length) {
                drawBlock(rng, b);
                int end = Math.min(n, start + b.length);
                for (int i = start; i < end; i++) {
                    arms[i] = (byte) b[i - start];
                }
            }
        }
    }

    /** Alternating allocation: each patient takes the next place of the cycle (of the stratum's, stratified). */
    private void alternate(byte[] strata, byte[] arms, int n) {
        final byte[] c = cycle;
        if (!stratified) {
            for (int i = 0, j = 0; i < n; i++) {
                arms[i] = c[j];
                j = j + 1 == c.length ? 0 : j + 1;
            }
            return;
        }
        final int[] place = position;
        for (int i = 0; i < n; i++) {
            int s = strata[i];
            arms[i] = c[place[s]];
            place[s] = place[s] + 1 == c.length ? 0 : place[s] + 1;
        }
    }

    /** Simple randomization: the arm is the number of cumulative probabilities at or below the uniform. */
    private void simple(UniformRandomProvider rng, byte[] arms, int n) {
        final double[] c = cumulative;
        final int last = c.length - 1;
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int a = 0;
            for (int j = 0; j < last; j++) {
                a += u >= c[j] ? 1 : 0;
            }
            arms[i] = (byte) a;
        }
    }

    /**
     * Blocks of two, unstratified (the common 1:1 design): one bit per block, as drawBlock. With the top bit h
     * of the draw, the first patient gets first + (1 - h)(second - first), the second the other arm:
     * arithmetic rather than a branch on a random bit.
     */
    private void pairs(UniformRandomProvider rng, byte[] arms, int n) {
        final int first = template[0];
        final int step = template[1] - template[0];
        int i = 0;
        for (; i + 1 < n; i += 2) {
            int low = (rng.nextInt() >>> 31) ^ 1;
            arms[i] = (byte) (first + low * step);
            arms[i + 1] = (byte) (first + (low ^ 1) * step);
        }
        if (i < n) {
            arms[i] = (byte) (first + ((rng.nextInt() >>> 31) ^ 1) * step);
        }
    }

    /** Stratified permuted blocks in three passes (see {@link #fill}). */
    private void stratifiedBlocks(UniformRandomProvider rng, byte[] strata, byte[] arms, int n) {
        final int size = template.length;
        if (slots.length < n) {
            slots = new int[n];
            arrangements = new byte[n * size];
        }
        final int[] slot = slots;
        final int[] used = position; // patients of the stratum's current block; size when it is used up
        final int[] current = currentBlock;
        int started = 0;
        for (int i = 0; i < n; i++) {
            int s = strata[i];
            int p = used[s];
            int start = (size - 1 - p) >>> 31; // 1 when p == size: this patient starts a block
            current[s] ^= (current[s] ^ started) & -start;
            started += start;
            p &= start - 1;
            slot[i] = current[s] * size + p;
            used[s] = p + 1;
        }
        final byte[] arrangement = arrangements;
        for (int b = 0, offset = 0; b < started; b++, offset += size) {
            drawBlock(rng, arrangement, offset);
        }
        for (int i = 0; i < n; i++) {
            arms[i] = arrangement[slot[i]];
        }
    }

    /** A new block in random order at {@code offset} of {@code a}: the draws and result of {@link #drawBlock}. */
    private void drawBlock(UniformRandomProvider rng, byte[] a, int offset) {
        final int size = template.length;
        if (size == 2) {
            int low = (rng.nextInt() >>> 31) ^ 1;
            a[offset] = (byte) template[low];
            a[offset + 1] = (byte) template[low ^ 1];
            return;
        }
        for (int k = 0; k < size; k++) {
            a[offset + k] = (byte) template[k];
        }
        for (int k = size - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            byte t = a[offset + k];
            a[offset + k] = a[offset + j];
            a[offset + j] = t;
        }
    }

    /**
     * A new block in random order. A block of two is the Fisher-Yates shuffle's single draw j = nextInt(2)
     * (swap when j = 0) written out: j is the top bit of one 32-bit draw (what Lemire's bounded draw, which
     * commons-rng uses, gives for a bound of 2 with no rejection: Lemire D. Fast random integer generation in
     * an interval. ACM Trans Model Comput Simul 2019;29(1):3), so the first patient gets the template's first
     * arm when that bit is 1, the second arm when it is 0.
     */
    private void drawBlock(UniformRandomProvider rng, int[] b) {
        if (b.length == 2) {
            boolean high = rng.nextInt() < 0;
            b[0] = template[high ? 0 : 1];
            b[1] = template[high ? 1 : 0];
            return;
        }
        System.arraycopy(template, 0, b, 0, b.length);
        shuffle(rng, b);
    }

    /**
     * Fisher-Yates shuffle (Durstenfeld R. Algorithm 235: Random permutation. Commun ACM 1964;7:420), one
     * bounded draw per position. Written here rather than commons-rng's {@code ArraySampler.shuffle}, which
     * batches its bounded draws through small temporary arrays: the JIT usually removes them, but not in
     * interpreted or C1-compiled code, and this runs once per block on the per-replicate path.
     */
    private static void shuffle(UniformRandomProvider rng, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
