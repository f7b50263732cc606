package org.trialsim.process.textbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PatientListing;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The patient listing of {@code simulate} (the replay of one trial) carries the planner's names: each named
 * event's observed week and analysed time and flag ({@code event_pfs}, {@code event_pfs_time},
 * {@code event_pfs_event}), which are the rows the engine's extractor gives its log-rank test, and every named
 * instance's latent column ({@code latent_event_pfs}, {@code latent_binary_x}, {@code latent_continuous_x},
 * {@code latent_baseline_x}), which are the sampled cohort's.
 */
class NamedListingTest {

    private static Scenario example(String file) {
        return ScenarioParser.parse(Path.of("..", "examples", file));
    }

    @Test
    void namedEventsAreListedAsTheEngineAnalysesThem() {
        Scenario s = example("two-arm-events-event-driven.yaml");
        int n = 200;
        long replicate = 3;
        TrialReplay replay = PowerStudy.of(s).replay(replicate, n);
        PatientListing patients = replay.patients();
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, s.simulation().seed(), replicate);
        double cutoff = DataCutoff.compile(s).calendarTime(c, n);
        assertEquals(cutoff, replay.dataCutoff());
        int checked = 0;
        for (Endpoint e : s.endpoints()) {
            if (e.kind() != EventProcess.TIME_TO_EVENT) {
                continue;
            }
            TimeToEventOutcomes data = new TimeToEventOutcomes();
            EndpointExtractor.compile(s, e).extract(c, n, cutoff, data);
            String stem = "event_" + e.outcome();
            PatientColumn.Numbers time = patients.numbers(stem + "_time");
            PatientColumn.Flags event = patients.flags(stem + "_event");
            PatientColumn.Numbers seen = patients.numbers(stem);
            List<Double> times = new ArrayList<>();
            List<Boolean> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (event.present(i)) {
                    times.add(time.value(i));
                    events.add(event.value(i));
                }
                assertEquals(event.present(i) && event.value(i), seen.present(i), e.name() + ", patient " + i);
            }
            assertArrayEquals(Arrays.copyOf(data.time(), data.size()),
                    times.stream().mapToDouble(Double::doubleValue).toArray(), e.name());
            for (int k = 0; k < data.size(); k++) {
                assertEquals(data.event()[k], events.get(k), e.name() + ", row " + k);
            }
            assertTrue(data.events() > 0, e.name());
            double[] latent = c.doubles(EventProcess.column(e.outcome()));
            assertArrayEquals(Arrays.copyOf(latent, n), values(patients.numbers("latent_" + stem), n), e.name());
            checked++;
        }
        assertEquals(2, checked);
    }

    @Test
    void namedOutcomesAreInTheLatentView() {
        Scenario s = ScenarioParser.parse(Path.of("src/test/resources/org/trialsim/scenario/valid/all-keys-5.yaml"));
        int n = 120;
        PatientListing patients = PowerStudy.of(s).replay(1, n).patients();
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, s.simulation().seed(), 1);
        assertArrayEquals(Arrays.copyOf(c.doubles(ContinuousOutcomeProcess.valueColumn("qol")), n),
                values(patients.numbers("latent_continuous_qol"), n));
        assertArrayEquals(Arrays.copyOf(c.doubles(ContinuousOutcomeProcess.baselineColumn("qol")), n),
                values(patients.numbers("latent_baseline_qol"), n));
        PatientColumn.Flags responder = patients.flags("latent_binary_responder");
        boolean[] drawn = c.booleans(BinaryOutcomeProcess.column("responder"));
        for (int i = 0; i < n; i++) {
            assertEquals(drawn[i], responder.value(i), "patient " + i);
        }
        assertTrue(patients.find("event_pfs_time").isPresent() && patients.find("event_os").isPresent());
    }

    private static double[] values(PatientColumn.Numbers column, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = column.value(i);
        }
        return v;
    }
}
