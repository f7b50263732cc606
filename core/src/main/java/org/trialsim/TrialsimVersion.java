package org.trialsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The trialsim version and the versions of the libraries whose behaviour determines results, read from the
 * build-time {@code version.properties}. Recorded in every result file.
 */
public final class TrialsimVersion {

    private static final Properties PROPERTIES = load();

    private TrialsimVersion() {
    }

    /** The trialsim version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return PROPERTIES.getProperty("trialsim.version", "unknown");
    }

    /** The commons-rng version the generator comes from. */
    public static String commonsRngVersion() {
        return PROPERTIES.getProperty("commons-rng.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = TrialsimVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
