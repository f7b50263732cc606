package org.trialsim.power;

import java.util.List;

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
}
