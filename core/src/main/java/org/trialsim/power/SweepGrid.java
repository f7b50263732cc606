package org.trialsim.power;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.TrialsimVersion;

/**
 * The grid of a sweep: numeric values at scenario key paths, every combination a cell, the first axis varying
 * slowest. Shared by the patient-level engine's {@link Sweep} and the multi-arm designs' sweep
 * ({@code org.trialsim.multiarm.MultiArmSweep}), so that both enumerate, label and combine cells the same way.
 */
public final class SweepGrid {

    /** The grid without axes: one cell, with no values. */
    public static final SweepGrid NONE = new SweepGrid(List.of(), List.of());

    private final List<String> keys;
    private final List<double[]> values;

    private SweepGrid(List<String> keys, List<double[]> values) {
        this.keys = keys;
        this.values = values;
    }

    /** This grid with an axis of the given values added. */
    public SweepGrid axis(String keyPath, double... axisValues) {
        if (axisValues.length == 0) {
            throw new IllegalArgumentException("axis " + keyPath + " has no values");
        }
        if (keys.contains(keyPath)) {
            throw new IllegalArgumentException("axis " + keyPath + " given twice");
        }
        List<String> k = new ArrayList<>(keys);
        k.add(keyPath);
        List<double[]> v = new ArrayList<>(values);
        v.add(axisValues.clone());
        return new SweepGrid(List.copyOf(k), List.copyOf(v));
    }

    /**
     * This grid with an axis {@code from, from + step, ..., to} added (inclusive up to rounding; values rounded
     * to 12 significant digits so that 0.1 steps give 0.3, not 0.30000000000000004).
     */
    public SweepGrid range(String keyPath, double from, double to, double step) {
        if (!(step > 0) || to < from) {
            throw new IllegalArgumentException("axis " + keyPath + ": need from <= to and step > 0");
        }
        long count = (long) Math.floor((to - from) / step + 1e-9) + 1;
        double[] v = new double[(int) count];
        for (int i = 0; i < count; i++) {
            v[i] = new BigDecimal(from + i * step).round(new MathContext(12)).doubleValue();
        }
        return axis(keyPath, v);
    }

    /** The cells in run order, each a map from key path to value. */
    public List<Map<String, Double>> cells() {
        List<Map<String, Double>> cells = new ArrayList<>();
        cells.add(new LinkedHashMap<>());
        for (int a = 0; a < keys.size(); a++) {
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> c : cells) {
                for (double v : values.get(a)) {
                    Map<String, Double> m = new LinkedHashMap<>(c);
                    m.put(keys.get(a), v);
                    next.add(m);
                }
            }
            cells = next;
        }
        return cells;
    }

    /** The number of cells: the product of the axes' lengths (1 without axes). */
    public int cellCount() {
        int n = 1;
        for (double[] v : values) {
            n = Math.multiplyExact(n, v.length);
        }
        return n;
    }

    /**
     * Cell {@code index} in run order, computed alone: the element {@code index} of {@link #cells()}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, cellCount())}
     */
    public Map<String, Double> cell(int index) {
        java.util.Objects.checkIndex(index, cellCount());
        Map<String, Double> cell = new LinkedHashMap<>();
        int stride = cellCount();
        int rest = index;
        for (int a = 0; a < keys.size(); a++) {
            double[] v = values.get(a);
            stride /= v.length;
            cell.put(keys.get(a), v[rest / stride]);
            rest %= stride;
        }
        return cell;
    }

    /**
     * One result of the first cells' results, in run order: their rows, their warnings prefixed with the cell's
     * label; partial if {@code missing} (cells not run) or a cell's result is. The provenance records the
     * template's name, seed and scenario hash, the total replicates over cells, and the model and generator of
     * the last cell (the template's model and {@code template} generator-less if none ran).
     *
     * @param results the cells' results, in run order
     * @param missing whether cells after these were not run
     * @param template the provenance the result takes its scenario hash, seed, model and stream layout from
     * @param scenarioName the sweep's scenario name
     */
    public StudyResult combine(List<StudyResult> results, boolean missing, Provenance template,
            String scenarioName) {
        List<MeasureRow> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long total = 0;
        long nullTotal = 0;
        boolean partial = missing;
        String generator = "";
        String model = template.model();
        List<Map<String, Double>> cells = cells();
        for (int i = 0; i < results.size(); i++) {
            StudyResult r = results.get(i);
            String label = Sweep.label(cells.get(i));
            rows.addAll(r.rows());
            for (String w : r.warnings()) {
                warnings.add(label + ": " + w);
            }
            total += r.provenance().replicates();
            nullTotal += r.provenance().nullReplicates();
            generator = r.provenance().generator();
            model = r.provenance().model();
            partial |= r.provenance().partial();
        }
        Provenance p = new Provenance(TrialsimVersion.version(), generator, TrialsimVersion.commonsRngVersion(),
                template.seed(), template.scenarioHash(), total, partial, model, template.streamLayout(), nullTotal);
        return new StudyResult(scenarioName, p, rows, warnings);
    }
}
