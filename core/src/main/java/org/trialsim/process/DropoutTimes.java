package org.trialsim.process;

import org.trialsim.cohort.BenzodiazepineCourse;
import java.util.List;
import org.trialsim.cohort.BitSelect;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.CumulativeHazard;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.RelapseTime;
import org.trialsim.cohort.Variates;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Hazard;

/**
 * Draws every patient's dropout time, in weeks from randomization ({@code +Infinity} for none), into the
 * cohort's dropout column.
 *
 * <p>The draws of a patient depend only on which parts are present somewhere in the scenario, never on the
 * patient's cell, the values or the outcomes: two uniforms if some cell has a probability of dropping out
 * during induction (whether the patient drops out, then when, uniform over the induction), then one exponential
 * E if some cell has a hazard after it. So scenarios that differ only in these values, or in which arm has
 * which, stay aligned on the stream (common random numbers), and a scenario of one scenario-wide constant hazard
 * draws exactly what the trial's frame drew before dropout became a process. The early or late time is chosen
 * without a branch ({@link BitSelect}).
 *
 * <p>After induction the patient's cumulative hazard is piecewise: from the end of induction d the cell's
 * hazard (or, for a non-responder, the one after non-response), then from a depressive relapse or a return to
 * benzodiazepines at c the hazard of that state, timed from c. The dropout time is the time at which that
 * cumulative hazard reaches E: within each piece, its inverse (inversion of a piecewise cumulative hazard:
 * Austin PC. Generating survival times to simulate Cox proportional hazards models with time-varying
 * covariates. Stat Med 2012;31:3946-3958). A state entered before the end of induction takes effect at its end.
 */
final class DropoutTimes implements ProcessSampler {

    /** The reason of each discontinuation, by the part of the model that drew it (code 0: none). */
    static final Column.Labels REASON = Column.labels("dropout_reason", "the state the patient dropped out in: "
            + "during induction, after it, after non-response, after a depressive relapse or after a return to "
            + "benzodiazepines, or after a score (a score trajectory's dropout_by_score)", List.of("none",
                    "during_induction", "after_induction", "after_non_response", "after_relapse",
                    "after_benzodiazepine_relapse", "after_score"));
    private static final byte DURING_INDUCTION = 1;
    private static final byte AFTER_INDUCTION = 2;
    private static final byte AFTER_NON_RESPONSE = 3;
    private static final byte AFTER_RELAPSE = 4;
    private static final byte AFTER_BENZODIAZEPINE = 5;

    private final int strata;
    private final double induction;
    /** Whether some cell has a probability during induction (two uniforms per patient). */
    private final boolean anyInduction;
    /** Whether some cell has a hazard after induction (one exponential per patient). */
    private final boolean anyLater;
    /** Per cell: the probability of dropping out during induction. */
    private final double[] probability;
    /**
     * Per cell: 1 / the constant hazard after induction where the cell's model is the original one
     * (+Infinity without a hazard), NaN where it needs the general inversion.
     */
    private final double[] meanWeeks;
    /** Per cell: the cumulative hazards of the general inversion (null where absent or not needed). */
    private final CumulativeHazard[] after;
    private final CumulativeHazard[] afterNonResponse;
    private final CumulativeHazard[] afterRelapse;
    private final CumulativeHazard[] afterBenzodiazepine;
    private final boolean readsResponse;
    private final boolean readsRelapse;
    private final boolean readsBenzodiazepine;

    DropoutTimes(ProcessCells cells) {
        this.strata = cells.strata();
        this.induction = cells.inductionWeeks();
        int size = cells.size();
        probability = new double[size];
        meanWeeks = new double[size];
        after = new CumulativeHazard[size];
        afterNonResponse = new CumulativeHazard[size];
        afterRelapse = new CumulativeHazard[size];
        afterBenzodiazepine = new CumulativeHazard[size];
        boolean early = false;
        boolean later = false;
        boolean response = false;
        boolean relapse = false;
        boolean benzodiazepine = false;
        for (int k = 0; k < size; k++) {
            Dropout d = (Dropout) cells.model(k);
            if (d == null) {
                meanWeeks[k] = Double.POSITIVE_INFINITY;
                continue;
            }
            double p = d.inductionProbability();
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("dropout inductionProbability must be a probability: " + p);
            }
            probability[k] = p;
            early |= p > 0;
            later |= d.hazard() != null || d.stateDependent();
            if (d.original()) {
                double rate = d.hazardPerWeek();
                if (!(rate >= 0) || Double.isInfinite(rate)) {
                    throw new IllegalArgumentException("dropout hazardPerWeek must be finite and >= 0: " + rate);
                }
                meanWeeks[k] = rate > 0 ? 1 / rate : Double.POSITIVE_INFINITY;
            } else {
                meanWeeks[k] = Double.NaN;
                after[k] = cumulative(d.hazard());
                afterNonResponse[k] = cumulative(d.afterNonResponse());
                afterRelapse[k] = cumulative(d.afterRelapse());
                afterBenzodiazepine[k] = cumulative(d.afterBenzodiazepineRelapse());
                response |= d.afterNonResponse() != null;
                relapse |= d.afterRelapse() != null;
                benzodiazepine |= d.afterBenzodiazepineRelapse() != null;
            }
        }
        this.anyInduction = early;
        this.anyLater = later;
        this.readsResponse = response;
        this.readsRelapse = relapse;
        this.readsBenzodiazepine = benzodiazepine;
    }

    private static CumulativeHazard cumulative(Hazard h) {
        return h == null ? null : CumulativeHazard.of(h, 1);
    }

    @Override
    public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final double[] dropout = c.dropout;
        final byte[] reason = c.labels(REASON);
        final boolean[] responded = readsResponse ? c.booleans(InductionResponse.RESPONDED) : null;
        final double[] relapse = readsRelapse ? c.doubles(RelapseTime.TIME) : null;
        final double[] benzodiazepine = readsBenzodiazepine ? c.doubles(BenzodiazepineCourse.RELAPSE) : null;
        for (int i = 0; i < n; i++) {
            int k = arm[i] * strata + stratum[i];
            long drop = 0; // all ones: drops out during induction (u < p)
            double earlyTime = 0;
            if (anyInduction) {
                drop = BitSelect.below(v.uniform(), probability[k]);
                earlyTime = induction * v.uniform();
            }
            double lateTime = Double.POSITIVE_INFINITY;
            byte lateReason = AFTER_INDUCTION;
            if (anyLater) {
                double e = v.exponential();
                double mean = meanWeeks[k];
                if (mean == mean) { // the original model: a constant hazard or none
                    lateTime = mean == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : induction + e * mean;
                } else {
                    boolean nonResponder = responded != null && !responded[i];
                    double relapseAt = relapse == null ? Double.POSITIVE_INFINITY : relapse[i];
                    double benzodiazepineAt = benzodiazepine == null ? Double.POSITIVE_INFINITY : benzodiazepine[i];
                    lateTime = invert(k, e, nonResponder, relapseAt, benzodiazepineAt);
                    lateReason = state(k, lateTime, nonResponder, relapseAt, benzodiazepineAt);
                }
            }
            double time = BitSelect.choose(drop, earlyTime, lateTime);
            dropout[i] = time;
            // without a branch on the random outcome (as the time): during induction 1, else the late reason if
            // the patient leaves at all, else 0
            int during = (int) (drop & 1);
            int leaves = time < Double.POSITIVE_INFINITY ? 1 : 0;
            reason[i] = (byte) (during * DURING_INDUCTION + (1 - during) * leaves * lateReason);
        }
    }

    /**
     * The state a patient who drops out after induction at {@code time} is in: the last state with a hazard of
     * its own entered by then (as {@link #invert} orders them), else non-response where that has its own hazard.
     */
    private byte state(int k, double time, boolean nonResponder, double relapseTime, double benzodiazepineTime) {
        double relapseAt = afterRelapse[k] == null ? Double.POSITIVE_INFINITY : Math.max(relapseTime, induction);
        double benzodiazepineAt = afterBenzodiazepine[k] == null ? Double.POSITIVE_INFINITY
                : Math.max(benzodiazepineTime, induction);
        boolean relapsed = relapseAt < time;
        boolean returned = benzodiazepineAt < time;
        if (relapsed && (!returned || relapseAt > benzodiazepineAt)) {
            return AFTER_RELAPSE;
        }
        if (returned) {
            return AFTER_BENZODIAZEPINE;
        }
        return nonResponder && afterNonResponse[k] != null ? AFTER_NON_RESPONSE : AFTER_INDUCTION;
    }

    /**
     * The time at which the patient's piecewise cumulative hazard after induction reaches {@code e}: the
     * starting hazard from the end of induction, then each state's hazard from the time the state is entered
     * (in order of entry; states without a hazard of their own change nothing).
     */
    private double invert(int k, double e, boolean nonResponder, double relapseTime, double benzodiazepineTime) {
        CumulativeHazard h = nonResponder && afterNonResponse[k] != null ? afterNonResponse[k] : after[k];
        CumulativeHazard first = afterRelapse[k];
        CumulativeHazard second = afterBenzodiazepine[k];
        double firstAt = first == null ? Double.POSITIVE_INFINITY : Math.max(relapseTime, induction);
        double secondAt = second == null ? Double.POSITIVE_INFINITY : Math.max(benzodiazepineTime, induction);
        if (secondAt < firstAt) {
            CumulativeHazard t = first;
            first = second;
            second = t;
            double a = firstAt;
            firstAt = secondAt;
            secondAt = a;
        }
        double start = induction;
        double remaining = e;
        if (firstAt < Double.POSITIVE_INFINITY) {
            double mass = h == null ? 0 : h.value(firstAt - start);
            if (mass >= remaining) {
                return start + h.inverse(remaining);
            }
            remaining -= mass;
            start = firstAt;
            h = first;
            if (secondAt < Double.POSITIVE_INFINITY) {
                mass = h.value(secondAt - start);
                if (mass >= remaining) {
                    return start + h.inverse(remaining);
                }
                remaining -= mass;
                start = secondAt;
                h = second;
            }
        }
        return h == null ? Double.POSITIVE_INFINITY : start + h.inverse(remaining);
    }
}
