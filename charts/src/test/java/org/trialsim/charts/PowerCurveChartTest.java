package org.trialsim.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class PowerCurveChartTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static byte[] write(ChartImage format, StudyResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PowerCurveChart(format, 0.8).write(result, out);
        return out.toByteArray();
    }

    @Test
    void pngIsAnImageOfTheDefaultSize() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(write(ChartImage.PNG, Results.simple())));
        assertNotNull(image);
        assertEquals(ChartImage.WIDTH, image.getWidth());
        assertEquals(ChartImage.HEIGHT, image.getHeight());
    }

    @Test
    void svgIsWellFormedXmlWithTheTitleAndLegend() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // well-formedness only: the SVG 1.1 DTD is not fetched from the network
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(write(ChartImage.SVG, Results.simple())));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        NodeList texts = svg.getElementsByTagName("text");
        List<String> content = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            content.add(texts.item(i).getTextContent());
        }
        assertTrue(content.contains("Power curve: ketamine-vs-midazolam"), content.toString());
        assertTrue(content.contains("power:response"), content.toString());
        assertTrue(content.contains("target 0.80"), content.toString());
    }

    @Test
    void subtitleTracesTheChartToItsRun() {
        StudyResult simple = Results.simple();
        // another model than the test provenance's, so a subtitle that printed a constant would fail
        Provenance p = simple.provenance();
        StudyResult result = new StudyResult(simple.scenarioName(), new Provenance(p.trialsimVersion(),
                p.generator(), p.commonsRngVersion(), p.seed(), p.scenarioHash(), p.replicates(), p.partial(),
                "count-level", p.streamLayout()), simple.rows(), simple.warnings());
        JFreeChart chart = PowerCurveChart.chart(result, 0.8);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle t) {
                texts.add(t.getText());
            }
        }
        String subtitle = texts.stream().filter(t -> t.contains("replicates")).findFirst().orElseThrow(
                () -> new AssertionError("no provenance subtitle among " + texts));
        assertEquals(PowerCurveChart.subtitle(result), subtitle);
        assertTrue(subtitle.contains("4000 replicates"), subtitle);
        assertTrue(subtitle.contains("seed 20261121"), subtitle);
        assertTrue(subtitle.contains("trialsim 0.1.0-TEST"), subtitle);
        assertTrue(subtitle.contains("count-level model"), subtitle);
        // the first 12 hex digits of Results.HASH, and not the whole hash
        assertTrue(subtitle.contains("sha256 9f86d081884c"), subtitle);
        assertFalse(subtitle.contains("9f86d081884c7"), subtitle);
        assertFalse(subtitle.contains("PARTIAL"), subtitle);
        assertTrue(PowerCurveChart.subtitle(Results.sweep()).contains("(PARTIAL: interrupted)"));
    }

    @Test
    void drawsPowerMeasuresWithTheirIntervals() {
        JFreeChart chart = PowerCurveChart.chart(Results.simple(), 0.8);
        YIntervalSeriesCollection data = (YIntervalSeriesCollection) ((XYPlot) chart.getPlot()).getDataset();
        assertEquals(2, data.getSeriesCount(), "expected_n is not a power");
        assertEquals("power:response", data.getSeriesKey(0));
        assertEquals(3, data.getItemCount(0));
        MeasureRow first = Results.simple().rows().get(0);
        assertEquals(40.0, data.getXValue(0, 0));
        assertEquals(first.estimate().estimate(), data.getYValue(0, 0));
        assertEquals(first.estimate().ciLower(), data.getStartYValue(0, 0));
        assertEquals(first.estimate().ciUpper(), data.getEndYValue(0, 0));
    }

    @Test
    void sweepsDrawOneCurvePerCellAndSkipUndefinedPoints() {
        JFreeChart chart = PowerCurveChart.chart(Results.sweep(), Double.NaN);
        YIntervalSeriesCollection data = (YIntervalSeriesCollection) ((XYPlot) chart.getPlot()).getDataset();
        assertEquals(3, data.getSeriesCount());
        assertEquals("a=1,b=\"x\"  power:benzo_free", data.getSeriesKey(2));
        assertEquals(0, data.getItemCount(2));
        assertTrue(((XYPlot) chart.getPlot()).getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND) == null);
    }

    @Test
    void unadjustedPowersAreLeftOut() {
        List<MeasureRow> rows = new ArrayList<>(Results.simple().rows());
        rows.add(new MeasureRow("", 40, "power_unadjusted:response", Results.proportion(0.45, 4000)));
        StudyResult result = new StudyResult("x", Results.provenance(4000, false), rows, List.of());
        assertEquals(List.of("power:response", "power:any"), List.copyOf(PowerCurveChart.curves(result).keySet()));
    }

    @Test
    void withoutPowerMeasuresDrawsTheProbabilities() {
        List<MeasureRow> rows = new ArrayList<>();
        rows.add(new MeasureRow("", 50, "type1:response", Results.proportion(0.05, 1000)));
        rows.add(new MeasureRow("", 50, "expected_n", new org.trialsim.power.Estimate(47, 0.1, 46.8, 47.2, 1000)));
        StudyResult result = new StudyResult("null", Results.provenance(1000, false), rows, List.of());
        var curves = PowerCurveChart.curves(result);
        assertEquals(List.of("type1:response"), List.copyOf(curves.keySet()));
    }
}
