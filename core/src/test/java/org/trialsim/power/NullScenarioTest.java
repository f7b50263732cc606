package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
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
        Scenario s = TestScenarios.singleArm(0.4, 0.2, List.of(43), 0.05,
                new Analysis(Analysis.Test.SIMON, 0.2, new SimonDesign(13, 3, 43, 12)));
        Scenario n = NullScenario.of(s);
        ResponseModel.Probability p = (ResponseModel.Probability) n.arms().get(0).model("all").response();
        assertEquals(0.2, p.response(), 0);
    }

    @Test
    void nullSeedDiffersFromTheSeed() {
        for (long seed : new long[] {0, 1, 42, -1}) {
            assertNotEquals(seed, NullScenario.seed(seed));
            assertNotEquals(NullScenario.seed(seed), NullScenario.seed(seed + 1));
        }
    }
}
