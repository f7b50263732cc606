package org.trialsim.cohort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.random.StreamId;

/**
 * Draws cohorts of a {@link SamplingPlan}, one replicate at a time, into a reused {@link Cohort}. Holds one
 * reseedable generator per channel, the variate samplers bound to them, the allocation blocks and a scratch
 * copy of deterministic entry times: nothing is allocated per patient or per replicate.
 *
 * <p>Process at a time (column-wise): each random process is drawn for all n patients in one tight loop, in
 * patient order, from its own stream of the replicate ({@link org.trialsim.random.ReplicateStreams}): first the
 * trial's frame (stratum, allocation, enrollment), then every patient process of the plan in
 * registration order ({@link SamplingPlan#processes()}: induction response, depressive relapse, benzodiazepine
 * course, dropout, then any later process), each reading only the columns drawn before it. A process absent from the
 * whole plan draws nothing and its columns keep their defaults. Where the original processes allow it
 * ({@link SamplingPlan#fusable()}), arm, response, relapse and the benzodiazepine users' variates are drawn in
 * one fused loop, an optimisation that draws exactly what the processes' own samplers draw (the tests hold
 * the two paths to the same bits). No draw looks ahead, so the first n patients of a cohort sampled for N are bit
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
    private final boolean fuse;
    /** The frame's streams, each with the variate samplers bound to it. */
    private final ReplicateRandom stratumRng = new ReplicateRandom();
    private final Variates stratumVariates = new Variates(stratumRng);
    private final ReplicateRandom allocationRng = new ReplicateRandom();
    private final ReplicateRandom enrollmentRng = new ReplicateRandom();
    private final Variates enrollmentVariates = new Variates(enrollmentRng);
    /** One stream per process of the plan, in {@link SamplingPlan#processes()} order. */
    private final ReplicateRandom[] processRng;
    private final Variates[] processVariates;
    private final long[] processStream;
    /** Index in {@link SamplingPlan#processes()} of the first process the fused loop does not cover. */
    private final int afterFused;
    private final AllocationSequence allocation;
    /** Entry times of {@code Enrollment.Even} for a cohort of {@link #entriesFor} patients. */
    private double[] entries = new double[0];
    private int entriesFor = -1;
    /** Scratch: the responders of the current cohort as masks (-1 responder, 0 not), for the fused loop. */
    private long[] responders = new long[0];
    /** Slots in {@link #processRng} of the fused loop's processes (response, relapse, course; -1 if absent). */
    private final int responseSlot;
    private final int relapseSlot;
    private final int courseSlot;

    CohortSampler(SamplingPlan plan) {
        this(plan, true);
    }

    /**
     * A sampler that, with {@code fuse} false, draws every process with its own sampler one after the other
     * even where the fused loop would do: the same draws and results, for tests of that identity.
     */
    CohortSampler(SamplingPlan plan, boolean fuse) {
        this.fuse = fuse && plan.fusable();
        this.plan = plan;
        this.allocation = plan.newAllocationSequence();
        List<SamplingPlan.Compiled> processes = plan.processes();
        int m = processes.size();
        processRng = new ReplicateRandom[m];
        processVariates = new Variates[m];
        processStream = new long[m];
        int covered = 0;
        for (int k = 0; k < m; k++) {
            processRng[k] = new ReplicateRandom();
            processVariates[k] = new Variates(processRng[k]);
            processStream[k] = processes.get(k).stream().key();
            ProcessSampler s = processes.get(k).sampler();
            if (s == plan.response() || s == plan.relapse() || s == plan.benzodiazepine()) {
                covered = k + 1;
            }
        }
        this.afterFused = this.fuse ? covered : 0;
        this.responseSlot = slot(plan.response());
        this.relapseSlot = slot(plan.relapse());
        this.courseSlot = slot(plan.benzodiazepine());
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
        if (cohort.constantsOf != plan) {
            constants(cohort);
            cohort.constantsOf = plan;
        }
        atEntry(cohort, n, seed, replicate);
        if (fuse) {
            armResponseRelapse(cohort, n, seed, replicate);
        } else {
            allocationRng.reseed(seed, replicate, StreamId.ALLOCATION.key());
            allocation.fill(allocationRng, cohort.stratum, cohort.arm, n);
        }
        List<SamplingPlan.Compiled> processes = plan.processes();
        for (int k = afterFused; k < processes.size(); k++) {
            processRng[k].reseed(seed, replicate, processStream[k]);
            processes.get(k).sampler().sample(cohort, n, processRng[k], processVariates[k]);
        }
        cohort.size = n;
    }

    /** The streams {@link #sample} draws from (for counting draws in benchmarks), frame first. */
    List<StreamId> streams() {
        List<StreamId> out = new ArrayList<>();
        if (plan.strata() > 1) {
            out.add(StreamId.STRATUM);
        }
        out.add(StreamId.ALLOCATION);
        if (plan.enrollment().random()) {
            out.add(StreamId.ENROLLMENT);
        }
        for (SamplingPlan.Compiled c : plan.processes()) {
            out.add(c.stream());
        }
        return out;
    }

    /** The generator of stream {@code id} (its state after {@link #sample} counts the draws made). */
    ReplicateRandom generator(StreamId id) {
        if (id.equals(StreamId.STRATUM)) {
            return stratumRng;
        } else if (id.equals(StreamId.ALLOCATION)) {
            return allocationRng;
        } else if (id.equals(StreamId.ENROLLMENT)) {
            return enrollmentRng;
        }
        for (int k = 0; k < processStream.length; k++) {
            if (processStream[k] == id.key()) {
                return processRng[k];
            }
        }
        throw new IllegalArgumentException("the plan draws nothing from stream " + id.name());
    }

    /**
     * Writes, over every row of the cohort, the columns that are the same for every patient of every cohort of
     * this plan: the defaults of every process column (a process of the plan overwrites its own each cohort;
     * one absent from the plan keeps them), the stratum with one stratum, and no dropout without dropout. Once
     * per cohort and plan: the sampling of a replicate then skips them.
     */
    private void constants(Cohort c) {
        final int all = c.capacity;
        c.resetColumns();
        if (plan.strata() == 1) {
            Arrays.fill(c.stratum, 0, all, (byte) 0);
        }
        if (!plan.draws(StreamId.DROPOUT)) {
            Arrays.fill(c.dropout, 0, all, Double.POSITIVE_INFINITY);
        }
    }

    /**
     * Stratum and entry: the frame's processes that depend on nothing drawn before them, drawn in one loop
     * over the patients, each from its own stream. One loop rather than two so that the processor overlaps
     * the generators' dependency chains (each step of a generator waits for the previous one). Dropout, drawn
     * here before it could depend on the patient's arm and state, is a process of the plan since.
     */
    private void atEntry(Cohort c, int n, long seed, long replicate) {
        final boolean strata = plan.strata() > 1;
        final EnrollmentProcess enrollment = plan.enrollment();
        final boolean entries = enrollment.random();
        if (strata) {
            stratumRng.reseed(seed, replicate, StreamId.STRATUM.key());
        }
        if (entries) {
            enrollmentRng.reseed(seed, replicate, StreamId.ENROLLMENT.key());
        }
        final Variates vs = stratumVariates;
        final Variates ve = enrollmentVariates;
        final byte[] stratum = c.stratum;
        final double[] enrolled = c.enrolled;
        double previous = 0;
        for (int i = 0; i < n; i++) {
            if (strata) {
                stratum[i] = (byte) plan.drawStratum(vs);
            }
            if (entries) {
                previous = enrollment.next(ve, previous);
                enrolled[i] = previous;
            }
        }
        if (!entries) {
            // Deterministic entries depend on n alone: computed once per cohort size, then copied.
            if (entriesFor != n) {
                if (this.entries.length < n) {
                    this.entries = new double[n];
                }
                enrollment.sample(null, this.entries, n);
                entriesFor = n;
            }
            System.arraycopy(this.entries, 0, enrolled, 0, n);
        }
    }

    /**
     * Arm, then Bernoulli response and relapse (every cell has one) in one loop over the patients, each from its
     * own stream with the same draws as their samplers ({@link InductionResponse.Sampler},
     * {@link RelapseTime.Sampler}), and the benzodiazepine users' variates with them
     * ({@link BenzodiazepineCourse.Sampler}): one loop so that the processor overlaps the generators' dependency
     * chains. The arms come first, from {@link AllocationSequence#fill}, which draws them without branching on
     * the random strata; drawn here patient by patient, the question whether the patient's block is used up
     * would be a branch mispredicted about once in four patients (measured: the allocation took 40% of this
     * loop's time).
     */
    private void armResponseRelapse(Cohort c, int n, long seed, long replicate) {
        allocationRng.reseed(seed, replicate, StreamId.ALLOCATION.key());
        allocation.fill(allocationRng, c.stratum, c.arm, n);
        final InductionResponse.Sampler responseSampler = plan.response();
        final RelapseTime.Sampler relapseSampler = plan.relapse();
        final BenzodiazepineCourse.Sampler courseSampler = plan.benzodiazepine();
        // The users' benzodiazepine variates ride along: one user's per patient until all are drawn, in user
        // order, so the same draws as drawing them after (BenzodiazepineCourse.Sampler.draw).
        final boolean benzodiazepine = courseSampler != null;
        final BenzodiazepineCourse.Scratch scratch = benzodiazepine ? BenzodiazepineCourse.Scratch.of(c, n) : null;
        final int users = benzodiazepine ? courseSampler.users(c, n, scratch) : 0;
        final Variates vb = benzodiazepine ? processVariates[reseed(courseSlot, seed, replicate)] : null;
        final double[] courseUniform = benzodiazepine ? scratch.uniform : null;
        final double[] courseExponential = benzodiazepine ? scratch.exponential : null;
        final ReplicateRandom responseRng = processRng[reseed(responseSlot, seed, replicate)];
        final ReplicateRandom relapseRng = processRng[reseed(relapseSlot, seed, replicate)];
        final Variates v = processVariates[relapseSlot];
        final int strata = plan.strata();
        final double[] response = responseSampler.responseProbabilities();
        final double[] remission = responseSampler.remissionProbabilities();
        final long[] draw = relapseSampler.durableDraw;
        final double[] durable = relapseSampler.durableFraction;
        // Without a durable fraction anywhere the masked durability draw is skipped: it would not move the
        // stream (same draws), and it is a second step of the relapse stream's dependency chain per patient.
        final boolean anyDurable = relapseSampler.anyDurable;
        final double[] offset = relapseSampler.offset;
        final long[] anyTime = relapseSampler.atRiskAlways;
        final CumulativeHazard[] hazard = relapseSampler.hazard;
        final boolean cheap = relapseSampler.cheap;
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final boolean[] responded = c.booleans(InductionResponse.RESPONDED);
        final boolean[] remitted = c.booleans(InductionResponse.REMITTED);
        final double[] relapse = c.doubles(RelapseTime.TIME);
        final long[] mask = respondedMask(n);
        for (int i = 0; i < n; i++) {
            int k = arm[i] * strata + stratum[i];
            double u = responseRng.nextDouble();
            long responder = BitSelect.below(u, response[k]);
            mask[i] = responder;
            responded[i] = u < response[k];
            remitted[i] = u < remission[k];
            long notDurable = anyDurable
                    ? ~BitSelect.below(BitSelect.uniform(relapseRng.nextLong(draw[k])), durable[k]) : -1L;
            double e = v.exponential();
            long relapses = (responder | anyTime[k]) & notDurable;
            relapse[i] = cheap ? BitSelect.choose(relapses, offset[k] + hazard[k].inverse(e), Double.POSITIVE_INFINITY)
                    : relapses != 0 ? offset[k] + hazard[k].inverse(e) : Double.POSITIVE_INFINITY;
            if (i < users) {
                courseUniform[i] = vb.uniform();
                courseExponential[i] = vb.exponential();
            }
        }
        if (benzodiazepine) {
            courseSampler.courses(c, users, scratch, mask);
        }
    }

    /** Scratch: -1 for a responder, 0 otherwise, for the later columns' branch-free choices. */
    private long[] respondedMask(int n) {
        if (responders.length < n) {
            responders = new long[n];
        }
        return responders;
    }

    /** The slot of a process of the plan in {@link #processRng}, or -1 for {@code null}. */
    private int slot(ProcessSampler sampler) {
        List<SamplingPlan.Compiled> processes = plan.processes();
        for (int k = 0; k < processes.size(); k++) {
            if (sampler != null && processes.get(k).sampler() == sampler) {
                return k;
            }
        }
        return -1;
    }

    /** Positions the generator of slot {@code k} at the start of its stream for the replicate; returns k. */
    private int reseed(int k, long seed, long replicate) {
        processRng[k].reseed(seed, replicate, processStream[k]);
        return k;
    }
}
