package org.trialsim.scenario;

/**
 * User text made safe to show: every control character (Unicode category Cc: C0 such as ESC, DEL and C1) and
 * every bidirectional control (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) written as a visible escape
 * ({@code \e}, {@code \x7f}, {@code \u202e}), so that text from a scenario file (a title, a quoted value in a
 * message) cannot clear or rewrite a terminal, reorder what is shown, or break a CSV row or an HTML page.
 * The one escaping function of trialsim: the command line's standard output and error, the problems of a
 * scenario, CSV files and the HTML report all go through it (for HTML, escape the markup after this).
 */
public final class Printable {

    private Printable() {
    }

    /**
     * The text on one line: every control character escaped, line breaks and tabs included ({@code \n},
     * {@code \t}).
     *
     * @param text any text
     * @return the text with nothing a terminal or a CSV reader acts on
     */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * The text with its lines kept: as {@link #escape} but line feeds and tabs left as they are (for messages
     * and tables of several lines).
     *
     * @param text any text
     * @return the text with nothing a terminal acts on but line feeds and tabs
     */
    public static String escapeLines(String text) {
        return escape(text, true);
    }

    /** Whether {@code c} is shown escaped (a line feed and a tab only when {@code keepLines} is false). */
    public static boolean escaped(char c, boolean keepLines) {
        if (keepLines && (c == '\n' || c == '\t')) {
            return false;
        }
        return Character.getType(c) == Character.CONTROL || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    /** The visible escape of one character {@link #escaped} says to escape. */
    public static String escapeOf(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\u001b' -> "\\e";
            default -> c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        };
    }

    private static String escape(String text, boolean keepLines) {
        int i = 0;
        while (i < text.length() && !escaped(text.charAt(i), keepLines)) {
            i++;
        }
        if (i == text.length()) {
            return text; // the usual case: nothing to escape, nothing allocated
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(escaped(c, keepLines) ? escapeOf(c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
