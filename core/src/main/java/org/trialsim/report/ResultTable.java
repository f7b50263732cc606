package org.trialsim.report;

import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The result's rows as a tablesaw {@link Table} in long format, with the CSV's columns, for analysis in
 * Java (filtering, pivoting, joining sweeps) off the simulation's hot path.
 */
public final class ResultTable {

    private ResultTable() {
    }

    /**
     * Builds the table.
     *
     * @param result the study result
     * @return a table named after the scenario with columns cell, n_total, measure, estimate, mc_se,
     *     ci_lower, ci_upper, replicates
     */
    public static Table of(StudyResult result) {
        StringColumn cell = StringColumn.create("cell");
        IntColumn nTotal = IntColumn.create("n_total");
        StringColumn measure = StringColumn.create("measure");
        DoubleColumn estimate = DoubleColumn.create("estimate");
        DoubleColumn mcSe = DoubleColumn.create("mc_se");
        DoubleColumn ciLower = DoubleColumn.create("ci_lower");
        DoubleColumn ciUpper = DoubleColumn.create("ci_upper");
        LongColumn replicates = LongColumn.create("replicates");
        for (MeasureRow row : result.rows()) {
            Estimate e = row.estimate();
            cell.append(row.cell());
            nTotal.append(row.nTotal());
            measure.append(row.measure());
            estimate.append(e.estimate());
            mcSe.append(e.mcSe());
            ciLower.append(e.ciLower());
            ciUpper.append(e.ciUpper());
            replicates.append(e.replicates());
        }
        return Table.create(result.scenarioName(), cell, nTotal, measure, estimate, mcSe, ciLower, ciUpper,
                replicates);
    }
}
