package org.trialsim.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.power.Provenance;
import org.trialsim.scenario.Printable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small table of figures with what they are of, written as CSV or JSON the way a result is
 * ({@link CsvReport}, {@link JsonReport}): for the outputs that are not a {@code StudyResult}, the sample size a
 * search found ({@code trialsim size}) and the exact planning tables ({@code trialsim design}). The context
 * (parameters, provenance, notes) becomes {@code # key: value} lines before the CSV's header, and fields of the
 * JSON object beside its {@code rows}. A cell is a string, a whole number, a double (written as
 * {@link Double#toString(double)}, the shortest text that reads back to the same double; NaN as {@code NaN} in
 * CSV and {@code null} in JSON), a boolean, or {@code null} for none (an empty CSV field, a JSON {@code null}).
 */
public final class FigureTable {

    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * An empty table.
     *
     * @param columns the column names
     */
    public FigureTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a context entry (a parameter or a note); a key given again keeps its place and takes the new value. */
    public FigureTable with(String key, Object value) {
        context.put(key, value);
        return this;
    }

    /** Adds the provenance of simulated figures, under the keys of {@code power.csv}. */
    public FigureTable withProvenance(String scenarioName, Provenance p, List<String> warnings) {
        with("scenario", scenarioName).with("trialsim_version", p.trialsimVersion()).with("generator", p.generator())
                .with("stream_layout", p.streamLayout()).with("model", p.model())
                .with("commons_rng_version", p.commonsRngVersion()).with("seed", p.seed())
                .with("scenario_sha256", p.scenarioHash()).with("replicates", p.replicates())
                .with("partial", p.partial());
        if (!warnings.isEmpty()) {
            with("warnings", List.copyOf(warnings));
        }
        return this;
    }

    /** Adds a row, one cell per column. */
    public FigureTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    /** The table as CSV (UTF-8 text). */
    public String csv() {
        StringBuilder b = new StringBuilder();
        context.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                list.forEach(item -> b.append("# ").append(k.endsWith("s") ? k.substring(0, k.length() - 1) : k)
                        .append(": ").append(Printable.escape(String.valueOf(item).replace('\n', ' '))).append('\n'));
            } else {
                b.append("# ").append(k).append(": ").append(Printable.escape(text(v).replace('\n', ' '))).append('\n');
            }
        });
        b.append(String.join(",", columns.stream().map(CsvReport::quote).toList())).append('\n');
        for (Object[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                b.append(j == 0 ? "" : ",").append(CsvReport.quote(text(row[j])));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The table as JSON (UTF-8 bytes): the context's fields, then {@code rows}, an array of objects. */
    public byte[] json() {
        ObjectNode root = JsonReport.object();
        context.forEach((k, v) -> put(root, k, v));
        ArrayNode array = root.putArray("rows");
        for (Object[] row : rows) {
            ObjectNode o = array.addObject();
            for (int j = 0; j < row.length; j++) {
                put(o, columns.get(j), row[j]);
            }
        }
        return JsonReport.bytes(root);
    }

    /** The table in a format: CSV or JSON; the table format has no generic rendering here. */
    public byte[] bytes(ResultFormat format) {
        return switch (format) {
            case CSV -> csv().getBytes(StandardCharsets.UTF_8);
            case JSON -> json();
            case TABLE -> throw new IllegalArgumentException("a figure table is written as csv or json");
        };
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    private static void put(ObjectNode node, String key, Object v) {
        if (v == null) {
            node.putNull(key);
        } else if (v instanceof Double d) {
            JsonReport.number(node, key, d);
        } else if (v instanceof Integer i) {
            node.put(key, i);
        } else if (v instanceof Long l) {
            node.put(key, l);
        } else if (v instanceof Boolean bool) {
            node.put(key, bool);
        } else if (v instanceof List<?> list) {
            ArrayNode a = node.putArray(key);
            list.forEach(item -> a.add(String.valueOf(item)));
        } else {
            node.put(key, String.valueOf(v));
        }
    }
}
