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
    private final boolean fuse;
    /** One generator per channel of {@link ReplicateStreams}, each with the variate samplers bound to it. */
    private final ReplicateRandom[] streams = new ReplicateRandom[ReplicateStreams.CHANNELS];
    private final Variates[] variates = new Variates[ReplicateStreams.CHANNELS];
    private final AllocationSequence allocation;
    /** Entry times of {@code Enrollment.Even} for a cohort of {@link #entriesFor} patients. */
    private double[] entries = new double[0];
    private int entriesFor = -1;
    /** Scratch: indices of the patients with a benzodiazepine course (users), in patient order. */
    private int[] courses = new int[0];
    /** Scratch: each user's discontinuation uniform and relapse exponential, in user order. */
    private double[] courseUniform = new double[0];
    private double[] courseExponential = new double[0];
    /** Scratch: the responders of the current cohort as masks (-1 responder, 0 not). */
    private long[] responders = new long[0];

    CohortSampler(SamplingPlan plan) {
        this(plan, true);
    }

    /**
     * A sampler that, with {@code fuse} false, draws arm, response and relapse one process after the other
     * even where one loop would do: the same draws and results, for tests of that identity.
     */
    CohortSampler(SamplingPlan plan, boolean fuse) {
        this.fuse = fuse;
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
        if (cohort.constantsOf != plan) {
            constants(cohort);
            cohort.constantsOf = plan;
        }
        atEntry(cohort, n, seed, replicate);
        if (fuse && plan.responseProbabilities() != null && plan.everyRelapse()) {
            armResponseRelapse(cohort, n, seed, replicate);
        } else {
            allocation.fill(stream(ReplicateStreams.ALLOCATION, seed, replicate), cohort.stratum, cohort.arm, n);
            responses(cohort, n, seed, replicate);
            relapses(cohort, n, seed, replicate);
            if (plan.anyBenzodiazepine()) {
                int users = users(cohort, n);
                drawCourses(variates(ReplicateStreams.BENZODIAZEPINE, seed, replicate), users);
                courses(cohort, users);
            }
        }
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

    /**
     * Writes, over every row of the cohort, the columns that are the same for every patient of every cohort of
     * this plan: those of processes absent from the whole plan (their defaults), the stratum and user status
     * with one stratum, and the scores when every response is Bernoulli. Once per cohort and plan: the
     * sampling of a replicate then skips them.
     */
    private void constants(Cohort c) {
        final int all = c.capacity;
        if (plan.strata() == 1) {
            Arrays.fill(c.stratum, 0, all, (byte) 0);
            Arrays.fill(c.benzodiazepineUser, 0, all, plan.benzodiazepineUser(0));
        }
        if (!plan.dropout().random()) {
            Arrays.fill(c.dropout, 0, all, Double.POSITIVE_INFINITY);
        }
        if (!plan.anyResponse()) {
            Arrays.fill(c.responded, 0, all, false);
            Arrays.fill(c.remitted, 0, all, false);
        }
        if (!plan.anyResponse() || plan.responseProbabilities() != null) {
            Arrays.fill(c.madrsBaseline, 0, all, Double.NaN);
            Arrays.fill(c.madrsEndOfInduction, 0, all, Double.NaN);
        }
        if (!plan.anyRelapse()) {
            Arrays.fill(c.relapse, 0, all, Double.POSITIVE_INFINITY);
        }
        if (!plan.anyBenzodiazepine()) {
            Arrays.fill(c.benzodiazepineDiscontinued, 0, all, false);
            Arrays.fill(c.benzodiazepineRelapse, 0, all, Double.POSITIVE_INFINITY);
        }
    }

    /**
     * Stratum, entry and dropout: the processes that depend on nothing drawn before them, drawn in one loop
     * over the patients, each from its own stream. One loop rather than three so that the processor overlaps
     * the three generators' dependency chains (each step of a generator waits for the previous one).
     */
    private void atEntry(Cohort c, int n, long seed, long replicate) {
        final boolean strata = plan.strata() > 1;
        final EnrollmentProcess enrollment = plan.enrollment();
        final boolean entries = enrollment.random();
        final DropoutTime dropout = plan.dropout();
        final boolean dropouts = dropout.random();
        final Variates vs = strata ? variates(ReplicateStreams.STRATUM, seed, replicate) : null;
        final Variates ve = entries ? variates(ReplicateStreams.ENROLLMENT, seed, replicate) : null;
        final Variates vd = dropouts ? variates(ReplicateStreams.DROPOUT, seed, replicate) : null;
        final byte[] stratum = c.stratum;
        final boolean[] user = c.benzodiazepineUser;
        final double[] enrolled = c.enrolled;
        final double[] dropoutTime = c.dropout;
        double previous = 0;
        for (int i = 0; i < n; i++) {
            if (strata) {
                int s = plan.drawStratum(vs);
                stratum[i] = (byte) s;
                user[i] = plan.benzodiazepineUser(s);
            }
            if (entries) {
                previous = enrollment.next(ve, previous);
                enrolled[i] = previous;
            }
            if (dropouts) {
                dropoutTime[i] = dropout.next(vd);
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
     * own stream with the same draws as {@link #responses} and {@link #relapses}, and the benzodiazepine users'
     * variates with them ({@link #drawCourses}): one loop so that the processor overlaps the generators'
     * dependency chains. The arms come first, from
     * {@link AllocationSequence#fill}, which draws them without branching on the random strata; drawn here
     * patient by patient, the question whether the patient's block is used up would be a branch mispredicted
     * about once in four patients (measured: the allocation took 40% of this loop's time).
     */
    private void armResponseRelapse(Cohort c, int n, long seed, long replicate) {
        allocation.fill(stream(ReplicateStreams.ALLOCATION, seed, replicate), c.stratum, c.arm, n);
        // The users' benzodiazepine variates ride along (see drawCourses): one user's per patient until all
        // are drawn, in user order, so the same draws as drawing them after.
        final boolean benzodiazepine = plan.anyBenzodiazepine();
        final int users = benzodiazepine ? users(c, n) : 0;
        final Variates vb = benzodiazepine ? variates(ReplicateStreams.BENZODIAZEPINE, seed, replicate) : null;
        final double[] courseUniform = this.courseUniform;
        final double[] courseExponential = this.courseExponential;
        final ReplicateRandom responseRng = stream(ReplicateStreams.RESPONSE, seed, replicate);
        final Variates v = variates(ReplicateStreams.RELAPSE, seed, replicate);
        final ReplicateRandom relapseRng = streams[ReplicateStreams.RELAPSE];
        final int strata = plan.strata();
        final double[] response = plan.responseProbabilities();
        final double[] remission = plan.remissionProbabilities();
        final long[] draw = plan.durableDraw();
        final double[] durable = plan.durableFraction();
        // Without a durable fraction anywhere the masked durability draw is skipped: it would not move the
        // stream (same draws), and it is a second step of the relapse stream's dependency chain per patient.
        final boolean anyDurable = plan.anyDurable();
        final double[] offset = plan.relapseOffset();
        final long[] anyTime = plan.relapseAtRiskAlways();
        final CumulativeHazard[] hazard = plan.relapseHazard();
        final boolean cheap = plan.cheapRelapseInverse();
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final boolean[] responded = c.responded;
        final boolean[] remitted = c.remitted;
        final double[] relapse = c.relapse;
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
            courses(c, users);
        }
    }

    /** Scratch: -1 for a responder, 0 otherwise, for the later columns' branch-free choices. */
    private long[] respondedMask(int n) {
        if (responders.length < n) {
            responders = new long[n];
        }
        return responders;
    }

    private void responses(Cohort c, int n, long seed, long replicate) {
        if (!plan.anyResponse()) {
            Arrays.fill(respondedMask(n), 0, n, 0L);
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
            if (!plan.anyRelapse() && !plan.anyBenzodiazepine()) {
                // Nothing reads the response masks: the bare loop (one stratum: the cell is the arm).
                for (int i = 0; i < n; i++) {
                    int k = strata == 1 ? arm[i] : arm[i] * strata + stratum[i];
                    double u = rng.nextDouble();
                    responded[i] = u < response[k];
                    remitted[i] = u < remission[k];
                }
                return;
            }
            final long[] mask = respondedMask(n);
            for (int i = 0; i < n; i++) {
                int k = arm[i] * strata + stratum[i];
                double u = rng.nextDouble();
                long responder = BitSelect.below(u, response[k]);
                mask[i] = responder;
                responded[i] = u < response[k];
                remitted[i] = u < remission[k];
            }
            return; // the scores are constant NaN, written once
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
        final long[] mask = respondedMask(n);
        for (int i = 0; i < n; i++) {
            mask[i] = c.responded[i] ? -1L : 0L;
        }
    }

    private void relapses(Cohort c, int n, long seed, long replicate) {
        final double[] relapse = c.relapse;
        if (!plan.anyRelapse()) {
            return; // constant, written once
        }
        final Variates v = variates(ReplicateStreams.RELAPSE, seed, replicate);
        final int strata = plan.strata();
        final double induction = plan.inductionWeeks();
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final boolean[] responded = c.responded;
        if (plan.everyRelapse()) {
            // As RelapseTime.sample, without branching on the patient's (random) cell, durability or response:
            // the durability uniform is drawn under its cell's mask, the time chosen by bits. The same lines as in
            // armResponseRelapse, on purpose: moved into one shared method (a RelapseCells object, 2026-11-22)
            // they cost the ketamine sampler 20-40% (JMH, 3 alternated runs), no longer inlined in the fused loop.
            final ReplicateRandom rng = streams[ReplicateStreams.RELAPSE];
            final long[] draw = plan.durableDraw();
            final double[] durable = plan.durableFraction();
            final boolean anyDurable = plan.anyDurable(); // as in armResponseRelapse
            final double[] offset = plan.relapseOffset();
            final long[] anyTime = plan.relapseAtRiskAlways();
            final long[] mask = responders;
            final CumulativeHazard[] hazard = plan.relapseHazard();
            final boolean cheap = plan.cheapRelapseInverse();
            for (int i = 0; i < n; i++) {
                int k = arm[i] * strata + stratum[i];
                long notDurable = anyDurable
                        ? ~BitSelect.below(BitSelect.uniform(rng.nextLong(draw[k])), durable[k]) : -1L;
                double e = v.exponential();
                long atRisk = mask[i] | anyTime[k];
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

    /**
     * The benzodiazepine courses, step 1: writes every patient's defaults (no discontinuation, no relapse) and
     * lists the patients with a course (users), found without branching on their random stratum, in patient
     * order. Returns their number.
     */
    private int users(Cohort c, int n) {
        final int strata = plan.strata();
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        Arrays.fill(c.benzodiazepineDiscontinued, 0, n, false);
        Arrays.fill(c.benzodiazepineRelapse, 0, n, Double.POSITIVE_INFINITY);
        if (courses.length < n) {
            courses = new int[n];
            courseUniform = new double[n];
            courseExponential = new double[n];
        }
        final int[] index = courses;
        final int[] hasCourse = plan.hasBenzodiazepine();
        int m = 0;
        for (int i = 0; i < n; i++) {
            index[m] = i;
            m += hasCourse[arm[i] * strata + stratum[i]];
        }
        return m;
    }

    /**
     * Step 2: the variates of the first {@code users} users, a uniform then an exponential each (the exponential
     * for non-discontinuers too), in user order from the benzodiazepine channel. They depend on nothing drawn
     * before, which is why the fused loop of {@link #armResponseRelapse} draws them itself: alone, this loop
     * is one generator's dependency chain, two draws per user, and waits on it.
     */
    private void drawCourses(Variates v, int users) {
        final double[] uniform = courseUniform;
        final double[] exponential = courseExponential;
        for (int j = 0; j < users; j++) {
            uniform[j] = v.uniform();
            exponential[j] = v.exponential();
        }
    }

    /**
     * Step 3: discontinuation and relapse to benzodiazepine use of each user from its variates, its response
     * and its depressive relapse (BenzodiazepineCourse's arithmetic, small enough to be inlined here).
     */
    private void courses(Cohort c, int users) {
        final int strata = plan.strata();
        final double induction = plan.inductionWeeks();
        final byte[] arm = c.arm;
        final byte[] stratum = c.stratum;
        final int[] index = courses;
        final double[] uniform = courseUniform;
        final double[] exponential = courseExponential;
        final long[] responded = responders;
        final boolean[] discontinued = c.benzodiazepineDiscontinued;
        final double[] relapse = c.benzodiazepineRelapse;
        final double[] depressive = c.relapse;
        for (int j = 0; j < users; j++) {
            int i = index[j];
            BenzodiazepineCourse course = plan.benzodiazepine(arm[i] * strata + stratum[i]);
            long mask = responded[i];
            discontinued[i] = course.discontinued(uniform[j], mask);
            relapse[i] = course.relapse(uniform[j], exponential[j], depressive[i], induction, mask);
        }
    }
}
