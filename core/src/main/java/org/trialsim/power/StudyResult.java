package org.trialsim.power;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.trialsim.scenario.Endpoint;

/**
 * The operating characteristics of a scenario: every measure at every sample size, with provenance and any
 * warnings (for example a figure that is undefined under the scenario's assumptions).
 *
 * @param scenarioName the scenario's name
 * @param provenance how to reproduce it
 * @param rows the estimates in long format
 * @param warnings plain-language warnings for the user
 */
public record StudyResult(String scenarioName, Provenance provenance, List<MeasureRow> rows, List<String> warnings) {

    public StudyResult {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    /**
     * The estimate of a measure at a total sample size, outside a sweep (or in a sweep's cell {@code ""}).
     * For example {@code result.estimate(Measure.power(scenario.primaryEndpoint()), 120)} or
     * {@code result.estimate(Measure.of(MeasureKind.TYPE1, "response"), 120)}.
     *
     * @param measure the measure
     * @param nTotal the total sample size
     * @return the estimate, or empty if the result holds no such row
     */
    public Optional<Estimate> estimate(Measure measure, int nTotal) {
        return estimate("", measure, nTotal);
    }

    /**
     * The estimate of a measure at a total sample size in a sweep's cell.
     *
     * @param cell the cell's label ({@link MeasureRow#cell()}), empty outside sweeps
     * @param measure the measure
     * @param nTotal the total sample size
     * @return the estimate, or empty if the result holds no such row
     */
    public Optional<Estimate> estimate(String cell, Measure measure, int nTotal) {
        String text = measure.text();
        return rows.stream().filter(r -> r.nTotal() == nTotal && r.cell().equals(cell) && r.measure().equals(text))
                .map(MeasureRow::estimate).findFirst();
    }

    /**
     * The estimate of a kind of measure of an endpoint at a total sample size, outside a sweep: for example
     * {@code estimate(MeasureKind.POWER, endpoint, 120)}.
     *
     * @param kind a kind per endpoint (power, power_unadjusted, type1)
     * @param endpoint the scenario's endpoint
     * @param nTotal the total sample size
     * @return the estimate, or empty if the result holds no such row
     */
    public Optional<Estimate> estimate(MeasureKind kind, Endpoint endpoint, int nTotal) {
        return estimate(Measure.of(kind, endpoint), nTotal);
    }

    /** The rows of one measure, in every cell and at every size, in result order. */
    public List<MeasureRow> rows(Measure measure) {
        String text = measure.text();
        return rows.stream().filter(r -> r.measure().equals(text)).toList();
    }

    /** The measures the result holds, in order of first appearance. */
    public List<Measure> measures() {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(r.measure()));
        return seen.stream().map(Measure::parse).toList();
    }

    /** The total sample sizes the result holds, in order of first appearance. */
    public List<Integer> sampleSizes() {
        LinkedHashSet<Integer> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(r.nTotal()));
        return List.copyOf(seen);
    }

    /** The sweep's cells, in run order ({@code [""]} outside sweeps). */
    public List<String> cells() {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(r.cell()));
        return List.copyOf(seen);
    }
}
