package org.trialsim.process.rescue;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.CumulativeHazard;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.Variates;
import org.trialsim.random.ReplicateRandom;

/**
 * Draws the week of rescue (or treatment discontinuation) of every patient: one exponential E per patient of
 * the plan, whatever its cell (so the stream stays aligned across arms and parameter values), turned into a
 * time by inverting the cumulative hazard; for a non-responder whose hazard is multiplied by theta after the end
 * of induction d, t = H^-1(E) if E &lt;= H(d), else H^-1(H(d) + (E - H(d)) / theta) (inversion of a piecewise
 * cumulative hazard: Austin PC. Stat Med 2012;31:3946-3958). Patients whose cell has no rescue get
 * {@code +Infinity}.
 */
final class RescueTime implements ProcessSampler {

    /** Weeks from randomization to rescue medication or treatment discontinuation; {@code +Infinity} if none. */
    static final Column.Doubles TIME = Column.doubles("rescue", "weeks from randomization",
            "rescue medication or treatment discontinuation (latent)", Double.POSITIVE_INFINITY);
    static final List<Column> COLUMNS = List.of(TIME);

    private final int strata;
    private final double induction;
    /** Per cell: the cumulative hazard, or null where the cell has no rescue. */
    private final CumulativeHazard[] hazard;
    /** Per cell: 1 / theta, the inverse of the non-responders' hazard ratio. */
    private final double[] inverseRatio;
    /** Per cell: H(d), the cumulative hazard at the end of induction. */
    private final double[] atInduction;

    RescueTime(ProcessCells cells) {
        this.strata = cells.strata();
        this.induction = cells.inductionWeeks();
        int size = cells.size();
        hazard = new CumulativeHazard[size];
        inverseRatio = new double[size];
        atInduction = new double[size];
        for (int k = 0; k < size; k++) {
            Rescue r = (Rescue) cells.model(k);
            if (r == null) {
                continue;
            }
            if (!(r.hazardRatioNonResponders() > 0) || Double.isInfinite(r.hazardRatioNonResponders())) {
                throw new IllegalArgumentException("the non-responders' hazard ratio must be finite and > 0: "
                        + r.hazardRatioNonResponders());
            }
            hazard[k] = CumulativeHazard.of(r.hazard(), 1);
            inverseRatio[k] = 1 / r.hazardRatioNonResponders();
            atInduction[k] = hazard[k].value(induction);
        }
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final boolean[] responded = c.booleans(InductionResponse.RESPONDED);
        final double[] time = c.doubles(TIME);
        for (int i = 0; i < n; i++) {
            double e = v.exponential();
            int k = arm[i] * strata + stratum[i];
            CumulativeHazard h = hazard[k];
            if (h == null) {
                time[i] = Double.POSITIVE_INFINITY;
            } else if (responded[i] || e <= atInduction[k]) {
                time[i] = h.inverse(e);
            } else {
                time[i] = h.inverse(atInduction[k] + (e - atInduction[k]) * inverseRatio[k]);
            }
        }
    }
}
