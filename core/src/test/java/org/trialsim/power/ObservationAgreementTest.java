package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;

/**
 * One statement of the observation rules: the patient listing's observed and analysed values are the rows the
 * endpoint extraction gives the tests. For every endpoint of a replayed trial, the data the replay recorded
 * are those of a fresh extraction of an independently sampled cohort of the same replicate; and the listing,
 * read over the endpoint's population in patient order, gives the same rows: the time-to-event rows exactly
 * (time from the origin and event flag), the responders of a binary endpoint, the MADRS changes of the
 * completers. Scenarios vary observation (exact, next visit), cutoff (follow-up, calendar, event-driven) and
 * enrollment (uniform, even).
 */
class ObservationAgreementTest {

    static Stream<Arguments> trials() throws IOException {
        String benzoRelapse = "  benzo_relapse:\n    kind: time_to_benzodiazepine_relapse\n    strata: [benzo_users]\n"
                + "    test: log_rank\n\nmultiplicity:";
        return Stream.of(
                Arguments.of("ketamine, exact, follow-up", TrialReplayTest.example("ketamine-vs-midazolam.yaml",
                        "\nmultiplicity:", benzoRelapse), 200, 3L),
                Arguments.of("ketamine, next visit, calendar", TrialReplayTest.example("ketamine-vs-midazolam.yaml",
                        "observation: exact", "observation: next_visit", "cutoff: {follow_up_weeks: 52}",
                        "cutoff: {calendar_week: 90}", "\nmultiplicity:", benzoRelapse), 180, 8L),
                Arguments.of("taper", TrialReplayTest.example("ketamine-taper-vs-taper.yaml"), 120, 1L),
                Arguments.of("time to event, events, even", TrialReplayTest.example("two-arm-tte-logrank.yaml",
                        "uniform: {weeks: 52}", "even: {weeks: 52}", "cutoff: {calendar_week: 104}",
                        "cutoff: {events: 50, endpoint: time_to_relapse}"), 150, 2L),
                Arguments.of("maintenance", TrialReplayTest.example("maintenance-withdrawal.yaml"), 90, 5L),
                Arguments.of("continuous", TrialReplayTest.example("two-arm-t-test.yaml"), 80, 4L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trials")
    void listingAndReplayGiveTheExtractorsRows(String name, Scenario scenario, int n, long replicate) {
        TrialReplay replay = PowerStudy.of(scenario).replay(replicate, n);
        Cohort c = new Cohort(n);
        SamplingPlan.compile(scenario).newSampler().sample(c, n, scenario.simulation().seed(), replicate);
        double cutoff = DataCutoff.compile(scenario).calendarTime(c, n);
        assertEquals(cutoff, replay.dataCutoff(), name);
        PatientListing patients = replay.patients();
        int checked = 0;
        for (Endpoint endpoint : scenario.endpoints()) {
            EndpointExtractor extractor = EndpointExtractor.compile(scenario, endpoint);
            TrialReplay.Look look = replay.endpoint(endpoint.name()).last().orElseThrow();
            assertEquals(cutoff, look.calendarTime(), "a fixed design analyses at the final cutoff");
            int[] group = groups(scenario, endpoint, patients, extractor.strataNames());
            String where = name + ", " + endpoint.name();
            switch (endpoint.kind().type()) {
                case BINARY -> {
                    BinaryOutcomes data = new BinaryOutcomes();
                    extractor.extract(c, n, cutoff, data);
                    EndpointData.Binary recorded = (EndpointData.Binary) look.data();
                    for (int g = 0; g < 2; g++) {
                        for (int s = 0; s < data.strata(); s++) {
                            assertEquals(data.events(g, s), recorded.events(g, s), where);
                            assertEquals(data.total(g, s), recorded.total(g, s), where);
                        }
                    }
                    if (endpoint.kind() == Endpoint.Kind.RESPONSE) {
                        PatientColumn.Flags responded = patients.flags(PatientColumns.RESPONDED);
                        for (int g = 0; g < 2; g++) {
                            int responders = 0;
                            for (int i = 0; i < n; i++) {
                                responders += group[i] == g && responded.present(i) && responded.value(i) ? 1 : 0;
                            }
                            assertEquals(data.events(g), responders, where + ", group " + g);
                        }
                        checked++;
                    }
                }
                case CONTINUOUS -> {
                    ContinuousOutcomes data = new ContinuousOutcomes();
                    extractor.extract(c, n, cutoff, data);
                    EndpointData.Continuous recorded = (EndpointData.Continuous) look.data();
                    assertArrayEquals(Arrays.copyOf(data.value(), data.size()), recorded.value(), where);
                    assertArrayEquals(Arrays.copyOf(data.group(), data.size()), recorded.group(), where);
                    PatientColumn.Numbers end = patients.numbers(PatientColumns.MADRS_END_INDUCTION);
                    PatientColumn.Numbers baseline = patients.numbers(PatientColumns.MADRS_BASELINE);
                    List<Double> listed = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (group[i] >= 0 && end.present(i)) {
                            listed.add(end.value(i) - baseline.value(i));
                        }
                    }
                    assertArrayEquals(recorded.value(), listed.stream().mapToDouble(Double::doubleValue).toArray(),
                            where);
                    checked++;
                }
                case TIME_TO_EVENT -> {
                    TimeToEventOutcomes data = new TimeToEventOutcomes();
                    extractor.extract(c, n, cutoff, data);
                    EndpointData.TimeToEvent recorded = (EndpointData.TimeToEvent) look.data();
                    assertArrayEquals(Arrays.copyOf(data.time(), data.size()), recorded.time(), where);
                    assertArrayEquals(Arrays.copyOf(data.event(), data.size()), recorded.event(), where);
                    boolean benzo = endpoint.kind() == Endpoint.Kind.TIME_TO_BENZODIAZEPINE_RELAPSE;
                    PatientColumn.Numbers time = patients.numbers(benzo ? PatientColumns.BENZO_RELAPSE_TIME
                            : PatientColumns.RELAPSE_TIME);
                    PatientColumn.Flags event = patients.flags(benzo ? PatientColumns.BENZO_RELAPSE_EVENT
                            : PatientColumns.RELAPSE_EVENT);
                    PatientColumn.Numbers seen = patients.numbers(benzo ? PatientColumns.BENZO_RELAPSE
                            : PatientColumns.RELAPSE);
                    List<Double> times = new ArrayList<>();
                    List<Boolean> events = new ArrayList<>();
                    List<Integer> groups = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (group[i] >= 0 && event.present(i)) {
                            times.add(time.value(i));
                            events.add(event.value(i));
                            groups.add(group[i]);
                        }
                        // the observed week is listed exactly where the analysis counts an event
                        assertEquals(event.present(i) && event.value(i), seen.present(i), where + ", patient " + i);
                    }
                    assertArrayEquals(recorded.time(), times.stream().mapToDouble(Double::doubleValue).toArray(),
                            where);
                    assertEquals(Arrays.asList(box(recorded.event())), events, where);
                    assertEquals(Arrays.stream(recorded.group()).boxed().toList(), groups, where);
                    assertTrue(recorded.events() > 0, where + ": a test with events");
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, name);
        observedWeeks(scenario, patients);
    }

    /** An event is listed at the week it is seen: its latent week, or the first visit at or after it. */
    private static void observedWeeks(Scenario scenario, PatientListing patients) {
        List<Double> visits = scenario.schedule().visitWeeks();
        boolean nextVisit = scenario.schedule().observation() == Schedule.Observation.NEXT_VISIT;
        PatientColumn.Numbers seen = patients.numbers(PatientColumns.RELAPSE);
        PatientColumn.Numbers latent = patients.numbers(PatientColumns.LATENT + PatientColumns.RELAPSE);
        for (int i = 0; i < patients.size(); i++) {
            if (seen.present(i)) {
                if (nextVisit) {
                    double week = seen.value(i);
                    double t = latent.value(i);
                    assertTrue(visits.contains(week) && week >= t, "patient " + i);
                    assertTrue(visits.stream().noneMatch(v -> v >= t && v < week), "patient " + i);
                } else {
                    assertEquals(latent.value(i), seen.value(i), "patient " + i);
                }
            }
        }
    }

    /** Each patient's group in the endpoint (1 experimental, 0 control), -1 outside its population. */
    private static int[] groups(Scenario scenario, Endpoint endpoint, PatientListing patients, List<String> strata) {
        PatientColumn.Labels arm = patients.labels(PatientColumns.ARM);
        PatientColumn.Labels stratum = patients.labels(PatientColumns.STRATUM);
        int[] group = new int[patients.size()];
        for (int i = 0; i < group.length; i++) {
            boolean in = strata.contains(stratum.label(i));
            group[i] = !in ? -1 : arm.label(i).equals(endpoint.treatment()) ? 1
                    : arm.label(i).equals(endpoint.control()) ? 0 : -1;
        }
        return group;
    }

    private static Boolean[] box(boolean[] b) {
        Boolean[] r = new Boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i];
        }
        return r;
    }
}
