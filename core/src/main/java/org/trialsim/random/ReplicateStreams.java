package org.trialsim.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.apache.commons.rng.simple.RandomSource;
import org.trialsim.TrialsimVersion;

/**
 * Derives the random stream of replicate {@code r} of a study with master seed {@code s} from the pair
 * {@code (s, r)} alone.
 *
 * <p>The generator is xoroshiro128++ (Blackman D, Vigna S. Scrambled linear pseudorandom number generators.
 * ACM Trans Math Softw 2021;47(4):36), as commons-rng's {@link RandomSource#XO_RO_SHI_RO_128_PP}. A replicate
 * has {@value #CHANNELS} independent streams (channels), one per random process of a cohort, so that the
 * cohort sampler can draw each process for all patients at a time (column-wise) and each process's draws
 * still come in patient order from a stream of its own: {@link #RESPONSE} (also the count model's
 * {@link #PATIENTS} stream), {@link #ALLOCATION}, {@link #STRATUM}, {@link #ENROLLMENT}, {@link #DROPOUT},
 * {@link #RELAPSE} and {@link #BENZODIAZEPINE}; channel 7 is spare. A process's presence, absence or
 * parameters therefore never shift another process's variates. The 128-bit state of channel {@code k} of
 * replicate {@code r} is the pair of outputs {@code 2(8r + k) + 1} and {@code 2(8r + k) + 2} of a SplitMix64
 * sequence (Steele GL, Lea D, Flood CH.
 * Fast splittable pseudorandom number generators. OOPSLA 2014) whose start is the master seed passed once
 * through the MurmurHash3 64-bit finalizer. SplitMix64 outputs are distinct for distinct positions (the mix is
 * a bijection of a state that advances by an odd constant), so no two streams of one seed share a state; the
 * finalizer keeps seeds that differ by a multiple of the SplitMix64 increment (which would otherwise shift
 * the replicate index) from sharing streams.
 */
public final class ReplicateStreams {

    /** The commons-rng source whose output sequence every replicate stream reproduces bit for bit. */
    public static final RandomSource GENERATOR = RandomSource.XO_RO_SHI_RO_128_PP;

    /**
     * The layout of a replicate's streams, recorded in checkpoints: results of one seed are reproducible to
     * the bit only under the same layout (the 2-channel layout, patients and allocation, drew other numbers).
     */
    public static final String LAYOUT = "8 channels per replicate, one per cohort process";

    /** Number of streams per replicate (a power of two, one spare). */
    public static final int CHANNELS = 8;
    /** The channel of the induction response and remission (MADRS scores) of the cohort sampler. */
    public static final int RESPONSE = 0;
    /**
     * The first channel, for a model with a single stream of patient-level variates: the count model draws its
     * response counts here. The same channel as {@link #RESPONSE}.
     */
    public static final int PATIENTS = RESPONSE;
    /** The channel of the allocation sequence. */
    public static final int ALLOCATION = 1;
    /** The channel of the patients' strata. */
    public static final int STRATUM = 2;
    /** The channel of the entry times (uniform or Poisson enrollment). */
    public static final int ENROLLMENT = 3;
    /** The channel of the dropout times. */
    public static final int DROPOUT = 4;
    /** The channel of the depressive relapse times. */
    public static final int RELAPSE = 5;
    /** The channel of benzodiazepine discontinuation and relapse to benzodiazepine use. */
    public static final int BENZODIAZEPINE = 6;

    /** The SplitMix64 increment (the golden ratio in 64-bit fixed point). */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private ReplicateStreams() {
    }

    /** The generator's commons-rng name and the commons-rng version, for provenance records. */
    public static String description() {
        return GENERATOR.name() + " (commons-rng " + TrialsimVersion.commonsRngVersion() + ")";
    }

    /** The state of the patients' stream of a replicate: {@code state(seed, replicate, PATIENTS)}. */
    public static long[] state(long seed, long replicate) {
        return state(seed, replicate, PATIENTS);
    }

    /**
     * The 128-bit xoroshiro128++ state of one stream of a replicate.
     *
     * @param seed master seed
     * @param replicate replicate index (normally 0, 1, 2...)
     * @param channel 0 to {@value #CHANNELS} - 1, one of the channel constants
     * @return {@code {state0, state1}}
     */
    public static long[] state(long seed, long replicate, int channel) {
        long[] s = new long[2];
        state(seed, replicate, channel, s);
        return s;
    }

    /** Writes the state of a stream into {@code out[0..1]} without allocating. */
    static void state(long seed, long replicate, int channel, long[] out) {
        if (channel < 0 || channel >= CHANNELS) {
            throw new IllegalArgumentException("channel must be 0 to " + (CHANNELS - 1) + ": " + channel);
        }
        long start = murmur3(seed);
        long position = 2 * (CHANNELS * replicate + channel);
        long s0 = stafford13(start + (position + 1) * GOLDEN_GAMMA);
        long s1 = stafford13(start + (position + 2) * GOLDEN_GAMMA);
        if ((s0 | s1) == 0) {
            // The all-zero state is a fixed point of xoroshiro; it occurs with probability 2^-128.
            s1 = GOLDEN_GAMMA;
        }
        out[0] = s0;
        out[1] = s1;
    }

    /** A new generator on the patients' stream of a replicate: {@code create(seed, replicate, PATIENTS)}. */
    public static UniformRandomProvider create(long seed, long replicate) {
        return create(seed, replicate, PATIENTS);
    }

    /**
     * A new generator positioned at the start of a stream of a replicate: the same sequence as a
     * {@link ReplicateRandom} reseeded with the same arguments. Allocates; for replay tools, not the hot path.
     */
    public static UniformRandomProvider create(long seed, long replicate, int channel) {
        long[] s = state(seed, replicate, channel);
        return new XoRoShiRo128PlusPlus(s[0], s[1]);
    }

    /** SplitMix64's output mix (Stafford's variant 13). */
    static long stafford13(long x) {
        long z = x;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** MurmurHash3's 64-bit finalizer (Appleby A, 2011). */
    static long murmur3(long x) {
        long z = x;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
