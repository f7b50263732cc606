package org.trialsim.scenario;

/**
 * The administrative data cutoff that censors everything after it.
 */
public sealed interface Cutoff permits Cutoff.FollowUp, Cutoff.Calendar, Cutoff.Events {

    /**
     * Each patient followed for a fixed time from randomization.
     *
     * @param weeks follow-up per patient
     */
    record FollowUp(double weeks) implements Cutoff {
    }

    /**
     * Data collection stops at a calendar time, in weeks since the start of recruitment (week 0).
     *
     * @param week calendar week of the cutoff
     */
    record Calendar(double week) implements Cutoff {
    }

    /**
     * Event-driven: the cutoff is the calendar time at which the target number of events of an endpoint has
     * been observed (that event included); if fewer ever occur, the last observation time.
     *
     * @param events target number of events
     * @param endpoint name of the time-to-event endpoint whose events are counted
     */
    record Events(int events, String endpoint) implements Cutoff {
    }
}
