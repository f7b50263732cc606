package org.trialsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;
import org.trialsim.power.PerTrial;
import org.trialsim.power.StudyResult;

/**
 * The per-trial rows ({@link PerTrial.Row}) as CSV, one line per replicate, sample size, endpoint and look, after
 * the {@code # key: value} provenance lines of {@code power.csv} with {@code model: patient-level} (the rows are
 * always the patient-level trials): {@value #HEADER}. Numbers are written as {@link Double#toString(double)}
 * writes them, which reads back to the same double; undefined figures as {@code NaN}, a fixed follow-up's
 * analysis week as {@code Infinity}. Rows are written through one buffered writer as they come: a million rows
 * take a few seconds and no memory.
 */
public final class PerTrialCsv implements Consumer<PerTrial.Row> {

    /** The header line. */
    public static final String HEADER = "replicate,n_total,endpoint,look,analysis_week,patients,events,estimate_name,"
            + "estimate,se,ci_lower,ci_upper,statistic,z,p_value,decision,rejected";

    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * Starts the file: provenance lines and the header.
     *
     * @param result the study's result (its provenance; the model is recorded as {@code patient-level})
     * @param out where to write; buffered here, flushed by {@link #finish()}
     * @throws IOException if writing fails
     */
    public PerTrialCsv(StudyResult result, OutputStream out) throws IOException {
        this.out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8),
                1 << 16);
        for (String[] entry : CsvReport.provenance(result)) {
            String value = entry[0].equals("model") ? "patient-level" : entry[1];
            this.out.write("# " + entry[0] + ": " + value.replace('\n', ' ') + "\n");
        }
        this.out.write(HEADER + "\n");
    }

    @Override
    public void accept(PerTrial.Row r) {
        StringBuilder b = line;
        b.setLength(0);
        b.append(r.replicate()).append(',').append(r.nTotal()).append(',').append(CsvReport.quote(r.endpoint()))
                .append(',').append(r.look()).append(',').append(r.analysisWeek()).append(',').append(r.patients())
                .append(',').append(r.events()).append(',').append(CsvReport.quote(r.estimateName())).append(',')
                .append(r.estimate()).append(',').append(r.se()).append(',').append(r.ciLower()).append(',')
                .append(r.ciUpper()).append(',').append(r.statistic()).append(',').append(r.z()).append(',')
                .append(r.pValue()).append(',').append(r.decision()).append(',').append(r.rejected()).append('\n');
        try {
            out.append(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Flushes what is buffered.
     *
     * @throws IOException if writing fails
     */
    public void finish() throws IOException {
        out.flush();
    }
}
