package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.stats.ExactBinomialTest;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.SimonDesign;

class NullScenarioTest {

    @Test
    void everyArmTakesTheControlModel() {
        Scenario s = TestScenarios.twoArmBinary(0.5, 0.2, List.of(40), 0.05, Design.Sidedness.TWO_SIDED,
                Analysis.Test.FISHER);
        Scenario n = NullScenario.of(s);
        assertEquals(s.arms().get(1).modelByStratum(), n.arms().get(0).modelByStratum());
        assertEquals(s.arms().get(1), n.arms().get(1));
        assertEquals("trt", n.arms().get(0).name());
        assertEquals(s.endpoints(), n.endpoints());
        assertEquals(s.design(), n.design());
    }

    @Test
    void singleArmTakesTheNullRate() {
        Scenario s = TestScenarios.singleArm(0.4, List.of(43), 0.05,
                new Analysis(Analysis.Test.SIMON, 0.2, new SimonDesign(13, 3, 43, 12)));
        Scenario n = NullScenario.of(s);
        ResponseModel.Probability p = (ResponseModel.Probability) n.arms().get(0).model("all").response();
        assertEquals(0.2, p.response(), 0);
    }

    /**
     * The built-in single-arm scenario tests benzodiazepine-free at week 52 (with dropout, counted as
     * failure) against p0 = 0.36 with the exact binomial test: the derived null must make the success
     * probability exactly p0, so the estimated type I error at every size matches the exact size of the
     * binomial test at p0, sum over k >= c of dbinom(k, n, 0.36), within 4 MCSE (each of the 26 comparisons
     * fails with probability 6e-5 if the derivation is right).
     */
    @Test
    void singleArmNullOfABenzodiazepineFreeEndpointWithDropoutHasSizeOfTheExactTestAtP0() {
        Scenario s = ScenarioLibrary.load("benzo-discontinuation-single-arm");
        assertEquals(Endpoint.Kind.BENZODIAZEPINE_FREE, s.endpoints().get(0).kind());
        double p0 = s.endpoints().get(0).analysis().nullValue();
        double alpha = s.design().alpha();
        int replicates = 4_000;
        StudyResult r = PowerStudy.of(s).replicates(replicates).seed(31).run();
        int checked = 0;
        for (MeasureRow row : r.rows()) {
            if (!row.measure().startsWith("type1:") || row.measure().equals("type1:any")) {
                continue;
            }
            int n = row.nTotal();
            ExactBinomialTest test = ExactBinomialTest.withDefaults().withNullProportion(p0);
            double size = test.attainedSize(n, test.criticalValue(n, alpha));
            double tol = 4 * Math.sqrt(size * (1 - size) / replicates);
            assertEquals(size, row.estimate().estimate(), tol, "n=" + n);
            checked++;
        }
        assertEquals(26, checked);
    }

    @Test
    void nullSeedDiffersFromTheSeed() {
        for (long seed : new long[] {0, 1, 42, -1}) {
            assertNotEquals(seed, NullScenario.seed(seed));
            assertNotEquals(NullScenario.seed(seed), NullScenario.seed(seed + 1));
        }
    }
}
