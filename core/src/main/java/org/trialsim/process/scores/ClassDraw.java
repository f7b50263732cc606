package org.trialsim.process.scores;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.Variates;
import org.trialsim.process.textbook.Named;
import org.trialsim.random.ReplicateRandom;

/**
 * Draws every patient's latent class of one named score trajectory ({@link ScoreTrajectories.LatentClass})
 * from the stream {@code score_trajectories.NAME.class}: one uniform per patient whatever the cell, the class
 * being the first whose cumulative probability exceeds it (inversion of the cell's categorical distribution).
 * The class column holds the class's number in file order (1, 2, ...), {@code NaN} where the patient's cell
 * has no classes. A stream of its own, present only when some cell has classes, so that no other draw of the
 * scenario moves (the trajectory's normals, in particular, are the same with or without classes).
 */
final class ClassDraw implements ProcessSampler {

    private final Column.Doubles column;
    private final int strata;
    /** Per cell: the cumulative class probabilities, the last set to 1 (empty where the cell has none). */
    private final double[][] cumulative;

    ClassDraw(ProcessCells cells, String name, Column.Doubles column) {
        this.column = column;
        this.strata = cells.strata();
        List<ScoreTrajectories.Trajectory> perCell = Named.perCell(cells, name,
                m -> ((ScoreTrajectories) m).trajectories());
        cumulative = new double[perCell.size()][];
        for (int k = 0; k < cumulative.length; k++) {
            ScoreTrajectories.Trajectory o = perCell.get(k);
            List<ScoreTrajectories.LatentClass> classes = o == null || o.classes() == null ? List.of() : o.classes();
            cumulative[k] = new double[classes.size()];
            double sum = 0;
            for (int j = 0; j < classes.size(); j++) {
                sum += classes.get(j).probability();
                cumulative[k][j] = sum;
            }
            if (classes.size() > 0) {
                if (Math.abs(sum - 1) > 1e-9) {
                    throw new IllegalArgumentException("score trajectory " + name + ": class probabilities sum to "
                            + sum + ", not 1");
                }
                cumulative[k][classes.size() - 1] = 1; // a sum of 1 - 1e-16 must not leave a gap at the top
            }
        }
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final double[] out = c.doubles(column);
        for (int i = 0; i < n; i++) {
            final double u = v.uniform();
            final double[] cum = cumulative[arm[i] * strata + stratum[i]];
            int j = 0;
            while (j < cum.length - 1 && u >= cum[j]) {
                j++;
            }
            out[i] = cum.length == 0 ? Double.NaN : j + 1;
        }
    }
}
