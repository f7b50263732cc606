package org.trialsim.cli;

import java.nio.charset.Charset;

/** What the command line knows of the terminal it writes to. */
final class Terminal {

    private Terminal() {
    }

    /**
     * The character set of standard output: the JDK's {@code sun.stdout.encoding} when stdout is a console,
     * else the platform default (what {@code System.out} and picocli use).
     */
    static Charset stdoutCharset() {
        String name = System.getProperty("sun.stdout.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
