package org.trialsim.power;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessRegistry;
import org.trialsim.scenario.Scenario;

/**
 * The null-hypothesis version of a scenario, from which type I errors are estimated: the same design,
 * strata, enrollment, dropout, schedule, analyses and multiplicity, with no treatment effect. Every arm
 * takes the control arm's patient model in every stratum. A single-arm design (no comparative endpoint) has
 * no control: the probability that drives its endpoint (whatever the process offering the endpoint's kind
 * scales, {@link ProcessDefinition#scaledForNull}: response for response, for example) is multiplied in
 * every stratum by
 * the one factor that makes the endpoint's success probability, averaged over the analysis strata and with
 * dropout before the assessment counted as failure, equal to the analysis's p0
 * ({@link PlanningFigures}; MADRS response models are replaced by their response probabilities, computed
 * without the truncation of scores).
 */
public final class NullScenario {

    private NullScenario() {
    }

    /** The null version of {@code scenario}. */
    public static Scenario of(Scenario scenario) {
        boolean comparative = scenario.endpoints().stream().anyMatch(Endpoint::comparative);
        List<Arm> arms = new ArrayList<>();
        if (comparative) {
            Arm control = scenario.controlArm();
            for (Arm a : scenario.arms()) {
                arms.add(new Arm(a.name(), a.allocation(), a.control(), control.modelByStratum()));
            }
            for (Endpoint e : scenario.endpoints()) {
                if (e.comparative() && e.analysis().hasMargin()) {
                    atMargin(scenario, e, arms);
                }
            }
        } else {
            for (Arm a : scenario.arms()) {
                arms.add(singleArmNull(scenario, a));
            }
        }
        return scenario.toBuilder().arms(arms).build();
    }

    /**
     * Moves the treatment arm of {@code endpoint} (which holds the control arm's models) to the endpoint's margin in
     * every stratum of its population, so that the type I error is simulated where it is largest, at the boundary
     * of the shifted null: a binary endpoint's success probability as analysed (dropout before the assessment
     * counted as failure) set to the control's plus the margin (risk difference), times it (risk ratio), or
     * with the control's odds times it (odds ratio), by the process's {@link ProcessDefinition#scaledForNull}
     * scaling; a continuous endpoint's mean plus the margin, a time-to-event endpoint's hazard times it
     * ({@link ProcessDefinition#shiftedForMargin}).
     */
    static void atMargin(Scenario scenario, Endpoint endpoint, List<Arm> arms) {
        int index = -1;
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).name().equals(endpoint.treatment())) {
                index = i;
            }
        }
        Arm arm = arms.get(index);
        ProcessDefinition process = ProcessRegistry.get().offering(endpoint.kind());
        double margin = endpoint.analysis().margin();
        double induction = scenario.schedule().inductionWeeks();
        double week = endpoint.kind().milestone() ? endpoint.atWeek() : induction;
        Map<String, PatientModel> models = new LinkedHashMap<>();
        for (Map.Entry<String, PatientModel> m : arm.modelByStratum().entrySet()) {
            PatientModel model = m.getValue();
            if (!endpoint.strata().isEmpty() && !endpoint.strata().contains(m.getKey())) {
                models.put(m.getKey(), model);
                continue;
            }
            try {
                models.put(m.getKey(), switch (endpoint.kind().type()) {
                    case BINARY -> {
                        double retained = 1 - PlanningFigures.dropout(PlanningFigures.dropout(scenario, model), induction,
                                week);
                        double p = retained * process.successProbability(endpoint, model, induction, week);
                        double target = switch (endpoint.analysis().test().marginScale()) {
                            case RISK_DIFFERENCE -> p + margin;
                            case RISK_RATIO -> p * margin;
                            default -> margin * p / (1 - p) / (1 + margin * p / (1 - p));
                        };
                        if (!(p > 0 && target > 0 && target < retained)) {
                            throw new IllegalArgumentException("the control's success probability " + p + " in stratum "
                                    + m.getKey() + " at the margin " + margin + " gives " + target
                                    + ", outside (0, " + retained + ")");
                        }
                        yield process.scaledForNull(endpoint, model, target / p);
                    }
                    case CONTINUOUS, TIME_TO_EVENT -> process.shiftedForMargin(endpoint, model, margin);
                });
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("cannot put endpoint " + endpoint.name() + " at its margin: "
                        + e.getMessage(), e);
            }
        }
        arms.set(index, new Arm(arm.name(), arm.allocation(), arm.control(), models));
    }

    /**
     * The endpoints whose null hypothesis holds in {@link #of}: every comparative endpoint (all arms share the
     * control's model), and in a single-arm design the one endpoint per arm whose success probability was set
     * to its p0. Type I errors of the other endpoints (and the familywise one, unless every endpoint is at its
     * null) are not type I errors at all and must not be reported as such.
     */
    public static Set<String> endpointsAtNull(Scenario scenario) {
        boolean comparative = scenario.endpoints().stream().anyMatch(Endpoint::comparative);
        Set<String> out = new LinkedHashSet<>();
        if (comparative) {
            List<Endpoint> margins = scenario.endpoints().stream().filter(e -> e.analysis().hasMargin()).toList();
            scenario.endpoints().stream().filter(Endpoint::comparative)
                    .filter(e -> margins.stream().noneMatch(m -> m != e && moves(m, e)))
                    .forEach(e -> out.add(e.name()));
            return out;
        }
        for (Arm arm : scenario.arms()) {
            scenario.endpoints().stream()
                    .filter(e -> arm.name().equals(e.treatment()) && !Double.isNaN(e.analysis().nullValue()))
                    .findFirst().ifPresent(e -> out.add(e.name()));
        }
        return out;
    }

    /**
     * Whether putting {@code margin}'s treatment arm at its margin also moves endpoint {@code other} off its null:
     * the same arm, and {@code other} reads the process (and named outcome) that was moved.
     */
    static boolean moves(Endpoint margin, Endpoint other) {
        if (!margin.treatment().equals(other.treatment())) {
            return false;
        }
        ProcessRegistry registry = ProcessRegistry.get();
        String moved = registry.offering(margin.kind()).key();
        boolean sameProcess = registry.offering(other.kind()).key().equals(moved)
                && java.util.Objects.equals(margin.outcome(), other.outcome());
        return sameProcess || other.kind().needs().contains(moved);
    }

    private static Arm singleArmNull(Scenario scenario, Arm arm) {
        Endpoint endpoint = scenario.endpoints().stream()
                .filter(e -> arm.name().equals(e.treatment()) && !Double.isNaN(e.analysis().nullValue()))
                .findFirst().orElse(null);
        if (endpoint == null) {
            return arm;
        }
        double p0 = endpoint.analysis().nullValue();
        double induction = scenario.schedule().inductionWeeks();
        Endpoint.Kind kind = endpoint.kind();
        if (kind.type() != Endpoint.Type.BINARY) {
            throw new IllegalArgumentException("a single-arm test needs a binary endpoint, not " + kind);
        }
        ProcessRegistry registry = ProcessRegistry.get();
        ProcessDefinition process = registry.offering(kind);
        List<ProcessDefinition> needed = kind.needs().stream().map(registry::process).toList();
        double week = kind.milestone() ? endpoint.atWeek() : induction;
        // Patients who drop out before the assessment count as failures, so the success probability is the
        // driving probability times P(no dropout by the assessment week) (dropout is independent).
        // With a state-dependent dropout this is the retention of a patient in no changed state (documented).
        double success = PlanningFigures.average(scenario, arm,
                s -> (endpoint.strata().isEmpty() || endpoint.strata().contains(s.name()))
                        && needed.stream().allMatch(d -> d.appliesTo(s)),
                m -> (1 - PlanningFigures.dropout(PlanningFigures.dropout(scenario, m), induction, week))
                        * process.successProbability(endpoint, m, induction, week));
        if (!(success > 0)) {
            throw new IllegalArgumentException("cannot derive the null scenario of endpoint " + endpoint.name()
                    + ": its success probability under the scenario is 0");
        }
        double k = p0 / success;
        Map<String, PatientModel> models = new LinkedHashMap<>();
        for (Map.Entry<String, PatientModel> m : arm.modelByStratum().entrySet()) {
            try {
                models.put(m.getKey(), process.scaledForNull(endpoint, m.getValue(), k));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot derive the null scenario of endpoint " + endpoint.name()
                        + ": a success probability of p0 = " + p0 + " " + e.getMessage(), e);
            }
        }
        return new Arm(arm.name(), arm.allocation(), arm.control(), models);
    }

    /**
     * The master seed of the null scenario's streams, derived from the study's seed so that the null run
     * never shares a stream with the alternative: Stafford's variant 13 of the MurmurHash3 finalizer (as in
     * SplitMix64, Steele GL, Lea D, Flood CH. OOPSLA 2014) applied to the seed plus a fixed odd constant.
     */
    public static long seed(long seed) {
        long z = seed + 0x6A09E667F3BCC909L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
