package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Canonical hashing for provenance. */
class ScenarioHashTest {

    private static final String BLOCK = String.join("\n",
            "# a comment",
            "name: one",
            "design:",
            "  sample_sizes: [20, 40]",
            "  sides: 1",
            "arms:",
            "  drug:",
            "    response:",
            "      probability: 0.7",
            "endpoints:",
            "  response:",
            "    test: binomial_exact",
            "    p0: 0.5",
            "");

    private static final String FLOW_REORDERED_WITH_DEFAULTS = "endpoints: {response: {p0: 0.5, kind: response, "
            + "test: binomial_exact, strata: []}}\narms: {drug: {allocation: 1, response: {remission: 0, probability: 0.7}}}\n"
            + "design: {sides: 1, alpha: 0.05, sample_sizes: {from: 20, to: 40, by: 20}}\nname: two\ntitle: other\n"
            + "dropout: {induction: 0}\n";

    @Test
    void layoutOrderDefaultsAndNamesDoNotChangeTheHash() {
        Scenario a = ScenarioParser.parse(BLOCK, "a.yaml");
        Scenario b = ScenarioParser.parse(FLOW_REORDERED_WITH_DEFAULTS, "b.yaml");
        assertEquals(ScenarioHash.sha256(a), ScenarioHash.sha256(b));
        assertTrue(ScenarioHash.sha256(a).matches("[0-9a-f]{64}"));
    }

    @Test
    void anyModelChangeChangesTheHash() {
        String base = ScenarioHash.sha256(ScenarioParser.parse(BLOCK, "a.yaml"));
        for (String changed : new String[] {BLOCK.replace("0.7", "0.71"), BLOCK.replace("[20, 40]", "[20, 42]"),
            BLOCK.replace("p0: 0.5", "p0: 0.55"), BLOCK.replace("sides: 1", "sides: 1\n  alpha: 0.025"),
            BLOCK + "simulation: {seed: 7}\n"}) {
            assertNotEquals(base, ScenarioHash.sha256(ScenarioParser.parse(changed, "a.yaml")), changed);
        }
    }

    @Test
    void canonicalFormIsStable() {
        // Pinned so that a change of the canonical form (which changes every recorded hash) is deliberate.
        String expected = "{\"@\":\"Scenario\",\"design\":{\"@\":\"Design\",\"sampleSizes\":[20,40],\"alpha\":0.05,"
                + "\"sidedness\":\"ONE_SIDED\",\"randomization\":{\"@\":\"Randomization\",\"method\":\"BLOCKS\","
                + "\"blockSize\":1,\"stratified\":false}},\"strata\":[{\"@\":\"Stratum\",\"name\":\"all\",\"prevalence\":1.0,"
                + "\"benzodiazepineUser\":false}],\"arms\":[{\"@\":\"Arm\",\"name\":\"drug\",\"allocation\":1,"
                + "\"control\":false,\"modelByStratum\":{\"all\":{\"@\":\"PatientModel\",\"response\":"
                + "{\"@\":\"ResponseModel.Probability\",\"response\":0.7,\"remission\":0.0},\"relapse\":null,"
                + "\"benzodiazepine\":null}}}],\"enrollment\":{\"@\":\"Enrollment.Uniform\",\"durationWeeks\":0.0},"
                + "\"dropout\":{\"@\":\"Dropout\",\"inductionProbability\":0.0,\"hazardPerWeek\":0.0},\"schedule\":"
                + "{\"@\":\"Schedule\",\"inductionWeeks\":4.0,\"visitWeeks\":[],\"observation\":\"EXACT\",\"cutoff\":"
                + "{\"@\":\"Cutoff.FollowUp\",\"weeks\":52.0}},\"endpoints\":[{\"@\":\"Endpoint\",\"name\":\"response\","
                + "\"kind\":\"RESPONSE\",\"atWeek\":\"NaN\",\"analysis\":{\"@\":\"Analysis\",\"test\":\"BINOMIAL_EXACT\","
                + "\"nullValue\":0.5,\"simon\":null},\"treatment\":\"drug\",\"control\":null,\"strata\":[]}],"
                + "\"multiplicity\":{\"@\":\"Multiplicity\",\"procedure\":\"NONE\",\"weights\":[],\"transitions\":[]},"
                + "\"groupSequential\":null,\"simulation\":{\"@\":\"Simulation\",\"replicates\":2000,\"seed\":20261122,"
                + "\"targetMcse\":0.0,\"maxReplicates\":100000}}";
        assertEquals(expected, ScenarioHash.canonicalForm(ScenarioParser.parse(BLOCK, "a.yaml")));
    }

    @Test
    void overridesChangeTheHash() {
        byte[] bytes = BLOCK.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Scenario a = ScenarioParser.parse(bytes, "a.yaml", Map.of());
        Scenario b = ScenarioParser.parse(bytes, "a.yaml", Map.of("arms.drug.response.probability", 0.6));
        assertNotEquals(ScenarioHash.sha256(a), ScenarioHash.sha256(b));
        assertEquals(ScenarioHash.sha256(b), ScenarioHash.sha256(ScenarioParser.parse(BLOCK.replace("0.7", "0.6"), "c.yaml")));
    }
}
