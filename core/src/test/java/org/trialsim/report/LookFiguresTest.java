package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The planning figures of the analyses, against what the design fixes exactly: an event-driven analysis sees
 * its target number of events in every trial; an interim of a design whose patients all enter at week 0 sees
 * all of them (the warning the shipped example deserves), while with enrollment spread over time it sees its
 * planned share and is not warned of; and the probability of rejecting at the interim equals the share of all
 * the study's replicates, each replayed, that stopped there for efficacy.
 */
class LookFiguresTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private static List<TrialReplay> replays(PowerStudy study, int count) {
        List<TrialReplay> r = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            r.add(study.replay(i, study.scenario().maxSampleSize()));
        }
        return r;
    }

    @Test
    void anEventDrivenAnalysisSeesItsTargetEvents() {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("two-arm-events-event-driven.yaml"));
        PowerStudy study = PowerStudy.of(s).replicates(40).fixedReplicates().seed(3);
        StudyResult result = study.run();
        LookFigures f = LookFigures.of(s, result, replays(study, 40));
        LookFigures.Look progression = f.looks().stream().filter(l -> l.endpoint().equals("progression")).findFirst()
                .orElseThrow();
        assertEquals(157, progression.experimentalEvents() + progression.controlEvents(), 1e-9);
        assertTrue(progression.week() > 52, "after the last entry at week 52: " + progression.week());
        assertEquals(progression.week(), f.duration(), 1e-9, "the study ends at its one analysis");
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        assertTrue(f.stages().isEmpty());
    }

    @Test
    void anInterimThatSeesEveryPatientIsWarnedOfAndASpreadOneIsNot() {
        Scenario atZero = ScenarioParser.parse(EXAMPLES.resolve("group-sequential-binary-obf.yaml"));
        PowerStudy study = PowerStudy.of(atZero).replicates(200).fixedReplicates().seed(5);
        StudyResult result = study.run();
        List<TrialReplay> all = replays(study, 200);
        LookFigures f = LookFigures.of(atZero, result, all);
        LookFigures.Look interim = f.looks().get(0);
        assertEquals(0.5, interim.planned());
        assertEquals(1.0, interim.realised(), 1e-12, "everyone is assessed at week 4, before the interim");
        assertEquals(1, f.warnings().size(), f.warnings().toString());
        assertTrue(f.warnings().get(0).startsWith("look 1 of response was planned at 50% of the information but saw"
                + " 100%"), f.warnings().get(0));

        // the stage rejections: the interim's equals the replicates that stopped there for efficacy, counted one
        // by one in the replays of every replicate of the study
        long efficacyAtInterim = all.stream().filter(r -> r.decisions().stop() == TrialReplay.Stop.EFFICACY
                && r.decisions().stopLook() == 0).count();
        assertEquals("reject:look1", f.stages().get(0).measure());
        assertEquals(efficacyAtInterim / 200.0, f.stages().get(0).reject().estimate(), 1e-15);
        long rejectedAtFinal = all.stream().filter(r -> r.decisions().stopLook() == 1
                && r.decisions().endpoints().get(0).rejected()).count();
        assertEquals(rejectedAtFinal / 200.0, f.stages().get(1).reject().estimate(), 1e-15);

        Scenario spread = atZero.toBuilder().enrollment(new Enrollment.Even(104)).build();
        PowerStudy spreadStudy = PowerStudy.of(spread).replicates(40).fixedReplicates().seed(5);
        LookFigures g = LookFigures.of(spread, spreadStudy.run(), replays(spreadStudy, 40));
        assertTrue(Math.abs(g.looks().get(0).realised() - 0.5) <= LookFigures.FRACTION_TOLERANCE,
                "patients entering evenly over two years: the interim sees about half: " + g.looks().get(0));
        assertTrue(g.warnings().isEmpty(), g.warnings().toString());
        assertTrue(g.looks().get(0).week() < g.finalAnalysis(), g.text());
    }
}
