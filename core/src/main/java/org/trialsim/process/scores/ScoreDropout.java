package org.trialsim.process.scores;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.Variates;
import org.trialsim.process.DropoutProcess;
import org.trialsim.process.textbook.Named;
import org.trialsim.random.ReplicateRandom;

/**
 * Dropout that depends on the latest observed score of one named trajectory
 * ({@link ScoreTrajectories.DropoutByScore}), from the stream {@code score_trajectories.NAME.dropout}: per
 * patient one uniform U_t per interval of the trajectory's schedule (baseline to the first visit, then visit to
 * visit; as many as the union of the cells' visits, whatever the cell, so the stream stays aligned across arms
 * and parameter values). In the patient's own schedule, at the first interval t (from week a to week b) with
 * {@code U_t < p(y)}, y the score at its start (the baseline for the first), the patient drops out at
 * {@code a + (U_t / p) (b - a)}: given {@code U_t < p}, {@code U_t / p} is uniform, so the time is uniform over
 * the interval and no further draw is needed. The patient has then been seen at week a and misses week b. A
 * discrete-time hazard of dropout at each visit, which depends on nothing but scores already observed: missing
 * at random by construction.
 *
 * <p>The dropout is the earlier of this time and the one the dropout process drew (which it then leaves alone,
 * reason included); where it is this one, the reason is {@code after_score}. Where the scenario has no
 * dropout process, this part writes the dropout column and its reason for every patient.
 */
final class ScoreDropout implements ProcessSampler {

    private final Column.Doubles baseline;
    private final Column.Doubles[] visits;
    private final int strata;
    /** Whether the dropout process drew the cohort's dropout column before this part (then the earlier wins). */
    private final boolean afterDropoutProcess;
    /** Per cell: the probability model ({@code null}: none), the cell's weeks and their union slots. */
    private final ScoreTrajectories.DropoutByScore[] model;
    private final double[][] weeks;
    private final int[][] slot;

    ScoreDropout(ProcessCells cells, String name, double[] union, Column.Doubles baseline, Column.Doubles[] visits,
            boolean afterDropoutProcess) {
        this.baseline = baseline;
        this.visits = visits.clone();
        this.strata = cells.strata();
        this.afterDropoutProcess = afterDropoutProcess;
        List<ScoreTrajectories.Trajectory> perCell = Named.perCell(cells, name,
                m -> ((ScoreTrajectories) m).trajectories());
        int size = perCell.size();
        model = new ScoreTrajectories.DropoutByScore[size];
        weeks = new double[size][];
        slot = new int[size][];
        for (int k = 0; k < size; k++) {
            ScoreTrajectories.Trajectory o = perCell.get(k);
            model[k] = o == null ? null : o.dropoutByScore();
            int t = o == null ? 0 : o.size();
            weeks[k] = new double[t];
            slot[k] = new int[t];
            for (int a = 0; a < t; a++) {
                weeks[k][a] = o.week(a);
                slot[k][a] = java.util.Arrays.binarySearch(union, o.week(a));
            }
        }
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final double[] dropout = c.dropout;
        final byte[] reason = c.labels(DropoutProcess.REASON);
        final double[] x = c.doubles(baseline);
        final int all = visits.length;
        for (int i = 0; i < n; i++) {
            final int k = arm[i] * strata + stratum[i];
            final ScoreTrajectories.DropoutByScore d = model[k];
            final double[] w = weeks[k];
            double time = Double.POSITIVE_INFINITY;
            for (int t = 0; t < all; t++) {
                final double u = v.uniform();
                if (d == null || t >= w.length || time < Double.POSITIVE_INFINITY) {
                    continue; // drawn all the same, to keep the stream aligned
                }
                final double y = t == 0 ? x[i] : c.doubles(visits[slot[k][t - 1]])[i];
                final double p = d.probability(y);
                if (u < p) {
                    final double from = t == 0 ? 0 : w[t - 1];
                    time = from + u / p * (w[t] - from);
                }
            }
            if (!afterDropoutProcess) {
                dropout[i] = time;
                reason[i] = time < Double.POSITIVE_INFINITY ? DropoutProcess.AFTER_SCORE : 0;
            } else if (time < dropout[i]) {
                dropout[i] = time;
                reason[i] = DropoutProcess.AFTER_SCORE;
            }
        }
    }
}
