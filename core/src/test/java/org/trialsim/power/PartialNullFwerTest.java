package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioParser;

/**
 * The familywise error in the strong sense (issue #15, point 5): rows {@code fwer_partial:<null endpoints>} under
 * each partial null configuration, against closed forms.
 *
 * <p>Two (or three) independent normal endpoints, SD 1, 50 patients per arm, one-sided two-sample t-tests at
 * alpha 0.025, each endpoint's effect 0.5 SD when at its alternative. With endpoint 1 null and endpoint 2 at its
 * alternative, p1 is uniform and independent of p2, so the familywise error is P(endpoint 1 rejected):
 * Bonferroni alpha/2 = 0.0125 exactly; Holm alpha/2 + (alpha/2) P(p2 &lt;= alpha/2) = 0.019870008721928;
 * Hochberg alpha/2 + (alpha/2) P(p2 &lt;= alpha) = 0.021211110238795, the powers from the noncentral t
 * (SciPy 1.x {@code nct.sf}; script {@code core/src/test/resources/org/trialsim/power/partial-null-fwer.py}).
 * Tolerance: 4 Monte Carlo standard errors sqrt(p(1 - p)/R) of the R null replicates, so a correct engine fails
 * with probability below 1e-4 per figure (fixed seed: it either passes or not, for ever).
 */
class PartialNullFwerTest {

    private static final int R = 20_000;
    private static final double ALPHA = 0.025;

    /** Reference values from partial-null-fwer.py (SciPy), see the class comment. */
    private static final double BONFERRONI = 0.0125;
    private static final double HOLM = 0.019870008721928196;
    private static final double HOCHBERG = 0.0212111102387953;

    static Scenario normalEndpoints(String procedure, int k) {
        StringBuilder t = new StringBuilder();
        StringBuilder c = new StringBuilder();
        StringBuilder e = new StringBuilder();
        for (int i = 1; i <= k; i++) {
            t.append("      y").append(i).append(": {mean: 0.5, sd: 1}\n");
            c.append("      y").append(i).append(": {mean: 0, sd: 1}\n");
            e.append("  y").append(i).append(": {kind: continuous, test: t_test}\n");
        }
        String yaml = "name: partial-nulls\ndesign: {sample_sizes: [100], alpha: 0.025, sides: 1}\n"
                + "arms:\n  treatment:\n    continuous_outcomes:\n" + t
                + "  control:\n    control: true\n    continuous_outcomes:\n" + c
                + "endpoints:\n" + e
                + "multiplicity: {procedure: " + procedure + (procedure.equals("graph")
                        ? ", weights: [0.5, 0.5], transitions: [[0, 1], [1, 0]]" : "") + "}\n";
        return ScenarioParser.parse(yaml, "partial-nulls.yaml");
    }

    private static StudyResult run(Scenario s, PartialNulls.Choice choice, int replicates) {
        return PowerStudy.of(s).partialNulls(choice).replicates(replicates).nullReplicates(replicates).seed(2027L)
                .threads(2).run();
    }

    private static Estimate estimate(StudyResult r, String measure) {
        return r.rows().stream().filter(m -> m.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + measure + " in " + r.rows())).estimate();
    }

    private static void assertNear(double expected, Estimate e, String what) {
        double se = Math.sqrt(expected * (1 - expected) / e.replicates());
        assertEquals(expected, e.estimate(), 4 * se, what);
    }

    @Test
    void bonferroniHolmAndHochbergHoldTheirClosedFormsUnderEachPartialNull() {
        // the graph with weights 1/2, 1/2 passing all alpha on is Holm's procedure (Bretz et al. 2009)
        Map<String, Double> expected = Map.of("bonferroni", BONFERRONI, "holm", HOLM, "hochberg", HOCHBERG,
                "graph", HOLM);
        for (Map.Entry<String, Double> p : expected.entrySet()) {
            StudyResult r = run(normalEndpoints(p.getKey(), 2), PartialNulls.Choice.ONE, R);
            for (String config : List.of("fwer_partial:y1", "fwer_partial:y2")) {
                Estimate e = estimate(r, config);
                assertEquals(R, e.replicates(), config);
                assertNear(p.getValue(), e, p.getKey() + " " + config);
            }
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("fwer_partial")), r.warnings().toString());
        }
    }

    /**
     * A graphical group-sequential design (two looks, O'Brien-Fleming-type spending, the Holm-type graph;
     * Maurer and Bretz 2013): under each partial null its familywise error is at most alpha (strong control), so
     * no row exceeds alpha by 3 Monte Carlo standard errors and none is warned of; and it is above the
     * Bonferroni split alpha/2 by more than 3 standard errors, since a rejection of the other endpoint passes its
     * alpha on (the figure is neither the global null's nor a Bonferroni design's).
     */
    @Test
    void aGraphicalGroupSequentialDesignControlsTheFamilywiseErrorStrongly() {
        Scenario s = ScenarioParser.parse("""
                name: gsd-partial
                design: {sample_sizes: [100], alpha: 0.025, sides: 1}
                enrollment: {even: {weeks: 52}}
                arms:
                  treatment:
                    continuous_outcomes:
                      y1: {mean: 0.5, sd: 1}
                      y2: {mean: 0.5, sd: 1}
                  control:
                    control: true
                    continuous_outcomes:
                      y1: {mean: 0, sd: 1}
                      y2: {mean: 0, sd: 1}
                endpoints:
                  y1: {kind: continuous, test: t_test}
                  y2: {kind: continuous, test: t_test}
                multiplicity: {procedure: graph, weights: [0.5, 0.5], transitions: [[0, 1], [1, 0]]}
                interim: {endpoint: y1, information_fractions: [0.5, 1], spending: obrien_fleming}
                """, "gsd-partial.yaml");
        StudyResult r = run(s, PartialNulls.Choice.ONE, 10_000);
        for (String m : List.of("fwer_partial:y1", "fwer_partial:y2")) {
            Estimate e = estimate(r, m);
            assertTrue(e.estimate() <= ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / e.replicates()), m + " " + e);
            assertTrue(e.estimate() > BONFERRONI + 3 * Math.sqrt(BONFERRONI * (1 - BONFERRONI) / e.replicates()),
                    m + " " + e);
        }
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("fwer_partial")), r.warnings().toString());
    }

    @Test
    void unadjustedTestingExceedsAlphaUnderTwoTrueNullsAndTheWarningSaysSo() {
        StudyResult r = run(normalEndpoints("none", 3), PartialNulls.Choice.AUTO, 20_000);
        // three endpoints, AUTO gives all 2^3 - 2 = 6 configurations, fewer null endpoints first
        List<String> measures = r.rows().stream().map(MeasureRow::measure)
                .filter(m -> m.startsWith(PartialNulls.MEASURE)).toList();
        assertEquals(List.of("fwer_partial:y1", "fwer_partial:y2", "fwer_partial:y3", "fwer_partial:y1+y2",
                "fwer_partial:y1+y3", "fwer_partial:y2+y3"), measures);
        double two = 1 - (1 - ALPHA) * (1 - ALPHA);
        for (String m : List.of("fwer_partial:y1+y2", "fwer_partial:y1+y3", "fwer_partial:y2+y3")) {
            assertNear(two, estimate(r, m), m);
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith(m + " at N = 100 is ")
                    && w.contains("above alpha 0.025 by more than 3 Monte Carlo standard errors")),
                    m + " " + r.warnings());
        }
        for (String m : List.of("fwer_partial:y1", "fwer_partial:y2", "fwer_partial:y3")) {
            assertNear(ALPHA, estimate(r, m), m);
        }
    }

    @Test
    void shardsMergeToTheResultOfOneRun() {
        PowerStudy study = PowerStudy.of(normalEndpoints("holm", 2)).partialNulls(PartialNulls.Choice.ALL)
                .replicates(1_000).nullReplicates(600).seed(5L).threads(1);
        StudyCounts merged = study.counts(700, 1_000).merge(study.counts(0, 300)).merge(study.counts(300, 700));
        StudyResult whole = study.run();
        assertEquals(whole.rows(), study.result(merged).rows());
        assertEquals(whole.warnings(), study.result(merged).warnings());
        // the partial nulls ran on the 600 null replicates, as the global null did
        assertEquals(600, estimate(whole, "fwer_partial:y1").replicates());
        assertEquals("all", study.replicateFingerprint().get("partial_nulls"));
        // counts without partial nulls are of another study
        PowerStudy without = study.partialNulls(PartialNulls.Choice.NONE);
        assertFalse(without.replicateFingerprint().containsKey("partial_nulls"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> without.counts(0, 300).merge(study.counts(300, 600)));
        assertTrue(e.getMessage().contains("partial_nulls"), e.getMessage());
    }

    @Test
    void theOtherRowsAreThoseOfAStudyWithoutPartialNulls() {
        Scenario s = normalEndpoints("hochberg", 2);
        StudyResult without = run(s, PartialNulls.Choice.NONE, 2_000);
        StudyResult with = run(s, PartialNulls.Choice.ONE, 2_000);
        assertEquals(without.rows(), with.rows().stream()
                .filter(m -> !m.measure().startsWith(PartialNulls.MEASURE)).toList());
        assertNotEquals(without.rows().size(), with.rows().size());
    }

    @Test
    void configurationsThatShareAProcessAreLeftOutWithAReason() {
        // relapse is timed from response in the ketamine arm: response at its alternative moves relapse off its
        // null (so no configuration has relapse null and response not), while relapse at its alternative leaves
        // response null
        Scenario s = ScenarioLibrary.load("ketamine-vs-midazolam");
        List<String> notBuilt = new java.util.ArrayList<>();
        List<String> built = PartialNulls.of(s, PartialNulls.Choice.ALL, notBuilt).stream()
                .map(PartialNulls.Configuration::label).toList();
        assertEquals(List.of("response", "response+relapse"), built);
        assertTrue(notBuilt.stream().anyMatch(w -> w.startsWith("fwer_partial:relapse: endpoint relapse reads what "
                + "endpoint response reads in arm ketamine")), notBuilt.toString());
        // benzodiazepine discontinuation depends on response, and the return to benzodiazepines on relapse
        assertTrue(notBuilt.stream().anyMatch(w -> w.startsWith("fwer_partial:benzo_free: endpoint benzo_free reads "
                + "what endpoint response reads")), notBuilt.toString());
        assertTrue(notBuilt.stream().anyMatch(w -> w.startsWith("fwer_partial:response+benzo_free: endpoint benzo_free"
                + " reads what endpoint relapse reads")), notBuilt.toString());
        // and a configuration built has its null endpoints' models at the control arm's
        PartialNulls.Configuration first = PartialNulls.of(s, PartialNulls.Choice.ONE, new java.util.ArrayList<>())
                .get(0);
        assertEquals(List.of(true, false, false), first.trueNull());
        assertEquals(s.controlArm().model("non_users").response(),
                first.scenario().arms().get(s.armIndex("ketamine")).model("non_users").response());
        assertEquals(s.arms().get(s.armIndex("ketamine")).model("non_users").relapse(),
                first.scenario().arms().get(s.armIndex("ketamine")).model("non_users").relapse());
    }

    @Test
    void oneEndpointHasNoPartialNullAndIsRefused() {
        Scenario s = TestScenarios.twoArmBinary(0.4, 0.2, List.of(60), 0.025,
                org.trialsim.scenario.Design.Sidedness.ONE_SIDED, org.trialsim.scenario.Analysis.Test.CHI_SQUARE);
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> PowerStudy.of(s).partialNulls(PartialNulls.Choice.ONE).replicates(10).run());
        assertTrue(e.getMessage().contains("partial nulls need at least two endpoints"), e.getMessage());
    }

    @Test
    void theMeasureParsesAndIsWrittenAsAPartialNull() {
        Measure m = Measure.parse("fwer_partial:y1+y2");
        assertEquals(new Measure(MeasureKind.FWER_PARTIAL, "y1+y2", 0, true), m);
        assertEquals("fwer_partial:y1+y2", m.text());
    }
}
