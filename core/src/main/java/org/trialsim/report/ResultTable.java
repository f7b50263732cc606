package org.trialsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A study's result as a tablesaw {@link Table}, the documented way to analyse results in Java (filter, pivot,
 * summarise, join with other tables, write CSV): one row per measure and sample size (and sweep cell), with the
 * columns of the CSV ({@link CsvReport#HEADER}): {@code cell, n_total, measure, estimate, mc_se, ci_lower, ci_upper,
 * replicates}, the tidy {@code statistic, endpoint, look} (missing where a measure has none) and
 * {@code hypothesis}, and in a sweep one column per axis, named by its key path (numbers, as a double column). Like
 * the reporters it only reads the result; its artefact is a table in memory rather than a file.
 *
 * <pre>{@code
 * Table t = ResultTable.of(result);
 * Table power = t.where(t.stringColumn("statistic").isEqualTo("power")
 *         .and(t.stringColumn("endpoint").isEqualTo("response")));
 * }</pre>
 */
public final class ResultTable {

    private ResultTable() {
    }

    /** The rows of {@code result} as a table named after the scenario. */
    public static Table of(StudyResult result) {
        int size = result.rows().size();
        StringColumn cell = StringColumn.create("cell");
        IntColumn n = IntColumn.create("n_total");
        StringColumn measure = StringColumn.create("measure");
        DoubleColumn estimate = DoubleColumn.create("estimate", size);
        DoubleColumn se = DoubleColumn.create("mc_se", size);
        DoubleColumn lower = DoubleColumn.create("ci_lower", size);
        DoubleColumn upper = DoubleColumn.create("ci_upper", size);
        LongColumn replicates = LongColumn.create("replicates");
        StringColumn statistic = StringColumn.create("statistic");
        StringColumn endpoint = StringColumn.create("endpoint");
        IntColumn look = IntColumn.create("look");
        StringColumn hypothesis = StringColumn.create("hypothesis");
        List<String> axes = CsvReport.axes(result);
        List<String[]> axisValues = new ArrayList<>();
        int i = 0;
        for (MeasureRow r : result.rows()) {
            cell.append(r.cell());
            n.append(r.nTotal());
            measure.append(r.measure());
            estimate.set(i, r.estimate().estimate());
            se.set(i, r.estimate().mcSe());
            lower.set(i, r.estimate().ciLower());
            upper.set(i, r.estimate().ciUpper());
            replicates.append(r.estimate().replicates());
            String[] tidy = CsvReport.tidy(r.measure());
            statistic.append(tidy[0]);
            endpoint.append(tidy[1].isEmpty() ? null : tidy[1]);
            if (tidy[2].isEmpty()) {
                look.appendMissing();
            } else {
                look.append(Integer.parseInt(tidy[2]));
            }
            hypothesis.append(tidy[3].isEmpty() ? null : tidy[3]);
            Map<String, String> values = r.axes();
            axisValues.add(axes.stream().map(a -> values.getOrDefault(a, "")).toArray(String[]::new));
            i++;
        }
        List<Column<?>> columns = new ArrayList<>();
        columns.addAll(List.of(cell, n, measure, estimate, se, lower, upper, replicates, statistic, endpoint, look,
                hypothesis));
        for (int a = 0; a < axes.size(); a++) {
            columns.add(axisColumn(CsvReport.axisColumn(axes.get(a)), a, axisValues));
        }
        return Table.create(result.scenarioName(), columns);
    }

    /** An axis as numbers where every value is one (the usual case: key paths set numbers), else as text. */
    private static Column<?> axisColumn(String name, int a, List<String[]> values) {
        DoubleColumn numbers = DoubleColumn.create(name);
        try {
            for (String[] v : values) {
                if (v[a].isEmpty()) {
                    numbers.appendMissing();
                } else {
                    numbers.append(Double.parseDouble(v[a]));
                }
            }
            return numbers;
        } catch (NumberFormatException e) {
            StringColumn text = StringColumn.create(name);
            values.forEach(v -> text.append(v[a]));
            return text;
        }
    }
}
