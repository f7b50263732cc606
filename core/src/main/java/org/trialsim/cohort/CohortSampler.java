package org.trialsim.cohort;

import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.ReplicateStreams;

/**
 * Draws cohorts of a {@link SamplingPlan}, one replicate at a time, into a reused {@link Cohort}. Holds one
 * reseedable generator, the variate samplers bound to it and the allocation blocks: nothing is allocated per
 * patient or per replicate.
 *
 * <p>Each replicate's streams derive from (seed, replicate) alone ({@link ReplicateStreams}). The allocation
 * sequence has its own stream; patients are drawn one after the other from the patients' stream, each
 * patient's variates in a fixed order: stratum, entry, dropout, induction response, depressive relapse,
 * benzodiazepine course (the arm comes from the allocation stream, shuffling a new block when one starts). No draw looks ahead, so the first n patients of a cohort sampled for N are bit for
 * bit the cohort sampled for n (nested cohorts), except for the entry times of {@code Enrollment.Even}, which
 * {@link EnrollmentProcess#entry(Cohort, int, int)} recomputes for n.
 *
 * <p>Which variates a patient draws depends only on the scenario's structure (number of strata, which
 * processes are present, whether the dropout probability, dropout hazard and durable
 * fraction are positive), never on parameter values or on the patient's own outcomes: a relapse variate is
 * drawn for non-responders too, and discarded. Scenarios that differ only in parameter values therefore
 * consume the stream identically, patient by patient: common random numbers across a sensitivity sweep.
 *
 * <p>Why a per-thread sampler bound to a reseedable generator rather than passing a generator per call: the
 * ziggurat samplers of commons-rng bind their generator at construction, so passing one per call would mean
 * building samplers per replicate; repositioning one generator in place keeps them bound once.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class CohortSampler {

    private final SamplingPlan plan;
    private final ReplicateRandom rng = new ReplicateRandom();
    private final ReplicateRandom allocationRng = new ReplicateRandom();
    private final Variates variates = new Variates(rng);
    private final AllocationSequence allocation;

    CohortSampler(SamplingPlan plan) {
        this.plan = plan;
        this.allocation = plan.newAllocationSequence();
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
        rng.reseed(seed, replicate, ReplicateStreams.PATIENTS);
        allocationRng.reseed(seed, replicate, ReplicateStreams.ALLOCATION);
        allocation.reset();
        double previousEntry = 0;
        for (int i = 0; i < n; i++) {
            previousEntry = samplePatient(cohort, i, n, previousEntry);
        }
        cohort.size = n;
    }

    private double samplePatient(Cohort c, int i, int n, double previousEntry) {
        final Variates v = variates;
        final int s = plan.drawStratum(v);
        final int a = allocation.next(allocationRng, s);
        final double entry = plan.enrollment().sample(v, i, n, previousEntry);
        c.stratum[i] = (byte) s;
        c.arm[i] = (byte) a;
        c.enrolled[i] = entry;
        c.dropout[i] = plan.dropout().sample(v);

        final int k = a * plan.strata() + s;
        InductionResponse response = plan.response(k);
        if (response != null) {
            response.sample(v, c, i);
        } else {
            c.responded[i] = false;
            c.remitted[i] = false;
            c.madrsBaseline[i] = Double.NaN;
            c.madrsEndOfInduction[i] = Double.NaN;
        }

        RelapseTime relapse = plan.relapse(k);
        double relapseTime = Double.POSITIVE_INFINITY;
        if (relapse != null) {
            relapseTime = relapse.fromResponse()
                    ? plan.inductionWeeks() + relapse.sample(v, c.responded[i])
                    : relapse.sample(v, true);
        }
        c.relapse[i] = relapseTime;

        boolean user = plan.benzodiazepineUser(s);
        c.benzodiazepineUser[i] = user;
        BenzodiazepineCourse benzodiazepine = plan.benzodiazepine(k);
        if (benzodiazepine != null) {
            benzodiazepine.sample(v, c, i, plan.inductionWeeks());
        } else {
            c.benzodiazepineDiscontinued[i] = false;
            c.benzodiazepineRelapse[i] = Double.POSITIVE_INFINITY;
        }
        return entry;
    }
}
