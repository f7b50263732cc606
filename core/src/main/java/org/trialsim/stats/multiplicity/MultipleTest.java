package org.trialsim.stats.multiplicity;

/**
 * A multiple test procedure controlling the familywise error rate in the strong sense across m hypotheses.
 * Implementations hold scratch space: one instance per thread, obtained with {@link #copy()} (the
 * SharedStateSampler pattern of commons-rng); {@link #reject} then allocates nothing.
 */
public interface MultipleTest {

    /**
     * Decides which hypotheses are rejected.
     *
     * @param pValues one p-value per hypothesis (length m); NaN is never rejected
     * @param alpha the familywise error rate, in (0, 1)
     * @param rejected receives the decisions (length m), overwritten
     * @return the number of hypotheses rejected
     */
    int reject(double[] pValues, double alpha, boolean[] rejected);

    /** @return the number of hypotheses m */
    int hypotheses();

    /** @return an independent instance with its own scratch space, for another thread */
    MultipleTest copy();
}
