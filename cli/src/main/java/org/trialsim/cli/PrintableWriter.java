package org.trialsim.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import org.trialsim.scenario.Printable;

/**
 * Standard output and error as the terminal gets them: every control character but line feeds and tabs is
 * written escaped ({@link Printable}), so no text trialsim echoes (a scenario's title, a value quoted in a
 * message, an argument) can send the terminal an escape sequence. One filter for everything printed, rather
 * than a call at each place that prints user text.
 */
final class PrintableWriter extends FilterWriter {

    PrintableWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (Printable.escaped(ch, true)) {
            out.write(Printable.escapeOf(ch));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (Printable.escaped(cbuf[i], true)) {
                out.write(cbuf, start, i - start);
                out.write(Printable.escapeOf(cbuf[i]));
                start = i + 1;
            }
        }
        out.write(cbuf, start, off + len - start);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        write(str.toCharArray(), off, len);
    }
}
