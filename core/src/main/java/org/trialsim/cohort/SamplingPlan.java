package org.trialsim.cohort;

import java.util.List;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Stratum;

/**
 * A scenario compiled for sampling: every process of every arm x stratum turned into a small immutable
 * object over primitive fields, the stratum and allocation distributions precomputed. Immutable and shared
 * by all threads; each thread draws cohorts through its own {@link CohortSampler} ({@link #newSampler()}).
 */
public final class SamplingPlan {

    private final Scenario scenario;
    private final int arms;
    private final int strata;
    private final double[] stratumCumulative;
    private final boolean[] benzodiazepineUser;
    private final int[] ratios;
    private final double inductionWeeks;
    private final EnrollmentProcess enrollment;
    private final DropoutTime dropout;
    /** Per arm x stratum, index {@code arm * strata + stratum}; {@code null} where the process is absent. */
    private final InductionResponse[] response;
    private final RelapseTime[] relapse;
    private final BenzodiazepineCourse[] benzodiazepine;
    /**
     * Response and remission probabilities per arm x stratum when every cell's response is a Bernoulli
     * draw (the sampler's fast path), else {@code null}.
     */
    private final double[] responseProbability;
    private final double[] remissionProbability;
    /**
     * When every cell has a relapse process (the sampler's fast path), per arm x stratum: the mask of the
     * durability draw (-1 where the durable fraction is positive, else 0), the durable fraction, the origin's
     * offset in weeks from randomization and whether all are at risk (-1) or responders only (0); else
     * {@code null}.
     */
    private final long[] durableDraw;
    private final double[] durableFraction;
    private final double[] relapseOffset;
    private final long[] relapseAtRiskAlways;
    private final CumulativeHazard[] relapseHazard;
    private final boolean cheapRelapseInverse;
    private final int[] hasBenzodiazepine;

    private SamplingPlan(Scenario scenario) {
        this.scenario = scenario;
        List<Stratum> strataList = scenario.strata();
        List<Arm> armList = scenario.arms();
        this.arms = armList.size();
        this.strata = strataList.size();
        if (arms < 1 || arms > Byte.MAX_VALUE || strata < 1 || strata > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("need 1 to 127 arms and strata: " + arms + " arms, " + strata + " strata");
        }
        stratumCumulative = new double[strata];
        benzodiazepineUser = new boolean[strata];
        double acc = 0;
        for (int s = 0; s < strata; s++) {
            acc += strataList.get(s).prevalence();
            stratumCumulative[s] = acc;
            benzodiazepineUser[s] = strataList.get(s).benzodiazepineUser();
        }
        if (Math.abs(acc - 1) > 1e-9) {
            throw new IllegalArgumentException("stratum prevalences sum to " + acc + ", not 1");
        }
        ratios = armList.stream().mapToInt(Arm::allocation).toArray();
        inductionWeeks = scenario.schedule().inductionWeeks();
        enrollment = EnrollmentProcess.of(scenario.enrollment());
        dropout = new DropoutTime(scenario.dropout(), inductionWeeks);
        response = new InductionResponse[arms * strata];
        relapse = new RelapseTime[arms * strata];
        benzodiazepine = new BenzodiazepineCourse[arms * strata];
        for (int a = 0; a < arms; a++) {
            for (int s = 0; s < strata; s++) {
                PatientModel m = armList.get(a).model(strataList.get(s).name());
                int k = a * strata + s;
                response[k] = m.response() == null ? null : InductionResponse.of(m.response());
                relapse[k] = m.relapse() == null ? null : new RelapseTime(m.relapse());
                benzodiazepine[k] = m.benzodiazepine() == null || !benzodiazepineUser[s] ? null
                        : new BenzodiazepineCourse(m.benzodiazepine());
            }
        }
        boolean bernoulli = true;
        for (InductionResponse r : response) {
            bernoulli &= r instanceof InductionResponse.Bernoulli;
        }
        responseProbability = bernoulli ? new double[arms * strata] : null;
        remissionProbability = bernoulli ? new double[arms * strata] : null;
        for (int k = 0; k < response.length && bernoulli; k++) {
            InductionResponse.Bernoulli b = (InductionResponse.Bernoulli) response[k];
            responseProbability[k] = b.response();
            remissionProbability[k] = b.remission();
        }
        boolean everyRelapse = true;
        boolean cheap = true;
        for (RelapseTime r : relapse) {
            everyRelapse &= r != null;
            cheap &= r != null && r.hazard().cheapInverse();
        }
        int cells = arms * strata;
        durableDraw = everyRelapse ? new long[cells] : null;
        durableFraction = everyRelapse ? new double[cells] : null;
        relapseOffset = everyRelapse ? new double[cells] : null;
        relapseAtRiskAlways = everyRelapse ? new long[cells] : null;
        relapseHazard = everyRelapse ? new CumulativeHazard[cells] : null;
        cheapRelapseInverse = cheap;
        hasBenzodiazepine = new int[cells];
        for (int k = 0; k < cells; k++) {
            hasBenzodiazepine[k] = benzodiazepine[k] != null ? 1 : 0;
        }
        for (int k = 0; k < cells && everyRelapse; k++) {
            durableFraction[k] = relapse[k].durableFraction();
            durableDraw[k] = durableFraction[k] > 0 ? -1L : 0L;
            relapseAtRiskAlways[k] = relapse[k].fromResponse() ? 0L : -1L;
            relapseOffset[k] = relapse[k].fromResponse() ? inductionWeeks : 0;
            relapseHazard[k] = relapse[k].hazard();
        }
        new AllocationSequence(scenario.design().randomization(), ratios, strata); // validates the blocks
    }

    /**
     * Compiles a scenario.
     *
     * @throws IllegalArgumentException if a parameter is outside its range (the parser reports these with
     *     file and line first; this is the last line of defence for scenarios built in code)
     */
    public static SamplingPlan compile(Scenario scenario) {
        return new SamplingPlan(scenario);
    }

    /** A new per-thread sampler over this plan. */
    public CohortSampler newSampler() {
        return new CohortSampler(this);
    }

    /** The scenario this plan was compiled from. */
    public Scenario scenario() {
        return scenario;
    }

    /** The enrollment process (also needed to read entry times of a prefix, see {@link EnrollmentProcess}). */
    public EnrollmentProcess enrollment() {
        return enrollment;
    }

    /** Weeks of induction. */
    public double inductionWeeks() {
        return inductionWeeks;
    }

    int arms() {
        return arms;
    }

    int strata() {
        return strata;
    }

    AllocationSequence newAllocationSequence() {
        return new AllocationSequence(scenario.design().randomization(), ratios,
                scenario.armIndex(scenario.controlArm().name()), strata);
    }

    DropoutTime dropout() {
        return dropout;
    }

    boolean benzodiazepineUser(int stratum) {
        return benzodiazepineUser[stratum];
    }

    InductionResponse response(int k) {
        return response[k];
    }

    RelapseTime relapse(int k) {
        return relapse[k];
    }

    BenzodiazepineCourse benzodiazepine(int k) {
        return benzodiazepine[k];
    }

    /** Per arm x stratum response probabilities if every cell has a Bernoulli response, else {@code null}. */
    double[] responseProbabilities() {
        return responseProbability;
    }

    /** Per arm x stratum remission probabilities, alongside {@link #responseProbabilities()}. */
    double[] remissionProbabilities() {
        return remissionProbability;
    }

    /** Whether every arm x stratum has a relapse process (then the arrays below are set). */
    boolean everyRelapse() {
        return durableDraw != null;
    }

    long[] durableDraw() {
        return durableDraw;
    }

    /**
     * Whether some arm x stratum has a durable fraction, so that its patients draw a durability uniform. When
     * none has, every masked durability draw of the sampler would leave the stream where it is and decide
     * nothing (a uniform is never below a fraction of 0), so the sampler skips it.
     */
    boolean anyDurable() {
        if (durableDraw == null) {
            return false;
        }
        for (long d : durableDraw) {
            if (d != 0) {
                return true;
            }
        }
        return false;
    }

    double[] durableFraction() {
        return durableFraction;
    }

    double[] relapseOffset() {
        return relapseOffset;
    }

    /** -1 where everyone is at risk of relapse (clock from randomization), 0 where only responders are. */
    long[] relapseAtRiskAlways() {
        return relapseAtRiskAlways;
    }

    CumulativeHazard[] relapseHazard() {
        return relapseHazard;
    }

    /** Whether every cell's relapse hazard inverts in a division (computed for all, chosen without a branch). */
    boolean cheapRelapseInverse() {
        return cheapRelapseInverse;
    }

    /** Whether any arm x stratum has the process (else the sampler writes its defaults and draws nothing). */
    boolean anyResponse() {
        return any(response);
    }

    boolean anyRelapse() {
        return any(relapse);
    }

    /** Per arm x stratum, 1 if the cell has a benzodiazepine course, else 0 (counted without a branch). */
    int[] hasBenzodiazepine() {
        return hasBenzodiazepine;
    }

    boolean anyBenzodiazepine() {
        return any(benzodiazepine);
    }

    private static boolean any(Object[] cells) {
        for (Object o : cells) {
            if (o != null) {
                return true;
            }
        }
        return false;
    }

    /** The stratum of a patient drawn by prevalence (one uniform when there are several strata). */
    int drawStratum(Variates v) {
        if (strata == 1) {
            return 0;
        }
        double u = v.uniform();
        // Counted over every boundary rather than searched: no data-dependent exit to mispredict.
        int s = 0;
        for (int j = 0; j < strata - 1; j++) {
            s += u >= stratumCumulative[j] ? 1 : 0;
        }
        return s;
    }
}
