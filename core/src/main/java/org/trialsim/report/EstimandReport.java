package org.trialsim.report;

import java.util.List;
import java.util.Locale;
import org.trialsim.power.EstimandStudy;
import org.trialsim.power.EstimatorPerformance;
import org.trialsim.scenario.Printable;

/**
 * The estimand section of a study ({@link EstimandStudy}): per endpoint and size, the true estimand, the
 * estimator's mean, bias, empirical SE, RMSE and coverage of its 95% interval, each with its Monte Carlo standard
 * error (Morris, White and Crowther, Stat Med 2019, Table 6), as a table for the terminal, CSV (one row per
 * endpoint and size, a column per figure) or JSON. Written beside the study's result, never inside it, so the
 * result's own files keep their bytes.
 */
public final class EstimandReport {

    private static final String[] FIGURES = {"true_estimand", "mean", "bias", "empirical_se", "rmse", "coverage"};

    private EstimandReport() {
    }

    private static double[] values(EstimatorPerformance p) {
        return new double[] {p.trueValue(), p.trueValueMcse(), p.mean(), Double.NaN, p.bias(), p.biasMcse(),
            p.empiricalSe(), p.empiricalSeMcse(), p.rmse(), p.rmseMcse(), p.coverage(), p.coverageMcse()};
    }

    /** The rows as a table with a heading; each figure followed by its MCSE in parentheses. */
    public static String table(List<EstimandStudy.Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nEstimands (ICH E9(R1)): the analysis's estimate against the true estimand (the mean over replicates"
                + " of each trial's full-information value); MCSE in parentheses\n");
        sb.append(String.format(Locale.ROOT, "%-16s %-20s %6s %6s %18s %18s %18s %18s %18s %16s%n", "endpoint",
                "strategy", "n", "reps", "true estimand", "mean", "bias", "empirical SE", "RMSE", "coverage"));
        for (EstimandStudy.Row r : rows) {
            EstimatorPerformance p = r.performance();
            double[] v = values(p);
            sb.append(String.format(Locale.ROOT, "%-16s %-20s %6d %6d %18s %18s %18s %18s %18s %16s%n",
                    Printable.escape(r.endpoint()), r.strategy(), r.nTotal(), p.replicates(), pair(v[0], v[1]),
                    String.format(Locale.ROOT, "%.4f", v[2]), pair(v[4], v[5]), pair(v[6], v[7]), pair(v[8], v[9]),
                    pair(v[10], v[11])));
        }
        for (String m : rows.stream().map(r -> Printable.escape(r.endpoint()) + ": " + r.measure()).distinct()
                .toList()) {
            sb.append("  ").append(m).append('\n');
        }
        return sb.toString();
    }

    private static String pair(double value, double mcse) {
        return String.format(Locale.ROOT, "%.4f (%.4f)", value, mcse);
    }

    /** The rows as CSV: endpoint, strategy, n_total, measure, replicates, then each figure and its MCSE. */
    public static String csv(List<EstimandStudy.Row> rows) {
        StringBuilder sb = new StringBuilder("endpoint,strategy,n_total,measure,replicates");
        for (String f : FIGURES) {
            sb.append(',').append(f).append(f.equals("mean") ? "" : "," + f + "_mcse");
        }
        sb.append('\n');
        for (EstimandStudy.Row r : rows) {
            EstimatorPerformance p = r.performance();
            sb.append(CsvReport.quote(r.endpoint())).append(',').append(r.strategy()).append(',').append(r.nTotal())
                    .append(',').append(CsvReport.quote(r.measure())).append(',').append(p.replicates());
            double[] v = values(p);
            for (int i = 0; i < v.length; i++) {
                if (i != 3) {
                    sb.append(',').append(v[i]);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The rows as a JSON object {@code {"estimands": [...]}}, figures as numbers (null where undefined). */
    public static String json(List<EstimandStudy.Row> rows) {
        StringBuilder sb = new StringBuilder("{\n  \"estimands\": [");
        for (int k = 0; k < rows.size(); k++) {
            EstimandStudy.Row r = rows.get(k);
            EstimatorPerformance p = r.performance();
            double[] v = values(p);
            sb.append(k == 0 ? "\n" : ",\n").append("    {\"endpoint\": ").append(string(r.endpoint()))
                    .append(", \"strategy\": ").append(string(r.strategy())).append(", \"n_total\": ")
                    .append(r.nTotal()).append(", \"measure\": ").append(string(r.measure()))
                    .append(", \"replicates\": ").append(p.replicates());
            for (int f = 0; f < FIGURES.length; f++) {
                sb.append(", \"").append(FIGURES[f]).append("\": ").append(number(v[2 * f]));
                if (f != 1) {
                    sb.append(", \"").append(FIGURES[f]).append("_mcse\": ").append(number(v[2 * f + 1]));
                }
            }
            sb.append('}');
        }
        sb.append(rows.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    private static String number(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "null";
    }

    private static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
