package org.trialsim.scenario;

import java.util.List;

/**
 * An endpoint of the trial and the analysis that tests it. Endpoints are listed in order of priority; the
 * first is the primary endpoint.
 *
 * @param name endpoint name, unique within the scenario (used in measures such as {@code power:response})
 * @param kind what is measured
 * @param atWeek assessment time in weeks from randomization for milestone endpoints (relapse-free and
 *     benzodiazepine-free at a week); {@code NaN} where not applicable
 * @param analysis the test applied to it
 * @param treatment name of the experimental arm
 * @param control name of the control arm, or {@code null} for a single-arm analysis
 * @param strata the strata that form the analysis population; empty for all patients
 * @param outcome the named instance the endpoint reads, for a kind of a process whose instances the planner
 *     names (the event {@code pfs} of {@code arms.<arm>.events.pfs}); {@code null} for the kinds of the other
 *     processes
 * @param estimand the strategy for the intercurrent events the endpoint names ({@code strategy},
 *     {@code intercurrent_events}); {@code null}: none, the endpoint's convention of always
 */
public record Endpoint(String name, Kind kind, double atWeek, Analysis analysis, String treatment, String control,
        List<String> strata, String outcome, Estimand estimand) {

    public Endpoint {
        strata = List.copyOf(strata);
    }

    /** An endpoint without an estimand ({@code estimand} null). */
    public Endpoint(String name, Kind kind, double atWeek, Analysis analysis, String treatment, String control,
            List<String> strata, String outcome) {
        this(name, kind, atWeek, analysis, treatment, control, strata, outcome, null);
    }

    /** An endpoint of a kind whose process has no named instances ({@code outcome} null). */
    public Endpoint(String name, Kind kind, double atWeek, Analysis analysis, String treatment, String control,
            List<String> strata) {
        this(name, kind, atWeek, analysis, treatment, control, strata, null);
    }

    /** What it measures as a phrase for messages and listings: the kind, and the named outcome if any. */
    public String measured() {
        return outcome == null ? kind.name() : kind.name() + " of " + outcome;
    }

    /** Whether the endpoint compares two arms. */
    public boolean comparative() {
        return control != null;
    }

    /**
     * What an endpoint measures: a kind offered by a patient process ({@link ProcessDefinition#endpointKinds()}),
     * named in scenario files by {@link #name()}. The kinds of the original processes are constants here; a new
     * process creates its own with {@link #of}.
     */
    public static final class Kind {
        /** Binary: response at the end of induction (patients who dropped out count as non-responders). */
        public static final Kind RESPONSE = of("response", Type.BINARY, "response at the end of induction",
                false, false, "response");
        /** Binary: remission at the end of induction. */
        public static final Kind REMISSION = of("remission", Type.BINARY, "remission at the end of induction",
                false, false, "response");
        /** Continuous: change in MADRS from baseline to the end of induction (completers). */
        public static final Kind MADRS_CHANGE = of("madrs_change", Type.CONTINUOUS,
                "change in MADRS from baseline to the end of induction", false, true, "response");
        /** Time to depressive relapse (from response, or from randomization for textbook designs). */
        public static final Kind TIME_TO_RELAPSE = of("time_to_relapse", Type.TIME_TO_EVENT,
                "time to depressive relapse", false, false, "relapse");
        /** Binary: responded and relapse-free at {@code atWeek}. */
        public static final Kind SUSTAINED_RESPONSE = of("sustained_response", Type.BINARY,
                "responded and relapse-free at a week", true, false, "response", "relapse");
        /** Binary, benzodiazepine users: discontinued and not back on benzodiazepines at {@code atWeek}. */
        public static final Kind BENZODIAZEPINE_FREE = of("benzodiazepine_free", Type.BINARY,
                "discontinued benzodiazepines and not back on them at a week", true, false, "benzodiazepine");
        /** Time to relapse to benzodiazepine use among discontinuers, from the end of induction. */
        public static final Kind TIME_TO_BENZODIAZEPINE_RELAPSE = of("time_to_benzodiazepine_relapse",
                Type.TIME_TO_EVENT, "time to relapse to benzodiazepine use among discontinuers", false, false,
                "benzodiazepine");

        private final String name;
        private final Type type;
        private final String description;
        private final boolean milestone;
        private final boolean lowerIsBetter;
        private final List<String> needs;
        private final boolean afterInduction;
        private final double defaultWeek;

        private Kind(String name, Type type, String description, boolean milestone, boolean lowerIsBetter,
                List<String> needs, boolean afterInduction, double defaultWeek) {
            this.name = name;
            this.type = type;
            this.description = description;
            this.milestone = milestone;
            this.lowerIsBetter = lowerIsBetter;
            this.needs = List.copyOf(needs);
            this.afterInduction = afterInduction;
            this.defaultWeek = defaultWeek;
        }

        /**
         * A kind of endpoint.
         *
         * @param name the name in scenario files (lower case and '_')
         * @param type the data it produces
         * @param description what it measures, in a few words
         * @param milestone whether it is assessed at a week the endpoint names ({@code at_week})
         * @param lowerIsBetter whether smaller values favour the treatment (a continuous change of a symptom
         *     score)
         * @param needs the keys of the processes every patient of its population must have
         */
        public static Kind of(String name, Type type, String description, boolean milestone, boolean lowerIsBetter,
                String... needs) {
            if (!name.matches("[a-z][a-z0-9_]*") || needs.length == 0) {
                throw new IllegalArgumentException("an endpoint kind needs a lower-case name and a process: " + name);
            }
            return new Kind(name, type, description, milestone, lowerIsBetter, List.of(needs), milestone, Double.NaN);
        }

        /**
         * A kind assessed at a week the endpoint names ({@code at_week}, a milestone) at any week from
         * randomization on: unlike the ketamine milestones, which read the response at the end of induction and
         * so are assessed after it, a textbook outcome has no induction to wait for. Higher values favour the
         * treatment.
         *
         * @param defaultWeek the week when the endpoint names none, or {@code NaN} if it must name one
         * @see #of
         */
        public static Kind assessedAt(String name, Type type, String description, double defaultWeek,
                String... needs) {
            if (!name.matches("[a-z][a-z0-9_]*") || needs.length == 0 || defaultWeek < 0) {
                throw new IllegalArgumentException("an endpoint kind needs a lower-case name, a process and a default"
                        + " week >= 0 or NaN: " + name);
            }
            return new Kind(name, type, description, true, false, List.of(needs), false, defaultWeek);
        }

        /**
         * As {@link #assessedAt(String, Type, String, double, String...)}, for a continuous kind whose smaller
         * values favour the treatment (the change of a symptom score).
         */
        public static Kind assessedAtLowerIsBetter(String name, Type type, String description, double defaultWeek,
                String... needs) {
            Kind k = assessedAt(name, type, description, defaultWeek, needs);
            return new Kind(k.name(), type, description, true, true, List.of(needs), false, defaultWeek);
        }

        /** The name in scenario files, for example {@code time_to_relapse}. */
        public String name() {
            return name;
        }

        /** The data type the kind produces. */
        public Type type() {
            return type;
        }

        /** What it measures, in a few words. */
        public String description() {
            return description;
        }

        /** Whether it is assessed at a week the endpoint names ({@code at_week}). */
        public boolean milestone() {
            return milestone;
        }

        /**
         * Whether a milestone kind is assessed after induction only (its {@code at_week} at least
         * {@code schedule.induction_weeks}, by default the {@code milestone_week} of the defaults): the kinds made
         * by {@link #of}; false for those of {@link #assessedAt} and for kinds that are not milestones.
         */
        public boolean afterInduction() {
            return afterInduction;
        }

        /**
         * The assessment week of a kind made by {@link #assessedAt} when the endpoint names none ({@code NaN}:
         * it must name one); {@code NaN} for the other kinds.
         */
        public double defaultWeek() {
            return defaultWeek;
        }

        /** Whether smaller values favour the treatment. */
        public boolean lowerIsBetter() {
            return lowerIsBetter;
        }

        /** The processes every patient of the endpoint's population must have, by key. */
        public List<String> needs() {
            return needs;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Data type of an endpoint. */
    public enum Type { BINARY, CONTINUOUS, TIME_TO_EVENT }
}
