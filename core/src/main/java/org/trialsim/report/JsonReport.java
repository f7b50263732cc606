package org.trialsim.report;

import java.io.IOException;
import java.io.OutputStream;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.ScenarioDocument;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result as JSON: {@code scenario}, a {@code provenance} object (trialsim version, generator, stream
 * layout, trial model, commons-rng version, seed, scenario hash, replicates, partial), {@code warnings} and
 * {@code rows} in long format with the same fields as the CSV columns. JSON has no NaN, so an undefined
 * figure is {@code null}. Given the scenario's document, also {@code scenario_file}: {@code source},
 * {@code resolved} (the scenario resolved with its defaults, a valid scenario file) and {@code text} (the file as
 * given, whose comments cite the sources).
 */
public final class JsonReport implements Reporter {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ScenarioDocument scenario;

    /** A JSON reporter of the result alone. */
    public JsonReport() {
        this(null);
    }

    /**
     * A JSON reporter that also writes the scenario the result was run from ({@code scenario_file}: its source,
     * the resolved scenario and the file's text), so that the file alone reproduces and reports the result.
     *
     * @param scenario the scenario's document, or {@code null} for none
     */
    public JsonReport(ScenarioDocument scenario) {
        this.scenario = scenario;
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public void write(StudyResult result, OutputStream out) throws IOException {
        ObjectNode tree = toTree(result);
        if (scenario != null) {
            ObjectNode file = tree.putObject("scenario_file");
            file.put("source", scenario.source());
            file.put("resolved", scenario.resolved());
            file.put("text", scenario.text());
        }
        out.write(MAPPER.writeValueAsBytes(tree));
        out.write('\n');
    }

    /**
     * The JSON tree of a result.
     *
     * @param result the study result
     * @return the tree
     */
    public static ObjectNode toTree(StudyResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", result.scenarioName());
        provenance(root.putObject("provenance"), result.provenance());
        ArrayNode warnings = root.putArray("warnings");
        result.warnings().forEach(warnings::add);
        ArrayNode rows = root.putArray("rows");
        for (MeasureRow row : result.rows()) {
            Estimate e = row.estimate();
            ObjectNode r = rows.addObject();
            r.put("cell", row.cell());
            r.put("n_total", row.nTotal());
            r.put("measure", row.measure());
            number(r, "estimate", e.estimate());
            number(r, "mc_se", e.mcSe());
            number(r, "ci_lower", e.ciLower());
            number(r, "ci_upper", e.ciUpper());
            r.put("replicates", e.replicates());
        }
        return root;
    }

    /** Writes the provenance fields into {@code prov}. */
    static void provenance(ObjectNode prov, Provenance p) {
        prov.put("trialsim_version", p.trialsimVersion());
        prov.put("generator", p.generator());
        prov.put("stream_layout", p.streamLayout());
        prov.put("model", p.model());
        prov.put("commons_rng_version", p.commonsRngVersion());
        prov.put("seed", p.seed());
        prov.put("scenario_sha256", p.scenarioHash());
        prov.put("replicates", p.replicates());
        prov.put("null_replicates", p.nullReplicates());
        prov.put("partial", p.partial());
    }

    /** A JSON tree, indented as the result files are, with a final line break. */
    static byte[] bytes(ObjectNode tree) {
        byte[] json = MAPPER.writeValueAsBytes(tree);
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /** A new JSON object of this reporter's mapper. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A result read back from its JSON, with the scenario it carries.
     *
     * @param result the result, bit for bit as written (numbers are written as the shortest text that reads back
     *     to the same double; {@code null} reads as NaN)
     * @param source where the scenario came from, or {@code null} when the file carries no scenario
     * @param resolved the resolved scenario, or {@code null}
     * @param text the scenario file's text, or {@code null}
     */
    public record Read(StudyResult result, String source, String resolved, String text) {
    }

    /**
     * Reads a result written by this reporter.
     *
     * @param in the JSON
     * @param name the file's name, for messages
     * @return the result and its scenario
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the field, if the JSON is not a trialsim result
     */
    public static Read read(java.io.InputStream in, String name) throws IOException {
        tools.jackson.databind.JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getOriginalMessage());
        }
        tools.jackson.databind.JsonNode p = required(root, "provenance", name);
        Provenance provenance = new Provenance(text(p, "trialsim_version", name), text(p, "generator", name),
                text(p, "commons_rng_version", name), required(p, "seed", name).asLong(),
                text(p, "scenario_sha256", name), required(p, "replicates", name).asLong(),
                required(p, "partial", name).asBoolean(), text(p, "model", name), text(p, "stream_layout", name),
                // results written before null replicates could be limited ran the null on every replicate
                p.has("null_replicates") ? p.get("null_replicates").asLong() : required(p, "replicates", name).asLong());
        java.util.List<MeasureRow> rows = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode r : required(root, "rows", name)) {
            rows.add(new MeasureRow(text(r, "cell", name), required(r, "n_total", name).asInt(),
                    text(r, "measure", name), new Estimate(number(r, "estimate", name), number(r, "mc_se", name),
                    number(r, "ci_lower", name), number(r, "ci_upper", name), required(r, "replicates", name)
                    .asLong())));
        }
        java.util.List<String> warnings = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode w : required(root, "warnings", name)) {
            warnings.add(w.asString());
        }
        StudyResult result = new StudyResult(text(root, "scenario", name), provenance, rows, warnings);
        tools.jackson.databind.JsonNode file = root.get("scenario_file");
        if (file == null || file.isNull()) {
            return new Read(result, null, null, null);
        }
        return new Read(result, text(file, "source", name), text(file, "resolved", name), text(file, "text", name));
    }

    private static tools.jackson.databind.JsonNode required(tools.jackson.databind.JsonNode node, String field,
            String name) {
        tools.jackson.databind.JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(name + " is not a trialsim result: it lacks '" + field + "'");
        }
        return v;
    }

    private static String text(tools.jackson.databind.JsonNode node, String field, String name) {
        return required(node, field, name).asString();
    }

    private static double number(tools.jackson.databind.JsonNode node, String field, String name) {
        tools.jackson.databind.JsonNode v = node.get(field);
        if (v == null) {
            throw new IllegalArgumentException(name + " is not a trialsim result: a row lacks '" + field + "'");
        }
        return v.isNull() ? Double.NaN : v.asDouble();
    }

    static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
