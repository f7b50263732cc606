package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import org.junit.jupiter.api.Test;

/**
 * What a study command says and returns after a Ctrl-C: a partial result is reported with its trials and exit
 * code 130; a study cancelled before its first batch has nothing to report, so nothing is written (rather than
 * a table of undefined figures). The signal path itself is tested with a real SIGINT in StudyCommandsTest.
 */
class InterruptionTest {

    private static StudyResult result(long replicates, boolean partial) {
        return new StudyResult("s", new Provenance("0", "XO_RO_SHI_RO_128_PP", "1.7", 1, "h", replicates, partial,
                "patient-level", "8 channels"), List.of(), List.of());
    }

    private static String[] status(StudyResult r) {
        StringWriter err = new StringWriter();
        int code = Interruption.exitStatus(r, new PrintWriter(err, true));
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void completeStudiesExitZeroSilently() {
        assertFalse(Interruption.nothingCompleted(result(1000, false)));
        assertEquals("0", status(result(1000, false))[0]);
        assertEquals("", status(result(1000, false))[1]);
    }

    @Test
    void partialStudiesSayHowManyTrialsTheyHold() {
        StudyResult partial = result(1500, true);
        assertFalse(Interruption.nothingCompleted(partial));
        String[] s = status(partial);
        assertEquals(Integer.toString(TrialsimCommand.EXIT_INTERRUPTED), s[0]);
        assertTrue(s[1].contains("hold the 1500 simulated trials completed, marked partial"), s[1]);
    }

    @Test
    void aStudyCancelledBeforeItsFirstBatchWritesNothing() {
        StudyResult empty = result(0, true);
        assertTrue(Interruption.nothingCompleted(empty));
        String[] s = status(empty);
        assertEquals(Integer.toString(TrialsimCommand.EXIT_INTERRUPTED), s[0]);
        assertTrue(s[1].contains("interrupted before any simulated trial completed; nothing written"), s[1]);
    }
}
