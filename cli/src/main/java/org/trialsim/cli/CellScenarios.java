package org.trialsim.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.power.Sweep;
import org.trialsim.scenario.Scenario;

/**
 * The scenarios of a sweep's cells, each read once (the scenario's text parsed with the cell's values, {@link
 * ScenarioSource#with}) and kept: a shard reads the cells it counts, and others only where the choice of the
 * trial model needs them ({@link PowerCommand#shardPlan}); the cells read are recorded, so a test can see that a
 * shard of a large grid builds only its own.
 */
final class CellScenarios implements Sweep.ScenarioVariation {

    private final ScenarioSource source;
    private final Map<Map<String, Double>, Scenario> read = new LinkedHashMap<>();

    CellScenarios(ScenarioSource source) {
        this.source = source;
    }

    @Override
    public synchronized Scenario at(Map<String, Double> values) {
        return read.computeIfAbsent(new LinkedHashMap<>(values), source::with);
    }

    /** The cells read so far, by their values, in the order they were read. */
    synchronized List<Map<String, Double>> read() {
        return List.copyOf(read.keySet());
    }
}
