package org.trialsim.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.cohort.ScenarioFixture;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.Scenario;

/**
 * Sampled cohorts through the extractor: the fractions of events, dropout-censored and administratively
 * censored patients against the competing-risks closed forms, and interim looks at an information fraction.
 */
class CensoringTest {

    private static final double LAMBDA = 0.05;
    private static final double MU = 0.02;
    private static final double INDUCTION = 4;
    private static final double FOLLOW_UP = 52;

    private static Scenario scenario(Cutoff cutoff, double enrollmentWeeks) {
        PatientModel m = new PatientModel(null,
                new Relapse(Relapse.Origin.RANDOMIZATION, new Hazard.Exponential(LAMBDA), 0, 1), null);
        return new ScenarioFixture().induction(INDUCTION).dropout(0, MU).arm("t", 1, false, m).arm("c", 1, true, m)
                .enrollment(new Enrollment.Uniform(enrollmentWeeks)).cutoff(cutoff)
                .endpoint("relapse", Endpoint.Kind.TIME_TO_RELAPSE, Double.NaN, "t", "c").build();
    }

    /**
     * Relapse T ~ Exp(lambda) from randomization, dropout D = 4 + Exp(mu) (no dropout during induction),
     * follow-up F = 52, everybody entering at week 0. With a = lambda + mu:
     * P(event seen) = (1 - e^{-4 lambda}) + lambda e^{4 mu} (e^{-4a} - e^{-52a}) / a;
     * P(censored by dropout) = mu e^{4 mu} (e^{-4a} - e^{-52a}) / a; P(censored at 52) = e^{-52 lambda - 48 mu}.
     * The three sum to 1. N = 100000 patients; 4 binomial MCSE each.
     */
    @Test
    void eventAndCensoringFractionsMatchCompetingRisks() {
        Scenario s = scenario(new Cutoff.FollowUp(FOLLOW_UP), 0);
        int n = 100_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 21, 0);
        TimeToEventOutcomes out = new TimeToEventOutcomes();
        EndpointExtractor.compile(s, s.endpoints().get(0)).extract(c, n, Double.POSITIVE_INFINITY, out);
        assertEquals(n, out.size());
        int events = 0;
        int atCutoff = 0;
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            if (out.event()[i]) {
                events++;
            } else if (out.time()[i] == FOLLOW_UP) {
                atCutoff++;
            } else {
                dropped++;
                assertTrue(out.time()[i] > INDUCTION && out.time()[i] < FOLLOW_UP);
            }
        }
        double a = LAMBDA + MU;
        double window = Math.exp(-INDUCTION * a) - Math.exp(-FOLLOW_UP * a);
        double pEvent = (1 - Math.exp(-INDUCTION * LAMBDA)) + LAMBDA * Math.exp(INDUCTION * MU) * window / a;
        double pDropout = MU * Math.exp(INDUCTION * MU) * window / a;
        double pAdmin = Math.exp(-FOLLOW_UP * LAMBDA - (FOLLOW_UP - INDUCTION) * MU);
        assertEquals(1, pEvent + pDropout + pAdmin, 1e-12);
        assertFraction(pEvent, events, n);
        assertFraction(pDropout, dropped, n);
        assertFraction(pAdmin, atCutoff, n);
    }

    private static void assertFraction(double p, int count, int n) {
        assertEquals(p, count / (double) n, 4 * Math.sqrt(p * (1 - p) / n));
    }

    /**
     * Interim look at half the events of an event-driven trial: the look time holds exactly ceil(D / 2) of
     * the D final events (no ties: event times are continuous), and extraction at the look sees them.
     */
    @Test
    void interimLookAtHalfTheEvents() {
        Scenario s = scenario(new Cutoff.Events(120, "relapse"), 26);
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        DataCutoff cutoff = DataCutoff.compile(s);
        EndpointExtractor e = EndpointExtractor.compile(s, s.endpoints().get(0));
        TimeToEventOutcomes out = new TimeToEventOutcomes();
        Cohort c = new Cohort(400);
        for (int r = 0; r < 50; r++) {
            sampler.sample(c, 400, 3, r);
            for (int n : new int[] {200, 400}) {
                double finalTime = cutoff.calendarTime(c, n);
                e.extract(c, n, finalTime, out);
                int d = out.events();
                assertEquals(Math.min(120, e.information(c, n, Double.POSITIVE_INFINITY)), d);
                double look = e.informationTime(c, n, finalTime, 0.5);
                e.extract(c, n, look, out);
                assertEquals((d + 1) / 2, out.events());
                assertTrue(look <= finalTime);
            }
        }
    }

    /** Extraction after warm-up allocates nothing (HotSpot's per-thread counter; skipped elsewhere). */
    @Test
    void extractionDoesNotAllocate() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            return;
        }
        Scenario s = scenario(new Cutoff.Events(120, "relapse"), 26);
        CohortSampler sampler = SamplingPlan.compile(s).newSampler();
        DataCutoff cutoff = DataCutoff.compile(s);
        EndpointExtractor e = EndpointExtractor.compile(s, s.endpoints().get(0));
        TimeToEventOutcomes out = new TimeToEventOutcomes();
        Cohort c = new Cohort(400);
        long id = Thread.currentThread().getId();
        long before = 0;
        for (int r = 0; r < 4000; r++) {
            if (r == 2000) {
                before = bean.getThreadAllocatedBytes(id);
            }
            sampler.sample(c, 400, 3, r);
            double t = cutoff.calendarTime(c, 400);
            e.extract(c, 400, e.informationTime(c, 400, t, 0.5), out);
            e.extract(c, 400, t, out);
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
    }
}
