package org.trialsim.process.textbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.power.NullScenario;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.Problem;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

/**
 * The events process ({@code arms.<arm>.events.<name>}): draws against the closed-form survival, one stream per
 * named event, endpoints that name the event they read, its section of {@code check}, the null scenario of a
 * single-arm event-free endpoint, and its input errors. Powers against independent references are in
 * {@link TextbookReferenceTest}.
 */
class EventProcessTest {

    /** Three hazard forms, a cure fraction and a hazard ratio, two events per arm. */
    private static final String TWO_EVENTS = """
            name: two-events
            design: {sample_sizes: [200], alpha: 0.05, sides: 2}
            simulation: {replicates: 400, seed: 5}
            arms:
              trt:
                events:
                  pfs: {hazard: {weibull: {shape: 1.5, scale: 40}}, cure_fraction: 0.2, hazard_ratio: 0.65}
                  os: {hazard: {piecewise: {starts: [0, 10], rates: [0.01, 0.03]}}}
              ctl:
                events:
                  pfs: {hazard: {weibull: {shape: 1.5, scale: 40}}, cure_fraction: 0.2}
                  os: {hazard: {exponential: {median: 40}}}
            endpoints:
              pfs: {kind: time_to_event}
              os: {kind: time_to_event}
              pfs26: {kind: event_free, outcome: pfs, at_week: 26}
            schedule: {cutoff: {follow_up_weeks: 52}}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, "test.yaml");
    }

    private static ScenarioException refused(String yaml) {
        return assertThrows(ScenarioException.class, () -> parse(yaml));
    }

    private static boolean reported(ScenarioException e, int line, String path, String text) {
        for (Problem p : e.problems()) {
            if ((line < 0 || p.line() == line) && p.path().equals(path) && p.message().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static Events.Event event(Scenario s, int arm, String name) {
        return ((Events) s.arms().get(arm).model("all").process(Events.KEY)).events().get(name);
    }

    /**
     * The drawn times follow S(t) = c + (1 - c) exp(-HR H(t)) for each event and arm at weeks 5, 20 and 60.
     * 40,000 patients, 20,000 per arm; each event-free proportion is compared with its binomial standard error
     * sqrt(S(1 - S)/m), within 4 of them (a two-sided 6e-5 chance per comparison under a correct sampler, 12
     * comparisons).
     */
    @Test
    void timesFollowTheirClosedForm() {
        Scenario s = parse(TWO_EVENTS);
        int n = 40_000;
        Cohort c = new Cohort(n);
        SamplingPlan.compile(s).newSampler().sample(c, n, 7, 0);
        for (String name : List.of("pfs", "os")) {
            double[] time = c.doubles(EventProcess.column(name));
            for (int arm = 0; arm < 2; arm++) {
                Events.Event model = event(s, arm, name);
                for (double week : new double[] {5, 20, 60}) {
                    int m = 0;
                    int free = 0;
                    for (int i = 0; i < n; i++) {
                        if (c.arm[i] == arm) {
                            m++;
                            free += time[i] > week ? 1 : 0;
                        }
                    }
                    double expected = model.survival(week);
                    double se = Math.sqrt(expected * (1 - expected) / m);
                    assertEquals(expected, (double) free / m, 4 * se, name + " arm " + arm + " week " + week);
                }
            }
        }
        // the cure fraction: about a fifth of the patients never have the event
        double[] pfs = c.doubles(EventProcess.column("pfs"));
        long never = java.util.Arrays.stream(pfs).limit(n).filter(t -> t == Double.POSITIVE_INFINITY).count();
        assertEquals(0.2, never / (double) n, 4 * Math.sqrt(0.2 * 0.8 / n));
    }

    /**
     * Each named event draws from a stream of its own: the times of pfs are the same bit for bit whether os is
     * there or not, written before or after it, and os's times are not pfs's.
     */
    @Test
    void eachEventHasItsOwnStream() {
        Scenario both = parse(TWO_EVENTS);
        Scenario alone = parse(TWO_EVENTS.replace("      os: {hazard: {piecewise: {starts: [0, 10], rates: [0.01, 0.03]}}}\n", "")
                .replace("      os: {hazard: {exponential: {median: 40}}}\n", "").replace("  os: {kind: time_to_event}\n", ""));
        Scenario reordered = parse(TWO_EVENTS.replace(
                "      pfs: {hazard: {weibull: {shape: 1.5, scale: 40}}, cure_fraction: 0.2}\n"
                + "      os: {hazard: {exponential: {median: 40}}}\n",
                "      os: {hazard: {exponential: {median: 40}}}\n"
                + "      pfs: {hazard: {weibull: {shape: 1.5, scale: 40}}, cure_fraction: 0.2}\n"));
        assertEquals(List.of("os", "pfs"), List.copyOf(((Events) reordered.arms().get(1).model("all").process(Events.KEY))
                .events().keySet()));
        double[][] pfs = new double[3][];
        int i = 0;
        for (Scenario s : List.of(both, alone, reordered)) {
            Cohort c = new Cohort(300);
            SamplingPlan.compile(s).newSampler().sample(c, 300, 11, 4);
            pfs[i++] = c.doubles(EventProcess.column("pfs")).clone();
            if (s == both) {
                assertFalse(java.util.Arrays.equals(pfs[0], c.doubles(EventProcess.column("os"))));
            }
        }
        assertArrayEquals(pfs[0], pfs[1]);
        assertArrayEquals(pfs[0], pfs[2]);
        assertEquals(List.of("event_pfs", "event_os"), SamplingPlan.compile(both).columns().stream()
                .map(col -> col.name()).toList());
    }

    /** Endpoints read the event they name: by outcome, else by their own name. */
    @Test
    void endpointsNameTheEventTheyRead() {
        Scenario s = parse(TWO_EVENTS);
        assertEquals(List.of("pfs", "os", "pfs"), s.endpoints().stream().map(Endpoint::outcome).toList());
        assertEquals("event_free of pfs", s.endpoints().get(2).measured());
        assertEquals(26, s.endpoints().get(2).atWeek());
    }

    /** A design of events alone has no induction, and check says so; its section gives medians and HRs. */
    @Test
    void checkSummarisesTheEvents() {
        Scenario s = parse(TWO_EVENTS);
        assertEquals(0, s.schedule().inductionWeeks());
        String text = ScenarioSummary.of(s);
        assertTrue(text.contains("no induction (no process uses one)"), text);
        assertTrue(text.contains("Events (timed from randomization; latent, before dropout): median and event-free at week 52"),
                text);
        // ctl os: exponential median 40, free at 52 = 2^(-52/40) = 0.406
        assertTrue(text.contains("  os               ctl                  all                        40.000      0.406"
                + "          1"), text);
        // trt pfs: 0.2 + 0.8 exp(-0.65 (26/40)^1.5) at week 26
        double free26 = 0.2 + 0.8 * Math.exp(-0.65 * Math.pow(26 / 40.0, 1.5));
        assertTrue(text.contains("3. pfs26: event_free at week 26, chi_square, trt vs ctl, all patients"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "expected: trt %.3f;", free26)), text);
        assertTrue(text.contains("1. pfs: time_to_event, log_rank, trt vs ctl"), text);
    }

    /**
     * The null scenario of a single-arm event-free endpoint has the success probability p0 at the endpoint's week
     * (the closed form of the scaled model), with a cure fraction kept where the target allows it.
     */
    @Test
    void singleArmNullScenarioHasP0() {
        String yaml = """
                design: {sample_sizes: [40], sides: 1}
                arms:
                  drug:
                    events:
                      progression: {hazard: {exponential: {median: 20}}, cure_fraction: 0.1}
                dropout: {per_week: 0.01}
                endpoints:
                  free: {kind: event_free, at_week: 12, test: binomial_exact, p0: 0.4}
                """;
        Scenario s = parse(yaml);
        Scenario nul = NullScenario.of(s);
        PatientModel m = nul.arms().get(0).model("all");
        Events.Event e = ((Events) m.process(Events.KEY)).events().get("progression");
        double retained = 1 - PlanningFigures.dropout(s.dropout(), 0, 12);
        assertEquals(0.4, retained * e.survival(12), 1e-12);
        assertEquals(0.1, e.cureFraction());
    }

    /** Several events and an endpoint that names none of them: refused with its line and the names. */
    @Test
    void anEndpointMustSayWhichEventItReads() {
        ScenarioException e = refused(TWO_EVENTS.replace("  pfs: {kind: time_to_event}", "  first: {kind: time_to_event}"));
        assertTrue(reported(e, 14, "endpoints.first.outcome", "the arms define 2 under events (pfs, os)"),
                e.problems().toString());
        e = refused(TWO_EVENTS.replace("outcome: pfs", "outcome: pfss"));
        assertTrue(reported(e, 16, "endpoints.pfs26.outcome", "did you mean 'pfs'?"), e.problems().toString());
        e = refused(TWO_EVENTS.replace("  pfs: {kind: time_to_event}", "  pfs: {kind: time_to_event, outcome: os2}"));
        assertTrue(reported(e, 14, "endpoints.pfs.outcome", "which no arm defines under events"), e.problems().toString());
    }

    /**
     * Two names whose streams' hashed keys coincide (events.e585 and events.e587: the same top 21 bits of the
     * hash, found by enumeration) would draw the same numbers: the second is refused with its line, and the
     * message says to rename it.
     */
    @Test
    void twoNamesOnOneStreamAreRefused() {
        ScenarioException e = refused("""
                design: {sample_sizes: [20]}
                arms:
                  a:
                    events:
                      e585: {hazard: {exponential: {median: 5}}}
                      e587: {hazard: {exponential: {median: 5}}}
                endpoints:
                  e585: {kind: time_to_event, test: log_rank, control: null}
                """);
        assertTrue(reported(e, 6, "arms.a.events.e587", "draws from the same random stream as another name"),
                e.problems().toString());
    }

    /** An event the control arm lacks; an outcome on a kind whose process names none; a bad name; no at_week. */
    @Test
    void inputErrorsNameTheirLineAndKey() {
        ScenarioException e = refused(TWO_EVENTS.replace("      os: {hazard: {exponential: {median: 40}}}\n", ""));
        assertTrue(reported(e, 14, "endpoints.os.kind", "needs an event named os (arms.ctl.events.os), but arm ctl has"
                + " none"), e.problems().toString());
        e = refused(TWO_EVENTS.replace("  pfs: {kind: time_to_event}", "  pfs: {kind: time_to_relapse, outcome: pfs}"));
        assertTrue(reported(e, 14, "endpoints.pfs.outcome", "whose process (relapse) has no named outcomes; allowed "
                + "outcome only with kinds time_to_event, event_free, binary, continuous, change_from_baseline"),
                e.problems().toString());
        e = refused(TWO_EVENTS.replace("      os: {hazard: {exponential: {median: 40}}}", "      OS: {hazard: {exponential: {median: 40}}}"));
        assertTrue(reported(e, 12, "arms.ctl.events.OS", "allowed a lower-case letter"), e.problems().toString());
        e = refused(TWO_EVENTS.replace(", at_week: 26", ""));
        assertTrue(reported(e, 16, "endpoints.pfs26.at_week", "missing required key 'at_week'"), e.problems().toString());
        e = refused(TWO_EVENTS.replace("cure_fraction: 0.2, hazard_ratio: 0.65", "cure_fraction: 1, hazard_ratio: 0.65"));
        assertTrue(reported(e, 7, "arms.trt.events.pfs.cure_fraction", "allowed a probability in [0, 1)"),
                e.problems().toString());
        e = refused(TWO_EVENTS.replace("    events:\n      pfs: {hazard: {weibull: {shape: 1.5, scale: 40}}, cure_fraction: 0.2}\n"
                + "      os: {hazard: {exponential: {median: 40}}}\n", "    events: {}\n"));
        assertTrue(reported(e, -1, "arms.ctl.events", "found no names"), e.problems().toString());
    }
}
