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
        ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.LONG,
        ColumnType.STRING, ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING, ColumnType.STRING,
        ColumnType.STRING, ColumnType.STRING}; // the last three: the axes of Results.sweep()

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
                "replicates", "statistic", "endpoint", "look", "hypothesis", "arms.ketamine.response.probability", "a",
                "b"), table.columnNames());
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

    /**
     * The tidy columns say apart what {@code measure} and {@code cell} pack: statistic, endpoint, look and
     * hypothesis, and one column per sweep axis, each empty where the row has none; the former columns keep
     * their places (a reader of earlier files by position reads the same fields).
     */
    @Test
    void tidyColumnsSplitTheMeasureAndTheCell() throws Exception {
        assertTrue(CsvReport.HEADER.startsWith(CsvReport.FORMER_HEADER + ","));
        List<MeasureRow> rows = List.of(
                new MeasureRow("", 40, "power:response", Results.proportion(0.5, 100)),
                new MeasureRow("", 40, "power:any", Results.proportion(0.5, 100)),
                new MeasureRow("", 40, "type1:response", Results.proportion(0.05, 100)),
                new MeasureRow("", 40, "stop:look2", Results.proportion(0.3, 100)),
                new MeasureRow("", 40, "expected_n:null", Results.proportion(0.3, 100)),
                new MeasureRow("", 40, "power_unadjusted:benzo_free", Results.proportion(0.3, 100)));
        List<String> lines = csv(new StudyResult("t", Results.provenance(100, false), rows, List.of())).lines()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(CsvReport.HEADER, lines.get(0), "no axis column outside a sweep");
        List<String> tidy = lines.subList(1, lines.size()).stream()
                .map(l -> l.substring(l.indexOf(",100,") + 5)).toList();
        assertEquals(List.of("power,response,,alternative", "power,any,,alternative", "type1,response,,null",
                "stop,,2,alternative", "expected_n,,,null", "power_unadjusted,benzo_free,,alternative"), tidy);

        Table sweep = parse(csv(Results.sweep()));
        assertEquals("0.45", sweep.stringColumn("arms.ketamine.response.probability").get(0));
        assertEquals("", sweep.stringColumn("a").get(0), "the first cell has no axis a");
        assertEquals("1", sweep.stringColumn("a").get(2));
        assertEquals("\"x\"", sweep.stringColumn("b").get(2));
        assertEquals(sweep.rowCount(), sweep.intColumn("look").countMissing(), "no power has a look");
    }

    @Test
    void fieldsWithCommasOrQuotesAreQuoted() throws Exception {
        assertTrue(csv(Results.sweep()).contains("\n\"a=1,b=\"\"x\"\"\",90,power:benzo_free,NaN,NaN,NaN,NaN,1000,power,"
                + "benzo_free,,alternative,,1,\"\"\"x\"\"\"\n"));
        assertEquals("plain", CsvReport.quote("plain"));
        // a line break is a control character: escaped, so no field spans lines (issue #20, point 8)
        assertEquals("a\\nb", CsvReport.quote("a\nb"));
    }

    @Test
    void partialResultsAreMarked() throws Exception {
        assertTrue(csv(Results.sweep()).contains("# partial: true\n"));
    }
}
