package org.trialsim.endpoint;

import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.RelapseTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.ScenarioFixture;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;

/** Observation rules on hand-built cohorts whose data can be worked out by hand (given in the comments). */
class EndpointExtractorTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final PatientModel RESPONSE_RELAPSE = new PatientModel(new ResponseModel.Probability(0.5, 0.2),
            new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.05), 0, 1), null);

    private static ScenarioFixture twoArms(PatientModel model) {
        return new ScenarioFixture().stratum("s1", 0.5, false).stratum("s2", 0.5, false)
                .arm("t", 1, false, model).arm("c", 1, true, model).induction(4);
    }

    /** Sets patient i: arm, stratum, entry, dropout, responded, relapse (weeks from randomization). */
    private static void patient(Cohort c, int i, int arm, int stratum, double entry, double dropout,
            boolean responded, double relapse) {
        c.arm[i] = (byte) arm;
        c.stratum[i] = (byte) stratum;
        c.enrolled[i] = entry;
        c.dropout[i] = dropout;
        c.booleans(InductionResponse.RESPONDED)[i] = responded;
        c.doubles(RelapseTime.TIME)[i] = relapse;
        c.size = Math.max(c.size, i + 1);
    }

    private static Cohort relapseCohort() {
        Cohort c = new Cohort(6);
        patient(c, 0, 0, 0, 0, INF, true, 9.5);   // relapse between visits 8 and 12
        patient(c, 1, 1, 0, 0, 10, true, 9.5);    // same relapse, but drops out at 10 before visit 12
        patient(c, 2, 0, 1, 0, INF, true, INF);   // never relapses
        patient(c, 3, 1, 0, 0, INF, false, INF);  // non-responder: not at risk
        patient(c, 4, 0, 0, 0, 3, true, 9.5);     // dropped out during induction: not at risk
        patient(c, 5, 0, 1, 0, INF, true, 30);    // relapse after the last visit (24): never seen
        return c;
    }

    /**
     * Next-visit observation, visits 4, 8, 12, 16, 24, follow-up 52, origin end of induction (4):
     * p0 seen at 12 (event, 8 weeks); p1 not seen before dropout at 10, last visit 8 (censored, 4); p2 last
     * visit 24 (censored, 20); p5 relapse at 30 is after the last visit (censored at 24, 20).
     */
    @Test
    void nextVisitObservation() {
        Scenario s = twoArms(RESPONSE_RELAPSE).visits(4.0, 8.0, 12.0, 16.0, 24.0)
                .observation(Schedule.Observation.NEXT_VISIT).cutoff(new Cutoff.FollowUp(52))
                .endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN, "t", "c").build();
        TimeToEventOutcomes out = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(0)).extract(relapseCohort(), 6, INF, out);
        assertEquals(4, out.size());
        assertArrayEquals(new double[] {8, 4, 20, 20}, Arrays.copyOf(out.time(), 4));
        assertArrayEquals(new boolean[] {true, false, false, false}, Arrays.copyOf(out.event(), 4));
        assertArrayEquals(new int[] {1, 0, 1, 1}, Arrays.copyOf(out.group(), 4));
        assertArrayEquals(new boolean[] {true, false, true, true}, Arrays.copyOf(out.treatment(), 4));
        assertArrayEquals(new int[] {0, 0, 1, 1}, Arrays.copyOf(out.stratum(), 4));
    }

    /** Exact observation of the same cohort: p0 and p1 relapse at 5.5 weeks, p2 censored at 52 - 4, p5 at 26. */
    @Test
    void exactObservation() {
        Scenario s = twoArms(RESPONSE_RELAPSE).cutoff(new Cutoff.FollowUp(52))
                .endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN, "t", "c").build();
        TimeToEventOutcomes out = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(0)).extract(relapseCohort(), 6, INF, out);
        assertArrayEquals(new double[] {5.5, 5.5, 48, 26}, Arrays.copyOf(out.time(), 4));
        assertArrayEquals(new boolean[] {true, true, false, true}, Arrays.copyOf(out.event(), 4));
    }

    /**
     * Calendar cutoff at week 20 with entries 0, 0, 10, 0, 0, 18: p2 entered at 10 is followed to 10 weeks
     * (censored 6 weeks after its origin under exact observation); p5 entered at 18 and is not yet at its
     * origin (end of induction at 22): excluded.
     */
    @Test
    void calendarCutoffCensorsByEntry() {
        Scenario s = twoArms(RESPONSE_RELAPSE).cutoff(new Cutoff.Calendar(20))
                .endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN, "t", "c").build();
        Cohort c = relapseCohort();
        c.enrolled[2] = 10;
        c.enrolled[5] = 18;
        TimeToEventOutcomes out = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(0)).extract(c, 6, 20, out);
        assertEquals(3, out.size());
        assertArrayEquals(new double[] {5.5, 5.5, 6}, Arrays.copyOf(out.time(), 3));
        assertArrayEquals(new boolean[] {true, true, false}, Arrays.copyOf(out.event(), 3));
    }

    /**
     * Event-driven cutoff, time from randomization, exact: entries 0..4, relapses 10, 2, 7, none, 1 give
     * events at calendar 10, 3, 9, -, 5. The 3rd event is at 9; the data at 9 hold exactly 3 events. Asking
     * for 5 events (only 4 occur) gives the last observation: the dropout of p3 at 3 + 20 = 23.
     */
    @Test
    void eventDrivenCutoff() {
        PatientModel m = new PatientModel(null, new Relapse(Relapse.Origin.RANDOMIZATION,
                new Hazard.Exponential(0.05), 0, 1), null);
        Scenario s = twoArms(m).cutoff(new Cutoff.Events(3, "relapse"))
                .endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN, "t", "c").build();
        Cohort c = new Cohort(5);
        double[] relapse = {10, 2, 7, INF, 1};
        for (int i = 0; i < 5; i++) {
            patient(c, i, i % 2, 0, i, i == 3 ? 20 : INF, false, relapse[i]);
        }
        DataCutoff cutoff = DataCutoff.compile(s);
        double t = cutoff.calendarTime(c, 5);
        assertEquals(9, t);
        EndpointExtractor e = EndpointExtractor.compile(s, s.endpoints().get(0));
        TimeToEventOutcomes out = new TimeToEventOutcomes();
        e.extract(c, 5, t, out);
        assertEquals(3, out.events());
        assertArrayEquals(new double[] {9, 2, 7, 6, 1}, Arrays.copyOf(out.time(), 5));
        assertEquals(23, e.eventDrivenCutoff(c, 5, 5));
        // Prefix of 3 patients: events at 10, 3, 9 -> the 3rd is at 10.
        assertEquals(10, cutoff.calendarTime(c, 3));
    }

    /**
     * Binary response at the end of induction (week 4), calendar cutoff at 10: patients entering at 0..9
     * are assessed if they entered by week 6 (7 patients). p1 responded but dropped out at 2: a failure.
     * Half the information (ceil(3.5) = 4 assessments) is reached at calendar 3 + 4 = 7.
     */
    @Test
    void binaryResponseWithDropoutAsFailureAndInterimTime() {
        Scenario s = twoArms(RESPONSE_RELAPSE).cutoff(new Cutoff.Calendar(10))
                .endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN, "t", "c").build();
        Cohort c = new Cohort(10);
        for (int i = 0; i < 10; i++) {
            patient(c, i, i % 2, i < 5 ? 0 : 1, i, i == 1 ? 2 : INF, i != 4, INF);
        }
        EndpointExtractor e = EndpointExtractor.compile(s, s.endpoints().get(0));
        BinaryOutcomes out = new BinaryOutcomes();
        e.extract(c, 10, 10, out);
        // Treatment (arm 0): p0, p2, p4 (stratum 0), p6 (stratum 1); control: p1, p3 (stratum 0), p5 (1).
        assertEquals(3, out.total(1, 0));
        assertEquals(2, out.events(1, 0)); // p4 did not respond
        assertEquals(1, out.total(1, 1));
        assertEquals(1, out.events(1, 1));
        assertEquals(2, out.total(0, 0));
        assertEquals(1, out.events(0, 0)); // p1 dropped out
        assertEquals(1, out.total(0, 1));
        assertEquals(3, out.events(1));
        assertEquals(7, e.information(c, 10, 10));
        double look = e.informationTime(c, 10, 10, 0.5);
        assertEquals(7, look);
        assertEquals(4, e.information(c, 10, look));
        e.extract(c, 10, look, out);
        assertEquals(4, out.total(1) + out.total(0));
        assertEquals(10, e.informationTime(c, 10, 10, 1.0));
    }

    /** Analysis strata restrict the population; stratum indices follow the endpoint's strata. */
    @Test
    void analysisStrataRestrictPopulation() {
        Scenario s = twoArms(RESPONSE_RELAPSE)
                .endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN, "t", "c", "s2").build();
        Cohort c = new Cohort(10);
        for (int i = 0; i < 10; i++) {
            patient(c, i, i % 2, i < 5 ? 0 : 1, 0, INF, true, INF);
        }
        EndpointExtractor e = EndpointExtractor.compile(s, s.endpoints().get(0));
        assertEquals(java.util.List.of("s2"), e.strataNames());
        BinaryOutcomes out = new BinaryOutcomes();
        e.extract(c, 10, INF, out);
        assertEquals(1, out.strata());
        assertEquals(5, out.total(0) + out.total(1));
    }

    /** MADRS change among completers only: end minus baseline. */
    @Test
    void madrsChangeOfCompleters() {
        PatientModel m = new PatientModel(new ResponseModel.Madrs(30, 5, -10, 8, 0.5, 10), null, null);
        Scenario s = twoArms(m).endpoint("madrs", Endpoint.Kind.MADRS_CHANGE, Double.NaN, "t", "c").build();
        Cohort c = new Cohort(3);
        for (int i = 0; i < 3; i++) {
            patient(c, i, i % 2, 0, 0, i == 1 ? 3.9 : INF, false, INF);
            c.doubles(InductionResponse.MADRS_BASELINE)[i] = 30 + i;
            c.doubles(InductionResponse.MADRS_END)[i] = 10 + 2 * i;
        }
        ContinuousOutcomes out = new ContinuousOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(0)).extract(c, 3, INF, out);
        assertEquals(2, out.size());
        assertArrayEquals(new double[] {-20, -18}, Arrays.copyOf(out.value(), 2));
        assertArrayEquals(new double[] {30, 32}, Arrays.copyOf(out.baseline(), 2));
        // A Bernoulli response model has no scores: the endpoint is refused at compile time.
        Scenario bad = twoArms(RESPONSE_RELAPSE)
                .endpoint("madrs", Endpoint.Kind.MADRS_CHANGE, Double.NaN, "t", "c").build();
        assertThrows(IllegalArgumentException.class, () -> EndpointExtractor.compile(bad, bad.endpoints().get(0)));
    }

    /**
     * Benzodiazepine endpoints count users only; time to benzodiazepine relapse runs from the end of induction
     * among discontinuers who completed induction; benzodiazepine-free at 52 needs discontinuation, no relapse
     * to benzodiazepines by 52 and no dropout before 52.
     */
    @Test
    void benzodiazepineEndpointsCountUsersOnly() {
        Scenario s = new ScenarioFixture().stratum("users", 0.5, true).stratum("others", 0.5, false)
                .arm("t", 1, false, RESPONSE_RELAPSE).arm("c", 1, true, RESPONSE_RELAPSE)
                .cutoff(new Cutoff.FollowUp(60))
                .endpoint("free", Endpoint.Kind.BENZODIAZEPINE_FREE, 52, "t", "c")
                .endpoint("benzo", Endpoint.Kind.TIME_TO_BENZODIAZEPINE_RELAPSE, Double.NaN, "t", "c").build();
        double[] benzo = {INF, 30, 61, INF, INF};
        boolean[] discontinued = {true, true, true, false, true};
        double[] dropout = {INF, INF, INF, INF, 40};
        Cohort withOther = new Cohort(6);
        for (int i = 0; i < 5; i++) {
            patient(withOther, i, 0, 0, 0, dropout[i], true, INF);
            withOther.booleans(BenzodiazepineCourse.USER)[i] = true;
            withOther.booleans(BenzodiazepineCourse.DISCONTINUED)[i] = discontinued[i];
            withOther.doubles(BenzodiazepineCourse.RELAPSE)[i] = benzo[i];
        }
        patient(withOther, 5, 0, 1, 0, INF, true, INF); // a non-user: in neither endpoint
        BinaryOutcomes bin = new BinaryOutcomes();
        EndpointExtractor free = EndpointExtractor.compile(s, s.endpoints().get(0));
        free.extract(withOther, 6, INF, bin);
        assertEquals(5, bin.total(1));
        assertEquals(2, bin.events(1)); // p0 and p2 (relapse at 61 > 52); p4 dropped out at 40
        TimeToEventOutcomes tte = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(1)).extract(withOther, 6, INF, tte);
        assertEquals(4, tte.size()); // p3 did not discontinue
        // p2: relapse at 61 is after the end of follow-up (60): censored at 60 - 4 = 56; p4 censored at its
        // dropout (40 - 4). An event exactly at the end of follow-up would count (seen <= limit).
        assertArrayEquals(new double[] {56, 26, 56, 36}, Arrays.copyOf(tte.time(), 4));
        assertArrayEquals(new boolean[] {false, true, false, false}, Arrays.copyOf(tte.event(), 4));
    }

    @Test
    void wrongBufferTypeIsRefused() {
        Scenario s = twoArms(RESPONSE_RELAPSE).enrollment(new Enrollment.Uniform(10))
                .endpoint("response", Endpoint.Kind.RESPONSE, Double.NaN, "t", "c").build();
        EndpointExtractor e = EndpointExtractor.compile(s, s.endpoints().get(0));
        assertTrue(e.type() == Endpoint.Type.BINARY);
        assertThrows(IllegalStateException.class,
                () -> e.extract(new Cohort(1), 0, INF, new TimeToEventOutcomes()));
    }
}
