package org.trialsim.scenario;

import java.util.List;

/**
 * A patient process as the scenario sees it: the block it reads under each arm (and the arm's per-stratum
 * overrides), the endpoint kinds it offers, how it behaves under the null hypothesis, and its planning figures.
 * One object per process, registered once in
 * {@code META-INF/services/org.trialsim.scenario.ProcessDefinition} and listed by {@link ProcessRegistry}; the
 * same object also carries the process's sampler (a {@code org.trialsim.cohort.SampledProcess}) and the
 * observation of its endpoints (an {@code org.trialsim.endpoint.ObservedProcess}), so a process is one unit
 * that the packages below reach through the registry without importing it. The recipe for adding one is in
 * docs/architecture.md.
 */
public interface ProcessDefinition {

    /**
     * The process's key: its block under {@code arms.<arm>} in a scenario file, its id in the registry and the
     * name of its random stream. Lower case letters and '_'.
     */
    String key();

    /** One line saying what the process models, for {@code check} and the docs. */
    String description();

    /** The process as a noun phrase in messages ("a relapse process", "a response model"). */
    default String noun() {
        return "a " + key() + " process";
    }

    /** Whether the process is simulated in this stratum (some apply only in strata with a given flag). */
    default boolean appliesTo(Stratum stratum) {
        return true;
    }

    /**
     * For a process that applies only in some strata: why it applies in none of a scenario's and what to do, to
     * complete "found a KEY process, but ...".
     */
    default String whereApplicable() {
        return "it applies in no stratum of this scenario";
    }

    /**
     * For a process that applies only in some strata: the problem of an endpoint whose population has none of
     * them, to complete "found endpoint kind K but ...".
     */
    default String notInPopulation() {
        return "no stratum of its population where the " + key() + " process applies";
    }

    /**
     * Reads the process's block of one arm in one stratum (the arm's settings with the stratum's overrides and
     * the process's template merged in; {@link #templates()}), reporting every problem through {@code settings}.
     *
     * @param settings the block, with located reading and reporting
     * @param arm what else the arm has in this stratum (which other processes), for consistency checks
     * @return the model, or {@code null} when a problem was reported
     */
    ProcessModel read(Settings settings, ArmContext arm);

    /**
     * The model that applies in every arm and stratum that gives none of its own, or {@code null} (the default:
     * a patient has the process only where the arm gives it). A process with a scenario-wide setting (dropout)
     * returns it here, and an arm's or a stratum's block overrides it.
     */
    default ProcessModel scenarioWide(Scenario scenario) {
        return null;
    }

    /**
     * Whether a cell with this model draws anything; a cell whose model draws nothing is left out of the sampling
     * plan like a cell without the process (its columns keep their defaults). By default every model is drawn.
     */
    default boolean sampled(ProcessModel model) {
        return true;
    }

    /**
     * The process's named default templates as YAML ({@code name: {key: value, ...}}), or an empty string for
     * none. The template named {@link #key()} is merged under every block of the process that a scenario gives
     * (keys the user writes win); others are for the process's reader to apply where they fit
     * ({@link Settings#withTemplate(String, String, String...)}). The original processes keep theirs in the scenario's
     * {@code defaults.yaml}; a new process ships its own here, so its defaults live with it.
     */
    default String templates() {
        return "";
    }

    /**
     * Whether the process of {@code model} runs on the induction course's clock: a response assessed at its end,
     * a relapse timed from response, a benzodiazepine course decided at its end, a hazard that changes at its end.
     * A scenario none of whose processes does has no induction unless its file gives
     * {@code schedule.induction_weeks} (a textbook design is not silently given the ketamine trial's four weeks).
     */
    default boolean usesInduction(ProcessModel model) {
        return false;
    }

    /**
     * Whether the planner names this process's instances ({@code arms.<arm>.<key>.<name>}, several per arm, for
     * example the events {@code pfs} and {@code os}), so that each endpoint of its kinds says which instance it
     * reads ({@link Endpoint#outcome()}).
     */
    default boolean namesOutcomes() {
        return false;
    }

    /** The names of the instances {@code model} gives, in file order; empty unless {@link #namesOutcomes()}. */
    default List<String> outcomes(ProcessModel model) {
        return List.of();
    }

    /**
     * Whether, for the patients of {@code model}, the loss to follow-up of an endpoint of a kind this process
     * offers depends on its outcome (a dropout hazard that reads the score): then the analysed figures of
     * {@code check} have no closed form and are left to simulation. By default not.
     */
    default boolean dropoutDependsOnOutcome(Endpoint endpoint, PatientModel model) {
        return false;
    }

    /**
     * The keys of the other processes whose draws this process's draws depend on (it reads their columns when it
     * samples, or its endpoints' observations read them): relapse from response reads response, for example. By
     * default none. A partial null scenario ({@code power.PartialNulls}) uses it to refuse a configuration in
     * which an endpoint would be null while a process it depends on keeps its effect.
     */
    default java.util.Set<String> reads() {
        return java.util.Set.of();
    }

    /**
     * {@code model} with what {@code endpoint} (of a kind this process offers) reads of this process taken from
     * {@code from}: how a partial null scenario keeps one endpoint at its alternative while the others take the
     * control arm's model ({@code power.PartialNulls}). By default the whole process model (removed if
     * {@code from} has none); a process of named instances ({@link #namesOutcomes()}) overrides it to take the
     * endpoint's {@link Endpoint#outcome()} alone, so that another endpoint's instance stays where it was.
     */
    default PatientModel withOutcomeFrom(Endpoint endpoint, PatientModel model, PatientModel from) {
        java.util.Map<String, ProcessModel> m = new java.util.LinkedHashMap<>(model.processes());
        m.put(key(), from.process(key()));
        return new PatientModel(m);
    }

    /** The endpoint kinds that read this process's columns. */
    default List<Endpoint.Kind> endpointKinds() {
        return List.of();
    }

    /**
     * What an endpoint of {@code kind} still needs from this process's model in one arm and stratum (for
     * example a remission probability), as a phrase naming the key to give; {@code null} when nothing is
     * missing. The presence of the process itself is checked by the caller ({@link Endpoint.Kind#needs()}).
     */
    default String missingFor(Endpoint.Kind kind, ProcessModel model, String armName) {
        return null;
    }

    /**
     * What an endpoint of {@code kind} reading the named instance {@code outcome} ({@code null} unless
     * {@link #namesOutcomes()}, and then present in {@code model}) still needs from this process's model, as
     * the method of the same name without {@code outcome}, which it calls by default.
     */
    default String missingFor(Endpoint.Kind kind, String outcome, ProcessModel model, String armName) {
        return missingFor(kind, model, armName);
    }

    /**
     * What an endpoint of {@code kind} reading instance {@code outcome} and assessed at {@code week} (its
     * {@code at_week}) still needs from this process's model, as a phrase naming the key to give, for a process
     * whose model decides at which weeks it can be assessed (a visit schedule); {@code null} when nothing is
     * missing, as by default.
     */
    default String missingAt(Endpoint.Kind kind, String outcome, double week, ProcessModel model, String armName) {
        return null;
    }

    /**
     * Whether endpoints of {@code kind} have repeated measures at visits up to their assessment, which a mixed
     * model for repeated measures analyses ({@link Analysis.Test#repeatedMeasures()}); by default none.
     */
    default boolean repeatedMeasures(Endpoint.Kind kind) {
        return false;
    }

    /**
     * The estimand strategies ({@link Estimand.Strategy}) an endpoint of {@code kind} may take: by default
     * {@code composite} and {@code treatment_policy} for binary kinds (the event fails the patient at the
     * assessment; the outcome is read whatever happened), none for the others. A process whose observation
     * can read the outcome at or after an event ({@code org.trialsim.endpoint.Observation#postEvent()}) offers
     * more.
     */
    default java.util.Set<Estimand.Strategy> strategies(Endpoint.Kind kind) {
        return kind.type() == Endpoint.Type.BINARY
                ? java.util.EnumSet.of(Estimand.Strategy.COMPOSITE, Estimand.Strategy.TREATMENT_POLICY,
                        Estimand.Strategy.HYPOTHETICAL)
                : java.util.EnumSet.noneOf(Estimand.Strategy.class);
    }

    /**
     * Whether an endpoint of {@code kind} can follow an intercurrent event's post-event model that changes the
     * outcome (jump to reference, a stated model); by default not.
     */
    default boolean postEventModel(Endpoint.Kind kind) {
        return false;
    }

    /**
     * What an analysis of covariance of an endpoint of {@code kind} ({@code outcome} as above) needs from this
     * process's model for its baseline covariate, as a phrase naming the key to give; {@code null} when the model
     * gives a baseline (a continuous kind whose observation has one). By default the process has none.
     */
    default String missingBaseline(Endpoint.Kind kind, String outcome, ProcessModel model, String armName) {
        return "a baseline covariate for ANCOVA, which endpoint kind " + kind + " does not have";
    }

    /**
     * The success probability of {@code endpoint} (a binary endpoint of a kind this process offers) for a
     * patient with model {@code model}, as the method of the same name that takes a kind, which it calls by
     * default; a process of named instances overrides this one to read the endpoint's
     * {@link Endpoint#outcome()}.
     */
    default double successProbability(Endpoint endpoint, PatientModel model, double induction, double week) {
        return successProbability(endpoint.kind(), model, induction, week);
    }

    /**
     * The model scaled for the null scenario of {@code endpoint}, as the method of the same name that takes a
     * kind, which it calls by default; a process of named instances overrides this one.
     */
    default PatientModel scaledForNull(Endpoint endpoint, PatientModel model, double k) {
        return scaledForNull(endpoint.kind(), model, k);
    }

    /**
     * The probability that a patient with model {@code model} succeeds on a binary endpoint of {@code kind} (one
     * this process offers), dropout and the cutoff ignored: the closed form behind {@code check}'s expectations
     * and the null scenario of a single-arm design.
     *
     * @param induction weeks of induction
     * @param week the assessment week of a milestone kind, else the end of induction
     * @throws UnsupportedOperationException if the kind is not a binary kind of this process
     */
    default double successProbability(Endpoint.Kind kind, PatientModel model, double induction, double week) {
        throw new UnsupportedOperationException("process " + key() + " gives no success probability for " + kind);
    }

    /**
     * The model with the probability that drives a binary endpoint of {@code kind} multiplied by {@code k}, so
     * that the endpoint's success probability becomes k times what it was: how a single-arm design's null
     * scenario (success probability p0) is made. Values above 1 are reported by the caller.
     *
     * @throws UnsupportedOperationException if the kind is not a binary kind of this process
     */
    default PatientModel scaledForNull(Endpoint.Kind kind, PatientModel model, double k) {
        throw new UnsupportedOperationException("process " + key() + " cannot scale " + kind + " for a null scenario");
    }

    /**
     * The model with the effect that a margin measures moved by {@code shift}, for the null scenario of a
     * non-inferiority or superiority-by-margin test of a continuous or time-to-event endpoint (binary
     * endpoints use {@link #scaledForNull(Endpoint, PatientModel, double)}): a continuous endpoint's mean plus
     * {@code shift}; a time-to-event endpoint's hazard multiplied by {@code shift}. The power engine applies it to
     * the control arm's model, so that the treatment arm sits exactly at the margin.
     *
     * @throws UnsupportedOperationException if this process cannot move the endpoint so (the scenario reader
     *     then refuses the margin)
     */
    default PatientModel shiftedForMargin(Endpoint endpoint, PatientModel model, double shift) {
        throw new UnsupportedOperationException("process " + key() + " cannot move " + endpoint.kind()
                + " to a margin");
    }

    /**
     * The first two moments {E[X], E[X^2]} of the value X of a continuous endpoint of a kind this process offers,
     * for a patient of {@code model} still in the study at the assessment (week {@code week}; induction lasts
     * {@code induction} weeks), from closed forms or quadrature ({@link PlanningFigures#analysedMoments});
     * {@code null} where the process gives none (the default).
     */
    default double[] continuousMoments(Endpoint endpoint, PatientModel model, double induction, double week) {
        return null;
    }

    /**
     * The process's section of {@code check}'s summary: planning figures of every arm and stratum from closed
     * forms (say in the heading what they ignore, such as dropout), ending with an empty line; nothing if no arm
     * has the process.
     */
    default void summary(Scenario scenario, SummaryLines out) {
    }

    /**
     * The expected value of an endpoint of {@code kind} (one this process offers) in one arm over the endpoint's
     * population, from closed forms, as {@code check} prints it ("0.500", "median 2.571 weeks from response"), or
     * {@code null} if not summarised.
     */
    default String expected(Endpoint endpoint, Arm arm, Scenario scenario) {
        return null;
    }

    /**
     * The value of a continuous or time-to-event endpoint of {@code kind} in one arm as its analysis sees it where
     * dropout and the endpoint's strategy leave the latent distribution as it is (what {@code check}'s analysed
     * line prints then): by default the {@link #expected} value; a process whose observed values differ from the
     * latent model in another way (scores set into their bounds) overrides it.
     */
    default String analysed(Endpoint endpoint, Arm arm, Scenario scenario) {
        return expected(endpoint, arm, scenario);
    }

    /** The context of an arm's block: the arm, the stratum, and which other processes the arm has there. */
    interface ArmContext {
        /** The arm's name. */
        String arm();

        /** The stratum. */
        Stratum stratum();

        /** Whether the arm has the process {@code key} in this stratum. */
        boolean has(String key);

        /** The names the arm gives under the process {@code key} in this stratum (its named instances), in order. */
        default java.util.Set<String> names(String key) {
            return java.util.Set.of();
        }
    }
}
