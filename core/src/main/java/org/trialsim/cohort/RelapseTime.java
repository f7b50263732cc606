package org.trialsim.cohort;

import java.util.List;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.scenario.Relapse;

/**
 * Time to depressive relapse from its origin for one arm and stratum: a cure-rate mixture (Boag JW. J R Stat
 * Soc B 1949;11:15-53) in which a durable fraction never relapses and the rest relapse with hazard
 * {@code hazardRatio * h(t)}, drawn by inversion of the cumulative hazard. Also the process's column and its
 * sampler ({@link #compile}).
 */
public final class RelapseTime {

    /** Weeks from randomization to depressive relapse; {@code +Infinity} if none. */
    public static final Column.Doubles TIME = Column.doubles("relapse", "weeks from randomization",
            "depressive relapse (latent)", Double.POSITIVE_INFINITY);
    /** The columns, in listing order. */
    public static final List<Column> COLUMNS = List.of(TIME);

    private final boolean fromResponse;
    private final double durableFraction;
    private final CumulativeHazard hazard;

    RelapseTime(Relapse relapse) {
        if (!(relapse.durableFraction() >= 0 && relapse.durableFraction() < 1)) {
            throw new IllegalArgumentException("durable fraction must be in [0, 1): " + relapse.durableFraction());
        }
        this.fromResponse = relapse.origin() == Relapse.Origin.RESPONSE;
        this.durableFraction = relapse.durableFraction();
        this.hazard = CumulativeHazard.of(relapse.hazard(), relapse.hazardRatio());
    }

    /** The fraction that never relapses. */
    double durableFraction() {
        return durableFraction;
    }

    /** The cumulative hazard of those who may relapse. */
    CumulativeHazard hazard() {
        return hazard;
    }

    /** Whether the clock starts at the end of induction among responders (else at randomization for all). */
    boolean fromResponse() {
        return fromResponse;
    }

    /** The process compiled for a scenario. */
    public static ProcessSampler compile(ProcessCells cells) {
        return new Sampler(cells);
    }

    /**
     * Weeks from the origin to relapse, {@code +Infinity} for a durable patient or one not at risk
     * ({@code atRisk} false: a non-responder when the clock starts at response). The variates are drawn
     * whether or not the patient is at risk (a uniform if the durable fraction is positive, then an
     * exponential), so that the stream stays aligned across scenarios that differ only in parameter values.
     */
    double sample(Variates v, boolean atRisk) {
        boolean durable = durableFraction > 0 && v.uniform() < durableFraction;
        double e = v.exponential();
        return atRisk && !durable ? hazard.inverse(e) : Double.POSITIVE_INFINITY;
    }

    /**
     * Every patient's relapse time from the relapse stream. Where every cell has the process, without branching
     * on the patient's (random) cell, durability or response: the durability uniform is drawn under its cell's
     * mask, the time chosen by bits; the same lines stand in {@link CohortSampler}'s fused loop, on purpose
     * (moved into one shared method, a RelapseCells object, 2026-11-22, they cost the ketamine sampler 20-40%
     * (JMH, 3 alternated runs), no longer inlined in the fused loop).
     */
    static final class Sampler implements ProcessSampler {
        private final int strata;
        private final double induction;
        private final RelapseTime[] cells;
        /**
         * When every cell has a relapse process, per cell: the mask of the durability draw (-1 where the durable
         * fraction is positive, else 0), the durable fraction, the origin's offset in weeks from randomization,
         * whether all are at risk (-1) or responders only (0), and the cumulative hazard; else {@code null}.
         */
        final long[] durableDraw;
        final double[] durableFraction;
        final double[] offset;
        final long[] atRiskAlways;
        final CumulativeHazard[] hazard;
        /** Whether every cell's hazard inverts in a division (computed for all, chosen without a branch). */
        final boolean cheap;
        /**
         * Whether some cell has a durable fraction, so that its patients draw a durability uniform. When none has,
         * every masked durability draw would leave the stream where it is and decide nothing (a uniform is never
         * below a fraction of 0), so it is skipped.
         */
        final boolean anyDurable;

        Sampler(ProcessCells c) {
            this.strata = c.strata();
            this.induction = c.inductionWeeks();
            int size = c.size();
            this.cells = new RelapseTime[size];
            boolean cheapAll = true;
            for (int k = 0; k < size; k++) {
                Relapse r = (Relapse) c.model(k);
                cells[k] = r == null ? null : new RelapseTime(r);
                cheapAll &= cells[k] != null && cells[k].hazard().cheapInverse();
            }
            boolean every = c.everyCell();
            durableDraw = every ? new long[size] : null;
            durableFraction = every ? new double[size] : null;
            offset = every ? new double[size] : null;
            atRiskAlways = every ? new long[size] : null;
            hazard = every ? new CumulativeHazard[size] : null;
            cheap = cheapAll;
            boolean durable = false;
            for (int k = 0; k < size && every; k++) {
                durableFraction[k] = cells[k].durableFraction();
                durableDraw[k] = durableFraction[k] > 0 ? -1L : 0L;
                durable |= durableDraw[k] != 0;
                atRiskAlways[k] = cells[k].fromResponse() ? 0L : -1L;
                offset[k] = cells[k].fromResponse() ? induction : 0;
                hazard[k] = cells[k].hazard();
            }
            anyDurable = durable;
        }

        /** Whether every cell has the process (then the per-cell arrays are set). */
        boolean everyCell() {
            return durableDraw != null;
        }

        @Override
        public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
            final double[] relapse = c.doubles(TIME);
            final byte[] arm = c.arm;
            final byte[] stratum = c.stratum;
            final boolean[] responded = c.booleans(InductionResponse.RESPONDED);
            if (everyCell()) {
                final long[] draw = durableDraw;
                final double[] durable = durableFraction;
                final boolean durableAny = anyDurable;
                final double[] origin = offset;
                final long[] anyTime = atRiskAlways;
                final CumulativeHazard[] h = hazard;
                final boolean cheapInverse = cheap;
                for (int i = 0; i < n; i++) {
                    int k = arm[i] * strata + stratum[i];
                    long notDurable = durableAny
                            ? ~BitSelect.below(BitSelect.uniform(rng.nextLong(draw[k])), durable[k]) : -1L;
                    double e = v.exponential();
                    long atRisk = (responded[i] ? -1L : 0L) | anyTime[k];
                    long relapses = atRisk & notDurable;
                    relapse[i] = cheapInverse
                            ? BitSelect.choose(relapses, origin[k] + h[k].inverse(e), Double.POSITIVE_INFINITY)
                            : relapses != 0 ? origin[k] + h[k].inverse(e) : Double.POSITIVE_INFINITY;
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                RelapseTime r = cells[arm[i] * strata + stratum[i]];
                double t = Double.POSITIVE_INFINITY;
                if (r != null) {
                    t = r.fromResponse() ? induction + r.sample(v, responded[i]) : r.sample(v, true);
                }
                relapse[i] = t;
            }
        }
    }
}
