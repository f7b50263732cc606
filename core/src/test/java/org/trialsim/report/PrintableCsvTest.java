package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Printable;

/**
 * The one escaping function ({@link Printable}, issue #20, point 8) and its use in CSV: control characters and
 * bidirectional controls become visible escapes, ordinary text (accents, symbols) is untouched and not copied,
 * and a CSV field never carries a control character to its reader.
 */
class PrintableCsvTest {

    @Test
    void controlCharactersAreEscapedAndTextIsLeftAlone() {
        assertEquals("\\e[2J\\x07\\x7f\\x9b\\u202e\\u2066\\r\\n\\t", Printable.escape("\u001b[2J\u0007\u007f\u009b\u202e\u2066\r\n\t"));
        assertEquals("a\nb\tc\\e", Printable.escapeLines("a\nb\tc\u001b"));
        String ordinary = "Kétamine ≥ 0.8, µ = 1 — 日本";
        assertSame(ordinary, Printable.escape(ordinary));
    }

    @Test
    void csvFieldsAreEscapedThenQuoted() {
        assertEquals("arms.a\\e[31m=0.3", CsvReport.quote("arms.a\u001b[31m=0.3"));
        assertEquals("\"a,b\\nc\"", CsvReport.quote("a,b\nc"));
        assertEquals("plain", CsvReport.quote("plain"));
    }
}
