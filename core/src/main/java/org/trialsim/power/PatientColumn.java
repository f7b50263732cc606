package org.trialsim.power;

import java.util.List;

/**
 * One column of a {@link PatientListing}: a named, typed value per patient with its unit and what it means,
 * and whether it is the patient's latent (true) value, the value as the trial observes it, or the row the
 * time-to-event analysis takes. Row {@code i} is patient {@code i} of the trial. Immutable.
 */
public sealed interface PatientColumn permits PatientColumn.Numbers, PatientColumn.Flags, PatientColumn.Labels {

    /** Which view of the patient a column gives. */
    enum View {
        /**
         * As the trial observes it at the final data cutoff (events seen exactly or at the next visit, before
         * dropout and the administrative limit; assessments made or not): the columns of the classic listing.
         */
        OBSERVED,
        /**
         * As a time-to-event analysis takes it: weeks from the endpoint's origin to the event seen or the
         * last contact, the event flag, and the administrative end of follow-up.
         */
        ANALYSED,
        /** The latent trajectory the sampler drew, before observation (uncensored). */
        LATENT
    }

    /** The column's name, lower case with underscores (a CSV header). */
    String name();

    /** The unit ({@code "weeks"}, {@code "calendar week"}, {@code "MADRS points"}), empty where none. */
    String unit();

    /** The view of the patient the column gives. */
    View view();

    /** What the column holds. */
    String description();

    /** Number of patients. */
    int size();

    /** Whether patient {@code i} has a value (else it was not observed or does not apply). */
    boolean present(int i);

    /**
     * Numbers, {@code NaN} where there is no value; {@code +Infinity} is a time at which nothing happens
     * (an event that never occurs).
     *
     * @param name the name
     * @param unit the unit
     * @param view the view
     * @param description what it holds
     * @param values one per patient
     */
    record Numbers(String name, String unit, View view, String description, double[] values)
            implements PatientColumn {
        public Numbers {
            values = values.clone();
        }

        /** Patient {@code i}'s value ({@code NaN}: none). */
        public double value(int i) {
            return values[i];
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean present(int i) {
            return !Double.isNaN(values[i]);
        }
    }

    /**
     * Yes/no values, some absent.
     *
     * @param name the name
     * @param view the view
     * @param description what it holds
     * @param values one per patient (meaningful where present)
     * @param present whether each patient has a value
     */
    record Flags(String name, View view, String description, boolean[] values, boolean[] present)
            implements PatientColumn {
        public Flags {
            if (values.length != present.length) {
                throw new IllegalArgumentException(name + ": " + values.length + " values, " + present.length
                        + " presence flags");
            }
            values = values.clone();
            present = present.clone();
        }

        /** Patient {@code i}'s value (meaningful where present). */
        public boolean value(int i) {
            return values[i];
        }

        @Override
        public String unit() {
            return "";
        }

        @Override
        public boolean[] values() {
            return values.clone();
        }

        @Override
        public boolean[] present() {
            return present.clone();
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean present(int i) {
            return present[i];
        }
    }

    /**
     * Names from a fixed set (an arm, a stratum), every patient having one.
     *
     * @param name the name
     * @param view the view
     * @param description what it holds
     * @param levels the names
     * @param codes each patient's index into {@code levels}
     */
    record Labels(String name, View view, String description, List<String> levels, int[] codes)
            implements PatientColumn {
        public Labels {
            levels = List.copyOf(levels);
            codes = codes.clone();
            for (int c : codes) {
                if (c < 0 || c >= levels.size()) {
                    throw new IllegalArgumentException(name + ": code " + c + " outside 0.." + (levels.size() - 1));
                }
            }
        }

        /** Patient {@code i}'s index into {@link #levels()}. */
        public int code(int i) {
            return codes[i];
        }

        /** Patient {@code i}'s name. */
        public String label(int i) {
            return levels.get(codes[i]);
        }

        @Override
        public int[] codes() {
            return codes.clone();
        }

        @Override
        public String unit() {
            return "";
        }

        @Override
        public int size() {
            return codes.length;
        }

        @Override
        public boolean present(int i) {
            return true;
        }
    }
}
