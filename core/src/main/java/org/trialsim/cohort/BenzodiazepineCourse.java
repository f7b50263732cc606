package org.trialsim.cohort;

import java.util.Arrays;
import java.util.List;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.scenario.Benzodiazepine;

/**
 * Benzodiazepine discontinuation by the end of induction and the time of relapse to benzodiazepine use for
 * one arm and stratum of long-term users.
 *
 * <p>The relapse hazard, timed from the end of induction, is h(s) before a depressive relapse at time r and
 * theta h(s) after it (theta = {@code hazardRatioAfterDepressiveRelapse}), so the effective cumulative hazard
 * is H_eff(s) = H(min(s, r)) + theta (H(s) - H(min(s, r))), with a kink at r. Drawing E ~ Exp(1) and solving
 * H_eff(S) = E gives S = H^{-1}(E) if E &lt;= H(r), else S = H^{-1}(H(r) + (E - H(r)) / theta): inversion of a
 * piecewise cumulative hazard with a time-varying covariate (Austin PC. Generating survival times to simulate
 * Cox proportional hazards models with time-varying covariates. Stat Med 2012;31:3946-3958).
 *
 * <p>Each user's variates are a uniform for discontinuation and an exponential for the relapse, the exponential
 * drawn for non-discontinuers too so that the stream stays aligned across parameter values; the sampler draws
 * them ({@link Sampler}, and {@link CohortSampler}'s fused loop) and this class turns them into the course
 * ({@link #discontinued}, {@link #relapse}). Also the process's columns and its sampler ({@link #compile}).
 */
public final class BenzodiazepineCourse {

    /** Whether the patient is a long-term benzodiazepine user (from the stratum). */
    public static final Column.Booleans USER = Column.booleans("benzo_user", "long-term benzodiazepine user");
    /** Whether a user discontinued benzodiazepines by the end of induction. */
    public static final Column.Booleans DISCONTINUED = Column.booleans("benzo_discontinued",
            "discontinued benzodiazepines by the end of induction (latent)");
    /** Weeks from randomization to relapse to benzodiazepine use; {@code +Infinity} if none or not applicable. */
    public static final Column.Doubles RELAPSE = Column.doubles("benzo_relapse", "weeks from randomization",
            "relapse to benzodiazepine use (latent)", Double.POSITIVE_INFINITY);
    /** The columns, in listing order. */
    public static final List<Column> COLUMNS = List.of(USER, DISCONTINUED, RELAPSE);

    /** The process compiled for a scenario. */
    public static ProcessSampler compile(ProcessCells cells) {
        return new Sampler(cells);
    }

    private final double discontinuationResponders;
    private final double discontinuationNonResponders;
    private final CumulativeHazard hazard;
    private final double ratioAfterRelapse;
    /** 1 / ratioAfterRelapse: multiplied, cheaper than a division. */
    private final double inverseRatio;
    private final boolean cheap;

    BenzodiazepineCourse(Benzodiazepine b) {
        check(b.discontinuationResponders(), "discontinuationResponders");
        check(b.discontinuationNonResponders(), "discontinuationNonResponders");
        if (!(b.hazardRatioAfterDepressiveRelapse() > 0) || Double.isInfinite(b.hazardRatioAfterDepressiveRelapse())) {
            throw new IllegalArgumentException("hazardRatioAfterDepressiveRelapse must be finite and > 0");
        }
        this.discontinuationResponders = b.discontinuationResponders();
        this.discontinuationNonResponders = b.discontinuationNonResponders();
        this.hazard = CumulativeHazard.of(b.relapse(), 1);
        this.ratioAfterRelapse = b.hazardRatioAfterDepressiveRelapse();
        this.inverseRatio = 1 / ratioAfterRelapse;
        this.cheap = hazard.cheapInverse();
    }

    private static void check(double p, String name) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability: " + p);
        }
    }

    /** Whether a user with uniform {@code u} and response mask {@code responded} discontinues. */
    boolean discontinued(double u, long responded) {
        return u < BitSelect.choose(responded, discontinuationResponders, discontinuationNonResponders);
    }

    /**
     * The time of relapse to benzodiazepine use, in weeks from randomization (+Infinity without
     * discontinuation or relapse), of a user with discontinuation uniform {@code u}, exponential {@code e},
     * depressive relapse at {@code relapseWeeks} from randomization and response mask {@code responded}.
     *
     * <p>Pure arithmetic on its arguments, kept apart from the draws so that it stays small enough for the JIT
     * to inline into the sampler's loop over users (a profile showed the former {@code sample} method, variates
     * included, compiled on its own and called per user, at 13% of the ketamine scenario's sampling time).
     *
     * <p>With a cheap inverse (exponential hazard), both branches of the piecewise inversion are computed and
     * one is chosen by bits ({@link BitSelect}): the conditions (discontinued, a depressive relapse, before or
     * after it) are random per patient, and a mispredicted branch costs more than a division.
     */
    double relapse(double u, double e, double relapseWeeks, double inductionWeeks, long responded) {
        double p = BitSelect.choose(responded, discontinuationResponders, discontinuationNonResponders);
        // Depressive relapse in weeks from the end of induction; at or before it, the raised hazard holds from 0.
        double r = relapseWeeks - inductionWeeks;
        return cheap ? relapseChosen(BitSelect.below(u, p), e, r, inductionWeeks)
                : relapseBranched(u < p, e, r, inductionWeeks);
    }

    /** Both branches of the inversion computed, one chosen by bits (a cheap inverse). */
    private double relapseChosen(long discontinued, double e, double r, double inductionWeeks) {
        double free = hazard.inverse(e);
        double atRelapse = hazard.value(Math.max(0, r));
        double after = hazard.inverse(atRelapse + (e - atRelapse) * inverseRatio);
        // Free of the raised hazard if there is no depressive relapse (r infinite; tested as r >= MAX_VALUE,
        // which no finite relapse time in weeks reaches, so that r - bound is never the NaN of INF - INF) or
        // if E <= H(r), that is not H(r) < E (both finite when r is).
        long beforeRelapse = ~BitSelect.below(r, Double.MAX_VALUE) | ~BitSelect.below(atRelapse, e);
        double s = BitSelect.choose(beforeRelapse, free, after);
        return BitSelect.choose(discontinued, inductionWeeks + s, Double.POSITIVE_INFINITY);
    }

    /** Only the branch taken computed (an inverse dearer than a mispredicted branch, as Weibull's power). */
    private double relapseBranched(boolean discontinued, double e, double r, double inductionWeeks) {
        if (!discontinued) {
            return Double.POSITIVE_INFINITY;
        }
        double s;
        if (r == Double.POSITIVE_INFINITY) {
            s = hazard.inverse(e);
        } else {
            double atRelapse = hazard.value(Math.max(0, r));
            s = e <= atRelapse ? hazard.inverse(e) : hazard.inverse(atRelapse + (e - atRelapse) * inverseRatio);
        }
        return inductionWeeks + s;
    }

    /**
     * The benzodiazepine courses in three steps, so that the draws and the arithmetic each run in a tight loop:
     * {@link #users} lists the users (and writes every patient's defaults), {@link #draw} draws each user's
     * uniform and exponential in user order, {@link #courses} turns them into the course.
     */
    static final class Sampler implements ProcessSampler {
        private final int strata;
        private final double induction;
        private final BenzodiazepineCourse[] cells;
        /** Per cell, 1 if it has a course, else 0 (counted without a branch). */
        private final int[] hasCourse;
        /** Per stratum, whether its patients are long-term users. */
        private final boolean[] userStratum;

        Sampler(ProcessCells c) {
            this.strata = c.strata();
            this.induction = c.inductionWeeks();
            this.cells = new BenzodiazepineCourse[c.size()];
            this.hasCourse = new int[c.size()];
            this.userStratum = new boolean[strata];
            for (int s = 0; s < strata; s++) {
                userStratum[s] = c.scenario().strata().get(s).benzodiazepineUser();
            }
            for (int k = 0; k < c.size(); k++) {
                Benzodiazepine b = (Benzodiazepine) c.model(k);
                cells[k] = b == null || !userStratum[c.stratum(k)] ? null : new BenzodiazepineCourse(b);
                hasCourse[k] = cells[k] != null ? 1 : 0;
            }
        }

        @Override
        public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
            Scratch scratch = Scratch.of(c, n);
            int users = users(c, n, scratch);
            draw(v, users, scratch);
            courses(c, users, scratch, responderMasks(c, n, scratch));
        }

        /** The responders as masks (-1 responder, 0 not), for the branch-free choices of {@link #courses}. */
        private static long[] responderMasks(Cohort c, int n, Scratch scratch) {
            final boolean[] responded = c.booleans(InductionResponse.RESPONDED);
            final long[] mask = scratch.masks(n);
            for (int i = 0; i < n; i++) {
                mask[i] = responded[i] ? -1L : 0L;
            }
            return mask;
        }

        /**
         * Step 1: writes every patient's user status from the stratum and defaults (no discontinuation, no
         * relapse), and lists the patients with a course (users), found without branching on their random
         * stratum, in patient order. Returns their number.
         */
        int users(Cohort c, int n, Scratch scratch) {
            final byte[] arm = c.arm;
            final byte[] stratum = c.stratum;
            final boolean[] user = c.booleans(USER);
            final boolean[] users = userStratum;
            Arrays.fill(c.booleans(DISCONTINUED), 0, n, false);
            Arrays.fill(c.doubles(RELAPSE), 0, n, Double.POSITIVE_INFINITY);
            final int[] index = scratch.index;
            final int[] course = hasCourse;
            int m = 0;
            for (int i = 0; i < n; i++) {
                user[i] = users[stratum[i]];
                index[m] = i;
                m += course[arm[i] * strata + stratum[i]];
            }
            return m;
        }

        /**
         * Step 2: the variates of the first {@code users} users, a uniform then an exponential each (the
         * exponential for non-discontinuers too), in user order. They depend on nothing drawn before, which is
         * why the fused loop of {@link CohortSampler} draws them itself: alone, this loop is one generator's
         * dependency chain, two draws per user, and waits on it.
         */
        static void draw(Variates v, int users, Scratch scratch) {
            final double[] uniform = scratch.uniform;
            final double[] exponential = scratch.exponential;
            for (int j = 0; j < users; j++) {
                uniform[j] = v.uniform();
                exponential[j] = v.exponential();
            }
        }

        /**
         * Step 3: discontinuation and relapse to benzodiazepine use of each user from its variates, its response
         * and its depressive relapse (the course's arithmetic, small enough to be inlined here).
         */
        void courses(Cohort c, int users, Scratch scratch, long[] responded) {
            final byte[] arm = c.arm;
            final byte[] stratum = c.stratum;
            final int[] index = scratch.index;
            final double[] uniform = scratch.uniform;
            final double[] exponential = scratch.exponential;
            final boolean[] discontinued = c.booleans(DISCONTINUED);
            final double[] relapse = c.doubles(RELAPSE);
            final double[] depressive = c.doubles(RelapseTime.TIME);
            for (int j = 0; j < users; j++) {
                int i = index[j];
                BenzodiazepineCourse course = cells[arm[i] * strata + stratum[i]];
                long mask = responded[i];
                discontinued[i] = course.discontinued(uniform[j], mask);
                relapse[i] = course.relapse(uniform[j], exponential[j], depressive[i], induction, mask);
            }
        }
    }

    /**
     * Per-cohort scratch of the courses: the users' indices and variates, and the responder masks; kept with the
     * cohort (one per thread), grown to the largest cohort and never shrunk.
     */
    static final class Scratch {
        int[] index = new int[0];
        double[] uniform = new double[0];
        double[] exponential = new double[0];
        private long[] masks = new long[0];

        static Scratch of(Cohort c, int n) {
            Scratch s = c.scratch(Scratch.class, Scratch::new);
            if (s.index.length < n) {
                s.index = new int[n];
                s.uniform = new double[n];
                s.exponential = new double[n];
            }
            return s;
        }

        long[] masks(int n) {
            if (masks.length < n) {
                masks = new long[n];
            }
            return masks;
        }
    }
}
