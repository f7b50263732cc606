package org.trialsim.power;

import java.util.Arrays;
import java.util.List;

/**
 * The observed data of one endpoint in one analysis of a replayed trial ({@link TrialReplay}): what the
 * endpoint's test was given, copied out of the engine's per-thread buffers. Group 1 is the endpoint's
 * experimental arm, group 0 its control; strata are indices into {@link #strata()}, the endpoint's analysis
 * strata. Rows are in patient order among the endpoint's population. Immutable.
 */
public sealed interface EndpointData permits EndpointData.Binary, EndpointData.Continuous,
        EndpointData.TimeToEvent {

    /** Names of the endpoint's analysis strata, in index order. */
    List<String> strata();

    /** Patients the analysis took, in both groups and every stratum. */
    int patients();

    /**
     * Successes and patients analysed per group and stratum (patients who dropped out before the assessment
     * count as failures).
     *
     * @param strata the analysis strata
     * @param events successes, {@code [group][stratum]}
     * @param totals patients analysed, {@code [group][stratum]}
     */
    record Binary(List<String> strata, int[][] events, int[][] totals) implements EndpointData {
        public Binary {
            strata = List.copyOf(strata);
            events = copy(events);
            totals = copy(totals);
        }

        /** Successes in a group and stratum. */
        public int events(int group, int stratum) {
            return events[group][stratum];
        }

        /** Patients analysed in a group and stratum. */
        public int total(int group, int stratum) {
            return totals[group][stratum];
        }

        /** Successes in a group over the strata. */
        public int events(int group) {
            return Arrays.stream(events[group]).sum();
        }

        /** Patients analysed in a group over the strata. */
        public int total(int group) {
            return Arrays.stream(totals[group]).sum();
        }

        @Override
        public int[][] events() {
            return copy(events);
        }

        @Override
        public int[][] totals() {
            return copy(totals);
        }

        @Override
        public int patients() {
            int total = 0;
            for (int[] g : totals) {
                for (int t : g) {
                    total += t;
                }
            }
            return total;
        }

        private static int[][] copy(int[][] a) {
            return Arrays.stream(a).map(int[]::clone).toArray(int[][]::new);
        }
    }

    /**
     * One row per completer: the value (end score minus baseline), the baseline, group and stratum.
     *
     * @param strata the analysis strata
     * @param value the values
     * @param baseline the baselines
     * @param group the groups
     * @param stratum the strata
     */
    record Continuous(List<String> strata, double[] value, double[] baseline, int[] group, int[] stratum)
            implements EndpointData {
        public Continuous {
            strata = List.copyOf(strata);
            value = value.clone();
            baseline = baseline.clone();
            group = group.clone();
            stratum = stratum.clone();
        }

        /** Number of rows. */
        public int size() {
            return value.length;
        }

        @Override
        public int patients() {
            return size();
        }

        @Override
        public double[] value() {
            return value.clone();
        }

        @Override
        public double[] baseline() {
            return baseline.clone();
        }

        @Override
        public int[] group() {
            return group.clone();
        }

        @Override
        public int[] stratum() {
            return stratum.clone();
        }
    }

    /**
     * One row per patient at risk: weeks from the endpoint's origin to the event seen or to the last contact,
     * the event flag, group and stratum.
     *
     * @param strata the analysis strata
     * @param time the times
     * @param event the event flags ({@code false}: censored)
     * @param group the groups
     * @param stratum the strata
     */
    record TimeToEvent(List<String> strata, double[] time, boolean[] event, int[] group, int[] stratum)
            implements EndpointData {
        public TimeToEvent {
            strata = List.copyOf(strata);
            time = time.clone();
            event = event.clone();
            group = group.clone();
            stratum = stratum.clone();
        }

        /** Number of rows. */
        public int size() {
            return time.length;
        }

        @Override
        public int patients() {
            return size();
        }

        /** Number of events. */
        public int events() {
            int k = 0;
            for (boolean e : event) {
                k += e ? 1 : 0;
            }
            return k;
        }

        @Override
        public double[] time() {
            return time.clone();
        }

        @Override
        public boolean[] event() {
            return event.clone();
        }

        @Override
        public int[] group() {
            return group.clone();
        }

        @Override
        public int[] stratum() {
            return stratum.clone();
        }
    }
}
