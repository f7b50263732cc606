package org.trialsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;

/**
 * The result as a plain-text table for the terminal: provenance lines, then one row per total sample size
 * and one column per measure, each figure with its Monte Carlo standard error ({@code 0.812 ± 0.006}); one
 * table per sweep cell. Every column shows enough decimals for its standard error to have a significant
 * digit (at least three), so no figure claims more precision than the simulation gives. Columns that would
 * make a line wider than the terminal continue in a further block below, each block repeating
 * {@code n_total}.
 */
public final class PowerTable implements Reporter {

    private static final int MIN_DECIMALS = 3;
    private static final int MAX_DECIMALS = 6;

    /** Default width of a line, in characters. */
    public static final int DEFAULT_WIDTH = 100;

    private static final String GAP = "   ";

    private final String plusMinus;
    private final Charset charset;
    private final int width;

    /**
     * A table written in the given character set, at most {@value #DEFAULT_WIDTH} characters wide.
     *
     * @param charset the character set of the terminal or file
     */
    public PowerTable(Charset charset) {
        this(charset, DEFAULT_WIDTH);
    }

    /**
     * A table written in the given character set; the plus-minus sign falls back to {@code +-} where the
     * character set cannot encode it (for example a terminal in the POSIX locale).
     *
     * @param charset the character set of the terminal or file
     * @param width the widest line wanted; a single column wider than this is still printed whole
     */
    public PowerTable(Charset charset, int width) {
        this.charset = charset;
        this.plusMinus = charset.newEncoder().canEncode('\u00b1') ? "\u00b1" : "+-";
        this.width = width;
    }

    @Override
    public String extension() {
        return "txt";
    }

    @Override
    public void write(StudyResult result, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, charset));
        w.print(render(result));
        w.flush();
        if (w.checkError()) {
            throw new IOException("could not write the power table");
        }
    }

    /**
     * Renders the table.
     *
     * @param result the study result
     * @return the table, lines ending in a newline
     */
    public String render(StudyResult result) {
        StringBuilder sb = new StringBuilder();
        header(result, sb);
        Map<String, List<MeasureRow>> byCell = new LinkedHashMap<>();
        for (MeasureRow row : result.rows()) {
            byCell.computeIfAbsent(row.cell(), k -> new ArrayList<>()).add(row);
        }
        if (byCell.isEmpty()) {
            sb.append('\n').append("(no results)").append('\n');
        }
        for (Map.Entry<String, List<MeasureRow>> e : byCell.entrySet()) {
            sb.append('\n');
            if (!e.getKey().isEmpty()) {
                sb.append(e.getKey()).append('\n');
            }
            table(e.getValue(), sb);
        }
        for (String warning : result.warnings()) {
            sb.append('\n').append("warning: ").append(warning);
        }
        if (!result.warnings().isEmpty()) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void header(StudyResult result, StringBuilder sb) {
        sb.append(provenance(result.scenarioName(), result.provenance()));
    }

    /**
     * The provenance lines that head the table (scenario, replicates, seed with generator and versions,
     * scenario hash, model, stream layout), for other terminal output that must carry the same, such as
     * {@code trialsim size}: one formatter keeps the two from drifting apart.
     *
     * @param scenarioName the scenario's name
     * @param p the provenance
     * @return the lines, each ending in a newline
     */
    public static String provenance(String scenarioName, Provenance p) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario    ").append(scenarioName).append('\n');
        sb.append("replicates  ").append(p.replicates());
        if (p.nullReplicates() > 0 && p.nullReplicates() != p.replicates()) {
            sb.append("  (type I errors from the first ").append(p.nullReplicates()).append(')');
        }
        if (p.partial()) {
            sb.append("  (PARTIAL: the study was interrupted before it completed)");
        }
        sb.append('\n');
        sb.append("seed        ").append(p.seed()).append("  (").append(p.generator()).append(", commons-rng ")
                .append(p.commonsRngVersion()).append(", trialsim ").append(p.trialsimVersion()).append(")\n");
        sb.append("scenario    sha256:").append(p.scenarioHash()).append('\n');
        sb.append("model       ").append(p.model()).append('\n');
        sb.append("streams     ").append(p.streamLayout()).append('\n');
        return sb.toString();
    }

    private void table(List<MeasureRow> rows, StringBuilder sb) {
        List<String> measures = new ArrayList<>();
        Map<Integer, Map<String, Estimate>> grid = new TreeMap<>();
        for (MeasureRow row : rows) {
            if (!measures.contains(row.measure())) {
                measures.add(row.measure());
            }
            grid.computeIfAbsent(row.nTotal(), k -> new LinkedHashMap<>()).put(row.measure(), row.estimate());
        }
        int columns = measures.size() + 1;
        List<String[]> lines = new ArrayList<>();
        String[] head = new String[columns];
        head[0] = "n_total";
        for (int j = 0; j < measures.size(); j++) {
            head[j + 1] = measures.get(j);
        }
        lines.add(head);
        int[] decimals = new int[measures.size()];
        for (int j = 0; j < measures.size(); j++) {
            String m = measures.get(j);
            decimals[j] = grid.values().stream().map(r -> r.get(m)).filter(e -> e != null)
                    .mapToInt(e -> decimals(e.mcSe())).max().orElse(MIN_DECIMALS);
        }
        for (Map.Entry<Integer, Map<String, Estimate>> e : grid.entrySet()) {
            String[] line = new String[columns];
            line[0] = Integer.toString(e.getKey());
            for (int j = 0; j < measures.size(); j++) {
                Estimate est = e.getValue().get(measures.get(j));
                line[j + 1] = est == null ? "" : format(est, decimals[j]);
            }
            lines.add(line);
        }
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int j = 0; j < columns; j++) {
                widths[j] = Math.max(widths[j], line[j].length());
            }
        }
        int first = 1;
        while (first < columns) {
            int used = widths[0];
            int last = first;
            while (last + 1 < columns && used + GAP.length() + widths[last] + GAP.length() + widths[last + 1] <= width) {
                used += GAP.length() + widths[last];
                last++;
            }
            if (first > 1) {
                sb.append('\n');
            }
            for (String[] line : lines) {
                StringBuilder l = new StringBuilder();
                pad(l, line[0], widths[0]);
                for (int j = first; j <= last; j++) {
                    l.append(GAP);
                    pad(l, line[j], widths[j]);
                }
                sb.append(l.toString().stripTrailing()).append('\n');
            }
            first = last + 1;
        }
    }

    private static void pad(StringBuilder l, String cell, int w) {
        l.append(" ".repeat(w - cell.length())).append(cell);
    }

    /** Decimals that give the standard error one significant digit, within [3, 6]. */
    static int decimals(double mcSe) {
        if (!(mcSe > 0) || !Double.isFinite(mcSe)) {
            return MIN_DECIMALS;
        }
        int d = (int) Math.ceil(-Math.log10(mcSe) - 1e-9);
        // A standard error that rounds up to the next power of ten (0.00096 -> 0.001) needs one decimal fewer.
        if (Math.round(mcSe * Math.pow(10, d)) == 10) {
            d--;
        }
        return Math.max(MIN_DECIMALS, Math.min(MAX_DECIMALS, d));
    }

    private String format(Estimate e, int decimals) {
        if (Double.isNaN(e.estimate())) {
            return "undefined";
        }
        if (e.mcSe() == 0 && e.replicates() == 0) {
            // an exact figure (the enumerated size of a design): no Monte Carlo error to show
            return String.format(Locale.ROOT, "%.6f exact", e.estimate());
        }
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f, e.estimate()) + " " + plusMinus + " "
                + String.format(Locale.ROOT, f, e.mcSe());
    }
}
