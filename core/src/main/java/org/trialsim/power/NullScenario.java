package org.trialsim.power;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * The null-hypothesis version of a scenario, from which type I errors are estimated: the same design,
 * strata, enrollment, dropout, schedule, analyses and multiplicity, with no treatment effect. Every arm
 * takes the control arm's patient model in every stratum. A single-arm design (no comparative endpoint) has
 * no control: the probability that drives its endpoint (response for response and sustained response,
 * remission, or benzodiazepine discontinuation for benzodiazepine-free) is multiplied in every stratum by
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
        } else {
            for (Arm a : scenario.arms()) {
                arms.add(singleArmNull(scenario, a));
            }
        }
        return scenario.toBuilder().arms(arms).build();
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
            scenario.endpoints().stream().filter(Endpoint::comparative).forEach(e -> out.add(e.name()));
            return out;
        }
        for (Arm arm : scenario.arms()) {
            scenario.endpoints().stream()
                    .filter(e -> arm.name().equals(e.treatment()) && !Double.isNaN(e.analysis().nullValue()))
                    .findFirst().ifPresent(e -> out.add(e.name()));
        }
        return out;
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
        boolean usersOnly = kind == Endpoint.Kind.BENZODIAZEPINE_FREE;
        double week = kind == Endpoint.Kind.SUSTAINED_RESPONSE || usersOnly ? endpoint.atWeek() : induction;
        // Patients who drop out before the assessment count as failures, so the success probability is the
        // driving probability times P(no dropout by the assessment week) (dropout is independent).
        double retained = 1 - PlanningFigures.dropout(scenario.dropout(), induction, week);
        double success = PlanningFigures.average(scenario, arm,
                s -> (endpoint.strata().isEmpty() || endpoint.strata().contains(s.name()))
                        && (!usersOnly || s.benzodiazepineUser()),
                m -> retained * success(m, kind, induction, week));
        if (!(success > 0)) {
            throw new IllegalArgumentException("cannot derive the null scenario of endpoint " + endpoint.name()
                    + ": its success probability under the scenario is 0");
        }
        double k = p0 / success;
        Map<String, PatientModel> models = new LinkedHashMap<>();
        for (Map.Entry<String, PatientModel> m : arm.modelByStratum().entrySet()) {
            models.put(m.getKey(), scaled(m.getValue(), kind, k, endpoint.name(), p0));
        }
        return new Arm(arm.name(), arm.allocation(), arm.control(), models);
    }

    /** Success probability of a binary endpoint in one stratum, ignoring dropout. */
    private static double success(PatientModel m, Endpoint.Kind kind, double induction, double week) {
        return switch (kind) {
            case RESPONSE -> PlanningFigures.response(m.response());
            case REMISSION -> PlanningFigures.remission(m.response());
            case SUSTAINED_RESPONSE -> PlanningFigures.response(m.response()) * (m.relapse() == null ? 1
                    : m.relapse().survival(m.relapse().origin() == Relapse.Origin.RESPONSE ? week - induction : week));
            case BENZODIAZEPINE_FREE -> m.benzodiazepine() == null ? 0
                    : PlanningFigures.benzodiazepineFree(m, induction, week);
            default -> throw new IllegalArgumentException("a single-arm test needs a binary endpoint, not " + kind);
        };
    }

    /**
     * The model with the probability that drives the endpoint multiplied by {@code k}: response (response,
     * sustained response), remission, or benzodiazepine discontinuation. Success is linear in it, so the
     * endpoint's success probability becomes k times what it was.
     */
    private static PatientModel scaled(PatientModel m, Endpoint.Kind kind, double k, String endpoint, double p0) {
        switch (kind) {
            case RESPONSE, SUSTAINED_RESPONSE -> {
                double response = check(k * PlanningFigures.response(m.response()), endpoint, p0);
                double remission = Math.min(response, PlanningFigures.remission(m.response()));
                return new PatientModel(new ResponseModel.Probability(response, remission), m.relapse(),
                        m.benzodiazepine());
            }
            case REMISSION -> {
                double remission = check(k * PlanningFigures.remission(m.response()), endpoint, p0);
                double response = Math.max(remission, PlanningFigures.response(m.response()));
                return new PatientModel(new ResponseModel.Probability(response, remission), m.relapse(),
                        m.benzodiazepine());
            }
            default -> {
                Benzodiazepine b = m.benzodiazepine();
                if (b == null) {
                    return m;
                }
                return new PatientModel(m.response(), m.relapse(), new Benzodiazepine(
                        check(k * b.discontinuationResponders(), endpoint, p0),
                        check(k * b.discontinuationNonResponders(), endpoint, p0), b.relapse(),
                        b.hazardRatioAfterDepressiveRelapse()));
            }
        }
    }

    private static double check(double probability, String endpoint, double p0) {
        if (probability > 1 + 1e-12) {
            throw new IllegalArgumentException("cannot derive the null scenario of endpoint " + endpoint
                    + ": a success probability of p0 = " + p0 + " needs a probability above 1 in this model");
        }
        return Math.min(probability, 1);
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
