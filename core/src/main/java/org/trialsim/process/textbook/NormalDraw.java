package org.trialsim.process.textbook;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.Variates;
import org.trialsim.random.ReplicateRandom;

/**
 * Draws one named continuous outcome of every patient from the outcome's own stream: where some cell has a
 * baseline, two standard normals Z1, Z2 per patient, the baseline m_X + s_X Z1 and the value
 * m + s (rho Z1 + sqrt(1 - rho^2) Z2) (the bivariate normal by its Cholesky factor); otherwise one standard
 * normal Z per patient and the value m + s Z. Every patient draws the same variates whatever its cell (a cell
 * without a baseline ignores Z1), so the stream stays aligned across arms and parameter values; then rounding and
 * bounds if the planner gave them. Patients whose cell has not the outcome get {@code NaN}.
 */
final class NormalDraw implements ProcessSampler {

    private final Column.Doubles value;
    private final Column.Doubles baseline;
    private final int strata;
    /** Whether every patient draws a baseline normal (some cell has a baseline). */
    private final boolean withBaseline;
    /** Per cell ({@code NaN} mean where the cell has not the outcome): the value's coefficients. */
    private final double[] mean;
    private final double[] onBaseline;
    private final double[] own;
    /** Per cell: the baseline's mean ({@code NaN} without one) and SD. */
    private final double[] baselineMean;
    private final double[] baselineSd;
    /** Per cell: the rounding step (0: none) and bounds. */
    private final double[] step;
    private final double[] lower;
    private final double[] upper;
    private final boolean anyTransform;

    NormalDraw(ProcessCells cells, String name, Column.Doubles value, Column.Doubles baseline) {
        this.value = value;
        this.baseline = baseline;
        this.strata = cells.strata();
        List<ContinuousOutcomes.Outcome> outcomes = Named.perCell(cells, name,
                m -> ((ContinuousOutcomes) m).outcomes());
        int size = outcomes.size();
        mean = new double[size];
        onBaseline = new double[size];
        own = new double[size];
        baselineMean = new double[size];
        baselineSd = new double[size];
        step = new double[size];
        lower = new double[size];
        upper = new double[size];
        boolean anyBaseline = false;
        boolean transform = false;
        for (int k = 0; k < size; k++) {
            ContinuousOutcomes.Outcome o = outcomes.get(k);
            mean[k] = Double.NaN;
            baselineMean[k] = Double.NaN;
            if (o == null) {
                continue;
            }
            ContinuousOutcomes.Baseline b = o.baseline();
            double rho = b == null ? 0 : b.correlation();
            if (!(o.sd() > 0) || Double.isInfinite(o.sd()) || !(rho >= -1 && rho <= 1)
                    || b != null && !(b.sd() >= 0) || !(o.lower() <= o.upper()) || !(o.roundTo() >= 0)) {
                throw new IllegalArgumentException("continuous outcome " + name + ": needs sd > 0, a baseline sd"
                        + " >= 0, a correlation in [-1, 1], lower <= upper and round_to >= 0: " + o);
            }
            mean[k] = o.mean();
            onBaseline[k] = o.sd() * rho;
            own[k] = o.sd() * Math.sqrt(1 - rho * rho);
            if (b != null) {
                baselineMean[k] = b.mean();
                baselineSd[k] = b.sd();
                anyBaseline = true;
            }
            step[k] = o.roundTo();
            lower[k] = o.lower();
            upper[k] = o.upper();
            transform |= o.transformed();
        }
        this.withBaseline = anyBaseline;
        this.anyTransform = transform;
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final double[] y = c.doubles(value);
        final double[] x = c.doubles(baseline);
        final boolean two = withBaseline;
        for (int i = 0; i < n; i++) {
            double z1 = two ? v.gaussian() : 0;
            double z2 = v.gaussian();
            int k = arm[i] * strata + stratum[i];
            // NaN means propagate to both columns for a patient whose cell has not the outcome
            y[i] = mean[k] + onBaseline[k] * z1 + own[k] * z2;
            x[i] = baselineMean[k] + baselineSd[k] * z1;
            if (anyTransform) {
                y[i] = transform(y[i], k);
                x[i] = transform(x[i], k);
            }
        }
    }

    /** Rounded to a multiple of the cell's step (half to even), then set into its bounds; NaN stays NaN. */
    private double transform(double t, int k) {
        double r = step[k] > 0 ? Math.rint(t / step[k]) * step[k] : t;
        return r < lower[k] ? lower[k] : r > upper[k] ? upper[k] : r;
    }
}
