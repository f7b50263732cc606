package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The typed form of a result's measures: every measure a real study writes (a group-sequential design with two
 * endpoints, run with its null scenario) parses into its kind, endpoint, look and hypothesis and back to the same
 * text; the accessors find a row by a measure and a size, and agree with looking the text up by hand.
 */
class MeasureTest {

    @Test
    void partsOfTheMeasuresTrialsimWrites() {
        assertEquals(new Measure(MeasureKind.POWER, "response", 0, false), Measure.parse("power:response"));
        assertEquals(new Measure(MeasureKind.POWER, Measure.ANY, 0, false), Measure.parse("power:any"));
        assertEquals(new Measure(MeasureKind.TYPE1, Measure.ANY, 0, true), Measure.parse("type1:any"));
        assertEquals(new Measure(MeasureKind.STOP, "", 2, false), Measure.parse("stop:look2"));
        assertEquals(new Measure(MeasureKind.FUTILITY, "", 12, false), Measure.parse("futility:look12"));
        assertEquals(new Measure(MeasureKind.EXPECTED_N, "", 0, true), Measure.parse("expected_n:null"));
        assertEquals(new Measure(MeasureKind.PET, "", 0, true), Measure.parse("pet:null"));
        assertEquals(Measure.of(MeasureKind.EARLY_SUCCESS), Measure.parse("early_success"));
        assertEquals("expected_n:null", Measure.of(MeasureKind.EXPECTED_N).underTheNull().text());
        assertEquals("type1:pfs", Measure.type1("pfs").text());
    }

    @Test
    void textThatIsNoMeasureIsRefusedWithWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Measure.parse("powr:x"));
        assertTrue(e.getMessage().contains("'powr' is none of power,"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Measure.parse("power"));
        assertThrows(IllegalArgumentException.class, () -> Measure.parse("stop:2"));
        assertThrows(IllegalArgumentException.class, () -> Measure.parse("expected_n:response"));
        assertThrows(IllegalArgumentException.class, () -> new Measure(MeasureKind.TYPE1, "x", 0, false));
    }

    @Test
    void everyMeasureOfARealStudyRoundTripsAndIsFoundByItsParts() {
        Scenario s = ScenarioParser.parse(java.nio.file.Path.of("../examples/group-sequential-binary-obf.yaml"));
        StudyResult result = PowerStudy.of(s).replicates(200).seed(3).sampleSizes(60, 120).run();
        List<Measure> measures = result.measures();
        assertTrue(measures.contains(Measure.atLook(MeasureKind.STOP, 2)), measures.toString());
        assertTrue(measures.contains(Measure.of(MeasureKind.EXPECTED_N).underTheNull()), measures.toString());
        for (MeasureRow row : result.rows()) {
            Measure m = row.toMeasure();
            assertEquals(row.measure(), m.text());
            assertEquals(Optional.of(row.estimate()), result.estimate(m, row.nTotal()));
        }
        assertEquals(List.of(60, 120), result.sampleSizes());
        assertEquals(List.of(""), result.cells());
        Endpoint primary = s.primaryEndpoint();
        Estimate byText = result.rows().stream().filter(r -> r.nTotal() == 120
                && r.measure().equals(s.primaryMeasure())).findFirst().orElseThrow().estimate();
        assertEquals(byText, result.estimate(MeasureKind.POWER, primary, 120).orElseThrow());
        assertEquals(byText, result.estimate(Measure.power(primary), 120).orElseThrow());
        assertEquals(Optional.empty(), result.estimate(Measure.power(primary), 61));
        assertEquals(2, result.rows(Measure.power(primary)).size());
    }
}
