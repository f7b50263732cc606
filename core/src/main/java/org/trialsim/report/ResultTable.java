package org.trialsim.report;

import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A study's result as a tablesaw {@link Table} in long format, one row per measure and sample size, with
 * columns {@code cell, n_total, measure, estimate, mc_se, ci_lower, ci_upper, replicates}, for library users
 * who filter, pivot or plot in Java. Like the reporters it only reads the result; its artefact is a table in
 * memory rather than a file.
 */
public final class ResultTable {

    private ResultTable() {
    }

    /** The rows of {@code result} as a table named after the scenario. */
    public static Table of(StudyResult result) {
        int size = result.rows().size();
        StringColumn cell = StringColumn.create("cell");
        IntColumn n = IntColumn.create("n_total");
        StringColumn measure = StringColumn.create("measure");
        DoubleColumn estimate = DoubleColumn.create("estimate", size);
        DoubleColumn se = DoubleColumn.create("mc_se", size);
        DoubleColumn lower = DoubleColumn.create("ci_lower", size);
        DoubleColumn upper = DoubleColumn.create("ci_upper", size);
        LongColumn replicates = LongColumn.create("replicates");
        int i = 0;
        for (MeasureRow r : result.rows()) {
            cell.append(r.cell());
            n.append(r.nTotal());
            measure.append(r.measure());
            estimate.set(i, r.estimate().estimate());
            se.set(i, r.estimate().mcSe());
            lower.set(i, r.estimate().ciLower());
            upper.set(i, r.estimate().ciUpper());
            replicates.append(r.estimate().replicates());
            i++;
        }
        return Table.create(result.scenarioName(), cell, n, measure, estimate, se, lower, upper, replicates);
    }
}
