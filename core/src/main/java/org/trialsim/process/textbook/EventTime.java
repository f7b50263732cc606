package org.trialsim.process.textbook;

import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.CumulativeHazard;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.Variates;
import org.trialsim.random.ReplicateRandom;

/**
 * Draws one named event of every patient, from the event's own stream: where some cell has a cure fraction, a
 * uniform U per patient (cured if U is below the cell's fraction), then an exponential E per patient, turned into
 * a time by inverting the cell's cumulative hazard HR H(t), t = H^-1(E / HR) (Bender R, Augustin T, Blettner M. Stat Med
 * 2005;24:1713-1723). Every patient draws the same variates whatever its cell, so the stream stays aligned across
 * arms and parameter values; patients whose cell has not this event get {@code +Infinity}.
 */
final class EventTime implements ProcessSampler {

    private final Column.Doubles column;
    private final int strata;
    /** Per cell: the cumulative hazard times the hazard ratio, or null where the cell has not the event. */
    private final CumulativeHazard[] hazard;
    private final double[] cure;
    /** Whether some cell has a cure fraction, so that every patient draws a uniform for it. */
    private final boolean anyCure;

    EventTime(ProcessCells cells, String name, Column.Doubles column) {
        this.column = column;
        this.strata = cells.strata();
        List<Events.Event> events = Named.perCell(cells, name, m -> ((Events) m).events());
        hazard = new CumulativeHazard[events.size()];
        cure = new double[events.size()];
        boolean any = false;
        for (int k = 0; k < events.size(); k++) {
            Events.Event e = events.get(k);
            if (e == null) {
                continue;
            }
            if (!(e.cureFraction() >= 0 && e.cureFraction() < 1) || !(e.hazardRatio() > 0)
                    || Double.isInfinite(e.hazardRatio())) {
                throw new IllegalArgumentException("event " + name + ": the cure fraction must be in [0, 1) and the"
                        + " hazard ratio finite and > 0: " + e);
            }
            hazard[k] = CumulativeHazard.of(e.hazard(), e.hazardRatio());
            cure[k] = e.cureFraction();
            any |= cure[k] > 0;
        }
        anyCure = any;
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final double[] time = c.doubles(column);
        final boolean cures = anyCure;
        for (int i = 0; i < n; i++) {
            double u = cures ? v.uniform() : 1;
            double e = v.exponential();
            int k = arm[i] * strata + stratum[i];
            CumulativeHazard h = hazard[k];
            time[i] = h == null || u < cure[k] ? Double.POSITIVE_INFINITY : h.inverse(e);
        }
    }
}
