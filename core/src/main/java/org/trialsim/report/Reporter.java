package org.trialsim.report;

import java.io.IOException;
import java.io.OutputStream;
import org.trialsim.power.StudyResult;

/**
 * Writes one artefact of a study's result: a table, a data file or a chart. A reporter knows nothing of how
 * the result was computed; it reads only the {@link StudyResult}. The pattern follows the reporters of the
 * Caffeine cache simulator (github.com/ben-manes/caffeine, simulator module), which keep output formats
 * separate from the policies being simulated.
 */
public interface Reporter {

    /** The file name extension of the artefact, without the dot, for example {@code csv}. */
    String extension();

    /**
     * Writes the artefact. The stream is left open.
     *
     * @param result the study result
     * @param out where to write
     * @throws IOException if writing fails
     */
    void write(StudyResult result, OutputStream out) throws IOException;
}
