package org.trialsim.report;

import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.RelapseTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.power.PatientListing;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Schedule;
import org.trialsim.scenario.Simulation;
import org.trialsim.scenario.Stratum;

class TrialCurvesTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    static Scenario scenario(Cutoff cutoff) {
        return scenario(cutoff, Schedule.Observation.EXACT, List.of());
    }

    static Scenario scenario(Cutoff cutoff, Schedule.Observation observation, List<Endpoint> endpoints) {
        PatientModel model = new PatientModel(new ResponseModel.Probability(0.5, 0.2),
                new Relapse(Relapse.Origin.RESPONSE, new Hazard.Exponential(0.05), 0, 1),
                new Benzodiazepine(0.9, 0.5, new Hazard.Exponential(0.02), 2));
        Arm ketamine = new Arm("ketamine", 1, false, Map.of("users", model));
        Arm midazolam = new Arm("midazolam", 1, true, Map.of("users", model));
        return Scenario.builder().name("toy").sampleSizes(List.of(6)).strata(new Stratum("users", 1, true))
                .arms(ketamine, midazolam).enrollment(new Enrollment.Even(6))
                .schedule(new Schedule(2, List.of(2.0, 6.0, 10.0), observation, cutoff)).endpoints(endpoints)
                .simulation(new Simulation(10, 1, Double.NaN, 10)).build();
    }

    /**
     * Six patients, three per arm, induction 2 weeks, follow-up 10 weeks from randomization:
     * ketamine: responder relapsing at week 5; responder dropping out at week 4; non-responder.
     * midazolam: responder never relapsing; responder relapsing at week 12 (after follow-up); non-responder.
     */
    static Cohort cohort() {
        Cohort c = new Cohort(6);
        c.size = 6;
        byte[] arm = {0, 0, 0, 1, 1, 1};
        boolean[] responded = {true, true, false, true, true, false};
        double[] relapse = {5, INF, INF, INF, 12, INF};
        double[] dropout = {INF, 4, INF, INF, INF, INF};
        boolean[] discontinued = {true, true, false, true, false, true};
        double[] benzoRelapse = {8, INF, INF, 3, INF, INF};
        for (int i = 0; i < 6; i++) {
            c.arm[i] = arm[i];
            c.booleans(InductionResponse.RESPONDED)[i] = responded[i];
            c.doubles(RelapseTime.TIME)[i] = relapse[i];
            c.dropout[i] = dropout[i];
            c.enrolled[i] = i;
            c.booleans(BenzodiazepineCourse.USER)[i] = true;
            c.booleans(BenzodiazepineCourse.DISCONTINUED)[i] = discontinued[i];
            c.doubles(BenzodiazepineCourse.RELAPSE)[i] = benzoRelapse[i];
        }
        return c;
    }

    /** The curves of the hand-written cohort, observed under {@code s}. */
    static TrialCurves curves(Scenario s) {
        return new TrialCurves(s, PatientListing.of(s, cohort()));
    }

    @Test
    void relapseIsTimedFromTheEndOfInductionAmongRespondersAndCensoredAtDropoutAndFollowUp() {
        List<SurvivalCurve> curves = curves(scenario(new Cutoff.FollowUp(10))).relapse();
        SurvivalCurve ketamine = curves.get(0);
        assertEquals("ketamine", ketamine.label());
        assertEquals(2, ketamine.subjects());
        // the dropout is censored 2 weeks after induction (week 4); the relapse 3 weeks after induction (week 5)
        // then has 1 at risk: S = 1 - 1/1 = 0
        assertArrayEquals(new double[] {3}, ketamine.times());
        assertArrayEquals(new int[] {1}, ketamine.atRisk());
        assertArrayEquals(new double[] {0}, ketamine.survival());
        SurvivalCurve midazolam = curves.get(1);
        assertEquals(2, midazolam.subjects());
        assertEquals(0, midazolam.times().length, "the week-12 relapse falls after the 10-week follow-up");
    }

    /**
     * A responder who drops out exactly at the end of induction completed it: the log-rank data hold the
     * patient, at risk from the end of induction and censored there, and so does the curve (the curves had a
     * copy of the rule that read "dropout after the origin" and left the patient out).
     */
    @Test
    void aDropoutAtTheEndOfInductionIsAtRiskAsInTheLogRankData() {
        Endpoint relapse = new Endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN,
                new Analysis(Analysis.Test.LOG_RANK, Double.NaN, null), "ketamine", "midazolam", List.of());
        Scenario s = scenario(new Cutoff.FollowUp(10), Schedule.Observation.EXACT, List.of(relapse));
        Cohort c = cohort();
        c.dropout[1] = 2;
        TimeToEventOutcomes rows = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, relapse).extract(c, 6, INF, rows);
        int ketamine = 0;
        for (int i = 0; i < rows.size(); i++) {
            ketamine += rows.group()[i] == 1 ? 1 : 0;
        }
        assertEquals(2, ketamine, "the extractor: patients 0 and 1 of ketamine are at risk");
        SurvivalCurve curve = new TrialCurves(s, PatientListing.of(s, c)).relapse().get(0);
        assertEquals(ketamine, curve.subjects());
        assertArrayEquals(new int[] {1}, curve.atRisk(), "censored at 0, before the relapse at 3");
    }

    @Test
    void aCalendarCutoffShortensLaterEntrants() {
        // calendar week 9: patient 0 (entered week 0) is followed 9 weeks and relapses at 5
        List<SurvivalCurve> curves = curves(scenario(new Cutoff.Calendar(9))).relapse();
        assertArrayEquals(new double[] {3}, curves.get(0).times());
        // calendar week 4 leaves patient 0 followed only 4 weeks: the relapse at week 5 is not seen
        curves = curves(scenario(new Cutoff.Calendar(4))).relapse();
        assertEquals(0, curves.get(0).times().length);
    }

    @Test
    void nextVisitObservationSeesEventsAtTheVisitAndCensorsAtTheLastContact() {
        List<SurvivalCurve> curves = curves(scenario(new Cutoff.FollowUp(10), Schedule.Observation.NEXT_VISIT,
                List.of())).relapse();
        // visits at weeks 2, 6, 10: the week-5 relapse is seen at week 6 (4 after induction); the dropout at
        // week 4 was last seen relapse-free at the week-2 visit, the end of induction (0 after it)
        assertArrayEquals(new double[] {4}, curves.get(0).times());
        assertArrayEquals(new int[] {1}, curves.get(0).atRisk());
    }

    @Test
    void anEventDrivenCutoffStopsAtTheTargetEvent() {
        Endpoint relapse = new Endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN,
                new Analysis(Analysis.Test.LOG_RANK, Double.NaN, null), "ketamine", "midazolam", List.of());
        List<SurvivalCurve> curves = curves(scenario(new Cutoff.Events(1, "relapse"),
                Schedule.Observation.EXACT, List.of(relapse))).relapse();
        // the first relapse (patient 0, entered at 0, week 5) fixes the cutoff at calendar week 5: it is
        // included; midazolam's responders entered at 3 (followed 2 weeks, none after induction) and 4 (not
        // yet past induction at the cutoff, so not in the data)
        assertArrayEquals(new double[] {3}, curves.get(0).times());
        assertEquals(2, curves.get(0).subjects());
        assertEquals(1, curves.get(1).subjects());
        assertEquals(0, curves.get(1).times().length);
    }

    @Test
    void benzodiazepineRelapseAmongDiscontinuersFromTheEndOfInduction() {
        TrialCurves t = curves(scenario(new Cutoff.FollowUp(10)));
        assertTrue(t.hasBenzodiazepineUsers());
        List<SurvivalCurve> curves = t.benzodiazepineRelapse();
        assertEquals(2, curves.get(0).subjects());
        assertArrayEquals(new double[] {6}, curves.get(0).times());
        assertArrayEquals(new double[] {0}, curves.get(0).survival(), "the other discontinuer left at week 4");
        assertEquals(2, curves.get(1).subjects());
        assertArrayEquals(new double[] {1}, curves.get(1).times());
        assertArrayEquals(new double[] {0.5}, curves.get(1).survival());
    }

    @Test
    void occupancyCountsLatentStatesPerArm() {
        List<StateOccupancy> occupancy = curves(scenario(new Cutoff.FollowUp(10))).occupancy();
        StateOccupancy k = occupancy.get(0);
        assertEquals(11, k.weeks().length);
        assertEquals(3, k.patients());
        assertEquals(0, k.responding()[1], "no response before the end of induction");
        assertEquals(2.0 / 3, k.responding()[2]);
        assertEquals(1.0 / 3, k.responding()[5]);
        assertEquals(1.0 / 3, k.relapsed()[5]);
        assertEquals(0, k.relapsed()[4]);
        assertEquals(2.0 / 3, k.benzodiazepineFree()[2]);
        assertEquals(1.0 / 3, k.benzodiazepineFree()[8]);
        StateOccupancy m = occupancy.get(1);
        assertEquals(2.0 / 3, m.responding()[10]);
        assertEquals(0, m.relapsed()[10]);
        assertEquals(1.0 / 3, m.benzodiazepineFree()[3]);
    }
}
