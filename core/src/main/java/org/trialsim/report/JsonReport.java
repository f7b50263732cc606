package org.trialsim.report;

import java.io.IOException;
import java.io.OutputStream;
import org.trialsim.power.Estimate;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.Provenance;
import org.trialsim.power.StudyResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result as JSON: {@code scenario}, a {@code provenance} object (trialsim version, generator, stream
 * layout, trial model, commons-rng version, seed, scenario hash, replicates, partial), {@code warnings} and
 * {@code rows} in long format with the same fields as the CSV columns. JSON has no NaN, so an undefined
 * figure is {@code null}.
 */
public final class JsonReport implements Reporter {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public void write(StudyResult result, OutputStream out) throws IOException {
        out.write(MAPPER.writeValueAsBytes(toTree(result)));
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
