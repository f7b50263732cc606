package org.trialsim.power;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a row of a result estimates, apart from its endpoint and look: the statistic of a {@link Measure}. Each
 * kind has the name it carries in the measure's text ({@code power} in {@code power:response}), which is also
 * the {@code statistic} column of the CSV.
 */
public enum MeasureKind {
    /** Power after multiplicity control and the sequential decision, of an endpoint or of {@code any}/{@code all}. */
    POWER("power", true, false),
    /** Power of an endpoint's own test, before multiplicity control. */
    POWER_UNADJUSTED("power_unadjusted", true, false),
    /** Type I error of an endpoint, or the familywise error ({@code any}), under the null scenario. */
    TYPE1("type1", true, false),
    /** Expected total sample size (designs that can stop early). */
    EXPECTED_N("expected_n", false, false),
    /** Probability of stopping at a look (the last look counting the trials that ran to the end). */
    STOP("stop", false, true),
    /** Probability of stopping for futility at a look. */
    FUTILITY("futility", false, true),
    /** Probability of rejecting at a look (the planning figures' stage rejections). */
    REJECT("reject", false, true),
    /** Probability of early termination (Simon and predictive-probability designs). */
    PET("pet", false, false),
    /** Probability of stopping early for efficacy (predictive-probability designs). */
    EARLY_SUCCESS("early_success", false, false),
    /**
     * The familywise error under a partial null configuration ({@link PartialNulls}): its "endpoint" is the null
     * endpoints' names joined by {@value PartialNulls#JOIN}, for example {@code fwer_partial:response+remission}.
     */
    FWER_PARTIAL("fwer_partial", true, false),
    /**
     * Multi-arm designs: the probability that an arm is selected (closed test: still in the trial at the last
     * stage; response-adaptive: the arm chosen at the end), with the arm in place of the endpoint.
     */
    SELECTED("selected", true, false),
    /** Multi-arm designs: the expected number of patients on an arm (the control too), with the arm's name. */
    ALLOCATION("allocation", true, false),
    /** Response-adaptive designs: the probability that an arm is dropped at an interim. */
    DROPPED("dropped", true, false),
    /**
     * Multi-arm designs: the familywise error under a partial null, the probability of rejecting some true null
     * hypothesis when the arms named (joined by {@code +}) are no better than the control and the others are as
     * assumed; {@code type1:any} is the one under the global null.
     */
    FWER("fwer", true, false);

    private final String label;
    private final boolean perEndpoint;
    private final boolean perLook;

    MeasureKind(String label, boolean perEndpoint, boolean perLook) {
        this.label = label;
        this.perEndpoint = perEndpoint;
        this.perLook = perLook;
    }

    /** The name in the measure's text and in the CSV's {@code statistic} column, for example {@code type1}. */
    public String label() {
        return label;
    }

    /** Whether a measure of this kind names an endpoint (or {@code any}, {@code all}). */
    public boolean perEndpoint() {
        return perEndpoint;
    }

    /**
     * Whether a measure of this kind is only ever estimated under a null scenario (the type I errors and the
     * partial nulls' familywise errors), so that its text carries no {@code :null} suffix.
     */
    public boolean nullOnly() {
        return this == TYPE1 || this == FWER_PARTIAL;
    }

    /** Whether a measure of this kind names a look. */
    public boolean perLook() {
        return perLook;
    }

    /** The kind of a label, if any. */
    public static Optional<MeasureKind> labelled(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }
}
