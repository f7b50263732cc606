package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.trialsim.TrialsimVersion;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.cohort.ScenarioFixture;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.TrialReplay;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ProcessRegistry;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioHash;
import org.trialsim.scenario.Schedule;

class PatientTableTest {

    private static Scenario scenario() {
        PatientModel m = new PatientModel(new ResponseModel.Madrs(32, 5, -14, 10, 0.5, 10),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.05), 0.2, 1),
                new Benzodiazepine(0.9, 0.6, new Hazard.Exponential(0.02), 2));
        return new ScenarioFixture().stratum("users", 0.44, true).stratum("others", 0.56, false)
                .arm("ketamine", 1, false, m).arm("midazolam", 1, true, m).dropout(0.1, 0.005)
                .visits(4.0, 8.0, 12.0, 16.0, 24.0, 36.0, 52.0).observation(Schedule.Observation.NEXT_VISIT)
                .cutoff(new Cutoff.Calendar(60))
                .endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN, "ketamine", "midazolam")
                .endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN, "ketamine", "midazolam").build();
    }

    private static String table(TrialReplay replay) throws IOException {
        StringWriter w = new StringWriter();
        PatientTable.write(replay, w);
        return w.toString();
    }

    @Test
    void provenanceHeaderAndOneRowPerPatient() throws IOException {
        Scenario s = scenario();
        List<String> lines = table(PowerStudy.of(s).seed(9).replay(3, 40)).lines().toList();
        assertEquals(List.of(
                "# scenario: fixture",
                "# trialsim_version: " + TrialsimVersion.version(),
                "# generator: XO_RO_SHI_RO_128_PP",
                "# stream_layout: " + ReplicateStreams.LAYOUT,
                "# model: patient-level",
                "# commons_rng_version: " + TrialsimVersion.commonsRngVersion(),
                "# seed: 9",
                "# scenario_sha256: " + ScenarioHash.sha256(s),
                "# replicate: 3",
                "# patients: 40",
                "# data_cutoff: calendar week 60.0"), lines.subList(0, 11));
        String header = lines.get(11);
        assertTrue(header.startsWith("patient,arm,stratum,enrolled,dropout,responded,remitted,relapse,"));
        assertTrue(header.endsWith(",censored_at,madrs_baseline,madrs_end_induction"));
        assertEquals(12 + 40, lines.size());
        for (String row : lines.subList(12, lines.size())) {
            assertEquals(14, row.split(",", -1).length, row);
        }
    }

    /**
     * The provenance lines read the same way as the CSV report's: every key the report writes for a study's
     * provenance (bar those of a study alone: replicates, null replicates, partial) appears in the listing with the same name,
     * in the same order, so one reader of {@code # key: value} lines serves both files.
     */
    @Test
    void provenanceKeysAreTheCsvReportKeys() throws IOException {
        List<String> listing = keys(table(PowerStudy.of(scenario()).seed(9).replay(0, 10)));
        List<String> report = CsvReport.provenance(Results.simple()).stream().map(e -> e[0])
                .filter(k -> !k.equals("replicates") && !k.equals("null_replicates") && !k.equals("partial")
                        && !k.equals("warning")).toList();
        assertEquals(report, listing.subList(0, report.size()));
        assertEquals(List.of("replicate", "patients", "data_cutoff"), listing.subList(report.size(), listing.size()));
    }

    private static List<String> keys(String file) {
        return file.lines().filter(l -> l.startsWith("#")).map(l -> {
            Matcher m = Pattern.compile("# ([a-z0-9_]+): .*").matcher(l);
            assertTrue(m.matches(), "not a '# key: value' line: " + l);
            return m.group(1);
        }).toList();
    }

    /**
     * Replicate K is the same listing whenever it is replayed, and its first n patients are those of a larger
     * trial of the same replicate (nested cohorts): their latent values agree row for row.
     */
    @Test
    void sameReplicateSameRows() throws IOException {
        PowerStudy study = PowerStudy.of(scenario()).seed(9);
        assertEquals(table(study.replay(7, 60)), table(study.replay(7, 60)));
        String small = latent(study.replay(7, 60));
        String large = latent(study.replay(7, 90));
        List<String> rows = small.lines().filter(l -> !l.startsWith("#")).toList();
        List<String> larger = large.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(rows, larger.subList(0, rows.size()));
        assertTrue(!table(study.replay(8, 60)).equals(table(study.replay(7, 60))));
    }

    private static String latent(TrialReplay replay) throws IOException {
        StringWriter w = new StringWriter();
        PatientTable.write(replay, EnumSet.of(PatientColumn.View.LATENT), w);
        return w.toString();
    }

    /** The chosen views add their columns in listing order after the patient index. */
    @Test
    void viewsChooseTheColumns() throws IOException {
        StringWriter w = new StringWriter();
        PatientTable.write(PowerStudy.of(scenario()).seed(9).replay(0, 10), EnumSet.allOf(PatientColumn.View.class), w);
        String header = w.toString().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        // the latent view lists every column of every registered process, in registration order
        String latent = ProcessRegistry.get().all().stream().filter(p -> p instanceof SampledProcess)
                .flatMap(p -> ((SampledProcess) p).columns().stream()).map(c -> ",latent_" + c.name())
                .collect(Collectors.joining());
        assertTrue(latent.contains(",latent_responded,") && latent.contains(",latent_relapse"), latent);
        assertTrue(header.endsWith(",censored_at,madrs_baseline,madrs_end_induction,relapse_time,relapse_event,"
                + "benzo_relapse_time,benzo_relapse_event,administrative_end,latent_dropout" + latent), header);
    }
}
