package org.trialsim.process.textbook;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.Variates;
import org.trialsim.random.ReplicateRandom;

/**
 * Draws one named binary outcome of every patient from the outcome's own stream: one uniform U per patient,
 * whatever its cell, and success when U is below the cell's probability (inversion of the Bernoulli
 * distribution); patients whose cell has not the outcome fail.
 */
final class BinaryDraw implements ProcessSampler {

    private final Column.Booleans column;
    private final int strata;
    /** Per cell: the probability of success, 0 where the cell has not the outcome. */
    private final double[] probability;

    BinaryDraw(ProcessCells cells, String name, Column.Booleans column) {
        this.column = column;
        this.strata = cells.strata();
        List<BinaryOutcomes.Outcome> outcomes = Named.perCell(cells, name, m -> ((BinaryOutcomes) m).outcomes());
        probability = new double[outcomes.size()];
        for (int k = 0; k < outcomes.size(); k++) {
            BinaryOutcomes.Outcome o = outcomes.get(k);
            double p = o == null ? 0 : o.probability();
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("binary outcome " + name + ": the probability must be in [0, 1]: "
                        + p);
            }
            probability[k] = p;
        }
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final boolean[] success = c.booleans(column);
        final double[] p = probability;
        for (int i = 0; i < n; i++) {
            success[i] = rng.nextDouble() < p[arm[i] * strata + stratum[i]];
        }
    }
}
