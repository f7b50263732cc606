package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.LogRankTest;
import org.trialsim.stats.TestResult;
import org.trialsim.stats.TwoProportionZTest;

/**
 * The per-trial rows, recomputed: for a sample of rows, the test is run again by the stats classes on the data
 * of that replicate and size (the replay's copy of what the analysis saw), and must give the row's statistic,
 * p-value, estimate, patients and events; the standard error and interval must be those the class comment
 * defines; and over all replicates the rows' rejections add up to the study's power counts exactly.
 */
class PerTrialTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private static List<PerTrial.Row> rows(PowerStudy study, long to) {
        List<PerTrial.Row> rows = new ArrayList<>();
        PerTrial.run(study, 0, to, rows::add);
        return rows;
    }

    @Test
    void binaryRowsAreTheChiSquareOfTheirData() {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("two-arm-binary-chisq.yaml"));
        PowerStudy study = PowerStudy.of(s).sampleSizes(40, 80, 120).replicates(300).fixedReplicates().seed(11);
        List<PerTrial.Row> rows = rows(study, 300);
        assertEquals(300 * 3, rows.size(), "one row per replicate and size");
        for (PerTrial.Row r : rows.subList(0, 30)) {
            TrialReplay.Look look = study.replay(r.replicate(), r.nTotal()).endpoint(r.endpoint()).looks().get(0);
            EndpointData.Binary d = (EndpointData.Binary) look.data();
            TestResult t = TwoProportionZTest.withDefaults().with(Alternative.TWO_SIDED).test(d.events(1), d.total(1),
                    d.events(0), d.total(0));
            assertEquals(t.statistic(), r.statistic(), 1e-12, r.toString());
            assertEquals(t.pValue(), r.pValue(), 1e-12, r.toString());
            assertEquals((double) d.events(1) / d.total(1) - (double) d.events(0) / d.total(0), r.estimate(), 1e-12);
            assertEquals(d.total(0) + d.total(1), r.patients());
            assertEquals(d.events(0) + d.events(1), r.events());
            assertSeAndInterval(r, false);
            assertEquals(r.pValue() <= 0.05, r.rejected(), r.toString());
        }
        assertRejectionsAddUpToThePower(study, rows);
    }

    @Test
    void timeToEventRowsAreTheLogRankOfTheirData() {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("two-arm-tte-logrank.yaml"));
        PowerStudy study = PowerStudy.of(s).replicates(60).fixedReplicates().seed(13);
        List<PerTrial.Row> rows = rows(study, 60);
        for (PerTrial.Row r : rows.subList(0, 20)) {
            TrialReplay.Look look = study.replay(r.replicate(), r.nTotal()).endpoint(r.endpoint()).looks().get(0);
            EndpointData.TimeToEvent d = (EndpointData.TimeToEvent) look.data();
            int[] group = d.group();
            boolean[] treatment = new boolean[group.length];
            for (int i = 0; i < group.length; i++) {
                treatment[i] = group[i] == 1;
            }
            LogRankTest.Result t = LogRankTest.withDefaults().with(Alternative.GREATER).test(d.time(), d.event(),
                    treatment, d.stratum(), d.size());
            assertEquals(Math.abs(t.statistic()), Math.abs(r.statistic()), 1e-9, r.toString());
            assertEquals(t.pValue(), r.pValue(), 1e-9, r.toString());
            assertEquals(t.estimate(), r.estimate(), 1e-9, r.toString());
            assertEquals(d.events(), r.events());
            assertEquals(d.size(), r.patients());
            assertSeAndInterval(r, true);
        }
        assertRejectionsAddUpToThePower(study, rows);
    }

    /**
     * The gamma-Poisson rule's rows: the estimate is the rate ratio of the look's events over exposure, its
     * interval the Wald interval of the log rate ratio ({@code se = sqrt(1/D_T + 1/D_C)}), the statistic P.
     */
    @Test
    void eventRateRowsAreTheRateRatioOfTheirData() {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("two-arm-events-bayesian-rate.yaml"));
        PowerStudy study = PowerStudy.of(s).replicates(30).fixedReplicates().seed(13);
        List<PerTrial.Row> rows = rows(study, 30);
        for (PerTrial.Row r : rows.subList(0, 20)) {
            TrialReplay.Look look = study.replay(r.replicate(), r.nTotal()).endpoint(r.endpoint()).looks()
                    .get(r.look() - 1);
            EndpointData.TimeToEvent d = (EndpointData.TimeToEvent) look.data();
            double[] events = new double[2];
            double[] exposure = new double[2];
            for (int i = 0; i < d.size(); i++) {
                events[d.group()[i]] += d.event()[i] ? 1 : 0;
                exposure[d.group()[i]] += d.time()[i];
            }
            assertEquals(EffectEstimate.RATE_RATIO, r.estimateName());
            assertEquals((events[1] / exposure[1]) / (events[0] / exposure[0]), r.estimate(), 1e-12, r.toString());
            assertEquals(Math.sqrt(1 / events[1] + 1 / events[0]), r.se(), 1e-12, r.toString());
            assertEquals(1 - r.statistic(), r.pValue(), 1e-15, r.toString());
            assertSeAndInterval(r, true);
        }
        assertRejectionsAddUpToThePower(study, rows);
    }

    /** estimate / se is the test's |z|, and the interval is estimate +- 1.96 se (on the log scale for ratios). */
    private static void assertSeAndInterval(PerTrial.Row r, boolean ratio) {
        double centre = ratio ? Math.log(r.estimate()) : r.estimate();
        if (r.z() == 0) {
            assertTrue(Double.isNaN(r.se()), r.toString());
            return;
        }
        assertEquals(Math.abs(r.z()), Math.abs(centre / r.se()), 1e-9, r.toString());
        assertEquals(centre - 1.959963984540054 * r.se(), ratio ? Math.log(r.ciLower()) : r.ciLower(), 1e-9);
        assertEquals(centre + 1.959963984540054 * r.se(), ratio ? Math.log(r.ciUpper()) : r.ciUpper(), 1e-9);
    }

    private static void assertRejectionsAddUpToThePower(PowerStudy study, List<PerTrial.Row> rows) {
        StudyResult result = study.run();
        for (MeasureRow m : result.rows()) {
            if (!m.measure().startsWith("power:") || m.measure().equals("power:any") || m.measure().equals("power:all")) {
                continue;
            }
            String endpoint = m.measure().substring("power:".length());
            long rejected = rows.stream().filter(r -> r.nTotal() == m.nTotal() && r.endpoint().equals(endpoint)
                    && r.rejected() && !r.decision().equals("continue")).count();
            assertEquals(Math.round(m.estimate().estimate() * m.estimate().replicates()), rejected, m.toString());
        }
    }
}
