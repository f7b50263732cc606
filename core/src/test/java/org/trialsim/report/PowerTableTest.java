package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerTableTest {

    @Test
    void rowsAreSampleSizesAndColumnsAreMeasuresWithTheirError() {
        String table = new PowerTable(StandardCharsets.UTF_8).render(Results.simple());
        List<String> lines = table.lines().toList();
        assertEquals("scenario    ketamine-vs-midazolam", lines.get(0));
        assertEquals("replicates  4000", lines.get(1));
        assertTrue(lines.get(2).startsWith("seed        20261121  (XO_RO_SHI_RO_128_PP, commons-rng 1.7, trialsim 0.1.0-TEST)"),
                lines.get(2));
        assertEquals("scenario    sha256:" + Results.HASH, lines.get(3));
        assertEquals("model       patient-level", lines.get(4));
        assertEquals("streams     " + Results.LAYOUT, lines.get(5));
        int head = lines.indexOf(lines.stream().filter(l -> l.contains("n_total")).findFirst().orElseThrow());
        assertTrue(lines.get(head).matches("n_total\\s+power:response\\s+power:any\\s+expected_n"), lines.get(head));
        // sqrt(0.7021 * 0.2979 / 4000) = 0.00723: three decimals; the expected n has MCSE 0.21: three decimals
        assertTrue(lines.get(head + 2).matches("\\s*80\\s+0\\.702 \u00b1 0\\.007\\s+0\\.812 \u00b1 0\\.006\\s+72\\.000 \u00b1 0\\.210"),
                lines.get(head + 2));
        assertTrue(table.contains("warning: power:benzo_free is undefined"), table);
    }

    @Test
    void columnsLineUp() {
        List<String> lines = new PowerTable(StandardCharsets.UTF_8).render(Results.simple()).lines()
                .dropWhile(l -> !l.contains("n_total")).takeWhile(l -> !l.isEmpty()).toList();
        assertEquals(4, lines.size());
        int end = lines.get(0).indexOf("power:any") + "power:any".length();
        for (String line : lines) {
            assertEquals(' ', line.charAt(end), line);
            assertTrue(line.charAt(end - 1) != ' ', line);
        }
    }

    @Test
    void wideTablesContinueInBlocksThatRepeatTheSampleSize() {
        // n_total is 7 wide, power:response 14 and power:any 13 (0.812 ± 0.006): both fit in 40, not in 35
        String fits = new PowerTable(StandardCharsets.UTF_8, 40).render(Results.simple());
        assertTrue(fits.lines().anyMatch(l -> l.matches("n_total   power:response\\s+power:any")), fits);
        String table = new PowerTable(StandardCharsets.UTF_8, 35).render(Results.simple());
        List<String> heads = table.lines().filter(l -> l.startsWith("n_total")).toList();
        assertEquals(3, heads.size(), table);
        assertTrue(heads.get(0).endsWith(" power:response") && heads.get(1).endsWith(" power:any")
                && heads.get(2).endsWith(" expected_n"), table);
        table.lines().dropWhile(l -> !l.startsWith("n_total")).takeWhile(l -> !l.startsWith("warning"))
                .forEach(l -> assertTrue(l.length() <= 35, l));
        assertEquals(3, table.lines().filter(l -> l.matches("\\s+120\\s.*")).count(), "each block has every n");
        String wide = new PowerTable(StandardCharsets.UTF_8, 200).render(Results.simple());
        assertEquals(1, wide.lines().filter(l -> l.startsWith("n_total")).count(), wide);
    }

    @Test
    void plusMinusFallsBackWhereTheCharsetCannotEncodeIt() {
        String table = new PowerTable(StandardCharsets.US_ASCII).render(Results.simple());
        assertTrue(table.contains("0.702 +- 0.007"), table);
        assertFalse(table.contains("\u00b1"));
    }

    @Test
    void sweepCellsGetOneTableEachAndPartialResultsSaySo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PowerTable(StandardCharsets.UTF_8).write(Results.sweep(), out);
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("replicates  1000  (PARTIAL"), table);
        assertTrue(table.contains("\narms.ketamine.response.probability=0.45\n"), table);
        assertTrue(table.contains("\na=1,b=\"x\"\n"), table);
        assertEquals(2, table.lines().filter(l -> l.startsWith("n_total")).count(), table);
        assertTrue(table.contains("undefined"), table);
    }

    @Test
    void decimalsGiveTheStandardErrorOneSignificantDigit() {
        assertEquals(3, PowerTable.decimals(0.006));
        assertEquals(3, PowerTable.decimals(0.0096)); // rounds to 0.010
        assertEquals(3, PowerTable.decimals(0.01));
        assertEquals(3, PowerTable.decimals(0.3));
        assertEquals(4, PowerTable.decimals(0.0004));
        assertEquals(5, PowerTable.decimals(0.00004));
        assertEquals(6, PowerTable.decimals(1e-9));
        assertEquals(3, PowerTable.decimals(0));
        assertEquals(3, PowerTable.decimals(Double.NaN));
    }
}
