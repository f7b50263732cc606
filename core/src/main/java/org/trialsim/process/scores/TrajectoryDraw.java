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
 * Draws one named score trajectory of every patient from the trajectory's own stream: per patient, one
 * standard normal for the baseline and one per visit of the instance's schedule (the union of the visit weeks
 * of all cells, so every patient draws the same number of variates whatever its cell and the stream stays
 * aligned across arms and parameter values); the changes are the cell's mean plus the lower Cholesky factor of
 * its covariance times the visit normals (the multivariate normal by its factor, Gentle, <i>Random Number
 * Generation and Monte Carlo Methods</i>, 2nd ed., 2003, section 5.3.1). The visit normals are written into the
 * visit columns and turned into scores in place, from the last visit down, so nothing is allocated. Then
 * rounding and bounds, if the planner gave them. A week the patient's cell does not schedule, and every column
 * of a patient whose cell has not the trajectory, is {@code NaN}. With latent classes the mean is that of the
 * patient's class, read from the class column ({@link ClassDraw}, drawn before from a stream of its own, so the
 * normals drawn here are the same with or without classes).
 */
final class TrajectoryDraw implements ProcessSampler {

    private final Column.Doubles baseline;
    private final Column.Doubles[] visits;
    /** The class column ({@code null} when no cell has latent classes). */
    private final Column.Doubles classColumn;
    private final int strata;
    /** Per cell: the union index of each of the cell's visits, in order (empty where the cell has none). */
    private final int[][] slot;
    private final double[] baselineMean;
    private final double[] baselineSd;
    /**
     * Per cell and class (one class where the cell has none): the mean change per own visit; per cell the lower
     * Cholesky factor of the covariance, row-major.
     */
    private final double[][][] mean;
    private final double[][] factor;
    private final double[] step;
    private final double[] lower;
    private final double[] upper;
    private final boolean anyTransform;

    TrajectoryDraw(ProcessCells cells, String name, double[] weeks, Column.Doubles baseline, Column.Doubles[] visits,
            Column.Doubles classColumn) {
        this.baseline = baseline;
        this.classColumn = classColumn;
        this.visits = visits.clone();
        this.strata = cells.strata();
        List<ScoreTrajectories.Trajectory> perCell = Named.perCell(cells, name,
                m -> ((ScoreTrajectories) m).trajectories());
        int size = perCell.size();
        slot = new int[size][];
        baselineMean = new double[size];
        baselineSd = new double[size];
        mean = new double[size][][];
        factor = new double[size][];
        step = new double[size];
        lower = new double[size];
        upper = new double[size];
        boolean transform = false;
        for (int k = 0; k < size; k++) {
            ScoreTrajectories.Trajectory o = perCell.get(k);
            baselineMean[k] = Double.NaN;
            if (o == null) {
                slot[k] = new int[0];
                mean[k] = new double[][] {new double[0]};
                factor[k] = new double[0];
                continue;
            }
            int t = o.size();
            slot[k] = new int[t];
            for (int v = 0; v < t; v++) {
                slot[k][v] = java.util.Arrays.binarySearch(weeks, o.week(v));
            }
            baselineMean[k] = o.baselineMean();
            baselineSd[k] = o.baselineSd();
            List<ScoreTrajectories.LatentClass> classes = o.classesOrOne();
            mean[k] = new double[classes.size()][];
            for (int j = 0; j < classes.size(); j++) {
                mean[k][j] = classes.get(j).change().stream().mapToDouble(Double::doubleValue).toArray();
            }
            factor[k] = Covariances.choleskyOrNull(o.covarianceArray(), t);
            if (factor[k] == null) {
                throw new IllegalArgumentException("score trajectory " + name + ": covariance not positive definite");
            }
            step[k] = o.roundTo();
            lower[k] = o.lower();
            upper[k] = o.upper();
            transform |= o.transformed();
        }
        this.anyTransform = transform;
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final double[] x = c.doubles(baseline);
        final double[] cls = classColumn == null ? null : c.doubles(classColumn);
        final int all = visits.length;
        for (int i = 0; i < n; i++) {
            final int k = arm[i] * strata + stratum[i];
            final double z0 = v.gaussian();
            for (int u = 0; u < all; u++) {
                c.doubles(visits[u])[i] = v.gaussian();
            }
            final double b = baselineMean[k] + baselineSd[k] * z0;
            x[i] = anyTransform ? transform(b, k) : b;
            final int[] own = slot[k];
            // the class number (1, 2, ...; NaN where the cell has no classes) picks the class's mean
            final double[] m = mean[k][cls == null || cls[i] != cls[i] ? 0 : (int) cls[i] - 1];
            final double[] l = factor[k];
            final int t = own.length;
            // the cell's visits take the first t normals; the rest of the union is NaN for this cell
            for (int u = t; u < all; u++) {
                c.doubles(visits[u])[i] = Double.NaN;
            }
            for (int a = t - 1; a >= 0; a--) {
                double change = m[a];
                for (int s = 0; s <= a; s++) {
                    change += l[a * t + s] * c.doubles(visits[s])[i];
                }
                final double score = b + change;
                c.doubles(visits[a])[i] = anyTransform ? transform(score, k) : score;
            }
            if (t < all) {
                placeBySlot(c, i, own);
            }
            if (t == 0) {
                x[i] = Double.NaN;
            }
        }
    }

    /** Moves a cell's scores (in the first t columns) to its visits' columns when its schedule is not the union's. */
    private void placeBySlot(Cohort c, int i, int[] own) {
        for (int a = own.length - 1; a >= 0; a--) {
            if (own[a] != a) {
                c.doubles(visits[own[a]])[i] = c.doubles(visits[a])[i];
                c.doubles(visits[a])[i] = Double.NaN;
            }
        }
    }

    /** Rounded to a multiple of the cell's step (half to even), then set into its bounds; NaN stays NaN. */
    private double transform(double t, int k) {
        double r = step[k] > 0 ? Math.rint(t / step[k]) * step[k] : t;
        return r < lower[k] ? lower[k] : r > upper[k] ? upper[k] : r;
    }
}
