package org.trialsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialsim.power.Estimate;
import org.trialsim.power.Measure;
import org.trialsim.power.MeasureKind;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import org.trialsim.power.Sweep;
import org.trialsim.scenario.Printable;

/**
 * The result as CSV in long format (RFC 4180, UTF-8): one line per sweep cell, total sample size and
 * measure, with columns {@value #HEADER}, then one column per sweep axis, named by its key path (a sweep only).
 * The first eight are the former columns, kept in place for readers of earlier files: {@code measure} packs the
 * statistic, endpoint and look ({@code power:response}, {@code stop:look2}) and {@code cell} packs the axes
 * ({@code key=value,key=value}). The tidy columns say the same apart: {@code statistic} ({@link MeasureKind#label()}),
 * {@code endpoint} (an endpoint's name, {@code any} or {@code all}; empty for a design-wide measure), {@code look}
 * (from 1; empty for none), {@code hypothesis} ({@code alternative}: the scenario as given; {@code null}: the
 * derived null scenario, for type I errors and {@code expected_n:null}; {@code partial_null}: a partial null
 * configuration, for {@code fwer_partial:<null endpoints>}), and each axis's value. Provenance comes first as {@code #} comment lines
 * ({@code # key: value}), which R ({@code read.csv(comment.char = "#")}), pandas ({@code comment="#"}) and
 * tablesaw skip. Numbers are written with {@link Double#toString(double)}, the shortest decimal that reads
 * back to the same double, so the file reproduces the result to the bit; an undefined figure is {@code NaN}.
 */
public final class CsvReport implements Reporter {

    /** The columns every result has, in order; a sweep's axes follow. */
    public static final String HEADER = "cell,n_total,measure,estimate,mc_se,ci_lower,ci_upper,replicates,statistic,"
            + "endpoint,look,hypothesis";

    /** The former columns, which the first columns of {@link #HEADER} still are. */
    public static final String FORMER_HEADER = "cell,n_total,measure,estimate,mc_se,ci_lower,ci_upper,replicates";

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
        List<String> axes = axes(result);
        StringBuilder header = new StringBuilder(HEADER);
        for (String axis : axes) {
            header.append(',').append(quote(axisColumn(axis)));
        }
        w.write(header + "\n");
        for (MeasureRow row : result.rows()) {
            Estimate e = row.estimate();
            String[] tidy = tidy(row.measure());
            StringBuilder line = new StringBuilder(128).append(quote(row.cell())).append(',').append(row.nTotal())
                    .append(',').append(quote(row.measure())).append(',').append(e.estimate()).append(',')
                    .append(e.mcSe()).append(',').append(e.ciLower()).append(',').append(e.ciUpper()).append(',')
                    .append(e.replicates());
            for (String field : tidy) {
                line.append(',').append(quote(field));
            }
            Map<String, String> cell = row.axes();
            for (String axis : axes) {
                line.append(',').append(quote(cell.getOrDefault(axis, "")));
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }

    /**
     * The tidy fields of a measure's text: statistic, endpoint, look, hypothesis; the text itself as the statistic
     * (and the rest empty) for a measure trialsim does not write, so any result can be written.
     */
    static String[] tidy(String measure) {
        try {
            Measure m = Measure.parse(measure);
            return new String[] {m.kind().label(), m.endpoint(), m.look() > 0 ? Integer.toString(m.look()) : "",
                m.kind() == MeasureKind.FWER_PARTIAL ? "partial_null" : m.underNull() ? "null" : "alternative"};
        } catch (IllegalArgumentException e) {
            return new String[] {measure, "", "", ""};
        }
    }

    /** The sweep's axes, in order of first appearance over the rows; empty outside sweeps. */
    static List<String> axes(StudyResult result) {
        Set<String> axes = new LinkedHashSet<>();
        for (String cell : result.cells()) {
            axes.addAll(Sweep.axes(cell).keySet());
        }
        return List.copyOf(axes);
    }

    /** An axis's column name: its key path, unless that is one of the fixed columns' names. */
    static String axisColumn(String axis) {
        return List.of(HEADER.split(",")).contains(axis) ? "axis." + axis : axis;
    }

    /** The provenance entries as key and value pairs, in the order written. */
    static List<String[]> provenance(StudyResult result) {
        return provenance(result.scenarioName(), result.provenance(), result.warnings());
    }

    /** The provenance entries of a scenario's figures as key and value pairs, in the order written. */
    static List<String[]> provenance(String scenarioName, Provenance p, List<String> warnings) {
        List<String[]> entries = new java.util.ArrayList<>(List.of(
                new String[] {"scenario", scenarioName},
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
        for (String warning : warnings) {
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
