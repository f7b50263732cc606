package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Scenario;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.TestResult;
import org.trialsim.stats.TwoProportionZTest;

/**
 * A two-sided test's power counts only rejections in the beneficial direction (issue #15, point 5): with the
 * treatment truly worse (0.2 vs 0.5 responders, 50 per arm, two-sided chi-square at 0.05) almost every rejection
 * is harmful. Each measure is compared with its exact value, by enumeration of the 51 x 51 tables with the same
 * test: {@code reject_harm} is P(reject and p_T &lt; p_C), {@code power} P(reject and p_T &gt; p_C). Tolerance 4
 * Monte Carlo standard errors of 4,000 replicates (patient level and count level alike).
 */
class DirectionalPowerTest {

    private static double exact(boolean harmful) {
        BinomialDistribution t = BinomialDistribution.of(50, 0.2);
        BinomialDistribution c = BinomialDistribution.of(50, 0.5);
        TwoProportionZTest test = TwoProportionZTest.withDefaults().with(Alternative.TWO_SIDED);
        TestResult r = new TestResult();
        double p = 0;
        for (int x = 0; x <= 50; x++) {
            for (int y = 0; y <= 50; y++) {
                if (test.test(x, 50, y, 50, r).pValue() <= 0.05 && (harmful ? x < y : x > y)) {
                    p += t.probability(x) * c.probability(y);
                }
            }
        }
        return p;
    }

    private static double measure(StudyResult r, String name) {
        MeasureRow row = r.rows().stream().filter(m -> m.measure().equals(name)).findFirst().orElseThrow();
        return row.estimate().estimate();
    }

    @Test
    void harmfulRejectionsAreTheirOwnMeasureNotPower() {
        Scenario s = TestScenarios.twoArmBinary(0.2, 0.5, List.of(100), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.CHI_SQUARE);
        double harm = exact(true);
        double power = exact(false);
        for (TrialModel model : List.of(ScenarioTrials.MODEL, new CountLevelTrials())) {
            StudyResult r = PowerStudy.of(s, model).replicates(4000).seed(15L).threads(2).run();
            double se = Math.sqrt(harm * (1 - harm) / 4000);
            assertEquals(harm, measure(r, "reject_harm:response"), 4 * se, model.toString());
            // the exact beneficial rejection probability is below 1e-6: at most a few rejections in 4,000
            assertEquals(power, measure(r, "power:response"), 1e-3, model.toString());
            assertEquals(measure(r, "power:response"), measure(r, "power:any"), 0);
        }
    }
}
