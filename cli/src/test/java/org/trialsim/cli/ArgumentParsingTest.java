package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.trialsim.report.ResultFormat;
import picocli.CommandLine;

class ArgumentParsingTest {

    @Test
    void sampleSizeListsAreSortedWithoutDuplicates() {
        SampleSizeGrid g = SampleSizeGrid.parse("120, 40,80,40");
        assertArrayEquals(new int[] {40, 80, 120}, g.sizes());
        assertEquals(0, g.step());
    }

    @Test
    void sampleSizeRangesIncludeBothEndsWhenTheStepLandsOnThem() {
        SampleSizeGrid g = SampleSizeGrid.parse("40:200:20");
        assertArrayEquals(new int[] {40, 60, 80, 100, 120, 140, 160, 180, 200}, g.sizes());
        assertEquals(20, g.step());
        assertArrayEquals(new int[] {40, 70}, SampleSizeGrid.parse("40:99:30").sizes());
        assertArrayEquals(new int[] {50}, SampleSizeGrid.parse("50:50:1").sizes());
    }

    @Test
    void hugeRangesAreRefused() {
        assertThrows(CommandLine.TypeConversionException.class, () -> SampleSizeGrid.parse("1:2000000000:1"));
    }

    @Test
    void sweepRangesAreExactInDecimal() {
        SweepAxis a = SweepAxis.parse("arms.ketamine.response.probability=0.3:0.5:0.1");
        assertEquals("arms.ketamine.response.probability", a.key());
        // 0.3 + 0.1 + 0.1 in binary floating point is 0.5000000000000001 and would drop the end point
        assertArrayEquals(new double[] {0.3, 0.4, 0.5}, a.values());
        assertArrayEquals(new double[] {0.44, 0.3}, SweepAxis.parse("strata.users.prevalence=0.44,0.3").values());
    }

    @Test
    void sweepWithoutValuesIsRefused() {
        assertThrows(CommandLine.TypeConversionException.class, () -> SweepAxis.parse("key="));
        assertThrows(CommandLine.TypeConversionException.class, () -> SweepAxis.parse("=1,2"));
        assertThrows(CommandLine.TypeConversionException.class, () -> SweepAxis.parse("key=a,b"));
    }

    @Test
    void formatFollowsTheOutputFileName() {
        assertEquals(ResultFormat.CSV, ResultFormat.ofFileName("power.CSV", ResultFormat.TABLE));
        assertEquals(ResultFormat.JSON, ResultFormat.ofFileName("out/power.json", ResultFormat.TABLE));
        assertEquals(ResultFormat.TABLE, ResultFormat.ofFileName("power.txt", ResultFormat.CSV));
        assertEquals(ResultFormat.TABLE, ResultFormat.ofFileName("power.out", ResultFormat.TABLE));
        assertEquals(ResultFormat.JSON, new FormatOption.Converter().convert("Json"));
    }
}
