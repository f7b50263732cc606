package org.trialsim.stats.sequential;

/**
 * Probabilities that a group-sequential trial stops at each look, under one drift. At the final look every
 * trial that has not rejected stops for "futility" (without rejecting), so the two arrays together sum to 1.
 *
 * @param drift the drift (expected final z statistic) they were computed under
 * @param efficacy P(stop at look k rejecting the null), per look
 * @param futility P(stop at look k without rejecting), per look
 * @param expectedInformationFraction expected information at stopping, as a fraction of the maximum;
 *        multiply by the maximum sample size (or events) to get the expected sample size (events)
 */
public record ExitProbabilities(double drift, double[] efficacy, double[] futility,
        double expectedInformationFraction) {

    /** Copies the arrays. */
    public ExitProbabilities {
        efficacy = efficacy.clone();
        futility = futility.clone();
    }

    /** @return a copy of the per-look efficacy exit probabilities */
    @Override
    public double[] efficacy() {
        return efficacy.clone();
    }

    /** @return a copy of the per-look futility exit probabilities */
    @Override
    public double[] futility() {
        return futility.clone();
    }

    /** @return the overall probability of rejecting the null hypothesis (power, or type I error at drift 0) */
    public double rejectionProbability() {
        double sum = 0;
        for (double p : efficacy) {
            sum += p;
        }
        return sum;
    }

    /**
     * The cumulative rejection probability by look k.
     *
     * @param look the look index, 0-based
     * @return P(rejected at or before look k)
     */
    public double cumulativeRejection(int look) {
        double sum = 0;
        for (int k = 0; k <= look; k++) {
            sum += efficacy[k];
        }
        return sum;
    }
}
