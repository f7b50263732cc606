package org.trialsim.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.trialsim.power.MeasureRow;

/**
 * The README's use from Java runs against trialsim-core alone: the typed accessor, the table and the rows of the
 * result agree, and nothing of the charts (JFreeChart, JFreeSVG and its GPL) is on a library user's classpath.
 */
class UseFromJavaTest {

    @Test
    void theExampleRunsAndItsThreeViewsAgree() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        UseFromJava.Figures f = UseFromJava.run(500, new PrintStream(text, true, StandardCharsets.UTF_8));
        MeasureRow byText = f.result().rows().stream()
                .filter(r -> r.nTotal() == 120 && r.measure().equals("power:response")).findFirst().orElseThrow();
        assertEquals(byText.estimate(), f.primaryPower());
        assertEquals(2, f.primaryRows().rowCount(), "one row per sample size");
        assertEquals(f.primaryPower().estimate(), f.primaryRows().doubleColumn("estimate").getDouble(1), 0);
        assertEquals(120, f.primaryRows().intColumn("n_total").getInt(1));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("power of response at 120: "), text.toString());
    }

    @Test
    void aLibraryUserPullsInNoChartCode() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jfree.chart.JFreeChart"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jfree.svg.SVGGraphics2D"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.trialsim.charts.HtmlReport"));
    }
}
