package org.trialsim.power;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.trialsim.cohort.Cohort;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.scenario.Scenario;

/**
 * The patients of one simulated trial, column by column ({@link PatientColumn}): row {@code i} is patient
 * {@code i}, and each column is named, typed, has a unit, and is either the latent value, the value as the
 * trial observes it or the row a time-to-event analysis takes. Built in one place from the sampled cohort
 * ({@link PatientColumns}), with the observation rules of the power engine itself
 * ({@code org.trialsim.endpoint}), so a listing and an analysis never disagree. Immutable.
 *
 * @param size the number of patients
 * @param columns the columns, in listing order
 */
public record PatientListing(int size, List<PatientColumn> columns) {

    public PatientListing {
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (PatientColumn c : columns) {
            if (c.size() != size) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, not " + size);
            }
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two columns are named " + c.name());
            }
        }
    }

    /**
     * The listing of the first {@code cohort.size} patients of a cohort (sampled, or written by hand in a
     * test), observed at the scenario's final data cutoff.
     */
    public static PatientListing of(Scenario scenario, Cohort cohort) {
        int n = cohort.size;
        return PatientColumns.listing(scenario, cohort, n, DataCutoff.compile(scenario).calendarTime(cohort, n));
    }

    /** The column named {@code name}, if the listing has it. */
    public Optional<PatientColumn> find(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The column named {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public PatientColumn column(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no column " + name + " in the listing"));
    }

    /** The numbers column named {@code name}. */
    public PatientColumn.Numbers numbers(String name) {
        return as(name, PatientColumn.Numbers.class);
    }

    /** The yes/no column named {@code name}. */
    public PatientColumn.Flags flags(String name) {
        return as(name, PatientColumn.Flags.class);
    }

    /** The labels column named {@code name}. */
    public PatientColumn.Labels labels(String name) {
        return as(name, PatientColumn.Labels.class);
    }

    /** The columns of one view, in listing order. */
    public List<PatientColumn> columns(PatientColumn.View view) {
        return columns.stream().filter(c -> c.view() == view).toList();
    }

    private <T extends PatientColumn> T as(String name, Class<T> type) {
        PatientColumn c = column(name);
        if (!type.isInstance(c)) {
            throw new IllegalArgumentException("column " + name + " is not " + type.getSimpleName());
        }
        return type.cast(c);
    }
}
