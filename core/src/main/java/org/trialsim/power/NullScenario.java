package org.trialsim.power;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * The null-hypothesis version of a scenario, from which type I errors are estimated: the same design,
 * strata, enrollment, dropout, schedule, analyses and multiplicity, with no treatment effect. Every arm
 * takes the control arm's patient model in every stratum; a single-arm design (no comparative endpoint) has
 * no control, so its arm's response (or remission) probability is set to the null value p0 of its
 * single-arm analysis, as in the exact size of a binomial or Simon test.
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
        return new Scenario(scenario.name(), scenario.title(), scenario.description(), scenario.design(),
                scenario.strata(), arms, scenario.enrollment(), scenario.dropout(), scenario.schedule(),
                scenario.endpoints(), scenario.multiplicity(), scenario.groupSequential(), scenario.simulation());
    }

    private static Arm singleArmNull(Scenario scenario, Arm arm) {
        Endpoint endpoint = scenario.endpoints().stream()
                .filter(e -> arm.name().equals(e.treatment()) && !Double.isNaN(e.analysis().nullValue()))
                .findFirst().orElse(null);
        if (endpoint == null) {
            return arm;
        }
        double p0 = endpoint.analysis().nullValue();
        Map<String, PatientModel> models = new LinkedHashMap<>();
        for (Map.Entry<String, PatientModel> m : arm.modelByStratum().entrySet()) {
            PatientModel pm = m.getValue();
            ResponseModel response = pm.response();
            double remission = response instanceof ResponseModel.Probability p ? p.remission() : 0;
            ResponseModel nullResponse = endpoint.kind() == Endpoint.Kind.REMISSION
                    ? new ResponseModel.Probability(Math.max(p0,
                            response instanceof ResponseModel.Probability p ? p.response() : p0), p0)
                    : new ResponseModel.Probability(p0, Math.min(remission, p0));
            models.put(m.getKey(), new PatientModel(nullResponse, pm.relapse(), pm.benzodiazepine()));
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
