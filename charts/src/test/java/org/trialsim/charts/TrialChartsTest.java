package org.trialsim.charts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.trialsim.power.PowerStudy;
import org.trialsim.report.TrialCurves;
import org.trialsim.scenario.ScenarioLibrary;
import org.w3c.dom.Document;

/** The charts of one simulated trial are images a viewer reads: a decodable PNG, a well-formed SVG with its text. */
class TrialChartsTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void chartsAreValidImages() throws Exception {
        // replicate 0 of the default built-in scenario at 60 patients: both arms have responders, relapses and
        // benzodiazepine users, so every state of the occupancy chart is drawn
        TrialCurves t = TrialCurves.of(PowerStudy.of(ScenarioLibrary.load(ScenarioLibrary.DEFAULT)).replay(0, 60));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartImage.PNG.write(TrialCharts.kaplanMeier(TrialCharts.RELAPSE_TITLE, "Weeks since end of induction",
                t.relapse(), 8, "toy"), 600, 400, png);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png.toByteArray())));
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        ChartImage.SVG.write(TrialCharts.occupancy(t.occupancy(), "toy"), 600, 400, svg);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // well-formedness only: the SVG 1.1 DTD is not fetched from the network
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.toByteArray()));
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains(TrialCharts.OCCUPANCY_TITLE), text);
        assertTrue(text.contains("ketamine: benzodiazepine-free (of users)"), text);
        assertFalse(text.contains("NaN"), text);
    }
}
