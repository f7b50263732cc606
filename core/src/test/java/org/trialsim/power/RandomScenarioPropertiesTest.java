package org.trialsim.power;

import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.RelapseTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.Relapse;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;

/**
 * Properties of the whole pipeline (parser, sampler, endpoint extraction, tests, decisions, accumulation)
 * over random valid scenarios ({@link RandomScenarios}): a study never throws, every reported probability is
 * in [0, 1] with a finite Monte Carlo error, results do not depend on reruns or thread counts, patients are
 * conserved across states, and the null scenario's type I errors respect alpha.
 *
 * <p>Seeds are fixed (jqwik's {@code seed}), so a run is reproducible; the budget is 30 tries of 200
 * replicates per property (a few seconds in all).
 */
class RandomScenarioPropertiesTest {

    private static final int REPLICATES = 200;

    /** Type I error checks that exceeded alpha + 3 MCSE, and how many checks were made (see the property). */
    private static final List<String> EXCEEDED = Collections.synchronizedList(new ArrayList<>());
    private static int typeOneChecks;
    private static boolean typeOneProperty;

    @Provide
    Arbitrary<String> scenarios() {
        return RandomScenarios.yaml();
    }

    private static Scenario parse(String yaml) {
        try {
            return ScenarioParser.parse(yaml, "random.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError("the generator wrote an invalid scenario:\n" + e.getMessage() + "\n" + yaml, e);
        }
    }

    @Example
    void theGeneratorWritesOnlyValidScenarios() {
        Random rnd = new Random(20261122);
        for (int i = 0; i < 300; i++) {
            parse(RandomScenarios.generate(rnd));
        }
    }

    /**
     * A study never throws; every probability is in [0, 1] with a finite MCSE and an interval around it;
     * the expected sample size lies in [0, n]; a rerun and a run on 3 threads give the same rows and
     * warnings as the run on 1 thread.
     *
     * <p>Null scenarios: every endpoint's type I error (and the familywise one under a procedure that
     * controls it) must be at most alpha + 3 MCSE. For a test of exact size alpha one check exceeds this
     * with probability about 0.00135 (normal tail at 3; the exact binomial tail at 200 replicates and
     * p = 0.05 is P(X >= 20) = 0.0026, from R: {@code pbinom(19, 200, 0.05, lower.tail = FALSE)}). Up to
     * 30 x 4 = 120 checks are made, so one per-check failure would give a false alarm in up to 1 run in 3.
     * As in commons-rng's tests, each exceedance is recorded and the property fails only when more than 3
     * occur: with at most 120 checks at 0.0026 the count is at most Poisson(0.31), and P(X >= 4) = 3.5e-4
     * (R: {@code ppois(3, 0.312, lower.tail = FALSE)}). Tests that are conservative (Fisher, Yates,
     * exact binomial, Simon) make false alarms rarer still.
     */
    @Property(tries = 30, seed = "424242")
    void aStudyIsDefinedDeterministicAndControlsTypeOneError(@ForAll("scenarios") String yaml) {
        typeOneProperty = true;
        Scenario s = parse(yaml);
        PowerStudy study = PowerStudy.of(s).replicates(REPLICATES).fixedReplicates().batchSize(50);
        StudyResult one = study.threads(1).run();
        StudyResult again = study.threads(1).run();
        StudyResult three = study.threads(3).run();
        assertEquals(one.rows(), again.rows(), "rerun");
        assertEquals(one.rows(), three.rows(), "1 vs 3 threads");
        assertEquals(one.warnings(), three.warnings(), "warnings, 1 vs 3 threads");
        assertTrue(!one.rows().isEmpty(), "no rows");
        for (MeasureRow row : one.rows()) {
            Estimate e = row.estimate();
            String what = row.measure() + " at n=" + row.nTotal() + " = " + e + "\n" + yaml;
            assertTrue(Double.isFinite(e.estimate()) && Double.isFinite(e.mcSe()) && e.mcSe() >= 0, what);
            assertTrue(e.ciLower() <= e.estimate() && e.estimate() <= e.ciUpper(), what);
            assertEquals(REPLICATES, e.replicates(), what);
            if (row.measure().startsWith("expected_n")) { // expected_n and expected_n:null are sizes
                assertTrue(e.estimate() >= 0 && e.estimate() <= row.nTotal(), what);
            } else {
                assertTrue(e.estimate() >= 0 && e.estimate() <= 1, what);
                assertTrue(e.ciLower() >= 0 && e.ciUpper() <= 1, what);
            }
            boolean familywise = row.measure().equals("type1:any")
                    && s.multiplicity().procedure() != Multiplicity.Procedure.NONE;
            boolean single = row.measure().startsWith("type1:") && !row.measure().equals("type1:any");
            if (familywise || single) {
                synchronized (EXCEEDED) {
                    typeOneChecks++;
                }
                if (e.estimate() > s.design().alpha() + 3 * e.mcSe()) {
                    EXCEEDED.add(what);
                }
            }
        }
    }

    @AfterProperty
    void notMoreTypeOneExceedancesThanChanceAllows() {
        if (!typeOneProperty) {
            return; // another property of this class
        }
        typeOneProperty = false;
        assertTrue(typeOneChecks >= 20, "only " + typeOneChecks + " type I errors checked: the generator lost its nulls");
        assertTrue(EXCEEDED.size() <= 3, EXCEEDED.size() + " of " + typeOneChecks + " type I errors above alpha + "
                + "3 MCSE:\n" + String.join("\n----\n", EXCEEDED));
        EXCEEDED.clear();
        typeOneChecks = 0;
    }

    /**
     * Patients are conserved across the states of the model in every sampled cohort: arms and strata are
     * valid indices and a stratum of prevalence 0 is empty; every patient is a responder or not, and a
     * remitter is a responder; relapse after response happens only to responders and never before the end of
     * induction; benzodiazepine discontinuation and relapse concern only users, and relapse only discontinuers;
     * MADRS scores stay on the scale; and every endpoint's analysed counts split the patients of its arms
     * without loss (events <= patients; time-to-event records = patients analysed).
     */
    @Property(tries = 30, seed = "515151")
    void cohortsConservePatients(@ForAll("scenarios") String yaml) {
        Scenario s = parse(yaml);
        SamplingPlan plan = SamplingPlan.compile(s);
        CohortSampler sampler = plan.newSampler();
        int n = s.maxSampleSize();
        Cohort c = new Cohort(n);
        DataCutoff cutoff = DataCutoff.compile(s);
        BinaryOutcomes binary = new BinaryOutcomes();
        TimeToEventOutcomes times = new TimeToEventOutcomes();
        for (long r = 0; r < 20; r++) {
            sampler.sample(c, n, s.simulation().seed(), r);
            int[] perArm = new int[s.arms().size()];
            int responders = 0;
            int nonResponders = 0;
            for (int i = 0; i < n; i++) {
                int a = c.arm[i];
                int st = c.stratum[i];
                assertTrue(a >= 0 && a < s.arms().size() && st >= 0 && st < s.strata().size(), yaml);
                assertTrue(s.strata().get(st).prevalence() > 0, "patient in an empty stratum\n" + yaml);
                perArm[a]++;
                if (c.booleans(InductionResponse.RESPONDED)[i]) {
                    responders++;
                } else {
                    nonResponders++;
                    // with a MADRS model remission (end score <= 10) does not imply response (a 50% fall)
                    if (s.arms().get(a).model(s.strata().get(st).name()).response()
                            instanceof org.trialsim.scenario.ResponseModel.Probability) {
                        assertTrue(!c.booleans(InductionResponse.REMITTED)[i], "a remitter who did not respond\n" + yaml);
                    }
                }
                Relapse relapse = s.arms().get(a).model(s.strata().get(st).name()).relapse();
                if (relapse != null && relapse.origin() == Relapse.Origin.RESPONSE && c.doubles(RelapseTime.TIME)[i] < Double.POSITIVE_INFINITY) {
                    assertTrue(c.booleans(InductionResponse.RESPONDED)[i], "relapse without response\n" + yaml);
                    assertTrue(c.doubles(RelapseTime.TIME)[i] >= s.schedule().inductionWeeks(), "relapse during induction\n" + yaml);
                }
                assertTrue(!(c.doubles(RelapseTime.TIME)[i] < 0) && !Double.isNaN(c.doubles(RelapseTime.TIME)[i]), yaml);
                assertTrue(c.dropout[i] >= 0 && c.enrolled[i] >= 0, yaml);
                boolean user = s.strata().get(st).benzodiazepineUser();
                assertEquals(user, c.booleans(BenzodiazepineCourse.USER)[i], yaml);
                if (!user) {
                    assertTrue(!c.booleans(BenzodiazepineCourse.DISCONTINUED)[i], "a non-user discontinued\n" + yaml);
                }
                if (!c.booleans(BenzodiazepineCourse.DISCONTINUED)[i]) {
                    assertEquals(Double.POSITIVE_INFINITY, c.doubles(BenzodiazepineCourse.RELAPSE)[i], "relapse to benzodiazepines "
                            + "without discontinuation\n" + yaml);
                }
                if (!Double.isNaN(c.doubles(InductionResponse.MADRS_BASELINE)[i])) {
                    assertTrue(c.doubles(InductionResponse.MADRS_BASELINE)[i] >= 0 && c.doubles(InductionResponse.MADRS_BASELINE)[i] <= 60
                            && c.doubles(InductionResponse.MADRS_END)[i] >= 0 && c.doubles(InductionResponse.MADRS_END)[i] <= 60, yaml);
                }
            }
            assertEquals(n, responders + nonResponders);
            assertEquals(n, java.util.stream.IntStream.of(perArm).sum());
            double calendar = cutoff.calendarTime(c, n);
            assertTrue(!Double.isNaN(calendar), "calendar cutoff NaN\n" + yaml);
            for (Endpoint e : s.endpoints()) {
                EndpointExtractor x = EndpointExtractor.compile(s, e);
                int treatment = s.armIndex(e.treatment());
                int control = e.control() == null ? -1 : s.armIndex(e.control());
                int inArms = 0;
                for (int i = 0; i < n; i++) {
                    boolean inPopulation = e.strata().isEmpty()
                            || e.strata().contains(s.strata().get(c.stratum[i]).name());
                    if (inPopulation && (c.arm[i] == treatment || c.arm[i] == control)) {
                        inArms++;
                    }
                }
                if (x.type() == Endpoint.Type.BINARY) {
                    x.extract(c, n, calendar, binary);
                    int total = 0;
                    for (int g = 0; g < 2; g++) {
                        assertTrue(binary.events(g) <= binary.total(g) && binary.events(g) >= 0, yaml);
                        total += binary.total(g);
                    }
                    assertTrue(total <= inArms, e.name() + ": " + total + " analysed of " + inArms + "\n" + yaml);
                } else if (x.type() == Endpoint.Type.TIME_TO_EVENT) {
                    x.extract(c, n, calendar, times);
                    assertTrue(times.size() <= inArms && times.events() <= times.size(), yaml);
                    for (int i = 0; i < times.size(); i++) {
                        assertTrue(times.time()[i] >= 0 && Double.isFinite(times.time()[i]),
                                e.name() + " time " + times.time()[i] + "\n" + yaml);
                    }
                }
            }
        }
    }
}
