package org.trialsim.charts;

import java.util.ArrayList;
import java.util.List;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;

/** Study results built by hand for the chart tests (a copy of core's test helper {@code org.trialsim.report.Results}). */
final class Results {

    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    /** A layout other than the current one, so that a reporter writing the constant instead would fail. */
    static final String LAYOUT = "2 channels per replicate (TEST)";

    private Results() {
    }

    static Provenance provenance(long replicates, boolean partial) {
        return new Provenance("0.1.0-TEST", "XO_RO_SHI_RO_128_PP", "1.7", 20261121L, HASH, replicates, partial,
                "patient-level", LAYOUT);
    }

    /** A proportion estimate with its binomial standard error and a normal 95% interval. */
    static Estimate proportion(double p, long reps) {
        double se = Math.sqrt(p * (1 - p) / reps);
        return new Estimate(p, se, p - 1.959963984540054 * se, p + 1.959963984540054 * se, reps);
    }

    /** Power of two measures and the expected sample size at three sample sizes. */
    static StudyResult simple() {
        List<MeasureRow> rows = new ArrayList<>();
        int[] n = {40, 80, 120};
        double[] response = {0.4113, 0.7021, 0.8627};
        double[] any = {0.5, 0.8123, 0.9342};
        for (int i = 0; i < n.length; i++) {
            rows.add(new MeasureRow("", n[i], "power:response", proportion(response[i], 4000)));
            rows.add(new MeasureRow("", n[i], "power:any", proportion(any[i], 4000)));
            rows.add(new MeasureRow("", n[i], "expected_n", new Estimate(n[i] * 0.9, 0.21, n[i] * 0.9 - 0.41,
                    n[i] * 0.9 + 0.41, 4000)));
        }
        return new StudyResult("ketamine-vs-midazolam", provenance(4000, false), rows,
                List.of("power:benzo_free is undefined at n_total=40: no benzodiazepine users sampled"));
    }

    /** A sweep with a comma and a quote in a cell label and an undefined figure. */
    static StudyResult sweep() {
        List<MeasureRow> rows = new ArrayList<>();
        String[] cells = {"arms.ketamine.response.probability=0.45", "a=1,b=\"x\""};
        for (String cell : cells) {
            rows.add(new MeasureRow(cell, 60, "power:response", proportion(0.61, 1000)));
            rows.add(new MeasureRow(cell, 90, "power:response", proportion(0.77, 1000)));
        }
        rows.add(new MeasureRow(cells[1], 90, "power:benzo_free", new Estimate(Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 1000)));
        return new StudyResult("sweep", provenance(1000, true), rows, List.of());
    }
}
