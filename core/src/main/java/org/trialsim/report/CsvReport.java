package org.trialsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Printable;

/**
 * The result as CSV in long format (RFC 4180, UTF-8): one line per sweep cell, total sample size and
 * measure, with columns {@value #HEADER}. Provenance comes first as {@code #} comment lines
 * ({@code # key: value}), which R ({@code read.csv(comment.char = "#")}), pandas ({@code comment="#"}) and
 * tablesaw skip. Numbers are written with {@link Double#toString(double)}, the shortest decimal that reads
 * back to the same double, so the file reproduces the result to the bit; an undefined figure is {@code NaN}.
 */
public final class CsvReport implements Reporter {

    /** The column header line. */
    public static final String HEADER = "cell,n_total,measure,estimate,mc_se,ci_lower,ci_upper,replicates";

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public void write(StudyResult result, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (String[] entry : provenance(result)) {
            w.write("# " + entry[0] + ": " + Printable.escape(entry[1].replace('\n', ' ')) + "\n");
        }
        w.write(HEADER + "\n");
        for (MeasureRow row : result.rows()) {
            Estimate e = row.estimate();
            w.write(quote(row.cell()) + ',' + row.nTotal() + ',' + quote(row.measure()) + ',' + e.estimate() + ','
                    + e.mcSe() + ',' + e.ciLower() + ',' + e.ciUpper() + ',' + e.replicates() + "\n");
        }
        w.flush();
    }

    /** The provenance entries as key and value pairs, in the order written. */
    static List<String[]> provenance(StudyResult result) {
        Provenance p = result.provenance();
        List<String[]> entries = new java.util.ArrayList<>(List.of(
                new String[] {"scenario", result.scenarioName()},
                new String[] {"trialsim_version", p.trialsimVersion()},
                new String[] {"generator", p.generator()},
                new String[] {"stream_layout", p.streamLayout()},
                new String[] {"model", p.model()},
                new String[] {"commons_rng_version", p.commonsRngVersion()},
                new String[] {"seed", Long.toString(p.seed())},
                new String[] {"scenario_sha256", p.scenarioHash()},
                new String[] {"replicates", Long.toString(p.replicates())},
                new String[] {"null_replicates", Long.toString(p.nullReplicates())},
                new String[] {"partial", Boolean.toString(p.partial())}));
        for (String warning : result.warnings()) {
            entries.add(new String[] {"warning", warning});
        }
        return entries;
    }

    /** Quotes a field when it holds a comma, a quote or a line break (RFC 4180, section 2). */
    static String quote(String text) {
        String field = Printable.escape(text); // no control character reaches a CSV reader or a terminal
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
