package org.trialsim.process.scores;

import java.util.List;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.CumulativeHazard;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.Variates;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.scenario.IntercurrentEvents;
import org.trialsim.scenario.IntercurrentEvents.Reason;
import org.trialsim.scenario.ScoreProbability;

/**
 * The times of one intercurrent event of which some cell (arm x stratum) has a probability by score
 * ({@link IntercurrentEvents.ByScore}), from the event's own stream {@code intercurrent_events.NAME}: per patient
 * one exponential E (read by the cells whose event has a hazard, {@code t = H^-1(E)}) and then one uniform U_t per
 * interval of the longest schedule among the cells' trajectories (baseline to the first visit, then visit to
 * visit), whatever the cell, so the stream stays aligned across arms and parameter values. In a cell by score, at
 * the first interval t (from week a to week b) with {@code U_t < p(y)}, y the score at its start (the baseline for
 * the first) as drawn (before any post-event model), the event happens at {@code a + (U_t / p)(b - a)}: given
 * {@code U_t < p}, {@code U_t / p} is uniform, so the time is uniform over the interval. No event after the last
 * visit. The same discrete-time hazard as {@link ScoreDropout}; it depends only on scores observed before the event.
 */
public final class ScoreEventTimes implements ProcessSampler {

    private final Column.Doubles column;
    private final int strata;
    private final int intervals;
    private final CumulativeHazard[] hazard;
    private final boolean[] benzodiazepine;
    private final boolean readsBenzodiazepine;
    /** Per cell by score: the probability, the trajectory's baseline column, its visits' weeks and columns. */
    private final ScoreProbability[] probability;
    private final Column.Doubles[] baseline;
    private final double[][] weeks;
    private final Column.Doubles[][] visits;

    /**
     * @param perCell the event of each cell, arm-major ({@code null} where the cell has not the event)
     * @param trajectories the trajectories of each cell (for the visits of the one an event by score reads)
     * @param strata the number of strata
     * @param column the event's time column
     */
    public ScoreEventTimes(List<IntercurrentEvents.Event> perCell, List<ScoreTrajectories> trajectories, int strata,
            Column.Doubles column) {
        this.column = column;
        this.strata = strata;
        int size = perCell.size();
        hazard = new CumulativeHazard[size];
        benzodiazepine = new boolean[size];
        probability = new ScoreProbability[size];
        baseline = new Column.Doubles[size];
        weeks = new double[size][];
        visits = new Column.Doubles[size][];
        boolean any = false;
        int longest = 0;
        for (int k = 0; k < size; k++) {
            IntercurrentEvents.Event e = perCell.get(k);
            if (e == null) {
                continue;
            }
            if (e.byScore() != null) {
                String name = e.byScore().trajectory();
                ScoreTrajectories.Trajectory o = trajectories.get(k).trajectories().get(name);
                probability[k] = e.byScore().probability();
                baseline[k] = ScoreTrajectoryProcess.column(name, 0);
                weeks[k] = new double[o.size()];
                visits[k] = new Column.Doubles[o.size()];
                for (int t = 0; t < o.size(); t++) {
                    weeks[k][t] = o.week(t);
                    visits[k][t] = ScoreTrajectoryProcess.column(name, o.week(t));
                }
                longest = Math.max(longest, o.size());
            } else if (e.reason() == Reason.BENZODIAZEPINE_RETURN) {
                benzodiazepine[k] = true;
                any = true;
            } else {
                hazard[k] = CumulativeHazard.of(e.hazard(), 1);
            }
        }
        this.intervals = longest;
        this.readsBenzodiazepine = any;
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final double[] time = c.doubles(column);
        final double[] returned = readsBenzodiazepine ? c.doubles(BenzodiazepineCourse.RELAPSE) : null;
        for (int i = 0; i < n; i++) {
            final double e = v.exponential();
            final int k = arm[i] * strata + stratum[i];
            final ScoreProbability p = probability[k];
            double at = Double.POSITIVE_INFINITY;
            for (int t = 0; t < intervals; t++) {
                final double u = v.uniform();
                if (p == null || t >= weeks[k].length || at < Double.POSITIVE_INFINITY) {
                    continue; // drawn all the same, to keep the stream aligned
                }
                final double y = c.doubles(t == 0 ? baseline[k] : visits[k][t - 1])[i];
                final double q = p.probability(y);
                if (u < q) {
                    final double from = t == 0 ? 0 : weeks[k][t - 1];
                    at = from + u / q * (weeks[k][t] - from);
                }
            }
            if (p == null) {
                final CumulativeHazard h = hazard[k];
                at = benzodiazepine[k] ? returned[i] : h == null ? Double.POSITIVE_INFINITY : h.inverse(e);
            }
            time[i] = at;
        }
    }
}
