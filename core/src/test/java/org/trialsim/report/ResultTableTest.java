package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import tech.tablesaw.api.Table;

/** The result as a tablesaw table: one row per result row, in order, every field in its column. */
class ResultTableTest {

    @Test
    void everyRowAndFieldIsInTheTable() {
        StudyResult r = Results.sweep();
        Table t = ResultTable.of(r);
        assertEquals("sweep", t.name());
        assertEquals(List.of("cell", "n_total", "measure", "estimate", "mc_se", "ci_lower", "ci_upper", "replicates",
                "statistic", "endpoint", "look", "hypothesis", "arms.ketamine.response.probability", "a", "b"),
                t.columnNames());
        assertEquals(0.45, t.doubleColumn("arms.ketamine.response.probability").getDouble(0), 0);
        assertEquals("\"x\"", t.stringColumn("b").get(2), "an axis that is not a number stays text");
        assertEquals(r.rows().size(), t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            MeasureRow row = r.rows().get(i);
            assertEquals(row.cell(), t.stringColumn("cell").get(i));
            assertEquals(row.nTotal(), t.intColumn("n_total").get(i));
            assertEquals(row.measure(), t.stringColumn("measure").get(i));
            // exactly, NaN included (the undefined figure of the last row)
            assertEquals(row.estimate().estimate(), t.doubleColumn("estimate").getDouble(i), 0);
            assertEquals(row.estimate().mcSe(), t.doubleColumn("mc_se").getDouble(i), 0);
            assertEquals(row.estimate().ciLower(), t.doubleColumn("ci_lower").getDouble(i), 0);
            assertEquals(row.estimate().ciUpper(), t.doubleColumn("ci_upper").getDouble(i), 0);
            assertEquals(row.estimate().replicates(), t.longColumn("replicates").get(i));
            assertEquals("power", t.stringColumn("statistic").get(i));
            assertEquals(row.toMeasure().endpoint(), t.stringColumn("endpoint").get(i));
            assertTrue(t.intColumn("look").isMissing(i));
            assertEquals("alternative", t.stringColumn("hypothesis").get(i));
        }
    }
}
