package org.trialsim.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.apache.commons.rng.simple.RandomSource;
import org.trialsim.TrialsimVersion;

/**
 * Derives the random streams of replicate {@code r} of a study with master seed {@code s} from {@code (s, r)}
 * and the stream's stable key alone.
 *
 * <p>The generator is xoroshiro128++ (Blackman D, Vigna S. Scrambled linear pseudorandom number generators.
 * ACM Trans Math Softw 2021;47(4):36), as commons-rng's {@link RandomSource#XO_RO_SHI_RO_128_PP}. Every random
 * process of a cohort (allocation, stratum, enrollment, dropout, induction response, relapse, the benzodiazepine
 * course, and any process registered later) draws from a stream of its own, named by a {@link StreamId}, so
 * that the cohort sampler can draw each process for all patients at a time (column-wise) and each process's
 * draws still come in patient order; a process's presence, absence or parameters therefore never shift another
 * process's variates.
 *
 * <p>Every stream's 128-bit state is a pair of consecutive outputs, at positions {@code P + 1} and
 * {@code P + 2}, of one SplitMix64 sequence (Steele GL, Lea D, Flood CH. Fast splittable pseudorandom number
 * generators. OOPSLA 2014) whose start is the master seed passed once through the MurmurHash3 64-bit
 * finalizer. The base position {@code P} of replicate {@code r}:
 * <ul>
 * <li>for the seven original processes ({@link #RESPONSE} 0, {@link #ALLOCATION} 1, {@link #STRATUM} 2,
 * {@link #ENROLLMENT} 3, {@link #DROPOUT} 4, {@link #RELAPSE} 5, {@link #BENZODIAZEPINE} 6; key 7 unused),
 * {@code P = 2(8r + k)}: the layout of trialsim's first releases, kept so that every scenario written for it
 * draws the same numbers;</li>
 * <li>for every other stream, {@code P = K + 2r}, where {@code K} is the stream's key: 2^63 plus a multiple of
 * 2^42 taken from a hash of its name ({@link StreamId#of(String)}).</li>
 * </ul>
 * The two families never meet: the first stays below 2^38 for every replicate index the format allows (at
 * most 10^9), the second starts at 2^63, and two keys of the second are at least 2^42 apart, room for 2^41
 * replicates each ({@link StreamId} refuses two registered names with the same key). SplitMix64 outputs are
 * distinct for distinct positions (the mix is a bijection of a state that advances by an odd constant), so no
 * two streams of one seed share a state word; the finalizer keeps seeds that differ by a multiple of the
 * SplitMix64 increment (which would otherwise shift the replicate index) from sharing streams.
 */
public final class ReplicateStreams {

    /** The commons-rng source whose output sequence every replicate stream reproduces bit for bit. */
    public static final RandomSource GENERATOR = RandomSource.XO_RO_SHI_RO_128_PP;

    /**
     * The layout of a replicate's streams, recorded in checkpoints: results of one seed are reproducible to
     * the bit only under the same layout (the 2-channel layout, patients and allocation, drew other numbers). The
     * 7 original streams are those of the former layout "8 channels per replicate, one per cohort process"
     * ({@link #PREVIOUS_LAYOUT}), so figures of scenarios made of the original processes are unchanged.
     */
    public static final String LAYOUT = "one stream per process and replicate: original 7 at SplitMix64 2(8r+k)+1..2,"
            + " others at K+2r+1..2 with K = 2^63 + 2^42 x hash(process id)";

    /** The former layout's name: the streams it defined are positioned exactly as under {@link #LAYOUT}. */
    public static final String PREVIOUS_LAYOUT = "8 channels per replicate, one per cohort process";

    /** Number of keys of the original family ({@code 0} to {@code 7}; key 7 was never used). */
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
     * @param stream the stream's key: 0 to {@value #CHANNELS} - 1 (one of the original channel constants), or
     *     a {@link StreamId#key()}
     * @return {@code {state0, state1}}
     */
    public static long[] state(long seed, long replicate, long stream) {
        long[] s = new long[2];
        state(seed, replicate, stream, s);
        return s;
    }

    /** Writes the state of a stream into {@code out[0..1]} without allocating. */
    static void state(long seed, long replicate, long stream, long[] out) {
        long position;
        if (stream >= 0 && stream < CHANNELS) {
            position = 2 * (CHANNELS * replicate + stream);
        } else if (StreamId.validKey(stream)) {
            position = stream + 2 * replicate;
        } else {
            throw new IllegalArgumentException("stream key must be 0 to " + (CHANNELS - 1) + " or a StreamId key: "
                    + stream);
        }
        long start = murmur3(seed);
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
    public static UniformRandomProvider create(long seed, long replicate, long stream) {
        long[] s = state(seed, replicate, stream);
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
