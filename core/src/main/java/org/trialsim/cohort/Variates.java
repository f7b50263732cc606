package org.trialsim.cohort;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The elementary random variates a patient's trajectory is built from, drawn from one generator: uniform,
 * standard normal and standard exponential (both by the modified ziggurat of McFarland CD. A modified
 * ziggurat algorithm for generating exponentially and normally distributed pseudorandom numbers. J Stat
 * Comput Simul 2016;86:1281-1294, as implemented in commons-rng). The samplers are bound to
 * the generator once; they keep no state of their own, so repositioning the generator repositions every
 * stream derived from it.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class Variates {

    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gaussian;
    private final ZigguratSampler.Exponential exponential;

    /** Variates drawn from {@code rng}. */
    public Variates(UniformRandomProvider rng) {
        this.rng = rng;
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        this.exponential = ZigguratSampler.Exponential.of(rng);
    }

    /** Uniform on [0, 1). */
    public double uniform() {
        return rng.nextDouble();
    }

    /** Standard normal. */
    public double gaussian() {
        return gaussian.sample();
    }

    /** Exponential with mean 1. */
    public double exponential() {
        return exponential.sample();
    }
}
