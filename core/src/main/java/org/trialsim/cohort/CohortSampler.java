package org.trialsim.cohort;

import java.util.Arrays;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.ReplicateStreams;

/**
 * Draws cohorts of a {@link SamplingPlan}, one replicate at a time, into a reused {@link Cohort}. Holds one
 * reseedable generator per channel, the variate samplers bound to them, the allocation blocks and a scratch
 * copy of deterministic entry times: nothing is allocated per patient or per replicate.
 *
 * <p>Process at a time (column-wise): each random process is drawn for all n patients in one tight loop, in
 * patient order, from its own stream of the replicate ({@link ReplicateStreams}: stratum, allocation,
 * enrollment, dropout, induction response, depressive relapse, benzodiazepine course, in that order, each
 * reading only the columns drawn before it). A process absent from the whole plan draws nothing and writes
 * its defaults in one fill. No draw looks ahead, so the first n patients of a cohort sampled for N are bit
 * for bit the cohort sampled for n (nested cohorts), except for the entry times of {@code Enrollment.Even},
 * which {@link EnrollmentProcess#entry(Cohort, int, int)} recomputes for n.
 *
 * <p>Which variates a patient draws on each stream depends only on the scenario's structure (number of
 * strata, which processes are present in the patient's arm and stratum, whether the dropout probability,
 * dropout hazard and durable fraction are positive), never on parameter values or on the patient's own
 * outcomes: a relapse variate is drawn for non-responders too, and discarded. Scenarios that differ only in
 * parameter values therefore consume every stream identically, patient by patient: common random numbers
 * across a sensitivity sweep. Since each process has its own stream, adding, removing or reshaping one
 * process (for example switching dropout on) does not shift the variates of the others either.
 *
 * <p>Why a per-thread sampler bound to reseedable generators rather than passing a generator per call: the
 * ziggurat samplers of commons-rng bind their generator at construction, so passing one per call would mean
 * building samplers per replicate; repositioning the generators in place keeps them bound once.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class CohortSampler {

    private final SamplingPlan plan;
    /** One generator per channel of {@link ReplicateStreams}, each with the variate samplers bound to it. */
    private final ReplicateRandom[] streams = new ReplicateRandom[ReplicateStreams.CHANNELS];
    private final Variates[] variates = new Variates[ReplicateStreams.CHANNELS];
    private final AllocationSequence allocation;
    /** Entry times of {@code Enrollment.Even} for a cohort of {@link #entriesFor} patients. */
    private double[] entries = new double[0];
    private int entriesFor = -1;
    /** Scratch: indices of the patients with a benzodiazepine course. */
    private int[] courses = new int[0];

    CohortSampler(SamplingPlan plan) {
        this.plan = plan;
        this.allocation = plan.newAllocationSequence();
        for (int k = 0; k < streams.length; k++) {
            streams[k] = new ReplicateRandom();
            variates[k] = new Variates(streams[k]);
        }
    }

    /** The plan this sampler draws from. */
    public SamplingPlan plan() {
        return plan;
    }

    /**
     * Fills rows 0 to n - 1 of {@code cohort} with replicate {@code replicate} of the study with master seed
     * {@code seed}, and sets its size to n.
     */
    public void sample(Cohort cohort, int n, long seed, long replicate) {
        if (n < 0 || n > cohort.capacity) {
            throw new IllegalArgumentException("cannot sample " + n + " patients into a cohort of capacity "
                    + cohort.capacity);
        }
        strata(cohort, n, seed, replicate);
        allocation.fill(stream(ReplicateStreams.ALLOCATION, seed, replicate), cohort.stratum, cohort.arm, n);
        entries(cohort, n, seed, replicate);
        DropoutTime dropout = plan.dropout();
        dropout.sample(dropout.random() ? variates(ReplicateStreams.DROPOUT, seed, replicate) : null,
                cohort.dropout, n);
        responses(cohort, n, seed, replicate);
        relapses(cohort, n, seed, replicate);
        benzodiazepine(cohort, n, seed, replicate);
        cohort.size = n;
    }

    /** Whether {@link #sample} draws from channel {@code channel} (for counting draws in benchmarks). */
    boolean draws(int channel) {
        return switch (channel) {
            case ReplicateStreams.STRATUM -> plan.strata() > 1;
            case ReplicateStreams.ALLOCATION -> true;
            case ReplicateStreams.ENROLLMENT -> plan.enrollment().random();
            case ReplicateStreams.DROPOUT -> plan.dropout().random();
            case ReplicateStreams.RESPONSE -> plan.anyResponse();
            case ReplicateStreams.RELAPSE -> plan.anyRelapse();
            case ReplicateStreams.BENZODIAZEPINE -> plan.anyBenzodiazepine();
            default -> false;
        };
    }

    /** The generator of channel {@code channel} (its state after {@link #sample} counts the draws made). */
    ReplicateRandom generator(int channel) {
        return streams[channel];
    }

    private ReplicateRandom stream(int channel, long seed, long replicate) {
        ReplicateRandom rng = streams[channel];
        rng.reseed(seed, replicate, channel);
        return rng;
    }

    private Variates variates(int channel, long seed, long replicate) {
        stream(channel, seed, replicate);
        return variates[channel];
    }

    private void strata(Cohort c, int n, long seed, long replicate) {
        final byte[] stratum = c.stratum;
        final boolean[] user = c.benzodiazepineUser;
        if (plan.strata() == 1) {
            Arrays.fill(stratum, 0, n, (byte) 0);
            Arrays.fill(user, 0, n, plan.benzodiazepineUser(0));
            return;
        }
        Variates v = variates(ReplicateStreams.STRATUM, seed, replicate);
        for (int i = 0; i < n; i++) {
            int s = plan.drawStratum(v);
            stratum[i] = (byte) s;
            user[i] = plan.benzodiazepineUser(s);
        }
    }

    private void entries(Cohort c, int n, long seed, long replicate) {
        EnrollmentProcess enrollment = plan.enrollment();
        if (enrollment.random()) {
            enrollment.sample(variates(ReplicateStreams.ENROLLMENT, seed, replicate), c.enrolled, n);
            return;
        }
        // Deterministic entries depend on n alone: computed once per cohort size, then copied.
        if (entriesFor != n) {
            if (entries.length < n) {
                entries = new double[n];
            }
            enrollment.sample(null, entries, n);
            entriesFor = n;
        }
        System.arraycopy(entries, 0, c.enrolled, 0, n);
    }

    private void responses(Cohort c, int n, long seed, long replicate) {
        if (!plan.anyResponse()) {
            Arrays.fill(c.responded, 0, n, false);
            Arrays.fill(c.remitted, 0, n, false);
            Arrays.fill(c.madrsBaseline, 0, n, Double.NaN);
            Arrays.fill(c.madrsEndOfInduction, 0, n, Double.NaN);
            return;
        }
        final ReplicateRandom rng = stream(ReplicateStreams.RESPONSE, seed, replicate);
        final double[] response = plan.responseProbabilities();
        final int strata = plan.strata();
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        if (response != null) {
            // Every cell Bernoulli: one uniform per patient (as InductionResponse.Bernoulli), no scores.
            final double[] remission = plan.remissionProbabilities();
            final boolean[] responded = c.responded;
            final boolean[] remitted = c.remitted;
            for (int i = 0; i < n; i++) {
                int k = arm[i] * strata + stratum[i];
                double u = rng.nextDouble();
                responded[i] = u < response[k];
                remitted[i] = u < remission[k];
            }
            Arrays.fill(c.madrsBaseline, 0, n, Double.NaN);
            Arrays.fill(c.madrsEndOfInduction, 0, n, Double.NaN);
            return;
        }
        final Variates v = variates[ReplicateStreams.RESPONSE];
        for (int i = 0; i < n; i++) {
            InductionResponse r = plan.response(arm[i] * strata + stratum[i]);
            if (r != null) {
                r.sample(v, c, i);
            } else {
                c.responded[i] = false;
                c.remitted[i] = false;
                c.madrsBaseline[i] = Double.NaN;
                c.madrsEndOfInduction[i] = Double.NaN;
            }
        }
    }

    private void relapses(Cohort c, int n, long seed, long replicate) {
        final double[] relapse = c.relapse;
        if (!plan.anyRelapse()) {
            Arrays.fill(relapse, 0, n, Double.POSITIVE_INFINITY);
            return;
        }
        final Variates v = variates(ReplicateStreams.RELAPSE, seed, replicate);
        final int strata = plan.strata();
        final double induction = plan.inductionWeeks();
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final boolean[] responded = c.responded;
        if (plan.everyRelapse()) {
            // As RelapseTime.sample, without branching on the patient's (random) cell, durability or response:
            // the durability uniform is drawn under its cell's mask, the time chosen by bits.
            final ReplicateRandom rng = streams[ReplicateStreams.RELAPSE];
            final long[] draw = plan.durableDraw();
            final double[] durable = plan.durableFraction();
            final double[] offset = plan.relapseOffset();
            final long[] anyTime = plan.relapseAtRiskAlways();
            final CumulativeHazard[] hazard = plan.relapseHazard();
            final boolean cheap = plan.cheapRelapseInverse();
            for (int i = 0; i < n; i++) {
                int k = arm[i] * strata + stratum[i];
                long notDurable = ~BitSelect.below(BitSelect.uniform(rng.nextLong(draw[k])), durable[k]);
                double e = v.exponential();
                long atRisk = (responded[i] ? -1L : 0L) | anyTime[k];
                long relapses = atRisk & notDurable;
                relapse[i] = cheap ? BitSelect.choose(relapses, offset[k] + hazard[k].inverse(e), Double.POSITIVE_INFINITY)
                        : relapses != 0 ? offset[k] + hazard[k].inverse(e) : Double.POSITIVE_INFINITY;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            RelapseTime r = plan.relapse(arm[i] * strata + stratum[i]);
            double t = Double.POSITIVE_INFINITY;
            if (r != null) {
                t = r.fromResponse() ? induction + r.sample(v, responded[i]) : r.sample(v, true);
            }
            relapse[i] = t;
        }
    }

    private void benzodiazepine(Cohort c, int n, long seed, long replicate) {
        if (!plan.anyBenzodiazepine()) {
            Arrays.fill(c.benzodiazepineDiscontinued, 0, n, false);
            Arrays.fill(c.benzodiazepineRelapse, 0, n, Double.POSITIVE_INFINITY);
            return;
        }
        final Variates v = variates(ReplicateStreams.BENZODIAZEPINE, seed, replicate);
        final int strata = plan.strata();
        final double induction = plan.inductionWeeks();
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        // Defaults for all, then the patients with a course (users), found without branching on their random
        // stratum and drawn in patient order.
        Arrays.fill(c.benzodiazepineDiscontinued, 0, n, false);
        Arrays.fill(c.benzodiazepineRelapse, 0, n, Double.POSITIVE_INFINITY);
        if (courses.length < n) {
            courses = new int[n];
        }
        final int[] index = courses;
        final boolean[] hasCourse = plan.hasBenzodiazepine();
        int m = 0;
        for (int i = 0; i < n; i++) {
            index[m] = i;
            m += hasCourse[arm[i] * strata + stratum[i]] ? 1 : 0;
        }
        for (int j = 0; j < m; j++) {
            int i = index[j];
            plan.benzodiazepine(arm[i] * strata + stratum[i]).sample(v, c, i, induction);
        }
    }
}
