package org.trialsim.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A generator wrapper that counts the raw 64-bit and 32-bit draws it passes through, used in a benchmark's
 * setup pass to learn how many random numbers a sampler consumes per patient, so that its cost can be
 * quoted as a multiple of the generator floor. Never used on a measured path (the counting itself costs).
 * Every derived method of {@link UniformRandomProvider} (nextDouble, nextInt(bound), ...) is built on
 * {@link #nextLong()} or {@link #nextInt()}, so counting those two counts every draw.
 */
public final class CountingRandomProvider implements UniformRandomProvider {

    private final UniformRandomProvider delegate;
    private long draws;

    /** Wraps {@code delegate}. */
    public CountingRandomProvider(UniformRandomProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public long nextLong() {
        draws++;
        return delegate.nextLong();
    }

    @Override
    public int nextInt() {
        draws++;
        return delegate.nextInt();
    }

    @Override
    public double nextDouble() {
        // Delegate so that the counted generator yields exactly the wrapped generator's own doubles.
        draws++;
        return delegate.nextDouble();
    }

    /** Raw draws so far. */
    public long draws() {
        return draws;
    }
}
