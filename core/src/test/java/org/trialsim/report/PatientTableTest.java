package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.trialsim.TrialsimVersion;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.cohort.ScenarioFixture;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
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

    private static String table(Scenario s, Cohort c, int n, long seed, long replicate) throws IOException {
        StringWriter w = new StringWriter();
        PatientTable.write(s, c, n, seed, replicate, w);
        return w.toString();
    }

    @Test
    void provenanceHeaderAndOneRowPerPatient() throws IOException {
        StringWriter w = new StringWriter();
        Scenario s = scenario();
        PatientTable.write(s, 40, 9, 3, w);
        List<String> lines = w.toString().lines().toList();
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
     * provenance (bar those of a study alone: replicates, partial) appears in the listing with the same name,
     * in the same order, so one reader of {@code # key: value} lines serves both files.
     */
    @Test
    void provenanceKeysAreTheCsvReportKeys() throws IOException {
        StringWriter w = new StringWriter();
        PatientTable.write(scenario(), 10, 9, 0, w);
        List<String> listing = keys(w.toString());
        List<String> report = CsvReport.provenance(Results.simple()).stream().map(e -> e[0])
                .filter(k -> !k.equals("replicates") && !k.equals("partial") && !k.equals("warning")).toList();
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

    /** Replicate K is the same listing whether sampled alone or after other replicates. */
    @Test
    void sameReplicateSameRows() throws IOException {
        Scenario s = scenario();
        StringWriter alone = new StringWriter();
        PatientTable.write(s, 60, 9, 7, alone);
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        Cohort c = new Cohort(60);
        for (int r = 0; r <= 7; r++) {
            sampler.sample(c, 60, 9, r);
        }
        assertEquals(alone.toString(), table(s, c, 60, 9, 7));
    }

    /** The listing agrees with the endpoint extractor on responses and observed relapses. */
    @Test
    void listingAgreesWithEndpointData() throws IOException {
        Scenario s = scenario();
        int n = 300;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 4, 1);
        List<String[]> rows = table(s, c, n, 4, 1).lines().filter(l -> !l.startsWith("#")).skip(1)
                .map(l -> l.split(",", -1)).toList();
        long responders = rows.stream().filter(r -> r[5].equals("1")).count();
        long relapses = rows.stream().filter(r -> !r[7].isEmpty()).count();
        BinaryOutcomes bin = new BinaryOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(0)).extract(c, n, 60, bin);
        assertEquals(bin.events(0) + bin.events(1), responders);
        TimeToEventOutcomes tte = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(1)).extract(c, n, 60, tte);
        assertEquals(tte.events(), relapses);
        // Observed relapses sit on visits (next-visit observation).
        List<Double> visits = s.schedule().visitWeeks();
        rows.stream().filter(r -> !r[7].isEmpty())
                .forEach(r -> assertTrue(visits.contains(Double.parseDouble(r[7])), Arrays.toString(r)));
    }
}
