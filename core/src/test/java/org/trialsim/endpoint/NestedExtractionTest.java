package org.trialsim.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.Schedule;

/**
 * {@link EndpointExtractor#extend} over a nested grid (each size extending the data of the previous one)
 * leaves exactly the data of a full {@link EndpointExtractor#extract} at every size, for binary and
 * time-to-event endpoints of the built-in scenarios, under their per-patient follow-up and under a calendar
 * cutoff with uniform enrollment; and {@link EndpointExtractor#nested} refuses a calendar cutoff with even
 * enrollment, where entries depend on n.
 */
class NestedExtractionTest {

    private static final int[] GRID = {7, 40, 41, 90, 150, 200};

    @Test
    void extendingEqualsExtractingUnderFollowUpAndCalendarCutoffs() {
        for (String name : ScenarioLibrary.names()) {
            Scenario s = ScenarioLibrary.load(name);
            check(s, Double.POSITIVE_INFINITY);
            Scenario calendar = withSchedule(s, new Enrollment.Uniform(60), new Schedule(s.schedule().inductionWeeks(),
                    s.schedule().visitWeeks(), s.schedule().observation(), new Cutoff.Calendar(70)));
            check(calendar, 70);
        }
    }

    @Test
    void evenEnrollmentWithACalendarCutoffIsNotNested() {
        Scenario s = ScenarioLibrary.load(ScenarioLibrary.DEFAULT);
        Scenario even = withSchedule(s, new Enrollment.Even(60), s.schedule());
        EndpointExtractor e = EndpointExtractor.compile(even, even.endpoints().get(0));
        assertTrue(e.nested(Double.POSITIVE_INFINITY));
        assertFalse(e.nested(70));
        Scenario uniform = withSchedule(s, new Enrollment.Uniform(60), s.schedule());
        assertTrue(EndpointExtractor.compile(uniform, uniform.endpoints().get(0)).nested(70));
    }

    private static void check(Scenario s, double cutoff) {
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        Cohort c = new Cohort(GRID[GRID.length - 1]);
        for (long replicate = 0; replicate < 20; replicate++) {
            sampler.sample(c, GRID[GRID.length - 1], 99, replicate);
            for (Endpoint endpoint : s.endpoints()) {
                EndpointExtractor e = EndpointExtractor.compile(s, endpoint);
                assertTrue(e.nested(cutoff));
                String where = s.name() + " " + endpoint.name() + " replicate " + replicate;
                switch (endpoint.kind().type()) {
                    case BINARY -> checkBinary(e, c, cutoff, where);
                    case TIME_TO_EVENT -> checkTimes(e, c, cutoff, where);
                    default -> {
                    }
                }
            }
        }
    }

    private static void checkBinary(EndpointExtractor e, Cohort c, double cutoff, String where) {
        BinaryOutcomes extended = new BinaryOutcomes();
        BinaryOutcomes full = new BinaryOutcomes();
        e.extract(c, GRID[0], cutoff, extended);
        for (int k = 1; k < GRID.length; k++) {
            e.extend(c, GRID[k - 1], GRID[k], cutoff, extended);
            e.extract(c, GRID[k], cutoff, full);
            for (int g = 0; g < 2; g++) {
                for (int st = 0; st < full.strata(); st++) {
                    assertEquals(full.events(g, st), extended.events(g, st), where);
                    assertEquals(full.total(g, st), extended.total(g, st), where);
                }
            }
        }
    }

    private static void checkTimes(EndpointExtractor e, Cohort c, double cutoff, String where) {
        TimeToEventOutcomes extended = new TimeToEventOutcomes();
        TimeToEventOutcomes full = new TimeToEventOutcomes();
        e.extract(c, GRID[0], cutoff, extended);
        for (int k = 1; k < GRID.length; k++) {
            e.extend(c, GRID[k - 1], GRID[k], cutoff, extended);
            e.extract(c, GRID[k], cutoff, full);
            int m = full.size();
            assertEquals(m, extended.size(), where);
            assertArrayEquals(Arrays.copyOf(full.time(), m), Arrays.copyOf(extended.time(), m), where);
            assertArrayEquals(Arrays.copyOf(full.event(), m), Arrays.copyOf(extended.event(), m), where);
            assertArrayEquals(Arrays.copyOf(full.group(), m), Arrays.copyOf(extended.group(), m), where);
            assertArrayEquals(Arrays.copyOf(full.stratum(), m), Arrays.copyOf(extended.stratum(), m), where);
            assertEquals(full.events(), extended.events(), where);
        }
    }

    private static Scenario withSchedule(Scenario s, Enrollment enrollment, Schedule schedule) {
        return s.toBuilder().enrollment(enrollment).schedule(schedule).build();
    }
}
