package org.trialsim.process.rescue;

import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.ProcessModel;

/**
 * Rescue medication or discontinuation of the trial treatment: the intercurrent event of ICH E9(R1) that most
 * depression trials must plan for (ICH E9(R1) addendum on estimands and sensitivity analysis, 2019, section
 * A.3.1), timed from randomization with the given hazard. Non-responders at the end of induction are often
 * the ones who need rescue, so their hazard is multiplied by {@code hazardRatioNonResponders} from the end of
 * induction on (a patient model without response has none).
 *
 * @param hazard hazard of the event from randomization, per week
 * @param hazardRatioNonResponders multiplier on the hazard after the end of induction for non-responders
 */
public record Rescue(Hazard hazard, double hazardRatioNonResponders) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "rescue";

    @Override
    public String process() {
        return KEY;
    }

    /**
     * Probability of no event by {@code week} from randomization: exp(-H(week)) for a responder (or without
     * response), exp(-[H(min(w, d)) + theta (H(w) - H(min(w, d)))]) for a non-responder, d the end of induction
     * and theta {@link #hazardRatioNonResponders}.
     */
    public double survival(double week, double inductionWeeks, boolean nonResponder) {
        double h = hazard.cumulativeHazard(week);
        if (nonResponder && week > inductionWeeks) {
            double atInduction = hazard.cumulativeHazard(inductionWeeks);
            h = atInduction + hazardRatioNonResponders * (h - atInduction);
        }
        return Math.exp(-h);
    }
}
