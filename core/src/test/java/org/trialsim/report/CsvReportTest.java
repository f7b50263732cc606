package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class CsvReportTest {

    private static final ColumnType[] TYPES = {ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING,
        ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.LONG};

    private static String csv(StudyResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvReport().write(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Parses with tablesaw's CSV reader (univocity underneath): an independent parser. */
    private static Table parse(String csv) {
        return Table.read().usingOptions(CsvReadOptions.builder(new StringReader(csv)).commentPrefix('#')
                .columnTypes(TYPES).build());
    }

    @Test
    void provenanceComesFirstAsCommentLines() throws Exception {
        List<String> lines = csv(Results.simple()).lines().toList();
        assertEquals(List.of(
                "# scenario: ketamine-vs-midazolam",
                "# trialsim_version: 0.1.0-TEST",
                "# generator: XO_RO_SHI_RO_128_PP",
                "# stream_layout: " + Results.LAYOUT,
                "# model: patient-level",
                "# commons_rng_version: 1.7",
                "# seed: 20261121",
                "# scenario_sha256: " + Results.HASH,
                "# replicates: 4000",
                "# null_replicates: 4000",
                "# partial: false",
                "# warning: power:benzo_free is undefined at n_total=40: no benzodiazepine users sampled",
                CsvReport.HEADER), lines.subList(0, 13));
        assertEquals(13 + Results.simple().rows().size(), lines.size());
    }

    @Test
    void parsesBackToTheSameDoublesBitForBit() throws Exception {
        StudyResult result = Results.sweep();
        Table table = parse(csv(result));
        assertEquals(List.of("cell", "n_total", "measure", "estimate", "mc_se", "ci_lower", "ci_upper",
                "replicates"), table.columnNames());
        assertEquals(result.rows().size(), table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            MeasureRow row = result.rows().get(i);
            assertEquals(row.cell(), table.stringColumn("cell").get(i));
            assertEquals(row.nTotal(), table.intColumn("n_total").getInt(i));
            assertEquals(row.measure(), table.stringColumn("measure").get(i));
            assertEquals(row.estimate().estimate(), table.doubleColumn("estimate").getDouble(i));
            assertEquals(row.estimate().mcSe(), table.doubleColumn("mc_se").getDouble(i));
            assertEquals(row.estimate().ciLower(), table.doubleColumn("ci_lower").getDouble(i));
            assertEquals(row.estimate().ciUpper(), table.doubleColumn("ci_upper").getDouble(i));
            assertEquals(row.estimate().replicates(), table.longColumn("replicates").getLong(i));
        }
    }

    @Test
    void fieldsWithCommasOrQuotesAreQuoted() throws Exception {
        assertTrue(csv(Results.sweep()).contains("\n\"a=1,b=\"\"x\"\"\",90,power:benzo_free,NaN,NaN,NaN,NaN,1000\n"));
        assertEquals("plain", CsvReport.quote("plain"));
        // a line break is a control character: escaped, so no field spans lines (issue #20, point 8)
        assertEquals("a\\nb", CsvReport.quote("a\nb"));
    }

    @Test
    void partialResultsAreMarked() throws Exception {
        assertTrue(csv(Results.sweep()).contains("# partial: true\n"));
    }
}
