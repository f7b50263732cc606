package org.trialsim.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trialsim.power.Workloads;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns JMH JSON results ({@code -rf json -rff FILE}) into the Markdown table of benchmarks/README.md: one row
 * per benchmark and parameter set with score, error and unit, plus trials per second for whole studies
 * (trials per study / time per study) and, for every {@code xNaive} or {@code naive...} benchmark, the naive
 * time over the tuned time when both are present.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.trialsim.benchmarks.ResultsTable results.json [more.json...]
 * </pre>
 */
public final class ResultsTable {

    private ResultsTable() {
    }

    private record Row(String benchmark, String params, Map<String, String> paramMap, double score, double error,
            String unit) {
    }

    /** Entry point. */
    public static void main(String[] args) {
        ObjectMapper json = JsonMapper.builder().build();
        List<Row> rows = new ArrayList<>();
        for (String file : args) {
            JsonNode root = json.readTree(new File(file));
            for (JsonNode r : root) {
                String name = r.get("benchmark").asString();
                String[] parts = name.split("\\.");
                String shortName = parts[parts.length - 2] + "." + parts[parts.length - 1];
                Map<String, String> params = new java.util.TreeMap<>();
                JsonNode p = r.get("params");
                if (p != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext();) {
                        Map.Entry<String, JsonNode> e = it.next();
                        params.put(e.getKey(), e.getValue().asString());
                    }
                }
                JsonNode m = r.get("primaryMetric");
                double error = m.get("scoreError").isNumber() ? m.get("scoreError").asDouble() : Double.NaN;
                String paramText = String.join(" ", params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList());
                rows.add(new Row(shortName, paramText, params, m.get("score").asDouble(), error,
                        m.get("scoreUnit").asString()));
                JsonNode secondary = r.get("secondaryMetrics");
                if (secondary != null && secondary.has("sampleNanos") && secondary.has("floorNanos")) {
                    // CohortSamplingPerformance.paired: the time of the sampler over the time of its draws at
                    // the floor, both summed over the measured iterations.
                    double ratio = secondary.get("sampleNanos").get("score").asDouble()
                            / secondary.get("floorNanos").get("score").asDouble();
                    rows.add(new Row(shortName + " (sampler / floor)", paramText, params, ratio, Double.NaN,
                            "ratio"));
                }
            }
        }
        System.out.println("| benchmark | parameters | score | ± 99.9% | unit | trials/s | naive / tuned |");
        System.out.println("|---|---|---:|---:|---|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.benchmark, r.params,
                    number(r.score), Double.isNaN(r.error) ? "" : number(r.error), r.unit, trialsPerSecond(r),
                    naiveRatio(r, rows));
        }
    }

    /** Whole studies: trials per study from the workload and the replicates parameter (W4: its grid). */
    private static String trialsPerSecond(Row r) {
        String reps = r.paramMap.get("replicates");
        if (reps == null || !r.unit.equals("ms/op")) {
            return "";
        }
        String method = r.benchmark.substring(r.benchmark.indexOf('.') + 1);
        long trialsPerReplicate = method.startsWith("w3") ? 10
                : method.startsWith("w4") ? Workloads.ketamine().design().sampleSizes().size() : 1;
        double trials = Long.parseLong(reps) * trialsPerReplicate;
        return String.format(Locale.ROOT, "%,.0f", trials / (r.score / 1000));
    }

    /** For a naive benchmark, its time over the tuned twin's (same parameters, name without "Naive"). */
    private static String naiveRatio(Row r, List<Row> rows) {
        String tuned = null;
        if (r.benchmark.startsWith("NaiveCohortPerformance.binary")) {
            tuned = "CohortSamplingPerformance.sample";
        } else if (r.benchmark.startsWith("NaiveStudyPerformance.")) {
            tuned = "WholeStudyPerformance." + r.benchmark.substring("NaiveStudyPerformance.".length())
                    .replace("Naive", "");
        } else if (r.benchmark.endsWith("Naive")) {
            tuned = r.benchmark.substring(0, r.benchmark.length() - "Naive".length());
        }
        if (tuned == null) {
            return "";
        }
        for (Row t : rows) {
            boolean sameParams = r.benchmark.startsWith("NaiveCohort")
                    ? "binary".equals(t.paramMap.get("scenario"))
                    : r.benchmark.startsWith("NaiveStudy")
                            ? "1".equals(t.paramMap.get("threads"))
                            : t.params.equals(r.params);
            if (t.benchmark.equals(tuned) && sameParams && t.unit.equals(r.unit)) {
                double perTrialNaive = r.score / Double.parseDouble(r.paramMap.getOrDefault("replicates", "1"));
                double perTrialTuned = t.score / Double.parseDouble(t.paramMap.getOrDefault("replicates", "1"));
                return String.format(Locale.ROOT, "%.1f", perTrialNaive / perTrialTuned);
            }
        }
        return "";
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, Math.abs(x) >= 100 ? "%,.0f" : Math.abs(x) >= 1 ? "%.2f" : "%.4f", x);
    }
}
