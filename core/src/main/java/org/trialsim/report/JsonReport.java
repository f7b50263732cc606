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
        Provenance p = result.provenance();
        ObjectNode prov = root.putObject("provenance");
        prov.put("trialsim_version", p.trialsimVersion());
        prov.put("generator", p.generator());
        prov.put("stream_layout", p.streamLayout());
        prov.put("model", p.model());
        prov.put("commons_rng_version", p.commonsRngVersion());
        prov.put("seed", p.seed());
        prov.put("scenario_sha256", p.scenarioHash());
        prov.put("replicates", p.replicates());
        prov.put("partial", p.partial());
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

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
