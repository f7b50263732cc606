package org.trialsim.scenario;

import java.util.List;

/**
 * The calendar of the trial for each patient: how long induction lasts, when visits happen, how events are
 * observed and when data collection stops.
 *
 * @param inductionWeeks length of the induction course (response is assessed at its end)
 * @param visitWeeks scheduled visits in weeks from randomization, strictly increasing
 * @param observation whether an event is seen at its exact time or at the next scheduled visit
 * @param cutoff the administrative data cutoff
 */
public record Schedule(double inductionWeeks, List<Double> visitWeeks, Observation observation, Cutoff cutoff) {

    public Schedule {
        visitWeeks = List.copyOf(visitWeeks);
    }

    /** How event times are observed. */
    public enum Observation { EXACT, NEXT_VISIT }
}
