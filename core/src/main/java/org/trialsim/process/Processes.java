package org.trialsim.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Scenario;

/** Helpers the process definitions share. */
final class Processes {

    private Processes() {
    }

    /** Whether some arm x stratum's model satisfies {@code has}. */
    static boolean anyModel(Scenario s, Predicate<PatientModel> has) {
        return s.arms().stream().flatMap(a -> a.modelByStratum().values().stream()).anyMatch(has);
    }

    /**
     * The models of the endpoint's arms (treatment, and control if any) in the strata of its population.
     */
    static List<PatientModel> endpointModels(Scenario s, Endpoint e) {
        List<PatientModel> out = new ArrayList<>();
        for (String arm : e.control() == null ? List.of(e.treatment()) : List.of(e.treatment(), e.control())) {
            int a = s.armIndex(arm);
            if (a < 0) {
                throw new IllegalArgumentException("endpoint " + e.name() + ": unknown arm " + arm);
            }
            s.strata().stream().filter(st -> e.strata().isEmpty() || e.strata().contains(st.name()))
                    .forEach(st -> out.add(s.arms().get(a).model(st.name())));
        }
        return out;
    }

    /** Throws unless every model of the endpoint's arms and population satisfies {@code ok}. */
    static void requireEveryModel(Scenario s, Endpoint e, Predicate<PatientModel> ok, String what) {
        if (!endpointModels(s, e).stream().allMatch(ok)) {
            throw new IllegalArgumentException("endpoint " + e.name() + " needs " + what + " in every arm and stratum"
                    + " of its population");
        }
    }

    /**
     * A scaled probability for a null scenario: at most 1 (a rounding error above it is taken as 1), else an
     * {@link IllegalArgumentException} that the caller turns into a message naming the endpoint.
     */
    static double capped(double probability) {
        if (probability > 1 + 1e-12) {
            throw new IllegalArgumentException("needs a probability above 1 in this model");
        }
        return Math.min(probability, 1);
    }
}
