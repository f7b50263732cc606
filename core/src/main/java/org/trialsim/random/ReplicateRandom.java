package org.trialsim.random;

import org.apache.commons.rng.core.source64.LongProvider;
import org.apache.commons.rng.core.util.NumberFactory;

/**
 * A reusable xoroshiro128++ generator that can be repositioned at the start of any replicate's stream
 * without allocating. Its output is bit-identical to commons-rng's
 * {@link org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus} seeded with
 * {@link ReplicateStreams#state(long, long, long)} through its {@code (long, long)} constructor (the unit tests check
 * this; {@code RandomSource.create(long[])} is not the same, as it processes the seed it is given), including the cached bits that
 * {@link LongProvider} uses for {@code nextInt} and {@code nextBoolean}.
 *
 * <p>Why not a new commons-rng generator per replicate: commons-rng generators cannot be reseeded in place,
 * and the samplers bound to a generator (ziggurat Gaussian and exponential) would have to be rebuilt with
 * it. Repositioning one generator per thread keeps the samplers bound once and the replicate loop free of
 * allocation. Algorithm: Blackman D, Vigna S. ACM Trans Math Softw 2021;47(4):36.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class ReplicateRandom extends LongProvider {

    private final long[] scratch = new long[2];
    private long state0;
    private long state1;

    /** A generator positioned at replicate 0 of seed 0; call {@link #reseed(long, long, long)} before use. */
    public ReplicateRandom() {
        reseed(0, 0, ReplicateStreams.PATIENTS);
    }

    /** Positions the generator at the start of the patients' stream of {@code replicate}. */
    public void reseed(long seed, long replicate) {
        reseed(seed, replicate, ReplicateStreams.PATIENTS);
    }

    /**
     * Positions the generator at the start of stream {@code stream} (an original channel, or a
     * {@link StreamId#key()}) of {@code replicate} under master {@code seed}.
     */
    public void reseed(long seed, long replicate, long stream) {
        ReplicateStreams.state(seed, replicate, stream, scratch);
        state0 = scratch[0];
        state1 = scratch[1];
        resetCachedState();
    }

    @Override
    public long next() {
        final long s0 = state0;
        long s1 = state1;
        final long result = Long.rotateLeft(s0 + s1, 17) + s0;
        s1 ^= s0;
        state0 = Long.rotateLeft(s0, 49) ^ s1 ^ (s1 << 21);
        state1 = Long.rotateLeft(s1, 28);
        return result;
    }

    /**
     * A draw that is made or not by a condition, without a branch: the next 64-bit output, advancing the
     * generator only where {@code keep} is all ones ({@code -1L}); where it is 0, the output the next call
     * will return, and the generator does not move. For draws whose presence depends on unpredictable data
     * (a patient's randomized arm): the state update is selected by the mask, so the processor has no branch
     * to mispredict.
     */
    public long nextLong(long keep) {
        final long s0 = state0;
        final long s1 = state1;
        final long result = Long.rotateLeft(s0 + s1, 17) + s0;
        final long t = s1 ^ s0;
        final long n0 = Long.rotateLeft(s0, 49) ^ t ^ (t << 21);
        final long n1 = Long.rotateLeft(t, 28);
        state0 = s0 ^ ((n0 ^ s0) & keep);
        state1 = s1 ^ ((n1 ^ s1) & keep);
        return result;
    }

    @Override
    protected byte[] getStateInternal() {
        return composeStateInternal(NumberFactory.makeByteArray(new long[] {state0, state1}),
                super.getStateInternal());
    }

    @Override
    protected void setStateInternal(byte[] s) {
        byte[][] parts = splitStateInternal(s, 16);
        long[] st = NumberFactory.makeLongArray(parts[0]);
        state0 = st[0];
        state1 = st[1];
        super.setStateInternal(parts[1]);
    }

    @Override
    public String toString() {
        return "ReplicateRandom[" + ReplicateStreams.GENERATOR.name() + "]";
    }
}
