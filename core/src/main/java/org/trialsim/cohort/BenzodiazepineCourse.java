package org.trialsim.cohort;

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
 * them ({@link CohortSampler}) and this class turns them into the course ({@link #discontinued},
 * {@link #relapse}).
 */
final class BenzodiazepineCourse {

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
}
