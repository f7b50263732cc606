package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {

    private static JsonNode json(StudyResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReport().write(result, out);
        return JsonMapper.builder().build().readTree(out.toByteArray());
    }

    @Test
    void holdsProvenanceWarningsAndEveryRow() throws Exception {
        StudyResult result = Results.simple();
        JsonNode root = json(result);
        assertEquals("ketamine-vs-midazolam", root.get("scenario").asString());
        JsonNode p = root.get("provenance");
        assertEquals("0.1.0-TEST", p.get("trialsim_version").asString());
        assertEquals("XO_RO_SHI_RO_128_PP", p.get("generator").asString());
        assertEquals(Results.LAYOUT, p.get("stream_layout").asString());
        assertEquals("patient-level", p.get("model").asString());
        assertEquals("1.7", p.get("commons_rng_version").asString());
        assertEquals(20261121L, p.get("seed").asLong());
        assertEquals(Results.HASH, p.get("scenario_sha256").asString());
        assertEquals(4000, p.get("replicates").asLong());
        assertTrue(p.get("partial").isBoolean());
        assertEquals(false, p.get("partial").asBoolean());
        assertEquals(1, root.get("warnings").size());
        JsonNode rows = root.get("rows");
        assertEquals(result.rows().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            MeasureRow row = result.rows().get(i);
            JsonNode r = rows.get(i);
            assertEquals(row.cell(), r.get("cell").asString());
            assertEquals(row.nTotal(), r.get("n_total").asInt());
            assertEquals(row.measure(), r.get("measure").asString());
            assertEquals(row.estimate().estimate(), r.get("estimate").asDouble());
            assertEquals(row.estimate().mcSe(), r.get("mc_se").asDouble());
            assertEquals(row.estimate().ciLower(), r.get("ci_lower").asDouble());
            assertEquals(row.estimate().ciUpper(), r.get("ci_upper").asDouble());
            assertEquals(row.estimate().replicates(), r.get("replicates").asLong());
        }
    }

    @Test
    void undefinedFiguresAreNullAndPartialIsTrue() throws Exception {
        JsonNode root = json(Results.sweep());
        assertTrue(root.get("provenance").get("partial").asBoolean());
        JsonNode last = root.get("rows").get(4);
        assertEquals("power:benzo_free", last.get("measure").asString());
        assertTrue(last.get("estimate").isNull());
        assertTrue(last.get("mc_se").isNull());
    }
}
