package org.trialsim.process.textbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.ProcessModel;

/**
 * The events of one arm in one stratum, each named by the planner ({@code arms.<arm>.events.<name>}), each timed
 * from randomization for every patient: the time-to-event trial of the textbooks (Collett D. Modelling Survival
 * Data in Medical Research, 3rd ed. CRC 2015, chapter 10, sample size), with optional cure fraction and
 * proportional-hazards ratio.
 *
 * @param events the events by name, in file order
 */
public record Events(Map<String, Event> events) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "events";

    public Events {
        events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
    }

    @Override
    public String process() {
        return KEY;
    }

    /**
     * One event: a cure-rate mixture (Boag JW. J R Stat Soc B 1949;11:15-53) in which a fraction never has the
     * event and the rest have it with hazard {@code hazardRatio * h(t)}; with a cure fraction of 0 and a hazard
     * ratio of 1, exactly the given hazard.
     *
     * @param hazard hazard h of the event from randomization, per week
     * @param cureFraction probability of never having the event, in [0, 1)
     * @param hazardRatio multiplier on the hazard (proportional hazards), in (0, 100]
     */
    public record Event(Hazard hazard, double cureFraction, double hazardRatio) {

        /** Probability of no event by week {@code t}: c + (1 - c) exp(-HR H(t)). */
        public double survival(double t) {
            return cureFraction + (1 - cureFraction) * Math.exp(-hazardRatio * hazard.cumulativeHazard(t));
        }

        /**
         * The median time to the event: t = H^-1(ln((1 - c) / (1/2 - c)) / HR), {@code +Infinity} when the cure
         * fraction c is at least 1/2.
         */
        public double median() {
            if (cureFraction >= 0.5) {
                return Double.POSITIVE_INFINITY;
            }
            return hazard.inverseCumulativeHazard(Math.log((1 - cureFraction) / (0.5 - cureFraction)) / hazardRatio);
        }
    }
}
